#include "http/import_routes.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"
#include "domain/source_kind.hpp"
#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/problem.hpp"
#include "services/import_jobs.hpp"
#include "services/quarantine_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::json;
using services::ImportJobs;

std::string IsoTime(TimePoint at) { return domain::FormatIsoTimestamp(at); }

std::string IsoTime(std::int64_t micros) {
  return IsoTime(TimePoint(std::chrono::microseconds(micros)));
}

Response JsonResponse(const json& body, int status = 200) {
  return Response::Json(DumpJson(body), status);
}

const std::string& Regency(const Request& request) {
  return request.path_params.at(std::string(kRegencyParam));
}

services::Actor ActorOf(const Request& request) {
  return services::Actor::ForPrincipal(request.caller->principal, request.remote_address);
}

Result<std::int64_t> IdParam(const Request& request, const char* name) {
  return PathId(request, name, "Data tidak ditemukan");
}

json IssueJson(const intake::RowIssue& issue) {
  return {{"code", issue.code},
          {"message", issue.message},
          {"field", issue.field.empty() ? json(nullptr) : json(issue.field)},
          {"severity", intake::SeverityCode(issue.severity)}};
}

json ColumnsJson(const std::vector<std::string>& header, const intake::ColumnMapping& mapping) {
  json columns = json::array();
  for (std::size_t c = 0; c < header.size(); ++c) {
    json field = nullptr;
    for (std::size_t f = 0; f < intake::kFieldCount; ++f) {
      const auto candidate = static_cast<intake::Field>(f);
      if (mapping.ColumnOf(candidate) == static_cast<int>(c)) {
        field = intake::FieldName(candidate);
        break;
      }
    }
    columns.push_back({{"index", c}, {"header", header[c]}, {"field", field}});
  }
  return columns;
}

// A job's problem as the job's body carries it (the job itself was found: 200): the reason, the
// status the error would have on its own, and its message, unless the error is internal, whose
// message is not for clients.
json ProblemJson(const services::JobProblem& problem) {
  const bool internal = problem.error.code == ErrorCode::kInternal;
  return {{"code", problem.reason},
          {"status", HttpStatusFor(problem.error.code)},
          {"detail", internal ? std::string("Terjadi kesalahan internal") : problem.error.message}};
}

json JobJson(const services::ImportJobView& job) {
  json fields = json::array();
  for (const auto& info : ImportJobs::Fields()) {
    fields.push_back({{"field", info.name}, {"label", info.label}, {"required", info.required}});
  }
  json rows = json::array();
  for (const auto& row : job.preview) {
    json values = json::object();
    for (const auto& [field, value] : row.values) values[field] = value;
    json issues = json::array();
    for (const auto& issue : row.issues) issues.push_back(IssueJson(issue));
    rows.push_back({{"line", row.line}, {"values", values}, {"issues", issues}});
  }
  json issues = json::array();
  for (const auto& group : job.issues) {
    json examples = json::array();
    for (const auto& example : group.examples)
      examples.push_back({{"line", example.line}, {"value", example.value}});
    issues.push_back({{"code", group.code},
                      {"message", group.message},
                      {"severity", intake::SeverityCode(group.severity)},
                      {"count", group.count},
                      {"lines", group.lines},
                      {"examples", std::move(examples)}});
  }
  json file_issues = json::array();
  for (const auto& issue : job.file_issues) {
    file_issues.push_back({{"code", issue.code}, {"message", issue.message}});
  }
  return {
      {"id", job.id},
      {"state", services::JobStateCode(job.state)},
      {"file_name", job.file_name},
      {"source", job.source},
      {"source_kind", domain::ToCode(job.source_kind)},
      {"size_bytes", job.size_bytes},
      {"created_at", IsoTime(job.created_at)},
      {"progress",
       {{"phase", job.phase}, {"done", job.progress_done}, {"total", job.progress_total}}},
      {"mapping",
       {{"columns", ColumnsJson(job.header, job.mapping)},
        {"fields", fields},
        {"from_template", job.from_template}}},
      {"preview", {{"rows", rows}}},
      {"issues", issues},
      {"file_issues", file_issues},
      {"counts",
       {{"read", job.read},
        {"accepted", job.accepted},
        {"quarantined", job.quarantined},
        {"updated", job.updated},
        {"unchanged", job.unchanged}}},
      {"batch_id", job.batch_id > 0 ? json(job.batch_id) : json(nullptr)},
      {"error", job.problem ? ProblemJson(*job.problem) : json(nullptr)},
  };
}

