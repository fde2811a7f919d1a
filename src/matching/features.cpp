// Design notes: each field type is one FieldData subclass holding column-oriented arrays
// (one StringColumn or POD vector per derived value). Prepare runs the expensive part
// (normalisation) in parallel into per-row slots, then interns tokens sequentially in row order,
// so token ids, and therefore everything downstream, are the same for any thread count.
#include "matching/features.hpp"

#include <sys/mman.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <unordered_map>

#include "domain/name_normalize.hpp"
#include "domain/nicknames.hpp"
#include "matching/similarity.hpp"

namespace jaring::matching {

namespace {

using domain::AreNameVariants;
using domain::FoldText;
using domain::IsInitialOf;
using domain::NormalizedName;
using domain::NormalizeName;
using domain::PhoneticKey;

void DateDigits(const domain::DateFields& d, char out[8]);

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string DigitsOnly(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// A value of a packed record (values sit at any byte offset; memcpy is the portable unaligned
// read and compiles to one load).
template <typename T>
T Load(const std::byte* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

// Up to 16 decimal digits as one word of packed BCD: the first digit in the top nibble, the
// nibbles after the last digit set to `pad` (0xE or 0xF, never a digit), so that length and
// leading zeros are kept, equal strings give equal words, and a pair's digits are unpacked by
// shifts instead of divisions. A top nibble of 0xA marks a value that has no code (longer than
// 16 digits, or 16 zeros, whose code would be the "missing" 0).
constexpr std::uint64_t kNoBcd = std::uint64_t{0xA} << 60;
bool HasBcd(std::uint64_t code) { return (code >> 60) != 0xA; }
std::uint64_t ToBcd(std::string_view digits, std::uint64_t pad = 0xF) {
  if (digits.size() > 16) return kNoBcd;
  std::uint64_t w = 0;
  for (char c : digits) w = w << 4 | static_cast<std::uint64_t>(c - '0');
  for (std::size_t k = digits.size(); k < 16; ++k) w = w << 4 | pad;
  return w == 0 ? kNoBcd : w;
}
// The digits of a code; `pad` gets the nibble after the last digit (0 after 16 digits).
std::string_view FromBcd(std::uint64_t code, char out[16], std::uint64_t& pad) {
  pad = 0;
  std::size_t n = 0;
  for (; n < 16; ++n) {
    std::uint64_t nibble = code >> (60 - 4 * n) & 0xF;
    if (nibble > 9) {
      pad = nibble;
      break;
    }
    out[n] = static_cast<char>('0' + nibble);
  }
  return std::string_view(out, n);
}

// "prefixN"/"headN" and "suffixN"/"tailN" on any string value.
bool SliceTransform(std::string_view transform, std::string_view value, std::string& out) {
  auto number = [&](std::string_view rest, std::size_t& n) {
    auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    return ec == std::errc() && p == rest.data() + rest.size() && n > 0;
  };
  std::size_t n = 0;
  for (std::string_view head : {"prefix", "head"}) {
    if (transform.starts_with(head) && number(transform.substr(head.size()), n)) {
      out = value.size() >= n ? std::string(value.substr(0, n)) : std::string();
      return true;
    }
  }
  for (std::string_view tail : {"suffix", "tail"}) {
    if (transform.starts_with(tail) && number(transform.substr(tail.size()), n)) {
      out = value.size() >= n ? std::string(value.substr(value.size() - n)) : std::string();
      return true;
    }
  }
  return false;
}

// Joins the columns of one field for one row.
class ColumnJoin {
 public:
  ColumnJoin(const RecordTable& table, const std::vector<int>& columns)
      : table_(table), columns_(columns) {}
  std::string_view Get(std::size_t row, std::string& buffer) const {
    if (columns_.size() == 1) return Trim(table_.columns[columns_[0]][row]);
    buffer.clear();
    for (int c : columns_) {
      std::string_view v = Trim(table_.columns[c][row]);
      if (v.empty()) continue;
      if (!buffer.empty()) buffer += ' ';
      buffer += v;
    }
    return buffer;
  }

 private:
  const RecordTable& table_;
  const std::vector<int>& columns_;
};

// Interns strings to dense ids (0 = missing) and counts them. Texts live in a deque (stable
// addresses), so lookups take a string_view and allocate nothing for a known value.
class Interner {
 public:
  std::uint32_t Add(std::string_view s) {
    if (s.empty()) return 0;
    auto it = ids_.find(s);
    if (it == ids_.end()) {
      texts_.emplace_back(s);
      it = ids_.emplace(std::string_view(texts_.back()), static_cast<std::uint32_t>(counts_.size()))
               .first;
      counts_.push_back(0);
    }
    ++counts_[it->second];
    return it->second;
  }
  std::uint32_t Count(std::uint32_t id) const { return id == 0 ? 0 : counts_[id]; }
  std::size_t size() const { return counts_.size(); }
  std::vector<std::string> TakeTexts() {
    std::vector<std::string> out(std::make_move_iterator(texts_.begin()),
                                 std::make_move_iterator(texts_.end()));
    ids_.clear();
    texts_.clear();
    return out;
  }
  std::string_view Text(std::uint32_t id) const { return texts_[id]; }

 private:
  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::vector<std::uint32_t> counts_{0};
  std::deque<std::string> texts_{std::string()};
};

// Interns values 0..n-1 (get(i) -> string_view that stays valid) in parallel, giving the same
// ids a sequential Interner would (order of first occurrence): each fixed chunk of rows interns
// locally, the chunks' vocabularies are merged in chunk order, and rows are remapped. The
// sequential part costs the chunks' distinct values, not the rows. Returns the texts by id
// ([0] = "") and fills ids (0 = empty) and counts (per id).
template <typename Get>
std::vector<std::string_view> InternParallel(std::size_t n, const Get& get,
                                             std::vector<std::uint32_t>& ids,
                                             std::vector<std::uint32_t>& counts) {
  constexpr std::size_t kRows = 1 << 16;
  const std::size_t chunks = (n + kRows - 1) / kRows;
  struct Local {
    std::vector<std::string_view> vocabulary;  // local id - 1 -> text
    std::vector<std::uint32_t> counts;
  };
  std::vector<Local> local(chunks);
  ids.assign(n, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::unordered_map<std::string_view, std::uint32_t> map;
    Local& l = local[c];
    for (std::size_t i = c * kRows; i < std::min(n, (c + 1) * kRows); ++i) {
      std::string_view v = get(i);
      if (v.empty()) continue;
      auto [it, inserted] = map.try_emplace(v, static_cast<std::uint32_t>(l.vocabulary.size() + 1));
      if (inserted) {
        l.vocabulary.push_back(v);
        l.counts.push_back(0);
      }
      ++l.counts[it->second - 1];
      ids[i] = it->second;
    }
  });
  std::unordered_map<std::string_view, std::uint32_t> global;
  std::vector<std::string_view> texts{std::string_view()};
  counts.assign(1, 0);
  std::vector<std::vector<std::uint32_t>> remap(chunks);
  for (std::size_t c = 0; c < chunks; ++c) {
    remap[c].assign(local[c].vocabulary.size() + 1, 0);
    for (std::size_t k = 0; k < local[c].vocabulary.size(); ++k) {
      auto [it, inserted] =
          global.try_emplace(local[c].vocabulary[k], static_cast<std::uint32_t>(texts.size()));
      if (inserted) {
        texts.push_back(local[c].vocabulary[k]);
        counts.push_back(0);
      }
      counts[it->second] += local[c].counts[k];
      remap[c][k + 1] = it->second;
    }
  }
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    for (std::size_t i = c * kRows; i < std::min(n, (c + 1) * kRows); ++i)
      ids[i] = remap[c][ids[i]];
  });
  return texts;
}

// Interns the values get(0..d-1) of d distinct texts, given in the rows' order of first
// occurrence, counting each value once per row (`rows` per text): the ids and counts that
// InternParallel over the rows would give, at the cost of the distinct texts. Fills ids (per
// text, 0 = empty) and counts (per id); returns the values by id ([0] = "").
template <typename Get>
std::vector<std::string_view> InternDistinct(std::size_t d, const Get& get,
                                             const std::vector<std::uint32_t>& rows,
                                             std::vector<std::uint32_t>& ids,
                                             std::vector<std::uint32_t>& counts) {
  std::unordered_map<std::string_view, std::uint32_t> map;
  std::vector<std::string_view> values{std::string_view()};
  counts.assign(1, 0);
  ids.assign(d, 0);
  for (std::size_t k = 0; k < d; ++k) {
    std::string_view v = get(k);
    if (v.empty()) continue;
    auto [it, inserted] = map.try_emplace(v, static_cast<std::uint32_t>(values.size()));
    if (inserted) {
      values.push_back(v);
      counts.push_back(0);
    }
    counts[it->second] += rows[k];
    ids[k] = it->second;
  }
  return values;
}

// The distinct raw texts of a field (its columns joined), interned in order of first
// occurrence: per row its text's id in `ids` (0 = empty), per text its number of rows in
// `counts`. Names and addresses repeat (a million-row roster holds about 130,000 distinct names
// and 80,000 addresses), so their expensive normalisation runs once per distinct text. Joined
// texts of several columns live in `storage`, which must outlive the returned views.
std::vector<std::string_view> DistinctTexts(const RecordTable& table,
                                            const std::vector<int>& columns,
                                            std::vector<std::string>& storage,
                                            std::vector<std::uint32_t>& ids,
                                            std::vector<std::uint32_t>& counts) {
  const std::size_t n = table.rows();
  if (columns.size() == 1) {
    const StringColumn& column = table.columns[columns[0]];
    return InternParallel(
        n, [&](std::size_t i) { return Trim(column[i]); }, ids, counts);
  }
  ColumnJoin join(table, columns);
  storage.assign(n, std::string());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 8192), [&](const auto& r) {
    std::string buffer;
    for (std::size_t i = r.begin(); i < r.end(); ++i) storage[i] = join.Get(i, buffer);
  });
  return InternParallel(
      n, [&](std::size_t i) -> std::string_view { return storage[i]; }, ids, counts);
}

