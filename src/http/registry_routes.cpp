#include "http/registry_routes.hpp"

#include <limits>
#include <nlohmann/json.hpp>

#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/problem.hpp"
#include "services/registry_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::json;

Status Available(const ApiContext& context) {
  if (context.registry != nullptr) return {};
  return Fail(Error::Unavailable("Layanan daftar pekerja tidak tersedia"));
}

const std::string& Regency(const Request& request) {
  return request.path_params.at(std::string(kRegencyParam));
}

// The {id} of the path; an id that is not a positive number is simply not found.
Result<std::int64_t> WorkerId(const Request& request) {
  return PathId(request, "id", "Pekerja tidak ditemukan");
}

services::Actor ActorOf(const Request& request) {
  return services::Actor::ForPrincipal(request.caller->principal, request.remote_address);
}

Result<services::RegistryListParams> ListParams(const Request& request) {
  services::RegistryListParams p;
  p.q = request.Query("q");
  p.district = request.Query("district");
  p.village = request.Query("village");
  p.occupation = request.Query("occupation");
  p.status = request.Query("status");
  p.source = request.Query("source");
  p.sex = request.Query("sex");
  p.age_band = request.Query("age_band");
  p.has_issues = request.Query("has_issues");
  p.sort = request.Query("sort");
  auto page = IntegerQuery(request, "page", 1);
  if (!page) return Fail(page.error());
  auto page_size = IntegerQuery(request, "page_size", 50);
  if (!page_size) return Fail(page_size.error());
  p.page = *page;
  p.page_size = *page_size;
  return p;
}

json SummaryJson(const services::WorkerSummary& s) {
  return {{"id", s.id},
          {"nik", s.nik},
          {"nik_masked", s.nik_masked},
          {"name", s.name},
          {"sex", s.sex},
          {"birth_date", s.birth_date.empty() ? json(nullptr) : json(s.birth_date)},
          {"birth_year", s.birth_year ? json(*s.birth_year) : json(nullptr)},
          {"age", s.age ? json(*s.age) : json(nullptr)},
          {"village_code", s.village_code},
          {"village_name", s.village_name},
          {"district_code", s.district_code},
          {"district_name", s.district_name},
          {"occupation", s.occupation},
          {"occupation_label", s.occupation_label},
          {"status", s.status},
          {"source", s.source},
          {"has_issues", s.has_issues},
          {"updated_at", s.updated_at}};
}

json DetailJson(const services::WorkerDetail& d) {
  json out = SummaryJson(d.summary);
  out["kk"] = d.kk;
  out["name_original"] = d.name_original;
  out["birth_place"] = d.birth_place;
  out["address"] = d.address;
  out["phone"] = d.phone;
  out["created_at"] = d.created_at;
  json household = json::array();
  for (const auto& m : d.household) {
    household.push_back({{"id", m.id},
                         {"name", m.name},
                         {"nik", m.nik},
                         {"nik_masked", m.nik_masked},
                         {"sex", m.sex},
                         {"birth_date", m.birth_date.empty() ? json(nullptr) : json(m.birth_date)},
                         {"birth_year", m.birth_year ? json(*m.birth_year) : json(nullptr)}});
  }
  out["household"] = std::move(household);
  json history = json::array();
  for (const auto& h : d.history) {
    history.push_back({{"at", h.at},
                       {"actor", h.actor},
                       {"action", h.action},
                       {"before", JsonOrNull(h.before_json)},
                       {"after", JsonOrNull(h.after_json)}});
  }
  out["history"] = std::move(history);
  json batches = json::array();
  for (const auto& b : d.batches) {
    batches.push_back({{"id", b.id},
                       {"file_name", b.file_name},
                       {"source", b.source},
                       {"created_at", b.created_at}});
  }
  out["batches"] = std::move(batches);
  json issues = json::array();
  for (const auto& i : d.issues) {
    issues.push_back({{"code", i.code},
                      {"message", i.message},
                      {"field", i.field.empty() ? json(nullptr) : json(i.field)},
                      {"severity", i.severity}});
  }
  out["issues"] = std::move(issues);
  out["can_edit"] = d.can_edit;
  out["can_unmask"] = d.can_unmask;
  return out;
}

Result<Response> ListWorkers(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto params = ListParams(request);
  if (!params) return Fail(params.error());
  auto list = context.registry->List(Regency(request), *params, ActorOf(request));
  if (!list) return Fail(list.error());
  json items = json::array();
  for (const auto& item : list->items) items.push_back(SummaryJson(item));
  return Response::Json(DumpJson(json{{"items", std::move(items)},
                                      {"total", list->total},
                                      {"total_exact", list->total_exact},
                                      {"page", list->page},
                                      {"page_size", list->page_size}}));
}

