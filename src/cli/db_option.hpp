// The --db option every database command shares, and how its default is resolved:
// --db URL, else the JARING_DB environment variable, else Environment::default_db_url.
#pragma once

#include <string>

#include "cli/command.hpp"

namespace jaring::cli {

void AddDbOption(CLI::App& command, std::string& db_url);
void ResolveDbUrl(const Environment& env, std::string& db_url);

}  // namespace jaring::cli
