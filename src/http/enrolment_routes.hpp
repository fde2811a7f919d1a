// Enrolment through the web (issue 13, items 3-6). Shapes in docs/enrolment.md "HTTP API".
//
//   GET  /api/v1/regencies/{code}/programs/{id}/batches           InRegency(view_dashboard)
//   POST /api/v1/regencies/{code}/programs/{id}/batches           InRegency(manage_enrolment)
//        {"period":"YYYY-MM"} -> 201 BATCH
//   GET  /api/v1/regencies/{code}/programs/{id}/budget-months     InRegency(view_dashboard)
//   GET  /api/v1/regencies/{code}/programs/{id}/ineligible        InRegency(view_workers)
//        (?format=xlsx: export_personal_data, a spreadsheet for the villages)
//   GET  /api/v1/regencies/{code}/programs/{id}/answers           InRegency(view_dashboard)
//   GET  /api/v1/regencies/{code}/programs/{id}/answers/{answer}  InRegency(view_workers)
//   GET  /api/v1/regencies/{code}/enrolment-batches/{batch}       InRegency(view_dashboard)
//   GET  /api/v1/regencies/{code}/enrolment-batches/{batch}/members  InRegency(view_workers)
//   POST /api/v1/regencies/{code}/enrolment-batches/{batch}/approval InRegency(decide)
//   GET  /api/v1/regencies/{code}/enrolment-batches/{batch}/file  InRegency(manage_enrolment)
//   POST /api/v1/regencies/{code}/enrolment-answers?program=ID    InRegency(manage_enrolment)
//        body: the answer file (.xlsx/.csv), X-File-Name -> 201 ANSWER
//   GET  /api/v1/regencies/{code}/workers/{id}/coverage           InRegency(view_workers)
//
// Routes answer 503 while ApiContext::enrolment is null.
#pragma once

#include <string_view>

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

void AddEnrolmentRoutes(Router& router, const ApiContext& context);

// True for an upload of a branch answer (admitted as a large body, like imports).
bool IsEnrolmentAnswerUpload(Method method, std::string_view target);

}  // namespace jaring::http
