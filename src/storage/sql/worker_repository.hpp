// SqlWorkerRepository: WorkerRepository over SOCI, for SQLite and PostgreSQL.
//
// Two modes share one implementation (call_runner.hpp):
//  - pooled (Database::Workers()): each call leases a connection; writes run in their own
//    transaction (SQLite: BEGIN IMMEDIATE), reads in autocommit. Thread-safe.
//  - bound (Transaction::Workers()): each call runs on the transaction's connection inside a
//    savepoint, so a failed call leaves the caller's transaction as it was before the call.
//    One thread at a time.
// Its definitions are split by job: worker_repository.cpp (single workers, pages, edits),
// worker_bulk_load.cpp, worker_counts.cpp; the SQL they share is in worker_rows.hpp and
// worker_query_plan.hpp.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "storage/sql/call_runner.hpp"
#include "storage/sql/connection.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::storage::sql {

struct FilterSql;        // worker_query_plan.hpp
class WorkerListCache;   // worker_list_cache.hpp

class SqlWorkerRepository final : public WorkerRepository {
 public:
  SqlWorkerRepository(ConnectionPool& pool, const Clock& clock);
  SqlWorkerRepository(Engine engine, soci::session& session, const Clock& clock);

  Result<std::int64_t> Insert(const domain::Worker& worker) override;
  using WorkerRepository::InsertMany;
  Result<std::size_t> InsertMany(std::span<const domain::Worker> workers,
                                 std::optional<std::int64_t> last_batch_id) override;
  Status BeginBulkLoad(std::string_view regency_code, std::size_t expected_rows) override;
  Status EndBulkLoad() override;
  Result<domain::Worker> Get(std::string_view regency_code, std::int64_t id) override;
  Result<std::vector<domain::Worker>> List(std::string_view regency_code, std::int64_t after_id,
                                           int limit) override;
  Result<std::int64_t> Count(std::string_view regency_code) override;
  Result<std::vector<CodeCount>> CountByDistrict(std::string_view regency_code) override;
  Result<std::vector<CodeCount>> CountByOccupation(std::string_view regency_code) override;
  Result<SexCount> CountBySex(std::string_view regency_code) override;
  Result<AgeBandCounts> CountByAgeBand(std::string_view regency_code,
                                       std::chrono::year_month_day reference,
                                       std::span<const int> lower_bounds) override;
  Result<std::vector<CodeCount>> CountsByRegency() override;
  Result<WorkerPage> Find(std::string_view regency_code, const WorkerQuery& query) override;
  Status ForEach(std::string_view regency_code, const WorkerFilter& filter, WorkerSort sort,
                 bool descending, const std::function<bool(const WorkerRecord&)>& visit) override;
  Result<WorkerRecord> GetRecord(std::string_view regency_code, std::int64_t id) override;
  Result<std::vector<WorkerRecord>> GetRecords(std::string_view regency_code,
                                               std::span<const std::int64_t> ids) override;
  Result<std::vector<WorkerRecord>> ListByKk(std::string_view regency_code, std::string_view kk,
                                             int limit) override;
  Result<WorkerUpdate> Update(const domain::Worker& worker) override;
  Result<std::vector<StatusChange>> SetStatus(std::string_view regency_code,
                                              std::span<const std::int64_t> ids,
                                              domain::WorkerStatus status) override;
  Result<std::int64_t> RefreshDerived(std::string_view regency_code) override;

  // For the owning SqlTransaction: whether a bulk load is open (Commit ends it first), and
  // forgetting it after the transaction ended (the rollback brought the indexes back; the
  // page cache is set back here).
  bool bulk_load_open() const { return bulk_.has_value(); }
  void AbandonBulkLoad() noexcept;

  // Pooled repository of a Database that serves lists from memory (list_in_memory.hpp): Find
  // asks the cache first and runs its SQL plan only when the cache gives no page.
  void UseListCache(WorkerListCache* cache) { list_cache_ = cache; }

 private:
  // COUNT(*) grouped by `column`, of one regency or (nullopt) of all; sorted by code.
  Result<std::vector<CodeCount>> CountGroupedBy(std::string_view operation, std::string_view column,
                                                std::optional<std::string_view> regency_code);
  // The rows `filter` matches on `session`, counted up to cap + 1 (cap 0: all; CountSql).
  // Throws as SOCI does; the caller's call runner turns that into an Error.
  static std::int64_t CountMatches(soci::session& session, const FilterSql& filter,
                                   std::int64_t cap);
  // COUNT(*) of the regency's workers in SQL.
  Result<std::int64_t> CountRows(std::string_view regency_code);
  // The record of one id in one regency, on `session`; NotFound when absent.
  Result<WorkerRecord> ReadRecord(soci::session& session, std::string_view regency_code,
                                  std::int64_t id);
  void InsertManySqlite(soci::session& session, std::span<const domain::Worker> workers,
                        std::optional<std::int64_t> last_batch_id);
  void InsertManyPostgres(soci::session& session, std::span<const domain::Worker> workers,
                          std::optional<std::int64_t> last_batch_id);

  // An open bulk load: the CREATE INDEX statements of the indexes it dropped (SQLite); the
  // regency whose first load goes into a fresh table, attached as its partition by
  // EndBulkLoad (PostgreSQL; empty: rows go into workers).
  struct BulkLoad {
    std::vector<std::string> dropped_indexes;
    std::string fresh_regency;
  };

  Engine engine_;
  CallRunner runner_;
  const Clock* clock_;
  std::optional<BulkLoad> bulk_;
  WorkerListCache* list_cache_ = nullptr;
};

}  // namespace jaring::storage::sql
