// The one table of failure statuses: every ErrorCode and every Refusal, the throttle's typed
// retry_after, and the 422 builder.
#include "http/problem.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

namespace jaring::http {
namespace {

using nlohmann::json;

std::string HeaderOf(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST(ProblemTest, ErrorsMapByCodeAndHideInternalDetail) {
  const std::pair<Error, int> cases[] = {
      {Error::InvalidArgument("x"), 400},      {Error::NotFound("x"), 404},
      {Error::AlreadyExists("x"), 409},        {Error::FailedPrecondition("x"), 409},
      {Error::PermissionDenied("x"), 403},     {Error::Unavailable("x"), 503},
      {Error::Internal("secret", "sql"), 500},
  };
  for (const auto& [error, status] : cases) {
    SCOPED_TRACE(error.ToString());
    const Response response = ProblemResponse(error);
    EXPECT_EQ(response.status, status);
    EXPECT_EQ(response.content_type, "application/problem+json");
    const json body = json::parse(response.body);
    EXPECT_EQ(body["status"], status);
    EXPECT_EQ(body["code"], ErrorCodeName(error.code));
    // Only a 503 asks the client to come back (and when).
    EXPECT_EQ(HeaderOf(response, "Retry-After"), status == 503 ? "5" : "");
  }
  const json internal = json::parse(ProblemResponse(Error::Internal("secret", "sql")).body);
  EXPECT_EQ(internal["detail"], "Terjadi kesalahan internal");
}

TEST(ProblemTest, AThrottleIs429WithItsRetryAfter) {
  const Response response =
      ProblemResponse(Error::Throttled("Coba lagi dalam 90 detik.", std::chrono::seconds(90)));
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(HeaderOf(response, "Retry-After"), "90");
  const json body = json::parse(response.body);
  EXPECT_EQ(body["code"], "TOO_MANY_ATTEMPTS");
  EXPECT_EQ(body["detail"], "Coba lagi dalam 90 detik.");
}

TEST(ProblemTest, EveryRefusalHasItsOwnCodeAndA4xxStatus) {
  const std::pair<Refusal, int> cases[] = {
      {Refusal::kBadRequest, 400},
      {Refusal::kMissingRegency, 400},
      {Refusal::kUnauthenticated, 401},
      {Refusal::kInvalidCredentials, 401},
      {Refusal::kCsrfTokenInvalid, 403},
      {Refusal::kCrossSite, 403},
      {Refusal::kPasswordChangeRequired, 403},
      {Refusal::kForbidden, 403},
      {Refusal::kNotFound, 404},
      {Refusal::kMethodNotAllowed, 405},
      {Refusal::kPayloadTooLarge, 413},
      {Refusal::kUnsupportedMediaType, 415},
  };
  std::set<std::string> codes;
  for (const auto& [refusal, status] : cases) {
    const Response response = RefusalResponse(refusal);
    EXPECT_EQ(response.status, status);
    const json body = json::parse(response.body);
    EXPECT_TRUE(codes.insert(body["code"].get<std::string>()).second) << body["code"];
    EXPECT_FALSE(body["detail"].get<std::string>().empty());
    EXPECT_EQ(HeaderOf(response, "WWW-Authenticate").empty(), refusal != Refusal::kUnauthenticated);
  }
  EXPECT_EQ(json::parse(RefusalResponse(Refusal::kBadRequest, "Alamat tidak valid").body)["detail"],
            "Alamat tidak valid");
}

TEST(ProblemTest, ValidationProblemListsFieldErrors) {
  const FieldError errors[] = {{"nik", "NIK_LENGTH", "NIK harus 16 digit"},
                               {"", "SUMMARY_ROW", "Baris jumlah"}};
  const Response response = ValidationProblem("Data belum sah", errors);
  EXPECT_EQ(response.status, 422);
  const json body = json::parse(response.body);
  EXPECT_EQ(body["code"], "VALIDATION_FAILED");
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0]["field"], "nik");
  EXPECT_EQ(body["errors"][0]["code"], "NIK_LENGTH");
  EXPECT_TRUE(body["errors"][1]["field"].is_null());
}

}  // namespace
}  // namespace jaring::http