Result<Response> JobResponse(Result<services::ImportJobView> job, int status) {
  if (!job) return Fail(std::move(job.error()));
  return JsonResponse(json{{"job", JobJson(*job)}}, status);
}

Status Available(const ApiContext& context) {
  if (context.import_jobs != nullptr && context.quarantine != nullptr) return {};
  return Fail(Error::Unavailable("Layanan impor tidak tersedia"));
}

// A 422 problem with the validation errors, as the contract's "General" section says.
Response RowValidationProblem(const std::vector<intake::RowIssue>& errors) {
  std::vector<FieldError> list;
  for (const auto& e : errors) list.push_back({e.field, e.code, e.message});
  return ValidationProblem("Data belum dapat diterima", list);
}

// --- Handlers ------------------------------------------------------------------------------

Result<Response> Upload(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  ImportJobs::Upload upload;
  upload.regency_code = Regency(request);
  upload.source = std::string(request.Query("source"));
  const std::string_view kind = request.Query("source_kind");
  if (!kind.empty()) {
    const auto parsed = domain::SourceKindFromCode(kind);
    if (!parsed) return Fail(Error::InvalidArgument("source_kind harus office atau village"));
    upload.source_kind = *parsed;
  }
  upload.default_village_code = std::string(request.Query("village"));
  auto name = UploadFileName(request);
  if (!name) return Fail(name.error());
  upload.file_name = std::move(*name);
  return JobResponse(context.import_jobs->Start(upload, request.body), 202);
}

Result<Response> GetJob(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  return JobResponse(context.import_jobs->Get(Regency(request), request.path_params.at("job_id")),
                     200);
}

Result<Response> PutMapping(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  std::vector<ImportJobs::ColumnChoice> choices;
  const auto columns = body->find("columns");
  if (columns == body->end() || !columns->is_array()) {
    return Fail(Error::InvalidArgument("columns wajib berupa daftar"));
  }
  for (std::size_t i = 0; i < columns->size(); ++i) {
    const json& column = (*columns)[i];
    if (!column.is_object() || !column.contains("index")) {
      return Fail(Error::InvalidArgument("Setiap kolom perlu index"));
    }
    // Remap checks the index against the header; here only that it is an int at all.
    auto index = IntegerIn(column["index"], 0, std::numeric_limits<int>::max(),
                           "columns[" + std::to_string(i) + "].index");
    if (!index) return Fail(std::move(index.error()));
    ImportJobs::ColumnChoice choice;
    choice.index = static_cast<int>(*index);
    const auto field = column.find("field");
    if (field != column.end() && !field->is_null()) {
      if (!field->is_string()) return Fail(Error::InvalidArgument("field harus teks atau null"));
      choice.field = intake::FieldFromName(field->get<std::string>());
      if (!choice.field) {
        return Fail(Error::InvalidArgument("Isian tidak dikenal: " + field->get<std::string>()));
      }
    }
    choices.push_back(choice);
  }
  const auto save = body->find("save_template");
  const bool save_template = save != body->end() && save->is_boolean() && save->get<bool>();
  return JobResponse(context.import_jobs->Remap(Regency(request), request.path_params.at("job_id"),
                                                choices, save_template, ActorOf(request)),
                     202);
}

Result<Response> CommitJob(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  return JobResponse(context.import_jobs->Commit(Regency(request), request.path_params.at("job_id"),
                                                 ActorOf(request)),
                     202);
}

Result<Response> DiscardJob(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  if (auto ok = context.import_jobs->Discard(Regency(request), request.path_params.at("job_id"));
      !ok) {
    return Fail(ok.error());
  }
  Response response;
  response.status = 204;
  return response;
}

Result<Response> ListBatches(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto batches = context.quarantine->Batches(Regency(request));
  if (!batches) return Fail(std::move(batches.error()));
  json items = json::array();
  for (const auto& [b, open] : *batches) {
    items.push_back({{"id", b.id},
                     {"source", b.source},
                     {"source_kind", domain::ToCode(b.source_kind)},
                     {"file_name", b.file_name},
                     {"checksum", b.checksum},
                     {"actor", b.actor},
                     {"created_at", IsoTime(b.created_at_us)},
                     {"read", b.read},
                     {"accepted", b.accepted},
                     {"quarantined", b.quarantined},
                     {"updated", b.updated},
                     {"unchanged", b.unchanged},
                     {"open_quarantine", open}});
  }
  return JsonResponse(json{{"items", items}});
}

