#include "cli/migrate_command.hpp"

#include <cstdio>

#include "cli/db_option.hpp"

namespace jaring::cli {

void AddMigrateCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto db_url = std::make_shared<std::string>();
  auto* sub = root.add_subcommand("migrate", "Menerapkan migrasi basis data (apply migrations)");
  AddDbOption(*sub, *db_url);
  sub->callback([db_url, &env, &action] {
    ResolveDbUrl(env, *db_url);
    action = [db_url, &env]() -> Status {
      if (!env.open_backend) return Fail(Error::Internal("no database factory"));
      auto backend = env.open_backend(*db_url);
      if (!backend) return Fail(backend.error());
      auto report = (*backend)->Migrate();
      if (!report) return Fail(report.error());
      std::printf("migrate: %zu migration(s) applied now, schema version %d (%s)\n",
                  report->applied_now.size(), report->schema_version, report->engine.c_str());
      return {};
    };
  });
}

}  // namespace jaring::cli
