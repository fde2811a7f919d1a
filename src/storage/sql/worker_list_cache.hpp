// WorkerListCache: the registry list (WorkerRepository::Find) served from one in-memory
// WorkerListIndex per regency, kept current from the database (issue 17, item 1;
// docs/architecture.md, "The registry list in memory").
//
// Contents
//  - ListChange / BumpListVersion: what every writer of `workers` does in its own transaction.
//    Two counters per regency in worker_list_versions (migration 0020): `rows`, bumped by a
//    writer that stamps the rows it changes with the new value (workers.list_version), and
//    `reload`, bumped by a writer that changes rows without stamping them (InsertMany, an
//    import's updates, RefreshDerived): the next list then loads the regency afresh.
//  - WorkerListCache::Find: read the counters; bring the regency's index up to them (a full
//    load, or the rows stamped since); take the page's ids from the index (a name search's
//    candidates come from the name-key index); read those rows by id in one statement that
//    also reads the counters again. Equal counters prove that no write touched the regency
//    between the first read and the rows, so the page is exactly the database's; otherwise it
//    starts over, and after three tries answers nothing (the caller runs the SQL plan).
//  - Count, CountByDistrict, CountByOccupation, CountBySex, CountByAgeBand: the dashboard's
//    total and groups from the same index (counters equal before and after the count).
//
// Thread safety: Find may run on many threads. Per regency, one thread refreshes at a time and
// the index is read under a shared lock; no connection is held while waiting for either.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "storage/sql/call_runner.hpp"
#include "storage/sql/connection.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::storage::sql {

enum class ListChange : std::uint8_t { kRows, kReload };

// Adds one to the regency's counter of `change`, in the session's transaction, and returns the
// new value (for kRows, the stamp to write into workers.list_version). On PostgreSQL the
// counter's row stays locked until that transaction ends, so the writers of one regency take
// their stamps in commit order. Throws as SOCI does.
std::int64_t BumpListVersion(soci::session& session, std::string_view regency_code,
                             ListChange change);

class WorkerListCache {
 public:
  explicit WorkerListCache(ConnectionPool& pool);
  ~WorkerListCache();

  // The page of `query` (already validated by the caller), or nullopt when the cache cannot
  // give a page it can prove current (the caller runs the SQL plan).
  Result<std::optional<WorkerPage>> Find(std::string_view regency_code, const WorkerQuery& query);

  // The dashboard's total and groups from the index, under the same proof (the counters read
  // before and after are equal), or nullopt. The total in SQL counted the regency's entries of
  // an index (40-80 ms at 1,000,000 on SQLite) on every dashboard.
  Result<std::optional<std::int64_t>> Count(std::string_view regency_code);
  // Count, but only for a regency whose index is loaded and needs no full load (nullopt
  // otherwise, without loading): for the province's per-regency totals, which must not wait for
  // regencies nobody has listed yet.
  Result<std::optional<std::int64_t>> CountIfLoaded(std::string_view regency_code);
  Result<std::optional<std::vector<CodeCount>>> CountByDistrict(std::string_view regency_code);
  Result<std::optional<std::vector<CodeCount>>> CountByOccupation(std::string_view regency_code);
  Result<std::optional<SexCount>> CountBySex(std::string_view regency_code);
  // cutoffs: as WorkerListIndex::CountByAgeBand.
  Result<std::optional<AgeBandCounts>> CountByAgeBand(std::string_view regency_code,
                                                      std::span<const int> lower_bounds,
                                                      std::span<const std::int32_t> cutoffs);

  // For measurements: bytes used by a regency's index (0 when not loaded).
  std::size_t MemoryBytes(std::string_view regency_code);

 private:
  struct Regency;
  struct Versions {
    std::int64_t rows = 0, reload = 0;
  };
  Regency& Get(std::string_view regency_code);
  // `count(index)` on a current index of the regency.
  template <typename T, typename Counter>
  Result<std::optional<T>> Counted(std::string_view regency_code, Counter&& count);
  Result<Versions> ReadVersions(std::string_view regency_code);
  // Brings the index to at least `seen` (a full load, or the rows stamped since).
  Status Refresh(Regency& regency, std::string_view regency_code, Versions seen);

  Engine engine_;
  CallRunner runner_;
  std::mutex mutex_;  // guards regencies_ (the map, not the indexes)
  std::map<std::string, std::unique_ptr<Regency>, std::less<>> regencies_;
};

}  // namespace jaring::storage::sql
