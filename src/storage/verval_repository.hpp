// VervalRepository: what the monthly verification (verval, issue 12) stores: the month's extracts
// (civil-registry deaths, BPJS memberships) with their quarantine, the engine's runs and their
// findings, the decisions on findings and the labelled pairs they become, the settled (frozen)
// lists, the per-regency settings, and the registry changes decisions make (a death recorded, a
// duplicate merged, a worker removed).
//
// It exists only inside a Transaction (Transaction::Verval()): a run stores all its findings, a
// decision its registry change, its label and its audit entry, a settlement its list, in one
// unit of work. Each call runs inside a savepoint: a failed call leaves the transaction as it was.
//
// Tenancy: every call names the regency ("NN.NN") and never returns or changes another
// regency's rows, with one deliberate exception, ForEachPersonOutside, which reads the few
// fields of OTHER regencies' workers that cross-regency matching needs; its results must never
// leave the service that encodes them (see services/verval_service.cpp). Periods are "YYYY-MM".
// Failures are values: InvalidArgument (bad regency or period, a constraint), NotFound,
// FailedPrecondition (a finding decided already), Unavailable, Internal. One thread at a time.
// A time written as 0 is the Database clock's now (created_at_us, started_at_us, FinishRun's
// finished_at_us, settled_at_us, at_us). The JSON of runs, findings, settings and settled
// months must parse (InvalidArgument otherwise); it is stored and read back byte for byte.
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
#include "domain/worker.hpp"

