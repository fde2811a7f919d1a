// `jaring policy add|show`: the law's rule versions from the command line (issue 13, item 1):
//
//   jaring policy add FILE [--as USERNAME] [--json]
//       adds every version of a policy file (docs/policy.md), or none; {"added":N,"ids":[...],
//       "defaults_stored":N} with --json. Exit 2 for a bad file or an overlap with a version
//       of the same family.
//   jaring policy show [--date YYYY-MM-DD] [--json]
//       the versions in force on the date (default: today), as a policy file with --json.
//
// --as names the jaring user who adds (audited; manage_policy: a province administrator).
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddPolicyCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