// ----------------------------------------------------------------------------------------------
class NameField final : public FieldData {
 public:
  int levels() const override { return 6; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {"missing", "different", "weak",
                                                   "similar", "phonetic",  "exact"};
    return kLabels[level];
  }
  // The packed record: interned ids of the name's keys and of its bin/binti tail.
  // The packed record: interned ids of the name's keys (the sorted one's top bit says "has a
  // bin/binti tail") and where the row's token ids are (offset | count << 27; all ones when they
  // do not fit, then the token offsets are read instead).
  struct Packed {
    std::uint32_t sorted, phonetic, compact, tokens;
  };
  static constexpr std::size_t kPackedBytes = sizeof(Packed);
  static constexpr std::uint32_t kHasTail = 1u << 31, kNoTokenRef = 0xffffffffu;
  void Pack(std::uint32_t row, std::byte* out) const {
    std::uint64_t offset = token_offsets_[row], count = token_offsets_[row + 1] - offset;
    Packed p{sorted_id_[row] | (tail_id_[row] != 0 ? kHasTail : 0), phonetic_id_[row],
             compact_id_[row],
             offset < (1u << 27) && count < 31 ? static_cast<std::uint32_t>(offset | count << 27)
                                               : kNoTokenRef};
    std::memcpy(out, &p, sizeof p);
  }
  void PrefetchTokens(const std::byte* packed) const {
    const auto p = Load<Packed>(packed);
    if (p.tokens != kNoTokenRef) __builtin_prefetch(token_ids_.data() + (p.tokens & 0x7ffffff));
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    std::byte x[kPackedBytes], y[kPackedBytes];
    Pack(a, x);
    Pack(b, y);
    return ComparePacked(x, y, a, b);
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const auto x = Load<Packed>(px), y = Load<Packed>(py);
    const std::uint32_t sx = x.sorted & ~kHasTail, sy = y.sorted & ~kHasTail;
    if (sx == 0 || sy == 0) return 0;
    int level;
    if (sx == sy) {
      level = 5;
    } else if (x.phonetic == y.phonetic || x.compact == y.compact) {
      level = 4;
    } else {
      // The cheap rare-token overlap first: when it alone makes the pair "similar", the soft
      // similarity cannot change the level.
      auto tokens = [&](std::uint32_t ref, std::uint32_t row) {
        return ref == kNoTokenRef ? Tokens(row)
                                  : std::span<const std::uint32_t>(
                                        token_ids_.data() + (ref & 0x7ffffff), ref >> 27);
      };
      auto ta = tokens(x.tokens, a), tb = tokens(y.tokens, b);
      double dice = WeightedDice(ta, tb, idf_);
      if (dice >= 0.8) {
        level = 3;
      } else {
        double soft = SoftTokenSimilarity(ta, tb);
        level = soft >= 0.94 ? 3 : (soft >= 0.85 || dice >= 0.67) ? 2 : 1;
      }
    }
    if (level > 2 && (x.sorted & y.sorted & kHasTail) && tail_id_[a] != tail_id_[b] &&
        JaroWinkler(tail_text_[tail_id_[a]], tail_text_[tail_id_[b]]) < 0.85) {
      level = 2;  // "X bin Ahmad" and "X bin Slamet": different fathers
    }
    return level;
  }
  double AgreementFrequency(std::uint32_t a, std::uint32_t b, int level) const override {
    if (level == 5) return std::max(freq_sorted_[a], freq_sorted_[b]);
    if (level == 4) return std::max(freq_phonetic_[a], freq_phonetic_[b]);
    return 0.0;
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override {
    std::string_view canonical = canonical_[row];
    std::string_view first = canonical.substr(0, canonical.find(' '));
    std::string_view last = canonical.substr(canonical.rfind(' ') + 1);
    if (t.empty() || t == "sorted") {
      out = sorted_[row];
    } else if (t == "phonetic") {
      out = phonetic_[row];
    } else if (t == "first") {
      out = first;
    } else if (t == "last") {
      out = last;
    } else if (t == "phonetic_first") {
      out = first.empty() ? std::string() : PhoneticKey(first);
    } else if (t == "phonetic_last") {
      out = last.empty() ? std::string() : PhoneticKey(last);
    } else if (t == "initial") {
      out = first.substr(0, 1);
    } else if (t == "rare" || t == "phonetic_rare") {
      out = RareToken(row);
      if (!out.empty() && t == "phonetic_rare") out = PhoneticKey(out);
    } else {
      return SliceTransform(t, sorted_[row], out);
    }
    return true;
  }
  void SortValue(std::uint32_t row, std::string& out) const override { out = phonetic_[row]; }

  void Build(const RecordTable& table, const std::vector<int>& columns) {
    const std::size_t n = table.rows();
    // Each distinct raw name is normalised once; everything after works row by row as before,
    // so ids and counts are those of normalising every row.
    std::vector<std::string> joined;
    std::vector<std::uint32_t> raw_id, raw_counts;
    const std::vector<std::string_view> raw_texts =
        DistinctTexts(table, columns, joined, raw_id, raw_counts);
    std::vector<NormalizedName> distinct(raw_texts.size());
    std::vector<std::string> distinct_tails(raw_texts.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, raw_texts.size(), 1024),
                      [&](const auto& r) {
                        for (std::size_t k = r.begin(); k < r.end(); ++k) {
                          distinct[k] = NormalizeName(raw_texts[k]);
                          for (const auto& t : distinct[k].tail) {
                            if (!distinct_tails[k].empty()) distinct_tails[k] += ' ';
                            distinct_tails[k] += t;
                          }
                        }
                      });
    // Values are interned over the distinct names in their order (the rows' order of first
    // occurrence) and counted once per row holding the name.
    const std::size_t d = raw_texts.size();
    std::vector<std::uint32_t> d_sorted, d_phonetic, d_compact, d_tail, token_counts, sorted_counts,
        phonetic_counts, unused, tail_counts;
    std::vector<std::string_view> token_texts, tail_texts;
    std::vector<std::vector<std::uint32_t>> d_tokens(d);  // per distinct name: sorted unique ids
    tbb::parallel_invoke(
        [&] {
          std::unordered_map<std::string_view, std::uint32_t> map;
          token_texts.assign(1, std::string_view());
          token_counts.assign(1, 0);
          for (std::size_t k = 0; k < d; ++k) {
            for (const auto& t : distinct[k].tokens) {
              auto [it, inserted] =
                  map.try_emplace(t, static_cast<std::uint32_t>(token_texts.size()));
              if (inserted) {
                token_texts.push_back(t);
                token_counts.push_back(0);
              }
              token_counts[it->second] += raw_counts[k];
              d_tokens[k].push_back(it->second);
            }
            std::sort(d_tokens[k].begin(), d_tokens[k].end());
            d_tokens[k].erase(std::unique(d_tokens[k].begin(), d_tokens[k].end()),
                              d_tokens[k].end());
          }
        },
        [&] {
          InternDistinct(
              d, [&](std::size_t k) -> std::string_view { return distinct[k].sorted; }, raw_counts,
              d_sorted, sorted_counts);
        },
        [&] {
          InternDistinct(
              d, [&](std::size_t k) -> std::string_view { return distinct[k].phonetic; },
              raw_counts, d_phonetic, phonetic_counts);
        },
        [&] {
          InternDistinct(
              d, [&](std::size_t k) -> std::string_view { return distinct[k].compact; }, raw_counts,
              d_compact, unused);
        },
        [&] {
          tail_texts = InternDistinct(
              d, [&](std::size_t k) -> std::string_view { return distinct_tails[k]; }, raw_counts,
              d_tail, tail_counts);
        },
        [&] {
          for (std::size_t i = 0; i < n; ++i) {
            const NormalizedName& name = distinct[raw_id[i]];
            sorted_.Append(name.sorted);
            phonetic_.Append(name.phonetic);
            canonical_.Append(name.canonical);
            tail_.Append(distinct_tails[raw_id[i]]);
          }
        });
    sorted_id_.resize(n);
    phonetic_id_.resize(n);
    compact_id_.resize(n);
    tail_id_.resize(n);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 8192), [&](const auto& r) {
      for (std::size_t i = r.begin(); i < r.end(); ++i) {
        const std::uint32_t k = raw_id[i];
        sorted_id_[i] = d_sorted[k];
        phonetic_id_[i] = d_phonetic[k];
        compact_id_[i] = d_compact[k];
        tail_id_[i] = d_tail[k];
      }
    });
    // Each row's token ids, sorted and unique (document frequency counts rows, not tokens).
    token_offsets_.assign(n + 1, 0);
    token_ids_.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const auto& ids = d_tokens[raw_id[i]];
      token_ids_.insert(token_ids_.end(), ids.begin(), ids.end());
      token_offsets_[i + 1] = token_ids_.size();
    }
    token_text_.assign(token_texts.begin(), token_texts.end());
    tail_text_.assign(tail_texts.begin(), tail_texts.end());
    // Frequency per token (occurrences; a token rarely repeats within one name).
    idf_.assign(token_texts.size(), 0.0f);
    const double docs = std::max<std::size_t>(n, 1);
    for (std::uint32_t id = 1; id < token_texts.size(); ++id) {
      idf_[id] = static_cast<float>(std::log((docs + 1.0) / (token_counts[id] + 0.5)));
    }
    freq_sorted_.resize(n);
    freq_phonetic_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      freq_sorted_[i] = static_cast<float>(sorted_counts[sorted_id_[i]] / docs);
      freq_phonetic_[i] = static_cast<float>(phonetic_counts[phonetic_id_[i]] / docs);
    }
  }

 private:
  std::span<const std::uint32_t> Tokens(std::uint32_t row) const {
    return std::span<const std::uint32_t>(token_ids_.data() + token_offsets_[row],
                                          token_offsets_[row + 1] - token_offsets_[row]);
  }
  // Symmetric soft token similarity: every token of each name is paired with its most similar
  // token (Jaro–Winkler) of the other name, and the scores are averaged with idf weights. Token
  // order does not matter, a typo in one token costs little, and a shared common token
  // ("Setiawan", "Siti") does not make two different given names similar.
  double SoftTokenSimilarity(std::span<const std::uint32_t> a,
                             std::span<const std::uint32_t> b) const {
    constexpr std::size_t kMax = 8;
    if (a.size() <= kMax && b.size() <= kMax) {
      // Each token pair's similarity once (the loop below would look most of them up twice);
      // the sums run in the same order, so the value is the same to the last bit.
      double jw[kMax][kMax];
      double best_b[kMax] = {};
      double num = 0, den = 0;
      for (std::size_t i = 0; i < a.size(); ++i) {
        double best = 0;
        for (std::size_t j = 0; j < b.size(); ++j) {
          jw[i][j] = a[i] == b[j] ? 1.0 : TokenJaroWinkler(a[i], b[j]);
          best = std::max(best, jw[i][j]);
          best_b[j] = std::max(best_b[j], jw[i][j]);
        }
        num += idf_[a[i]] * best;
        den += idf_[a[i]];
      }
      for (std::size_t j = 0; j < b.size(); ++j) {
        num += idf_[b[j]] * best_b[j];
        den += idf_[b[j]];
      }
      return den > 0 ? num / den : 0.0;
    }
    double num = 0, den = 0;
    for (int side = 0; side < 2; ++side) {
      auto from = side == 0 ? a : b;
      auto to = side == 0 ? b : a;
      for (std::uint32_t x : from) {
        double best = 0;
        for (std::uint32_t y : to) {
          best = std::max(best, x == y ? 1.0 : TokenJaroWinkler(x, y));
          if (best == 1.0) break;
        }
        num += idf_[x] * best;
        den += idf_[x];
      }
    }
    return den > 0 ? num / den : 0.0;
  }
  // The canonical token of the row with the highest idf (ties: the smaller text).
  std::string RareToken(std::uint32_t row) const {
    std::string_view canonical = canonical_[row];
    std::string best;
    float best_idf = -1;
    std::size_t start = 0;
    while (start < canonical.size()) {
      std::size_t end = canonical.find(' ', start);
      if (end == std::string_view::npos) end = canonical.size();
      std::string_view token = canonical.substr(start, end - start);
      auto it = token_idf_by_text_.find(std::string(token));
      float v = it == token_idf_by_text_.end() ? 0.0f : it->second;
      if (v > best_idf || (v == best_idf && token < best)) {
        best_idf = v;
        best = std::string(token);
      }
      start = end + 1;
    }
    return best;
  }

 public:
  // Filled lazily only when a "rare" transform is used (see PrepareRareIndex).
  void PrepareRareIndex(const RecordTable& table, const std::vector<int>& columns) {
    (void)table;
    (void)columns;
    std::unordered_map<std::string, std::uint32_t> counts;
    for (std::size_t i = 0; i < canonical_.size(); ++i) {
      std::string_view c = canonical_[i];
      std::size_t start = 0;
      while (start <= c.size()) {
        std::size_t end = c.find(' ', start);
        if (end == std::string_view::npos) end = c.size();
        if (end > start) ++counts[std::string(c.substr(start, end - start))];
        start = end + 1;
      }
    }
    const double docs = std::max<std::size_t>(canonical_.size(), 1);
    for (auto& [token, count] : counts) {
      token_idf_by_text_[token] = static_cast<float>(std::log((docs + 1.0) / (count + 0.5)));
    }
  }

 private:
  StringColumn sorted_, phonetic_, canonical_, tail_;
  std::vector<std::uint32_t> sorted_id_, phonetic_id_, compact_id_, tail_id_;  // 0 = empty
  std::vector<std::string> tail_text_;                                         // by tail id
  std::vector<std::uint32_t> token_ids_;
  std::vector<std::uint64_t> token_offsets_;
  // Jaro–Winkler of two tokens, rounded to 1/65535 and remembered in a direct-mapped cache
  // (one atomic word per slot: both ids and the value, so a torn read is impossible). Name
  // vocabularies are small (a few thousand tokens) and the same token pairs recur across
  // millions of candidate pairs. The value is rounded whether or not it came from the cache,
  // so results never depend on what the cache held.
  double TokenJaroWinkler(std::uint32_t x, std::uint32_t y) const {
    if (x > y) std::swap(x, y);
    auto rounded = [&] {
      std::string_view tx = token_text_[x], ty = token_text_[y];
      double similarity = JaroWinkler(tx, ty);
      if (nicknames_ && AreNameVariants(tx, ty)) {
        similarity = 1.0;
      } else if (nicknames_ && IsInitialOf(tx, ty)) {
        similarity = std::max(similarity, 0.9);
      }
      return static_cast<std::uint64_t>(std::lround(similarity * 65535.0));
    };
    if (y >= (1u << 24)) return static_cast<double>(rounded()) / 65535.0;
    const std::uint64_t key = (std::uint64_t{x} << 24 | y) << 16;
    std::atomic<std::uint64_t>& slot =
        jw_cache_[((std::uint64_t{x} * 0x9e3779b1u) ^ y) & (kJwCacheSlots - 1)];
    std::uint64_t word = slot.load(std::memory_order_relaxed);
    if ((word & ~std::uint64_t{0xffff}) != key) {
      word = key | rounded();
      slot.store(word, std::memory_order_relaxed);
    }
    return static_cast<double>(word & 0xffff) / 65535.0;
  }
  static constexpr std::size_t kJwCacheSlots = std::size_t{1} << 17;
  mutable std::unique_ptr<std::atomic<std::uint64_t>[]> jw_cache_ {
    new std::atomic<std::uint64_t>[ kJwCacheSlots ]()
  };

  std::vector<float> idf_;
  std::vector<std::string> token_text_;  // by token id

 public:
  bool nicknames_ = false;  // FieldSpec::nicknames: set before the first comparison

 private:
  std::vector<float> freq_sorted_, freq_phonetic_;
  std::unordered_map<std::string, float> token_idf_by_text_;
};

