#include "services/dashboard_service.hpp"

#include <algorithm>
#include <map>

#include "domain/occupation.hpp"
#include "services/settlement.hpp"

namespace jaring::services {

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
  out.registry_rows = out.workers_total = *total;
  if (settlements_ != nullptr) {
    auto newest = settlements_->Newest(regency_code);
    if (!newest) return Fail(newest.error());
    if (*newest) return FromSettled(std::move(out), **newest);
  }

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

Dashboard DashboardService::FromSettled(Dashboard out, const SettledSummary& settled) const {
  const SettledMonthView& m = settled.month;
  out.settled =
      SettledHeadline{m.period, m.version, static_cast<std::int64_t>(m.persons), m.settled_at};
  out.workers_total = static_cast<std::int64_t>(m.persons);
  auto counts = [&](const char* dimension) {
    const auto it = settled.breakdown.find(dimension);
    return it == settled.breakdown.end() ? std::map<std::string, std::uint64_t>() : it->second;
  };
  auto by_district = counts("district");
  for (const auto& district : regions_.Children(out.regency_code)) {
    const auto it = by_district.find(district.code);
    out.by_district.push_back(
        {district.code, district.name,
         it == by_district.end() ? 0 : static_cast<std::int64_t>(it->second)});
    if (it != by_district.end()) by_district.erase(it);
  }
  for (const auto& [code, n] : by_district) {
    out.by_district.push_back({code, code, static_cast<std::int64_t>(n)});
  }
  for (const auto& [code, n] : counts("occupation")) {
    const auto* occupation = domain::FindOccupation(code);
    out.by_occupation.push_back({code, occupation ? std::string(occupation->label_id) : code,
                                 static_cast<std::int64_t>(n)});
  }
  std::stable_sort(out.by_occupation.begin(), out.by_occupation.end(),
                   [](const NamedCount& a, const NamedCount& b) { return a.count > b.count; });
  const auto sex = counts("sex");
  auto n_of = [](const std::map<std::string, std::uint64_t>& m, const std::string& k) {
    const auto it = m.find(k);
    return it == m.end() ? std::int64_t{0} : static_cast<std::int64_t>(it->second);
  };
  out.by_sex = {{"L", "Laki-laki", n_of(sex, "L")}, {"P", "Perempuan", n_of(sex, "P")}};
  // Whole years on the month's last day into the dashboard's bands.
  std::int64_t younger = 0, unknown = 0;
  std::vector<std::int64_t> bands(std::size(kAgeBandLowerBounds), 0);
  for (const auto& [age, n] : counts("age")) {
    if (age == "?") {
      unknown += static_cast<std::int64_t>(n);
      continue;
    }
    const int years = std::stoi(age);
    if (years < kAgeBandLowerBounds[0]) {
      younger += static_cast<std::int64_t>(n);
      continue;
    }
    std::size_t band = 0;
    while (band + 1 < std::size(kAgeBandLowerBounds) && years >= kAgeBandLowerBounds[band + 1]) {
      ++band;
    }
    bands[band] += static_cast<std::int64_t>(n);
  }
  if (younger > 0) {
    out.by_age_band.push_back({"<" + std::to_string(kAgeBandLowerBounds[0]), "", younger});
  }
  for (std::size_t b = 0; b < bands.size(); ++b) {
    const bool last = b + 1 == bands.size();
    const std::string label = std::to_string(kAgeBandLowerBounds[b]) +
                              (last ? "+" : "-" + std::to_string(kAgeBandLowerBounds[b + 1] - 1));
    out.by_age_band.push_back({label, label, bands[b]});
  }
  if (unknown > 0) out.by_age_band.push_back({"?", "Tidak diketahui", unknown});
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
