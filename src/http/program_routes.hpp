// Programs and budgets through the web (issue 13, items 2 and 4), and the law's rule versions
// (item 1). Shapes in docs/programs.md "HTTP API".
//
//   GET  /api/v1/regencies/{code}/programs                    InRegency(view_dashboard)
//        -> {"items":[PROGRAM...]}
//   POST /api/v1/regencies/{code}/programs                    InRegency(manage_programs)
//        {"name","funding":[{"source","share_bp"}],"budget","period_from","period_to",...}
//        -> 201 PROGRAM
//   GET  /api/v1/regencies/{code}/programs/{id}               InRegency(view_dashboard) -> PROGRAM
//   POST /api/v1/regencies/{code}/programs/{id}/revisions     InRegency(manage_programs)
//        {"budget","decree","date"}                           -> 201 PROGRAM
//   GET  /api/v1/regencies/{code}/programs/{id}/simulation?workers=N&from=YYYY-MM
//                                                             InRegency(view_dashboard) ->
//                                                             SIMULATION
//   GET  /api/v1/policy?date=YYYY-MM-DD                       Requires(view_dashboard)
//        -> {"date","builtin","versions":[VERSION...]}
//   GET  /api/v1/policy/benefit-rules?date=YYYY-MM-DD         Requires(view_dashboard)
//        {"date","effective_from","legal_reference","certainty","rules":[{"code","title_id",
//         "text_id","title_en","text_en","uncertain"}]}: how benefits are computed (claims)
//   POST /api/v1/policy  (body: a policy file, docs/policy.md) Requires(manage_policy)
//        -> 201 {"added","ids","defaults_stored"}
//
// Programs are a regency's: the regency is the {code} path segment, which the router checks,
// and a program of another regency is 404 like a missing one. Rule versions are no regency's.
// Routes answer 503 while the services in ApiContext are null.
#pragma once

#include "http/api_routes.hpp"
#include "http/router.hpp"

namespace jaring::http {

void AddProgramRoutes(Router& router, const ApiContext& context);

}  // namespace jaring::http
