// The whole-string field kinds: normalising each row's value for its kind, keys and the level
// matrix, blocking keys, and the region comparator. See internal/text_field.hpp.
#include "matching/internal/text_field.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <unordered_map>

#include "domain/name_normalize.hpp"
#include "matching/internal/interner.hpp"

namespace jaring::matching {
namespace internal {

using domain::FoldText;
using domain::PhoneticKey;

int TextField::CompareValues(std::uint64_t a, std::uint64_t b, std::string_view va,
                             std::string_view vb) const {
  switch (kind_) {
    case Comparator::kSex:
    case Comparator::kExact:
      return a == b ? 2 : 1;
    case Comparator::kDigits:
    case Comparator::kPhone:
      if (a == b) return 3;
      return ClassifyEdit(va, vb) != SmallEdit::kMore ? 2 : 1;
    case Comparator::kRegion:
      return CompareRegions(va, vb);
    default: {
      if (a == b) return 4;
      double jw = JaroWinkler(va, vb);
      return jw >= 0.92 ? 3 : jw >= 0.80 ? 2 : 1;
    }
  }
}

double TextField::AgreementFrequency(std::uint32_t a, std::uint32_t b, int level) const {
  if (level != levels() - 1 || keys_[a] != keys_[b] || counts_.empty()) return 0.0;
  return static_cast<double>(counts_[keys_[a]]) / std::max<std::size_t>(keys_.size(), 1);
}

bool TextField::BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const {
  std::string_view v = values_[row];
  out.clear();
  if (t.empty()) {
    out = v;
    return true;
  }
  if (kind_ == Comparator::kRegion && (t == "district" || t == "regency" || t == "province")) {
    int keep = t == "district" ? 3 : t == "regency" ? 2 : 1;
    if (v.find('.') != std::string_view::npos) {
      std::size_t pos = 0;
      for (int k = 0; k < keep && pos != std::string_view::npos; ++k) {
        pos = v.find('.', pos == 0 && k == 0 ? 0 : pos + 1);
      }
      out = v.substr(0, pos);
    } else {
      std::size_t len = static_cast<std::size_t>(keep) * 2;
      if (v.size() >= len) out = v.substr(0, len);
    }
    return true;
  }
  if (t == "phonetic") {
    std::string_view first = v.substr(0, v.find(' '));
    out = PhoneticKey(first);
    return true;
  }
  return SliceTransform(t, v, out);
}

void TextField::Build(const RecordTable& table, const std::vector<int>& columns, bool with_tf) {
  tf = with_tf;
  ColumnJoin join(table, columns);
  const std::size_t n = table.rows();
  std::vector<std::string> normalised(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 8192), [&](const auto& r) {
    std::string buffer;
    for (std::size_t i = r.begin(); i < r.end(); ++i)
      normalised[i] = Normalise(join.Get(i, buffer));
  });
  keys_.resize(n);
  for (std::size_t i = 0; i < n; ++i) values_.Append(normalised[i]);
  numeric_ = (kind_ == Comparator::kDigits || kind_ == Comparator::kPhone) && !tf;
  if (numeric_) {
    // KK and phone numbers are nearly all distinct: a hash table of a million strings costs
    // more than the comparisons it saves. Up to 16 digits the BCD code (ToBcd) is the key;
    // a value without a code gets kNoBcd and the position of the first row holding it.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 8192), [&](const auto& r) {
      for (std::size_t i = r.begin(); i < r.end(); ++i) {
        const std::string& v = normalised[i];
        keys_[i] = v.empty() ? 0 : ToBcd(v);
        if (!HasBcd(keys_[i])) keys_[i] = kNoBcd | i;
      }
    });
    std::unordered_map<std::string_view, std::uint64_t> long_values;
    for (std::size_t i = 0; i < n; ++i) {
      if (!HasBcd(keys_[i]))
        keys_[i] = long_values.try_emplace(normalised[i], keys_[i]).first->second;
    }
    return;
  }
  Interner interner;
  for (std::size_t i = 0; i < n; ++i) keys_[i] = interner.Add(normalised[i]);
  counts_.resize(interner.size());
  for (std::uint32_t id = 0; id < interner.size(); ++id) counts_[id] = interner.Count(id);
  // Few distinct values (sex, village, birth place): every level computed once, so a pair
  // costs one table read instead of string comparisons.
  distinct_ = static_cast<std::uint32_t>(interner.size());
  if (distinct_ <= kMatrixLimit) {
    matrix_.assign(std::size_t{distinct_} * distinct_, 0);
    tbb::parallel_for(std::uint32_t{1}, distinct_, [&](std::uint32_t x) {
      for (std::uint32_t y = 1; y < distinct_; ++y) {
        matrix_[std::size_t{x} * distinct_ + y] =
            static_cast<std::uint8_t>(CompareValues(x, y, interner.Text(x), interner.Text(y)));
      }
    });
  }
}

std::string TextField::Normalise(std::string_view raw) const {
  switch (kind_) {
    case Comparator::kDigits:
      return DigitsOnly(raw);
    case Comparator::kPhone: {
      std::string d = DigitsOnly(raw);
      if (d.starts_with("62")) d.erase(0, 2);
      while (d.starts_with("0")) d.erase(0, 1);
      return d.size() >= 6 ? d : std::string();
    }
    case Comparator::kSex: {
      std::string f = FoldText(raw);
      if (f == "l" || f == "m" || f == "male" || f == "laki-laki" || f == "laki" || f == "1" ||
          f == "lk" || f == "pria") {
        return "L";
      }
      if (f == "p" || f == "f" || f == "female" || f == "perempuan" || f == "w" || f == "2" ||
          f == "pr" || f == "wanita") {
        return "P";
      }
      return f;
    }
    case Comparator::kRegion: {
      std::string out;
      for (char c : raw) {
        if (c != ' ') out += c;
      }
      return out;
    }
    default: {
      std::string f = FoldText(raw);
      std::string out;
      for (char c : f) {
        bool space = c == ' ' || c == '\t' || c == ',' || c == '.' || c == '-';
        if (space) {
          if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
          out += c;
        }
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out;
    }
  }
}

}  // namespace internal

int CompareRegions(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 4;
  auto prefix_segments = [](std::string_view s, int n) {
    std::size_t pos = 0;
    for (int k = 0; k < n; ++k) {
      pos = s.find('.', k == 0 ? 0 : pos + 1);
      if (pos == std::string_view::npos) return s;
    }
    return s.substr(0, pos);
  };
  bool dotted = a.find('.') != std::string_view::npos && b.find('.') != std::string_view::npos;
  if (dotted) {
    if (prefix_segments(a, 3) == prefix_segments(b, 3)) return 3;
    if (prefix_segments(a, 2) == prefix_segments(b, 2)) return 2;
    return 1;
  }
  bool digits = a.size() >= 6 && b.size() >= 6 &&
                std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                std::all_of(b.begin(), b.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    if (a.substr(0, 6) == b.substr(0, 6)) return 3;
    if (a.substr(0, 4) == b.substr(0, 4)) return 2;
  }
  return 1;
}

}  // namespace jaring::matching
