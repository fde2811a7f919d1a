// `jaring claim`: claims of JKM and JKK benefits for heirs (issue 15). Each subcommand lives in
// its own file (claim_quote_command.hpp, ...); this one only gathers them.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddClaimCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
