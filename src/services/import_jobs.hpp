// ImportJobs: imports through the web (issue 4, items 2 and 6): upload, preview, correct the
// mapping, commit, each step visible while it runs and none blocking the server.
//
//   ImportJobs jobs(db, &trail, clock);
//   auto job = jobs.Start({.regency_code = "35.14", .source = "Dinas Pertanian",
//                          .file_name = "daftar.xlsx"}, bytes);     // state parsing, at once
//   ... jobs.Get("35.14", job->id) ...                               // progress, then preview
//   jobs.Remap("35.14", id, {{3, intake::Field::kNik}}, true, actor); // re-parses; saves template
//   jobs.Commit("35.14", id, actor);                                  // committing, then done
//
// A job keeps the uploaded file in a folder of its own under settings.work_dir and parses it
// on a worker thread as an ImportService dry run (counts against the registry, nothing
// written); the preview holds the mapping (with the header and the field of each column), the
// first rows as parsed with their issues, the issues grouped by code, the file-level issues
// and the dry-run counts. The mapping comes from, in this order: a correction (Remap), the
// source's saved template when the header has the same columns, detection. Commit runs the
// real import with the mapping shown. Jobs live in memory: a restart loses uncommitted
// previews, never data (an import is one transaction).
//
// Tenancy: every call names the regency; a job of another regency is NotFound, exactly like a
// missing one. Job ids are 128 random bits, unguessable.
// Lifetime: jobs untouched for settings.ttl (and not running) are dropped with their files on
// the next call; the destructor cancels running work, joins the threads and removes work_dir.
// Thread safety: all methods may be called from any thread. At most settings.threads parses
// or commits run at once; the rest wait in a queue.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/source_kind.hpp"
#include "intake/column_mapping.hpp"
#include "intake/issues.hpp"
#include "services/audit_trail.hpp"
#include "services/import_service.hpp"
#include "services/issue_groups.hpp"
#include "storage/database.hpp"

namespace jaring::services {

enum class JobState : std::uint8_t { kParsing, kPreview, kCommitting, kDone, kFailed };
std::string_view JobStateCode(JobState state);  // "parsing" | "preview" | ... | "failed"

// What stopped a job, kept as the Error the import returned (the HTTP layer decides what a
// client sees of it: details never leave the server).
struct JobProblem {
  // Where it stopped: FILE_UNREADABLE (the file could not be read as a list), MAPPING_INCOMPLETE
  // (a required column has no field yet), IMPORT_FAILED (storing failed), CANCELLED.
  std::string reason;
  Error error;
};

// One of the first rows as parsed.
struct PreviewRow {
  std::uint64_t line = 0;
  bool accepted = false;
  // Canonical field name -> value: the parsed value, or for a quarantined row's field that
  // could not be read, the cell as typed. Empty values are left out.
  std::vector<std::pair<std::string, std::string>> values;
  std::vector<intake::RowIssue> issues;
};

// A job as the API shows it: a snapshot, consistent at the time it was taken.
struct ImportJobView {
  std::string id;  // "j_" + 32 hex digits
  JobState state = JobState::kParsing;
  std::string regency_code, source, file_name, default_village_code;
  domain::SourceKind source_kind = domain::SourceKind::kOffice;
  std::uint64_t size_bytes = 0;
  TimePoint created_at;
  // Parse: bytes of the file (for XLSX, of the sheet's XML); commit: rows (total = rows read
  // in the preview). total 0 = unknown yet.
  std::string phase = "parse";  // "parse" | "commit"
  std::uint64_t progress_done = 0, progress_total = 0;
  std::vector<std::string> header;  // empty until the file was opened
  intake::ColumnMapping mapping;
  bool from_template = false;
  std::vector<PreviewRow> preview;
  std::vector<IssueGroup> issues;  // errors first, then by count, descending
  std::vector<intake::RowIssue> file_issues;
  // Dry-run counts in preview, the real ones when done.
  std::uint64_t read = 0, accepted = 0, quarantined = 0, updated = 0, unchanged = 0;
  std::int64_t batch_id = 0;  // 0 until committed
  // Why the job failed, or (state preview) why it cannot be committed yet; nullopt: nothing.
  std::optional<JobProblem> problem;
};

struct ImportJobSettings {
  // Where uploads are kept; empty: <temp>/jaring-imports-<pid>. Created when missing; the
  // folders of this object's jobs are removed with the jobs.
  std::filesystem::path work_dir;
  int threads = 2;  // parses and commits running at once
  // Unfinished jobs (parsing, preview, committing, failed) a regency may have; of its finished
  // ones as many are kept (the oldest dropped first).
  std::size_t max_jobs_per_regency = 20;
  std::uint64_t max_bytes = 100ull << 20;  // the HTTP layer refuses larger bodies with 413
  std::chrono::seconds ttl{2 * 60 * 60};
  std::size_t preview_rows = 20;
  std::size_t issue_lines = 20;
  ImportSettings import;  // regions, age range, chunking of the real import
};

class ImportJobs {
 public:
  // db, trail (may be null: no audit) and clock must outlive the object.
  ImportJobs(storage::Database& db, const AuditTrail* trail, const Clock& clock,
             ImportJobSettings settings = {});
  ~ImportJobs();
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  struct Upload {
    std::string regency_code;  // "35.14"
    std::string source;        // required
    domain::SourceKind source_kind = domain::SourceKind::kOffice;
    std::string default_village_code;  // a village list without a village column
    std::string file_name;             // as sent; reduced to a safe base name
  };
  // Stores `bytes` and starts parsing. InvalidArgument for an empty file or source, a file
  // over max_bytes, a bad regency or village; FailedPrecondition when the regency already has
  // max_jobs_per_regency unfinished jobs; Unavailable when the file cannot be written.
  Result<ImportJobView> Start(const Upload& upload, std::string_view bytes);

