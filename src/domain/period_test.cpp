#include "domain/period.hpp"

#include <gtest/gtest.h>

#include "domain/date_format.hpp"

namespace jaring::domain {
namespace {

std::chrono::year_month_day Date(const char* iso) { return *ParseIsoDate(iso); }

struct FormatCase {
  int year, month;
  const char* iso;
  const char* indonesian;
  const char* english;
  const char* first_day;
  const char* last_day;
};

class PeriodFormatTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(PeriodFormatTest, FormatsParsesAndBounds) {
  const auto& c = GetParam();
  const Period p(c.year, c.month);
  EXPECT_EQ(p.ToString(), c.iso);
  EXPECT_EQ(p.ToIndonesian(), c.indonesian);
  EXPECT_EQ(p.ToEnglish(), c.english);
  EXPECT_EQ(Period::Parse(c.iso), p);
  EXPECT_EQ(FormatIsoDate(p.FirstDay()), c.first_day);
  EXPECT_EQ(FormatIsoDate(p.LastDay()), c.last_day);
  EXPECT_EQ(Period::Of(p.FirstDay()), p);
  EXPECT_EQ(Period::Of(p.LastDay()), p);
  EXPECT_TRUE(p.Contains(p.FirstDay()));
  EXPECT_TRUE(p.Contains(p.LastDay()));
  EXPECT_FALSE(p.Contains(p.Next().FirstDay()));
}

INSTANTIATE_TEST_SUITE_P(
    Table, PeriodFormatTest,
    ::testing::Values(
        FormatCase{2025, 1, "2025-01", "Januari 2025", "January 2025", "2025-01-01", "2025-01-31"},
        FormatCase{2024, 2, "2024-02", "Februari 2024", "February 2024", "2024-02-01",
                   "2024-02-29"},
        FormatCase{2025, 2, "2025-02", "Februari 2025", "February 2025", "2025-02-01",
                   "2025-02-28"},
        FormatCase{2025, 5, "2025-05", "Mei 2025", "May 2025", "2025-05-01", "2025-05-31"},
        FormatCase{2025, 7, "2025-07", "Juli 2025", "July 2025", "2025-07-01", "2025-07-31"},
        FormatCase{2025, 8, "2025-08", "Agustus 2025", "August 2025", "2025-08-01", "2025-08-31"},
        FormatCase{2025, 9, "2025-09", "September 2025", "September 2025", "2025-09-01",
                   "2025-09-30"},
        FormatCase{2025, 12, "2025-12", "Desember 2025", "December 2025", "2025-12-01",
                   "2025-12-31"},
        FormatCase{1900, 2, "1900-02", "Februari 1900", "February 1900", "1900-02-01",
                   "1900-02-28"}));

TEST(PeriodTest, ParseRejectsSloppyText) {
  for (const char* text : {"", "2025-7", "2025/07", "202507", "2025-13", "2025-00", "1899-12",
                           " 2025-07", "2025-07 ", "25-07", "2025-07-01", "abcd-ef"}) {
    const auto parsed = Period::Parse(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  }
}

struct ArithmeticCase {
  const char* from;
  int months;
  const char* to;
};

class PeriodArithmeticTest : public ::testing::TestWithParam<ArithmeticCase> {};

TEST_P(PeriodArithmeticTest, PlusAndBetweenAgree) {
  const auto& c = GetParam();
  const Period from = *Period::Parse(c.from);
  const Period to = *Period::Parse(c.to);
  EXPECT_EQ(from.Plus(c.months), to);
  EXPECT_EQ(to.Plus(-c.months), from);
  EXPECT_EQ(MonthsBetween(from, to), c.months);
  EXPECT_EQ(MonthsBetween(to, from), -c.months);
  EXPECT_EQ(MonthsInclusive(from, to), c.months >= 0 ? c.months + 1 : 0);
}

INSTANTIATE_TEST_SUITE_P(Table, PeriodArithmeticTest,
                         ::testing::Values(ArithmeticCase{"2025-07", 0, "2025-07"},
                                           ArithmeticCase{"2025-07", 1, "2025-08"},
                                           ArithmeticCase{"2025-07", 5, "2025-12"},
                                           ArithmeticCase{"2025-12", 1, "2026-01"},
                                           ArithmeticCase{"2025-01", -1, "2024-12"},
                                           ArithmeticCase{"2025-03", -15, "2023-12"},
                                           ArithmeticCase{"2020-02", 48, "2024-02"},
                                           ArithmeticCase{"2025-07", 30, "2028-01"},
                                           ArithmeticCase{"1900-01", 12 * 8099 + 11, "9999-12"}));

TEST(PeriodTest, NextPreviousOrderingAndDueDay) {
  const Period july = *Period::Parse("2025-07");
  EXPECT_EQ(july.Next().ToString(), "2025-08");
  EXPECT_EQ(july.Previous().ToString(), "2025-06");
  EXPECT_EQ(july.Next().Previous(), july);
  EXPECT_LT(Period(2024, 12), Period(2025, 1));
  EXPECT_LT(Period(2025, 1), Period(2025, 2));
  // "July to December 2025": six months of contributions.
  EXPECT_EQ(MonthsInclusive(july, Period(2025, 12)), 6);
  EXPECT_EQ(FormatIsoDate(july.Day(15)), "2025-07-15");
  EXPECT_EQ(FormatIsoDate(Period(2025, 2).Day(31)), "2025-02-28");
  EXPECT_EQ(FormatIsoDate(Period(2024, 2).Day(30)), "2024-02-29");
  EXPECT_FALSE(july.Contains(Date("2025-06-30")));
  EXPECT_TRUE(july.Contains(Date("2025-07-15")));
  EXPECT_FALSE(july.Contains(Date("2024-07-15")));
}

TEST(PeriodDeathTest, InvalidConstructionAborts) {
  EXPECT_DEATH(Period(2025, 13), "month");
  EXPECT_DEATH(Period(1899, 12), "year");
  EXPECT_DEATH((void)Period(9999, 12).Next(), "1900-9999");
}

TEST(MonthNameTest, AllTwelve) {
  const char* id[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                      "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
  for (int m = 1; m <= 12; ++m) EXPECT_EQ(MonthNameIndonesian(m), id[m - 1]);
  EXPECT_EQ(MonthNameEnglish(3), "March");
  EXPECT_EQ(MonthNameEnglish(10), "October");
}

}  // namespace
}  // namespace jaring::domain
