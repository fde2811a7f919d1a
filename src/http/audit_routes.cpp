#include "http/audit_routes.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "http/api_json.hpp"
#include "services/audit_view.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::json;

Result<Response> SearchAudit(const ApiContext& context, const Request& request) {
  if (context.audit_view == nullptr) {
    return Fail(Error::Unavailable("Jejak audit tidak tersedia"));
  }
  services::AuditViewParams params;
  params.user = request.Query("user");
  params.record_type = request.Query("record_type");
  params.record_id = request.Query("record_id");
  params.action = request.Query("action");
  params.from = request.Query("from");
  params.until = request.Query("until");
  auto before = IntegerQuery(request, "before", 0);
  if (!before) return Fail(before.error());
  auto limit = IntegerQuery(request, "limit", 100);
  if (!limit) return Fail(limit.error());
  params.before = *before;
  // Out-of-range values are refused by the view; clamp only what would overflow an int.
  params.limit = static_cast<int>(std::clamp<std::int64_t>(*limit, -1, 1001));
  auto page = context.audit_view->Search(request.caller->principal, params);
  if (!page) return Fail(page.error());
  json items = json::array();
  for (const auto& item : page->items) {
    items.push_back({{"sequence", item.sequence},
                     {"at", item.at},
                     {"actor", item.actor},
                     {"remote_address", item.remote_address},
                     {"action", item.action},
                     {"record_type", item.record_type},
                     {"record_id", item.record_id},
                     {"regency_code", item.regency_code},
                     {"before", JsonOrNull(item.before_json)},
                     {"after", JsonOrNull(item.after_json)}});
  }
  const json body{{"items", std::move(items)},
                  {"next_before", page->next_before ? json(*page->next_before) : json(nullptr)}};
  Response response = Response::Json(DumpJson(body));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

void AddAuditRoutes(Router& router, const ApiContext& context) {
  router.Add(Method::kGet, "/api/v1/audit", "audit.search",
             RoutePolicy::Requires(Permission::kViewAudit),
             [&context](const Request& r) { return SearchAudit(context, r); });
}

}  // namespace jaring::http