  // NotFound for an unknown id or a job of another regency.
  Result<ImportJobView> Get(std::string_view regency_code, std::string_view id);

  // A correction of the mapping: each entry maps column `index` to `field`, or to nothing
  // (nullopt); columns not named keep their field. Re-parses (a running parse is cancelled).
  // With save_template the resulting mapping becomes the template of (regency, source).
  // InvalidArgument for an index outside the header or a field named twice;
  // FailedPrecondition unless the job is in preview (or failed before committing).
  struct ColumnChoice {
    int index = -1;
    std::optional<intake::Field> field;
  };
  Result<ImportJobView> Remap(std::string_view regency_code, std::string_view id,
                              std::span<const ColumnChoice> columns, bool save_template,
                              const Actor& actor);

  // Runs the real import with the mapping of the preview, audited as `actor`.
  // FailedPrecondition unless the job is in preview without an error.
  Result<ImportJobView> Commit(std::string_view regency_code, std::string_view id,
                               const Actor& actor);

  // Drops a job that is not committing or done, with its file. FailedPrecondition otherwise.
  Status Discard(std::string_view regency_code, std::string_view id);

  // Blocks until the job is neither parsing nor committing, or `timeout` passes (then the
  // snapshot as it is). For tests and the CLI.
  Result<ImportJobView> Wait(std::string_view regency_code, std::string_view id,
                             std::chrono::milliseconds timeout);

  // The fields a column can be mapped to, for the UI: every intake::Field with its label and
  // whether the import needs it (NIK, name).
  struct FieldInfo {
    intake::Field field;
    std::string_view name, label;
    bool required = false;
  };
  static std::vector<FieldInfo> Fields();

  // Jobs waiting for a worker thread, and jobs by state (for /metrics).
  struct QueueUse {
    std::size_t queued = 0;
    std::map<JobState, std::size_t> by_state;
  };
  QueueUse Use();

 private:
  struct Job;
  std::shared_ptr<Job> Find(std::string_view regency_code, std::string_view id);
  void Sweep();
  void Enqueue(std::function<void()> task);
  void RunParse(const std::shared_ptr<Job>& job, std::uint64_t generation);
  void RunCommit(const std::shared_ptr<Job>& job, const Actor& actor);
  ImportJobView Snapshot(const Job& job) const;
  void StartParse(const std::shared_ptr<Job>& job);  // job mutex held
  Status SaveTemplate(const storage::ImportTemplate& saved, const intake::ColumnMapping& mapping,
                      const Actor& actor);

  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  ImportJobSettings settings_;

  std::mutex mutex_;  // jobs_ and queue_
  std::condition_variable_any wake_;
  std::condition_variable changed_;  // a job's state changed (Wait)
  std::map<std::string, std::shared_ptr<Job>, std::less<>> jobs_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::jthread> threads_;
};

}  // namespace jaring::services
