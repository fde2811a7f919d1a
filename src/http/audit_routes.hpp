// The auditors' view of the audit trail through the web (issue 3, item 6) over
// services::AuditView, which decides tenancy and masking from the caller, never from input.
//
//   GET /api/v1/audit   Requires(view_audit)
//       ?user=&record_type=&record_id=&action=&from=YYYY-MM-DD&until=YYYY-MM-DD&before=&limit=
//       -> {"items":[{"sequence","at","actor","remote_address","action","record_type",
//                     "record_id","regency_code","before","after"}],"next_before":N|null}
//
// Newest first; pass next_before as `before` for the next page. Bad filters are 400. The route
// answers 503 while ApiContext::audit_view is null.
#pragma once

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

// Registers the route above; the context (audit_view) must outlive the router.
void AddAuditRoutes(Router& router, const ApiContext& context);

}  // namespace jaring::http
