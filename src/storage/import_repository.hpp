// ImportRepository: what an import stores besides the workers themselves: the batch (who sent
// which file, when, and the counts), the quarantined rows with their original cells and reasons,
// and the link from each worker to the batch that last wrote it.
//
// It exists only inside a Transaction (Transaction::Imports()): an import stores its workers,
// its quarantine and its batch in one unit of work, so a crash leaves nothing half-imported.
// Each call runs inside a savepoint: a failed call leaves the transaction as it was before it.
//
// Tenancy: every call names the regency ("NN.NN"); rows of another regency are never returned
// or changed. Failures are values: InvalidArgument for a bad regency code or a constraint
// violation, NotFound, Unavailable, Internal (see worker_repository.hpp). One thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/source_kind.hpp"
#include "domain/worker.hpp"

namespace jaring::storage {

// One import. Counts follow the CLI's JSON contract: accepted = new + updated rows,
// read = accepted + unchanged + quarantined.
struct ImportBatch {
  std::int64_t id = 0;  // assigned by InsertBatch
  std::string regency_code;
  domain::SourceKind source_kind = domain::SourceKind::kOffice;
  std::string source;              // "Dinas Pertanian", "Desa Lebakrejo"
  std::string file_name;           // base name as uploaded
  std::string checksum;            // BLAKE2b-256 hex of the file bytes
  std::string actor;               // "cli:budi", a username
  std::int64_t created_at_us = 0;  // microseconds since the epoch, UTC
  std::vector<std::string> header;
  std::uint64_t read = 0, accepted = 0, quarantined = 0, updated = 0, unchanged = 0;
  std::map<std::string, std::uint64_t> issues;  // code -> occurrences
  std::string status = "completed";
  friend bool operator==(const ImportBatch&, const ImportBatch&) = default;
};

struct QuarantineRow {
  std::int64_t id = 0;  // assigned on insert
  std::int64_t batch_id = 0;
  std::string regency_code;
  std::uint64_t line = 0;
  std::vector<std::string> original_cells;
  std::string issues_json;  // JSON array of intake::IssueToJson objects
  std::optional<std::int64_t> resolved_at_us;
  friend bool operator==(const QuarantineRow&, const QuarantineRow&) = default;
};

// A row merged into an earlier row of its file (the same person listed twice): its id in the
// sender's list, kept beside the worker of (regency, source, NIK) it was merged into.
struct WorkerAlias {
  std::string regency_code, source, nik, source_id;
  std::int64_t batch_id = 0;
  std::uint64_t line = 0;
  friend bool operator==(const WorkerAlias&, const WorkerAlias&) = default;
};

class ImportRepository {
 public:
  virtual ~ImportRepository() = default;

  // Stores the batch (batch.id ignored) and returns its id. Counts may be filled later with
  // FinishBatch, in the same transaction.
  virtual Result<std::int64_t> InsertBatch(const ImportBatch& batch) = 0;
  // Writes the counts, issues and status of batch `batch.id` of `batch.regency_code`.
  // NotFound when there is no such batch in that regency.
  virtual Status FinishBatch(const ImportBatch& batch) = 0;
  virtual Result<ImportBatch> GetBatch(std::string_view regency_code, std::int64_t id) = 0;
  // Newest first.
  virtual Result<std::vector<ImportBatch>> ListBatches(std::string_view regency_code,
                                                       int limit) = 0;

  // Stores rows (id ignored) of one regency, all or none.
  virtual Status InsertQuarantine(std::span<const QuarantineRow> rows) = 0;
  // Stores aliases; one already stored (same regency, source, NIK and source id: the same file
  // imported again) is left as it is.
  virtual Status InsertAliases(std::span<const WorkerAlias> aliases) = 0;
  // The quarantine of one batch in line order, keyset-paged by id.
  virtual Result<std::vector<QuarantineRow>> ListQuarantine(std::string_view regency_code,
                                                            std::int64_t batch_id,
                                                            std::int64_t after_id, int limit) = 0;

  // Streams the workers of `regency_code` whose source is `source` (re-import identity is
  // regency + source + NIK), in id order. A false return from `visit` stops early.
  virtual Status ForEachWorkerOfSource(std::string_view regency_code, std::string_view source,
                                       const std::function<bool(const domain::Worker&)>& visit) = 0;
  // Rewrites the imported fields of worker.id in worker.regency_code (all but id, regency,
  // status and created_at), recomputes name_key and has_issues as an insert does, sets
  // updated_at and last_batch_id. NotFound when absent.
  virtual Status UpdateWorker(const domain::Worker& worker, std::int64_t batch_id) = 0;
  // The largest worker id (0 when none): new workers inserted afterwards in this transaction
  // have larger ids.
  virtual Result<std::int64_t> MaxWorkerId() = 0;
  // Sets last_batch_id = batch_id on the workers of the regency with id > after_id that have
  // none yet (the ones this transaction just inserted). Returns how many.
  virtual Result<std::int64_t> LinkNewWorkers(std::string_view regency_code, std::int64_t after_id,
                                              std::int64_t batch_id) = 0;
  // The batch that last wrote a worker; nullopt when none did. NotFound for no such worker.
  virtual Result<std::optional<std::int64_t>> LastBatchOf(std::string_view regency_code,
                                                          std::int64_t worker_id) = 0;
  // Streams the original cells of every row quarantined by an earlier import of (regency,
  // source), open or resolved, in id order: what a re-import must not quarantine a second time.
  // A false return from `visit` stops early.
  virtual Status ForEachQuarantinedCellsOfSource(
      std::string_view regency_code, std::string_view source,
      const std::function<bool(const std::vector<std::string>& cells)>& visit) = 0;
  // PostgreSQL: serialises imports of one (regency, source) until the transaction ends, so two
  // concurrent imports of the same list cannot both insert it. SQLite: a no-op (BEGIN
  // IMMEDIATE already holds the write lock).
  virtual Status LockSource(std::string_view regency_code, std::string_view source) = 0;

  // --- Fixing quarantined rows (issue 4, item 5) ---------------------------------------------
  // One quarantined row of the regency; NotFound when absent or of another regency.
  virtual Result<QuarantineRow> GetQuarantine(std::string_view regency_code,
                                              std::int64_t row_id) = 0;
  // Sets resolved_at of an unresolved row. NotFound when absent or of another regency;
  // FailedPrecondition when it was resolved already (two operators fixing the same row).
  virtual Status ResolveQuarantine(std::string_view regency_code, std::int64_t row_id,
                                   std::int64_t resolved_at_us) = 0;
  // batch id -> rows still unresolved, for the batches of the regency that have any.
  virtual Result<std::map<std::int64_t, std::uint64_t>> OpenQuarantineCounts(
      std::string_view regency_code) = 0;
  // The id of the worker of (regency, source) with this NIK (the re-import identity), or
  // nullopt; the lowest id when several exist.
  virtual Result<std::optional<std::int64_t>> FindWorkerOfSource(std::string_view regency_code,
                                                                 std::string_view source,
                                                                 std::string_view nik) = 0;
  // Sets last_batch_id of one worker. NotFound when absent or of another regency.
  virtual Status LinkWorker(std::string_view regency_code, std::int64_t worker_id,
                            std::int64_t batch_id) = 0;
};

}  // namespace jaring::storage
