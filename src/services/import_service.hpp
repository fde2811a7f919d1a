// ImportService: a list from a village or a line office into the registry, with nothing lost
// (issue 4, items 5 and 9).
//
//   ImportService imports(db, &trail, clock);
//   auto file = intake::SourceFile::Open("daftar.xlsx");
//   auto report = imports.Import(*file, {.regency_code = "35.14", .source = "Dinas Pertanian",
//                                        .actor = Actor::ForCli("budi")});
//
// One import reads a CSV or XLSX file as intake::SourceFile found it (type, header row,
// checksum), maps the header (intake::DetectMapping unless the request carries a mapping),
// validates every row (intake::Validator) and stores, in ONE
// transaction: the new workers (InsertMany in chunks), the changed ones, every quarantined row
// with its original cells and all its reasons, the batch with its counts, and audit entries
// (one "import" entry for the batch, one "update" entry per changed worker, before and after).
// A failure or a crash anywhere leaves the database as it was; re-running completes it.
//
// Re-import identity: a worker is the same when regency, source and NIK are the same. An
// accepted row whose imported fields all equal the stored ones is "unchanged" and not written;
// one that differs "updated" (status is the registry's, never overwritten by an import). So
// re-importing a file changes nothing, and a corrected file changes only the corrected rows.
// A bad row that an earlier import of the source quarantined already (same cells) counts as
// quarantined again but is not stored twice (ImportReport::quarantined_before).
//
// Memory: rows are streamed; what is held is up to three chunks of rows (one being filled,
// two waiting for storage), the validator's NIK set, and one (NIK -> id, fingerprint) entry per
// stored worker of the source (~40 bytes each, keyed by the NIK as a number).
// Threads: a writing import stores chunks on a thread of its own while the caller's thread
// parses the next rows; the sinks and progress are called on the caller's thread.
// Thread safety: one Import at a time per service object; separate objects may run in
// parallel (PostgreSQL serialises imports of the same regency + source; SQLite the writers).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "domain/source_kind.hpp"
#include "intake/source_file.hpp"
#include "intake/validator.hpp"
#include "services/audit_trail.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct ImportRequest {
  std::string regency_code;  // "35.14"
  std::string source;        // "Dinas Pertanian", "Desa Lebakrejo": Worker::source and identity
  domain::SourceKind source_kind = domain::SourceKind::kOffice;
  bool dry_run = false;  // validate and count against the registry, write nothing
  Actor actor = Actor::ForCli("");
  // A village list without a village column: the village (dotted code) of every row.
  std::string default_village_code;
  // The mapping a person confirmed or corrected (web preview, saved template); nullopt:
  // DetectMapping on the file's header. Its column_count should be the header's size.
  std::optional<intake::ColumnMapping> mapping;
  // When set and true, the import stops at the next row with FailedPrecondition (details
  // "cancelled") and stores nothing. Must outlive the call.
  const std::atomic<bool>* cancel = nullptr;
};

// The counts of the CLI's JSON contract: accepted = inserted + updated,
// read = accepted + unchanged + quarantined + merged.
struct ImportReport {
  std::uint64_t read = 0;
  std::uint64_t accepted = 0;
  std::uint64_t quarantined = 0;
  std::uint64_t updated = 0;
  std::uint64_t unchanged = 0;
  // Rows of a person listed earlier in the same file (same NIK, name and birth date): stored
  // once (intake::RowOutcome::same_as_line).
  std::uint64_t merged = 0;
  std::uint64_t inserted = 0;
  // Of `quarantined`: rows whose exact cells an earlier import of the same source quarantined
  // already (still open, or fixed since); they are not stored a second time.
  std::uint64_t quarantined_before = 0;
  std::map<std::string, std::uint64_t> issues;  // code -> occurrences (errors and warnings)
  std::vector<intake::RowIssue> file_issues;    // e.g. EXCEL_ROUNDED_COLUMN
  std::vector<std::string> header;
  intake::ColumnMapping mapping;  // the mapping used
  std::string checksum;           // BLAKE2b-256 hex of the file
  std::int64_t batch_id = 0;      // 0 for a dry run
  bool dry_run = false;
};

// Exactly {"read":N,"accepted":N,"quarantined":N,"updated":N,"unchanged":N,"merged":N,
// "issues":{...}},
// keys in this order (ordered_json), issue codes sorted.
nlohmann::ordered_json ReportToJson(const ImportReport& report);

struct ImportSettings {
  const domain::RegionIndex* regions = nullptr;  // Embedded() when null
  std::size_t chunk_rows = 4096;                 // rows per InsertMany / quarantine insert
  int min_age = 15;                              // program age range [min_age, max_age)
  int max_age = 65;
};

class ImportService {
 public:
  // `trail` may be null (no audit entries: tests of storage alone). db, trail and clock must
  // outlive the service. The clock's date (UTC) is the reference date for ages.
  ImportService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                ImportSettings settings = {});

  // Called for each quarantined row, in file order (the CLI writes its .xlsx report from it).
  using QuarantineSink = std::function<void(const intake::RowOutcome&)>;
  // Called for every row, accepted or not, in file order (the web preview's first rows and
  // issue groups; the commit's row progress).
  using RowSink = std::function<void(const intake::RowOutcome&)>;

  // Errors: InvalidArgument for an unreadable or damaged file, a missing required column
  // (NIK, name: the message names them), a bad regency or village option; Unavailable /
  // Internal from storage (nothing is stored then). Quarantined rows are not errors.
  // `progress` (optional) is told the bytes parsed so far and in all (for XLSX, of the sheet's
  // uncompressed XML), at most once per row; feed a jaring::Progress from it.
  using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;
  // A dry run holds its transaction only while it reads the source's stored workers, not while
  // it parses: a preview of a large file never holds SQLite's write lock.
  Result<ImportReport> Import(const intake::SourceFile& file, const ImportRequest& request,
                              const ProgressFn& progress = {}, const QuarantineSink& sink = {},
                              const RowSink& every_row = {});

  // Runs inside the import's transaction just before it commits (not in a dry run). A failed
  // Status aborts the import: nothing is stored. For tests that inject a crash, and for
  // callers that add their own writes to the same unit of work.
  std::function<Status(storage::Transaction&, const ImportReport&)> before_commit;

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  ImportSettings settings_;
};

}  // namespace jaring::services
