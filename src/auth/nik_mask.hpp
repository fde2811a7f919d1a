// NIK masking for list views: "3514********0001" instead of the full number, for roles that do
// not need to see it (issue 3, item 5). Unmasking one record is a separate, audited action
// (Permission::kUnmaskNik, AuditAction::kUnmask).
//
// The mask keeps the regency part (first four digits), which the list shows anyway, and the
// serial's last four, enough to tell two people apart on a screen and to read a number back
// on the telephone. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "auth/roles.hpp"

namespace jaring::auth {

// Masks `nik` for display. For a well-formed 16-digit NIK: the first 4 and last 4 characters
// kept, the 8 between replaced by '*'. Any other input (registries hold broken values too)
// keeps at most a quarter of its characters at each end, so at least half is always hidden:
// 12 characters keep 3 + 3, 7 keep 1 + 1, 3 or fewer keep none. Counts UTF-8 code points, one
// '*' per hidden code point, never splitting a character. Leading and trailing whitespace is
// dropped first. "" stays "".
std::string MaskNik(std::string_view nik);

// How a principal may see NIKs of one regency.
enum class NikVisibility {
  kNone,        // may not see the persons of this regency at all
  kMasked,      // masked only
  kUnmaskable,  // masked in lists, may unmask one record (audited)
  kFull,        // unmasked everywhere (operators, verifikator, BPJS officers)
};

// Derived from the role table: kFull with kViewWorkerNik, kUnmaskable with kUnmaskNik,
// kMasked with kViewWorkers, else kNone; the most generous grant covering the regency wins.
NikVisibility NikVisibilityFor(const Principal& principal, std::string_view regency_code);

// Whether holders of `role` see NIKs unmasked in lists (RoleHas(role, kViewWorkerNik)).
bool RoleSeesNikUnmasked(Role role);

// The NIK as `visibility` allows it to be shown in a list: the NIK, MaskNik(nik), or "" for
// kNone. kUnmaskable shows the mask: unmasking is an explicit, audited request.
std::string NikForList(std::string_view nik, NikVisibility visibility);

}  // namespace jaring::auth
