// The registry through the web (issue 4, items 7 and 8; issue 3, item 5): the "Registry"
// section of the API contract over services::RegistryService.
//
//   GET   /api/v1/regencies/{code}/workers               InRegency(view_workers)
//         ?q=&district=&village=&occupation=&status=&source=&sex=&age_band=&has_issues=
//          &sort=&page=&page_size=      -> {"items","total","total_exact","page","page_size"}
//         total_exact false: more than `total` workers match (counted up to 10,000 or to the
//         end of the page asked for, whichever is more), so a next page exists.
//         With q and sort=name (the default), a NIK prefix lists in NIK order and a name in
//         search-key order (names that sound alike together), the order of their index.
//   GET   /api/v1/regencies/{code}/workers/export?format=xlsx|csv&<list filters>
//                                                        InRegency(export_personal_data)
//         -> the file as an attachment (Content-Disposition), audited
//   POST  /api/v1/regencies/{code}/workers/status        InRegency(edit_workers)
//         {"ids":[...],"status":"...","reason":"..."}   -> {"changed":N}
//   GET   /api/v1/regencies/{code}/workers/{id}          InRegency(view_workers) -> the worker
//   PATCH /api/v1/regencies/{code}/workers/{id}          InRegency(edit_workers)
//         {"name":...,...}                               -> the worker, or 422 with "errors"
//   POST  /api/v1/regencies/{code}/workers/{id}/unmask   InRegency(unmask_nik) -> {"nik"}
//
// A worker of another regency is 404 like a missing one. NIKs (and KKs) are masked for
// principals without view_worker_nik in the regency (the service decides), who then get
// "birth_year" but a null "birth_date" and "age", 400 for sort=nik|birth_date, age_band or a
// NIK shorter than 16 digits, and 429 (Retry-After) when their whole-NIK searches and unmasks
// exceed the lookup throttle (docs/privacy.md). Routes answer 503 while ApiContext::registry
// is null.
#pragma once

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

// Registers the routes above; the context (registry) must outlive the router.
void AddRegistryRoutes(Router& router, const ApiContext& context);

}  // namespace jaring::http
