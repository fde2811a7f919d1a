#include "domain/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace jaring::domain {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

struct FormatCase {
  std::int64_t rupiah;
  const char* full;
  const char* shorter;
};

class MoneyFormatTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(MoneyFormatTest, FullAndShort) {
  const auto& c = GetParam();
  EXPECT_EQ(FormatRupiah(Money::Rupiah(c.rupiah)), c.full);
  EXPECT_EQ(FormatRupiahShort(Money::Rupiah(c.rupiah)), c.shorter);
  // The full form parses back to the same amount.
  EXPECT_EQ(ParseRupiah(c.full), Money::Rupiah(c.rupiah));
}

INSTANTIATE_TEST_SUITE_P(
    Table, MoneyFormatTest,
    ::testing::Values(FormatCase{0, "Rp 0", "Rp 0"}, FormatCase{7, "Rp 7", "Rp 7"},
                      FormatCase{999, "Rp 999", "Rp 999"}, FormatCase{1000, "Rp 1.000", "Rp 1.000"},
                      FormatCase{6800, "Rp 6.800", "Rp 6.800"},
                      FormatCase{16800, "Rp 16.800", "Rp 16.800"},
                      FormatCase{-16800, "-Rp 16.800", "-Rp 16.800"},
                      FormatCase{999999, "Rp 999.999", "Rp 999.999"},
                      FormatCase{1000000, "Rp 1.000.000", "Rp 1 juta"},
                      FormatCase{1049999, "Rp 1.049.999", "Rp 1 juta"},
                      FormatCase{1050000, "Rp 1.050.000", "Rp 1,1 juta"},
                      FormatCase{10000000, "Rp 10.000.000", "Rp 10 juta"},
                      FormatCase{42000000, "Rp 42.000.000", "Rp 42 juta"},
                      FormatCase{477926400, "Rp 477.926.400", "Rp 477,9 juta"},
                      FormatCase{-477926400, "-Rp 477.926.400", "-Rp 477,9 juta"},
                      FormatCase{949999999, "Rp 949.999.999", "Rp 950 juta"},
                      FormatCase{950000000, "Rp 950.000.000", "Rp 1 miliar"},
                      FormatCase{2800000000, "Rp 2.800.000.000", "Rp 2,8 miliar"},
                      FormatCase{-2800000000, "-Rp 2.800.000.000", "-Rp 2,8 miliar"},
                      FormatCase{2860000000, "Rp 2.860.000.000", "Rp 2,9 miliar"},
                      FormatCase{174000000000, "Rp 174.000.000.000", "Rp 174 miliar"},
                      FormatCase{1234567890123, "Rp 1.234.567.890.123", "Rp 1,2 triliun"},
                      FormatCase{1234000000000000, "Rp 1.234.000.000.000.000", "Rp 1.234 triliun"},
                      FormatCase{kMax, "Rp 9.223.372.036.854.775.807", "Rp 9.223.372 triliun"},
                      FormatCase{kMin, "-Rp 9.223.372.036.854.775.808", "-Rp 9.223.372 triliun"}));

TEST(MoneyTest, ArithmeticOfTheBudget) {
  // docs/domain.md: 28.448 workers x Rp 16.800 = Rp 477.926.400 a month.
  const Money per_worker = Money::Rupiah(10000) + Money::Rupiah(6800);
  EXPECT_EQ(per_worker, Money::Rupiah(16800));
  const Money monthly = per_worker * 28448;
  EXPECT_EQ(monthly.rupiah(), 477926400);
  EXPECT_EQ(28448 * per_worker, monthly);
  // Rp 2,8 miliar covers 5 whole months (5,9 months).
  EXPECT_EQ(Money::Rupiah(2800000000).WholeTimes(monthly), 5);
  Money total;
  for (int month = 0; month < 6; ++month) total += monthly;
  EXPECT_EQ(total, monthly * 6);
  total -= monthly;
  EXPECT_EQ(total, monthly * 5);
  EXPECT_EQ(-Money::Rupiah(5), Money::Rupiah(-5));
  EXPECT_EQ(Money::Rupiah(3) - Money::Rupiah(5), Money::Rupiah(-2));
  EXPECT_LT(Money::Rupiah(-1), Money::Zero());
  EXPECT_TRUE(Money().is_zero());
  EXPECT_TRUE(Money::Rupiah(-1).is_negative());
}

