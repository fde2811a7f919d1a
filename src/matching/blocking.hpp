// Blocking: the candidate pairs worth comparing, as the union of several rules.
//
// Each rule groups records by a key (e.g. NIK first 12 digits; birth date + sex) and proposes
// every pair inside a group. A pair proposed by several rules is kept once: a rule skips a pair
// that an earlier rule already proposed (decided from the earlier rules' keys, so no global
// set of pairs is needed). A group larger than max_block_size (a very common name in one
// village) is not expanded quadratically: its records are sorted by a second key (the name's
// phonetic form) and only pairs within `window` positions are proposed, so the cost is linear
// while near neighbours, where true matches sit, are still found.
//
// Deterministic: the pairs and their order depend only on the input, not on thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "matching/features.hpp"
#include "matching/spec.hpp"

namespace jaring::matching {

struct RuleStats {
  std::string rule;
  std::uint64_t keyed_records = 0;  // records with a non-empty key
  std::uint64_t blocks = 0;         // groups of two or more
  std::uint64_t largest_block = 0;
  std::uint64_t oversized_blocks = 0;  // searched with the sliding window
  std::uint64_t new_pairs = 0;         // pairs this rule added (not proposed by earlier rules)
};

struct Candidates {
  // Pairs (a, b) packed as a << 32 | b with a < b (row indices of the prepared table).
  std::vector<std::uint64_t> pairs;
  std::vector<RuleStats> rules;
};

struct BlockingOptions {
  std::size_t max_block_size = 400;
  std::size_t window = 40;
  // Link mode: rows [0, left_rows) come from the left table and only pairs across the two
  // tables are proposed. 0 = dedupe (all pairs).
  std::size_t left_rows = 0;
};

inline std::uint32_t PairFirst(std::uint64_t p) { return static_cast<std::uint32_t>(p >> 32); }
inline std::uint32_t PairSecond(std::uint64_t p) { return static_cast<std::uint32_t>(p); }
inline std::uint64_t MakePair(std::uint32_t a, std::uint32_t b) {
  return a < b ? (std::uint64_t{a} << 32 | b) : (std::uint64_t{b} << 32 | a);
}

// Runs the spec's blocking rules over prepared records (parallel in the caller's TBB arena).
Result<Candidates> GenerateCandidates(const Prepared& prepared, const Spec& spec,
                                      const BlockingOptions& options);

}  // namespace jaring::matching
