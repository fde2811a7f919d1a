// Router: maps (method, path pattern) to a handler, and is the one place where the HTTP layer
// decides who may call what. Patterns are literal segments and {name} placeholders
// ("/api/v1/regencies/{code}/dashboard").
//
// Every route declares an auth::RoutePolicy; Add() has no overload without one, so a route
// without a policy cannot be written. Before a handler runs, Dispatch:
//   1. authenticates the request (for every route that is not Public) through the Authenticator
//      given at construction, and puts the result in request.caller;
//   2. for a state-changing method authenticated by the session cookie, requires the header
//      X-CSRF-Token to equal the session's CSRF token (403 CSRF_TOKEN_INVALID otherwise);
//   3. runs auth::Authorize(policy, principal, regency), the regency being the {code} path
//      parameter of regency-scoped routes: 401 UNAUTHENTICATED, 403 FORBIDDEN, 400.
// All refusals are problem+json (problem.hpp) and say nothing about the data behind the route.
//
// Routes are registered at start-up and then only read: Dispatch and Admit are thread-safe once
// registration is over (if the Authenticator is). A handler returns Result<Response>; a failed
// Result becomes a problem+json response in one place (problem.hpp).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/roles.hpp"
#include "common/error.hpp"
#include "http/message.hpp"

namespace jaring::http {

using Handler = std::function<Result<Response>(const Request&)>;

// Finds who sent a request from its credentials (cookie, bearer token). nullopt: no valid
// credentials (nobody signed in, expired session, unknown token). A failed Result: the lookup
// itself failed (database down) and the request is answered with that error.
using Authenticator = std::function<Result<std::optional<Caller>>(const Request&)>;

// The path parameter that names the regency of an InRegency route.
inline constexpr std::string_view kRegencyParam = "code";
// The request header that carries the CSRF token.
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

struct Route {
  Method method;
  std::string pattern;
  std::string name;  // stable id for logs and the route table test ("regency.dashboard")
  auth::RoutePolicy policy;
  Handler handler;
};

class Router {
 public:
  explicit Router(Authenticator authenticate) : authenticate_(std::move(authenticate)) {}

  // Registers a route. A regency-scoped policy needs a {code} placeholder in the pattern
  // (asserted: it is a bug to register one that can never name its regency).
  void Add(Method method, std::string pattern, std::string name, auth::RoutePolicy policy,
           Handler handler);

  // Finds the route for the request, fills request.path_params and request.caller, checks
  // the policy and CSRF, and runs the handler. Unknown path -> NotFound; known path with
  // another method -> 405 with an Allow header.
  Response Dispatch(Request& request) const;

  // For a request whose body has not been read (only its line and headers): the refusal
  // Dispatch would answer before any handler ran (unknown path, 405, 401, 403, CSRF, temporary
  // password), or nullopt when the handler would run. The server asks this before reading a
  // large body, so that nobody uploads 100 MiB to learn that they are not signed in (issue 11,
  // finding 3). Dispatch checks again once the body is there.
  std::optional<Response> Admit(Request& request) const;

  // True when some route's pattern matches the path (any method).
  bool Matches(const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  // The route for the request's method and path (path_params filled), or nullptr with the
  // methods the path does allow in `allowed`.
  const Route* Find(Request& request, std::string* allowed) const;
  // 404, or 405 with Allow.
  static Response NoRoute(const std::string& allowed);
  // Authentication, CSRF, the forced password change and the policy: the refusal, or nullopt.
  std::optional<Response> Check(const Route& route, Request& request) const;

  Authenticator authenticate_;
  std::vector<Route> routes_;
};

// Splits a path into segments; empty segments (double slashes) are kept out.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace jaring::http
