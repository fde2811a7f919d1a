// Claims for heirs through the web (issue 15). Shapes in docs/claims.md "HTTP API".
//
//   GET  /api/v1/regencies/{code}/claims[?state=&overdue=1]           InRegency(view_workers)
//   POST /api/v1/regencies/{code}/claims                              InRegency(view_workers)
//        {"worker_id","kind","outcome","event_date","reporter","source","member_since",
//         "paid_months"} -> 201 CLAIM (200 when it was there); the service needs manage_claims
//   GET  /api/v1/regencies/{code}/claims/{id}                         InRegency(view_workers)
//   PUT  /api/v1/regencies/{code}/claims/{id}/heirs  {"heirs":[...]}  InRegency(view_workers)
//   POST /api/v1/regencies/{code}/claims/{id}/documents/{kind}        InRegency(view_workers)
//        body: the file (PDF/JPEG/PNG, up to 10 MB), X-File-Name -> 201 CLAIM
//   POST /api/v1/regencies/{code}/claims/{id}/documents/{kind}/seen   InRegency(view_workers)
//   GET  /api/v1/regencies/{code}/claims/{id}/documents/{kind}        InRegency(view_workers)
//        the stored file (manage_claims)
//   POST /api/v1/regencies/{code}/claims/{id}/transitions             InRegency(view_workers)
//        {"to","note","amount","paid_on","reference"} -> CLAIM
//   GET  /api/v1/regencies/{code}/claims-submitted.xlsx               InRegency(view_workers)
//        the submitted cases for the branch (export_personal_data, audited)
//   POST /api/v1/regencies/{code}/claim-decisions                     InRegency(view_workers)
//        body: the branch's decisions (.xlsx/.csv), X-File-Name -> {"lines","applied",
//        "repeated","mismatches":[...]} (manage_claims)
//   GET  /api/v1/regencies/{code}/claims-report[?format=pdf|xlsx]     InRegency(view_reports)
//   GET  /api/v1/regencies/{code}/claim-targets                       InRegency(view_workers)
//   PUT  /api/v1/regencies/{code}/claim-targets  {"detect_days",...}  InRegency(view_workers)
//
// Routes answer 503 while the service in ApiContext is null.
#pragma once

#include <string_view>

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

void AddClaimRoutes(Router& router, const ApiContext& context);

// True for a document upload (admitted as a large body; the service refuses beyond 10 MB).
bool IsClaimDocumentUpload(Method method, std::string_view target);
// True for an upload of the branch's decisions file (admitted as a large body, like imports).
bool IsClaimDecisionsUpload(Method method, std::string_view target);

}  // namespace jaring::http
