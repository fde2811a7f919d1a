// Seeding the demo story: what `make run` (jaring serve --demo-story) and `jaring demo seed
// --story` do on an empty database, so that a newcomer finds what jaring does after the
// registry: verval months settled, programs with their budgets, enrolment and cover, a bill
// paid, claims opened by verval, three regencies and their overlap for the province.
//
// The plan is demo::PlanStory (src/demo/story.hpp, docs/demo.md); this tells it through the
// same services the command line and the web use, acting as the demo accounts (each regency's
// operator and verifier, with their grants checked), in this order:
//   1. the three rosters stored in one transaction, only when the database has no workers
//      (checked under a lock in that transaction: two servers starting at once seed once);
//   2. the demo accounts (SeedDemoAccounts with the story's extra ones) when there are no users
//      (a database with users but without the accounts the story acts as is refused, with
//      FailedPrecondition, before anything is stored);
//   3. the programs; the first month of each regency: its extracts imported, verval run, every
//      finding decided as the plan's truth says, the month settled; a batch per program from it,
//      approved, answered by the "branch" (cover from the 1st of the second month);
//   4. the second month the same way (settling it opens the JKM cases of the covered dead),
//      each program's bill for it issued and paid; Probolinggo's PAK.
// The third month stays open: DemoExtracts (demo_extracts.hpp) offers its extracts.
//
// Time: the story happens on the dates of demo::StoryCalendar (July and August 2025). The
// database must have been opened with `data_clock` as its DatabaseOptions::clock (the source of
// the registry's timestamps); the story sets it to each step's moment and releases it before
// returning, so its runs, decisions, minutes, claims and audit entries carry the story's dates.
//
// Checks: the plan says who is covered, who dies covered and who the branch refuses; the
// seeding verifies each (coverage found, cases opened) and fails with Internal otherwise, so the
// truth files can never describe another story than the one stored. A failure after step 1
// leaves the rosters stored (each step is its own transaction, as a real regency's are):
// start again on an empty database. Takes under a minute on SQLite (docs/demo.md has the
// figures of both engines).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/settable_clock.hpp"
#include "domain/region.hpp"
#include "services/account_service.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct StoryProgramReport {
  std::int64_t id = 0;
  std::string name, funding;
  std::int64_t quota = 0;
  std::int64_t budget = 0;            // the newest budget line, rupiah
  std::int64_t selected = 0;          // persons in its batch
  std::int64_t covered = 0;           // coverage periods the answer started
  std::int64_t refused = 0;           // refused by the branch
  std::int64_t billed = 0, paid = 0;  // the second month, rupiah
};

struct StoryRegencyReport {
  std::string code, name;
  std::int64_t workers = 0;  // roster rows stored
  // Month -> what happened: findings by kind, decisions, persons settled, claims opened.
  struct Month {
    std::map<std::string, std::uint64_t> findings;
    std::uint64_t accepted = 0, rejected = 0;
    std::uint64_t persons = 0;
    int claims_opened = 0;
  };
  std::map<std::string, Month> months;
  std::vector<StoryProgramReport> programs;
};

struct StorySeedReport {
  bool seeded = false;                // false: the database had workers; nothing was done
  bool told_before = false;           // not seeded, and the workers are exactly the story's rosters
  std::vector<DemoAccount> accounts;  // created by this call
  std::vector<StoryRegencyReport> regencies;
  std::string open_month;  // the month left for a newcomer
  double seconds = 0;
};

// {"seeded":true,"told_before":false,"seconds":…,"open_month":"2025-09","accounts":[…],
//  "regencies":[{"code":…,"name":…,"workers":N,"months":{"2025-07":{"findings":{…},
//  "accepted":N,"rejected":N,"persons":N,"claims_opened":N},…},
//  "programs":[{"id":N,"quota":N,"budget":N,…}]}]}
nlohmann::ordered_json StorySeedReportToJson(const StorySeedReport& report);

// One line of progress ("Kab. Pasuruan: verval 2025-07 ..."), for a person watching.
using StoryProgress = std::function<void(const std::string& line)>;

Result<StorySeedReport> SeedDemoStoryIfEmpty(storage::Database& db, SettableClock& data_clock,
                                             const domain::RegionIndex& regions,
                                             const StoryProgress& progress = {});

// The story's accounts besides the demo regency's (SeedDemoAccounts): an operator and a
// verifier for each other story regency, and a pimpinan of the province (35), who sees every
// regency. Seeded with them only when the database has no users.
const std::vector<DemoAccount>& DemoStoryExtraAccounts();

}  // namespace jaring::services
