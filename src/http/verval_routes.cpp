#include "http/verval_routes.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"
#include "domain/period.hpp"
#include "domain/region.hpp"
#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/problem.hpp"
#include "http/route_helpers.hpp"
#include "intake/source_file.hpp"
#include "services/extract_service.hpp"
#include "services/settlement.hpp"
#include "services/verval_jobs.hpp"
#include "services/verval_review.hpp"
#include "services/verval_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::json;

Status Available(const ApiContext& context) {
  if (context.verval != nullptr && context.verval_jobs != nullptr && context.review != nullptr &&
      context.settlement != nullptr && context.extracts != nullptr) {
    return {};
  }
  return Fail(Error::Unavailable("Layanan verval tidak tersedia"));
}

Result<std::string> PeriodOf(std::string_view text) {
  auto period = domain::Period::Parse(text);
  if (!period) return Fail(Error::InvalidArgument("period harus berbentuk YYYY-MM"));
  return period->ToString();
}

// The body's "period" (text, YYYY-MM).
Result<std::string> BodyPeriod(const json& body) {
  auto text = TextField(body, "period");
  if (!text) return Fail(text.error());
  return PeriodOf(*text);
}

json ParseOr(const std::string& text, json fallback) {
  json parsed = JsonOrNull(text);
  return parsed.is_null() ? fallback : parsed;
}

json RunJson(const services::VervalRunView& run) {
  return {{"id", run.id},
          {"actor", run.actor},
          {"started_at", domain::FormatIsoTimestamp(run.started_at)},
          {"finished_at", domain::FormatIsoTimestamp(run.finished_at)},
          {"inputs", ParseOr(run.inputs_json, json::object())},
          {"counts", ParseOr(run.counts_json, json::object())}};
}

json SettledJson(const services::SettledMonthView& m) {
  return {{"id", m.id},
          {"period", m.period},
          {"version", m.version},
          {"persons", m.persons},
          {"rows_listed", m.rows_listed},
          {"settled_at", domain::FormatIsoTimestamp(m.settled_at)},
          {"actor", m.actor},
          {"checksum", m.checksum},
          {"minutes_checksum", m.minutes_checksum},
          {"counts", ParseOr(m.counts_json, json::object())},
          {"sources", ParseOr(m.sources_json, json::array())}};
}

json RecordJson(const services::RegistryRecordView& r, const domain::RegionIndex& regions) {
  const domain::Worker& w = r.worker;
  const domain::Region* village = regions.Find(w.village_code);
  return {{"id", w.id},
          {"source_id", r.source_id},
          {"nik", w.nik},
          {"kk", w.kk},
          {"name", w.name},
          {"name_original", w.name_original},
          {"sex", domain::ToCode(w.sex)},
          {"birth_place", w.birth_place},
          {"birth_date", w.birth_date.ok() ? json(domain::FormatIsoDate(w.birth_date)) : json()},
          {"address", w.address},
          {"village_code", w.village_code},
          {"village_name", village != nullptr ? village->name : ""},
          {"occupation", w.occupation},
          {"phone", w.phone},
          {"status", domain::ToCode(w.status)},
          {"source", w.source},
          {"death_date", r.death_date.empty() ? json() : json(r.death_date)},
          {"merged_into", r.merged_into != 0 ? json(r.merged_into) : json()}};
}

json FindingJson(const services::ReviewItem& item, const domain::RegionIndex& regions) {
  const services::FindingView& f = item.finding;
  json workers = json::array();
  for (const auto& r : item.workers) workers.push_back(RecordJson(r, regions));
  json extract;
  if (item.extract) {
    const services::ExtractRowView& e = *item.extract;
    extract = {{"id", e.id},
               {"row_key", e.row_key},
               {"kind", e.kind},
               {"nik", e.nik},
               {"name", e.name},
               {"sex", e.sex},
               {"birth_date", e.birth_date},
               {"death_date", e.death_date},
               {"village_code", e.village_code},
               {"kpj", e.kpj},
               {"segment", e.segment}};
  }
  return {{"id", f.id},
          {"period", f.period},
          {"kind", f.kind},
          {"worker_id", f.worker_id},
          {"other_regency", f.other_regency},
          {"confidence", f.confidence},
          {"action", f.action},
          {"proposal", f.proposal},
          {"blocking", f.blocking},
          {"evidence", ParseOr(f.evidence_json, json::object())},
          {"state", f.state},
          {"decided_by", f.decided_by},
          {"decided_at", f.decided_at ? json(domain::FormatIsoTimestamp(*f.decided_at)) : json()},
          {"reason", f.reason},
          {"workers", std::move(workers)},
          {"extract", std::move(extract)}};
}

