#include "policy/defaults.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "policy/budget.hpp"
#include "policy/policy_file.hpp"
#include "policy/test_versions.hpp"

namespace jaring::policy {
namespace {

using domain::Money;
using domain::Period;
using fixtures::D;

PolicyBook DefaultBook() {
  auto versions = ParsePolicyFile(DefaultPolicyJson());
  EXPECT_TRUE(versions) << versions.error().ToString();
  auto book = PolicyBook::Of(versions ? *versions : std::vector<RuleVersion>{});
  EXPECT_TRUE(book) << book.error().ToString();
  return book ? *book : PolicyBook();
}

bool Flagged(const RuleVersion& v, std::string_view field) {
  return std::ranges::find(v.uncertain_fields, field) != v.uncertain_fields.end();
}

TEST(DefaultPolicyTest, EveryFamilyIsInForceOnTheLaunchDay) {
  // Pasuruan's launch, 24 September 2025.
  const PolicyBook book = DefaultBook();  // what AllInForce returns points into the book
  const auto in_force = book.AllInForce(D(2025, 9, 24));
  ASSERT_EQ(in_force.size(), std::size(kAllRuleFamilies));
  for (const VersionInForce& entry : in_force) {
    EXPECT_FALSE(entry.version->legal_reference.empty());
    EXPECT_FALSE(entry.until) << "the defaults are open-ended";
  }
}

TEST(DefaultPolicyTest, TheRegionalPackageIsRp16800) {
  auto contribution = ContributionFor(DefaultBook(), Period(2025, 9), {});
  ASSERT_TRUE(contribution) << contribution.error().ToString();
  EXPECT_EQ(contribution->jkk, Money::Rupiah(10'000));
  EXPECT_EQ(contribution->jkm, Money::Rupiah(6'800));
  EXPECT_EQ(contribution->Total(), Money::Rupiah(16'800));
  auto with_jht = ContributionFor(DefaultBook(), Period(2025, 9), {Money::Rupiah(1'000'000), true});
  ASSERT_TRUE(with_jht);
  EXPECT_EQ(with_jht->jht, Money::Rupiah(20'000));
}

TEST(DefaultPolicyTest, PasuruanWithTheDefaults) {
  auto runway =
      ComputeRunway(DefaultBook(), {}, Money::Rupiah(2'800'000'000), 28'448, Period(2025, 7));
  ASSERT_TRUE(runway) << runway.error().ToString();
  EXPECT_EQ(runway->whole_months, 5);
  EXPECT_EQ(runway->spent, Money::Rupiah(2'389'632'000));
  EXPECT_EQ(runway->left, Money::Rupiah(410'368'000));
  EXPECT_EQ(runway->shortfall, Money::Rupiah(67'558'400));
}

TEST(DefaultPolicyTest, BenefitFiguresOfDomainMd) {
  const PolicyBook book = DefaultBook();
  auto benefits = book.RulesOn<BenefitRules>(D(2025, 9, 24));
  ASSERT_TRUE(benefits);
  const BenefitRules& b = **benefits;
  EXPECT_EQ(b.jkm.Total(), Money::Rupiah(42'000'000));
  EXPECT_EQ(b.jkm.lump_sum, Money::Rupiah(20'000'000));
  EXPECT_EQ(b.early_death.membership_months, 3);
  EXPECT_EQ(b.early_death.Total(), Money::Rupiah(10'000'000));
  EXPECT_EQ(b.scholarship.min_paid_months, 36);
  EXPECT_EQ(b.scholarship.ceiling, Money::Rupiah(174'000'000));
  ASSERT_EQ(b.scholarship.levels.size(), 4u);
  EXPECT_EQ(b.scholarship.levels.back().per_year, Money::Rupiah(12'000'000));
  EXPECT_EQ(b.jkk.death_income_multiple, 48);
  EXPECT_TRUE(b.jkk.death_at_least_jkm);

  const RuleVersion& version = *book.InForce(RuleFamily::kBenefits, D(2025, 9, 24))->version;
  EXPECT_TRUE(Flagged(version, "early_death.compensation"));
  EXPECT_TRUE(Flagged(version, "jkk.stmb_after_rate_bp"));
  EXPECT_TRUE(Flagged(version, "jkk.total_disability_rate_bp"));
  EXPECT_TRUE(Flagged(version, "jkk.claim_lapse_years"));
  EXPECT_FALSE(Flagged(version, "jkm.lump_sum"));
}

TEST(DefaultPolicyTest, UncertainFiguresAreFlagged) {
  const PolicyBook book = DefaultBook();
  const RuleVersion& contribution =
      *book.InForce(RuleFamily::kContribution, D(2025, 9, 24))->version;
  EXPECT_TRUE(Flagged(contribution, "brackets"));
  const RuleVersion& eligibility = *book.InForce(RuleFamily::kEligibility, D(2025, 9, 24))->version;
  EXPECT_EQ(eligibility.certainty, Certainty::kUncertain);
  EXPECT_TRUE(Flagged(eligibility, "age_max_exclusive"));
  const auto& rules = std::get<EligibilityRules>(eligibility.rules);
  EXPECT_EQ(rules.age_min, 15);
  EXPECT_EQ(rules.age_max_exclusive, 65);
  EXPECT_EQ(rules.occupations.size(), 11u);
}

TEST(DefaultPolicyTest, PaymentTerms) {
  const PolicyBook book = DefaultBook();  // RulesFor returns a pointer into the book
  auto terms = book.RulesFor<PaymentTerms>(Period(2025, 9));
  ASSERT_TRUE(terms);
  EXPECT_EQ((*terms)->due_day, 15);
  EXPECT_EQ((*terms)->arrears_limit_months, 3);
  EXPECT_TRUE((*terms)->due_next_working_day);
}

}  // namespace
}  // namespace jaring::policy
