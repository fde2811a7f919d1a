// DashboardService: the numbers a regency's dashboard shows, from the registry.
//
// Reads counts through the WorkerRepository (so tenancy holds: one regency per call) and
// dresses them with region names and occupation labels. Every district of the regency is
// listed, zero counts included, so the chart shows where the program has not reached yet.
// Thread-safe if the repository is (it holds no mutable state).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::services {

struct NamedCount {
  std::string code;
  std::string name;  // Indonesian label or region name
  std::int64_t count = 0;
};

struct Dashboard {
  std::string regency_code;
  std::string regency_name;
  std::chrono::year_month_day as_of{};
  std::int64_t workers_total = 0;
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
  DashboardService(storage::WorkerRepository& workers, const domain::RegionIndex& regions,
                   const Clock& clock)
      : workers_(workers), regions_(regions), clock_(clock) {}

  // NotFound when the code is not a regency of the master data.
  Result<Dashboard> ForRegency(std::string_view regency_code) const;

  // Regencies that have workers, by code.
  Result<std::vector<RegencySummary>> Regencies() const;

  // The age bands of the dashboard: lower bounds in years.
  static constexpr int kAgeBandLowerBounds[] = {17, 25, 35, 45, 55, 65};

 private:
  storage::WorkerRepository& workers_;
  const domain::RegionIndex& regions_;
  const Clock& clock_;
};

// Today's calendar date in Indonesia's western time zone (WIB, UTC+7), where the regencies of
// Java are: a count "as of" a day must not flip at 07:00 local time.
std::chrono::year_month_day TodayInWib(const Clock& clock);

}  // namespace jaring::services
