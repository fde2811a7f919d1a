// DashboardService: the numbers a regency's dashboard shows.
//
// Once a month has been settled (services/settlement.hpp), the figures are the distinct persons
// of the newest settled month, never rows: its headline count and its breakdowns by district,
// occupation, sex and age band, counted at settlement. Before any settlement, and beside it as
// `registry_rows`, the registry's records are counted, every status and duplicate included:
// the dashboard says which is which (`settled` names the month, or is absent). Tenancy holds:
// one regency per call. Region names and occupation labels dress the codes. Every district of
// the regency is listed, zero counts included, so the chart shows where the program has not
// reached yet. Thread-safe if the repository is (it holds no mutable state).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::services {

class Settlement;
struct SettledSummary;

struct NamedCount {
  std::string code;
  std::string name;  // Indonesian label or region name
  std::int64_t count = 0;
};

// The settled month the dashboard's figures come from.
struct SettledHeadline {
  std::string period;  // "2025-10"
  int version = 0;
  std::int64_t persons = 0;
  TimePoint settled_at;
};

struct Dashboard {
  std::string regency_code;
  std::string regency_name;
  std::chrono::year_month_day as_of{};
  // Persons of the settled month when there is one, else the registry's records.
  std::int64_t workers_total = 0;
  std::int64_t registry_rows = 0;  // records in the registry, every status, duplicates included
  std::optional<SettledHeadline> settled;
  std::vector<NamedCount> by_district;    // every district, by code
  std::vector<NamedCount> by_occupation;  // by count, descending
  std::vector<NamedCount> by_sex;         // L, P
  std::vector<NamedCount> by_age_band;    // "17-24" … "65+", plus "<17" and "?" when present
};

struct RegencySummary {
  std::string code;
  std::string name;
  std::int64_t workers = 0;
};

class DashboardService {
 public:
  // `settlements` null: registry counts only (no settled months known).
  DashboardService(storage::WorkerRepository& workers, const domain::RegionIndex& regions,
                   const Clock& clock, const Settlement* settlements = nullptr)
      : workers_(workers), regions_(regions), clock_(clock), settlements_(settlements) {}

  // NotFound when the code is not a regency of the master data.
  Result<Dashboard> ForRegency(std::string_view regency_code) const;

  // Regencies that have workers, by code.
  Result<std::vector<RegencySummary>> Regencies() const;

  // The age bands of the dashboard: lower bounds in years.
  static constexpr int kAgeBandLowerBounds[] = {17, 25, 35, 45, 55, 65};

 private:
  Dashboard FromSettled(Dashboard out, const SettledSummary& settled) const;
  storage::WorkerRepository& workers_;
  const domain::RegionIndex& regions_;
  const Clock& clock_;
  const Settlement* settlements_;
};

}  // namespace jaring::services
