#include "app/demo_seeding.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "auth/roles.hpp"
#include "common/clock.hpp"
#include "common/settable_clock.hpp"
#include "domain/region.hpp"
#include "services/account_service.hpp"
#include "services/demo_seed.hpp"
#include "services/demo_story.hpp"
#include "storage/database.hpp"

namespace jaring::app {

Status RunDemoSeed(const cli::DemoSeedOptions& options) {
  SettableClock data_clock;
  storage::DatabaseOptions db_options;
  db_options.clock = &data_clock;
  auto db = storage::OpenDatabase(options.db_url, db_options);
  if (!db) return Fail(db.error());
  if (auto applied = (*db)->Migrate(); !applied) return Fail(applied.error());
  const auto& regions = domain::RegionIndex::Embedded();
  SystemClock clock;

  nlohmann::ordered_json out;
  std::vector<services::DemoAccount> created;
  if (options.story) {
    // The story makes the accounts it acts through, and only when it is told (two seeders
    // starting at once on an empty database never race for them), as `jaring serve` does.
    auto story =
        services::SeedDemoStoryIfEmpty(**db, data_clock, regions, [](const std::string& line) {
          std::fprintf(stderr, "jaring: demo story: %s\n", line.c_str());
        });
    if (!story) return Fail(story.error());
    created = story->accounts;
    out = services::StorySeedReportToJson(*story);
  } else {
    auto seeded = services::SeedDemoIfEmpty(**db, regions);
    if (!seeded) return Fail(seeded.error());
    auto accounts = services::SeedDemoAccounts(**db, regions, clock);
    if (!accounts) return Fail(accounts.error());
    created = *accounts;
    out["seeded"] = seeded->seeded;
    out["workers"] = seeded->workers_inserted;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& a : created) {
      list.push_back(
          {{"username", a.username}, {"role", auth::RoleCode(a.role)}, {"scope", a.scope_code}});
    }
    out["accounts"] = list;
  }
  if (options.json) {
    std::printf("%s\n", out.dump().c_str());
    return {};
  }
  std::printf("demo: %s\n", out.value("seeded", false)
                                ? "basis data diisi"
                                : "basis data sudah berisi pekerja; tidak ada yang diubah");
  for (const auto& a : created) {
    std::printf("demo:   %-24s %-16s %s\n", a.username.c_str(),
                std::string(auth::RoleDisplayName(a.role)).c_str(), a.scope_code.c_str());
  }
  if (!created.empty()) {
    std::printf("demo:   password (all demo accounts): %s\n",
                std::string(services::kDemoPassword).c_str());
  }
  return {};
}

}  // namespace jaring::app
