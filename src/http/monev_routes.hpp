// Monitoring routes (issue 16): a regency's coverage and its districts' villages, a province's
// ranking, and the denominators and targets they divide by and are measured against.
//
//   GET  /api/v1/regencies/{code}/coverage?period=YYYY-MM          view_dashboard in the regency
//   GET  /api/v1/regencies/{code}/coverage/districts/{district}    its villages
//   GET  /api/v1/provinces/{province}/coverage?period=YYYY-MM      the regencies the caller sees
//   GET  /api/v1/regions/{region}/denominators?year=YYYY           view_dashboard
//   PUT  /api/v1/regions/{region}/denominators/{year}/{name}       manage_targets there
//   POST /api/v1/denominators                                      .xlsx/.csv upload, manage_targets
//   GET  /api/v1/regions/{region}/targets                          view_dashboard
//   PUT  /api/v1/regions/{region}/targets/{year}                   manage_targets there
//   POST /api/v1/regencies/{code}/boundaries                       GeoJSON upload, manage_targets
//   GET  /api/v1/regencies/{code}/boundaries                       view_dashboard
//   GET  /api/v1/regencies/{code}/monev.pdf|.xlsx?period=YYYY-MM   the monev report, view_reports
//   GET  /api/v1/regencies/{code}/monev/charts/{name}.png?period=  difference, trend, districts
//   GET  /api/v1/provinces/{province}/monev.pdf|.xlsx?period=      the province's, view_reports
//   GET  /api/v1/provinces/{province}/monev/charts/ranking.png     its ranking chart
// Bodies and answers are the services' JSON (services/monev_service.hpp, docs/monev.md).
#pragma once

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

void AddMonevRoutes(Router& router, const ApiContext& context);

// True for an upload of district boundaries (admitted as a large body; the service refuses
// beyond 20 MB).
bool IsBoundariesUpload(Method method, std::string_view target);

}  // namespace jaring::http
