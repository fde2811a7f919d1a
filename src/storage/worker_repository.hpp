// WorkerRepository: the registry's workers as services see them, whatever the database.
//
// Tenancy: every call that reads or writes personal data names the regency ("35.14") whose
// data it touches, and never returns another regency's rows. A regency code that is not of the
// form "NN.NN" is an InvalidArgument. Only CountsByRegency() spans regencies, and it returns
// counts, never people.
//
// Failures are values (common/error.hpp): Unavailable when the database cannot be reached or is
// busy beyond its timeout, InvalidArgument when a row violates a constraint, AlreadyExists on a
// unique violation, Internal for anything else. Messages never contain SQL or personal data.
//
// Thread safety: the repository returned by Database::Workers() may be used from any number of
// threads at once (each call leases its own connection). The one returned by
// Transaction::Workers() belongs to that transaction and to one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/worker.hpp"

namespace jaring::storage {

// A code (district, occupation, regency) and how many workers carry it.
struct CodeCount {
  std::string code;
  std::int64_t count = 0;
  friend bool operator==(const CodeCount&, const CodeCount&) = default;
};

struct SexCount {
  std::int64_t male = 0;    // "L"
  std::int64_t female = 0;  // "P"
  friend bool operator==(const SexCount&, const SexCount&) = default;
};

// Workers aged min_age <= age < max_age (max_age = -1: no upper limit) on the reference date.
struct AgeBand {
  int min_age = 0;
  int max_age = -1;
  std::int64_t count = 0;
  friend bool operator==(const AgeBand&, const AgeBand&) = default;
};

struct AgeBandCounts {
  std::vector<AgeBand> bands;  // one per lower bound, in the order given
  std::int64_t younger = 0;    // younger than the first lower bound
  std::int64_t unknown = 0;    // no birth date recorded
  friend bool operator==(const AgeBandCounts&, const AgeBandCounts&) = default;
};

// --- The registry's list, search and edits (issue 4, item 7) ---------------------------------

// The search key of a name: domain::NormalizeName's canonical tokens (old spellings, name
// variants and titles folded) in written order, each replaced by its domain::PhoneticKey,
// joined by single spaces. "Moehammad Soepardi" and "Muhamad Supardi" both give "muhamad
// supardi"-like keys that are equal; a typed prefix of a name gives a prefix of the key.
// Stored in workers.name_key on every insert and update.
std::string NameSearchKey(std::string_view raw_name);

// The import batch that last wrote a worker (import_batches).
struct WorkerBatchRef {
  std::int64_t id = 0;
  std::string file_name, source;
  std::int64_t created_at_us = 0;  // microseconds since the epoch, UTC
};

// A stored worker with what storage keeps beside the domain value.
struct WorkerRecord {
  domain::Worker worker;
  std::string created_at;  // ISO 8601 UTC to the second: "2026-11-23T03:00:00Z"
  std::string updated_at;
  bool has_issues = false;                    // domain::RecordHasIssues when last written
  std::optional<std::int64_t> last_batch_id;  // import batch that last wrote it
  std::optional<WorkerBatchRef> batch;        // that batch; filled by GetRecord only
};

enum class WorkerSort : std::uint8_t { kName, kNik, kBirthDate, kUpdatedAt, kDistrict };

// Filters of the registry list; empty / nullopt fields do not filter. All are ANDed.
struct WorkerFilter {
  std::string nik_prefix;  // digits: workers whose NIK starts with them
  // A name as typed: workers whose name_key starts with NameSearchKey(name). A blank key (only
  // punctuation or titles) does not filter.
  std::string name;
  std::string district_code;  // "35.14.01"
  std::string village_code;   // "35.14.01.2001"
  std::string occupation;     // code
  std::string source;         // exact
  std::optional<domain::WorkerStatus> status;
  std::optional<domain::Sex> sex;
  std::optional<std::chrono::year_month_day> born_after;         // birth_date > this
  std::optional<std::chrono::year_month_day> born_on_or_before;  // birth_date <= this
  std::optional<bool> has_issues;
};

struct WorkerQuery {
  WorkerFilter filter;
  // A search sorted by name (the default) lists in the order of what was searched, read off its
  // index however many rows match: a NIK prefix by NIK, a name by its search key (names that
  // sound alike together). kDistrict sorts by name within a district.
  WorkerSort sort = WorkerSort::kName;
  bool descending = false;  // ties are broken by id in the same direction
  std::int64_t offset = 0;  // rows skipped (page - 1) * page_size
  int limit = 50;           // 0..1000
  // 0: `total` is always exact. N > 0: rows are counted only up to max(N, offset + limit); when
  // more match, `total` is that bound and `total_exact` false. Counting a million index entries
  // costs more than the page itself, and nobody pages through 10,000 rows.
  std::int64_t exact_total_up_to = 0;
};

struct WorkerPage {
  std::vector<WorkerRecord> items;
  // Rows matching the filter, all pages; when !total_exact, more than `total` rows match (and
  // total >= offset + limit, so a further page exists).
  std::int64_t total = 0;
  bool total_exact = true;
};

struct WorkerUpdate {
  WorkerRecord before;
  WorkerRecord after;
};

struct StatusChange {
  std::int64_t id = 0;
  domain::WorkerStatus before = domain::WorkerStatus::kActive;
};

class WorkerRepository {
 public:
  virtual ~WorkerRepository() = default;

