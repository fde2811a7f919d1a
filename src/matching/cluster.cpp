#include "matching/cluster.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace jaring::matching {
namespace {

bool Stronger(const ScoredPair& x, const ScoredPair& y) {
  if (x.weight != y.weight) return x.weight > y.weight;
  if (x.a != y.a) return x.a < y.a;
  return x.b < y.b;
}

}  // namespace

std::vector<std::uint32_t> ClusterPairs(std::size_t rows, const std::vector<ScoredPair>& pairs,
                                        double chain_threshold, std::size_t max_cluster_size) {
  std::vector<std::uint32_t> parent(rows), size(rows, 1);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  std::vector<ScoredPair> order = pairs;
  std::sort(order.begin(), order.end(), Stronger);
  for (const auto& p : order) {
    std::uint32_t ra = find(p.a), rb = find(p.b);
    if (ra == rb) continue;
    bool strong = p.probability >= chain_threshold;
    if (!strong && size[ra] > 1 && size[rb] > 1) continue;
    if (!strong && size[ra] + size[rb] > max_cluster_size) continue;
    // Union by smaller root index keeps the representative deterministic.
    if (rb < ra) std::swap(ra, rb);
    parent[rb] = ra;
    size[ra] += size[rb];
  }
  std::vector<std::uint32_t> smallest(rows, 0xffffffffu);
  for (std::uint32_t i = 0; i < rows; ++i) {
    std::uint32_t r = find(i);
    smallest[r] = std::min(smallest[r], i);
  }
  std::vector<std::uint32_t> out(rows);
  for (std::uint32_t i = 0; i < rows; ++i) out[i] = smallest[find(i)];
  return out;
}

std::vector<ScoredPair> OneToOne(std::vector<ScoredPair> pairs, const SamePerson& same_person) {
  std::sort(pairs.begin(), pairs.end(), Stronger);
  // Partner each record was first taken with.
  std::unordered_map<std::uint32_t, std::uint32_t> left, right;
  std::vector<ScoredPair> out;
  for (const auto& p : pairs) {
    auto l = left.find(p.a), r = right.find(p.b);
    bool keep = false;
    if (l == left.end() && r == right.end()) {
      keep = true;
    } else if (same_person && l == left.end()) {
      keep = same_person(true, p.a, r->second);
    } else if (same_person && r == right.end()) {
      keep = same_person(false, p.b, l->second);
    }
    if (!keep) continue;
    // The first partner stays the reference: a record joins a person through its best link.
    left.try_emplace(p.a, p.b);
    right.try_emplace(p.b, p.a);
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  return out;
}

}  // namespace jaring::matching
