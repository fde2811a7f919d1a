#include "policy/contribution.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "policy/test_versions.hpp"

namespace jaring::policy {
namespace {

using domain::Money;
using domain::Period;
using fixtures::D;
using ::testing::HasSubstr;

struct ContributionCase {
  const char* name;
  std::int64_t declared_income;
  bool with_jht;
  std::int64_t basis, jkk, jkm, jht, total;
};

class ContributionTableTest : public ::testing::TestWithParam<ContributionCase> {};

TEST_P(ContributionTableTest, FollowsTheSchedule) {
  const ContributionCase& c = GetParam();
  auto result =
      ComputeContribution(fixtures::Schedule(), {Money::Rupiah(c.declared_income), c.with_jht});
  ASSERT_TRUE(result) << result.error().ToString();
  EXPECT_EQ(result->basis.rupiah(), c.basis);
  EXPECT_EQ(result->jkk.rupiah(), c.jkk);
  EXPECT_EQ(result->jkm.rupiah(), c.jkm);
  EXPECT_EQ(result->jht.rupiah(), c.jht);
  EXPECT_EQ(result->Total().rupiah(), c.total);
}

// The fixture schedule: up to Rp 1.000.000 the basis is Rp 1.000.000; above it, up to
// Rp 20.700.000, the declared income itself.
INSTANTIATE_TEST_SUITE_P(
    Cases, ContributionTableTest,
    ::testing::Values(
        // The regional package: Rp 10.000 + Rp 6.800 = Rp 16.800.
        ContributionCase{"LowestBracket", 1'000'000, false, 1'000'000, 10'000, 6'800, 0, 16'800},
        ContributionCase{"BelowLowestUsesItsBasis", 500'000, false, 1'000'000, 10'000, 6'800, 0,
                         16'800},
        ContributionCase{"OneRupiah", 1, false, 1'000'000, 10'000, 6'800, 0, 16'800},
        ContributionCase{"WithJht", 1'000'000, true, 1'000'000, 10'000, 6'800, 20'000, 36'800},
        ContributionCase{"JustAboveLowest", 1'000'001, false, 1'000'001, 10'000, 6'800, 0, 16'800},
        // 1 % of 1.234.550 = 12.345,5 -> half up 12.346; 2 % = 24.691 exactly.
        ContributionCase{"HalfRoundsUp", 1'234'550, true, 1'234'550, 12'346, 6'800, 24'691, 43'837},
        // 1 % of 1.234.549 = 12.345,49 -> 12.345; 2 % = 24.690,98 -> 24.691.
        ContributionCase{"BelowHalfRoundsDown", 1'234'549, true, 1'234'549, 12'345, 6'800, 24'691,
                         43'836},
        ContributionCase{"HighestBracketTop", 20'700'000, true, 20'700'000, 207'000, 6'800, 414'000,
                         627'800}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ContributionTest, RefusesIncomesOutsideTheTable) {
  for (std::int64_t income : {0LL, -1LL, 20'700'001LL}) {
    auto result = ComputeContribution(fixtures::Schedule(), {Money::Rupiah(income), false});
    ASSERT_FALSE(result) << income;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  }
  auto above = ComputeContribution(fixtures::Schedule(), {Money::Rupiah(25'000'000), false});
  ASSERT_FALSE(above);
  EXPECT_THAT(above.error().message, HasSubstr("Rp 20.700.000"));
}

TEST(ContributionTest, AnOpenLastBracketTakesAnyIncome) {
  ContributionRules rules = fixtures::Schedule();
  rules.brackets.back().income_up_to.reset();
  auto result = ComputeContribution(rules, {Money::Rupiah(100'000'000), false});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->jkk, Money::Rupiah(1'000'000));
}

TEST(ContributionTest, ApplyRateRoundsHalfUp) {
  EXPECT_EQ(ApplyRate(Money::Rupiah(50), 100), Money::Rupiah(1));  // 0,5 -> 1
  EXPECT_EQ(ApplyRate(Money::Rupiah(49), 100), Money::Rupiah(0));  // 0,49 -> 0
  EXPECT_EQ(ApplyRate(Money::Rupiah(1'000'000'000'000), 10000), Money::Rupiah(1'000'000'000'000));
}

TEST(ContributionTest, UsesTheScheduleInForceThatMonth) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(fixtures::ContributionVersion(D(2025, 1, 1))));
  ASSERT_TRUE(book.Add(fixtures::ContributionVersion(D(2026, 7, 1), std::nullopt, 7'500)));
  const ContributionChoice package{Money::Rupiah(1'000'000), false};
  EXPECT_EQ(ContributionFor(book, Period(2026, 6), package)->Total(), Money::Rupiah(16'800));
  EXPECT_EQ(ContributionFor(book, Period(2026, 7), package)->Total(), Money::Rupiah(17'500));
  auto before = ContributionFor(book, Period(2024, 12), package);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace jaring::policy
