// Plain HTTP request and response values: what handlers see instead of Boost.Beast types.
//
// Keeping Beast out of handlers keeps compile times short (Beast lives only in server.cpp) and
// lets handlers be tested without sockets.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/roles.hpp"

namespace jaring::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method method);

// Who sent a request: filled in by the router's authentication step (router.hpp) before a
// handler runs, and only for routes that are not public.
struct Caller {
  enum class Via {
    kSessionCookie,  // the jaring_session cookie: ambient, so state changes need the CSRF token
    kApiToken,       // "Authorization: Bearer jrg_...": nothing ambient, no CSRF token
  };
  auth::Principal principal;
  Via via = Via::kSessionCookie;
  std::string session_id;  // kSessionCookie only
  std::string csrf_token;  // kSessionCookie only: what X-CSRF-Token must equal
  // A new or reset account must choose its own password before anything beyond the SignedIn
  // routes (who am I, change password, sign out) is allowed, by session or by API token.
  bool must_change_password = false;
};

struct Request {
  Method method = Method::kGet;
  std::string path;                          // decoded path, without the query
  std::map<std::string, std::string> query;  // decoded query parameters (last one wins)
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::map<std::string, std::string> path_params;  // filled by the router: {code} -> "35.14"
  std::optional<Caller> caller;                    // filled by the router (see Caller)
  // The matched route's pattern ("/api/v1/regencies/{code}/workers"), set by the router; it
  // points into the router's table, which lives as long as the server. Empty: no route.
  std::string_view route;
  // This request's id (X-Request-Id): the proxy's when well formed, else made by the server.
  std::string request_id;

  // Value of the first header with this (lower-case) name, if any.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // Query parameter or empty.
  std::string_view Query(std::string_view name) const;
  // Value of the cookie `name` from the Cookie header(s), if any (first one wins).
  std::optional<std::string_view> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response Json(std::string body, int status = 200);
};

// Percent-decodes `text` ("%20" -> " "; '+' stays '+'), as a path or a header value; nullopt
// for a malformed escape or a NUL byte.
std::optional<std::string> PercentDecode(std::string_view text);

// Splits "/a/b?x=1&y=%20" into a decoded path and query map. Returns nullopt when the target
// is malformed (bad percent-encoding, NUL bytes, not absolute).
std::optional<std::pair<std::string, std::map<std::string, std::string>>> ParseTarget(
    std::string_view target);

}  // namespace jaring::http
