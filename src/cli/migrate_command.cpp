#include "cli/migrate_command.hpp"

#include <cstdio>

#include "cli/db_option.hpp"
#include "storage/database.hpp"

namespace jaring::cli {

void AddMigrateCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto db_url = std::make_shared<std::string>();
  auto* sub = root.add_subcommand("migrate", "Menerapkan migrasi basis data (apply migrations)");
  AddDbOption(*sub, *db_url);
  sub->callback([db_url, &env, &action] {
    ResolveDbUrl(env, *db_url);
    action = [db_url]() -> Status {
      auto db = storage::OpenDatabase(*db_url);
      if (!db) return Fail(db.error());
      auto applied = (*db)->Migrate();
      if (!applied) return Fail(applied.error());
      auto all = (*db)->AppliedMigrations();
      if (!all) return Fail(all.error());
      std::printf("migrate: %zu migration(s) applied now, schema version %d (%s)\n",
                  applied->size(), all->empty() ? 0 : all->back(),
                  std::string((*db)->engine()).c_str());
      return {};
    };
  });
}

}  // namespace jaring::cli
