// The policy file an administrator imports (`jaring policy add FILE`) and `jaring policy show
// --json` prints: JSON, schema in docs/policy.md. Also the same version as plain fields for a
// storage row.
//
// Strict: unknown or repeated keys, floats, strings where numbers belong and missing fields are
// refused; every version is validated (version.hpp). The first error only, InvalidArgument in
// Indonesian naming the version ("versi ke-2 (Iuran, berlaku mulai 1 Juli 2026)") and the field
// ("rules.jkm_amount"). Overlaps are the book's to refuse. Pure, thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "policy/book.hpp"
#include "policy/version.hpp"

namespace jaring::policy {

// The value of the file's "jaring_policy" key this reader and writer speak.
inline constexpr int kPolicyFileFormat = 1;

// Parses a whole file; the versions in file order (at least one).
Result<std::vector<RuleVersion>> ParsePolicyFile(std::string_view text);

// Writes versions as a policy file (two-space indent, keys in schema order, newline at the
// end); ParsePolicyFile reads it back equal.
std::string WritePolicyFile(std::span<const RuleVersion> versions);

// The versions in force on `date` as a policy file, each version's "effective_until" being the
// end it has in the book (implied by a successor, or absent while open): what `jaring policy
// show --date D --json` prints.
std::string WriteInForce(const PolicyBook& book, Date date);

// One version as one JSON object of the file (an element of "versions"), and back; messages
// of VersionFromJson name the version as "versi" without a number.
std::string VersionToJson(const RuleVersion& version);
Result<RuleVersion> VersionFromJson(std::string_view text);

// A version as a storage row: the columns a query filters or shows, and the whole version as
// JSON (VersionToJson), which is what is read back. FromRow refuses a row whose columns
// disagree with its JSON.
struct PolicyRow {
  std::string family;                          // RuleFamilyCode
  std::string effective_from;                  // "2025-01-01"
  std::optional<std::string> effective_until;  // "2025-12-31" or none
  std::string legal_reference;
  std::string certainty;  // CertaintyCode
  std::string document;   // VersionToJson
};
PolicyRow ToRow(const RuleVersion& version);
Result<RuleVersion> FromRow(const PolicyRow& row);

}  // namespace jaring::policy
