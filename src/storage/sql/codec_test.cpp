#include "storage/sql/codec.hpp"

#include <gtest/gtest.h>

#include "domain/date_format.hpp"

namespace jaring::storage::sql {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day Date(int y, unsigned m, unsigned d) { return {year{y}, month{m}, day{d}}; }

TEST(YearsBeforeTest, ShiftsYearsAndClampsLeapDay) {
  struct Case {
    year_month_day reference;
    int years;
    year_month_day expected;
  };
  const Case cases[] = {
      {Date(2025, 3, 1), 17, Date(2008, 3, 1)},
      {Date(2024, 2, 29), 1, Date(2023, 2, 28)},  // no 29 February in 2023
      {Date(2024, 2, 29), 4, Date(2020, 2, 29)},
      {Date(2025, 12, 31), 0, Date(2025, 12, 31)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(YearsBefore(c.reference, c.years), c.expected)
        << domain::FormatIsoDate(c.reference) << " - " << c.years;
  }
}

// The SQL age bands rely on: AgeInYears(b, r) >= a  <=>  b <= YearsBefore(r, a).
TEST(YearsBeforeTest, CutoffAgreesWithAgeInYearsAroundLeapDays) {
  const year_month_day references[] = {Date(2024, 2, 28), Date(2024, 2, 29), Date(2024, 3, 1),
                                       Date(2025, 2, 28), Date(2025, 3, 1)};
  for (const year_month_day reference : references) {
    for (int age = 0; age <= 6; ++age) {
      const year_month_day cutoff = YearsBefore(reference, age);
      // Every birth date within ~8 years before the reference.
      for (std::chrono::sys_days b = std::chrono::sys_days(reference) - std::chrono::days(3000);
           b <= std::chrono::sys_days(reference); b += std::chrono::days(1)) {
        const year_month_day birth{b};
        ASSERT_EQ(domain::AgeInYears(birth, reference) >= age, birth <= cutoff)
            << domain::FormatIsoDate(birth) << " on " << domain::FormatIsoDate(reference);
      }
    }
  }
}

TEST(FormatTimestampTest, IsIsoUtcWithMicroseconds) {
  const auto time = std::chrono::sys_days(Date(2025, 9, 24)) + std::chrono::hours(7) +
                    std::chrono::minutes(5) + std::chrono::microseconds(3'000'042);
  EXPECT_EQ(FormatTimestamp(time), "2025-09-24T07:05:03.000042Z");
}

TEST(DistrictOfTest, TakesFirstThreePartsOfAVillageCode) {
  EXPECT_EQ(DistrictOf("35.14.01.2001"), "35.14.01");
  EXPECT_EQ(DistrictOf(""), "");
  EXPECT_EQ(DistrictOf("35.14.01"), "");
  EXPECT_EQ(DistrictOf("3514012001"), "");
}

TEST(IsRegencyCodeTest, AcceptsOnlyDottedRegencyCodes) {
  EXPECT_TRUE(IsRegencyCode("35.14"));
  EXPECT_FALSE(IsRegencyCode(""));
  EXPECT_FALSE(IsRegencyCode("3514"));
  EXPECT_FALSE(IsRegencyCode("35.14.01"));
  EXPECT_FALSE(IsRegencyCode("35.1a"));
}

}  // namespace
}  // namespace jaring::storage::sql
