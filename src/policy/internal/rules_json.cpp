#include "policy/internal/rules_json.hpp"

#include <string>

namespace jaring::policy::internal {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json ToJson(const ContributionRules& rules) {
  ordered_json brackets = ordered_json::array();
  for (const IncomeBracket& bracket : rules.brackets) {
    ordered_json row = ordered_json::object();
    if (bracket.income_up_to) row["income_up_to"] = bracket.income_up_to->rupiah();
    if (bracket.basis) row["basis"] = bracket.basis->rupiah();
    brackets.push_back(std::move(row));
  }
  return {{"brackets", std::move(brackets)},
          {"jkk_rate_bp", rules.jkk_rate},
          {"jkm_amount", rules.jkm_amount.rupiah()},
          {"jht_rate_bp", rules.jht_rate}};
}

ordered_json ToJson(const PaymentTerms& terms) {
  ordered_json out = {{"due_day", terms.due_day},
                      {"due_next_working_day", terms.due_next_working_day},
                      {"arrears_limit_months", terms.arrears_limit_months}};
  // Written only when it is not the default, so that versions stored before it existed read and
  // write back the same.
  if (terms.proration != "whole_month") out["proration"] = terms.proration;
  return out;
}

ordered_json ToJson(const BenefitRules& rules) {
  ordered_json levels = ordered_json::array();
  for (const ScholarshipLevel& level : rules.scholarship.levels) {
    levels.push_back({{"level", level.level}, {"per_year", level.per_year.rupiah()}});
  }
  return {{"jkm",
           {{"lump_sum", rules.jkm.lump_sum.rupiah()},
            {"periodic", rules.jkm.periodic.rupiah()},
            {"periodic_months", rules.jkm.periodic_months},
            {"funeral", rules.jkm.funeral.rupiah()}}},
          {"early_death",
           {{"membership_months", rules.early_death.membership_months},
            {"compensation", rules.early_death.compensation.rupiah()},
            {"funeral", rules.early_death.funeral.rupiah()}}},
          {"scholarship",
           {{"min_paid_months", rules.scholarship.min_paid_months},
            {"max_children", rules.scholarship.max_children},
            {"max_age_exclusive", rules.scholarship.max_age_exclusive},
            {"levels", std::move(levels)},
            {"ceiling", rules.scholarship.ceiling.rupiah()}}},
          {"jkk",
           {{"death_income_multiple", rules.jkk.death_income_multiple},
            {"death_at_least_jkm", rules.jkk.death_at_least_jkm},
            {"death_funeral", rules.jkk.death_funeral.rupiah()},
            {"death_periodic", rules.jkk.death_periodic.rupiah()},
            {"stmb_full_rate_bp", rules.jkk.stmb_full_rate},
            {"stmb_full_months", rules.jkk.stmb_full_months},
            {"stmb_after_rate_bp", rules.jkk.stmb_after_rate},
            {"total_disability_rate_bp", rules.jkk.total_disability_rate},
            {"total_disability_income_multiple", rules.jkk.total_disability_income_multiple},
            {"report_within_hours", rules.jkk.report_within_hours},
            {"claim_lapse_years", rules.jkk.claim_lapse_years}}}};
}

ordered_json ToJson(const EligibilityRules& rules) {
  return {{"age_min", rules.age_min},
          {"age_max_exclusive", rules.age_max_exclusive},
          {"occupations", rules.occupations},
          {"domicile_in_regency", rules.domicile_in_regency},
          {"exclude_wage_earners", rules.exclude_wage_earners}};
}

ContributionRules ReadContribution(ObjectReader& in) {
  ContributionRules rules;
  const std::string brackets_path = in.PathOf("brackets");
  const auto brackets = in.Array("brackets");
  for (std::size_t i = 0; i < brackets.size() && in.ok(); ++i) {
    ObjectReader row = in.Element(*brackets[i], ObjectReader::ElementPath(brackets_path, i));
    IncomeBracket bracket{row.OptionalRupiah("income_up_to"), row.OptionalRupiah("basis")};
    row.Finish();
    rules.brackets.push_back(bracket);
  }
  rules.jkk_rate = in.SmallInteger("jkk_rate_bp");
  rules.jkm_amount = in.Rupiah("jkm_amount");
  rules.jht_rate = in.SmallInteger("jht_rate_bp");
  return rules;
}

PaymentTerms ReadPaymentTerms(ObjectReader& in) {
  PaymentTerms terms;
  terms.due_day = in.SmallInteger("due_day");
  terms.due_next_working_day = in.Boolean("due_next_working_day");
  terms.arrears_limit_months = in.SmallInteger("arrears_limit_months");
  terms.proration = in.OptionalText("proration").value_or("whole_month");
  return terms;
}

BenefitRules ReadBenefits(ObjectReader& in) {
  BenefitRules rules;
  {
    ObjectReader jkm = in.Object("jkm");
    rules.jkm.lump_sum = jkm.Rupiah("lump_sum");
    rules.jkm.periodic = jkm.Rupiah("periodic");
    rules.jkm.periodic_months = jkm.SmallInteger("periodic_months");
    rules.jkm.funeral = jkm.Rupiah("funeral");
    jkm.Finish();
  }
  {
    ObjectReader early = in.Object("early_death");
    rules.early_death.membership_months = early.SmallInteger("membership_months");
    rules.early_death.compensation = early.Rupiah("compensation");
    rules.early_death.funeral = early.Rupiah("funeral");
    early.Finish();
  }
  {
    ObjectReader scholarship = in.Object("scholarship");
    Scholarship& s = rules.scholarship;
    s.min_paid_months = scholarship.SmallInteger("min_paid_months");
    s.max_children = scholarship.SmallInteger("max_children");
    s.max_age_exclusive = scholarship.SmallInteger("max_age_exclusive");
    const std::string levels_path = scholarship.PathOf("levels");
    const auto levels = scholarship.Array("levels");
    for (std::size_t i = 0; i < levels.size() && scholarship.ok(); ++i) {
      ObjectReader row = scholarship.Element(*levels[i], ObjectReader::ElementPath(levels_path, i));
      ScholarshipLevel level{row.Text("level"), row.Rupiah("per_year")};
      row.Finish();
      s.levels.push_back(std::move(level));
    }
    s.ceiling = scholarship.Rupiah("ceiling");
    scholarship.Finish();
  }
  {
    ObjectReader jkk = in.Object("jkk");
    JkkBenefit& k = rules.jkk;
    k.death_income_multiple = jkk.SmallInteger("death_income_multiple");
    k.death_at_least_jkm = jkk.Boolean("death_at_least_jkm");
    k.death_funeral = jkk.Rupiah("death_funeral");
    k.death_periodic = jkk.Rupiah("death_periodic");
    k.stmb_full_rate = jkk.SmallInteger("stmb_full_rate_bp");
    k.stmb_full_months = jkk.SmallInteger("stmb_full_months");
    k.stmb_after_rate = jkk.SmallInteger("stmb_after_rate_bp");
    k.total_disability_rate = jkk.SmallInteger("total_disability_rate_bp");
    k.total_disability_income_multiple = jkk.SmallInteger("total_disability_income_multiple");
    k.report_within_hours = jkk.SmallInteger("report_within_hours");
    k.claim_lapse_years = jkk.SmallInteger("claim_lapse_years");
    jkk.Finish();
  }
  return rules;
}

EligibilityRules ReadEligibility(ObjectReader& in) {
  EligibilityRules rules;
  rules.age_min = in.SmallInteger("age_min");
  rules.age_max_exclusive = in.SmallInteger("age_max_exclusive");
  rules.occupations = in.TextArray("occupations");
  rules.domicile_in_regency = in.Boolean("domicile_in_regency");
  rules.exclude_wage_earners = in.Boolean("exclude_wage_earners");
  return rules;
}

}  // namespace

ordered_json RulesToJson(const Rules& rules) {
  return std::visit([](const auto& r) { return ToJson(r); }, rules);
}

Rules RulesFromJson(RuleFamily family, ObjectReader& in) {
  Rules rules;
  switch (family) {
    case RuleFamily::kContribution:
      rules = ReadContribution(in);
      break;
    case RuleFamily::kPaymentTerms:
      rules = ReadPaymentTerms(in);
      break;
    case RuleFamily::kBenefits:
      rules = ReadBenefits(in);
      break;
    case RuleFamily::kEligibility:
      rules = ReadEligibility(in);
      break;
  }
  in.Finish();
  return rules;
}

bool NamesField(const ordered_json& rules_json, std::string_view path) {
  const ordered_json* at = &rules_json;
  while (true) {
    const std::size_t dot = path.find('.');
    const std::string key(path.substr(0, dot));
    if (key.empty() || !at->is_object()) return false;
    const auto it = at->find(key);
    if (it == at->end()) return false;
    if (dot == std::string_view::npos) return true;
    at = &*it;
    path.remove_prefix(dot + 1);
  }
}

}  // namespace jaring::policy::internal
