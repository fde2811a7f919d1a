#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "auth/session.hpp"
#include "http/problem.hpp"

namespace jaring::http {
namespace {

bool MatchPattern(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                  std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      found[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  if (params != nullptr) *params = std::move(found);
  return true;
}

}  // namespace

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    if (end > start) segments.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return segments;
}

void Router::Add(Method method, std::string pattern, std::string name, auth::RoutePolicy policy,
                 Handler handler) {
  if (policy.regency_scoped) {
    const std::string placeholder = "{" + std::string(kRegencyParam) + "}";
    const auto segments = SplitPath(pattern);
    JARING_ASSERT(std::find(segments.begin(), segments.end(), placeholder) != segments.end(),
                  "a regency-scoped route needs a {code} path parameter");
  }
  routes_.push_back({method, std::move(pattern), std::move(name), policy, std::move(handler)});
}

std::optional<Response> Router::Check(const Route& route, Request& request) const {
  request.caller.reset();
  if (route.policy.access != auth::RoutePolicy::Access::kPublic) {
    auto caller = authenticate_(request);
    if (!caller) return ProblemResponse(caller.error());
    request.caller = std::move(*caller);
  }
  // CSRF first: a forged request learns nothing, not even whether it would be allowed.
  if (request.caller && request.caller->via == Caller::Via::kSessionCookie &&
      auth::MethodNeedsCsrf(MethodName(request.method))) {
    const auto submitted = request.Header(kCsrfHeader);
    if (!submitted || !auth::CsrfTokenValid(request.caller->csrf_token, *submitted)) {
      return RefusalResponse(Refusal::kCsrfTokenInvalid);
    }
  }
  // A temporary password opens nothing but the way to replace it (issue 3: forced change).
  if (request.caller && request.caller->must_change_password &&
      route.policy.access == auth::RoutePolicy::Access::kPermission) {
    return RefusalResponse(Refusal::kPasswordChangeRequired);
  }
  std::optional<std::string_view> regency;
  if (route.policy.regency_scoped) {
    const auto it = request.path_params.find(std::string(kRegencyParam));
    if (it != request.path_params.end()) regency = it->second;
  }
  const auth::Principal* principal = request.caller ? &request.caller->principal : nullptr;
  switch (auth::Authorize(route.policy, principal, regency)) {
    case auth::AccessDecision::kAllow:
      break;
    case auth::AccessDecision::kUnauthenticated:
      return RefusalResponse(Refusal::kUnauthenticated);
    case auth::AccessDecision::kForbidden:
      return RefusalResponse(Refusal::kForbidden);
    case auth::AccessDecision::kMissingRegency:
      return RefusalResponse(Refusal::kMissingRegency);
  }
  return std::nullopt;
}

bool Router::Matches(const std::string& path) const {
  const auto segments = SplitPath(path);
  for (const auto& route : routes_) {
    if (MatchPattern(SplitPath(route.pattern), segments, nullptr)) return true;
  }
  return false;
}

const Route* Router::Find(Request& request, std::string* allowed) const {
  const auto segments = SplitPath(request.path);
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(SplitPath(route.pattern), segments, &params)) continue;
    const bool head_as_get = request.method == Method::kHead && route.method == Method::kGet;
    if (route.method != request.method && !head_as_get) {
      if (!allowed->empty()) *allowed += ", ";
      *allowed += MethodName(route.method);
      continue;
    }
    request.path_params = std::move(params);
    request.route = route.pattern;
    return &route;
  }
  return nullptr;
}

Response Router::NoRoute(const std::string& allowed) {
  if (allowed.empty()) return RefusalResponse(Refusal::kNotFound);
  Response response = RefusalResponse(Refusal::kMethodNotAllowed);
  response.headers.emplace_back("Allow", allowed);
  return response;
}

Response Router::Dispatch(Request& request) const {
  std::string allowed;
  const Route* route = Find(request, &allowed);
  if (route == nullptr) return NoRoute(allowed);
  try {
    if (auto refused = Check(*route, request)) return std::move(*refused);
    auto result = route->handler(request);
    if (result) return std::move(*result);
    return ProblemResponse(result.error());
  } catch (const std::exception& e) {
    // The one catch-all of the HTTP layer: a bug must not leak internals to the client.
    spdlog::error(R"("route":"{}","unhandled_exception":"{}")", route->name, e.what());
    return ProblemResponse(Error::Internal("Terjadi kesalahan internal"));
  }
}

std::optional<Response> Router::Admit(Request& request) const {
  std::string allowed;
  const Route* route = Find(request, &allowed);
  if (route == nullptr) return NoRoute(allowed);
  try {
    return Check(*route, request);
  } catch (const std::exception& e) {
    spdlog::error(R"("route":"{}","unhandled_exception":"{}")", route->name, e.what());
    return ProblemResponse(Error::Internal("Terjadi kesalahan internal"));
  }
}

}  // namespace jaring::http