// ----------------------------------------------------------------------------------------------
class DateField final : public FieldData {
 public:
  int levels() const override { return 6; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {"missing", "different", "same_year",
                                                   "near",    "swapped",   "exact"};
    return kLabels[level];
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    return CompareDates(dates_[a], dates_[b]);
  }
  // The packed record: present (bit 0), year (bits 1-14), month (15-21), day (22-28; a woman's
  // NIK day reaches 71); 0 when missing; all ones when a part is out of range (then the dates
  // are compared unpacked).
  static constexpr std::size_t kPackedBytes = 4;
  static constexpr std::uint32_t kUnpackable = 0xffffffffu;
  void Pack(std::uint32_t row, std::byte* out) const {
    const domain::DateFields& d = dates_[row];
    std::uint32_t w = 0;
    if (d.present) {
      bool fits = d.year >= 0 && d.year < (1 << 14) && d.month >= 0 && d.month < 128 &&
                  d.day >= 0 && d.day < 128;
      w = fits ? 1u | std::uint32_t(d.year) << 1 | std::uint32_t(d.month) << 15 |
                     std::uint32_t(d.day) << 22
               : kUnpackable;
    }
    std::memcpy(out, &w, sizeof w);
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const auto x = Load<std::uint32_t>(px), y = Load<std::uint32_t>(py);
    if (x == 0 || y == 0) return 0;
    if (x == y && x != kUnpackable) return 5;
    if (x == kUnpackable || y == kUnpackable) return Compare(a, b);
    auto unpack = [](std::uint32_t w) {
      domain::DateFields d;
      d.present = true;
      d.year = static_cast<int>(w >> 1 & 0x3fff);
      d.month = static_cast<int>(w >> 15 & 127);
      d.day = static_cast<int>(w >> 22 & 127);
      return d;
    };
    return CompareDates(unpack(x), unpack(y));
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override {
    const domain::DateFields& d = dates_[row];
    out.clear();
    if (!d.present) return t.empty() || t == "year" || t == "md" || t == "ym";
    char digits[8];
    DateDigits(d, digits);
    std::string_view all(digits, 8);
    if (t.empty()) {
      out = all;
    } else if (t == "year") {
      out = all.substr(0, 4);
    } else if (t == "md") {
      out = all.substr(4, 4);
    } else if (t == "ym") {
      out = all.substr(0, 6);
    } else {
      return false;
    }
    return true;
  }
  void Build(const RecordTable& table, const std::vector<int>& columns) {
    ColumnJoin join(table, columns);
    dates_.resize(table.rows());
    std::string buffer;
    for (std::size_t i = 0; i < table.rows(); ++i)
      dates_[i] = domain::ParseDateFields(join.Get(i, buffer));
  }

 private:
  std::vector<domain::DateFields> dates_;
};

// ----------------------------------------------------------------------------------------------
class NikField final : public FieldData {
 public:
  int levels() const override { return 6; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {
        "missing", "different", "same_birth_part", "same_region_birth", "one_edit", "exact"};
    return kLabels[level];
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    return Level(digits_[a], partial_[a] != 0, digits_[b], partial_[b] != 0);
  }
  // The packed record: the digits as BCD (ToBcd), padded with 0xE for a partial (Excel) NIK and
  // 0xF otherwise; 0 when missing.
  static constexpr std::size_t kPackedBytes = 8;
  void Pack(std::uint32_t row, std::byte* out) const {
    std::string_view d = digits_[row];
    std::uint64_t w = d.empty() ? 0 : ToBcd(d, partial_[row] ? 0xE : 0xF);
    std::memcpy(out, &w, sizeof w);
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const auto x = Load<std::uint64_t>(px), y = Load<std::uint64_t>(py);
    if (x == 0 || y == 0) return 0;
    if (!HasBcd(x) || !HasBcd(y)) return Compare(a, b);
    char dx[16], dy[16];
    std::uint64_t pad_x, pad_y;
    std::string_view sx = FromBcd(x, dx, pad_x), sy = FromBcd(y, dy, pad_y);
    if (x == y && pad_x != 0xE) return 5;
    return Level(sx, pad_x == 0xE, sy, pad_y == 0xE);
  }
  int Level(std::string_view da, bool pa, std::string_view db, bool pb) const {
    int level = CompareNikDigits(da, pa, db, pb);
    // With a birth-date field in the spec, the NIK's date and region parts repeat evidence the
    // date and region fields already give; counting it twice breaks the independence the
    // Fellegi–Sunter sum assumes (every same-birthday pair would look like a match).
    // Likewise one digit apart inside the region part (first 6 digits) of two full NIKs with
    // the same date and serial is, more often than a typo, two people born on the same day in
    // neighbouring districts (serials restart per district and date).
    // And one digit changed or two swapped between two full NIKs is, more often than a typo,
    // two people: in the region part, born the same day in neighbouring districts; in the
    // date part, born a few days apart (the date field judges that); in the serial, born the
    // same day in the same district (serials count 0001, 0002... per district and date).
    // Only a serial of 0000 (Excel rounded the last digit) stays a damaged copy of the other.
    if (collapse_parts_ && level == 4 && da.size() == 16 && db.size() == 16 && !pa && !pb &&
        da.substr(12) != "0000" && db.substr(12) != "0000") {
      level = 1;
    }
    if (collapse_parts_ && (level == 2 || level == 3)) level = 1;
    return level;
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override {
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
  void Build(const RecordTable& table, const std::vector<int>& columns) {
    ColumnJoin join(table, columns);
    std::string buffer;
    partial_.resize(table.rows());
    for (std::size_t i = 0; i < table.rows(); ++i) {
      domain::NikDigits nik = domain::NikDigitsAsWritten(join.Get(i, buffer));
      digits_.Append(nik.digits);
      partial_[i] = nik.partial ? 1 : 0;
    }
  }

 private:
  StringColumn digits_;
  std::vector<std::uint8_t> partial_;

 public:
  bool collapse_parts_ = false;
};

// ----------------------------------------------------------------------------------------------
// Strings compared whole: digits (with a small-edit level), phone, region, sex, exact, string.
class TextField final : public FieldData {
 public:
  explicit TextField(Comparator kind) : kind_(kind) {}
  int levels() const override {
    switch (kind_) {
      case Comparator::kSex:
      case Comparator::kExact:
        return 3;
      case Comparator::kDigits:
      case Comparator::kPhone:
        return 4;
      default:
        return 5;
    }
  }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kBinary[] = {"missing", "different", "exact"};
    static constexpr std::string_view kDigits[] = {"missing", "different", "one_edit", "exact"};
    static constexpr std::string_view kRegion[] = {"missing", "different", "same_regency",
                                                   "same_district", "exact"};
    static constexpr std::string_view kString[] = {"missing", "different", "weak", "similar",
                                                   "exact"};
    switch (kind_) {
      case Comparator::kSex:
      case Comparator::kExact:
        return kBinary[level];
      case Comparator::kDigits:
      case Comparator::kPhone:
        return kDigits[level];
      case Comparator::kRegion:
        return kRegion[level];
      default:
        return kString[level];
    }
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    const std::uint64_t ia = keys_[a], ib = keys_[b];
    if (ia == 0 || ib == 0) return 0;
    if (!matrix_.empty()) return matrix_[ia * distinct_ + ib];
    return CompareValues(ia, ib, values_[a], values_[b]);
  }
  // The packed record: the row's key (8 bytes for numeric keys, else the 4-byte interned id).
  std::size_t PackedBytes() const { return numeric_ ? 8 : 4; }
  void Pack(std::uint32_t row, std::byte* out) const {
    if (numeric_) {
      std::memcpy(out, &keys_[row], 8);
    } else {
      auto id = static_cast<std::uint32_t>(keys_[row]);
      std::memcpy(out, &id, 4);
    }
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const std::uint64_t x = numeric_ ? Load<std::uint64_t>(px) : Load<std::uint32_t>(px);
    const std::uint64_t y = numeric_ ? Load<std::uint64_t>(py) : Load<std::uint32_t>(py);
    if (x == 0 || y == 0) return 0;
    if (!matrix_.empty()) return matrix_[x * distinct_ + y];
    switch (kind_) {
      case Comparator::kSex:
      case Comparator::kExact:
        return x == y ? 2 : 1;
      case Comparator::kDigits:
      case Comparator::kPhone: {
        if (x == y) return 3;
        if (!numeric_ || !HasBcd(x) || !HasBcd(y)) return Compare(a, b);
        char dx[16], dy[16];
        std::uint64_t pad;
        return ClassifyEdit(FromBcd(x, dx, pad), FromBcd(y, dy, pad)) != SmallEdit::kMore ? 2 : 1;
      }
      default:
        return x == y ? levels() - 1 : Compare(a, b);
    }
  }
  // Level of two values given their ids (a, b) and texts.
  int CompareValues(std::uint64_t a, std::uint64_t b, std::string_view va,
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
  double AgreementFrequency(std::uint32_t a, std::uint32_t b, int level) const override {
    if (level != levels() - 1 || keys_[a] != keys_[b] || counts_.empty()) return 0.0;
    return static_cast<double>(counts_[keys_[a]]) / std::max<std::size_t>(keys_.size(), 1);
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override {
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
  void Build(const RecordTable& table, const std::vector<int>& columns, bool with_tf) {
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

 private:
  std::string Normalise(std::string_view raw) const {
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

  static constexpr std::uint32_t kMatrixLimit = 1024;
  Comparator kind_;
  bool numeric_ = false;  // keys are the numbers themselves (KK, phone), not interned ids
  StringColumn values_;
  std::vector<std::uint64_t> keys_;    // equal values, equal keys; 0 = missing
  std::vector<std::uint32_t> counts_;  // per interned key (empty for numeric keys)
  std::uint32_t distinct_ = 0;
  std::vector<std::uint8_t> matrix_;  // distinct_ x distinct_ levels, when distinct_ is small
};

// ----------------------------------------------------------------------------------------------
class AddressField final : public FieldData {
 public:
  int levels() const override { return 5; }
  std::string_view LevelLabel(int level) const override {
    static constexpr std::string_view kLabels[] = {"missing", "different", "some_tokens",
                                                   "most_tokens", "same_tokens"};
    return kLabels[level];
  }
  int Compare(std::uint32_t a, std::uint32_t b) const override {
    return CompareTokens(Tokens(a), Tokens(b));
  }
  // The packed record: where the row's token ids start (bits 0-39) and how many (40-63).
  static constexpr std::size_t kPackedBytes = 8;
  static constexpr std::uint64_t kTooMany = 0xffffff;
  void Pack(std::uint32_t row, std::byte* out) const {
    std::uint64_t count = std::min<std::uint64_t>(offsets_[row + 1] - offsets_[row], kTooMany);
    std::uint64_t w =
        offsets_[row] < (std::uint64_t{1} << 40) ? offsets_[row] | count << 40 : kTooMany << 40;
    std::memcpy(out, &w, sizeof w);
  }
  void PrefetchTokens(const std::byte* packed) const {
    const auto w = Load<std::uint64_t>(packed);
    __builtin_prefetch(ids_.data() + (w & ((std::uint64_t{1} << 40) - 1)));
  }
  int ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
                    std::uint32_t b) const {
    const auto x = Load<std::uint64_t>(px), y = Load<std::uint64_t>(py);
    if ((x >> 40) == kTooMany || (y >> 40) == kTooMany) return Compare(a, b);
    auto tokens = [&](std::uint64_t w) {
      return std::span<const std::uint32_t>(ids_.data() + (w & ((std::uint64_t{1} << 40) - 1)),
                                            w >> 40);
    };
    return CompareTokens(tokens(x), tokens(y));
  }
  int CompareTokens(std::span<const std::uint32_t> ta, std::span<const std::uint32_t> tb) const {
    if (ta.empty() || tb.empty()) return 0;
    if (ta.size() == tb.size() && std::equal(ta.begin(), ta.end(), tb.begin())) return 4;
    double dice = WeightedDice(ta, tb, idf_);
    return dice >= 0.67 ? 3 : dice >= 0.34 ? 2 : 1;
  }
  bool BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const override {
    if (!t.empty()) return false;
    out = text_[row];
    return true;
  }
  void Build(const RecordTable& table, const std::vector<int>& columns) {
    // Each distinct raw address is tokenised once. Its tokens are interned in the order of the
    // addresses' first occurrence, which is the order of interning row by row, and counted
    // once per row holding the address (document frequency), so ids and idf are those of
    // tokenising every row.
    std::vector<std::string> joined;
    std::vector<std::uint32_t> raw_id, raw_counts;
    const std::vector<std::string_view> raw_texts =
        DistinctTexts(table, columns, joined, raw_id, raw_counts);
    std::vector<std::vector<std::string>> distinct_tokens(raw_texts.size());
    tbb::parallel_for(std::size_t{0}, raw_texts.size(),
                      [&](std::size_t k) { distinct_tokens[k] = Tokenise(raw_texts[k]); });
    Interner interner;
    std::vector<std::uint64_t> rows_with(1, 0);  // per token id
    std::vector<std::vector<std::uint32_t>> distinct_ids(raw_texts.size());
    std::vector<std::string> distinct_text(raw_texts.size());
    for (std::size_t k = 0; k < raw_texts.size(); ++k) {
      for (const auto& t : distinct_tokens[k]) {
        if (!distinct_text[k].empty()) distinct_text[k] += ' ';
        distinct_text[k] += t;
        std::uint32_t id = interner.Add(t);
        if (id >= rows_with.size()) rows_with.resize(id + 1, 0);
        rows_with[id] += raw_counts[k];
        distinct_ids[k].push_back(id);
      }
      std::sort(distinct_ids[k].begin(), distinct_ids[k].end());
    }
    offsets_.assign(1, 0);
    for (std::size_t i = 0; i < table.rows(); ++i) {
      const auto& ids = distinct_ids[raw_id[i]];
      ids_.insert(ids_.end(), ids.begin(), ids.end());
      offsets_.push_back(ids_.size());
      text_.Append(distinct_text[raw_id[i]]);
    }
    idf_.assign(interner.size(), 0.0f);
    const double docs = std::max<std::size_t>(table.rows(), 1);
    for (std::uint32_t id = 1; id < interner.size(); ++id) {
      idf_[id] = static_cast<float>(std::log((docs + 1.0) / (rows_with[id] + 0.5)));
    }
  }

 private:
  // Folded tokens of an address, sorted and unique, in canonical forms ("jalan" = "jl",
  // "No. 05" = "5").
  static std::vector<std::string> Tokenise(std::string_view raw) {
    std::string f = FoldText(raw);
    std::vector<std::string> tokens;
    std::string token;
    auto flush = [&] {
      if (token.empty()) return;
      bool numeric =
          std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (token == "no" || token == "nomor" || token == "nmr") {  // "No. 5" = "5"
        token.clear();
        return;
      }
      if (numeric) {
        token.erase(0, std::min(token.find_first_not_of('0'), token.size() - 1));
      } else if (token == "jalan" || token == "jln") {
        token = "jl";
      } else if (token == "gang") {
        token = "gg";
      } else if (token == "dusun") {
        token = "dsn";
      } else if (token == "desa") {
        token = "ds";
      } else if (token == "street") {
        token = "st";
      } else if (token == "road") {
        token = "rd";
      }
      tokens.push_back(token);
      token.clear();
    };
    for (char c : f) {
      bool alnum =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
      if (alnum) {
        token += c;
      } else {
        flush();
      }
    }
    flush();
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    return tokens;
  }
  std::span<const std::uint32_t> Tokens(std::uint32_t row) const {
    return std::span<const std::uint32_t>(ids_.data() + offsets_[row],
                                          offsets_[row + 1] - offsets_[row]);
  }
  StringColumn text_;
  std::vector<std::uint32_t> ids_;
  std::vector<std::uint64_t> offsets_;
  std::vector<float> idf_;
};

bool UsesTransform(const Spec& spec, const std::string& field, std::string_view transform) {
  for (const auto& r : spec.blocking) {
    for (const auto& k : r.keys) {
      if (k.field == field && k.transform.ends_with(transform)) return true;
    }
  }
  return false;
}

enum PackKind : int { kPackName = 1, kPackDate, kPackNik, kPackText, kPackAddress };

}  // namespace

void PackedRows::Free::operator()(std::byte* p) const { std::free(p); }

PackedRows PackRows(const std::vector<std::unique_ptr<FieldData>>& fields, std::size_t rows) {
  PackedRows packed;
  std::vector<std::size_t> size(fields.size());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    PackedRows::Field field;
    field.data = fields[f].get();
    if (dynamic_cast<const NameField*>(field.data) != nullptr) {
      field.kind = kPackName;
      size[f] = NameField::kPackedBytes;
    } else if (dynamic_cast<const DateField*>(field.data) != nullptr) {
      field.kind = kPackDate;
      size[f] = DateField::kPackedBytes;
    } else if (dynamic_cast<const NikField*>(field.data) != nullptr) {
      field.kind = kPackNik;
      size[f] = NikField::kPackedBytes;
    } else if (const auto* text = dynamic_cast<const TextField*>(field.data)) {
      field.kind = kPackText;
      size[f] = text->PackedBytes();
    } else {
      field.kind = kPackAddress;
      size[f] = AddressField::kPackedBytes;
    }
    packed.fields_.push_back(field);
  }
  // Largest first, so that every value sits at a multiple of its own size.
  std::vector<std::size_t> order(fields.size());
  for (std::size_t f = 0; f < order.size(); ++f) order[f] = f;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return size[x] > size[y]; });
  std::size_t offset = 0;
  for (std::size_t f : order) {
    packed.fields_[f].offset = static_cast<std::uint32_t>(offset);
    offset += size[f];
  }
  // A record never straddles two cache lines when it fits in one.
  std::size_t stride = 8;
  while (stride < offset && stride < 64) stride *= 2;
  if (stride < offset) stride = (offset + 63) / 64 * 64;
  packed.stride_ = stride;
  // Pairs visit records in no useful order: 2 MB pages (where the kernel gives them on request)
  // spare most of the TLB misses of a 640 MB array at 10M rows.
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  const std::size_t bytes =
      std::max<std::size_t>((rows * stride + kHugePage - 1) / kHugePage, 1) * kHugePage;
  packed.bytes_.reset(static_cast<std::byte*>(std::aligned_alloc(kHugePage, bytes)));
  if (!packed.bytes_) throw std::bad_alloc();
  madvise(packed.bytes_.get(), bytes, MADV_HUGEPAGE);
  std::byte* base = packed.bytes_.get();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows, 8192), [&](const auto& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      std::byte* row = base + i * stride;
      std::memset(row, 0, stride);
      for (const auto& field : packed.fields_) {
        std::byte* out = row + field.offset;
        auto id = static_cast<std::uint32_t>(i);
        switch (field.kind) {
          case kPackName:
            static_cast<const NameField*>(field.data)->Pack(id, out);
            break;
          case kPackDate:
            static_cast<const DateField*>(field.data)->Pack(id, out);
            break;
          case kPackNik:
            static_cast<const NikField*>(field.data)->Pack(id, out);
            break;
          case kPackText:
            static_cast<const TextField*>(field.data)->Pack(id, out);
            break;
          default:
            static_cast<const AddressField*>(field.data)->Pack(id, out);
        }
      }
    }
  });
  return packed;
}

