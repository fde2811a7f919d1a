// The monthly bill, its reconciliation with the BPJS invoice, payments and arrears through the
// web (issue 14, items 1-3 and 5). Shapes in docs/bills.md "HTTP API".
//
//   GET  /api/v1/regencies/{code}/programs/{id}/bills                   InRegency(view_dashboard)
//   POST /api/v1/regencies/{code}/programs/{id}/bills  {"period"}       InRegency(view_dashboard)
//        -> 201 BILL (the service requires manage_enrolment or manage_programs)
//   GET  /api/v1/regencies/{code}/programs/{id}/bills/{period}          InRegency(view_dashboard)
//   GET  /api/v1/regencies/{code}/programs/{id}/bills/{period}/lines    InRegency(view_workers)
//   GET  /api/v1/regencies/{code}/programs/{id}/bills/{period}/file     InRegency(view_workers)
//        the finance office's .xlsx (export_personal_data, audited)
//   POST /api/v1/regencies/{code}/invoices?program=ID&period=YYYY-MM    InRegency(view_dashboard)
//        body: the BPJS invoice (.xlsx/.csv), X-File-Name -> 201 INVOICE (200 when repeated)
//   GET  /api/v1/regencies/{code}/programs/{id}/invoices[?period=]      InRegency(view_dashboard)
//   GET  /api/v1/regencies/{code}/invoices/{invoice}                    InRegency(view_dashboard)
//   GET  /api/v1/regencies/{code}/invoices/{invoice}/lines[?kind=&state=&offset=&limit=]
//        InRegency(view_dashboard); NIK and name only with view_workers
//   GET  /api/v1/regencies/{code}/invoices/{invoice}/lines.csv          InRegency(view_workers)
//   POST /api/v1/regencies/{code}/invoices/{invoice}/lines/{line}/resolution  {"reason"}
//        InRegency(view_dashboard) (the service requires manage_enrolment or manage_programs)
//   GET  /api/v1/regencies/{code}/programs/{id}/payments                InRegency(view_dashboard)
//        {"payments":[...],"months":[...]}
//   POST /api/v1/regencies/{code}/programs/{id}/payments                InRegency(view_dashboard)
//        {"period","amount":RUPIAH or "Rp …","date","reference","source"} -> 201 PAYMENT
//   GET  /api/v1/regencies/{code}/programs/{id}/arrears[?as_of=&offset=&limit=]
//        InRegency(view_dashboard); ?format=xlsx: the list for the head of Disnaker
//
// Routes answer 503 while the services in ApiContext are null.
#pragma once

#include <string_view>

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

void AddBillRoutes(Router& router, const ApiContext& context);

// True for an upload of a BPJS invoice (admitted as a large body, like imports).
bool IsInvoiceUpload(Method method, std::string_view target);

}  // namespace jaring::http
