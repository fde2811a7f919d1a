// QuarantineService: what happened to the lists a regency imported, and the rows they left in
// quarantine, fixed one at a time until they join the registry (issue 4, item 5).
//
//   QuarantineService quarantine(db, &trail, clock);
//   auto page = quarantine.List("35.14", batch_id, 0, 100);    // header + original cells
//   auto fixed = quarantine.Fix("35.14", row_id, {{"nik", "3514..."}, ...}, actor);
//   if (fixed && fixed->errors.empty()) ... fixed->worker_id ...
//
// A fix is validated by the import's own rules (intake::RowValidator: same codes, same
// messages, same options as ImportService) and, when sound, stored in ONE transaction: the new
// worker (source and status as an import would give it, linked to the row's batch), the row
// marked resolved, and a "create" audit entry naming the row and the batch. A NIK that the
// same source already has in the registry is refused (NIK_ALREADY_REGISTERED): the existing
// worker is edited instead, never silently overwritten.
//
// Tenancy: every call names the regency; a batch or row of another regency is NotFound.
// Thread-safe (no state besides the injected references).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "intake/issues.hpp"
#include "services/audit_trail.hpp"
#include "services/import_service.hpp"
#include "storage/database.hpp"

namespace jaring::services {

// A fix whose NIK the batch's source already has in the registry (an error of the fix form,
// beside the intake codes).
inline constexpr std::string_view kNikAlreadyRegistered = "NIK_ALREADY_REGISTERED";
// A value under a name that is not a worker field.
inline constexpr std::string_view kFieldUnknown = "FIELD_UNKNOWN";

struct BatchSummary {
  storage::ImportBatch batch;
  std::uint64_t open_quarantine = 0;  // rows not yet resolved
};

struct QuarantinePage {
  std::vector<std::string> header;  // of the batch's file
  std::vector<storage::QuarantineRow> rows;
  std::optional<std::int64_t> next_after;  // the last id when the page was full
};

struct FixResult {
  std::int64_t worker_id = 0;            // when errors is empty
  std::vector<intake::RowIssue> errors;  // why the values cannot be accepted (422)
  std::vector<intake::RowIssue> warnings;
};

class QuarantineService {
 public:
  // db, trail (may be null: no audit) and clock must outlive the service. `settings` gives
  // the region index and age range, as for ImportService.
  QuarantineService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                    ImportSettings settings = {});

  // The regency's batches, newest first, with their open quarantine counts.
  Result<std::vector<BatchSummary>> Batches(std::string_view regency_code, int limit = 500);

  // Quarantined rows of one batch in id order after `after_id`; limit 1..1000
  // (InvalidArgument otherwise). NotFound for a batch of another regency.
  Result<QuarantinePage> List(std::string_view regency_code, std::int64_t batch_id,
                              std::int64_t after_id, int limit);

  // The column-mapping templates of the regency, by source.
  Result<std::vector<storage::ImportTemplate>> Templates(std::string_view regency_code);

  // Validates `values` (canonical field names, intake::FieldName: "nik", "name", "sex",
  // "birth_date" as YYYY-MM-DD or any form the import reads, "village_code" or "village", ...)
  // as the import would, and stores the worker when sound. A result with errors (including
  // FIELD_UNKNOWN for a name that is no field, NIK_ALREADY_REGISTERED) stored nothing.
  // NotFound for a row of another regency; FailedPrecondition for a row already resolved.
  Result<FixResult> Fix(std::string_view regency_code, std::int64_t row_id,
                        const std::map<std::string, std::string>& values, const Actor& actor);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  ImportSettings settings_;
};

}  // namespace jaring::services
