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
  virtual Result<std::size_t> InsertMany(std::span<const domain::Worker> workers) = 0;

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
};

}  // namespace jaring::storage
