// The demo story: three East Java regencies through two settled months of 2025, with the
// figures of the source articles, planned in memory before anything is stored.
//
// `jaring serve --demo-story` (services/demo_story.hpp) tells this plan through the real
// services, and `jaring demo story --out DIR` writes it as files (WriteStory), so the database
// and the truth files describe the same story by construction. Output depends on nothing but
// the code: each roster comes from the demo generator (demo.hpp) with its own seed, every
// choice below from a jaring::Random with a fixed seed.
//
// The regencies, verified in this order every month (kStoryRegencies):
//   35.14 Kabupaten Pasuruan     28,448 rows; one DBHCHT program, quota 28,448, Rp 2.8 bn
//   35.13 Kabupaten Probolinggo  27,400 rows; one DBHCHT program, quota 18,000, then a PAK
//                                raising its budget to pay for 24,250 (the quota itself has no
//                                revision in jaring: the plan states the planned 24,250)
//   35.23 Kabupaten Tuban        20,000 rows; DBHCHT for farming and tobacco, quota 12,779, and
//                                APBD for the other occupations, quota 7,221
// What the story plants besides each roster's own trouble (duplicates, bad NIKs, deaths,
// memberships: demo.hpp):
//   cross-regency persons  300 persons of one regency's roster entered again by another
//                          (same NIK, sex and birth date; the name now and then in another
//                          spelling), in place of one of that regency's clean rows; a third
//                          given up by the regency that verifies first, a third by the other
//                          one, a third kept by both (the overlap the province must see)
//   covered deaths         workers the story has die while covered: in August (settled, their
//                          JKM cases open by themselves) and in September (the month left open
//                          for a newcomer, in the extract the verval page offers)
//   the branch's refusals  a few persons the BPJS branch refuses in its answer
// Those the story picks (cross-regency persons, the dead, the refused) are "clean" originals of
// the tobacco sector aged 25-55: on no truth list, valid NIK, eligible for their program through
// the whole story, and ranked first by its priority, so that they are enrolled whatever the quota.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "demo/demo.hpp"
#include "domain/region.hpp"

namespace jaring::demo {

// The months: the first is verified on the roster as received, programs enrol from it and
// cover starts on the first day of the second, whose deaths open claims; the third is left
// open for a newcomer. The first is the month of DemoOptions::as_of.
inline constexpr std::string_view kStoryFirstMonth = "2025-07";
inline constexpr std::string_view kStorySecondMonth = "2025-08";
inline constexpr std::string_view kStoryOpenMonth = "2025-09";

// When each step happens (dates in Jakarta time; the seeding's clock shows them).
struct StoryCalendar {
  using ymd = std::chrono::year_month_day;
  static constexpr ymd kAccounts{std::chrono::year{2025}, std::chrono::June, std::chrono::day{30}};
  static constexpr ymd kPrograms{std::chrono::year{2025}, std::chrono::July, std::chrono::day{1}};
  static constexpr ymd kFirstExtracts{std::chrono::year{2025}, std::chrono::July,
                                      std::chrono::day{7}};
  static constexpr ymd kFirstSettled{std::chrono::year{2025}, std::chrono::July,
                                     std::chrono::day{10}};
  static constexpr ymd kBatch{std::chrono::year{2025}, std::chrono::July, std::chrono::day{14}};
  static constexpr ymd kApproved{std::chrono::year{2025}, std::chrono::July, std::chrono::day{15}};
  static constexpr ymd kAnswer{std::chrono::year{2025}, std::chrono::July, std::chrono::day{31}};
  static constexpr ymd kCoverFrom{std::chrono::year{2025}, std::chrono::August,
                                  std::chrono::day{1}};
  static constexpr ymd kSecondExtracts{std::chrono::year{2025}, std::chrono::August,
                                       std::chrono::day{8}};
  static constexpr ymd kSecondSettled{std::chrono::year{2025}, std::chrono::August,
                                      std::chrono::day{12}};
  static constexpr ymd kPaid{std::chrono::year{2025}, std::chrono::August, std::chrono::day{14}};
  static constexpr ymd kPak{std::chrono::year{2025}, std::chrono::August, std::chrono::day{20}};
};

// A PAK (Perubahan Anggaran Keuangan): the program's new whole budget and its decree. The
// quota it plans is stated here, not stored: jaring revises budgets, not quotas.
struct StoryRevision {
  std::int64_t budget = 0;  // rupiah
  std::string decree, date;
  std::int64_t planned_quota = 0;
};

struct StoryProgram {
  std::string name;
  std::string funding;  // the one funding source (100 %): "DBHCHT", "APBD"
  std::int64_t budget = 0;
  std::string budget_decree, budget_decree_date;  // the DPA
  std::string from{kStoryFirstMonth}, to = "2025-12";
  std::int64_t quota = 0;
  std::vector<std::string> occupations;  // empty: every occupation the law allows
  std::optional<StoryRevision> revision;
};

// A worker the story has die while covered (by the program `program` of the regency).
struct CoveredDeath {
  std::string period;  // the month whose death extract reports it
  std::int64_t roster_id = 0;
  std::int64_t death_id = 0;  // its row in that month's extract
  std::chrono::year_month_day death_date{};
  std::size_t program = 0;
};

// A person the BPJS branch refuses in its answer to the program's batch.
struct BranchRefusal {
  std::int64_t roster_id = 0;
  std::size_t program = 0;
  std::string reason;
};

struct StoryRegency {
  std::string name;        // "Kabupaten Probolinggo"
  std::string short_name;  // "Kab. Probolinggo"
  DemoData data;           // options, roster (cross-regency copies in place), the first month's
                           // extracts (deaths.csv, members.csv) and the generator's truth
  std::vector<StoryProgram> programs;
  // The death extract of each later month (kStorySecondMonth, kStoryOpenMonth); the membership
  // extract is data.members every month.
  std::map<std::string, std::vector<DeathRecord>, std::less<>> later_deaths;
  std::vector<CoveredDeath> covered_deaths;  // both later months
  std::vector<BranchRefusal> refusals;

