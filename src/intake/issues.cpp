#include "intake/issues.hpp"

namespace jaring::intake {

std::string_view SeverityCode(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

}  // namespace jaring::intake
