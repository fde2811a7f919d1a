// From scored pairs to persons: clustering for dedupe, one-to-one selection for linking.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace jaring::matching {

struct ScoredPair {
  std::uint32_t a = 0;  // dedupe: row index, a < b; link: left row index
  std::uint32_t b = 0;  // dedupe: row index; link: right row index
  double weight = 0;    // log2 odds
  double probability = 0;
};

// Connected components over the pairs, strongest first, with a guard against chaining: a pair
// below `chain_threshold` may attach a single record to a cluster but not join two clusters of
// two or more records, nor grow a cluster beyond `max_cluster_size`. Returns per row the
// smallest row index of its cluster (a singleton is its own cluster). Deterministic (ties
// broken by row indices).
std::vector<std::uint32_t> ClusterPairs(std::size_t rows, const std::vector<ScoredPair>& pairs,
                                        double chain_threshold, std::size_t max_cluster_size);

// At most one partner per record on each side: pairs taken by descending weight (ties by
// (a, b)), skipping any whose a or b is already taken. Output sorted by (a, b).
//
// With `same_person` (x and y are two records of the same side, `left_side` tells which),
// "one" means one person: a pair whose b is taken by a* is still kept if its a is free and
// same_person(true, a, a*), and likewise on the right. A roster that lists a dead worker twice
// thus gets both rows linked to the one death, while two different people still cannot share it.
using SamePerson = std::function<bool(bool left_side, std::uint32_t x, std::uint32_t y)>;
std::vector<ScoredPair> OneToOne(std::vector<ScoredPair> pairs,
                                 const SamePerson& same_person = nullptr);

}  // namespace jaring::matching
