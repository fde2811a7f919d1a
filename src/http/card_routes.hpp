// Membership cards through the web (issue 14, item 4; docs/cards.md "Routes"):
//
//   GET /api/v1/card-key                                    Public
//       {"algorithm":"Ed25519","public_key":BASE64,"key_id":HEX}
//   GET /cek/{token}                                        Public
//       a small page in Bahasa Indonesia: initials, status and period only ("Kartu tidak sah"
//       for a token that does not verify); never a name, NIK or KPJ
//   GET /api/v1/cards/{token}/status                        Public     the same as JSON
//   GET  /api/v1/regencies/{code}/programs/{id}/cards[?worker=ID]   InRegency(view_workers)
//        the cards issued; the service also requires manage_enrolment or export_personal_data
//   POST /api/v1/regencies/{code}/programs/{id}/cards                 InRegency(view_workers)
//        {"worker":ID (optional),"layout":"sheet"|"single"} -> 201, the new cards' PDF
//        (audited as create and export; a worker's earlier card is revoked as re-issued)
//   GET  /api/v1/regencies/{code}/programs/{id}/cards.pdf[?worker=ID][&layout=single]
//        InRegency(view_workers): the PDF of the cards that still hold (audited as export);
//        a GET never issues or revokes anything
//   POST /api/v1/regencies/{code}/cards/{card}/revocation  {"reason":TEXT}
//        InRegency(manage_enrolment)
//
// Routes answer 503 while ApiContext::cards is null.
#pragma once

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

void AddCardRoutes(Router& router, const ApiContext& context);

}  // namespace jaring::http