void PackedRows::PrefetchTokens(std::uint32_t row) const {
  const std::byte* record = bytes_.get() + std::size_t{row} * stride_;
  for (const Field& field : fields_) {
    if (field.kind == kPackName) {
      static_cast<const NameField*>(field.data)->PrefetchTokens(record + field.offset);
    } else if (field.kind == kPackAddress) {
      static_cast<const AddressField*>(field.data)->PrefetchTokens(record + field.offset);
    }
  }
}

std::uint64_t PackedRows::Compare(std::uint32_t a, std::uint32_t b) const {
  const std::byte* ra = bytes_.get() + std::size_t{a} * stride_;
  const std::byte* rb = bytes_.get() + std::size_t{b} * stride_;
  std::uint64_t pattern = 0;
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    const Field& field = fields_[f];
    const std::byte* x = ra + field.offset;
    const std::byte* y = rb + field.offset;
    int level;
    switch (field.kind) {
      case kPackName:
        level = static_cast<const NameField*>(field.data)->ComparePacked(x, y, a, b);
        break;
      case kPackDate:
        level = static_cast<const DateField*>(field.data)->ComparePacked(x, y, a, b);
        break;
      case kPackNik:
        level = static_cast<const NikField*>(field.data)->ComparePacked(x, y, a, b);
        break;
      case kPackText:
        level = static_cast<const TextField*>(field.data)->ComparePacked(x, y, a, b);
        break;
      default:
        level = static_cast<const AddressField*>(field.data)->ComparePacked(x, y, a, b);
    }
    pattern |= std::uint64_t(level) << (4 * f);
  }
  return pattern;
}