json JobJson(const services::VervalJobView& job) {
  json out = {{"period", job.period}, {"state", services::VervalJobStateCode(job.state)},
              {"stage", job.stage},   {"fraction", job.fraction},
              {"actor", job.actor},   {"started_at", domain::FormatIsoTimestamp(job.started_at)}};
  if (job.report) out["report"] = services::RunReportToJson(*job.report);
  if (job.error) {
    const bool internal = job.error->code == ErrorCode::kInternal;
    out["error"] = {
        {"status", HttpStatusFor(job.error->code)},
        {"detail", internal ? std::string("Terjadi kesalahan internal") : job.error->message}};
  }
  return out;
}

json ExtractBatchJson(const services::ExtractBatchView& b) {
  json issues = json::object();
  for (const auto& [code, n] : b.issues) issues[code] = n;
  return {{"id", b.id},
          {"kind", b.kind},
          {"period", b.period},
          {"file_name", b.file_name},
          {"checksum", b.checksum},
          {"actor", b.actor},
          {"created_at", domain::FormatIsoTimestamp(b.created_at)},
          {"read", b.read},
          {"accepted", b.accepted},
          {"quarantined", b.quarantined},
          {"unchanged", b.unchanged},
          {"issues", issues}};
}

const domain::RegionIndex& Regions(const ApiContext& context) {
  return context.regions != nullptr ? *context.regions : domain::RegionIndex::Embedded();
}

// --- Handlers ------------------------------------------------------------------------------

Result<Response> Overview(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto period = PeriodOf(request.Query("period"));
  if (!period) return Fail(period.error());
  const std::string& regency = Regency(request);
  auto summary = context.review->Summary(regency, *period);
  if (!summary) return Fail(summary.error());
  json counts = json::object();
  for (const auto& [kind, states] : summary->counts) {
    for (const auto& [state, n] : states) counts[kind][state] = n;
  }
  json out = {{"period", *period}, {"run", summary->run ? RunJson(*summary->run) : json()},
              {"counts", counts},  {"open_blocking", summary->open_blocking},
              {"job", json()},     {"settled", json()}};
  if (auto job = context.verval_jobs->Latest(regency); job && job->period == *period) {
    out["job"] = JobJson(*job);
  }
  if (auto settled = context.settlement->Get(regency, *period); settled) {
    out["settled"] = SettledJson(*settled);
  } else if (settled.error().code != ErrorCode::kNotFound) {
    return Fail(settled.error());
  }
  auto extracts = context.extracts->List(regency, *period);
  if (!extracts) return Fail(extracts.error());
  json items = json::array();
  for (const auto& b : *extracts) items.push_back(ExtractBatchJson(b));
  out["extracts"] = std::move(items);
  return Response::Json(DumpJson(out));
}

Result<Response> StartRun(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  auto period = BodyPeriod(*body);
  if (!period) return Fail(period.error());
  auto job = context.verval_jobs->Start(Regency(request), *period, ActorOf(request));
  if (!job) return Fail(job.error());
  return Response::Json(DumpJson(json{{"job", JobJson(*job)}}), 202);
}

Result<Response> Findings(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  services::ReviewQuery query;
  auto period = PeriodOf(request.Query("period"));
  if (!period) return Fail(period.error());
  query.period = *period;
  auto text = [&](const char* name) -> std::optional<std::string> {
    const std::string_view value = request.Query(name);
    if (value.empty()) return std::nullopt;
    return std::string(value);
  };
  query.kind = text("kind");
  query.state = text("state");
  query.action = text("action");
  auto offset = IntegerQuery(request, "offset", 0);
  if (!offset) return Fail(offset.error());
  auto limit = IntegerQuery(request, "limit", 50);
  if (!limit) return Fail(limit.error());
  if (*offset < 0) return Fail(Error::InvalidArgument("parameter offset tidak boleh negatif"));
  query.offset = *offset;
  query.limit = static_cast<int>(std::clamp<std::int64_t>(*limit, 1, 500));
  auto page = context.review->Queue(Regency(request), query);
  if (!page) return Fail(page.error());
  json items = json::array();
  for (const auto& item : *page) items.push_back(FindingJson(item, Regions(context)));
  return Response::Json(DumpJson(json{{"items", std::move(items)}}));
}

