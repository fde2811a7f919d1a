// AuditView: the auditors' view of the audit trail (issue 3, item 6), with tenancy and NIK
// masking decided here, once, from the principal, never from request input.
//
//   Search(principal, params)  newest first, keyset-paged by sequence
//
// Who sees what:
//  - entries of the regencies where the principal holds view_audit
//    (auth::VisibleRegencies(principal, regions, kViewAudit));
//  - entries without a regency (province accounts, failed sign-ins for unknown names) only
//    when a view_audit grant covers a whole province;
//  - "nik" and "kk" members of before/after JSON, at any depth, as the principal may see NIKs
//    of the entry's regency (auth::NikVisibilityFor), and for a masked principal "birth_date"
//    as its year ("1980-**-**") and NIK-like digit runs in any other text
//    (auth::MaskNikRuns), so the trail cannot leak what the registry list hides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/nik_mask.hpp"
#include "auth/roles.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "services/audit_trail.hpp"

namespace jaring::storage {
class Database;
}

namespace jaring::services {

// Filters as the API receives them (text); empty strings do not filter.
struct AuditViewParams {
  std::string user;         // actor username, exact
  std::string record_type;  // "worker", "user", "import", ...
  std::string record_id;
  std::string action;       // an auth::AuditActionCode, e.g. "update"
  std::string from;         // "YYYY-MM-DD": entries from the start of this day (WIB, UTC+7)
  std::string until;        // "YYYY-MM-DD": entries up to the end of this day (WIB), inclusive
  std::int64_t before = 0;  // > 0: only entries with sequence < before (the next page)
  int limit = 100;          // 1..1000
};

struct AuditViewEntry {
  std::int64_t sequence = 0;
  std::string at;  // ISO-8601 UTC, "2026-11-23T03:04:05Z"
  std::string actor;
  std::string remote_address;
  std::string action;  // code
  std::string record_type;
  std::string record_id;
  std::string regency_code;
  std::string before_json;  // masked as above; "" when none
  std::string after_json;
};

struct AuditViewPage {
  std::vector<AuditViewEntry> items;
  // The `before` of the next page; nullopt when this page is the last.
  std::optional<std::int64_t> next_before;
};

class AuditView {
 public:
  // All three must outlive the view.
  AuditView(storage::Database& db, const AuditTrail& trail, const domain::RegionIndex& regions)
      : db_(db), trail_(trail), regions_(regions) {}

  // InvalidArgument (Indonesian message) for an unknown action, a malformed date, from after
  // until, or a limit outside 1..1000. A principal without view_audit anywhere gets an empty
  // page (routes refuse it before this is reached).
  Result<AuditViewPage> Search(const auth::Principal& principal,
                               const AuditViewParams& params) const;

 private:
  storage::Database& db_;
  const AuditTrail& trail_;
  const domain::RegionIndex& regions_;
};

// before/after JSON of an audit entry, unless `visibility` is kFull, with its "nik" and "kk"
// members at any depth shown as `visibility` allows (auth::NikForList), "birth_date" members as
// MaskBirthDate does and every other string through auth::MaskNikRuns. Text that is not JSON
// becomes "" rather than pass unmasked.
std::string MaskAuditJson(const std::string& text, auth::NikVisibility visibility);

// A birth date as a masked role sees it: "1980-05-17" -> "1980-**-**" (the year, as in the
// registry list); anything that is not an ISO date becomes as many '*'.
std::string MaskBirthDate(std::string_view date);

}  // namespace jaring::services
