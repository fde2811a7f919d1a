// Demo data: a realistic, deterministic regency worker list with the trouble real lists have,
// plus the civil-registry death extract and BPJS membership extract that the monthly
// verification checks it against, and a "truth" that names every planted problem.
//
// Used by `jaring demo` (writes CSV files) and by the server, which seeds its database from the
// same generator on first start. Output depends only on DemoOptions (seed, regency, size and
// the reference date), never on the clock or the machine: jaring::Random, no std
// distributions, no unordered iteration.
//
// What is planted (rates are of roster rows; see truth/README.md written beside the data):
//   duplicates   3 % of rows are a second entry of another row, with a variant (DuplicateKind)
//   bad NIKs     1.5 % of originals: wrong length, letters, serial 0000, bad date, district 00
//   Excel damage 1 % of originals: last digit rounded to 0, or "3.51401E+15"
//   deaths       about 1 % of people (more among the old), died within the year before as_of;
//                deaths.csv holds 4 times as many other deceased citizens of the regency
//   members      about 2.5 % already wage-earning BPJS members (PU), 1 % already BPU members;
//                members.csv holds twice as many members who are not on the roster
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/progress.hpp"
#include "domain/nik.hpp"
#include "domain/region.hpp"
#include "domain/worker.hpp"

namespace jaring::demo {

inline constexpr std::int64_t kMinWorkers = 1;
inline constexpr std::int64_t kMaxWorkers = 20'000'000;

struct DemoOptions {
  std::string regency_code = "35.14";  // Kabupaten Pasuruan
  std::int64_t workers = 28'448;       // roster rows, planted duplicates included
  std::uint64_t seed = 1;
  // The reference date: ages, death dates and KK issue dates are relative to it, so output
  // never depends on today. Years 2000-2100.
  std::chrono::year_month_day as_of{std::chrono::year{2025}, std::chrono::July,
                                    std::chrono::day{1}};
  // The first NIK serial handed out for a birth date and sex in a district outside the regency
  // (people born elsewhere), 1-9000. `jaring demo` starts at 1, as a real registry would; the
  // demo story (story.hpp) gives each of its regencies a range of its own, so that rosters
  // generated independently never issue one NIK to two people (the regency's own districts
  // start at 1 in every roster, and no district is another story regency's own).
  int foreign_serial_from = 1;
};

// InvalidArgument "kode kabupaten tidak dikenal: 99.99" for a code that is not a regency of
// `regions`; InvalidArgument for workers outside [kMinWorkers, kMaxWorkers], an as_of outside
// 2000-2100 or a foreign_serial_from outside 1-9000.
Status ValidateOptions(const DemoOptions& options, const domain::RegionIndex& regions);

// A row of the civil-registry (Dukcapil) death extract.
struct DeathRecord {
  std::int64_t id = 0;  // 1-based row number in deaths.csv (ordered by death date)
  std::string nik;      // empty when the registry row lacks it
  std::string name;
  domain::Sex sex = domain::Sex::kMale;
  std::chrono::year_month_day birth_date{};
  std::chrono::year_month_day death_date{};
  std::string village_code;  // last domicile
};

enum class MemberSegment { kWageEarner, kNonWageEarner };  // "PU" / "BPU"
std::string_view ToCode(MemberSegment segment);

// A row of the BPJS Ketenagakerjaan membership extract.
struct MemberRecord {
  std::int64_t id = 0;  // 1-based row number in members.csv
  std::string nik;
  std::string name;  // BPJS writes names in capitals
  std::chrono::year_month_day birth_date{};
  std::string kpj;  // 11-digit membership number, unique
  MemberSegment segment = MemberSegment::kWageEarner;
};

// How the second entry of a planted duplicate differs from the first.
enum class DuplicateKind {
  kExact,         // "exact": entered twice as is (phone or address may be written differently)
  kSpelling,      // "spelling": old/new spelling (Soekarno/Sukarno, Djoko/Joko)
  kAbbreviation,  // "abbreviation": Muhammad -> Moch./M., Abdul -> Abd., Siti -> St., Nur/Noer
  kTitle,         // "title": a hajj title (H., Hj.) dropped or added
  kTokenOrder,    // "token_order": two name words swapped
  kTypo,          // "typo": one letter mistyped, dropped, doubled or swapped
  kShortName,     // "short_name": same NIK, an everyday short name (Suparman/Parman)
  kNikDigit,      // "nik_digit": same name, one NIK digit dropped (bad) or changed (valid)
  kNikExcel,      // "nik_excel": same name, the copy's NIK damaged by Excel
};
std::string_view ToCode(DuplicateKind kind);

// How a roster person's row in deaths.csv differs from the roster.
enum class DeathMatchKind {
  kExact,        // "exact": same NIK and name
  kNameVariant,  // "name_variant": same NIK, name written differently
  kMissingNik,   // "missing_nik": NIK blank in the extract; name, birth date and village agree
};
std::string_view ToCode(DeathMatchKind kind);

struct PlantedDuplicate {
  std::int64_t id_a = 0;  // the first entry (smaller id)
  std::int64_t id_b = 0;  // the second entry
  DuplicateKind kind = DuplicateKind::kExact;
};
struct PlantedDeath {
  std::int64_t roster_id = 0;  // both entries of a duplicated person are listed
  std::int64_t death_id = 0;
  DeathMatchKind kind = DeathMatchKind::kExact;
};
struct PlantedMember {
  std::int64_t roster_id = 0;  // both entries of a duplicated person are listed
  std::int64_t member_id = 0;
  MemberSegment segment = MemberSegment::kWageEarner;
};
struct PlantedBadNik {
  std::int64_t roster_id = 0;
  // The planted damage. ParseNik reports it (for kExcelRounded: when told the value came from a
  // number cell, which is what happened to it).
  domain::NikIssue reason = domain::NikIssue::kLength;
};

// Everything planted, each list sorted by its first id.
struct DemoTruth {
  std::vector<PlantedDuplicate> duplicates;
  std::vector<PlantedDeath> deaths;
  std::vector<PlantedMember> members;
  std::vector<PlantedBadNik> bad_niks;
};

// Counts for the one-line summary and truth/README.md.
struct DemoSummary {
  std::int64_t roster_rows = 0;
  std::int64_t households = 0;
  std::int64_t death_rows = 0;
  std::int64_t member_rows = 0;
  std::int64_t duplicates = 0;
  std::int64_t bad_niks = 0;  // truth rows, Excel damage included
  std::int64_t planted_deaths = 0;
  std::int64_t planted_members = 0;
};

struct DemoData {
  DemoOptions options;
  std::vector<domain::Worker> roster;  // id = row number, source "demo", status kActive
  std::vector<DeathRecord> deaths;
  std::vector<MemberRecord> members;
  DemoTruth truth;
  DemoSummary summary;
};

// Generates everything in memory. Fails only on invalid options (see ValidateOptions).
// Takes about a microsecond per roster row; `progress` (optional) advances by roster rows.
Result<DemoData> GenerateDemo(const DemoOptions& options, const domain::RegionIndex& regions,
                              Progress* progress = nullptr);

// Writes roster.csv, deaths.csv, members.csv and truth/{duplicates,deaths,members,bad_nik}.csv
// plus truth/README.md into `dir`, creating it. Errors: PermissionDenied / NotFound /
// Unavailable from the file system, with the path in the message.
Status WriteDemo(const DemoData& data, const std::filesystem::path& dir);

// One extract's file as WriteDemo writes it (deaths.csv, members.csv), byte for byte.
std::string DeathsCsv(const std::vector<DeathRecord>& deaths);
std::string MembersCsv(const std::vector<MemberRecord>& members);

// Generates and writes the same files as WriteDemo(GenerateDemo(...)) (byte for byte), but
// streams the roster to disk instead of holding it: for millions of rows. Validates the
// options and that `dir` can be created and written before generating anything.
Result<DemoSummary> GenerateDemoFiles(const DemoOptions& options,
                                      const domain::RegionIndex& regions,
                                      const std::filesystem::path& dir,
                                      Progress* progress = nullptr);

}  // namespace jaring::demo