namespace jaring::storage {

// ---- The month's extracts --------------------------------------------------------------------

struct ExtractBatch {
  std::int64_t id = 0;  // assigned by InsertExtractBatch
  std::string regency_code;
  std::string kind;    // "deaths" | "members"
  std::string period;  // "2025-10"
  std::string file_name, checksum, actor;
  std::int64_t created_at_us = 0;
  std::vector<std::string> header;
  std::uint64_t read = 0, accepted = 0, quarantined = 0, unchanged = 0;
  std::map<std::string, std::uint64_t> issues;
  friend bool operator==(const ExtractBatch&, const ExtractBatch&) = default;
};

// A stored extract row. Dates ISO "YYYY-MM-DD" or "".
struct ExtractRow {
  std::int64_t id = 0;  // assigned on insert
  std::string regency_code, kind, period, row_key;
  std::int64_t batch_id = 0;  // the batch that last wrote it
  std::string nik, name, sex, birth_date, death_date, village_code, kpj, segment;
  friend bool operator==(const ExtractRow&, const ExtractRow&) = default;
};

struct ExtractQuarantineRow {
  std::int64_t id = 0;
  std::int64_t batch_id = 0;
  std::string regency_code;
  std::uint64_t line = 0;
  std::vector<std::string> original_cells;
  std::string issues_json;  // JSON array of intake::IssueToJson objects
  friend bool operator==(const ExtractQuarantineRow&, const ExtractQuarantineRow&) = default;
};

// ---- Registry as verval reads and changes it --------------------------------------------------

// A worker with what verval needs beyond domain::Worker.
struct RegistryRecord {
  domain::Worker worker;
  std::string source_id;   // the id column of the list it came from, or ""
  std::string death_date;  // ISO or ""
  std::int64_t merged_into = 0;
  std::string removed_reason;
  std::int64_t updated_at_us = 0;  // last change, microseconds since the epoch (UTC)
};

// What a decision changes on a worker: status, and with it the death date, the surviving record
// of a merge, or why the worker left. Fields not meaningful for the status are cleared.
struct WorkerChange {
  domain::WorkerStatus status = domain::WorkerStatus::kActive;
  std::string death_date;        // kDeceased
  std::int64_t merged_into = 0;  // kRemoved by a merge
  std::string removed_reason;    // kRemoved: the finding kind
};

// One worker's change in a batch (VervalRepository::ChangeWorkers).
struct WorkerStatusChange {
  std::int64_t worker_id = 0;
  WorkerChange change;
};

// One decision in a batch (VervalRepository::DecideFindings).
struct FindingDecision {
  std::int64_t id = 0;
  std::string expected_state;  // FailedPrecondition when the finding is no longer in it
  std::string state;           // accepted, rejected, deferred, or open to reopen
  std::string actor, reason;
  std::int64_t at_us = 0;  // 0: now
};

// The fields of another regency's worker that cross-regency matching reads.
struct OutsidePerson {
  std::string regency_code;
  std::string nik, name, sex, birth_date;
};

// ---- Runs, findings, labels, settled lists ----------------------------------------------------

struct VervalRun {
  std::int64_t id = 0;
  std::string regency_code, period, actor;
  std::int64_t started_at_us = 0, finished_at_us = 0;
  std::string inputs_json = "{}";  // extract batches used, registry size, model summary
  std::string counts_json = "{}";  // findings by kind, automatic, to review
  friend bool operator==(const VervalRun&, const VervalRun&) = default;
};

struct Finding {
  std::int64_t id = 0;
  std::string regency_code, period;
  std::string kind;     // "duplicate", "died", ... (services/verval_findings.hpp)
  std::string subject;  // identity within (regency, period) across runs
  std::int64_t worker_id = 0;
  std::optional<std::int64_t> other_worker_id;
  std::optional<std::int64_t> extract_row_id;
  std::string other_regency;
  std::string related_json = "[]";  // duplicate: the cluster's worker ids
  double confidence = 1;
  std::string action;  // "automatic" | "review"
  std::string proposal;
  bool blocking = true;
  std::string evidence_json = "{}";
  std::string state = "open";  // "open" | "accepted" | "rejected" | "deferred"
  std::string decided_by;
  std::optional<std::int64_t> decided_at_us;
  std::string reason;
  std::int64_t first_run_id = 0, last_run_id = 0;
  friend bool operator==(const Finding&, const Finding&) = default;
};

struct FindingFilter {
  std::string period;                // required
  std::optional<std::string> kind;   // one kind
  std::optional<std::string> state;  // one state
  std::optional<std::string> action;
  // Only findings the given run produced (last_run_id == run); nullopt: every finding of the
  // month, including ones a later run no longer produces.
  std::optional<std::int64_t> run_id;
  std::optional<std::int64_t> worker_id;  // findings about this worker (worker or other worker)
};

enum class FindingOrder {
  kById,            // ascending id
  kConfidenceDesc,  // the review queue: most certain first, then id
};

struct LabelledPair {
  std::string left_key, right_key;  // "w<worker id>" | "e<extract row id>"; left < right
  bool same = false;
  std::optional<std::int64_t> finding_id;
  std::string actor;
  std::int64_t created_at_us = 0;
  friend bool operator==(const LabelledPair&, const LabelledPair&) = default;
};

struct SettledMonth {
  std::int64_t id = 0;
  std::string regency_code, period;
  int version = 0;  // assigned by InsertSettled: one more than the month's newest
  std::int64_t run_id = 0;
  std::string actor;
  std::int64_t settled_at_us = 0;
  std::uint64_t persons = 0, rows_listed = 0;
  std::string checksum;             // BLAKE2b-256 of the sorted member ids, hex
  std::string counts_json = "{}";   // start, added, removed by reason, end
  std::string sources_json = "[]";  // the extracts and lists behind it: names, dates, checksums
  std::string minutes_checksum;     // of the berita acara PDF
  friend bool operator==(const SettledMonth&, const SettledMonth&) = default;
};

class VervalRepository {
 public:
  virtual ~VervalRepository() = default;

