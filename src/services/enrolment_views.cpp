#include "services/enrolment_views.hpp"

#include "domain/date_format.hpp"

namespace jaring::services {
namespace {

using Json = nlohmann::ordered_json;

Json TextOrNull(const std::string& text) { return text.empty() ? Json() : Json(text); }

Json TimeOrNull(const std::optional<TimePoint>& at) {
  return at ? Json(domain::FormatIsoTimestamp(*at)) : Json();
}

Json Reasons(const std::vector<ReasonView>& reasons) {
  Json out = Json::array();
  for (const auto& r : reasons) out.push_back({{"code", r.code}, {"label", r.label}});
  return out;
}

}  // namespace

Json ToJson(const SelectionCounts& c) {
  return {{"settled", c.settled},   {"ineligible", c.ineligible},
          {"already", c.already},   {"eligible", c.eligible},
          {"selected", c.selected}, {"waiting", c.waiting},
          {"priority", c.priority}, {"priority_without_data", c.priority_without_data}};
}

Json ToJson(const BatchView& b) {
  Json out = {{"id", b.id},
              {"program_id", b.program_id},
              {"program_name", b.program_name},
              {"period", b.period},
              {"reference", b.reference},
              {"status", b.status},
              {"workers", b.workers},
              {"counts", ToJson(b.counts)},
              {"actor", b.actor},
              {"created_at", domain::FormatIsoTimestamp(b.created_at)},
              {"approved_by", TextOrNull(b.approved_by)},
              {"approved_at", TimeOrNull(b.approved_at)},
              {"answered_at", TimeOrNull(b.answered_at)}};
  if (b.states) {
    Json states = Json::object();
    for (const auto& [state, n] : *b.states) states[state] = n;
    out["states"] = states;
  }
  return out;
}

Json ToJson(const BatchMemberView& m) {
  return {{"rank", m.rank},
          {"worker_id", m.worker_id},
          {"nik", m.nik},
          {"name", m.name},
          {"state", m.state},
          {"kpj", TextOrNull(m.kpj)},
          {"answered_name", TextOrNull(m.answered_name)},
          {"start_date", TextOrNull(m.start_date)},
          {"reason", TextOrNull(m.reason)}};
}

Json ToJson(const AnswerCounts& c) {
  return {{"matched", c.matched},
          {"unknown", c.unknown},
          {"rejected", c.rejected},
          {"name_differs", c.name_differs},
          {"coverage_started", c.coverage_started}};
}

Json ToJson(const AnswerView& a) {
  Json lines = Json::array();
  for (const auto& l : a.lines) {
    lines.push_back({{"line", l.line},
                     {"kind", l.kind},
                     {"nik", l.nik},
                     {"worker_id", l.worker_id == 0 ? Json() : Json(l.worker_id)},
                     {"batch_id", l.batch_id == 0 ? Json() : Json(l.batch_id)},
                     {"name_sent", TextOrNull(l.name_sent)},
                     {"name_answered", TextOrNull(l.name_answered)},
                     {"kpj", TextOrNull(l.kpj)},
                     {"reason", TextOrNull(l.reason)}});
  }
  Json out = ToJson(a.counts);
  out["answer"] = a.id;
  out["program_id"] = a.program_id;
  out["file_name"] = a.file_name;
  out["checksum"] = a.checksum;
  out["actor"] = a.actor;
  out["created_at"] = domain::FormatIsoTimestamp(a.created_at);
  out["lines"] = std::move(lines);
  return out;
}

Json ToJson(const WorkerCoverageView& w) {
  Json coverage = Json::array();
  for (const auto& c : w.coverage) {
    coverage.push_back({{"program_id", c.program_id},
                        {"program_name", c.program_name},
                        {"kpj", c.kpj},
                        {"start", c.start_date},
                        {"end", c.end_date},
                        {"start_reason", c.start_reason},
                        {"end_reason", c.end_reason},
                        {"batch_id", c.batch_id}});
  }
  Json enrolments = Json::array();
  for (const auto& e : w.enrolments) {
    enrolments.push_back({{"batch_id", e.batch_id},
                          {"program_id", e.program_id},
                          {"program_name", e.program_name},
                          {"period", e.period},
                          {"batch_status", e.batch_status},
                          {"state", e.state},
                          {"kpj", TextOrNull(e.kpj)},
                          {"reason", TextOrNull(e.reason)}});
  }
  Json ineligible = Json::array();
  for (const auto& i : w.ineligible) {
    ineligible.push_back({{"program_id", i.program_id},
                          {"program_name", i.program_name},
                          {"period", i.period},
                          {"reasons", Reasons(i.reasons)}});
  }
  return {{"worker_id", w.worker_id},
          {"coverage", std::move(coverage)},
          {"enrolments", std::move(enrolments)},
          {"ineligible", std::move(ineligible)}};
}

Json ToJson(const IneligibleWorkerView& r) {
  return {{"worker_id", r.worker_id},
          {"nik", r.nik},
          {"name", r.name},
          {"village_code", r.village_code},
          {"occupation", r.occupation},
          {"birth_date", TextOrNull(r.birth_date)},
          {"period", r.period},
          {"reasons", Reasons(r.reasons)}};
}

Json ToJson(const BudgetMonthsView& b) {
  Json months = Json::array();
  for (const auto& m : b.months) {
    months.push_back({{"month", m.month},
                      {"workers", m.workers},
                      {"committed", m.committed.rupiah()},
                      {"billed", m.billed.rupiah()},
                      {"remaining", m.remaining.rupiah()}});
  }
  return {{"program_id", b.program_id},
          {"budget", b.budget.rupiah()},
          {"billed_available", b.billed_available},
          {"months", std::move(months)}};
}

}  // namespace jaring::services
