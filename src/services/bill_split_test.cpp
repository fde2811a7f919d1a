#include <gtest/gtest.h>

#include <numeric>

#include "services/bill_service.hpp"

namespace jaring::services {
namespace {

TEST(BillSplitTest, PartsAddUpToTheAmountExactly) {
  struct Case {
    std::int64_t amount;
    std::vector<int> shares;
    std::vector<std::int64_t> parts;
  } cases[] = {
      {16'800, {10000}, {16'800}},
      {16'800, {6000, 4000}, {10'080, 6'720}},
      {16'801, {6000, 4000}, {10'081, 6'720}},  // 10080.6 and 6720.4: the larger remainder
      {10, {3333, 3333, 3334}, {3, 3, 4}},      // 3.333, 3.333, 3.334
      {1, {5000, 5000}, {1, 0}},                // a tie: the earlier share
      {477'926'400, {2500, 2500, 5000}, {119'481'600, 119'481'600, 238'963'200}},
  };
  for (const auto& c : cases) {
    const auto parts = SplitByShares(c.amount, c.shares);
    EXPECT_EQ(parts, c.parts) << c.amount;
    EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), c.amount);
  }
}

}  // namespace
}  // namespace jaring::services