  // --- Extracts --------------------------------------------------------------------------------
  virtual Result<std::int64_t> InsertExtractBatch(const ExtractBatch& batch) = 0;
  // Writes counts and issues of batch.id. NotFound when absent in that regency.
  virtual Status FinishExtractBatch(const ExtractBatch& batch) = 0;
  // Newest first; `period` empty: every period.
  virtual Result<std::vector<ExtractBatch>> ListExtractBatches(std::string_view regency_code,
                                                               std::string_view period,
                                                               int limit) = 0;
  // The current rows of one month's extract (not withdrawn), in id order.
  virtual Status ForEachExtractRow(std::string_view regency_code, std::string_view kind,
                                   std::string_view period,
                                   const std::function<bool(const ExtractRow&)>& visit) = 0;
  // Inserts rows with id 0, rewrites the stored fields and batch_id of rows with an id (and
  // clears their withdrawn mark; kind, period and row key stay). All rows of one regency, each
  // naming a batch of that regency, kind and period (InvalidArgument otherwise); a row key
  // stored already: AlreadyExists; an id not of the regency: NotFound.
  virtual Status SaveExtractRows(std::span<const ExtractRow> rows) = 0;
  // Marks these rows withdrawn by `batch_id` (a newer version of the month no longer has them).
  // The batch must be the regency's (InvalidArgument), every row too (NotFound).
  virtual Status WithdrawExtractRows(std::string_view regency_code, std::int64_t batch_id,
                                     std::span<const std::int64_t> row_ids) = 0;
  virtual Result<ExtractRow> GetExtractRow(std::string_view regency_code, std::int64_t id) = 0;
  virtual Status InsertExtractQuarantine(std::span<const ExtractQuarantineRow> rows) = 0;
  virtual Result<std::vector<ExtractQuarantineRow>> ListExtractQuarantine(
      std::string_view regency_code, std::int64_t batch_id, std::int64_t after_id, int limit) = 0;

  // --- Registry --------------------------------------------------------------------------------
  // Every worker of the regency, whatever the status, in id order.
  virtual Status ForEachRegistryRecord(std::string_view regency_code,
                                       const std::function<bool(const RegistryRecord&)>& visit) = 0;
  virtual Result<RegistryRecord> GetRegistryRecord(std::string_view regency_code,
                                                   std::int64_t worker_id) = 0;
  // Applies a decision to a worker (status and its companions, updated_at). NotFound if absent;
  // InvalidArgument when merged_into is not another worker of the regency.
  Status ChangeWorker(std::string_view regency_code, std::int64_t worker_id,
                      const WorkerChange& change) {
    const WorkerStatusChange one{worker_id, change};
    return ChangeWorkers(regency_code, std::span(&one, 1));
  }
  // ChangeWorker for many workers of one regency in one call (a run's automatic decisions):
  // each worker once (InvalidArgument); on any error none is changed.
  virtual Status ChangeWorkers(std::string_view regency_code,
                               std::span<const WorkerStatusChange> changes) = 0;
  // The rows merged at import into an earlier row of their file (import_repository.hpp
  // WorkerAlias), each with the id of the worker of (regency, source, NIK) it was merged into
  // (0 when that worker is gone), in alias id order.
  virtual Status ForEachAlias(
      std::string_view regency_code,
      const std::function<bool(const std::string& source_id, std::int64_t worker_id)>& visit) = 0;
  // Workers of every regency other than `regency_code` whose status is not 'dikeluarkan'.
  virtual Status ForEachPersonOutside(std::string_view regency_code,
                                      const std::function<bool(const OutsidePerson&)>& visit) = 0;

  // --- Settings --------------------------------------------------------------------------------
  virtual Result<std::optional<std::string>> GetSettings(std::string_view regency_code) = 0;
  virtual Status SaveSettings(std::string_view regency_code, std::string_view settings_json,
                              std::string_view actor, std::int64_t at_us) = 0;

  // --- Runs and findings -----------------------------------------------------------------------
  virtual Result<std::int64_t> InsertRun(const VervalRun& run) = 0;
  virtual Status FinishRun(const VervalRun& run) = 0;
  // The month's newest run, or nullopt.
  virtual Result<std::optional<VervalRun>> LatestRun(std::string_view regency_code,
                                                     std::string_view period) = 0;
  virtual Result<std::vector<VervalRun>> ListRuns(std::string_view regency_code, int limit) = 0;

