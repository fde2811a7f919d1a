#include "common/random.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace jaring {
namespace {

TEST(RandomTest, SameSeedSameStream) {
  Random a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.Next();
    EXPECT_EQ(x, b.Next());
    EXPECT_NE(x, c.Next());
  }
}

TEST(RandomTest, BelowStaysInRangeAndCoversIt) {
  Random r(7);
  std::vector<int> seen(10, 0);
  for (int i = 0; i < 10000; ++i) {
    const auto v = r.Below(10);
    ASSERT_LT(v, 10u);
    ++seen[v];
  }
  for (int count : seen) EXPECT_GT(count, 800);
}

TEST(RandomTest, BetweenIsInclusive) {
  Random r(1);
  bool saw_lo = false, saw_hi = false;
  for (int i = 0; i < 2000; ++i) {
    const auto v = r.Between(17, 20);
    ASSERT_GE(v, 17);
    ASSERT_LE(v, 20);
    saw_lo |= v == 17;
    saw_hi |= v == 20;
  }
  EXPECT_TRUE(saw_lo && saw_hi);
}

TEST(RandomTest, UnitIsInHalfOpenInterval) {
  Random r(3);
  for (int i = 0; i < 1000; ++i) {
    const double u = r.Unit();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

}  // namespace
}  // namespace jaring
