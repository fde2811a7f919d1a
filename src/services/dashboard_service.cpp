#include "services/dashboard_service.hpp"

#include <algorithm>
#include <map>

#include "domain/occupation.hpp"

namespace jaring::services {

std::chrono::year_month_day TodayInWib(const Clock& clock) {
  const auto wib = clock.Now() + std::chrono::hours(7);
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(wib));
}

Result<Dashboard> DashboardService::ForRegency(std::string_view regency_code) const {
  const domain::Region* regency = regions_.Find(regency_code);
  if (regency == nullptr || regency->level != domain::RegionLevel::kRegency) {
    return Fail(Error::NotFound("Kabupaten/kota tidak ditemukan: " + std::string(regency_code)));
  }
  Dashboard out;
  out.regency_code = regency->code;
  out.regency_name = regency->name;
  out.as_of = TodayInWib(clock_);

  auto total = workers_.Count(regency_code);
  if (!total) return Fail(total.error());
  out.workers_total = *total;

  auto districts = workers_.CountByDistrict(regency_code);
  if (!districts) return Fail(districts.error());
  std::map<std::string, std::int64_t, std::less<>> by_district;
  for (const auto& row : *districts) by_district[row.code] = row.count;
  for (const auto& district : regions_.Children(regency_code)) {
    const auto it = by_district.find(district.code);
    out.by_district.push_back(
        {district.code, district.name, it == by_district.end() ? 0 : it->second});
    if (it != by_district.end()) by_district.erase(it);
  }
  // Codes not in the master data (a district code from an older list) still count.
  for (const auto& [code, count] : by_district) out.by_district.push_back({code, code, count});

  auto occupations = workers_.CountByOccupation(regency_code);
  if (!occupations) return Fail(occupations.error());
  for (const auto& row : *occupations) {
    const auto* occupation = domain::FindOccupation(row.code);
    out.by_occupation.push_back(
        {row.code, occupation ? std::string(occupation->label_id) : row.code, row.count});
  }
  std::stable_sort(out.by_occupation.begin(), out.by_occupation.end(),
                   [](const NamedCount& a, const NamedCount& b) { return a.count > b.count; });

  auto sexes = workers_.CountBySex(regency_code);
  if (!sexes) return Fail(sexes.error());
  out.by_sex = {{"L", "Laki-laki", sexes->male}, {"P", "Perempuan", sexes->female}};

  auto ages = workers_.CountByAgeBand(regency_code, out.as_of, kAgeBandLowerBounds);
  if (!ages) return Fail(ages.error());
  if (ages->younger > 0) {
    out.by_age_band.push_back({"<" + std::to_string(kAgeBandLowerBounds[0]), "", ages->younger});
  }
  for (const auto& band : ages->bands) {
    std::string label = std::to_string(band.min_age) +
                        (band.max_age < 0 ? "+" : "-" + std::to_string(band.max_age - 1));
    out.by_age_band.push_back({label, label, band.count});
  }
  if (ages->unknown > 0) out.by_age_band.push_back({"?", "Tidak diketahui", ages->unknown});
  return out;
}

Result<std::vector<RegencySummary>> DashboardService::Regencies() const {
  auto counts = workers_.CountsByRegency();
  if (!counts) return Fail(counts.error());
  std::vector<RegencySummary> out;
  for (const auto& row : *counts) {
    const auto* regency = regions_.Find(row.code);
    out.push_back({row.code, regency ? regency->name : row.code, row.count});
  }
  return out;
}

}  // namespace jaring::services
