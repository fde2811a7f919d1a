// The --db option every database command shares, and how its default is resolved:
// --db URL, else the JARING_DB environment variable, else Environment::default_db_url.
#pragma once

#include <memory>
#include <string>

#include "cli/command.hpp"
#include "services/backend.hpp"

namespace jaring::cli {

void AddDbOption(CLI::App& command, std::string& db_url);
void ResolveDbUrl(const Environment& env, std::string& db_url);

// The backend of `db_url` through env.open_backend, with its schema brought up to date (a fresh
// database gets the whole schema rather than an error). Internal when main() set no factory.
Result<std::unique_ptr<services::Backend>> OpenBackend(const Environment& env,
                                                       const std::string& db_url);

}  // namespace jaring::cli
