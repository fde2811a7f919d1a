// SourceKind: who sent an import's list, an office of the regency (OPD) or a village. It decides
// whether a village may be defaulted for the rows, and is kept with every import batch.
//
// Plain values, no I/O; the codes are the ones the API, the command line and the database use.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace jaring::domain {

enum class SourceKind : std::uint8_t { kOffice, kVillage };

std::string_view ToCode(SourceKind kind);  // "office" | "village"
// Exactly "office" or "village"; nullopt otherwise.
std::optional<SourceKind> SourceKindFromCode(std::string_view code);

}  // namespace jaring::domain
