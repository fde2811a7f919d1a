// SqlMonevRepository: MonevRepository over SOCI, bound to a Transaction's connection; each call
// runs inside a savepoint (see monev_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/monev_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlMonevRepository final : public MonevRepository {
 public:
  SqlMonevRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_monev"), clock_(&clock) {}

  Status PutDenominator(const DenominatorRecord& denominator) override;
  Result<std::vector<DenominatorRecord>> Denominators(std::string_view region_code,
                                                      std::optional<int> year) override;
  Status PutTarget(const TargetRecord& target) override;
  Result<std::vector<TargetRecord>> Targets(std::string_view region_code) override;
  Status ReplaceSnapshot(std::string_view regency_code, std::string_view period,
                         const std::vector<SnapshotRecord>& rows,
                         const std::optional<std::vector<OverlapRecord>>& overlaps) override;
  Result<std::vector<SnapshotRecord>> Snapshot(std::string_view regency_code,
                                               std::string_view period,
                                               std::string_view level) override;
  Result<std::vector<SnapshotRecord>> RegencyTrend(std::string_view regency_code) override;
  Result<std::vector<SnapshotRecord>> NewestRegencyRows(
      const std::vector<std::string>& regency_codes, std::string_view period) override;
  Result<std::vector<OverlapRecord>> Overlaps(std::string_view regency_code,
                                              std::string_view period) override;
  Result<std::vector<DenominatorRecord>> RegencyDenominators(std::string_view province_code,
                                                             int up_to_year) override;
  Result<std::vector<DenominatorRecord>> DistrictDenominators(std::string_view regency_code,
                                                              int up_to_year) override;
  Result<std::vector<TargetRecord>> RegencyTargets(std::string_view province_code,
                                                   int year) override;
  Result<std::vector<OverlapRecord>> RegencyOverlaps(std::string_view province_code,
                                                     std::string_view up_to_period) override;
  Result<std::map<std::string, std::int64_t>> PlannedQuotas(std::string_view province_code,
                                                            std::string_view period) override;
  Status PutBoundaries(std::string_view regency_code, std::string_view geojson, int features,
                       std::string_view actor) override;
  Result<std::optional<std::string>> Boundaries(std::string_view regency_code) override;

 private:
  // The denominators up to `up_to_year` of the regions directly under `parent_code` (codes of
  // `child_length` characters that start with it and a dot), by region, year and name.
  Result<std::vector<DenominatorRecord>> DenominatorsOfChildren(std::string_view operation,
                                                                std::string_view parent_code,
                                                                int child_length, int up_to_year);

  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
