#include "common/clock.hpp"

#include <gtest/gtest.h>

namespace jaring {
namespace {

using namespace std::chrono;

TEST(TodayInWibTest, TheOfficeDayTurnsAtMidnightWibNotUtc) {
  // 16:59 UTC is 23:59 WIB: still 30 September; 17:00 UTC is 00:00 WIB: 1 October.
  const auto evening = sys_days(year{2025} / September / 30) + hours(16) + minutes(59);
  EXPECT_EQ(TodayInWib(FixedClock(evening)), year{2025} / September / 30);
  EXPECT_EQ(TodayInWib(FixedClock(evening + minutes(1))), year{2025} / October / 1);
  // The first hours of a UTC day are already its afternoon in WIB.
  EXPECT_EQ(TodayInWib(FixedClock(sys_days(year{2025} / December / 31) + hours(23))),
            year{2026} / January / 1);
  EXPECT_EQ(TodayInWib(FixedClock(sys_days(year{2025} / March / 1))), year{2025} / March / 1);
}

}  // namespace
}  // namespace jaring
