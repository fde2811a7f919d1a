#include "domain/source_kind.hpp"

namespace jaring::domain {

std::string_view ToCode(SourceKind kind) {
  return kind == SourceKind::kVillage ? "village" : "office";
}

std::optional<SourceKind> SourceKindFromCode(std::string_view code) {
  if (code == "office") return SourceKind::kOffice;
  if (code == "village") return SourceKind::kVillage;
  return std::nullopt;
}

}  // namespace jaring::domain
