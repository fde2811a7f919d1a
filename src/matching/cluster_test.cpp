#include "matching/cluster.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace jaring::matching {
namespace {

ScoredPair P(std::uint32_t a, std::uint32_t b, double prob) {
  return {a, b, std::log2(prob / (1 - prob)), prob};
}

TEST(ClusterTest, WeakLinkDoesNotChainTwoClusters) {
  // {0,1} and {2,3} are strong; 1-2 is a weak link between them.
  std::vector<ScoredPair> pairs = {P(0, 1, 0.999), P(2, 3, 0.999), P(1, 2, 0.93)};
  auto c = ClusterPairs(5, pairs, /*chain_threshold=*/0.98, /*max_cluster_size=*/10);
  EXPECT_EQ(c, (std::vector<std::uint32_t>{0, 0, 2, 2, 4}));
  // A strong bridge joins them.
  pairs[2] = P(1, 2, 0.995);
  c = ClusterPairs(5, pairs, 0.98, 10);
  EXPECT_EQ(c, (std::vector<std::uint32_t>{0, 0, 0, 0, 4}));
}

TEST(ClusterTest, WeakLinksMayAttachSingletonsUpToTheCap) {
  std::vector<ScoredPair> pairs = {P(0, 1, 0.95), P(1, 2, 0.94), P(2, 3, 0.93)};
  auto c = ClusterPairs(4, pairs, 0.98, /*max_cluster_size=*/3);
  EXPECT_EQ(c, (std::vector<std::uint32_t>{0, 0, 0, 3}));
}

TEST(ClusterTest, OrderOfPairsDoesNotMatter) {
  std::vector<ScoredPair> a = {P(0, 1, 0.99), P(1, 2, 0.95), P(3, 4, 0.97), P(2, 3, 0.96)};
  std::vector<ScoredPair> b(a.rbegin(), a.rend());
  EXPECT_EQ(ClusterPairs(5, a, 0.98, 10), ClusterPairs(5, b, 0.98, 10));
}

TEST(OneToOneTest, EachSideAtMostOnce) {
  // Death 0 fits worker 0 best; worker 0 also fits death 1, which must take worker 1 instead.
  std::vector<ScoredPair> pairs = {P(0, 0, 0.999), P(1, 0, 0.99), P(1, 1, 0.95), P(2, 1, 0.9)};
  auto out = OneToOne(pairs);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].a, 0u);
  EXPECT_EQ(out[0].b, 0u);
  EXPECT_EQ(out[1].a, 1u);
  EXPECT_EQ(out[1].b, 1u);
}

TEST(OneToOneTest, RowsOfOnePersonShareAPartner) {
  // Workers 0 and 1 are one person listed twice, worker 2 a namesake; one death (0).
  std::vector<ScoredPair> pairs = {P(0, 0, 0.999), P(1, 0, 0.998), P(2, 0, 0.997)};
  auto same = [](bool left_side, std::uint32_t x, std::uint32_t y) {
    return left_side && std::min(x, y) == 0 && std::max(x, y) == 1;
  };
  auto out = OneToOne(pairs, same);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].a, 0u);
  EXPECT_EQ(out[1].a, 1u);
  EXPECT_EQ(out[1].b, 0u);
  // Without the predicate only the best row keeps the death.
  EXPECT_EQ(OneToOne(pairs).size(), 1u);
  // And on the right side: one death listed twice (deaths 0 and 1), one worker.
  std::vector<ScoredPair> right = {P(0, 0, 0.999), P(0, 1, 0.998), P(0, 2, 0.997)};
  auto same_right = [](bool left_side, std::uint32_t x, std::uint32_t y) {
    return !left_side && std::min(x, y) == 0 && std::max(x, y) == 1;
  };
  out = OneToOne(right, same_right);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].b, 1u);
}

}  // namespace
}  // namespace jaring::matching
