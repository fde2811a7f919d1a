#include "services/program_views.hpp"

#include "domain/date_format.hpp"

namespace jaring::services {
namespace {

nlohmann::json OrNull(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json();
}

nlohmann::json TextOrNull(const std::string& text) {
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

}  // namespace

nlohmann::ordered_json ProgramToJson(const ProgramView& p) {
  nlohmann::ordered_json funding = nlohmann::ordered_json::array();
  for (const auto& f : p.funding) {
    funding.push_back({{"source", f.source}, {"label", f.label}, {"share_bp", f.share_bp}});
  }
  nlohmann::ordered_json lines = nlohmann::ordered_json::array();
  for (const auto& l : p.budget_lines) {
    lines.push_back({{"id", l.id},
                     {"kind", l.kind},
                     {"amount", l.amount.rupiah()},
                     {"decree", TextOrNull(l.decree)},
                     {"decree_date", TextOrNull(l.decree_date)},
                     {"quota", l.quota ? nlohmann::ordered_json(*l.quota) : nullptr},
                     {"actor", l.actor},
                     {"created_at", domain::FormatIsoTimestamp(l.created_at)}});
  }
  return {{"id", p.id},
          {"regency_code", p.regency_code},
          {"name", p.name},
          {"fiscal_year", p.fiscal_year},
          {"period_from", p.period_from},
          {"period_to", p.period_to},
          {"months", p.months},
          {"quota", p.quota},
          {"original_quota", p.original_quota},
          {"participation_code", TextOrNull(p.participation_code)},
          {"declared_income", p.declared_income.rupiah()},
          {"with_jht", p.with_jht},
          {"eligibility",
           {{"age_min", p.age_min},
            {"age_max", p.age_max},
            {"occupations", p.occupations},
            {"domicile_in_regency", p.domicile_in_regency},
            {"exclude_wage_earners", p.exclude_wage_earners}}},
          {"priority", p.priority},
          {"funding", std::move(funding)},
          {"budget", p.budget.rupiah()},
          {"budget_lines", std::move(lines)},
          {"actor", p.actor},
          {"created_at", domain::FormatIsoTimestamp(p.created_at)}};
}

nlohmann::ordered_json SimulationToJson(const SimulationView& s) {
  nlohmann::ordered_json out = {{"monthly_cost", s.monthly_cost.rupiah()},
                                {"whole_months", s.whole_months},
                                {"covered_until", OrNull(s.covered_until)},
                                {"workers_until_end", s.workers_until_end},
                                {"shortfall", s.shortfall.rupiah()},
                                {"program_id", s.program_id},
                                {"workers", s.workers},
                                {"workers_basis", s.workers_basis},
                                {"from", s.from},
                                {"to", s.to},
                                {"months_until_end", s.months_until_end},
                                {"budget", s.budget.rupiah()},
                                {"per_worker", s.per_worker.rupiah()},
                                {"spent", s.spent.rupiah()},
                                {"left", s.left.rupiah()},
                                {"next_month", OrNull(s.next_month)},
                                {"next_month_cost", s.next_month_cost.rupiah()},
                                {"shortfall_next_month", s.shortfall_next_month.rupiah()},
                                {"cost_until_end", s.cost_until_end.rupiah()},
                                {"surplus", s.surplus.rupiah()}};
  if (s.pak) {
    out["pak"] = {{"workers", s.pak->workers},
                  {"from", s.pak->from},
                  {"cost", s.pak->cost.rupiah()},
                  {"shortfall", s.pak->shortfall.rupiah()}};
  }
  return out;
}

}  // namespace jaring::services
