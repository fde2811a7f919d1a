#include "http/api_routes.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/date_format.hpp"
#include "http/api_json.hpp"
#include "http/audit_routes.hpp"
#include "http/bill_routes.hpp"
#include "http/card_routes.hpp"
#include "http/claim_routes.hpp"
#include "http/monev_routes.hpp"
#include "http/enrolment_routes.hpp"
#include "http/import_routes.hpp"
#include "http/problem.hpp"
#include "http/program_routes.hpp"
#include "http/registry_routes.hpp"
#include "http/verval_routes.hpp"

namespace jaring::http {
namespace {

using auth::RoutePolicy;
using nlohmann::json;

constexpr std::string_view kBearerPrefix = "Bearer ";

json NamedCounts(const std::vector<services::NamedCount>& rows, const char* name_key) {
  json out = json::array();
  for (const auto& row : rows) {
    out.push_back({{"code", row.code}, {name_key, row.name}, {"count", row.count}});
  }
  return out;
}

// What the front end needs to know about who is signed in: the roles with their Indonesian
// names and scopes (for the header) and the permission codes (to hide what it may not offer;
// the server checks regardless).
json SessionBody(const ApiContext& context, const auth::Principal& principal,
                 const std::string* csrf_token, bool must_change_password) {
  json roles = json::array();
  std::set<std::string_view> permissions;
  for (const auto& grant : principal.grants) {
    const domain::Region* scope = context.regions->Find(grant.scope.code());
    roles.push_back({{"role", auth::RoleCode(grant.role)},
                     {"name", auth::RoleDisplayName(grant.role)},
                     {"scope", grant.scope.code()},
                     {"scope_name", scope != nullptr ? scope->name : std::string()}});
    for (const auto permission : auth::PermissionsOf(grant.role)) {
      permissions.insert(auth::PermissionCode(permission));
    }
  }
  return json{{"user", {{"id", principal.user_id}, {"username", principal.username}}},
              {"roles", roles},
              {"permissions", permissions},
              {"csrf_token", csrf_token != nullptr ? json(*csrf_token) : json(nullptr)},
              {"must_change_password", must_change_password}};
}

bool RequestIsSecure(const ApiContext& context, const Request& request) {
  if (context.secure_cookies) return true;
  const auto proto = request.Header("x-forwarded-proto");
  return proto && *proto == "https";
}

std::string SessionCookie(const ApiContext& context, const Request& request, std::string_view value,
                          bool clear) {
  // No Max-Age: the cookie ends with the browser, the session earlier if the server says so
  // (idle and absolute timeouts are enforced on every request, not trusted to the browser).
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(value) +
                       "; Path=/; HttpOnly; SameSite=Strict";
  if (clear) cookie += "; Max-Age=0";
  if (RequestIsSecure(context, request)) cookie += "; Secure";
  return cookie;
}

Result<Response> Health(const ApiContext& context) {
  return Response::Json(
      json{{"status", "ok"}, {"version", context.version}, {"database", context.database_engine}}
          .dump());
}

// Sign-in is the one state change made without a CSRF token (there is no session yet), so it
// is where login CSRF (a page on another site signing the browser in to the attacker's account)
// is stopped: only JSON is taken, which a form cannot send and a cross-origin fetch cannot send
// without a CORS preflight that jaring never answers; and what a browser says about the request's
// origin must be this site. Sec-Fetch-Site (modern browsers) decides when present: same-origin,
// or none (the user's own action); else an Origin header must name the Host (or the
// X-Forwarded-Host of the proxy in front). Clients that are not browsers send neither.
std::optional<Refusal> SignInRefusal(const Request& request) {
  if (!HasJsonContentType(request)) return Refusal::kUnsupportedMediaType;
  if (const auto site = request.Header("sec-fetch-site")) {
    if (*site == "same-origin" || *site == "none") return std::nullopt;
    return Refusal::kCrossSite;
  }
  if (const auto origin = request.Header("origin")) {
    std::string_view host = request.Header("x-forwarded-host")
                                .value_or(request.Header("host").value_or(std::string_view{}));
    host = host.substr(0, host.find(','));  // the first proxy's
    while (!host.empty() && host.back() == ' ') host.remove_suffix(1);
    const auto scheme_end = origin->find("://");
    const std::string_view authority =
        scheme_end == std::string_view::npos ? std::string_view{} : origin->substr(scheme_end + 3);
    const auto same = [](std::string_view a, std::string_view b) {
      return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
             });
    };
    if (host.empty() || authority.empty() || !same(authority, host)) return Refusal::kCrossSite;
  }
  return std::nullopt;
}

