// `jaring claim open|list|show|heirs|document|move|targets`: claim cases from the command line
// (issue 15). Added to the `claim` command by claim_command.cpp; `quote` lives beside it.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace jaring::cli {

void AddClaimCaseSubcommands(CLI::App& claim, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