  // Inserts one worker (worker.id is ignored) and returns the id storage assigned.
  virtual Result<std::int64_t> Insert(const domain::Worker& worker) = 0;

  // Inserts all workers atomically: on failure none of them is stored (inside a caller's
  // Transaction, the transaction stays usable: the batch is undone through a savepoint).
  // worker.id is ignored; ids are assigned in the order given. Returns the number inserted.
  // Built for imports: one transaction, a reused prepared statement (SQLite) or COPY
  // (PostgreSQL); a million rows take seconds.
  Result<std::size_t> InsertMany(std::span<const domain::Worker> workers) {
    return InsertMany(workers, std::nullopt);
  }
  // The same, each new row linked to the import batch that brings it (last_batch_id), so that
  // an import need not rewrite its rows afterwards to link them.
  virtual Result<std::size_t> InsertMany(std::span<const domain::Worker> workers,
                                         std::optional<std::int64_t> last_batch_id) = 0;

  // Bulk load: many InsertMany calls of one import into one regency inside a caller's
  // Transaction (repositories of Transaction::Workers() only; FailedPrecondition on
  // Database::Workers()). Begin names the regency and how many new rows are expected in all.
  // SQLite: when the workers table holds no more rows than that (a regency's first import),
  // its secondary indexes are dropped for the load and built again by EndBulkLoad, in the same
  // transaction (one sort per index instead of a B-tree update per row; the definitions are
  // read back from sqlite_master, so migrations stay their one source); the page cache is
  // sized for the load until EndBulkLoad.
  // PostgreSQL (workers partitioned by regency, migration 0019): when the regency has no
  // partition yet and the load is large, the rows go by COPY into a fresh table without
  // indexes; EndBulkLoad builds its indexes and attaches it as the regency's partition, in the
  // same transaction (other regencies' readers and writers are not blocked). Otherwise rows go
  // into workers, whose indexes are kept up to date row by row. Every InsertMany of a load into
  // a fresh table must carry rows of its regency only.
  // Guarantees: a Transaction that commits during a bulk load ends it first (the indexes are
  // back, the partition attached, before COMMIT); one rolled back or destroyed undoes the
  // load, the dropped indexes and the fresh table included. Calling Begin twice, or End
  // without Begin, is FailedPrecondition; a regency not "NN.NN" is InvalidArgument.
  virtual Status BeginBulkLoad(std::string_view regency_code, std::size_t expected_rows) = 0;
  virtual Status EndBulkLoad() = 0;

  // The worker with this id in this regency; NotFound if absent or owned by another regency
  // (the two cases are indistinguishable on purpose).
  virtual Result<domain::Worker> Get(std::string_view regency_code, std::int64_t id) = 0;

