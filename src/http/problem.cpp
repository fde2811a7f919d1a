#include "http/problem.hpp"

#include <nlohmann/json.hpp>

namespace jaring::http {
namespace {

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

Response ProblemResponse(int status, std::string_view code, std::string_view detail) {
  nlohmann::json body = {{"type", "about:blank"},
                         {"title", TitleFor(status)},
                         {"status", status},
                         {"code", code},
                         {"detail", detail}};
  Response response;
  response.status = status;
  response.content_type = "application/problem+json";
  response.body = body.dump();
  return response;
}

Response ProblemResponse(const Error& error) {
  const int status = HttpStatusFor(error.code);
  // Internal errors say nothing about their cause to the client; the log has the details.
  const std::string_view detail = error.code == ErrorCode::kInternal
                                      ? std::string_view("Terjadi kesalahan internal")
                                      : std::string_view(error.message);
  return ProblemResponse(status, ErrorCodeName(error.code), detail);
}

}  // namespace jaring::http
