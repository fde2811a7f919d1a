#include "http/api_routes.hpp"

#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"

namespace jaring::http {
namespace {

using nlohmann::json;

json NamedCounts(const std::vector<services::NamedCount>& rows, const char* name_key) {
  json out = json::array();
  for (const auto& row : rows) {
    out.push_back({{"code", row.code}, {name_key, row.name}, {"count", row.count}});
  }
  return out;
}

Result<Response> Health(const ApiContext& context) {
  return Response::Json(json{{"status", "ok"},
                             {"version", context.version},
                             {"database", context.database_engine}}
                            .dump());
}

Result<Response> Regencies(const ApiContext& context) {
  auto regencies = context.dashboard->Regencies();
  if (!regencies) return Fail(regencies.error());
  json items = json::array();
  for (const auto& regency : *regencies) {
    items.push_back({{"code", regency.code}, {"name", regency.name}, {"workers", regency.workers}});
  }
  return Response::Json(json{{"items", items}}.dump());
}

Result<Response> RegencyDashboard(const ApiContext& context, const Request& request) {
  auto dashboard = context.dashboard->ForRegency(request.path_params.at("code"));
  if (!dashboard) return Fail(dashboard.error());
  json age_bands = json::array();
  for (const auto& band : dashboard->by_age_band) {
    age_bands.push_back({{"band", band.code}, {"count", band.count}});
  }
  json body = {
      {"regency", {{"code", dashboard->regency_code}, {"name", dashboard->regency_name}}},
      {"as_of", domain::FormatIsoDate(dashboard->as_of)},
      {"workers_total", dashboard->workers_total},
      {"by_district", NamedCounts(dashboard->by_district, "name")},
      {"by_occupation", NamedCounts(dashboard->by_occupation, "label")},
      {"by_sex", NamedCounts(dashboard->by_sex, "label")},
      {"by_age_band", age_bands},
  };
  return Response::Json(body.dump());
}

}  // namespace

void AddApiRoutes(Router& router, const ApiContext& context) {
  router.Add(Method::kGet, "/api/v1/health", "health",
             [&context](const Request&) { return Health(context); });
  router.Add(Method::kGet, "/api/v1/regencies", "regency.list",
             [&context](const Request&) { return Regencies(context); });
  router.Add(Method::kGet, "/api/v1/regencies/{code}/dashboard", "regency.dashboard",
             [&context](const Request& request) { return RegencyDashboard(context, request); });
}

}  // namespace jaring::http
