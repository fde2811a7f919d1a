// MonevRepository: the data of monitoring and evaluation (issue 16; migration 0016):
// denominators and targets per region and year, the figures of each settled month counted by
// area, and the cross-regency overlap counts.
//
// It exists only inside a Transaction (Transaction::Monev()); each call runs inside a
// savepoint. Storage checks shapes (region codes, years, periods, positive values) and keeps
// what the services computed; it computes nothing.
//
// Tenancy: snapshots and overlaps are read and written per regency, except SnapshotsOfLevel,
// which the province's view uses and which returns counts only, never persons. Denominators and
// targets belong to a region, which the caller's permission check has already placed in scope.
// Failures are values: InvalidArgument, NotFound, Unavailable, Internal. One thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct DenominatorRecord {
  std::string region_code;
  int year = 0;
  std::string name;  // "working_population", "informal_workers", "bpu_universe", ...
  std::int64_t value = 0;
  std::string source;       // "BPS Sakernas Agustus 2024", ...
  std::string source_date;  // "YYYY-MM-DD" or ""
  std::string actor;
  std::int64_t updated_at_us = 0;  // 0 on write: the Database clock's now
  friend bool operator==(const DenominatorRecord&, const DenominatorRecord&) = default;
};

struct TargetRecord {
  std::string region_code;  // "ID" for the nation
  int year = 0;
  double value = 0;         // a fraction in (0, 1]
  std::string denominator;  // the denominator's name it is measured on, "" for the default
  std::string source;
  std::string actor;
  std::int64_t updated_at_us = 0;
  friend bool operator==(const TargetRecord&, const TargetRecord&) = default;
};

// One area's figures in a settled month (see migration 0016 for each column's meaning).
struct SnapshotRecord {
  std::string regency_code, period, area_code;
  std::string level;  // "regency" | "district" | "village"
  std::int64_t settled_id = 0;
  std::int64_t rows_listed = 0, persons = 0, participants = 0, weighted_milli = 0;
  std::int64_t duplicates = 0, other_regency = 0, died = 0, ineligible = 0, other_removed = 0;
  std::string detail_json = "{}";
  std::int64_t computed_at_us = 0;
  friend bool operator==(const SnapshotRecord&, const SnapshotRecord&) = default;
};

struct OverlapRecord {
  std::string regency_code, period, other_regency;
  std::int64_t persons = 0;
  friend bool operator==(const OverlapRecord&, const OverlapRecord&) = default;
};

class MonevRepository {
 public:
  virtual ~MonevRepository() = default;

  // Denominators. Put replaces the (region, year, name) value. List: every name of a region and
  // year, by name.
  virtual Status PutDenominator(const DenominatorRecord& denominator) = 0;
  virtual Result<std::vector<DenominatorRecord>> Denominators(std::string_view region_code,
                                                              std::optional<int> year) = 0;

  // Targets: one per region and year.
  virtual Status PutTarget(const TargetRecord& target) = 0;
  virtual Result<std::vector<TargetRecord>> Targets(std::string_view region_code) = 0;

  // A regency's month counted again: its rows are replaced by `rows` (and its overlap counts by
  // `overlaps` when given; nullopt keeps them).
  virtual Status ReplaceSnapshot(std::string_view regency_code, std::string_view period,
                                 const std::vector<SnapshotRecord>& rows,
                                 const std::optional<std::vector<OverlapRecord>>& overlaps) = 0;
  // A regency's rows of one month; `level` "" for every level. By area code.
  virtual Result<std::vector<SnapshotRecord>> Snapshot(std::string_view regency_code,
                                                       std::string_view period,
                                                       std::string_view level) = 0;
  // The regency's own row for every counted month, by period.
  virtual Result<std::vector<SnapshotRecord>> RegencyTrend(std::string_view regency_code) = 0;
  // The regency rows of `regency_codes` for their newest counted month on or before `period`.
  virtual Result<std::vector<SnapshotRecord>> NewestRegencyRows(
      const std::vector<std::string>& regency_codes, std::string_view period) = 0;
  virtual Result<std::vector<OverlapRecord>> Overlaps(std::string_view regency_code,
                                                      std::string_view period) = 0;

  // The province's view in one statement each, not several per regency (on PostgreSQL a page's
  // cost is its round trips). Each reads the regencies of `province_code` ("35") only, and
  // returns figures and counts, never persons; the caller keeps those the actor may see.
  // Regency-level denominators of every year up to `up_to_year`, by region, year and name:
  virtual Result<std::vector<DenominatorRecord>> RegencyDenominators(
      std::string_view province_code, int up_to_year) = 0;
  // The same for the districts of one regency (its page's district table):
  virtual Result<std::vector<DenominatorRecord>> DistrictDenominators(
      std::string_view regency_code, int up_to_year) = 0;
  // Regency-level targets of the year, by region:
  virtual Result<std::vector<TargetRecord>> RegencyTargets(std::string_view province_code,
                                                           int year) = 0;
  // The overlap counts of its regencies' months up to `up_to_period`, by regency and period:
  virtual Result<std::vector<OverlapRecord>> RegencyOverlaps(std::string_view province_code,
                                                             std::string_view up_to_period) = 0;
  // Per regency, the quotas in force (the newest budget line's that set one, else the
  // program's own; migration 0017) of its programs running in `period`, summed:
  virtual Result<std::map<std::string, std::int64_t>> PlannedQuotas(
      std::string_view province_code, std::string_view period) = 0;

  // A regency's district boundaries (GeoJSON text, checked by the service); Put replaces them.
  virtual Status PutBoundaries(std::string_view regency_code, std::string_view geojson,
                               int features, std::string_view actor) = 0;
  virtual Result<std::optional<std::string>> Boundaries(std::string_view regency_code) = 0;
};

}  // namespace jaring::storage