Result<Response> GetWorker(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto id = WorkerId(request);
  if (!id) return Fail(id.error());
  auto detail = context.registry->Get(Regency(request), *id, ActorOf(request));
  if (!detail) return Fail(detail.error());
  return Response::Json(DumpJson(DetailJson(*detail)));
}

Result<Response> EditWorker(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto id = WorkerId(request);
  if (!id) return Fail(id.error());
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  services::WorkerPatch patch;
  for (const auto& [field, value] : body->items()) {
    if (value.is_null()) {
      patch.emplace_back(field, "");
    } else if (value.is_string()) {
      patch.emplace_back(field, value.get<std::string>());
    } else {
      return Fail(Error::InvalidArgument("Kolom " + field + " harus berupa teks"));
    }
  }
  auto edited = context.registry->Edit(Regency(request), *id, patch, ActorOf(request));
  if (!edited) return Fail(edited.error());
  if (!edited->worker) {
    std::vector<FieldError> errors;
    for (const auto& e : edited->errors) errors.push_back({e.field, e.code, e.message});
    return ValidationProblem("Data pekerja belum sah", errors);
  }
  return Response::Json(DumpJson(DetailJson(*edited->worker)));
}

Result<Response> SetStatus(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  const auto ids = body->find("ids");
  if (ids == body->end() || !ids->is_array()) {
    return Fail(Error::InvalidArgument("ids harus berupa daftar nomor pekerja"));
  }
  std::vector<std::int64_t> list;
  for (std::size_t i = 0; i < ids->size(); ++i) {
    auto id = IntegerIn((*ids)[i], 1, std::numeric_limits<std::int64_t>::max(),
                        "ids[" + std::to_string(i) + "]");
    if (!id) return Fail(std::move(id.error()));
    list.push_back(*id);
  }
  auto status = TextField(*body, "status");
  if (!status) return Fail(status.error());
  auto reason = TextField(*body, "reason");
  if (!reason) return Fail(reason.error());
  auto changed =
      context.registry->SetStatus(Regency(request), list, *status, *reason, ActorOf(request));
  if (!changed) return Fail(changed.error());
  return Response::Json(DumpJson(json{{"changed", *changed}}));
}

Result<Response> Export(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto params = ListParams(request);
  if (!params) return Fail(params.error());
  const std::string_view format_text = request.Query("format");
  services::ExportFormat format = services::ExportFormat::kXlsx;
  if (format_text == "csv") {
    format = services::ExportFormat::kCsv;
  } else if (!format_text.empty() && format_text != "xlsx") {
    return Fail(Error::InvalidArgument("format harus xlsx atau csv"));
  }
  auto file = context.registry->Export(Regency(request), *params, format, ActorOf(request));
  if (!file) return Fail(file.error());
  return Attachment(file->content_type, std::move(file->bytes), file->file_name);
}

Result<Response> Unmask(const ApiContext& context, const Request& request) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto id = WorkerId(request);
  if (!id) return Fail(id.error());
  auto nik = context.registry->Unmask(Regency(request), *id, ActorOf(request));
  if (!nik) return Fail(nik.error());
  Response response = Response::Json(DumpJson(json{{"nik", *nik}}));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddRegistryRoutes(Router& router, const ApiContext& context) {
  const std::string base = "/api/v1/regencies/{code}/workers";
  // Literal segments (export, status) before {id}: the first matching route wins.
  router.Add(Method::kGet, base, "registry.list", RoutePolicy::InRegency(Permission::kViewWorkers),
             [&context](const Request& r) { return ListWorkers(context, r); });
  router.Add(Method::kGet, base + "/export", "registry.export",
             RoutePolicy::InRegency(Permission::kExportPersonalData),
             [&context](const Request& r) { return Export(context, r); });
  router.Add(Method::kPost, base + "/status", "registry.status",
             RoutePolicy::InRegency(Permission::kEditWorkers),
             [&context](const Request& r) { return SetStatus(context, r); });
  router.Add(Method::kGet, base + "/{id}", "registry.get",
             RoutePolicy::InRegency(Permission::kViewWorkers),
             [&context](const Request& r) { return GetWorker(context, r); });
  router.Add(Method::kPatch, base + "/{id}", "registry.edit",
             RoutePolicy::InRegency(Permission::kEditWorkers),
             [&context](const Request& r) { return EditWorker(context, r); });
  router.Add(Method::kPost, base + "/{id}/unmask", "registry.unmask",
             RoutePolicy::InRegency(Permission::kUnmaskNik),
             [&context](const Request& r) { return Unmask(context, r); });
}

}  // namespace jaring::http
