// Internal to matching: interning of field values to dense ids, in the rows' order of first
// occurrence, so that ids (and everything built on them: packed records, blocking, pairs) are the
// same for any number of threads. Interner is the sequential one (not thread-safe; one per
// field build); InternParallel gives its ids over many rows in parallel; InternDistinct and
// DistinctTexts let a field normalise each distinct text once instead of once per row.
#pragma once

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "matching/records.hpp"

namespace jaring::matching::internal {

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
                                            std::vector<std::uint32_t>& counts);

}  // namespace jaring::matching::internal
