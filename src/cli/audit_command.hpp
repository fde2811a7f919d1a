// `jaring audit verify [--db URL]`: checks the whole audit hash chain (issue 3, item 6).
// Migrates the database first (a fresh one holds an empty, intact chain). Exit 0 and
// "rantai audit utuh: N entri" when it holds; otherwise FailedPrecondition (exit 5)
// naming the first broken entry's sequence and why.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddAuditCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