Result<Response> SignIn(const ApiContext& context, const Request& request) {
  if (const auto refused = SignInRefusal(request)) return RefusalResponse(*refused);
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  auto username = TextField(*body, "username");
  if (!username) return Fail(username.error());
  auto password = TextField(*body, "password");
  if (!password) return Fail(password.error());
  if (username->empty() || password->empty()) {
    return Fail(Error::InvalidArgument("Nama pengguna dan kata sandi wajib diisi"));
  }
  const auto user_agent = request.Header("user-agent");
  auto signed_in = context.accounts->SignIn(*username, *password, request.remote_address,
                                            user_agent.value_or(std::string_view{}));
  if (!signed_in) {
    // Wrong credentials are the one PermissionDenied that means "who are you" (401), not
    // "you may not" (403); a throttle's refusal carries its retry_after to the 429.
    const Error& error = signed_in.error();
    if (error.code == ErrorCode::kPermissionDenied && !error.retry_after) {
      return RefusalResponse(Refusal::kInvalidCredentials, error.message);
    }
    return Fail(error);
  }
  Response response =
      Response::Json(SessionBody(context, signed_in->principal, &signed_in->csrf_token,
                                 signed_in->must_change_password)
                         .dump());
  response.headers.emplace_back("Set-Cookie",
                                SessionCookie(context, request, signed_in->session_id, false));
  return response;
}

Result<Response> WhoAmI(const ApiContext& context, const Request& request) {
  const Caller& caller = *request.caller;
  const bool cookie = caller.via == Caller::Via::kSessionCookie;
  return Response::Json(SessionBody(context, caller.principal,
                                    cookie ? &caller.csrf_token : nullptr,
                                    caller.must_change_password)
                            .dump());
}

Result<Response> SignOut(const ApiContext& context, const Request& request) {
  const Caller& caller = *request.caller;
  if (caller.via != Caller::Via::kSessionCookie) {
    return Fail(Error::InvalidArgument("Permintaan ini tidak memakai sesi (token API)"));
  }
  if (auto ended = context.accounts->SignOut(caller.session_id, request.remote_address); !ended) {
    return Fail(ended.error());
  }
  Response response;
  response.status = 204;
  response.headers.emplace_back("Set-Cookie", SessionCookie(context, request, "", true));
  return response;
}

Result<Response> ChangePassword(const ApiContext& context, const Request& request) {
  auto body = JsonObjectBody(request);
  if (!body) return Fail(body.error());
  auto current_password = TextField(*body, "current_password");
  if (!current_password) return Fail(current_password.error());
  auto new_password = TextField(*body, "new_password");
  if (!new_password) return Fail(new_password.error());
  const Caller& caller = *request.caller;
  const auto actor = services::Actor::ForPrincipal(caller.principal, request.remote_address);
  auto changed = context.accounts->ChangePassword(
      caller.principal.user_id, *current_password, *new_password, actor,
      caller.via == Caller::Via::kSessionCookie ? std::string_view(caller.session_id)
                                                : std::string_view{});
  if (!changed) return Fail(changed.error());
  Response response;
  response.status = 204;
  return response;
}

Result<Response> Regencies(const ApiContext& context, const Request& request) {
  // The list is filtered to what the principal may see; never from request input.
  const auto visible = auth::VisibleRegencies(request.caller->principal, *context.regions,
                                              auth::Permission::kViewDashboard);
  auto regencies = context.dashboard->Regencies();
  if (!regencies) return Fail(regencies.error());
  json items = json::array();
  for (const auto& regency : *regencies) {
    if (!std::binary_search(visible.begin(), visible.end(), regency.code)) continue;
    json item = {{"code", regency.code}, {"name", regency.name}, {"workers", regency.workers}};
    // Demo mode: the month the demo's extracts are for, where the verval page opens.
    if (context.demo != nullptr) {
      if (std::string period = context.demo->Period(regency.code); !period.empty())
        item["demo_period"] = std::move(period);
    }
    items.push_back(std::move(item));
  }
  return Response::Json(json{{"items", items}}.dump());
}

