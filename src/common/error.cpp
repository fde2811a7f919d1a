#include "common/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace jaring {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case ErrorCode::kNotFound: return "NOT_FOUND";
    case ErrorCode::kAlreadyExists: return "ALREADY_EXISTS";
    case ErrorCode::kFailedPrecondition: return "FAILED_PRECONDITION";
    case ErrorCode::kPermissionDenied: return "PERMISSION_DENIED";
    case ErrorCode::kUnavailable: return "UNAVAILABLE";
    case ErrorCode::kInternal: return "INTERNAL";
  }
  return "INTERNAL";
}

std::string Error::ToString() const {
  std::string out(ErrorCodeName(code));
  out += ": ";
  out += message;
  if (!details.empty()) {
    out += " (";
    out += details;
    out += ")";
  }
  return out;
}

void AssertionFailed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "jaring: assertion failed at %s:%d: %s (%s)\n", file, line, condition,
               why);
  std::abort();
}

}  // namespace jaring
