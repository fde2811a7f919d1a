// NIK masking for list views: "3514************" instead of the full number, for roles that do
// not need to see it (issue 3, item 5). Unmasking one record is a separate, audited action
// (Permission::kUnmaskNik, AuditAction::kUnmask).
//
// The mask keeps only the province and regency (the first four digits), which the regency's
// pages name anyway. The twelve hidden digits are the district of issue, the birth date (day +
// 40 for women) and a serial that is small in practice (people born on one day in one
// district), so a mask that kept the serial, shown beside a birth date and a district, gave the
// whole NIK back (issue 11, finding 1). What else a masked role may see beside it is decided in
// services (RegistryService, AuditView): see docs/privacy.md. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "auth/roles.hpp"

namespace jaring::auth {

// Masks `nik` for display. For a well-formed 16-digit NIK: the first 4 characters kept, the 12
// after them replaced by '*'. Any other input (registries hold broken values too) keeps at most
// its first quarter, never more than 4: 12 characters keep 3, 7 keep 1, 3 or fewer keep none.
// Counts UTF-8 code points, one '*' per hidden code point, never splitting a character. Leading
// and trailing whitespace is dropped first. "" stays "".
std::string MaskNik(std::string_view nik);

// `text` with every run of 15 or more ASCII digits replaced by MaskNik(run): for free text that
// may hold a NIK (a search term, a row's cells). Shorter numbers (phones have at most 13 digits,
// counts, dates) are left as they are.
std::string MaskNikRuns(std::string_view text);

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