  const std::string& code() const { return data.options.regency_code; }
  // The month's death extract: data.deaths for the first month, later_deaths otherwise.
  const std::vector<DeathRecord>& DeathsOf(std::string_view period) const;
  // The program a worker of this occupation belongs to (the first whose occupations hold it).
  std::optional<std::size_t> ProgramFor(std::string_view occupation) const;
};

// What the verifiers decide on the other_regency findings of a cross-regency person.
enum class CrossOutcome {
  kSourceRemoves,  // the regency that verifies first accepts: the person leaves its list
  kCopyRemoves,    // the first rejects (the person works there), the other accepts
  kBothKeep,       // both reject: two regencies keep and enrol the same person
};
std::string_view ToCode(CrossOutcome outcome);  // "source_removes", "copy_removes", "both_keep"

struct CrossPerson {
  std::size_t source = 0, copy = 0;         // indexes of StoryPlan::regencies; source < copy
  std::int64_t source_id = 0, copy_id = 0;  // roster ids
  std::string nik;
  std::string variant;  // the copy's name: "same", "spelling", "abbreviation", "title"
  CrossOutcome outcome = CrossOutcome::kBothKeep;
};

// Two different people of two regencies whom the cross-regency check (services/cross_regency.hpp)
// cannot tell apart: rule 3 (same first 12 NIK digits and name key) or rule 4 (same name key,
// birth date and sex, one of them without a sound NIK). Common one-word names (Slamet,
// Mulyono) make a few of these among 75,000 generated people; when verval finds one, the
// story's verifier rejects it (two people), so both stay on their lists.
struct CrossCoincidence {
  std::size_t a = 0, b = 0;  // regencies, a < b
  std::int64_t id_a = 0, id_b = 0;
  int rule = 0;
};

struct StoryPlan {
  std::vector<StoryRegency> regencies;  // in the order they are verified each month
  std::vector<CrossPerson> cross;
  std::vector<CrossCoincidence> coincidences;

  const StoryRegency* Find(std::string_view regency_code) const;
};

// The story's regency codes, in order: 35.14, 35.13, 35.23.
const std::vector<std::string>& StoryRegencyCodes();
// Its roster rows by regency code (a database holding exactly these was told the story).
const std::map<std::string, std::int64_t, std::less<>>& StoryRosterRows();

// Plans the whole story (about a second: three rosters). Fails only when the region index
// lacks the regencies.
Result<StoryPlan> PlanStory(const domain::RegionIndex& regions);

// Writes the story as files into `dir` (created): README.md, per regency a folder named by its
// code with what WriteDemo writes (roster.csv, deaths.csv and members.csv of the first month,
// truth/) and deaths-YYYY-MM.csv of the later months, and truth/ with the story's own files
// (docs/demo.md). Errors as WriteDemo's.
Status WriteStory(const StoryPlan& plan, const std::filesystem::path& dir);

}  // namespace jaring::demo