Result<Response> FindingById(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto id = PathId(request, "id", "Temuan tidak ditemukan");
  if (!id) return Fail(id.error());
  auto item = context.review->Get(Regency(request), *id);
  if (!item) return Fail(item.error());
  return Response::Json(DumpJson(FindingJson(*item, Regions(context))));
}

Result<Response> Decide(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  auto period = BodyPeriod(*body);
  if (!period) return Fail(period.error());
  constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
  services::DecisionScope scope;
  auto all = FlagField(*body, "all");
  if (!all) return Fail(all.error());
  if (body->contains("finding_id")) {
    auto id = IntegerIn((*body)["finding_id"], 1, kMaxId, "finding_id");
    if (!id) return Fail(id.error());
    scope.finding_id = *id;
  } else if (body->contains("kind")) {
    auto kind = TextField(*body, "kind");
    if (!kind) return Fail(kind.error());
    scope.kind = std::move(*kind);
    if (body->contains("action")) {
      auto action = TextField(*body, "action");
      if (!action) return Fail(action.error());
      scope.action = std::move(*action);
    }
  } else if (!*all) {
    return Fail(Error::InvalidArgument("Sebutkan finding_id, kind, atau all"));
  }
  services::DecisionInput input;
  auto verdict = TextField(*body, "verdict");
  if (!verdict) return Fail(verdict.error());
  if (*verdict == "accept") {
    input.verdict = services::Verdict::kAccept;
  } else if (*verdict == "reject") {
    input.verdict = services::Verdict::kReject;
  } else if (*verdict == "defer") {
    input.verdict = services::Verdict::kDefer;
  } else {
    return Fail(Error::InvalidArgument("verdict harus accept, reject atau defer"));
  }
  auto reason = TextField(*body, "reason");
  if (!reason) return Fail(reason.error());
  input.reason = std::move(*reason);
  if (body->contains("survivor") && !(*body)["survivor"].is_null()) {
    auto survivor = IntegerIn((*body)["survivor"], 1, kMaxId, "survivor");
    if (!survivor) return Fail(survivor.error());
    input.survivor = *survivor;
  }
  auto decided = context.review->Decide(Regency(request), *period, scope, input, ActorOf(request));
  if (!decided) return Fail(decided.error());
  return Response::Json(DumpJson(json{{"decided", *decided}}));
}

Result<Response> Settle(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  auto period = BodyPeriod(*body);
  if (!period) return Fail(period.error());
  auto report = context.settlement->Settle({Regency(request), *period, ActorOf(request)});
  if (!report) return Fail(report.error());
  return Response::Json(DumpJson(SettledJson(report->month)), 201);
}

Result<Response> Minutes(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto period = PeriodOf(request.Query("period"));
  if (!period) return Fail(period.error());
  auto pdf = context.settlement->Minutes(Regency(request), *period);
  if (!pdf) return Fail(pdf.error());
  return Attachment("application/pdf", std::move(*pdf),
                    "berita-acara-" + Regency(request) + "-" + *period + ".pdf");
}

Result<Response> FindingsXlsx(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto period = PeriodOf(request.Query("period"));
  if (!period) return Fail(period.error());
  TempFile file("temuan.xlsx");
  if (auto ok = context.settlement->FindingsXlsx(Regency(request), *period, file.path()); !ok) {
    return Fail(ok.error());
  }
  auto bytes = ReadWholeFile(file.path());
  if (!bytes) return Fail(bytes.error());
  return Attachment("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    std::move(*bytes),
                    "temuan-verval-" + Regency(request) + "-" + *period + ".xlsx");
}

Result<Response> History(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto flows = context.settlement->History(Regency(request));
  if (!flows) return Fail(flows.error());
  json items = json::array();
  for (const auto& flow : *flows) items.push_back(SettledJson(flow.month));
  return Response::Json(DumpJson(json{{"items", std::move(items)}}));
}

Result<Response> GetSettings(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto settings = context.verval->Settings(Regency(request));
  if (!settings) return Fail(settings.error());
  return Response::Json(services::SettingsToJson(*settings));
}

Result<Response> PutSettings(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto settings = services::SettingsFromJson(request.body);
  if (!settings) return Fail(settings.error());
  if (auto ok = context.verval->SaveSettings(Regency(request), *settings, ActorOf(request)); !ok) {
    return Fail(ok.error());
  }
  return Response::Json(services::SettingsToJson(*settings));
}

