// The NIK field kind: reading each row's NIK, its blocking keys, and the NIK comparator.
// See internal/nik_field.hpp.
#include "matching/internal/nik_field.hpp"

#include <algorithm>

#include "common/random.hpp"
#include "domain/nik.hpp"
#include "domain/region.hpp"
#include "matching/internal/date_field.hpp"
#include "matching/internal/text_field.hpp"
#include "matching/similarity.hpp"

namespace jaring::matching {
namespace internal {

bool NikField::BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const {
  std::string_view d = digits_[row];
  out.clear();
  if (partial_[row]) {
    // Only a prefix is known: it can share "head" keys up to its length, nothing else.
    if (t.starts_with("head") || t.starts_with("prefix")) {
      std::string tmp;
      if (!SliceTransform(t, d, tmp)) return false;
      out = tmp;
    }
    return true;
  }
  if (t.empty()) {
    out = d;
    return true;
  }
  if (t == "date") {
    if (d.size() == 16) out = d.substr(6, 6);
    return true;
  }
  if (t == "region") {
    if (d.size() == 16) out = d.substr(0, 6);
    return true;
  }
  return SliceTransform(t, d, out);
}

int NikField::LevelOneDigitApart(NikRelation relation, std::string_view da, std::string_view db,
                                 std::uint32_t a, std::uint32_t b) const {
  // Whether each NIK agrees with its own row, where the row says: a NIK that agrees with the
  // birth date (or the sex) written beside it was not mistyped there. Both agreeing: two people
  // born on two dates (a father and his namesake son), or a brother and a sister; only one: that
  // one is right and the other a damaged copy (for the date, only where both rows give the same
  // date: a row's date that is itself off, a birth year one off, would make another person's NIK
  // look like the damaged copy); neither, or unknown: the names decide as below.
  auto judge = [&](bool known, bool ok_a, bool ok_b) {
    if (!known) return 0;
    if (ok_a && ok_b) return 1;
    return ok_a != ok_b ? 4 : 0;
  };
  int level = 0;
  if (relation == NikRelation::kDateTypo && date_ != nullptr) {
    level =
        judge(date_->HasDate(a) && date_->HasDate(b), date_->AgreesWithNikDate(a, da.substr(6, 6)),
              date_->AgreesWithNikDate(b, db.substr(6, 6)));
    if (level == 4 && date_->Compare(a, b) != 5) level = 3;
  } else if (relation == NikRelation::kSexDigit && sex_ != nullptr) {
    auto agrees = [&](std::uint32_t row, std::string_view d) {
      return sex_->Value(row) == (d[6] >= '4' ? "P" : "L");
    };
    auto known = [&](std::uint32_t row) {
      const std::string_view s = sex_->Value(row);
      return s == "L" || s == "P";
    };
    level = judge(known(a) && known(b), agrees(a, da), agrees(b, db));
  }
  if (level != 0) return level;
  // Rows a and b: the name is read only for the rare pair one digit apart.
  const bool same_name = name_ != nullptr && name_->Compare(a, b) >= 4;
  return NikLevel(relation, same_name);
}

std::optional<NikField::SameDayShares> NikField::SharesAmongSameBirthDate(
    std::uint64_t seed, std::size_t pairs, std::size_t left_rows) const {
  if (date_ == nullptr) return std::nullopt;
  // Rows with a NIK bucketed by the birth date their row gives (as the candidates are blocked),
  // left rows before right rows within a bucket (row order), by a counting sort.
  const std::size_t n = partial_.size();
  constexpr std::size_t kKeys = DateField::kDayKeys;
  auto key = [&](std::uint32_t row) -> std::int64_t {
    return digits_[row].empty() ? -1 : date_->DayKey(row);
  };
  std::vector<std::uint32_t> start(kKeys + 1, 0);
  std::vector<std::int64_t> keys(n);
  for (std::uint32_t r = 0; r < n; ++r) {
    keys[r] = key(r);
    if (keys[r] >= 0) ++start[static_cast<std::size_t>(keys[r]) + 1];
  }
  for (std::size_t k = 0; k < kKeys; ++k) start[k + 1] += start[k];
  std::vector<std::uint32_t> order(start[kKeys]);
  {
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::uint32_t r = 0; r < n; ++r) {
      if (keys[r] >= 0) order[next[static_cast<std::size_t>(keys[r])]++] = r;
    }
  }
  // Buckets weighted by how many pairs they hold, so that a drawn pair is uniform over all
  // same-day pairs.
  struct Bucket {
    std::uint32_t begin, split, end;  // [begin, split) left rows, [split, end) right rows
  };
  std::vector<Bucket> buckets;
  std::vector<std::uint64_t> cumulative;
  std::uint64_t total = 0;
  for (std::size_t k = 0; k < kKeys; ++k) {
    const std::uint32_t b = start[k], e = start[k + 1];
    if (e - b < 2) continue;
    std::uint32_t split = b;
    while (split < e && order[split] < left_rows) ++split;
    const std::uint64_t count = left_rows > 0 ? std::uint64_t{split - b} * (e - split)
                                              : std::uint64_t{e - b} * (e - b - 1) / 2;
    if (count == 0) continue;
    total += count;
    buckets.push_back({b, split, e});
    cumulative.push_back(total);
  }
  if (total == 0 || pairs == 0) return std::nullopt;
  Random random(seed * 0x9e3779b97f4a7c15ull + 0x6e696b);
  std::size_t present = 0, typos = 0, one_edits = 0;
  for (std::size_t k = 0; k < pairs; ++k) {
    const std::uint64_t pick = random.Below(total);
    const std::size_t i = static_cast<std::size_t>(
        std::upper_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin());
    const Bucket& g = buckets[i];
    std::uint32_t a, b;
    if (left_rows > 0) {
      a = order[g.begin + random.Below(g.split - g.begin)];
      b = order[g.split + random.Below(g.end - g.split)];
    } else {
      const std::uint32_t size = g.end - g.begin;
      const std::uint32_t x = static_cast<std::uint32_t>(random.Below(size));
      std::uint32_t y = static_cast<std::uint32_t>(random.Below(size - 1));
      if (y >= x) ++y;
      a = order[g.begin + x];
      b = order[g.begin + y];
    }
    const int level = Compare(a, b);
    if (level == 0) continue;
    ++present;
    typos += level == 3 ? 1 : 0;
    one_edits += level == 4 ? 1 : 0;
  }
  const double all = static_cast<double>(present) + 1.0;
  return SameDayShares{(static_cast<double>(typos) + 0.5) / all,
                       (static_cast<double>(one_edits) + 0.5) / all};
}

void NikField::Build(const RecordTable& table, const std::vector<int>& columns) {
  ColumnJoin join(table, columns);
  std::string buffer;
  partial_.resize(table.rows());
  for (std::size_t i = 0; i < table.rows(); ++i) {
    domain::NikDigits nik = domain::NikDigitsAsWritten(join.Get(i, buffer));
    digits_.Append(nik.digits);
    partial_[i] = nik.partial ? 1 : 0;
  }
}

}  // namespace internal

