#include "services/bill_proration.hpp"

#include <gtest/gtest.h>

namespace jaring::services {
namespace {

using domain::Period;

TEST(CoveredDaysTest, CountsTheDaysOfTheMonthInsideTheCover) {
  const Period october(2025, 10);
  EXPECT_EQ(CoveredDays("2025-09-01", "2025-12-31", "", october), 31);
  EXPECT_EQ(CoveredDays("2025-10-11", "2025-12-31", "", october), 21);  // starts on the 11th
  EXPECT_EQ(CoveredDays("2025-09-01", "2025-10-20", "", october), 20);  // ends on the 20th
  EXPECT_EQ(CoveredDays("2025-10-11", "2025-10-20", "", october), 10);
  EXPECT_EQ(CoveredDays("2025-09-01", "2025-12-31", "2025-10-05", october), 5);   // died
  EXPECT_EQ(CoveredDays("2025-09-01", "2025-12-31", "2025-09-20", october), 0);   // before
  EXPECT_EQ(CoveredDays("2025-09-01", "2025-12-31", "2026-01-02", october), 31);  // after
  EXPECT_EQ(CoveredDays("2025-11-01", "2025-12-31", "", october), 0);
  EXPECT_EQ(CoveredDays("2025-02-01", "2025-02-28", "", Period(2025, 2)), 28);
  EXPECT_EQ(CoveredDays("", "2025-12-31", "", october), 0);  // no start: nothing known
}

TEST(ProrateTest, RoundsHalfUpAndNeverExceedsTheMonth) {
  EXPECT_EQ(Prorate(16'800, 31, 31), 16'800);
  EXPECT_EQ(Prorate(16'800, 40, 31), 16'800);
  EXPECT_EQ(Prorate(16'800, 0, 31), 0);
  EXPECT_EQ(Prorate(10'000, 21, 31), 6'774);  // 6774.19
  EXPECT_EQ(Prorate(6'800, 5, 31), 1'097);    // 1096.77
  EXPECT_EQ(Prorate(3, 1, 2), 2);             // 1.5 rounds up
  EXPECT_EQ(Prorate(16'800, 14, 28), 8'400);
}

}  // namespace
}  // namespace jaring::services