Result<Response> ListQuarantine(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto batch_id = IdParam(request, "batch_id");
  if (!batch_id) return Fail(batch_id.error());
  auto after = IntegerQuery(request, "after", 0);
  if (!after) return Fail(after.error());
  if (*after < 0) return Fail(Error::InvalidArgument("after harus bilangan"));
  auto limit = IntegerQuery(request, "limit", 100);
  if (!limit) return Fail(limit.error());
  // Out-of-range limits are the service's to refuse; clamp only what would overflow an int.
  auto page =
      context.quarantine->List(Regency(request), *batch_id, *after,
                               static_cast<int>(std::clamp<std::int64_t>(*limit, -1, 100000)));
  if (!page) return Fail(std::move(page.error()));
  json items = json::array();
  for (const auto& row : page->rows) {
    json issues = json::array();
    const json stored = json::parse(row.issues_json, nullptr, false);
    if (stored.is_array()) {
      for (const auto& issue : stored) {
        if (!issue.is_object()) continue;
        issues.push_back({{"code", issue.value("code", "")},
                          {"message", issue.value("message", "")},
                          {"field", issue.contains("field") ? issue["field"] : json(nullptr)},
                          {"severity", issue.value("severity", "error")}});
      }
    }
    items.push_back({{"id", row.id},
                     {"line", row.line},
                     {"header", page->header},
                     {"cells", row.original_cells},
                     {"issues", issues},
                     {"resolved", row.resolved_at_us.has_value()}});
  }
  return JsonResponse(
      json{{"items", items},
           {"next_after", page->next_after ? json(*page->next_after) : json(nullptr)}});
}

Result<Response> FixRow(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto row_id = IdParam(request, "row_id");
  if (!row_id) return Fail(row_id.error());
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  const auto values = body->find("values");
  if (values == body->end() || !values->is_object()) {
    return Fail(Error::InvalidArgument("values wajib berupa objek"));
  }
  std::map<std::string, std::string> fields;
  for (const auto& [name, value] : values->items()) {
    if (value.is_null()) continue;
    if (!value.is_string()) {
      return Fail(Error::InvalidArgument("Nilai isian '" + name + "' harus berupa teks"));
    }
    fields[name] = value.get<std::string>();
  }
  auto fixed = context.quarantine->Fix(Regency(request), *row_id, fields, ActorOf(request));
  if (!fixed) return Fail(std::move(fixed.error()));
  if (!fixed->errors.empty()) return RowValidationProblem(fixed->errors);
  return JsonResponse(json{{"worker_id", fixed->worker_id}});
}

Result<Response> ListTemplates(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto templates = context.quarantine->Templates(Regency(request));
  if (!templates) return Fail(std::move(templates.error()));
  json items = json::array();
  for (const auto& t : *templates) {
    auto mapping = intake::MappingFromJson(json::parse(t.mapping_json, nullptr, false));
    if (!mapping) continue;  // unreadable: the next save replaces it
    items.push_back({{"source", t.source}, {"columns", ColumnsJson(t.header, *mapping)}});
  }
  return JsonResponse(json{{"items", items}});
}

}  // namespace

bool IsImportUpload(Method method, std::string_view target) {
  return IsRegencyUpload(method, target, "imports");
}

void AddImportRoutes(Router& router, const ApiContext& context) {
  const auto import = RoutePolicy::InRegency(Permission::kImport);
  const std::string base = "/api/v1/regencies/{code}";
  auto bind = [&context](Result<Response> (*handler)(const ApiContext&, const Request&)) {
    return [&context, handler](const Request& request) { return handler(context, request); };
  };
  router.Add(Method::kPost, base + "/imports", "imports.upload", import, bind(Upload));
  router.Add(Method::kGet, base + "/imports", "imports.list",
             RoutePolicy::InRegency(Permission::kViewWorkers), bind(ListBatches));
  router.Add(Method::kGet, base + "/imports/jobs/{job_id}", "imports.job", import, bind(GetJob));
  router.Add(Method::kPut, base + "/imports/jobs/{job_id}/mapping", "imports.mapping", import,
             bind(PutMapping));
  router.Add(Method::kPost, base + "/imports/jobs/{job_id}/commit", "imports.commit", import,
             bind(CommitJob));
  router.Add(Method::kDelete, base + "/imports/jobs/{job_id}", "imports.discard", import,
             bind(DiscardJob));
  router.Add(Method::kGet, base + "/imports/{batch_id}/quarantine", "imports.quarantine", import,
             bind(ListQuarantine));
  router.Add(Method::kPost, base + "/quarantine/{row_id}/fix", "quarantine.fix", import,
             bind(FixRow));
  router.Add(Method::kGet, base + "/import-templates", "imports.templates", import,
             bind(ListTemplates));
}

}  // namespace jaring::http
