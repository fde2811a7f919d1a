#include "cli/claim_command.hpp"

#include "cli/claim_case_command.hpp"
#include "cli/claim_quote_command.hpp"

namespace jaring::cli {

void AddClaimCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* claim = root.add_subcommand("claim", "Klaim JKM dan JKK untuk ahli waris");
  claim->require_subcommand(1);
  AddClaimQuoteSubcommand(*claim, env, action);
  AddClaimCaseSubcommands(*claim, env, action);
}

}  // namespace jaring::cli
