// RegistryService: the registry as people use it (issue 4, items 7 and 8; issue 3, item 5):
// list and search one regency's workers, open a worker with household, history and batches,
// edit with the import's validation rules, change many statuses at once with a reason, export
// a filtered list to .xlsx or .csv, and unmask one NIK.
//
//   RegistryService registry(db, trail, clock, {});
//   auto page = registry.List("35.14", {.q = "Moehammad Soepardi"}, actor);
//
// Authorization: routes check the permission of each operation for the regency (RoutePolicy);
// the service decides what a principal SEES: NIKs (and KKs, and the nik/kk fields of history
// entries) are shown as auth::NikVisibilityFor allows, masked otherwise, and a masked principal
// sees birth years instead of birth dates and ages, may search a NIK only whole (throttled and
// audited as an unmask) and may not sort by NIK or birth date nor filter by age band
// (InvalidArgument), so that what it sees never completes a NIK (docs/privacy.md). An Actor
// without a principal (CLI) sees everything.
// Audit: every change (edit, status), every export and every unmask writes its audit entry in
// the same storage transaction as the change (AuditTrail::Append); a failed append undoes it.
// Failures: InvalidArgument for bad parameters (Indonesian message), NotFound for a worker that
// is absent or of another regency, storage errors as they come. A rejected edit is not an
// error: EditResult::errors lists the issues (the API answers 422).
// Thread-safe: no mutable state; each call uses its own connection or transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/session.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "services/audit_trail.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct RegistrySettings {
  const domain::RegionIndex* regions = nullptr;  // Embedded() when null
  int min_age = 15;  // program age range for edits, as for imports: [min_age, max_age)
  int max_age = 65;
  int max_page_size = 200;
  // Lists count their matches exactly up to this many (or to the end of the page asked for);
  // beyond it WorkerList::total_exact is false. 0: always exact.
  std::int64_t exact_total_limit = 10'000;
  int household_limit = 50;
  int history_limit = 100;
  // Lookups that reveal a NIK's link to a person (an unmask; a whole-NIK search by a role that
  // sees NIKs masked), per user: free ones per window, then a doubling wait (auth::Decide).
  auth::ThrottleSettings lookup_throttle{.free_failures = 20,
                                         .window = std::chrono::hours(1),
                                         .base_delay = std::chrono::minutes(1),
                                         .max_delay = std::chrono::hours(1)};
};

// The list's parameters as the API receives them (all text; "" = not given). See the HTTP
// contract (docs/api): q is a NIK prefix when all digits (the whole 16 for a masked role), else a
// name; sort is name|-name|nik|
// -nik|birth_date|-birth_date|updated_at|-updated_at|district|-district (district: by name
// within a district). With q, sort=name lists in the searched key's order (storage::WorkerQuery).
struct RegistryListParams {
  std::string q, district, village, occupation, status, source, sex, age_band, has_issues, sort;
  std::int64_t page = 1;
  std::int64_t page_size = 50;
};

struct WorkerSummary {
  std::int64_t id = 0;
  std::string nik;  // masked unless the principal sees NIKs of the regency
  bool nik_masked = false;
  std::string name;
  std::string sex;         // "L" | "P"
  std::string birth_date;  // "YYYY-MM-DD", "" when unknown or hidden (masked roles)
  std::optional<int> age;  // on the service clock's date; hidden from masked roles
  std::optional<int> birth_year;
  std::string village_code, village_name, district_code, district_name;
  std::string occupation, occupation_label;
  std::string status;  // domain::ToCode(WorkerStatus)
  std::string source;
  bool has_issues = false;
  std::string updated_at;  // "2026-11-23T03:00:00Z"
};

struct WorkerList {
  std::vector<WorkerSummary> items;
  // Matching workers; when !total_exact, MORE than `total` match (see storage::WorkerPage).
  std::int64_t total = 0;
  bool total_exact = true;
  std::int64_t page = 1;
  std::int64_t page_size = 50;
};

