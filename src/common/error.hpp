// Error values for expected failures, and the Result<T> that carries them.
//
// Expected failures (bad input, missing record, refused permission) are values, never
// exceptions: a function that can fail returns Result<T> = std::expected<T, Error>.
// Only http/ maps ErrorCode to an HTTP status and only cli/ maps it to an exit code.
// Invariant violations (bugs) use JARING_ASSERT, which aborts with the reason.
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace jaring {

// A small, stable set of codes; choose as absl::StatusCode does.
enum class ErrorCode {
  kInvalidArgument,     // the caller's input is wrong whatever the state of the system
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // creating something that exists
  kFailedPrecondition,  // the system is not in a state that allows this
  kPermissionDenied,    // the caller may not do this
  kUnavailable,         // a dependency (database, file system) failed; retrying may help
  kInternal,            // a bug or broken invariant
};

std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // for people; Indonesian where it reaches end users
  std::string details;  // for operators and logs; never contains personal data
  // Set on a refusal that the same request may pass later (a throttle): how long to wait.
  // Typed so that no layer parses it back out of a message; the HTTP layer answers 429 with a
  // Retry-After header, the CLI prints it.
  std::optional<std::chrono::seconds> retry_after;

  static Error InvalidArgument(std::string message, std::string details = {}) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(details)};
  }
  static Error NotFound(std::string message, std::string details = {}) {
    return {ErrorCode::kNotFound, std::move(message), std::move(details)};
  }
  static Error AlreadyExists(std::string message, std::string details = {}) {
    return {ErrorCode::kAlreadyExists, std::move(message), std::move(details)};
  }
  static Error FailedPrecondition(std::string message, std::string details = {}) {
    return {ErrorCode::kFailedPrecondition, std::move(message), std::move(details)};
  }
  static Error PermissionDenied(std::string message, std::string details = {}) {
    return {ErrorCode::kPermissionDenied, std::move(message), std::move(details)};
  }
  static Error Unavailable(std::string message, std::string details = {}) {
    return {ErrorCode::kUnavailable, std::move(message), std::move(details)};
  }
  static Error Internal(std::string message, std::string details = {}) {
    return {ErrorCode::kInternal, std::move(message), std::move(details)};
  }
  // A throttle's refusal: Unavailable for now, allowed again after `wait`.
  static Error Throttled(std::string message, std::chrono::seconds wait, std::string details = {}) {
    return {ErrorCode::kUnavailable, std::move(message), std::move(details), wait};
  }

  // "CODE: message (details)" for logs and CLI output.
  std::string ToString() const;
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(Error error) { return std::unexpected<Error>(std::move(error)); }

[[noreturn]] void AssertionFailed(const char* condition, const char* why, const char* file,
                                  int line);

}  // namespace jaring

// Checks an invariant in every build type; a failure is a bug and aborts with the reason.
#define JARING_ASSERT(cond, why) \
  ((cond) ? static_cast<void>(0) : ::jaring::AssertionFailed(#cond, why, __FILE__, __LINE__))