Result<Response> ListExtracts(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  std::string period;
  if (!request.Query("period").empty()) {
    auto parsed = PeriodOf(request.Query("period"));
    if (!parsed) return Fail(parsed.error());
    period = *parsed;
  }
  auto batches = context.extracts->List(Regency(request), period);
  if (!batches) return Fail(batches.error());
  json items = json::array();
  for (const auto& b : *batches) items.push_back(ExtractBatchJson(b));
  return Response::Json(DumpJson(json{{"items", std::move(items)}}));
}

Result<Response> UploadExtract(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  const auto kind = intake::ExtractKindFromCode(request.Query("kind"));
  if (!kind) return Fail(Error::InvalidArgument("kind harus deaths atau members"));
  auto period = PeriodOf(request.Query("period"));
  if (!period) return Fail(period.error());
  auto name = UploadFileName(request);
  if (!name) return Fail(name.error());
  if (name->empty()) *name = std::string(intake::ExtractKindCode(*kind)) + ".csv";
  auto file = SaveUpload(request, "ekstrak");
  if (!file) return Fail(file.error());
  auto source = intake::SourceFile::Open(file->path(), *name);
  if (!source) return Fail(source.error());
  auto report =
      context.extracts->Import(*source, {Regency(request), *kind, *period, ActorOf(request)});
  if (!report) return Fail(report.error());
  json out = services::ExtractReportToJson(*report);
  out["batch_id"] = report->batch_id;
  out["stored"] = report->stored;
  out["inserted"] = report->inserted;
  out["changed"] = report->changed;
  out["withdrawn"] = report->withdrawn;
  json issues = json::object();
  for (const auto& [code, n] : report->issues) issues[code] = n;
  out["issues"] = issues;
  return Response::Json(DumpJson(out), report->stored ? 201 : 200);
}

Result<Response> DemoExtract(const ApiContext& context, const Request& request) {
  const std::string kind(request.path_params.at("kind"));
  if (context.demo == nullptr || !kind.ends_with(".csv")) {
    return Fail(Error::NotFound("Berkas demo tidak ada"));
  }
  auto csv = context.demo->Csv(Regency(request), kind.substr(0, kind.size() - 4));
  if (!csv) return Fail(csv.error());
  return Attachment("text/csv; charset=utf-8", std::move(*csv), "demo-" + kind);
}

}  // namespace

bool IsExtractUpload(Method method, std::string_view target) {
  return IsRegencyUpload(method, target, "extracts");
}

void AddVervalRoutes(Router& router, const ApiContext& context) {
  const std::string base = "/api/v1/regencies/{code}";
  auto bind = [&context](Result<Response> (*handler)(const ApiContext&, const Request&)) {
    return [&context, handler](const Request& request) { return handler(context, request); };
  };
  const auto decide = RoutePolicy::InRegency(Permission::kDecide);
  router.Add(Method::kGet, base + "/verval", "verval.overview",
             RoutePolicy::InRegency(Permission::kViewReports), bind(Overview));
  router.Add(Method::kPost, base + "/verval/runs", "verval.run", decide, bind(StartRun));
  router.Add(Method::kGet, base + "/verval/findings", "verval.findings", decide, bind(Findings));
  router.Add(Method::kGet, base + "/verval/findings.xlsx", "verval.findings_xlsx",
             RoutePolicy::InRegency(Permission::kExportPersonalData), bind(FindingsXlsx));
  router.Add(Method::kGet, base + "/verval/findings/{id}", "verval.finding", decide,
             bind(FindingById));
  router.Add(Method::kPost, base + "/verval/decisions", "verval.decide", decide, bind(Decide));
  router.Add(Method::kPost, base + "/verval/settle", "verval.settle", decide, bind(Settle));
  router.Add(Method::kGet, base + "/verval/minutes", "verval.minutes",
             RoutePolicy::InRegency(Permission::kViewReports), bind(Minutes));
  router.Add(Method::kGet, base + "/verval/history", "verval.history",
             RoutePolicy::InRegency(Permission::kViewDashboard), bind(History));
  router.Add(Method::kGet, base + "/verval/settings", "verval.settings", decide, bind(GetSettings));
  router.Add(Method::kPut, base + "/verval/settings", "verval.settings_save",
             RoutePolicy::InRegency(Permission::kManageUsers), bind(PutSettings));
  const auto import = RoutePolicy::InRegency(Permission::kImport);
  router.Add(Method::kGet, base + "/extracts", "extracts.list", import, bind(ListExtracts));
  router.Add(Method::kPost, base + "/extracts", "extracts.upload", import, bind(UploadExtract));
  router.Add(Method::kGet, base + "/demo-extracts/{kind}", "extracts.demo", import,
             bind(DemoExtract));
}

}  // namespace jaring::http