TEST(MoneyTest, CheckedOperationsReportOverflow) {
  EXPECT_EQ(Money::CheckedAdd(Money::Rupiah(1), Money::Rupiah(2)), Money::Rupiah(3));
  EXPECT_FALSE(Money::CheckedAdd(Money::Rupiah(kMax), Money::Rupiah(1)).has_value());
  EXPECT_FALSE(Money::CheckedAdd(Money::Rupiah(kMin), Money::Rupiah(-1)).has_value());
  EXPECT_EQ(Money::CheckedMultiply(Money::Rupiah(16800), 1000), Money::Rupiah(16800000));
  const auto overflow = Money::CheckedMultiply(Money::Rupiah(kMax / 2 + 1), 2);
  ASSERT_FALSE(overflow.has_value());
  EXPECT_EQ(overflow.error().code, ErrorCode::kInvalidArgument);
}

TEST(MoneyDeathTest, OperatorsAbortOnOverflow) {
  EXPECT_DEATH((void)(Money::Rupiah(kMax) + Money::Rupiah(1)), "overflow");
  EXPECT_DEATH((void)(Money::Rupiah(kMin) - Money::Rupiah(1)), "overflow");
  EXPECT_DEATH((void)(Money::Rupiah(kMax) * 2), "overflow");
  EXPECT_DEATH((void)(-Money::Rupiah(kMin)), "overflow");
  EXPECT_DEATH((void)Money::Rupiah(10).WholeTimes(Money::Zero()), "positive");
}

TEST(FormatThousandsTest, Counts) {
  EXPECT_EQ(FormatThousands(0), "0");
  EXPECT_EQ(FormatThousands(28448), "28.448");
  EXPECT_EQ(FormatThousands(86788), "86.788");
  EXPECT_EQ(FormatThousands(-1234567), "-1.234.567");
  EXPECT_EQ(FormatThousands(100), "100");
}

struct ParseCase {
  const char* text;
  std::optional<std::int64_t> rupiah;  // nullopt = rejected
};

class ParseRupiahTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseRupiahTest, Parses) {
  const auto& c = GetParam();
  const auto parsed = ParseRupiah(c.text);
  if (c.rupiah) {
    ASSERT_TRUE(parsed.has_value()) << c.text << ": " << parsed.error().ToString();
    EXPECT_EQ(parsed->rupiah(), *c.rupiah) << c.text;
  } else {
    ASSERT_FALSE(parsed.has_value()) << c.text << " -> " << parsed->rupiah();
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseRupiahTest,
    ::testing::Values(
        ParseCase{"Rp 16.800", 16800}, ParseCase{"Rp16.800", 16800}, ParseCase{"16800", 16800},
        ParseCase{"16.800", 16800}, ParseCase{"  Rp 16.800  ", 16800},
        ParseCase{"RP 16.800", 16800}, ParseCase{"Rp. 16.800", 16800},
        ParseCase{"-Rp 16.800", -16800}, ParseCase{"Rp -16.800", -16800},
        ParseCase{"Rp 16.800,00", 16800}, ParseCase{"Rp 16.800,0", 16800}, ParseCase{"0", 0},
        ParseCase{"Rp 2.800.000.000", 2800000000}, ParseCase{"9223372036854775807", kMax},
        ParseCase{"", std::nullopt}, ParseCase{"Rp", std::nullopt}, ParseCase{"Rp ", std::nullopt},
        ParseCase{"16,8", std::nullopt}, ParseCase{"16.800,50", std::nullopt},
        ParseCase{"1.68.00", std::nullopt}, ParseCase{"16.80", std::nullopt},
        ParseCase{"1680.0", std::nullopt}, ParseCase{".800", std::nullopt},
        ParseCase{"16800.", std::nullopt}, ParseCase{"1.000.", std::nullopt},
        ParseCase{"12 000", std::nullopt}, ParseCase{"Rp 1x", std::nullopt},
        ParseCase{"--5", std::nullopt}, ParseCase{"9223372036854775808", std::nullopt},
        ParseCase{"-9223372036854775809", std::nullopt},
        ParseCase{"99999999999999999999", std::nullopt}));

}  // namespace
}  // namespace jaring::domain
