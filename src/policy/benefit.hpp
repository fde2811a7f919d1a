// Benefits at the event date (issue 15, item 2): what the heirs of a JKM death or the victim of
// a work accident (JKK) are owed under the benefits version in force on the day of the event,
// with a breakdown a person can check, and the rules of a version explained in plain words.
//
// Pure functions, no I/O, thread-safe. Every figure comes from the version in force at the
// event (BenefitRules); nothing is hard-coded. Integer rupiah only: rates apply as ApplyRate
// does (rounded half up to a whole rupiah). Months of membership are whole calendar months: a
// month counts on the day of the month membership began, clamped to the month's last day
// (member since 31 January: one month on 28 February).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/money.hpp"
#include "policy/book.hpp"
#include "policy/version.hpp"

namespace jaring::policy {

enum class ClaimKind { kJkm, kJkk };
// "jkm", "jkk"; ParseClaimKind: InvalidArgument (Indonesian) for anything else.
std::string_view ClaimKindCode(ClaimKind kind);
Result<ClaimKind> ParseClaimKind(std::string_view code);

enum class JkkOutcome { kDeath, kTotalDisability, kInjury };
// "death", "total_disability", "injury"; ParseJkkOutcome: InvalidArgument otherwise.
std::string_view JkkOutcomeCode(JkkOutcome outcome);
Result<JkkOutcome> ParseJkkOutcome(std::string_view code);

// Stable codes of the rules a quote applies (BenefitItem::rule, RuleExplanation::code): screens
// link an item to the explanation of its rule.
inline constexpr std::string_view kRuleJkmLumpSum = "jkm.lump_sum";
inline constexpr std::string_view kRuleJkmPeriodic = "jkm.periodic";
inline constexpr std::string_view kRuleJkmFuneral = "jkm.funeral";
inline constexpr std::string_view kRuleEarlyDeathCompensation = "early_death.compensation";
inline constexpr std::string_view kRuleEarlyDeathFuneral = "early_death.funeral";
inline constexpr std::string_view kRuleScholarshipChild = "scholarship.child";
inline constexpr std::string_view kRuleJkkDeathCompensation = "jkk.death_compensation";
inline constexpr std::string_view kRuleJkkDeathFuneral = "jkk.death_funeral";
inline constexpr std::string_view kRuleJkkDeathPeriodic = "jkk.death_periodic";
inline constexpr std::string_view kRuleJkkTotalDisability = "jkk.total_disability";
inline constexpr std::string_view kRuleJkkMedicalCare = "jkk.medical_care";
inline constexpr std::string_view kRuleJkkStmbFull = "jkk.stmb_full";
inline constexpr std::string_view kRuleJkkStmbAfter = "jkk.stmb_after";
inline constexpr std::string_view kRuleJkkClaimLapse = "jkk.claim_lapse";  // no item: a refusal

struct BenefitQuery {
  ClaimKind kind = ClaimKind::kJkm;
  Date member_since;
  Date event;  // the death or the accident
  // Contribution months paid up to the event; nullopt: the whole months of membership. At most
  // the calendar months from member_since to the event, both counted.
  std::optional<int> paid_months;
  // Declared monthly income, the basis of JKK figures (not used by JKM).
  domain::Money income = domain::Money::Rupiah(1'000'000);
  JkkOutcome outcome = JkkOutcome::kDeath;  // JKK only
  int children_in_school = 0;               // for the scholarship after a death
  // Optional, one per child in order (at most children_in_school): a level code of the version
  // ("tk_sd", "smp", "sma", "perguruan_tinggi"). A child without one counts at the version's
  // first (lowest) level, and its item says so.
  std::vector<std::string> child_levels;
  int unable_to_work_months = 0;  // JKK injury: months of wage replacement (STMB)
  // The day the claim is made, for the JKK claim lapse; nullopt: never lapsed.
  std::optional<Date> as_of;
};

struct BenefitItem {
  std::string name;  // Indonesian label: "Santunan sekaligus JKM"
  domain::Money amount;
  std::string rule;    // one of the kRule* codes
  std::string detail;  // Indonesian: how the figure was reached, with the version's figures
};

struct BenefitQuote {
  bool eligible = false;
  domain::Money total;  // sum of the items; zero when not eligible
  std::vector<BenefitItem> items;
  // Indonesian: why nothing is owed, or which main rule applied (and why the scholarship was or
  // was not added).
  std::string reason;
  int membership_months = 0;  // whole months from member_since to the event (0 before it)
  int paid_months = 0;
  std::string legal_reference;  // of the benefits version applied
  Date version_from;            // its effective_from
};

// The quote under the benefits version in force on query.event. NotFound (Indonesian) when none
// is; InvalidArgument for bad input: a date that does not exist, negative counts, more paid
// months than calendar months of membership, more child levels than children, a level the
// version does not know, an income not above Rp 0 or so large that a JKK figure would pass
// Rp 1 triliun. An event before member_since is not an error: eligible = false, total 0, and the
// reason says so; so is a JKK claim made (as_of) after it lapsed.
Result<BenefitQuote> QuoteBenefit(const PolicyBook& book, const BenefitQuery& query);

// Whole months from `from` to `to` as described in the file comment; negative when `to` is
// before `from` (-1 for the day before). Asserts both dates ok().
int WholeMonthsBetween(Date from, Date to);

// One rule of a benefits version in plain words, for the page "how this benefit is computed".
struct RuleExplanation {
  std::string code;  // a kRule* code
  std::string title_id, text_id;
  std::string title_en, text_en;
  bool uncertain = false;  // a figure it uses is in the version's uncertain_fields
};

// One explanation per kRule* code, in the order of the codes above, with the version's own
// figures (rupiah as "Rp 42.000.000") and its legal reference. Empty for a version of another
// family.
std::vector<RuleExplanation> ExplainBenefitRules(const RuleVersion& benefits_version);

}  // namespace jaring::policy
