#include "cli/command.hpp"

namespace jaring::cli {

int ExitCodeFor(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
      return 2;
    case ErrorCode::kNotFound:
      return 3;
    case ErrorCode::kAlreadyExists:
      return 4;
    case ErrorCode::kFailedPrecondition:
      return 5;
    case ErrorCode::kPermissionDenied:
      return 6;
    case ErrorCode::kUnavailable:
      return 7;
    case ErrorCode::kInternal:
      return 1;
  }
  return 1;
}

}  // namespace jaring::cli
