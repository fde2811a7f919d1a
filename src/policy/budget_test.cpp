#include "policy/budget.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "policy/test_versions.hpp"

namespace jaring::policy {
namespace {

using domain::Money;
using domain::Period;
using fixtures::D;
using ::testing::HasSubstr;

constexpr ContributionChoice kPackage{Money::Rupiah(1'000'000), false};

Money Rp(std::int64_t rupiah) { return Money::Rupiah(rupiah); }

PolicyBook Book2025() {
  PolicyBook book;
  EXPECT_TRUE(book.Add(fixtures::ContributionVersion(D(2025, 1, 1))));
  return book;
}

// JKM Rp 6.800 until June 2026, a hypothetical Rp 7.500 from 1 July 2026: Rp 16.800 then
// Rp 17.500 per worker per month.
PolicyBook BookWithMidYearChange() {
  PolicyBook book = Book2025();
  EXPECT_TRUE(book.Add(fixtures::ContributionVersion(D(2026, 7, 1), std::nullopt, 7'500)));
  return book;
}

// docs/domain.md "Contributions": Kabupaten Pasuruan, 28.448 workers at Rp 16.800.
TEST(BudgetTest, PasuruanPaysFiveWholeMonthsAndIsShortOfASixth) {
  const PolicyBook book = Book2025();
  auto monthly = MonthlyCost(book, kPackage, Period(2025, 7), 28'448);
  ASSERT_TRUE(monthly);
  EXPECT_EQ(*monthly, Rp(477'926'400));

  auto runway = ComputeRunway(book, kPackage, Rp(2'800'000'000), 28'448, Period(2025, 7));
  ASSERT_TRUE(runway) << runway.error().ToString();
  EXPECT_EQ(runway->whole_months, 5);
  EXPECT_EQ(runway->spent, Rp(2'389'632'000));
  EXPECT_EQ(runway->left, Rp(410'368'000));
  EXPECT_EQ(runway->covered_until, Period(2025, 11));
  EXPECT_EQ(runway->first_unpaid, Period(2025, 12));
  EXPECT_EQ(runway->first_unpaid_cost, Rp(477'926'400));
  EXPECT_EQ(runway->shortfall, Rp(67'558'400));

  // Six full months, July to December, cost more than the budget: a shortfall, not a balance.
  auto six = SpanCost(book, kPackage, Period(2025, 7), Period(2025, 12), 28'448);
  ASSERT_TRUE(six);
  EXPECT_EQ(*six, Rp(2'867'558'400));
  const FundingGap gap = CompareToBudget(Rp(2'800'000'000), *six);
  EXPECT_EQ(gap.shortfall, Rp(67'558'400));
  EXPECT_EQ(gap.surplus, Money::Zero());
}

TEST(BudgetTest, PasuruanSimulationFromSeptemberToDecember) {
  auto simulation =
      Simulate(Book2025(), kPackage, Rp(2'800'000'000), 28'448, Period(2025, 9), Period(2025, 12));
  ASSERT_TRUE(simulation) << simulation.error().ToString();
  EXPECT_EQ(simulation->monthly_cost, Rp(477'926'400));
  EXPECT_EQ(simulation->runway.whole_months, 5);
  EXPECT_EQ(simulation->runway.covered_until, Period(2026, 1));
  EXPECT_EQ(simulation->cost_until_end, Rp(1'911'705'600));
  EXPECT_EQ(simulation->until_end.surplus, Rp(888'294'400));
  EXPECT_EQ(simulation->until_end.shortfall, Money::Zero());
  // Rp 2.800.000.000 / (4 x Rp 16.800) = 41.666,67.
  EXPECT_EQ(simulation->workers_until_end, 41'666);
}

TEST(BudgetTest, WorkersFundedRoundsDown) {
  // July to December: Rp 100.800 per worker; Rp 2,8 miliar pays 27.777,78 workers.
  auto workers =
      WorkersFunded(Book2025(), kPackage, Rp(2'800'000'000), Period(2025, 7), Period(2025, 12));
  ASSERT_TRUE(workers);
  EXPECT_EQ(*workers, 27'777);
}

TEST(BudgetTest, APakAddingWorkersCostsTheirMonthsToTheEnd) {
  // Probolinggo: from 18.000 to 24.250 workers from October 2025 to December 2025.
  auto cost = PakCost(Book2025(), kPackage, 24'250 - 18'000, Period(2025, 10), Period(2025, 12));
  ASSERT_TRUE(cost);
  EXPECT_EQ(*cost, Rp(315'000'000));
}

TEST(BudgetTest, ASpanAcrossARateChangeIsPricedMonthByMonth) {
  const PolicyBook book = BookWithMidYearChange();
  auto year = SpanCost(book, kPackage, Period(2026, 1), Period(2026, 12), 1'000);
  ASSERT_TRUE(year);
  EXPECT_EQ(*year, Rp(6 * 16'800'000 + 6 * 17'500'000));
  EXPECT_EQ(*year, Rp(205'800'000));
  EXPECT_EQ(*MonthlyCost(book, kPackage, Period(2026, 6), 1'000), Rp(16'800'000));
  EXPECT_EQ(*MonthlyCost(book, kPackage, Period(2026, 7), 1'000), Rp(17'500'000));
  EXPECT_EQ(*SpanCost(book, kPackage, Period(2026, 7), Period(2026, 7), 1'000), Rp(17'500'000));
}

struct RunwayCase {
  const char* name;
  std::int64_t budget;
  int from_year, from_month;
  std::int64_t whole_months;
  std::optional<Period> covered_until;
  std::int64_t left, shortfall;
};

class RunwayAcrossChangeTest : public ::testing::TestWithParam<RunwayCase> {};

// 1.000 workers: Rp 16.800.000 a month until June 2026, Rp 17.500.000 from July.
TEST_P(RunwayAcrossChangeTest, CountsWholeMonthsAtEachMonthsRate) {
  const RunwayCase& c = GetParam();
  auto runway = ComputeRunway(BookWithMidYearChange(), kPackage, Rp(c.budget), 1'000,
                              Period(c.from_year, c.from_month));
  ASSERT_TRUE(runway) << runway.error().ToString();
  EXPECT_EQ(runway->whole_months, c.whole_months);
  EXPECT_EQ(runway->covered_until, c.covered_until);
  EXPECT_EQ(runway->left, Rp(c.left));
  EXPECT_EQ(runway->shortfall, Rp(c.shortfall));
  EXPECT_EQ(runway->spent + runway->left, Rp(c.budget));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RunwayAcrossChangeTest,
    ::testing::Values(
        // At a flat Rp 16.800.000 this would be 9 months; the July rise makes it 8:
        // 6 x 16.800.000 + 2 x 17.500.000 = 135.800.000, September lacks 1.300.000.
        RunwayCase{"RiseCutsAMonth", 152'000'000, 2026, 1, 8, Period(2026, 8), 16'200'000,
                   1'300'000},
        RunwayCase{"EndsExactlyAtTheChange", 100'800'000, 2026, 1, 6, Period(2026, 6), 0,
                   17'500'000},
        RunwayCase{"OneRupiahShortOfTheChange", 100'799'999, 2026, 1, 5, Period(2026, 5),
                   16'799'999, 1},
        RunwayCase{"StartsAfterTheChange", 35'000'000, 2026, 8, 2, Period(2026, 9), 0, 17'500'000},
        RunwayCase{"NothingPaid", 0, 2026, 1, 0, std::nullopt, 0, 16'800'000}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(BudgetTest, AGapInTheScheduleBeforeTheMoneyRunsOutIsAnError) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(fixtures::ContributionVersion(D(2025, 1, 1), D(2025, 12, 31))));
  auto runway = ComputeRunway(book, kPackage, Rp(1'000'000'000), 1'000, Period(2025, 10));
  ASSERT_FALSE(runway);
  EXPECT_EQ(runway.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(runway.error().message, HasSubstr("1 Januari 2026"));
  // A budget that runs out before the gap needs no rule there.
  auto short_runway = ComputeRunway(book, kPackage, Rp(20'000'000), 1'000, Period(2025, 10));
  ASSERT_TRUE(short_runway);
  EXPECT_EQ(short_runway->whole_months, 1);
}

TEST(BudgetTest, AnEnormousBudgetStopsAtTheLastRepresentableMonth) {
  auto runway = ComputeRunway(Book2025(), kPackage, Rp(std::numeric_limits<std::int64_t>::max()), 1,
                              Period(2025, 1));
  ASSERT_TRUE(runway);
  EXPECT_EQ(runway->whole_months, domain::MonthsInclusive(Period(2025, 1), Period(9999, 12)));
  EXPECT_EQ(runway->covered_until, Period(9999, 12));
  EXPECT_FALSE(runway->first_unpaid);
}

TEST(BudgetTest, RefusesBadInput) {
  const PolicyBook book = Book2025();
  EXPECT_EQ(ComputeRunway(book, kPackage, Rp(-1), 10, Period(2025, 1)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ComputeRunway(book, kPackage, Rp(1'000), 0, Period(2025, 1)).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(SpanCost(book, kPackage, Period(2025, 1), Period(2025, 1), -1).error().code,
            ErrorCode::kInvalidArgument);
  auto backwards = SpanCost(book, kPackage, Period(2025, 12), Period(2025, 9), 10);
  ASSERT_FALSE(backwards);
  EXPECT_THAT(backwards.error().message, HasSubstr("September 2025"));
  auto overflow = SpanCost(book, kPackage, Period(2025, 1), Period(2025, 12),
                           std::numeric_limits<std::int64_t>::max() / 2);
  ASSERT_FALSE(overflow);
  EXPECT_EQ(overflow.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(WorkersFunded(book, kPackage, Rp(-5), Period(2025, 1), Period(2025, 2)).error().code,
            ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace jaring::policy
