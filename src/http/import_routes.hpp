// Imports through the web (issue 4, items 2, 5 and 6): the routes of the "Imports" section of
// the API contract, over services::ImportJobs (upload, preview, mapping, commit) and
// services::QuarantineService (batches, quarantine, fixes, templates).
//
//   POST   /api/v1/regencies/{code}/imports?source=&source_kind=&village=   InRegency(import)
//          body: the file's bytes; X-File-Name: URL-encoded name (or file_name=) -> 202 {"job"}
//   GET    /api/v1/regencies/{code}/imports                         InRegency(view_workers)
//   GET    /api/v1/regencies/{code}/imports/jobs/{job_id}           InRegency(import)
//   PUT    /api/v1/regencies/{code}/imports/jobs/{job_id}/mapping   InRegency(import) -> 202
//   POST   /api/v1/regencies/{code}/imports/jobs/{job_id}/commit    InRegency(import) -> 202
//   DELETE /api/v1/regencies/{code}/imports/jobs/{job_id}           InRegency(import) -> 204
//   GET    /api/v1/regencies/{code}/imports/{batch_id}/quarantine   InRegency(import)
//   POST   /api/v1/regencies/{code}/quarantine/{row_id}/fix         InRegency(import) -> 200|422
//   GET    /api/v1/regencies/{code}/import-templates                InRegency(import)
//
// "import|view_workers" of the contract is InRegency(view_workers): every role that may
// import may view workers (auth/roles.cpp). Jobs, batches and rows of another regency are
// 404, exactly like missing ones. NIKs in previews are unmasked: the importer sent them.
#pragma once

#include <string_view>

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

// True for the upload route (POST /api/v1/regencies/NN.NN/imports, any query): the server
// admits it from its headers and raises its body limit to kUploadLimit (http/file_transfer.hpp).
// `target` is the raw request target.
bool IsImportUpload(Method method, std::string_view target);

// Registers the routes above; the context (import_jobs, quarantine) must outlive the router.
void AddImportRoutes(Router& router, const ApiContext& context);

}  // namespace jaring::http
