// `jaring migrate [--db URL]`: applies the database migrations and says which.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddMigrateCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
