// The bulk load of workers: InsertMany and a load of many batches (Begin/EndBulkLoad).
//
// Design notes
//  - SQLite reuses one prepared INSERT, its values bound in place through the native API (one
//    sqlite3_step per row, no SQL parsing), rebuilding the indexes afterwards for a first large
//    import; PostgreSQL streams COPY text through libpq, for a regency's first large import
//    into a fresh table that becomes its partition (worker_partitions.hpp). Both run in the
//    call's one transaction (or savepoint), so a bad row anywhere undoes the whole batch.
//  - The rows stored are the same whichever path writes them: worker_rows.hpp's columns, with
//    the derived district, name key and issue flag.
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <utility>
#include <variant>

#include "domain/date_format.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/errors.hpp"
#include "storage/sql/worker_list_cache.hpp"
#include "storage/sql/worker_partitions.hpp"
#include "storage/sql/worker_repository.hpp"
#include "storage/sql/worker_rows.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;

// Batches from this size on rebuild the SQLite indexes instead of updating them (see
// InsertManySqlite); bulk loads from this size on load a regency's first rows into a fresh
// partition on PostgreSQL.
constexpr std::size_t kRebuildIndexesFrom = 20'000;

// One prepared INSERT of kWorkerInsertColumns, stepped once per row through SQLite's own API. The
// worker's strings are bound in place (SQLITE_STATIC: SQLite reads them during the step and
// keeps no pointer), so only the three derived values (birth date, district, name key) are
// made per row. Binding through SOCI's vectors first copied every value into a string of its
// own: 11.1 -> 9.0 CPU-s of the writer thread for a 1,000,000-row first import.
// Stored values are those of the SOCI path: text as text, an unknown birth date or batch as
// NULL, has_issues and last_batch_id as integers (their columns' integer affinity turned the
// text SOCI bound into the same integers).
class SqliteInsert {
 public:
  SqliteInsert(soci::session& session, const std::string& sql) : db_(SqliteHandle(session)) {
    if (sqlite_api::sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                       SQLITE_PREPARE_PERSISTENT, &statement_,
                                       nullptr) != SQLITE_OK) {
      Throw();
    }
  }
  SqliteInsert(const SqliteInsert&) = delete;
  SqliteInsert& operator=(const SqliteInsert&) = delete;
  ~SqliteInsert() { sqlite_api::sqlite3_finalize(statement_); }

  // batch: last_batch_id, or null for none.
  void Row(const domain::Worker& w, const std::string& now, const std::int64_t* batch) {
    birth_date_ = w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : std::string();
    district_ = DistrictOf(w.village_code);
    name_key_ = NameSearchKey(w.name);
    Text(0, w.regency_code);
    Text(1, w.nik);
    Text(2, w.kk);
    Text(3, w.name);
    Text(4, w.name_original);
    Text(5, domain::ToCode(w.sex));
    Text(6, w.birth_place);
    if (w.birth_date.ok()) {
      Text(kWorkerBirthDateColumn, birth_date_);
    } else {
      Check(sqlite_api::sqlite3_bind_null(statement_, kWorkerBirthDateColumn + 1));
    }
    Text(8, w.address);
    Text(9, w.village_code);
    Text(10, district_);
    Text(11, w.occupation);
    Text(12, w.phone);
    Text(13, domain::ToCode(w.status));
    Text(14, w.source);
    Text(15, now);
    Text(16, now);
    Text(17, name_key_);
    Check(sqlite_api::sqlite3_bind_int(statement_, 19, domain::RecordHasIssues(w) ? 1 : 0));
    if (batch) {
      Check(sqlite_api::sqlite3_bind_int64(statement_, kWorkerBatchColumn + 1, *batch));
    } else {
      Check(sqlite_api::sqlite3_bind_null(statement_, kWorkerBatchColumn + 1));
    }
    Text(20, w.source_id);
    const int stepped = sqlite_api::sqlite3_step(statement_);
    sqlite_api::sqlite3_reset(statement_);
    if (stepped != SQLITE_DONE) Throw();
  }

 private:
  // An empty view may have no data pointer, which SQLite would bind as NULL: bind "" then.
  void Text(std::size_t column, std::string_view value) {
    Check(sqlite_api::sqlite3_bind_text(statement_, static_cast<int>(column) + 1,
                                        value.empty() ? "" : value.data(),
                                        static_cast<int>(value.size()), kStatic));
  }
  void Check(int rc) {
    if (rc != SQLITE_OK) Throw();
  }
  [[noreturn]] void Throw() {
    throw NativeError(
        ErrorFromSqliteCode(sqlite_api::sqlite3_extended_errcode(db_), "workers.insert_many"));
  }

  // SQLITE_STATIC, spelled out: the macro names its type outside SOCI's sqlite_api namespace.
  static constexpr sqlite_api::sqlite3_destructor_type kStatic = nullptr;

  sqlite_api::sqlite3* db_;
  sqlite_api::sqlite3_stmt* statement_ = nullptr;
  std::string birth_date_, district_, name_key_;
};

