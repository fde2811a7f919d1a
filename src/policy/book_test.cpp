#include "policy/book.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "policy/test_versions.hpp"

namespace jaring::policy {
namespace {

using domain::Money;
using domain::Period;
using fixtures::ContributionVersion;
using fixtures::D;
using ::testing::HasSubstr;

std::int64_t JkmOn(const PolicyBook& book, Date date) {
  auto rules = book.RulesOn<ContributionRules>(date);
  EXPECT_TRUE(rules.has_value()) << rules.error().ToString();
  return rules ? (*rules)->jkm_amount.rupiah() : -1;
}

TEST(PolicyBookTest, NothingIsInForceInAnEmptyBook) {
  PolicyBook book;
  EXPECT_TRUE(book.empty());
  auto found = book.InForce(RuleFamily::kContribution, D(2025, 9, 24));
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(found.error().message, HasSubstr("Iuran"));
  EXPECT_THAT(found.error().message, HasSubstr("24 September 2025"));
}

TEST(PolicyBookTest, ANewVersionClosesTheOpenOneOnTheDayBefore) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(ContributionVersion(D(2025, 1, 1))));
  ASSERT_TRUE(book.Add(ContributionVersion(D(2026, 7, 1), std::nullopt, 7'500)));

  EXPECT_EQ(JkmOn(book, D(2025, 1, 1)), 6'800);
  EXPECT_EQ(JkmOn(book, D(2026, 6, 30)), 6'800);
  EXPECT_EQ(JkmOn(book, D(2026, 7, 1)), 7'500);
  EXPECT_EQ(JkmOn(book, D(2040, 1, 1)), 7'500);
  EXPECT_FALSE(book.InForce(RuleFamily::kContribution, D(2024, 12, 31)));

  const auto history = book.History(RuleFamily::kContribution);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].until, D(2026, 6, 30));
  EXPECT_FALSE(history[0].version->effective_until) << "the stored version is not rewritten";
  EXPECT_FALSE(history[1].until);
}

TEST(PolicyBookTest, AMonthIsGovernedByTheVersionInForceOnItsFirstDay) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(ContributionVersion(D(2025, 1, 1))));
  ASSERT_TRUE(book.Add(ContributionVersion(D(2026, 7, 15), std::nullopt, 7'500)));
  auto july = book.RulesFor<ContributionRules>(Period(2026, 7));
  ASSERT_TRUE(july);
  EXPECT_EQ((*july)->jkm_amount, Money::Rupiah(6'800));
  auto august = book.RulesFor<ContributionRules>(Period(2026, 8));
  ASSERT_TRUE(august);
  EXPECT_EQ((*august)->jkm_amount, Money::Rupiah(7'500));
}

TEST(PolicyBookTest, VersionsMayArriveInAnyOrder) {
  auto book = PolicyBook::Of({ContributionVersion(D(2026, 7, 1), std::nullopt, 7'500),
                              ContributionVersion(D(2025, 1, 1))});
  ASSERT_TRUE(book) << book.error().ToString();
  EXPECT_EQ(JkmOn(*book, D(2026, 6, 30)), 6'800);
  EXPECT_EQ(JkmOn(*book, D(2026, 7, 1)), 7'500);
}

TEST(PolicyBookTest, AGapBetweenClosedVersionsHasNoRule) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(ContributionVersion(D(2025, 1, 1), D(2025, 12, 31))));
  ASSERT_TRUE(book.Add(ContributionVersion(D(2026, 3, 1), D(2026, 12, 31))));
  EXPECT_FALSE(book.InForce(RuleFamily::kContribution, D(2026, 2, 28)));
  EXPECT_FALSE(book.InForce(RuleFamily::kContribution, D(2027, 1, 1)));
  EXPECT_EQ(JkmOn(book, D(2025, 12, 31)), 6'800);
  // An open version in the gap is closed by its successor.
  ASSERT_TRUE(book.Add(ContributionVersion(D(2026, 1, 1), std::nullopt, 7'000)));
  EXPECT_EQ(JkmOn(book, D(2026, 2, 28)), 7'000);
  EXPECT_EQ(JkmOn(book, D(2026, 3, 1)), 6'800);
}

struct OverlapCase {
  const char* name;
  Date from;
  std::optional<Date> until;
};

class PolicyBookOverlapTest : public ::testing::TestWithParam<OverlapCase> {};

// The book holds 2025 (closed) and an open version from 2027-01-01.
TEST_P(PolicyBookOverlapTest, IsRefusedAndChangesNothing) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(ContributionVersion(D(2025, 1, 1), D(2025, 12, 31))));
  ASSERT_TRUE(book.Add(ContributionVersion(D(2027, 1, 1))));
  const auto before = book.AllVersions();

  auto added = book.Add(ContributionVersion(GetParam().from, GetParam().until, 9'999));
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(added.error().message, HasSubstr("bertumpang tindih"));
  EXPECT_EQ(book.AllVersions(), before);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PolicyBookOverlapTest,
    ::testing::Values(OverlapCase{"SameStartAsClosed", D(2025, 1, 1), D(2025, 3, 31)},
                      OverlapCase{"InsideClosed", D(2025, 6, 1), D(2025, 6, 30)},
                      OverlapCase{"StartsInsideClosed", D(2025, 12, 31), D(2026, 6, 30)},
                      OverlapCase{"EndsOnNextStart", D(2026, 1, 1), D(2027, 1, 1)},
                      OverlapCase{"SameStartAsOpen", D(2027, 1, 1), std::nullopt},
                      OverlapCase{"BeforeAllReachingIn", D(2024, 1, 1), D(2025, 1, 1)},
                      OverlapCase{"OpenInsideClosed", D(2025, 7, 1), std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PolicyBookTest, AdjacentVersionsAreNotAnOverlap) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(ContributionVersion(D(2025, 1, 1), D(2025, 12, 31))));
  EXPECT_TRUE(book.Add(ContributionVersion(D(2026, 1, 1), D(2026, 12, 31))));
  EXPECT_TRUE(book.Add(ContributionVersion(D(2024, 1, 1), D(2024, 12, 31))));
  EXPECT_EQ(book.History(RuleFamily::kContribution).size(), 3u);
}

TEST(PolicyBookTest, FamiliesDoNotOverlapEachOther) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(ContributionVersion(D(2025, 1, 1))));
  PaymentTerms terms{15, true, 3};
  ASSERT_TRUE(book.Add(fixtures::Version(terms, D(2025, 1, 1))));
  const auto in_force = book.AllInForce(D(2025, 9, 24));
  ASSERT_EQ(in_force.size(), 2u);
  EXPECT_EQ(in_force[0].version->family(), RuleFamily::kContribution);
  EXPECT_EQ(in_force[1].version->family(), RuleFamily::kPaymentTerms);
}

TEST(PolicyBookTest, AnInvalidVersionIsRefusedBeforeOverlapIsChecked) {
  PolicyBook book;
  auto bad = ContributionVersion(D(2025, 1, 1));
  bad.legal_reference = "  ";
  auto added = book.Add(bad);
  ASSERT_FALSE(added);
  EXPECT_THAT(added.error().message, HasSubstr("legal_reference"));
  EXPECT_TRUE(book.empty());
  EXPECT_FALSE(book.CheckAdd(bad));
}

}  // namespace
}  // namespace jaring::policy
