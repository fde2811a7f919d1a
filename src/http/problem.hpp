// Every HTTP status a failure is answered with, chosen here and nowhere else, as RFC 9457
// problem+json: an Error by its code (ProblemResponse), a refusal the router, the server or a
// route makes before or beside a service (Refusal), and the 422 of a rejected record
// (ValidationProblem). Other files name what went wrong; this file decides the number.
//
// The body carries a stable machine code ("NOT_FOUND", "CSRF_TOKEN_INVALID") and a sentence
// for people (Indonesian). Error::details never reaches the client: it may name tables or SQL
// states. An Error with retry_after (a throttle) is 429 TOO_MANY_ATTEMPTS with a Retry-After
// header, whatever its code. Every other 503 (Unavailable: the database is switching to its
// standby, busy, or its pool is exhausted) carries Retry-After: kUnavailableRetryAfterSeconds,
// so that a client waits a moment and repeats (docs/architecture.md, "Failover"). Pure and
// thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "http/message.hpp"

namespace jaring::http {

// The Retry-After of a 503: a pg_auto_failover switch takes 10 to 20 s, a busy pool less.
inline constexpr int kUnavailableRetryAfterSeconds = 5;

// The refusals that do not come from a service's Error.
enum class Refusal {
  kBadRequest,              // 400 BAD_REQUEST: the request itself does not parse
  kMissingRegency,          // 400 MISSING_REGENCY: a regency route without its regency
  kUnauthenticated,         // 401 UNAUTHENTICATED (+ WWW-Authenticate): nobody signed in
  kInvalidCredentials,      // 401 INVALID_CREDENTIALS: sign-in with a wrong name or password
  kCsrfTokenInvalid,        // 403 CSRF_TOKEN_INVALID: cookie request without the CSRF header
  kCrossSite,               // 403 CROSS_SITE_REQUEST: sign-in sent by another site's page
  kPasswordChangeRequired,  // 403 PASSWORD_CHANGE_REQUIRED: a temporary password
  kForbidden,               // 403 FORBIDDEN: the role or regency does not allow it
  kNotFound,                // 404 NOT_FOUND: no such address
  kMethodNotAllowed,        // 405 METHOD_NOT_ALLOWED (the caller adds the Allow header)
  kPayloadTooLarge,         // 413 PAYLOAD_TOO_LARGE
  kUnsupportedMediaType,    // 415 UNSUPPORTED_MEDIA_TYPE: a JSON route sent something else
};

// One field's failure in a 422 answer.
struct FieldError {
  std::string field;  // "" when the failure is not about one field
  std::string code;   // stable, e.g. "NIK_LENGTH"
  std::string message;
};

// The status an Error's code means (kInternal and anything unknown: 500).
int HttpStatusFor(ErrorCode code);
// The Error as a problem; internal errors say only "Terjadi kesalahan internal".
Response ProblemResponse(const Error& error);
// The refusal as a problem, with `detail` or, when empty, the refusal's own sentence.
Response RefusalResponse(Refusal refusal, std::string_view detail = {});
// 422 VALIDATION_FAILED with "errors": [{field (null when ""), code, message}, ...].
Response ValidationProblem(std::string_view detail, std::span<const FieldError> errors);

}  // namespace jaring::http
