#include "http/problem.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace jaring::http {
namespace {

using nlohmann::json;

struct RefusalRow {
  Refusal refusal;
  int status;
  std::string_view code;
  std::string_view detail;
};

// The one table of refusals: status, stable code and the default sentence.
constexpr RefusalRow kRefusals[] = {
    {Refusal::kBadRequest, 400, "BAD_REQUEST", "Permintaan tidak valid"},
    {Refusal::kMissingRegency, 400, "MISSING_REGENCY", "Kabupaten/kota tidak disebutkan"},
    {Refusal::kUnauthenticated, 401, "UNAUTHENTICATED", "Silakan masuk terlebih dahulu"},
    {Refusal::kInvalidCredentials, 401, "INVALID_CREDENTIALS",
     "Nama pengguna atau kata sandi salah."},
    {Refusal::kCsrfTokenInvalid, 403, "CSRF_TOKEN_INVALID",
     "Token keamanan (CSRF) tidak ada atau tidak cocok; muat ulang halaman"},
    {Refusal::kCrossSite, 403, "CROSS_SITE_REQUEST",
     "Permintaan dari situs lain tidak diterima; masuk melalui halaman jaring"},
    {Refusal::kPasswordChangeRequired, 403, "PASSWORD_CHANGE_REQUIRED",
     "Ganti kata sandi sementara Anda terlebih dahulu"},
    {Refusal::kForbidden, 403, "FORBIDDEN", "Anda tidak berwenang untuk permintaan ini"},
    {Refusal::kNotFound, 404, "NOT_FOUND", "Alamat tidak ditemukan"},
    {Refusal::kMethodNotAllowed, 405, "METHOD_NOT_ALLOWED", "Metode tidak diizinkan"},
    {Refusal::kPayloadTooLarge, 413, "PAYLOAD_TOO_LARGE", "Permintaan terlalu besar"},
    {Refusal::kUnsupportedMediaType, 415, "UNSUPPORTED_MEDIA_TYPE",
     "Isi permintaan harus JSON (Content-Type: application/json)"},
};

const RefusalRow& RowOf(Refusal refusal) {
  for (const RefusalRow& row : kRefusals) {
    if (row.refusal == refusal) return row;
  }
  JARING_ASSERT(false, "every Refusal has a row in kRefusals");
  return kRefusals[0];
}

std::string_view TitleFor(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Error";
  }
}

json ProblemBody(int status, std::string_view code, std::string_view detail) {
  return {{"type", "about:blank"},
          {"title", TitleFor(status)},
          {"status", status},
          {"code", code},
          {"detail", detail}};
}

Response Problem(int status, const json& body) {
  Response response;
  response.status = status;
  response.content_type = "application/problem+json";
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return response;
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response ProblemResponse(const Error& error) {
  if (error.retry_after) {
    Response response = Problem(429, ProblemBody(429, "TOO_MANY_ATTEMPTS", error.message));
    response.headers.emplace_back(
        "Retry-After", std::to_string(std::max<long long>(1, error.retry_after->count())));
    return response;
  }
  const int status = HttpStatusFor(error.code);
  // Internal errors say nothing about their cause to the client; the log has the details.
  const std::string_view detail = error.code == ErrorCode::kInternal
                                      ? std::string_view("Terjadi kesalahan internal")
                                      : std::string_view(error.message);
  Response response = Problem(status, ProblemBody(status, ErrorCodeName(error.code), detail));
  if (status == 503) {
    response.headers.emplace_back("Retry-After", std::to_string(kUnavailableRetryAfterSeconds));
  }
  return response;
}

Response RefusalResponse(Refusal refusal, std::string_view detail) {
  const RefusalRow& row = RowOf(refusal);
  Response response =
      Problem(row.status, ProblemBody(row.status, row.code, detail.empty() ? row.detail : detail));
  if (refusal == Refusal::kUnauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", R"(Bearer realm="jaring")");
  }
  return response;
}

Response ValidationProblem(std::string_view detail, std::span<const FieldError> errors) {
  json body = ProblemBody(422, "VALIDATION_FAILED", detail);
  json list = json::array();
  for (const FieldError& e : errors) {
    list.push_back({{"field", e.field.empty() ? json(nullptr) : json(e.field)},
                    {"code", e.code},
                    {"message", e.message}});
  }
  body["errors"] = std::move(list);
  return Problem(422, body);
}

}  // namespace jaring::http