  // For each finding: when (regency, period, subject) exists, refreshes what a run computes
  // (worker ids, extract row, other regency, related, confidence, evidence, last_run_id; and,
  // while the finding is open, action, proposal and blocking) and keeps its kind, first_run_id,
  // state and decision; otherwise inserts it with its state as given. Returns the ids in the
  // order given. One subject twice in a call: InvalidArgument.
  virtual Result<std::vector<std::int64_t>> SaveFindings(std::span<const Finding> findings) = 0;
  // Moves the month's findings of `kind` that run `from_run` produced to run `to_run`
  // (last_run_id), unchanged otherwise: a re-run that reuses them because their inputs did not
  // change. Returns how many moved.
  virtual Result<std::uint64_t> CarryFindings(std::string_view regency_code,
                                              std::string_view period, std::int64_t from_run,
                                              std::int64_t to_run, std::string_view kind) = 0;
  virtual Result<Finding> GetFinding(std::string_view regency_code, std::int64_t id) = 0;
  // A page of findings: `offset` rows skipped in `order`, at most `limit`.
  virtual Result<std::vector<Finding>> ListFindings(std::string_view regency_code,
                                                    const FindingFilter& filter, FindingOrder order,
                                                    std::int64_t offset, int limit) = 0;
  virtual Status ForEachFinding(std::string_view regency_code, const FindingFilter& filter,
                                const std::function<bool(const Finding&)>& visit) = 0;
  // kind -> state -> count, over the findings the filter selects.
  virtual Result<std::map<std::string, std::map<std::string, std::uint64_t>>> CountFindings(
      std::string_view regency_code, const FindingFilter& filter) = 0;
  // Records a decision (state accepted/rejected/deferred, or open to reopen, which clears
  // decided_by, decided_at and reason). `expected_state`: FailedPrecondition when the finding is
  // no longer in it (two verifiers on one finding).
  Status DecideFinding(std::string_view regency_code, std::int64_t id,
                       std::string_view expected_state, std::string_view state,
                       std::string_view actor, std::string_view reason, std::int64_t at_us) {
    const FindingDecision one{id,
                              std::string(expected_state),
                              std::string(state),
                              std::string(actor),
                              std::string(reason),
                              at_us};
    return DecideFindings(regency_code, std::span(&one, 1));
  }
  // DecideFinding for many findings of one regency in one call: each finding once
  // (InvalidArgument); on any error none is recorded.
  virtual Status DecideFindings(std::string_view regency_code,
                                std::span<const FindingDecision> decisions) = 0;

  // --- Labels ----------------------------------------------------------------------------------
  // Inserts or replaces the label of (left_key, right_key); InvalidArgument unless left < right.
  Status SaveLabel(std::string_view regency_code, const LabelledPair& label) {
    return SaveLabels(regency_code, std::span(&label, 1));
  }
  // SaveLabel for many pairs in one call: each pair once (InvalidArgument); on any error none
  // is saved.
  virtual Status SaveLabels(std::string_view regency_code,
                            std::span<const LabelledPair> labels) = 0;
  virtual Status ForEachLabel(std::string_view regency_code,
                              const std::function<bool(const LabelledPair&)>& visit) = 0;

  // --- Settled months --------------------------------------------------------------------------
  // Stores the month's next version with its members (each once: InvalidArgument otherwise);
  // returns it with id, version and settled_at_us set.
  virtual Result<SettledMonth> InsertSettled(const SettledMonth& month,
                                             std::span<const std::int64_t> worker_ids) = 0;
  // Keeps the berita acara of a settled version (the PDF bytes and their checksum); once.
  virtual Status SetMinutes(std::string_view regency_code, std::int64_t settled_id,
                            std::string_view checksum, std::string_view pdf) = 0;
  // The berita acara of a settled version; NotFound when absent or of another regency.
  virtual Result<std::string> GetMinutes(std::string_view regency_code,
                                         std::int64_t settled_id) = 0;
  // The newest version of a month, or nullopt.
  virtual Result<std::optional<SettledMonth>> LatestSettled(std::string_view regency_code,
                                                            std::string_view period) = 0;
  // The newest version of the newest settled month before `period` (empty: of any month).
  virtual Result<std::optional<SettledMonth>> PreviousSettled(std::string_view regency_code,
                                                              std::string_view period) = 0;
  // Every settled month (newest version of each), oldest month first.
  virtual Result<std::vector<SettledMonth>> ListSettled(std::string_view regency_code) = 0;
  // In worker id order; NotFound when the settled month is not the regency's.
  virtual Status ForEachSettledMember(std::string_view regency_code, std::int64_t settled_id,
                                      const std::function<bool(std::int64_t worker_id)>& visit) = 0;
};

}  // namespace jaring::storage
