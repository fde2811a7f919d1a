// Monitoring from the command line (issue 16):
//   jaring coverage --regency CODE [--period YYYY-MM] [--json]    a regency's figures
//   jaring coverage --province CODE [--period YYYY-MM] [--json]   the province's ranking
//   jaring target set|list                                        coverage targets per year
//   jaring denominator set|list|import                            denominators per year
//   jaring boundaries import FILE --regency CODE                  district boundaries (GeoJSON)
// Every command takes --db URL and --as USERNAME (acting as that user, permissions checked).
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddMonevCommands(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