// The CREATE INDEX statements of the workers table's secondary indexes, in creation order
// (automatic indexes have no SQL and are not listed).
std::vector<std::pair<std::string, std::string>> SqliteWorkerIndexes(soci::session& session) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string name, sql;
  soci::statement indexes =
      (session.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                          " AND tbl_name = 'workers' AND sql IS NOT NULL ORDER BY rowid",
       into(name), into(sql));
  indexes.execute();
  while (indexes.fetch()) out.emplace_back(name, sql);
  return out;
}

// An upper bound of the workers table's row count without counting it: ids only grow.
long long SqliteMaxWorkerId(soci::session& session) {
  long long max_id = 0;
  soci::indicator max_indicator = soci::i_ok;
  session << "SELECT MAX(id) FROM workers", into(max_id, max_indicator);
  return max_indicator == soci::i_ok ? max_id : 0;
}

void SetSqliteCache(soci::session& session, int kib) {
  ExecuteScript(session, Engine::kSqlite, "PRAGMA cache_size = -" + std::to_string(kib), "cache");
}

// Builds indexes on kSqliteIndexBuildCacheKib (see there): sorts that spill past the cache
// are sorted in runs, on a helper thread with PRAGMA threads. The caller restores its cache.
void CreateSqliteIndexes(soci::session& session, const std::vector<std::string>& statements) {
  if (statements.empty()) return;
  SetSqliteCache(session, kSqliteIndexBuildCacheKib);
  ExecuteScript(session, Engine::kSqlite, "PRAGMA threads = 2", "threads");
  for (const std::string& sql : statements) {
    ExecuteScript(session, Engine::kSqlite, sql, "create_index");
  }
  ExecuteScript(session, Engine::kSqlite, "PRAGMA threads = 0", "threads");
}

// New rows are not stamped (COPY and the prepared INSERT write the column's default): the lists in
// memory load each regency they touch afresh (worker_list_cache.hpp). In code order, so that
// two loads lock the regencies' counters in one order.
void BumpReloads(soci::session& session, std::span<const domain::Worker> workers) {
  std::vector<std::string_view> regencies;
  for (const domain::Worker& w : workers) {
    if (regencies.empty() || regencies.back() != w.regency_code) {
      regencies.push_back(w.regency_code);
    }
  }
  std::ranges::sort(regencies);
  regencies.erase(std::ranges::unique(regencies).begin(), regencies.end());
  for (std::string_view regency : regencies) {
    BumpListVersion(session, regency, ListChange::kReload);
  }
}

}  // namespace

Result<std::size_t> SqlWorkerRepository::InsertMany(std::span<const domain::Worker> workers,
                                                    std::optional<std::int64_t> last_batch_id) {
  if (workers.empty()) return std::size_t{0};
  return runner_.Run<std::size_t>("workers.insert_many", CallMode::kWrite,
                                  [&](soci::session& session) -> Result<std::size_t> {
                                    BumpReloads(session, workers);
                                    if (engine_ == Engine::kSqlite) {
                                      InsertManySqlite(session, workers, last_batch_id);
                                    } else {
                                      InsertManyPostgres(session, workers, last_batch_id);
                                    }
                                    return workers.size();
                                  });
}

