// The monthly verification through the web (issue 12): extracts, runs with progress, the review
// queue, decisions, settlement, the berita acara and the month-to-month history.
//
//   GET  /api/v1/regencies/{code}/verval?period=YYYY-MM         InRegency(view_reports)
//        -> {"period","run","counts","open_blocking","job","settled","extracts"}
//   POST /api/v1/regencies/{code}/verval/runs {"period"}        InRegency(decide) -> 202 {"job"}
//   GET  /api/v1/regencies/{code}/verval/findings?period=&kind=&state=&action=&offset=&limit=
//                                                               InRegency(decide) -> {"items"}
//   GET  /api/v1/regencies/{code}/verval/findings/{id}          InRegency(decide) -> a finding
//   POST /api/v1/regencies/{code}/verval/decisions              InRegency(decide)
//        {"period","finding_id"|"kind"|"all":true,"action"?,"verdict":"accept|reject|defer",
//         "reason","survivor"?}                                 -> {"decided":N}
//   POST /api/v1/regencies/{code}/verval/settle {"period"}      InRegency(decide) -> the month
//   GET  /api/v1/regencies/{code}/verval/minutes?period=        InRegency(view_reports) -> PDF
//   GET  /api/v1/regencies/{code}/verval/findings.xlsx?period=  InRegency(export_personal_data)
//   GET  /api/v1/regencies/{code}/verval/history                InRegency(view_dashboard)
//   GET  /api/v1/regencies/{code}/verval/settings               InRegency(decide)
//   PUT  /api/v1/regencies/{code}/verval/settings {...}         InRegency(manage_users)
//   GET  /api/v1/regencies/{code}/extracts?period=              InRegency(import) -> {"items"}
//   POST /api/v1/regencies/{code}/extracts?kind=deaths|members&period=YYYY-MM&file_name=
//        (body: the file; or its name URL-encoded in X-File-Name) InRegency(import) -> the report
//   GET  /api/v1/regencies/{code}/demo-extracts/deaths.csv|members.csv  InRegency(import)
//        demo mode only: the seeded demo regency's month extracts, to try the verification
//
// The review queue shows the records of a finding side by side, NIKs included: it is open to
// roles that decide (verifikator), which see NIKs anyway. Routes answer 503 while the services
// in ApiContext are null.
#pragma once

#include <string_view>

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

void AddVervalRoutes(Router& router, const ApiContext& context);

// True for the extract upload (its body may be as large as an import's).
bool IsExtractUpload(Method method, std::string_view target);

}  // namespace jaring::http
