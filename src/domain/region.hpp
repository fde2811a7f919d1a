// Region: the Kemendagri administrative regions (province, regency/city, district, village) and
// an in-memory index over them.
//
// The master data is the npm package idn-area-data 4.0.1 (ODbL), embedded into the library at
// build time, so nothing about regions is typed by hand. Codes carry dots, as Kemendagri writes
// them: "35" (Jawa Timur), "35.14" (Kabupaten Pasuruan), "35.14.01" (a district),
// "35.14.01.2001" (a village). A NIK or KK carries the first three parts without dots ("351401");
// CompactRegionCode / ExpandRegionCode convert between the two forms.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::domain {

enum class RegionLevel { kProvince, kRegency, kDistrict, kVillage };

// "provinsi" | "kabupaten_kota" | "kecamatan" | "desa_kelurahan": stable codes for APIs.
std::string_view RegionLevelCode(RegionLevel level);

struct Region {
  std::string code;  // dotted Kemendagri code, e.g. "35.14.01"
  std::string name;  // as published: "Kabupaten Pasuruan", "Purwodadi", "Lebakrejo"
  RegionLevel level = RegionLevel::kProvince;
  std::string parent_code;  // "" for a province
};

// The level a well-formed dotted code denotes ("35" province, "35.14" regency, "35.14.01"
// district, "35.14.01.2001" village), or nullopt when the code is not of that shape. It says
// nothing about whether the region exists.
std::optional<RegionLevel> LevelOfCode(std::string_view dotted_code);

// "35.14.01" -> "351401". Returns "" when the code is malformed.
std::string CompactRegionCode(std::string_view dotted_code);
// "351401" -> "35.14.01"; accepts 2, 4, 6 or 10 digits. nullopt when malformed.
std::optional<std::string> ExpandRegionCode(std::string_view compact_code);

// How people write the region: "Provinsi Jawa Timur", "Kabupaten Pasuruan" / "Kota Pasuruan"
// (regency names already carry their kind), "Kecamatan Purwodadi", "Desa Lebakrejo" or
// "Kelurahan Pekuncen" (Kemendagri village codes 1xxx are kelurahan, 2xxx desa).
std::string DisplayName(const Region& region);
// True for a kelurahan (urban village, code serial 1xxx), false for a desa or another level.
bool IsKelurahan(const Region& region);

// Immutable index over all regions. Thread-safe for concurrent readers (it has no mutable
// state after construction). Lookups are binary searches over per-level vectors sorted by code,
// so all descendants of a region at one level are contiguous.
class RegionIndex {
 public:
  // The embedded idn-area-data master data, parsed on first use (thread-safe, once per
  // process; about 25 ms, see region_test). Aborts if the embedded data are corrupt (a build
  // bug, never an input error).
  static const RegionIndex& Embedded();

  // Loads the four CSV files of idn-area-data (headers `code,name`, `code,province_code,name`,
  // `code,regency_code,name`, `code,district_code,name`). Fails with InvalidArgument on a
  // malformed row, an unknown parent or a duplicate code; Unavailable if a file cannot be read.
  static Result<RegionIndex> LoadFromCsv(const std::filesystem::path& provinces_csv,
                                         const std::filesystem::path& regencies_csv,
                                         const std::filesystem::path& districts_csv,
                                         const std::filesystem::path& villages_csv);
  // The same from CSV text already in memory.
  static Result<RegionIndex> LoadFromText(std::string_view provinces_csv,
                                          std::string_view regencies_csv,
                                          std::string_view districts_csv,
                                          std::string_view villages_csv);

  // The region with this dotted code, or nullptr. (std::optional<const Region&> does not exist
  // in C++23; the pointer is valid as long as the index.)
  const Region* Find(std::string_view dotted_code) const;
  bool Exists(std::string_view dotted_code) const { return Find(dotted_code) != nullptr; }
  // The parent region, or nullptr for a province or an unknown code.
  const Region* Parent(std::string_view dotted_code) const;
  // Direct children sorted by code; "" gives all provinces. Empty for a village or unknown code.
  std::span<const Region> Children(std::string_view dotted_code) const;
  // All descendants of `dotted_code` at `level` (e.g. all villages of a regency), sorted by
  // code; "" means the whole country. Empty when level is not below the code's level.
  std::span<const Region> Within(std::string_view dotted_code, RegionLevel level) const;
  // Province, regency, ... down to the region itself; empty for an unknown code.
  std::vector<const Region*> Path(std::string_view dotted_code) const;
  // All regions of one level, sorted by code.
  std::span<const Region> All(RegionLevel level) const;
  std::size_t Count(RegionLevel level) const { return All(level).size(); }

  // Regions at `level` under `parent_code` ("" = anywhere) whose name matches `name` ignoring
  // case, spaces, punctuation and a leading kind word of that level ("Prov."/"Provinsi";
  // "Kab."/"Kabupaten"/"Kota", optionally followed by "Administrasi"; "Kec."/"Kecamatan"/
  // "Distrik"; "Desa"/"Ds."/"Kel."/"Kelurahan"/"Kampung"): "kec. purwodadi",
  // "PURWODADI" and "Purwo Dadi" all find Purwodadi, "Lebak Rejo" finds Lebakrejo. If the query
  // names a kind that tells regencies apart ("Kota Pasuruan" vs "Kab. Pasuruan"), only that
  // kind matches; plain "Pasuruan" returns both. Returns every candidate sorted by code, so the
  // caller can report "not found" (empty) and "ambiguous" (more than one).
  std::vector<const Region*> FindByName(std::string_view parent_code, RegionLevel level,
                                        std::string_view name) const;

  // The key FindByName compares: lower-case ASCII letters and digits only, the level's kind
  // word removed. NameKey(kDistrict, "Kec. Purwo Dadi") == "purwodadi".
  static std::string NameKey(RegionLevel level, std::string_view name);

 private:
  const std::vector<Region>& Level(RegionLevel level) const;

  std::vector<Region> provinces_, regencies_, districts_, villages_;
  // NameKey of each region, parallel to the vectors above.
  std::vector<std::string> province_keys_, regency_keys_, district_keys_, village_keys_;
};

}  // namespace jaring::domain