namespace {
// YYYYMMDD as 8 characters (fields reduced modulo their width).
void DateDigits(const domain::DateFields& d, char out[8]) {
  int y = ((d.year % 10000) + 10000) % 10000, m = ((d.month % 100) + 100) % 100,
      day = ((d.day % 100) + 100) % 100;
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = static_cast<char>('0' + m / 10);
  out[5] = static_cast<char>('0' + m % 10);
  out[6] = static_cast<char>('0' + day / 10);
  out[7] = static_cast<char>('0' + day % 10);
}
}  // namespace

int CompareDates(const domain::DateFields& a, const domain::DateFields& b) {
  if (!a.present || !b.present) return 0;
  if (a.year == b.year && a.month == b.month && a.day == b.day) return 5;
  if (a.year == b.year && a.month == b.day && a.day == b.month) return 4;
  if (a.year == b.year && a.month == b.month && (a.day - b.day == 40 || b.day - a.day == 40))
    return 4;
  if (a.month == b.month && a.day == b.day && (a.year - b.year == 1 || b.year - a.year == 1))
    return 3;
  char sa[8], sb[8];
  DateDigits(a, sa);
  DateDigits(b, sb);
  SmallEdit e = ClassifyEdit(std::string_view(sa, 8), std::string_view(sb, 8));
  if (e == SmallEdit::kOneSubstitution || e == SmallEdit::kOneTransposition) return 3;
  if (a.year == b.year) return 2;
  return 1;
}

