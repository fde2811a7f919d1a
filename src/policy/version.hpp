// Rule versions: one version of one family of the law's figures (contribution schedule, payment
// terms, benefit amounts, eligibility defaults), the dates it is in force and its legal reference.
//
// Plain values, no I/O, safe to copy and share between threads. Figures are integers: rupiah as
// domain::Money, rates in basis points (100 = 1 %), never floating point. Figures that
// docs/domain.md marks uncertain are named in RuleVersion::uncertain_fields, so screens can flag
// them. Versions are added to a PolicyBook (book.hpp), which never edits them in place.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/error.hpp"
#include "domain/money.hpp"

namespace jaring::policy {

using Date = std::chrono::year_month_day;

// A rate in basis points: 100 = 1 %, 10000 = 100 %.
using BasisPoints = std::int32_t;
inline constexpr BasisPoints kWholeRate = 10000;

// The order is the order of the Rules variant below and of every listing.
enum class RuleFamily { kContribution, kPaymentTerms, kBenefits, kEligibility };
inline constexpr RuleFamily kAllRuleFamilies[] = {RuleFamily::kContribution,
                                                  RuleFamily::kPaymentTerms, RuleFamily::kBenefits,
                                                  RuleFamily::kEligibility};

// Stable codes for files, storage and APIs: "contribution", "payment_terms", "benefits",
// "eligibility".
std::string_view RuleFamilyCode(RuleFamily family);
// Indonesian labels for people: "Iuran", "Jatuh tempo dan tunggakan", "Manfaat", "Kelayakan".
std::string_view RuleFamilyLabel(RuleFamily family);
// By code; InvalidArgument (Indonesian, listing the codes) otherwise.
Result<RuleFamily> ParseRuleFamily(std::string_view code);

// How sure the version's figures are: "confirmed" (checked against the regulation) or
// "uncertain" (from secondary sources only). Single uncertain figures of an otherwise confirmed
// version are named in RuleVersion::uncertain_fields.
enum class Certainty { kConfirmed, kUncertain };
std::string_view CertaintyCode(Certainty certainty);
Result<Certainty> ParseCertainty(std::string_view code);

// --- contribution: per worker per month -------------------------------------------------------

// A declared income falls into the first bracket (in table order) whose income_up_to is at
// least the income. The rates apply to the bracket's basis (the income the law fixes for the
// bracket, e.g. Rp 1.000.000 for the lowest), or to the declared income itself when the
// bracket has no basis.
struct IncomeBracket {
  std::optional<domain::Money> income_up_to;  // inclusive; nullopt: no upper limit (last only)
  std::optional<domain::Money> basis;         // nullopt: the declared income itself
  friend bool operator==(const IncomeBracket&, const IncomeBracket&) = default;
};

struct ContributionRules {
  std::vector<IncomeBracket> brackets;  // ascending income_up_to
  BasisPoints jkk_rate = 0;             // work accident, of the basis (100 = 1 %)
  domain::Money jkm_amount;             // death, flat per worker (Rp 6.800)
  BasisPoints jht_rate = 0;             // old-age savings, optional for the worker (200 = 2 %)
  friend bool operator==(const ContributionRules&, const ContributionRules&) = default;
};

// --- payment terms -----------------------------------------------------------------------------

struct PaymentTerms {
  int due_day = 0;                   // of the contribution month (15)
  bool due_next_working_day = true;  // a due day on a holiday moves to the next working day
  int arrears_limit_months = 0;      // at most this many months paid late; more ends membership
  // How the first and last month of cover and the month of a death are billed: "whole_month"
  // (any day covered bills the month; the default) or "by_day" (the days covered of the
  // month's calendar days).
  std::string proration = "whole_month";
  friend bool operator==(const PaymentTerms&, const PaymentTerms&) = default;
};

// --- benefits (read by claims) -----------------------------------------------------------------

struct JkmBenefit {  // death not from work
  domain::Money lump_sum;
  domain::Money periodic;  // paid at once, standing for periodic_months of payments
  int periodic_months = 0;
  domain::Money funeral;
  domain::Money Total() const { return lump_sum + periodic + funeral; }
  friend bool operator==(const JkmBenefit&, const JkmBenefit&) = default;
};

// A death within the first membership_months of membership pays only this.
struct EarlyDeathBenefit {
  int membership_months = 0;
  domain::Money compensation;  // santunan
  domain::Money funeral;
  domain::Money Total() const { return compensation + funeral; }
  friend bool operator==(const EarlyDeathBenefit&, const EarlyDeathBenefit&) = default;
};

struct ScholarshipLevel {
  std::string level;  // "tk_sd", "smp", "sma", "perguruan_tinggi"
  domain::Money per_year;
  friend bool operator==(const ScholarshipLevel&, const ScholarshipLevel&) = default;
};

struct Scholarship {
  int min_paid_months = 0;  // paid contribution months before a child qualifies
  int max_children = 0;
  int max_age_exclusive = 0;  // the child is under this age (and unmarried, not working)
  std::vector<ScholarshipLevel> levels;
  domain::Money ceiling;  // all years and children together
  friend bool operator==(const Scholarship&, const Scholarship&) = default;
};

struct JkkBenefit {                // work accident; medical care has no ceiling and no figure
  int death_income_multiple = 0;   // death from a work accident: this many times the income
  bool death_at_least_jkm = true;  // ... but never less than the JKM total
  domain::Money death_funeral;
  domain::Money death_periodic;
  BasisPoints stmb_full_rate = 0;  // wage replacement while unable to work, first months
  int stmb_full_months = 0;
  BasisPoints stmb_after_rate = 0;        // ... after them
  BasisPoints total_disability_rate = 0;  // total permanent disability: rate x multiple x income
  int total_disability_income_multiple = 0;
  int report_within_hours = 0;  // an accident is reported within this
  int claim_lapse_years = 0;    // a JKK claim lapses after this
  friend bool operator==(const JkkBenefit&, const JkkBenefit&) = default;
};

struct BenefitRules {
  JkmBenefit jkm;
  EarlyDeathBenefit early_death;
  Scholarship scholarship;
  JkkBenefit jkk;
  friend bool operator==(const BenefitRules&, const BenefitRules&) = default;
};

// --- eligibility defaults (a program may narrow them) ------------------------------------------

struct EligibilityRules {
  int age_min = 0;                       // at least this age
  int age_max_exclusive = 0;             // under this age
  std::vector<std::string> occupations;  // domain::Occupation codes
  bool domicile_in_regency = true;
  bool exclude_wage_earners = true;  // not already a wage-earning (PU) member
  friend bool operator==(const EligibilityRules&, const EligibilityRules&) = default;
};

// The alternatives are in RuleFamily order.
using Rules = std::variant<ContributionRules, PaymentTerms, BenefitRules, EligibilityRules>;

// The family a rules type belongs to, for typed look-ups (PolicyBook::RulesFor<T>).
template <typename R>
constexpr RuleFamily FamilyOf();
template <>
constexpr RuleFamily FamilyOf<ContributionRules>() {
  return RuleFamily::kContribution;
}
template <>
constexpr RuleFamily FamilyOf<PaymentTerms>() {
  return RuleFamily::kPaymentTerms;
}
template <>
constexpr RuleFamily FamilyOf<BenefitRules>() {
  return RuleFamily::kBenefits;
}
template <>
constexpr RuleFamily FamilyOf<EligibilityRules>() {
  return RuleFamily::kEligibility;
}

struct RuleVersion {
  Date effective_from;
  // Inclusive. nullopt: open-ended, in force until the day before the next version of the same
  // family begins (PolicyBook).
  std::optional<Date> effective_until;
  std::string legal_reference;  // "PP 82/2019", free text, required
  Certainty certainty = Certainty::kConfirmed;
  std::vector<std::string>
      uncertain_fields;  // paths into rules: "brackets", "jkk.stmb_after_rate_bp"
  Rules rules;

  RuleFamily family() const { return static_cast<RuleFamily>(rules.index()); }
  friend bool operator==(const RuleVersion&, const RuleVersion&) = default;
};

// Figures above this are refused: far above any benefit or income, and small enough that
// amount x rate never overflows int64.
inline constexpr std::int64_t kMaxFigureRupiah = 1'000'000'000'000;  // Rp 1 triliun

// One version's own consistency: valid dates with until >= from, a legal reference, figures in
// range (amounts 0..Rp 1 triliun, rates 0..100 %, counts positive where they must be),
// brackets ascending with only the last one open, known occupation codes, and every
// uncertain_fields entry naming a field of the family's file format (docs/policy.md).
// InvalidArgument in Indonesian naming the field; overlaps with other versions are the book's.
Status Validate(const RuleVersion& version);

// "Iuran, berlaku mulai 1 Januari 2025": how messages name a version.
std::string DescribeVersion(RuleFamily family, Date effective_from);
inline std::string DescribeVersion(const RuleVersion& version) {
  return DescribeVersion(version.family(), version.effective_from);
}

}  // namespace jaring::policy
