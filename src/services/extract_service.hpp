// ExtractService: the month's extracts into jaring, as sources of the monthly verification: the
// civil registry's death extract (Dukcapil) and the BPJS membership extract of a regency.
//
//   auto file = intake::SourceFile::Open("kematian-oktober.xlsx");
//   auto report = extracts.Import(*file, {.regency_code = "35.14", .kind = ExtractKind::kDeaths,
//                                         .period = "2025-10", .actor = actor});
//
// An import is one transaction: the batch (file name, checksum, counts, period), the rows, the
// quarantined rows with every reason, and the audit entry commit together or not at all. The
// file is the month's whole extract: a row is identified by its key (intake::ExtractValidator),
// a row equal to the stored one is unchanged, a different one replaces it, a stored row the new
// version lacks is withdrawn. Re-importing the same file stores nothing (the report says which
// batch already holds it), so the month's verification re-evaluates only what a new version
// changes. Thread safety: one Import at a time per object.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "intake/extract_validator.hpp"
#include "intake/source_file.hpp"
#include "services/audit_trail.hpp"
#include "services/verval_views.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct ExtractRequest {
  std::string regency_code;  // "35.14"
  intake::ExtractKind kind = intake::ExtractKind::kDeaths;
  std::string period;  // "2025-10"
  Actor actor = Actor::ForCli("");
};

// read = accepted + unchanged + quarantined; accepted = new + changed rows.
struct ExtractReport {
  std::uint64_t read = 0, accepted = 0, quarantined = 0, unchanged = 0;
  std::uint64_t inserted = 0, changed = 0, withdrawn = 0;
  std::map<std::string, std::uint64_t> issues;
  std::string checksum;
  std::int64_t batch_id = 0;  // the batch stored, or the earlier one that holds this file
  bool stored = false;        // false: nothing changed (the same file imported again)
};

// Exactly {"read":N,"accepted":N,"quarantined":N,"unchanged":N}, in this order.
nlohmann::ordered_json ExtractReportToJson(const ExtractReport& report);

class ExtractService {
 public:
  // db, trail (may be null: no audit) and clock must outlive the service; `regions` null: the
  // embedded index.
  ExtractService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                 const domain::RegionIndex* regions = nullptr);

  using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;
  using QuarantineSink = std::function<void(const intake::ExtractOutcome&)>;
  // Errors: InvalidArgument for a bad regency or period, a missing required column (named), an
  // unreadable file; Unavailable / Internal from storage (then nothing is stored).
  Result<ExtractReport> Import(const intake::SourceFile& file, const ExtractRequest& request,
                               const ProgressFn& progress = {}, const QuarantineSink& sink = {});

  // The regency's extract imports, newest first; `period` empty: every month.
  Result<std::vector<ExtractBatchView>> List(std::string_view regency_code,
                                             std::string_view period);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  const domain::RegionIndex& regions_;
};

}  // namespace jaring::services