namespace internal {

NikRelation RelateNiks(std::string_view a, bool a_partial, std::string_view b, bool b_partial) {
  if (a.empty() || b.empty()) return NikRelation::kMissing;
  if (a_partial || b_partial) {
    // Excel's scientific form keeps a prefix: region (and, from 12 digits on, birth date).
    std::size_t n = std::min(a.size(), b.size());
    if (a.substr(0, n) != b.substr(0, n)) return NikRelation::kDamaged;
    return n >= 12 ? NikRelation::kOneEdit : NikRelation::kRegionTypo;
  }
  // Equal: exact, unless both are Excel's serial 0000 (rounded from one of nine serials of one
  // district and day): a strong agreement, but not one that lifts a veto.
  if (a == b) {
    return a.size() == 16 && a.ends_with("0000") ? NikRelation::kOneEdit : NikRelation::kExact;
  }
  const bool both_formed = domain::NikDigitsWellFormed(a) && domain::NikDigitsWellFormed(b);
  const SmallEdit e = ClassifyEdit(a, b);
  // More than one typo apart: two people when both are well-formed NIKs, else a damaged value
  // (a dropped digit and a changed one, a letter O...) that is not anyone's NIK.
  if (e == SmallEdit::kMore) return both_formed ? NikRelation::kConflict : NikRelation::kDamaged;
  if (a.size() != 16 || b.size() != 16) return NikRelation::kOneEdit;  // a digit dropped/doubled
  std::size_t first = 0;
  while (a[first] == b[first]) ++first;
  const std::size_t last = e == SmallEdit::kOneTransposition ? first + 1 : first;
  // Excel keeps 15 significant digits: the last one becomes 0.
  if (e == SmallEdit::kOneSubstitution && first == 15 && (a[15] == '0' || b[15] == '0'))
    return NikRelation::kOneEdit;
  if (!both_formed) return NikRelation::kOneEdit;  // the edit made one malformed: damaged copy
  if ((a[6] >= '4') != (b[6] >= '4')) return NikRelation::kSexDigit;
  if (first >= 12) {
    // Serials count up per district and birth date; twins are registered one after the other.
    auto serial = [](std::string_view d) {
      return ((d[12] - '0') * 10 + (d[13] - '0')) * 100 + (d[14] - '0') * 10 + (d[15] - '0');
    };
    const int gap = serial(a) - serial(b);
    return gap == 1 || gap == -1 ? NikRelation::kNextSerial : NikRelation::kSerialTypo;
  }
  if (last >= 6) return NikRelation::kDateTypo;  // (a swap across date and serial included)
  // The region part: a typo often makes a district that does not exist (a damaged copy).
  auto district = [](std::string_view d) {
    char dotted[8] = {d[0], d[1], '.', d[2], d[3], '.', d[4], d[5]};
    return domain::RegionIndex::Embedded().Exists(std::string_view(dotted, 8));
  };
  return district(a) && district(b) ? NikRelation::kRegionTypo : NikRelation::kOneEdit;
}

int NikLevel(NikRelation relation, bool same_name) {
  switch (relation) {
    case NikRelation::kMissing:
      return 0;
    case NikRelation::kConflict:
      return 1;
    case NikRelation::kDamaged:
      return 2;
    case NikRelation::kRegionTypo:
    case NikRelation::kDateTypo:
    case NikRelation::kSerialTypo:
      return 3;
    case NikRelation::kSexDigit:
    case NikRelation::kNextSerial:
      // Twins (or a brother and sister born the same day), whose names differ: two people,
      // however alike the rest. Under one name they are one person and the digit is a typo:
      // twins are not given the same name.
      return same_name ? 3 : 1;
    case NikRelation::kOneEdit:
      return 4;
    case NikRelation::kExact:
      return 5;
  }
  return 1;
}

}  // namespace internal

int CompareNikDigits(std::string_view a, bool a_partial, std::string_view b, bool b_partial,
                     bool same_name) {
  return internal::NikLevel(internal::RelateNiks(a, a_partial, b, b_partial), same_name);
}

int CompareNiks(const domain::NikDigits& a, const domain::NikDigits& b, bool same_name) {
  return CompareNikDigits(a.digits, a.partial, b.digits, b.partial, same_name);
}

}  // namespace jaring::matching