Status SqlWorkerRepository::BeginBulkLoad(std::string_view regency_code,
                                          std::size_t expected_rows) {
  if (runner_.bound() == nullptr) {
    return Fail(Error::FailedPrecondition("muat massal hanya di dalam transaksi",
                                          "op=workers.bulk_begin pooled repository"));
  }
  if (bulk_) {
    return Fail(
        Error::FailedPrecondition("muat massal sudah dimulai", "op=workers.bulk_begin twice"));
  }
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (engine_ != Engine::kSqlite) {
    // A regency without its partition: the load goes into a fresh table. The lock keeps a
    // second transaction from making the partition meanwhile (it waits for this commit).
    auto begun = runner_.Run<BulkLoad>(
        "workers.bulk_begin", CallMode::kWrite, [&](soci::session& session) -> Result<BulkLoad> {
          BulkLoad load;
          if (expected_rows >= kRebuildIndexesFrom && IsPartitionableRegency(regency_code)) {
            LockRegencyPartition(session, regency_code);
            if (!WorkerPartitionAttached(session, regency_code)) {
              CreateFreshWorkerTable(session, regency_code);
              load.fresh_regency = regency_code;
            }
          }
          return load;
        });
    if (!begun) return Fail(std::move(begun.error()));
    bulk_ = std::move(*begun);
    return {};
  }
  auto begun = runner_.Run<BulkLoad>(
      "workers.bulk_begin", CallMode::kWrite, [&](soci::session& session) -> Result<BulkLoad> {
        BulkLoad load;
        if (expected_rows >= kRebuildIndexesFrom &&
            SqliteMaxWorkerId(session) <= static_cast<long long>(expected_rows)) {
          for (auto& [name, sql] : SqliteWorkerIndexes(session)) {
            ExecuteScript(session, Engine::kSqlite, "DROP INDEX \"" + name + "\"", "drop_index");
            load.dropped_indexes.push_back(std::move(sql));
          }
        }
        // Without its indexes the table only grows at its end: a small cache serves, and it
        // writes the load's pages to the WAL as it goes instead of holding them all until the
        // commit. With them, the index pages need the large cache.
        SetSqliteCache(session,
                       load.dropped_indexes.empty() ? kSqliteBulkCacheKib : kSqliteAppendCacheKib);
        return load;
      });
  if (!begun) {
    try {
      SetSqliteCache(*runner_.bound(), kSqliteCacheKib);
    } catch (const std::exception&) {
      // Only memory use stays higher until the connection is closed.
    }
    return Fail(std::move(begun.error()));
  }
  bulk_ = std::move(*begun);
  return {};
}

Status SqlWorkerRepository::EndBulkLoad() {
  if (runner_.bound() == nullptr || !bulk_) {
    return Fail(
        Error::FailedPrecondition("muat massal belum dimulai", "op=workers.bulk_end not begun"));
  }
  auto ended = runner_.Run<std::monostate>(
      "workers.bulk_end", CallMode::kWrite, [&](soci::session& session) -> Result<std::monostate> {
        if (engine_ == Engine::kSqlite) {
          CreateSqliteIndexes(session, bulk_->dropped_indexes);
        } else if (!bulk_->fresh_regency.empty()) {
          BuildAndAttachFreshWorkerTable(session, bulk_->fresh_regency);
        }
        return std::monostate{};
      });
  // On failure the savepoint undid the rebuild and the load stays open: a Commit tries the
  // rebuild again (and fails and rolls back when it fails again); a rollback ends it.
  if (!ended) return Fail(std::move(ended.error()));
  AbandonBulkLoad();
  return {};
}

