#include "storage/sql/codec.hpp"

#include <cstdio>

#include "domain/region.hpp"

namespace jaring::storage::sql {

std::chrono::year_month_day YearsBefore(std::chrono::year_month_day reference, int years) {
  std::chrono::year_month_day shifted = reference - std::chrono::years{years};
  if (!shifted.ok()) {  // only 29 February in a common year
    shifted = std::chrono::year_month_day_last{shifted.year(),
                                               std::chrono::month_day_last{shifted.month()}};
  }
  return shifted;
}

std::string FormatTimestamp(TimePoint time) {
  using namespace std::chrono;
  const auto micros = time_point_cast<microseconds>(time);
  const auto day = floor<days>(micros);
  const year_month_day date{day};
  const hh_mm_ss clock{micros - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()),
                static_cast<long long>(clock.subseconds().count()));
  return buffer;
}

std::string DistrictOf(std::string_view village_code) {
  // "PP.RR.DD.VVVV": the district code is the first three dotted parts.
  if (domain::LevelOfCode(village_code) != domain::RegionLevel::kVillage) return {};
  return std::string(village_code.substr(0, 8));
}

bool IsRegencyCode(std::string_view code) {
  return domain::LevelOfCode(code) == domain::RegionLevel::kRegency;
}

Status CheckRegency(std::string_view regency_code) {
  if (IsRegencyCode(regency_code)) return {};
  return Fail(Error::InvalidArgument("kode kabupaten/kota tidak sah", "expected NN.NN"));
}

}  // namespace jaring::storage::sql
