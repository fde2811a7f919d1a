#include "policy/version.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "policy/test_versions.hpp"

namespace jaring::policy {
namespace {

using domain::Money;
using fixtures::D;
using ::testing::HasSubstr;

TEST(RuleFamilyTest, CodesRoundTrip) {
  for (RuleFamily family : kAllRuleFamilies) {
    EXPECT_EQ(ParseRuleFamily(RuleFamilyCode(family)), family);
    EXPECT_FALSE(RuleFamilyLabel(family).empty());
  }
  EXPECT_FALSE(ParseRuleFamily("Contribution"));
  EXPECT_EQ(ParseCertainty("uncertain"), Certainty::kUncertain);
  EXPECT_EQ(CertaintyCode(Certainty::kConfirmed), "confirmed");
  EXPECT_FALSE(ParseCertainty(""));
}

TEST(RuleVersionTest, FamilyFollowsTheRules) {
  EXPECT_EQ(fixtures::ContributionVersion(D(2025, 1, 1)).family(), RuleFamily::kContribution);
  EXPECT_EQ(fixtures::Version(EligibilityRules{}, D(2025, 1, 1)).family(),
            RuleFamily::kEligibility);
  EXPECT_EQ(DescribeVersion(fixtures::ContributionVersion(D(2025, 1, 1))),
            "Iuran, berlaku mulai 1 Januari 2025");
}

struct InvalidCase {
  const char* name;
  std::function<void(RuleVersion&)> spoil;
  const char* field;
};

class ValidateTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ValidateTest, RefusesAndNamesTheField) {
  RuleVersion version = fixtures::ContributionVersion(D(2025, 1, 1));
  ASSERT_TRUE(Validate(version));
  GetParam().spoil(version);
  auto valid = Validate(version);
  ASSERT_FALSE(valid);
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(valid.error().message, HasSubstr(std::string("\"") + GetParam().field + "\""));
}

ContributionRules& Rules(RuleVersion& v) { return std::get<ContributionRules>(v.rules); }

INSTANTIATE_TEST_SUITE_P(
    Cases, ValidateTest,
    ::testing::Values(
        InvalidCase{"BadFrom", [](RuleVersion& v) { v.effective_from = D(2025, 2, 30); },
                    "effective_from"},
        InvalidCase{"UntilBeforeFrom", [](RuleVersion& v) { v.effective_until = D(2024, 12, 31); },
                    "effective_until"},
        InvalidCase{"NoReference", [](RuleVersion& v) { v.legal_reference = "\t"; },
                    "legal_reference"},
        InvalidCase{"NoBrackets", [](RuleVersion& v) { Rules(v).brackets.clear(); },
                    "rules.brackets"},
        InvalidCase{"OpenBracketNotLast",
                    [](RuleVersion& v) { Rules(v).brackets[0].income_up_to.reset(); },
                    "rules.brackets[0].income_up_to"},
        InvalidCase{
            "BracketsNotAscending",
            [](RuleVersion& v) { Rules(v).brackets[1].income_up_to = Money::Rupiah(1'000'000); },
            "rules.brackets[1].income_up_to"},
        InvalidCase{"ZeroBasis", [](RuleVersion& v) { Rules(v).brackets[0].basis = Money::Zero(); },
                    "rules.brackets[0].basis"},
        InvalidCase{"ZeroJkk", [](RuleVersion& v) { Rules(v).jkk_rate = 0; }, "rules.jkk_rate_bp"},
        InvalidCase{"NegativeJht", [](RuleVersion& v) { Rules(v).jht_rate = -1; },
                    "rules.jht_rate_bp"},
        InvalidCase{"ZeroJkm", [](RuleVersion& v) { Rules(v).jkm_amount = Money::Zero(); },
                    "rules.jkm_amount"},
        InvalidCase{
            "HugeJkm",
            [](RuleVersion& v) { Rules(v).jkm_amount = Money::Rupiah(kMaxFigureRupiah + 1); },
            "rules.jkm_amount"},
        InvalidCase{"UncertainUnknown",
                    [](RuleVersion& v) {
                      v.uncertain_fields = {"brackets", "jkm"};
                    },
                    "uncertain_fields[1]"},
        InvalidCase{"UnknownOccupation",
                    [](RuleVersion& v) {
                      v.rules = EligibilityRules{15, 65, {"petani", "astronot"}, true, true};
                    },
                    "rules.occupations[1]"},
        InvalidCase{"RepeatedOccupation",
                    [](RuleVersion& v) {
                      v.rules = EligibilityRules{15, 65, {"petani", "petani"}, true, true};
                    },
                    "rules.occupations[1]"},
        InvalidCase{"AgeRangeEmpty",
                    [](RuleVersion& v) {
                      v.rules = EligibilityRules{65, 65, {"petani"}, true, true};
                    },
                    "rules.age_max_exclusive"},
        InvalidCase{"DueDay32",
                    [](RuleVersion& v) {
                      v.rules = PaymentTerms{32, true, 3};
                    },
                    "rules.due_day"},
        InvalidCase{"RepeatedScholarshipLevel",
                    [](RuleVersion& v) {
                      BenefitRules b;
                      b.jkm.lump_sum = Money::Rupiah(20'000'000);
                      b.scholarship.max_age_exclusive = 23;
                      b.scholarship.levels = {{"smp", Money::Rupiah(1)}, {"smp", Money::Rupiah(2)}};
                      v.rules = b;
                    },
                    "rules.scholarship.levels[1].level"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ValidateTest, NestedUncertainFieldsResolve) {
  RuleVersion v = fixtures::Version(BenefitRules{}, D(2025, 1, 1));
  auto& b = std::get<BenefitRules>(v.rules);
  b.jkm.lump_sum = Money::Rupiah(20'000'000);
  b.scholarship.max_age_exclusive = 23;
  v.uncertain_fields = {"jkk.claim_lapse_years", "early_death"};
  EXPECT_TRUE(Validate(v));
  v.uncertain_fields = {"jkk.claim_lapse"};
  EXPECT_FALSE(Validate(v));
  v.uncertain_fields = {"jkk."};
  EXPECT_FALSE(Validate(v));
}

}  // namespace
}  // namespace jaring::policy
