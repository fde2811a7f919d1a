// What the route files of one regency's resources share: the regency of the path, the actor of
// the signed-in caller, and JSON written in the key order the views give it. Header-only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "http/api_routes.hpp"
#include "http/router.hpp"
#include "services/audit_trail.hpp"

namespace jaring::http {

inline constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The {code} of a route under /api/v1/regencies/{code} (its policy has checked the caller).
inline const std::string& Regency(const Request& request) {
  return request.path_params.at(std::string(kRegencyParam));
}

// The signed-in caller as the services' actor (the route's policy guarantees a caller).
inline services::Actor ActorOf(const Request& request) {
  return services::Actor::ForPrincipal(request.caller->principal, request.remote_address);
}

// Ordered JSON as text; invalid UTF-8 from stored data is replaced rather than thrown.
inline std::string DumpOrdered(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// {"items":[ToJson(row),...]} of views that have a ToJson beside them (services::ToJson).
template <typename T>
nlohmann::ordered_json Items(const std::vector<T>& rows) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& row : rows) items.push_back(ToJson(row));  // found by ADL in services
  return {{"items", std::move(items)}};
}

}  // namespace jaring::http