int CompareNikDigits(std::string_view a, bool a_partial, std::string_view b, bool b_partial) {
  if (a.empty() || b.empty()) return 0;
  if (a_partial || b_partial) {
    std::size_t n = std::min(a.size(), b.size());
    return a.substr(0, n) == b.substr(0, n) ? 4 : 1;
  }
  if (a == b) return 5;
  SmallEdit e = ClassifyEdit(a, b);
  if (e != SmallEdit::kMore) return 4;  // one digit changed, swapped, dropped or doubled
  if (a.size() == 16 && b.size() == 16) {
    if (a.substr(0, 12) == b.substr(0, 12)) return 3;
    if (a.substr(6, 6) == b.substr(6, 6)) return 2;
  }
  return 1;
}

int CompareNiks(const domain::NikDigits& a, const domain::NikDigits& b) {
  return CompareNikDigits(a.digits, a.partial, b.digits, b.partial);
}

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

int CompareRawNames(std::string_view a, std::string_view b, bool nicknames) {
  RecordTable table;
  table.AddColumn("name");
  table.AppendRow("a", {a});
  table.AppendRow("b", {b});
  NameField field;
  field.nicknames_ = nicknames;
  field.Build(table, {0});
  return field.Compare(0, 1);
}

Result<Prepared> Prepare(const RecordTable& table, const Spec& spec) {
  Prepared prepared;
  prepared.rows = table.rows();
  std::vector<std::vector<int>> columns(spec.fields.size());
  for (std::size_t f = 0; f < spec.fields.size(); ++f) {
    for (const auto& c : spec.fields[f].columns) {
      int index = table.ColumnIndex(c);
      if (index < 0) {
        return Fail(Error::InvalidArgument("kolom tidak ditemukan", "column '" + c + "' missing"));
      }
      columns[f].push_back(index);
    }
  }
  bool has_date = false;
  for (const auto& other : spec.fields)
    has_date = has_date || other.comparator == Comparator::kDate;
  // Fields are independent: built side by side (each also parallel inside), same result for
  // any thread count.
  prepared.fields.resize(spec.fields.size());
  tbb::parallel_for(std::size_t{0}, spec.fields.size(), [&](std::size_t index) {
    const FieldSpec& f = spec.fields[index];
    std::unique_ptr<FieldData> data;
    switch (f.comparator) {
      case Comparator::kName: {
        auto name = std::make_unique<NameField>();
        name->nicknames_ = f.nicknames;
        name->Build(table, columns[index]);
        if (UsesTransform(spec, f.name, "rare")) name->PrepareRareIndex(table, columns[index]);
        data = std::move(name);
        break;
      }
      case Comparator::kDate: {
        auto date = std::make_unique<DateField>();
        date->Build(table, columns[index]);
        data = std::move(date);
        break;
      }
      case Comparator::kNik: {
        auto nik = std::make_unique<NikField>();
        nik->Build(table, columns[index]);
        nik->collapse_parts_ = has_date;
        data = std::move(nik);
        break;
      }
      case Comparator::kAddress: {
        auto address = std::make_unique<AddressField>();
        address->Build(table, columns[index]);
        data = std::move(address);
        break;
      }
      default: {
        auto text = std::make_unique<TextField>(f.comparator);
        text->Build(table, columns[index], f.tf);
        data = std::move(text);
      }
    }
    data->tf = f.tf;
    prepared.fields[index] = std::move(data);
  });
  prepared.packed = std::make_unique<const PackedRows>(PackRows(prepared.fields, prepared.rows));
  // Check blocking transforms once, so that a typo in a spec is an error, not silence.
  std::string scratch;
  for (const auto& r : spec.blocking) {
    for (const auto& k : r.keys) {
      std::size_t index = 0;
      while (index < spec.fields.size() && spec.fields[index].name != k.field) ++index;
      if (index == spec.fields.size() ||
          (prepared.rows > 0 && !prepared.fields[index]->BlockingValue(k.transform, 0, scratch))) {
        return Fail(Error::InvalidArgument("transformasi blocking tidak dikenal",
                                           "unknown blocking key " + k.field + ":" + k.transform));
      }
    }
  }
  return prepared;
}

}  // namespace jaring::matching
