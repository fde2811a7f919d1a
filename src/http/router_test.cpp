#include "http/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace jaring::http {
namespace {

using auth::Permission;
using auth::Role;
using auth::RoutePolicy;
using auth::Scope;

constexpr char kCsrf[] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";  // 43 base64url chars

// The router's own logic (policy, CSRF, status codes) with callers named by a test header; the
// account service behind the real authenticator is exercised in authorization_matrix_test.
Result<std::optional<Caller>> CallerFromTestHeader(const Request& request) {
  const auto who = request.Header("x-test-caller");
  if (!who) return std::optional<Caller>();
  if (*who == "broken") return Fail(Error::Unavailable("Basis data tidak tersedia", "SQL"));
  Caller caller;
  caller.principal.user_id = 7;
  caller.principal.username = std::string(*who);
  caller.via =
      request.Header("x-test-token") ? Caller::Via::kApiToken : Caller::Via::kSessionCookie;
  caller.csrf_token = kCsrf;
  caller.must_change_password = request.Header("x-test-temporary-password").has_value();
  if (*who == "pimpinan-35.14") {
    caller.principal.grants.push_back({Role::kPimpinan, Scope::Unchecked("35.14")});
  } else if (*who == "admin-35") {
    caller.principal.grants.push_back({Role::kAdminProvinsi, Scope::Unchecked("35")});
  }
  return caller;
}

Router MakeRouter() {
  Router router(CallerFromTestHeader);
  router.Add(Method::kGet, "/api/v1/regencies/{code}/dashboard", "dashboard",
             RoutePolicy::InRegency(Permission::kViewDashboard),
             [](const Request& request) -> Result<Response> {
               return Response::Json(R"({"code":")" + request.path_params.at("code") + "\"}");
             });
  router.Add(Method::kGet, "/api/v1/fail", "fail", RoutePolicy::Public(),
             [](const Request&) -> Result<Response> {
               return Fail(Error::PermissionDenied("Akses ditolak"));
             });
  router.Add(Method::kGet, "/api/v1/boom", "boom", RoutePolicy::Public(),
             [](const Request&) -> Result<Response> {
               throw std::runtime_error("SELECT secret FROM workers");
             });
  router.Add(Method::kGet, "/api/v1/me", "me", RoutePolicy::SignedIn(),
             [](const Request& request) -> Result<Response> {
               return Response::Json(R"({"user":")" + request.caller->principal.username + "\"}");
             });
  router.Add(Method::kPost, "/api/v1/users", "users.create",
             RoutePolicy::Requires(Permission::kManageUsers),
             [](const Request&) -> Result<Response> { return Response::Json("{}", 201); });
  router.Add(Method::kGet, "/api/v1/public", "public", RoutePolicy::Public(),
             [](const Request& request) -> Result<Response> {
               return Response::Json(request.caller ? "signed in" : "anonymous");
             });
  return router;
}

Response Call(const Router& router, std::string path, Method method = Method::kGet,
              std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request request;
  request.method = method;
  request.path = std::move(path);
  request.headers = std::move(headers);
  return router.Dispatch(request);
}

std::string CodeOf(const Response& response) {
  return nlohmann::json::parse(response.body).value("code", "");
}

TEST(RouterTest, MatchesPlaceholders) {
  const auto router = MakeRouter();
  const auto response = Call(router, "/api/v1/regencies/35.14/dashboard", Method::kGet,
                             {{"x-test-caller", "pimpinan-35.14"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"code":"35.14"})");
}

TEST(RouterTest, HeadIsServedByGet) {
  EXPECT_EQ(Call(MakeRouter(), "/api/v1/regencies/35.14/dashboard", Method::kHead,
                 {{"x-test-caller", "pimpinan-35.14"}})
                .status,
            200);
}

TEST(RouterTest, UnknownPathIsProblemJson404) {
  const auto response = Call(MakeRouter(), "/api/v1/nothing");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["code"], "NOT_FOUND");
  EXPECT_EQ(body["status"], 404);
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  const auto response = Call(MakeRouter(), "/api/v1/fail", Method::kPost);
  EXPECT_EQ(response.status, 405);
  ASSERT_FALSE(response.headers.empty());
  EXPECT_EQ(response.headers.back().first, "Allow");
  EXPECT_EQ(response.headers.back().second, "GET");
}

TEST(RouterTest, ErrorsMapToStatusInOnePlace) {
  const auto response = Call(MakeRouter(), "/api/v1/fail");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(nlohmann::json::parse(response.body)["detail"], "Akses ditolak");
}

TEST(RouterTest, ExceptionsNeverLeakInternals) {
  const auto response = Call(MakeRouter(), "/api/v1/boom");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("SELECT"), std::string::npos);
  EXPECT_EQ(response.body.find("workers"), std::string::npos);
}

