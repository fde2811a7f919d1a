#include "http/router.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>

namespace jaring::http {
namespace {

Router MakeRouter() {
  Router router;
  router.Add(Method::kGet, "/api/v1/regencies/{code}/dashboard", "dashboard",
             [](const Request& request) -> Result<Response> {
               return Response::Json(R"({"code":")" + request.path_params.at("code") + "\"}");
             });
  router.Add(Method::kGet, "/api/v1/fail", "fail", [](const Request&) -> Result<Response> {
    return Fail(Error::PermissionDenied("Akses ditolak"));
  });
  router.Add(Method::kGet, "/api/v1/boom", "boom", [](const Request&) -> Result<Response> {
    throw std::runtime_error("SELECT secret FROM workers");
  });
  return router;
}

Response Get(const Router& router, std::string path, Method method = Method::kGet) {
  Request request;
  request.method = method;
  request.path = std::move(path);
  return router.Dispatch(request);
}

TEST(RouterTest, MatchesPlaceholders) {
  const auto router = MakeRouter();
  const auto response = Get(router, "/api/v1/regencies/35.14/dashboard");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"code":"35.14"})");
}

TEST(RouterTest, HeadIsServedByGet) {
  EXPECT_EQ(Get(MakeRouter(), "/api/v1/regencies/35.14/dashboard", Method::kHead).status, 200);
}

TEST(RouterTest, UnknownPathIsProblemJson404) {
  const auto response = Get(MakeRouter(), "/api/v1/nothing");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["code"], "NOT_FOUND");
  EXPECT_EQ(body["status"], 404);
}

TEST(RouterTest, WrongMethodIs405WithAllow) {
  const auto response = Get(MakeRouter(), "/api/v1/fail", Method::kPost);
  EXPECT_EQ(response.status, 405);
  ASSERT_FALSE(response.headers.empty());
  EXPECT_EQ(response.headers.back().first, "Allow");
  EXPECT_EQ(response.headers.back().second, "GET");
}

TEST(RouterTest, ErrorsMapToStatusInOnePlace) {
  const auto response = Get(MakeRouter(), "/api/v1/fail");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(nlohmann::json::parse(response.body)["detail"], "Akses ditolak");
}

TEST(RouterTest, ExceptionsNeverLeakInternals) {
  const auto response = Get(MakeRouter(), "/api/v1/boom");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("SELECT"), std::string::npos);
  EXPECT_EQ(response.body.find("workers"), std::string::npos);
}

TEST(RouterTest, SplitPathDropsEmptySegments) {
  EXPECT_EQ(SplitPath("//a/b/"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(SplitPath("/").empty());
}

}  // namespace
}  // namespace jaring::http
