// WorkerListIndex: one regency's registry list in memory (issue 17, item 1), so that the list's
// filters and sorts need no database index of their own.
//
// Contents
//  - ListRow: one worker as the index is told about it (the listed columns only).
//  - WorkerListIndex: the workers of one regency, packed (ids, NIK as a number, dictionary-coded
//    district / village / occupation / source, status, sex, issue flag, birth date, last change
//    and an interned name) with one sorted permutation per sort; Upsert keeps them ordered.
//  - Select: the ids of one page of WorkerRepository::Find's list and its capped total, in
//    Find's order, by a walk of a permutation or a sort of few matches; never a full sort.
//
// What it holds of the name search key: its first 8 bytes. A name search (WorkerFilter::name)
// whose key is at most that long and that is not listed in key order is answered here; any
// other is given its candidates by the caller, in search-key order (read off the
// (regency_code, name_key, ...) index), and the index filters and orders those.
//
// Orders, exactly as the SQL path (worker_query_plan.cpp OrderBy) with one choice made where
// the engines differ: a missing birth date sorts before every date (SQLite's NULL order; a
// descending list shows it last). Strings compare byte by byte (COLLATE "C" and SQLite's
// BINARY). Ties are broken by id in the list's direction, so a descending list is the ascending
// one reversed.
//
// Thread safety: const calls (Select, the counts) may run on many threads at once; Upsert, Add
// and Seal need the index to themselves (storage/sql/worker_list_cache.hpp's lock).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.hpp"
#include "domain/worker.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::storage {

struct ListRow {
  std::int64_t id = 0;
  std::string nik, name, district_code, village_code, occupation, source;
  std::string name_key;  // workers.name_key (NameSearchKey); only its first 8 bytes are kept
  domain::WorkerStatus status = domain::WorkerStatus::kActive;
  domain::Sex sex = domain::Sex::kMale;
  bool has_issues = false;
  std::optional<std::int32_t> birth_days;  // days since 1970-01-01; nullopt: not recorded
  std::int64_t updated_us = 0;             // updated_at, microseconds since the epoch
};

// The ids of one page, in the list's order, and the total as WorkerPage defines it.
struct ListSelection {
  std::vector<std::int64_t> ids;
  std::int64_t total = 0;
  bool total_exact = true;
};

class WorkerListIndex {
 public:
  WorkerListIndex();
  ~WorkerListIndex();
  WorkerListIndex(WorkerListIndex&&) noexcept;
  WorkerListIndex& operator=(WorkerListIndex&&) noexcept;

  // Adds or replaces the workers of `rows` (by id) and keeps every order. Cost: a binary search
  // per row and order, then one pass over each order (a memory move of 4 bytes per worker);
  // a batch costs about what one row does.
  void Upsert(std::span<const ListRow> rows);

  // A full load without a vector of rows: Add each worker once (ids not yet held), then Seal,
  // which sorts every order once. Select before Seal sees an index without its orders.
  void Add(const ListRow& row);
  void Seal();

  std::size_t size() const;
  // Bytes held (entries, orders, dictionaries, names), for the measurements.
  std::size_t MemoryBytes() const;

  // One page of `query` (offset, limit, sort, direction, cap as WorkerQuery says). `candidates`:
  // for a name search, the ids whose name key matches, in (name_key, id) order; ids the index
  // does not hold are skipped. Without candidates, a name search must be one that
  // SearchesNamesItself. InvalidArgument for a NIK prefix that is not all digits.
  Result<ListSelection> Select(const WorkerQuery& query,
                               std::optional<std::span<const std::int64_t>> candidates) const;

  // Whether Select answers the name search of `query` without candidates: a search key
  // (NameSearchKey) of at most 8 bytes, and a list not in search-key order (sorted by name with
  // a NIK prefix, or by anything else). True when there is no name search.
  static bool SearchesNamesItself(const WorkerQuery& query);

  // The dashboard's groups, as WorkerRepository's counts (codes sorted, empty codes included).
  std::vector<CodeCount> CountByDistrict() const;
  std::vector<CodeCount> CountByOccupation() const;
  SexCount CountBySex() const;
  // Workers per band: cutoffs[i] (days since the epoch) is the latest birth date of band i
  // (born on or before it: at least lower_bounds[i] years old), strictly decreasing.
  AgeBandCounts CountByAgeBand(std::span<const int> lower_bounds,
                               std::span<const std::int32_t> cutoffs) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace jaring::storage
