// The JSON of a claim case for the API, the CLI and the web page (docs/claims.md, "HTTP API").
#include "domain/date_format.hpp"
#include "services/claim_rules.hpp"
#include "services/claim_service.hpp"

namespace jaring::services {
namespace {

using Json = nlohmann::ordered_json;

std::string IsoOfMicros(std::int64_t us) {
  return domain::FormatIsoTimestamp(TimePoint(std::chrono::microseconds(us)));
}

Json HeirJson(const storage::HeirRecord& h) {
  return {{"heir_no", h.heir_no},
          {"name", h.name},
          {"nik", h.nik},
          {"relation", h.relation},
          {"relation_label", std::string(claims::RelationLabel(h.relation))},
          {"share_bp", h.share_bp},
          {"school_level", h.school_level},
          {"recipient", h.recipient},
          {"payout", h.payout},
          {"bank", h.bank},
          {"account_no", h.account_no},
          {"account_name", h.account_name}};
}

Json ClockJson(const claims::ClaimClock& clock) {
  Json stages = Json::array();
  for (const auto& s : clock.stages) {
    stages.push_back({{"stage", s.stage},
                      {"from", s.from},
                      {"to", s.to},
                      {"days", s.days},
                      {"target", s.target},
                      {"working_days", s.stage == "pay"},
                      {"overdue", s.overdue}});
  }
  Json out = {{"overdue", clock.overdue}, {"stages", std::move(stages)}};
  if (clock.days_to_payment >= 0) out["days_to_payment"] = clock.days_to_payment;
  return out;
}

Json CaseFields(const storage::ClaimRecord& c, const std::string& name, const std::string& nik,
                const std::string& village) {
  return {{"id", c.id},
          {"regency_code", c.regency_code},
          {"worker_id", c.worker_id},
          {"worker_name", name},
          {"nik", nik},
          {"village_code", village},
          {"kind", c.kind},
          {"outcome", c.outcome},
          {"event_date", c.event_date},
          {"reported_on", c.reported_on},
          {"source", c.source},
          {"reporter", c.reporter},
          {"state", c.state},
          {"state_label", std::string(claims::StateLabel(c.state))},
          {"program_id", c.program_id},
          {"kpj", c.kpj},
          {"eligible", c.eligible},
          {"expected_total", c.expected_total},
          {"failure_cause", c.failure_cause},
          {"decision_reason", c.decision_reason},
          {"approved_amount", c.approved_amount},
          {"paid_amount", c.paid_amount},
          {"paid_on", c.paid_on},
          {"payment_reference", c.payment_reference}};
}

}  // namespace

Result<std::vector<storage::HeirRecord>> HeirsFromJson(const nlohmann::json& list) {
  if (!list.is_array())
    return Fail(Error::InvalidArgument("Ahli waris harus berupa daftar JSON", "heirs"));
  std::vector<storage::HeirRecord> heirs;
  for (const auto& h : list) {
    if (!h.is_object())
      return Fail(Error::InvalidArgument("Setiap ahli waris harus objek JSON", "heirs"));
    storage::HeirRecord r;
    try {
      r.name = h.value("name", std::string());
      r.nik = h.value("nik", std::string());
      r.relation = h.value("relation", std::string());
      r.share_bp = h.value("share_bp", 0);
      r.school_level = h.value("school_level", std::string());
      r.recipient = h.value("recipient", false);
      r.payout = h.value("payout", std::string());
      r.bank = h.value("bank", std::string());
      r.account_no = h.value("account_no", std::string());
      r.account_name = h.value("account_name", std::string());
    } catch (const nlohmann::json::exception&) {
      return Fail(Error::InvalidArgument("Isian ahli waris berjenis salah", "heirs"));
    }
    heirs.push_back(std::move(r));
  }
  return heirs;
}

nlohmann::ordered_json ToJson(const ClaimSummary& s) {
  Json j = CaseFields(s.record, s.worker_name, s.nik, s.village_code);
  j["overdue"] = s.overdue;
  j["stage"] = s.stage;
  j["stage_days"] = s.stage_days;
  return j;
}

nlohmann::ordered_json ToJson(const ClaimView& v) {
  Json j = CaseFields(v.record, v.worker_name, v.nik, v.village_code);
  if (v.repeated) j["repeated"] = true;
  j["assessment"] = v.assessment;
  Json heirs = Json::array();
  for (const auto& h : v.heirs) heirs.push_back(HeirJson(h));
  j["heirs"] = std::move(heirs);
  Json proposed = Json::array();
  for (const auto& h : v.proposed_heirs) proposed.push_back({{"name", h.name}, {"nik", h.nik}});
  j["proposed_heirs"] = std::move(proposed);
  Json checklist = Json::array();
  for (const auto& r : v.checklist) {
    Json item = {{"kind", r.kind}, {"label", r.label}, {"required", r.required}};
    for (const auto& d : v.documents) {
      if (d.doc_kind != r.kind) continue;
      item["state"] = d.state;
      item["file_name"] = d.file_name;
      item["content_type"] = d.content_type;
      item["size_bytes"] = d.size_bytes;
      item["sha256"] = d.sha256;
      item["checked_by"] = d.checked_by;
      item["checked_at"] = IsoOfMicros(d.checked_at_us);
    }
    checklist.push_back(std::move(item));
  }
  j["documents"] = std::move(checklist);
  j["missing"] = v.missing;
  j["clock"] = ClockJson(v.clock);
  Json events = Json::array();
  for (const auto& e : v.events) {
    events.push_back({{"seq", e.seq},
                      {"from", e.from_state},
                      {"to", e.to_state},
                      {"note", e.note},
                      {"actor", e.actor},
                      {"at", IsoOfMicros(e.at_us)}});
  }
  j["events"] = std::move(events);
  return j;
}

}  // namespace jaring::services