  // Up to `limit` workers of the regency with id > after_id, in id order (keyset paging: pass
  // the last id seen to get the next page).
  virtual Result<std::vector<domain::Worker>> List(std::string_view regency_code,
                                                   std::int64_t after_id, int limit) = 0;

  virtual Result<std::int64_t> Count(std::string_view regency_code) = 0;

  // Counts grouped by district code ("35.14.01") / occupation code, sorted by code.
  virtual Result<std::vector<CodeCount>> CountByDistrict(std::string_view regency_code) = 0;
  virtual Result<std::vector<CodeCount>> CountByOccupation(std::string_view regency_code) = 0;
  virtual Result<SexCount> CountBySex(std::string_view regency_code) = 0;

  // Counts by age on `reference` in bands starting at each of `lower_bounds` (strictly
  // increasing, in [0, 200], at most 64; e.g. {17, 25, 35, 45, 55, 65}); the last band is
  // open-ended. Age is domain::AgeInYears (29 February birthdays count on 1 March in common
  // years). Computed in SQL by comparing birth dates with per-band cutoff dates.
  virtual Result<AgeBandCounts> CountByAgeBand(std::string_view regency_code,
                                               std::chrono::year_month_day reference,
                                               std::span<const int> lower_bounds) = 0;

  // Number of workers per regency, sorted by regency code (province-level view).
  virtual Result<std::vector<CodeCount>> CountsByRegency() = 0;

  // One page of the filtered, sorted list and the total. InvalidArgument for a bad limit or
  // offset. Every filter and the sort run in SQL on indexes that start with regency_code.
  virtual Result<WorkerPage> Find(std::string_view regency_code, const WorkerQuery& query) = 0;

  // Streams every worker matching `filter` in Find's order for `sort` (export); a false return from
  // `visit` stops early. Holds one connection (and, on SQLite, a read snapshot) until done.
  virtual Status ForEach(std::string_view regency_code, const WorkerFilter& filter, WorkerSort sort,
                         bool descending,
                         const std::function<bool(const WorkerRecord&)>& visit) = 0;

  // Get() with the stored extras and the last batch; NotFound as Get().
  virtual Result<WorkerRecord> GetRecord(std::string_view regency_code, std::int64_t id) = 0;

  // The records of `ids` (any order, repeats allowed) that are the regency's, in id order; an id
  // not in the regency is left out. Read by primary key, for callers that hold a set of workers
  // (cards, bills, an enrolment batch): walking the regency's list for them read every worker.
  virtual Result<std::vector<WorkerRecord>> GetRecords(std::string_view regency_code,
                                                       std::span<const std::int64_t> ids) = 0;

  // Workers of the regency whose KK is `kk` (non-empty), in id order, at most `limit`.
  virtual Result<std::vector<WorkerRecord>> ListByKk(std::string_view regency_code,
                                                     std::string_view kk, int limit) = 0;

  // Rewrites every field of worker.id in worker.regency_code except regency, source and
  // created_at (status included), recomputes name_key, has_issues and district_code, sets
  // updated_at. Returns the record before and after. NotFound when absent in that regency.
  virtual Result<WorkerUpdate> Update(const domain::Worker& worker) = 0;

  // Sets `status` on the workers of `ids` in the regency whose status differs (ids of other
  // regencies or absent ones are skipped silently); updated_at is set on those. Returns the
  // changed ones with their previous status, in id order. At most 10,000 ids.
  virtual Result<std::vector<StatusChange>> SetStatus(std::string_view regency_code,
                                                      std::span<const std::int64_t> ids,
                                                      domain::WorkerStatus status) = 0;

  // Recomputes name_key and has_issues of the regency's rows whose name_key is still '' (rows
  // stored before migration 0005, or written by code that does not set them). Returns how many.
  virtual Result<std::int64_t> RefreshDerived(std::string_view regency_code) = 0;
};

// RefreshDerived over every regency that has workers; returns how many rows it rewrote.
// `jaring serve` runs it at start so that rows stored before migration 0005 become searchable
// by name: with nothing to do it costs one grouped count over the regency index and one index
// probe per regency.
Result<std::int64_t> RefreshDerivedEverywhere(WorkerRepository& workers);

}  // namespace jaring::storage