struct HistoryEntry {
  std::string at;  // ISO 8601 UTC
  std::string actor;
  std::string action;       // auth::AuditActionCode
  std::string before_json;  // "" = null; nik/kk masked as the principal sees them
  std::string after_json;
};

struct BatchRef {
  std::int64_t id = 0;
  std::string file_name, source, created_at;
};

struct WorkerIssue {
  std::string code, message, field, severity;  // severity "error" | "warning"
};

struct WorkerDetail {
  WorkerSummary summary;
  std::string kk;  // masked like the NIK
  std::string name_original, birth_place, address, phone, created_at;
  std::vector<WorkerSummary> household;  // same KK, other workers of the regency
  std::vector<HistoryEntry> history;     // newest first
  std::vector<BatchRef> batches;
  std::vector<WorkerIssue> issues;  // the import validator's findings on the stored record
  bool can_edit = false;
  bool can_unmask = false;
};

// Canonical field -> new value; fields: nik, kk, name, sex, birth_place, birth_date, address,
// village_code, occupation, phone. Others are InvalidArgument.
using WorkerPatch = std::vector<std::pair<std::string, std::string>>;

struct EditResult {
  std::optional<WorkerDetail> worker;  // when stored
  std::vector<WorkerIssue> errors;     // when refused (only severity "error")
};

struct ExportFile {
  std::string file_name;  // "pekerja-35.14-2026-11-23.xlsx"
  std::string content_type;
  std::string bytes;
  std::int64_t rows = 0;
};

enum class ExportFormat { kXlsx, kCsv };

class RegistryService {
 public:
  // `db`, `trail` and `clock` must outlive the service.
  RegistryService(storage::Database& db, const AuditTrail& trail, const Clock& clock,
                  RegistrySettings settings);

  // One page. A masked actor's whole-NIK search (q of 16 digits) is a lookup: throttled
  // (Unavailable with retry_after) and audited as kUnmask {"field":"nik","via":"search","found"}.
  Result<WorkerList> List(const std::string& regency_code, const RegistryListParams& params,
                          const Actor& actor) const;
  Result<WorkerDetail> Get(const std::string& regency_code, std::int64_t id,
                           const Actor& actor) const;
  // Validates the patched record with intake::RowValidator (same codes as the import); stores
  // it and an "update" audit entry with before/after when it has no error.
  Result<EditResult> Edit(const std::string& regency_code, std::int64_t id,
                          const WorkerPatch& patch, const Actor& actor) const;
  // Sets `status` on the given workers of the regency; one "update" audit entry per changed
  // worker ({"status"} before, {"status","reason"} after). reason is required, ids <= 10,000.
  // Returns the number changed.
  Result<std::int64_t> SetStatus(const std::string& regency_code,
                                 const std::vector<std::int64_t>& ids, const std::string& status,
                                 const std::string& reason, const Actor& actor) const;
  // The whole filtered, sorted list (page and page_size ignored) as a file; audited ("export",
  // filters and row count in after).
  Result<ExportFile> Export(const std::string& regency_code, const RegistryListParams& params,
                            ExportFormat format, const Actor& actor) const;
  // The unmasked NIK of one worker; audited ("unmask") and throttled like List's whole-NIK
  // lookups (Unavailable with retry_after when the actor has looked up too many).
  Result<std::string> Unmask(const std::string& regency_code, std::int64_t id,
                             const Actor& actor) const;

 private:
  // The lookup throttle (settings_.lookup_throttle) over the actor's kUnmask entries of the
  // window: ok, or an Unavailable error with retry_after. The CLI is never throttled.
  Status AllowLookup(const Actor& actor) const;

  storage::Database& db_;
  const AuditTrail& trail_;
  const Clock& clock_;
  RegistrySettings settings_;
  const domain::RegionIndex& regions_;
};

}  // namespace jaring::services
