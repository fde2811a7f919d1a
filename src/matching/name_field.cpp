// The name field kind: building the per-row keys and token ids from each distinct name, the
// graded comparison, and the name blocking transforms. See internal/name_field.hpp.
#include "matching/internal/name_field.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <cmath>

#include "domain/name_normalize.hpp"
#include "domain/nicknames.hpp"
#include "matching/internal/interner.hpp"
#include "matching/similarity.hpp"

namespace jaring::matching {
namespace internal {

using domain::AreNameVariants;
using domain::IsInitialOf;
using domain::NormalizedName;
using domain::NormalizeName;
using domain::PhoneticKey;

int NameField::ComparePacked(const std::byte* px, const std::byte* py, std::uint32_t a,
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
      return ref == kNoTokenRef
                 ? Tokens(row)
                 : std::span<const std::uint32_t>(token_ids_.data() + (ref & 0x7ffffff), ref >> 27);
    };
    auto ta = tokens(x.tokens, a), tb = tokens(y.tokens, b);
    double dice = WeightedDice(ta, tb, idf_);
    if (dice >= 0.8) {
      level = 3;
    } else {
      double soft = SoftTokenSimilarity(ta, tb);
      level = soft >= 0.94 ? 3 : (soft >= 0.85 || dice >= 0.67) ? 2 : 1;
      // One list has the full name, the other only its first word or call name ("Eko" /
      // "Eko Prasetyo", "Rofiq" / "Moch. Rofiq"): every word of one is in the other.
      if (level == 1 && !ta.empty() && !tb.empty() &&
          (std::includes(ta.begin(), ta.end(), tb.begin(), tb.end()) ||
           std::includes(tb.begin(), tb.end(), ta.begin(), ta.end()))) {
        level = 2;
      }
    }
  }
  if (level > 2 && (x.sorted & y.sorted & kHasTail) && tail_id_[a] != tail_id_[b] &&
      JaroWinkler(tail_text_[tail_id_[a]], tail_text_[tail_id_[b]]) < 0.85) {
    level = 2;  // "X bin Ahmad" and "X bin Slamet": different fathers
  }
  return level;
}

bool NameField::BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const {
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

void NameField::Build(const RecordTable& table, const std::vector<int>& columns) {
  const std::size_t n = table.rows();
  // Each distinct raw name is normalised once; everything after works row by row as before,
  // so ids and counts are those of normalising every row.
  std::vector<std::string> joined;
  std::vector<std::uint32_t> raw_id, raw_counts;
  const std::vector<std::string_view> raw_texts =
      DistinctTexts(table, columns, joined, raw_id, raw_counts);
  std::vector<NormalizedName> distinct(raw_texts.size());
  std::vector<std::string> distinct_tails(raw_texts.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, raw_texts.size(), 1024), [&](const auto& r) {
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
          d_tokens[k].erase(std::unique(d_tokens[k].begin(), d_tokens[k].end()), d_tokens[k].end());
        }
      },
      [&] {
        InternDistinct(
            d, [&](std::size_t k) -> std::string_view { return distinct[k].sorted; }, raw_counts,
            d_sorted, sorted_counts);
      },
      [&] {
        InternDistinct(
            d, [&](std::size_t k) -> std::string_view { return distinct[k].phonetic; }, raw_counts,
            d_phonetic, phonetic_counts);
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

// Symmetric soft token similarity: every token of each name is paired with its most similar
// token (Jaro–Winkler) of the other name, and the scores are averaged with idf weights. Token
// order does not matter, a typo in one token costs little, and a shared common token
// ("Setiawan", "Siti") does not make two different given names similar.
double NameField::SoftTokenSimilarity(std::span<const std::uint32_t> a,
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
std::string NameField::RareToken(std::uint32_t row) const {
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

// Filled only when a "rare" transform is used.
void NameField::PrepareRareIndex() {
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

// Jaro–Winkler of two tokens, rounded to 1/65535 and remembered in a direct-mapped cache
// (one atomic word per slot: both ids and the value, so a torn read is impossible). Name
// vocabularies are small (a few thousand tokens) and the same token pairs recur across
// millions of candidate pairs. The value is rounded whether or not it came from the cache,
// so results never depend on what the cache held.
double NameField::TokenJaroWinkler(std::uint32_t x, std::uint32_t y) const {
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

}  // namespace internal

int CompareRawNames(std::string_view a, std::string_view b, bool nicknames) {
  RecordTable table;
  table.AddColumn("name");
  table.AppendRow("a", {a});
  table.AppendRow("b", {b});
  internal::NameField field;
  field.nicknames_ = nicknames;
  field.Build(table, {0});
  return field.Compare(0, 1);
}

}  // namespace jaring::matching