TEST(RouterTest, SplitPathDropsEmptySegments) {
  EXPECT_EQ(SplitPath("//a/b/"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(SplitPath("/").empty());
}

// Who may call what, decided before the handler, with the same answer shapes everywhere.
struct PolicyCase {
  const char* label;
  Method method;
  const char* path;
  const char* caller;  // x-test-caller, "" for nobody
  bool csrf;           // send the right X-CSRF-Token
  bool token;          // authenticated by API token (no CSRF needed)
  int status;
  const char* code;  // problem code, "" for success
};

class RouterPolicyTest : public testing::TestWithParam<PolicyCase> {};

TEST_P(RouterPolicyTest, DecidesBeforeTheHandler) {
  const PolicyCase& c = GetParam();
  std::vector<std::pair<std::string, std::string>> headers;
  if (*c.caller != '\0') headers.emplace_back("x-test-caller", c.caller);
  if (c.csrf) headers.emplace_back("x-csrf-token", kCsrf);
  if (c.token) headers.emplace_back("x-test-token", "1");
  const auto response = Call(MakeRouter(), c.path, c.method, headers);
  EXPECT_EQ(response.status, c.status) << response.body;
  if (*c.code != '\0') {
    EXPECT_EQ(response.content_type, "application/problem+json");
    EXPECT_EQ(CodeOf(response), c.code);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, RouterPolicyTest,
    testing::Values(
        PolicyCase{"public_anonymous", Method::kGet, "/api/v1/public", "", false, false, 200, ""},
        PolicyCase{"signed_in_anonymous", Method::kGet, "/api/v1/me", "", false, false, 401,
                   "UNAUTHENTICATED"},
        PolicyCase{"signed_in_no_grants", Method::kGet, "/api/v1/me", "nobody", false, false, 200,
                   ""},
        PolicyCase{"regency_anonymous", Method::kGet, "/api/v1/regencies/35.14/dashboard", "",
                   false, false, 401, "UNAUTHENTICATED"},
        PolicyCase{"regency_own", Method::kGet, "/api/v1/regencies/35.14/dashboard",
                   "pimpinan-35.14", false, false, 200, ""},
        PolicyCase{"regency_foreign", Method::kGet, "/api/v1/regencies/35.13/dashboard",
                   "pimpinan-35.14", false, false, 403, "FORBIDDEN"},
        PolicyCase{"regency_district_code", Method::kGet, "/api/v1/regencies/35.14.01/dashboard",
                   "pimpinan-35.14", false, false, 403, "FORBIDDEN"},
        PolicyCase{"regency_province_admin", Method::kGet, "/api/v1/regencies/35.13/dashboard",
                   "admin-35", false, false, 200, ""},
        PolicyCase{"regency_province_admin_outside", Method::kGet,
                   "/api/v1/regencies/36.01/dashboard", "admin-35", false, false, 403, "FORBIDDEN"},
        PolicyCase{"no_grants_regency", Method::kGet, "/api/v1/regencies/35.14/dashboard", "nobody",
                   false, false, 403, "FORBIDDEN"},
        PolicyCase{"permission_missing", Method::kPost, "/api/v1/users", "pimpinan-35.14", true,
                   false, 403, "FORBIDDEN"},
        PolicyCase{"permission_held", Method::kPost, "/api/v1/users", "admin-35", true, false, 201,
                   ""},
        PolicyCase{"cookie_post_without_csrf", Method::kPost, "/api/v1/users", "admin-35", false,
                   false, 403, "CSRF_TOKEN_INVALID"},
        PolicyCase{"token_post_without_csrf", Method::kPost, "/api/v1/users", "admin-35", false,
                   true, 201, ""},
        PolicyCase{"csrf_checked_before_permission", Method::kPost, "/api/v1/users",
                   "pimpinan-35.14", false, false, 403, "CSRF_TOKEN_INVALID"},
        PolicyCase{"authenticator_failure", Method::kGet, "/api/v1/me", "broken", false, false, 503,
                   "UNAVAILABLE"}),
    [](const testing::TestParamInfo<PolicyCase>& info) { return std::string(info.param.label); });

TEST(RouterTest, WrongCsrfTokenIsRefused) {
  const auto response = Call(MakeRouter(), "/api/v1/users", Method::kPost,
                             {{"x-test-caller", "admin-35"},
                              {"x-csrf-token", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(CodeOf(response), "CSRF_TOKEN_INVALID");
}

TEST(RouterTest, ATemporaryPasswordOpensOnlyTheSignedInRoutes) {
  const Router router = MakeRouter();
  const std::vector<std::pair<std::string, std::string>> temporary = {
      {"x-test-caller", "pimpinan-35.14"}, {"x-test-temporary-password", "1"}};
  const auto dashboard = Call(router, "/api/v1/regencies/35.14/dashboard", Method::kGet, temporary);
  EXPECT_EQ(dashboard.status, 403);
  EXPECT_EQ(CodeOf(dashboard), "PASSWORD_CHANGE_REQUIRED");
  EXPECT_EQ(Call(router, "/api/v1/me", Method::kGet, temporary).status, 200);
  EXPECT_EQ(Call(router, "/api/v1/regencies/35.14/dashboard", Method::kGet,
                 {{"x-test-caller", "pimpinan-35.14"}})
                .status,
            200);
}

TEST(RouterTest, UnauthenticatedNamesTheScheme) {
  const auto response = Call(MakeRouter(), "/api/v1/me");
  ASSERT_EQ(response.status, 401);
  bool found = false;
  for (const auto& [name, value] : response.headers) found |= name == "WWW-Authenticate";
  EXPECT_TRUE(found);
}

TEST(RouterTest, PublicRoutesDoNotAuthenticate) {
  // A public route never consults the authenticator, so a database outage cannot take down
  // health checks or the sign-in request.
  const auto response =
      Call(MakeRouter(), "/api/v1/public", Method::kGet, {{"x-test-caller", "broken"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "anonymous");
}

TEST(RouterTest, ErrorDetailsNeverReachTheClient) {
  const auto response =
      Call(MakeRouter(), "/api/v1/me", Method::kGet, {{"x-test-caller", "broken"}});
  EXPECT_EQ(response.body.find("SQL"), std::string::npos);
}

TEST(RouterDeathTest, RegencyScopedRouteNeedsARegencyParameter) {
  Router router(CallerFromTestHeader);
  EXPECT_DEATH(router.Add(Method::kGet, "/api/v1/workers", "workers",
                          RoutePolicy::InRegency(Permission::kViewWorkers),
                          [](const Request&) -> Result<Response> { return Response::Json("{}"); }),
               "regency");
}

}  // namespace
}  // namespace jaring::http
