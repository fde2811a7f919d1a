#include "domain/date_format.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace jaring::domain {
namespace {

using std::chrono::year_month_day;

year_month_day Ymd(int y, unsigned m, unsigned d) {
  return {std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

TEST(DateFormatTest, Formats) {
  EXPECT_EQ(FormatIsoDate(Ymd(2025, 9, 24)), "2025-09-24");
  EXPECT_EQ(FormatIsoDate(Ymd(1970, 1, 1)), "1970-01-01");
  EXPECT_EQ(FormatDateIndonesian(Ymd(2025, 9, 24)), "24 September 2025");
  EXPECT_EQ(FormatDateIndonesian(Ymd(1970, 8, 1)), "1 Agustus 1970");
  EXPECT_EQ(FormatDateIndonesian(Ymd(2024, 2, 29)), "29 Februari 2024");
  EXPECT_EQ(FormatDateEnglish(Ymd(2025, 9, 24)), "24 September 2025");
  EXPECT_EQ(FormatDateEnglish(Ymd(1970, 8, 1)), "1 August 1970");
}

TEST(DateFormatTest, FormatIsoTimestampIsUtcToTheSecond) {
  using namespace std::chrono;
  EXPECT_EQ(FormatIsoTimestamp(TimePoint{}), "1970-01-01T00:00:00Z");
  const TimePoint at =
      sys_days(Ymd(2025, 9, 24)) + hours(3) + minutes(4) + seconds(5) + milliseconds(999);
  EXPECT_EQ(FormatIsoTimestamp(at), "2025-09-24T03:04:05Z");
  // Before 1970 the fraction still truncates towards the past.
  EXPECT_EQ(FormatIsoTimestamp(sys_days(Ymd(1969, 12, 31)) + hours(23) + minutes(59) + seconds(59) +
                               milliseconds(500)),
            "1969-12-31T23:59:59Z");
}

TEST(DateFormatTest, IsoRoundTripOverYears) {
  // Every day of 1999-2001 (a leap century year in the middle) formats and parses back.
  for (auto day = std::chrono::sys_days{Ymd(1999, 1, 1)};
       day <= std::chrono::sys_days{Ymd(2001, 12, 31)}; day += std::chrono::days{1}) {
    const year_month_day date{day};
    const auto parsed = ParseIsoDate(FormatIsoDate(date));
    ASSERT_TRUE(parsed.has_value());
    ASSERT_EQ(*parsed, date);
  }
}

TEST(ParseIsoDateTest, Strict) {
  EXPECT_EQ(ParseIsoDate("2024-02-29"), Ymd(2024, 2, 29));
  for (const char* text : {"", "2025-02-29", "2025-9-24", " 2025-09-24", "2025-09-24 ",
                           "2025/09/24", "24-09-2025", "2025-13-01", "2025-00-10", "2025-04-31",
                           "2025-09-00", "20a5-09-24", "2025-09-2x", "+025-09-24"}) {
    const auto parsed = ParseIsoDate(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  }
}

struct LenientCase {
  const char* text;
  std::optional<year_month_day> date;
};

class ParseDateLenientTest : public ::testing::TestWithParam<LenientCase> {};

TEST_P(ParseDateLenientTest, Parses) {
  const auto& c = GetParam();
  const auto parsed = ParseDateLenient(c.text);
  if (c.date) {
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(*parsed, *c.date) << c.text;
  } else {
    EXPECT_FALSE(parsed.has_value()) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseDateLenientTest,
    ::testing::Values(
        LenientCase{"2025-09-24", Ymd(2025, 9, 24)}, LenientCase{" 2025-09-24 ", Ymd(2025, 9, 24)},
        LenientCase{"24-09-2025", Ymd(2025, 9, 24)}, LenientCase{"24/09/2025", Ymd(2025, 9, 24)},
        LenientCase{"24.09.2025", Ymd(2025, 9, 24)}, LenientCase{"4/9/2025", Ymd(2025, 9, 4)},
        LenientCase{"01-02-1990", Ymd(1990, 2, 1)},  // day first, never month
        LenientCase{"24 September 2025", Ymd(2025, 9, 24)},
        LenientCase{"24 september 2025", Ymd(2025, 9, 24)},
        LenientCase{"24 Sep 2025", Ymd(2025, 9, 24)}, LenientCase{"24 Sep. 2025", Ymd(2025, 9, 24)},
        LenientCase{"17 Agustus 1945", Ymd(1945, 8, 17)},
        LenientCase{"17 Agt 1945", Ymd(1945, 8, 17)},
        LenientCase{"17 August 1945", Ymd(1945, 8, 17)}, LenientCase{"1 Mei 2000", Ymd(2000, 5, 1)},
        LenientCase{"1 Okt 2000", Ymd(2000, 10, 1)},
        LenientCase{"25 Desember 1999", Ymd(1999, 12, 25)},
        LenientCase{"29 Pebruari 2024", Ymd(2024, 2, 29)}, LenientCase{"29-02-2023", std::nullopt},
        LenientCase{"31/04/2025", std::nullopt},
        LenientCase{"09/24/2025", std::nullopt},  // month-first is not accepted
        LenientCase{"24-09-25", std::nullopt}, LenientCase{"24/09-2025", std::nullopt},
        LenientCase{"24 Foo 2025", std::nullopt}, LenientCase{"September 24, 2025", std::nullopt},
        LenientCase{"", std::nullopt}, LenientCase{"kemarin", std::nullopt}));

struct AgeCase {
  year_month_day birth;
  year_month_day at;
  int age;
};

class AgeTest : public ::testing::TestWithParam<AgeCase> {};

TEST_P(AgeTest, WholeYears) {
  const auto& c = GetParam();
  EXPECT_EQ(AgeInYears(c.birth, c.at), c.age);
}

INSTANTIATE_TEST_SUITE_P(
    Table, AgeTest,
    ::testing::Values(AgeCase{Ymd(1990, 1, 1), Ymd(2025, 9, 24), 35},
                      AgeCase{Ymd(1990, 9, 24), Ymd(2025, 9, 24), 35},  // birthday counts
                      AgeCase{Ymd(1990, 9, 25), Ymd(2025, 9, 24), 34},
                      AgeCase{Ymd(2010, 9, 24), Ymd(2025, 9, 23), 14},  // eligibility at 15
                      AgeCase{Ymd(2010, 9, 24), Ymd(2025, 9, 24), 15},
                      AgeCase{Ymd(1960, 12, 31), Ymd(2025, 12, 30), 64},
                      AgeCase{Ymd(1960, 12, 31), Ymd(2025, 12, 31), 65},
                      AgeCase{Ymd(2000, 2, 29), Ymd(2025, 2, 28), 24},  // leapling, common year
                      AgeCase{Ymd(2000, 2, 29), Ymd(2025, 3, 1), 25},
                      AgeCase{Ymd(2000, 2, 29), Ymd(2024, 2, 29), 24},
                      AgeCase{Ymd(2025, 9, 24), Ymd(2025, 9, 24), 0},
                      AgeCase{Ymd(2025, 6, 1), Ymd(2024, 7, 1), 0},  // before birth: truncated
                      AgeCase{Ymd(2025, 6, 1), Ymd(2023, 6, 1), -2}));

// The fields as written, for record comparison: not validated, so a typo or a NIK-style day
// stays evidence; the forms the matching benchmarks meet (ISO, compact, day-first, a time).
TEST(ParseDateFieldsTest, Forms) {
  struct Case {
    const char* text;
    int year, month, day;
    bool present;
  };
  const Case cases[] = {
      {"1980-05-07", 1980, 5, 7, true},
      {"19800507", 1980, 5, 7, true},
      {"1980/5/7", 1980, 5, 7, true},
      {"07/05/1980", 1980, 5, 7, true},
      {"7.5.1980", 1980, 5, 7, true},
      {" 1980-05-07T10:30:00 ", 1980, 5, 7, true},
      {"1980-05-07 10:30", 1980, 5, 7, true},
      {"1980-05-47", 1980, 5, 47, true},   // a woman's NIK day, kept
      {"1980-13-32", 1980, 13, 32, true},  // no such date, still its fields
      {"0000-00-00", 0, 0, 0, false},
      {"", 0, 0, 0, false},
      {"unknown", 0, 0, 0, false},
      {"7 Mei 1980", 0, 0, 0, false},  // month names: ParseDateLenient's business
      {"05/07/80", 0, 0, 0, false},    // no four-digit year
      {"1980-05", 0, 0, 0, false},
  };
  for (const auto& c : cases) {
    const DateFields d = ParseDateFields(c.text);
    EXPECT_EQ(d.present, c.present) << c.text;
    if (!c.present) continue;
    EXPECT_EQ(d.year, c.year) << c.text;
    EXPECT_EQ(d.month, c.month) << c.text;
    EXPECT_EQ(d.day, c.day) << c.text;
  }
}

}  // namespace
}  // namespace jaring::domain