void SqlWorkerRepository::AbandonBulkLoad() noexcept {
  const bool was_open = bulk_.has_value();
  bulk_.reset();
  if (!was_open || engine_ != Engine::kSqlite || runner_.bound() == nullptr) return;
  try {
    SetSqliteCache(*runner_.bound(), kSqliteCacheKib);
  } catch (const std::exception&) {
    // Only memory use stays higher until the connection is closed.
  }
}

void SqlWorkerRepository::InsertManySqlite(soci::session& session,
                                           std::span<const domain::Worker> workers,
                                           std::optional<std::int64_t> last_batch_id) {
  // Inside a bulk load the load's settings hold; a lone batch makes its own.
  struct CacheForBatch {
    soci::session* session = nullptr;
    explicit CacheForBatch(soci::session* s) : session(s) {
      if (session != nullptr) SetSqliteCache(*session, kSqliteBulkCacheKib);
    }
    ~CacheForBatch() {
      if (session == nullptr) return;
      try {
        SetSqliteCache(*session, kSqliteCacheKib);
      } catch (const NativeError&) {
        // Only memory use stays higher; the batch's own outcome is what the caller needs.
      }
    }
  } cache_for_batch(bulk_ ? nullptr : &session);

  // A large lone batch into a table no larger than itself (e.g. the demo seed): drop the
  // secondary indexes, insert, and build them again, as a bulk load does (see BeginBulkLoad in
  // the header). CREATE INDEX sorts once, where keeping the B-trees up to date row by row in
  // random key order costs ~40 % more CPU (measured on 300,000 rows). All of it runs in the
  // call's savepoint, so a failure brings the indexes back with the old rows, and WAL readers
  // keep seeing the committed table, indexes included.
  std::vector<std::string> rebuild;
  if (!bulk_ && workers.size() >= kRebuildIndexesFrom &&
      SqliteMaxWorkerId(session) <= static_cast<long long>(workers.size())) {
    for (auto& [name, sql] : SqliteWorkerIndexes(session)) {
      ExecuteScript(session, Engine::kSqlite, "DROP INDEX \"" + name + "\"", "drop_index");
      rebuild.push_back(std::move(sql));
    }
  }

  SqliteInsert insert(session, WorkerInsertSql());
  const std::string now = FormatTimestamp(clock_->Now());
  const std::int64_t* batch = last_batch_id ? &*last_batch_id : nullptr;
  for (const domain::Worker& worker : workers) insert.Row(worker, now, batch);
  CreateSqliteIndexes(session, rebuild);
}

void SqlWorkerRepository::InsertManyPostgres(soci::session& session,
                                             std::span<const domain::Worker> workers,
                                             std::optional<std::int64_t> last_batch_id) {
  std::string table = "workers";
  if (bulk_ && !bulk_->fresh_regency.empty()) {
    // The fresh table's CHECK refuses rows of another regency (the whole batch fails).
    table = WorkerPartitionName(bulk_->fresh_regency);
  } else {
    std::vector<std::string> regencies;
    for (const domain::Worker& worker : workers) {
      if (std::find(regencies.begin(), regencies.end(), worker.regency_code) == regencies.end()) {
        regencies.push_back(worker.regency_code);
      }
    }
    EnsureWorkerPartitions(session, regencies);
  }
  PostgresCopy copy(session, table + " (" + kWorkerInsertColumns + ")", "workers.copy");
  const std::string now = FormatTimestamp(clock_->Now());
  WorkerValues values;
  for (const domain::Worker& worker : workers) {
    values.Assign(worker, now, last_batch_id);
    for (std::size_t i = 0; i < kWorkerInsertColumnCount; ++i) {
      if ((i == kWorkerBirthDateColumn && !values.birth_date_known) ||
          (i == kWorkerBatchColumn && !values.batch_known)) {
        copy.Null();
      } else {
        copy.Field(values.text[i]);
      }
    }
    copy.EndRow();
  }
  copy.Finish();
}

}  // namespace jaring::storage::sql