Result<Response> RegencyDashboard(const ApiContext& context, const Request& request) {
  auto dashboard =
      context.dashboard->ForRegency(request.path_params.at(std::string(kRegencyParam)));
  if (!dashboard) return Fail(dashboard.error());
  json age_bands = json::array();
  for (const auto& band : dashboard->by_age_band) {
    age_bands.push_back({{"band", band.code}, {"count", band.count}});
  }
  json body = {
      {"regency", {{"code", dashboard->regency_code}, {"name", dashboard->regency_name}}},
      {"as_of", domain::FormatIsoDate(dashboard->as_of)},
      {"workers_total", dashboard->workers_total},
      {"registry_rows", dashboard->registry_rows},
      {"settled",
       dashboard->settled
           ? json{{"period", dashboard->settled->period},
                  {"version", dashboard->settled->version},
                  {"persons", dashboard->settled->persons},
                  {"settled_at", domain::FormatIsoTimestamp(dashboard->settled->settled_at)}}
           : json()},
      {"by_district", NamedCounts(dashboard->by_district, "name")},
      {"by_occupation", NamedCounts(dashboard->by_occupation, "label")},
      {"by_sex", NamedCounts(dashboard->by_sex, "label")},
      {"by_age_band", age_bands},
  };
  return Response::Json(body.dump());
}

}  // namespace

Authenticator MakeAuthenticator(services::AccountService& accounts) {
  return [&accounts](const Request& request) -> Result<std::optional<Caller>> {
    if (const auto authorization = request.Header("authorization")) {
      if (!authorization->starts_with(kBearerPrefix)) return std::optional<Caller>();
      auto token = accounts.AuthenticateToken(authorization->substr(kBearerPrefix.size()));
      if (!token) {
        if (token.error().code == ErrorCode::kNotFound) return std::optional<Caller>();
        return Fail(token.error());
      }
      return Caller{
          std::move(token->principal), Caller::Via::kApiToken, {}, {}, token->must_change_password};
    }
    const auto session_id = request.Cookie(kSessionCookie);
    if (!session_id || session_id->empty()) return std::optional<Caller>();
    auto session = accounts.Authenticate(*session_id);
    if (!session) {
      if (session.error().code == ErrorCode::kNotFound) return std::optional<Caller>();
      return Fail(session.error());
    }
    return Caller{std::move(session->principal), Caller::Via::kSessionCookie,
                  std::string(*session_id), std::move(session->csrf_token),
                  session->must_change_password};
  };
}

void AddApiRoutes(Router& router, const ApiContext& context) {
  router.Add(Method::kGet, "/api/v1/health", "health", RoutePolicy::Public(),
             [&context](const Request&) { return Health(context); });
  router.Add(Method::kPost, "/api/v1/session", "session.sign_in", RoutePolicy::Public(),
             [&context](const Request& request) { return SignIn(context, request); });
  router.Add(Method::kGet, "/api/v1/session", "session.current", RoutePolicy::SignedIn(),
             [&context](const Request& request) { return WhoAmI(context, request); });
  router.Add(Method::kDelete, "/api/v1/session", "session.sign_out", RoutePolicy::SignedIn(),
             [&context](const Request& request) { return SignOut(context, request); });
  router.Add(Method::kPost, "/api/v1/session/password", "session.change_password",
             RoutePolicy::SignedIn(),
             [&context](const Request& request) { return ChangePassword(context, request); });
  router.Add(Method::kGet, "/api/v1/regencies", "regency.list", RoutePolicy::SignedIn(),
             [&context](const Request& request) { return Regencies(context, request); });
  router.Add(Method::kGet, "/api/v1/regencies/{code}/dashboard", "regency.dashboard",
             RoutePolicy::InRegency(auth::Permission::kViewDashboard),
             [&context](const Request& request) { return RegencyDashboard(context, request); });
  AddImportRoutes(router, context);
  AddRegistryRoutes(router, context);
  AddAuditRoutes(router, context);
  AddVervalRoutes(router, context);
  AddProgramRoutes(router, context);
  AddEnrolmentRoutes(router, context);
  AddCardRoutes(router, context);
  AddBillRoutes(router, context);
  AddClaimRoutes(router, context);
  AddMonevRoutes(router, context);
}

}  // namespace jaring::http
