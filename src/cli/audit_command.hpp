// `jaring audit`: the audit trail's hash chain (issue 3, item 6; issue 17, item 6).
//
// verify [--anchor FILE]... [--db URL]
//     Checks the whole chain. Migrates the database first (a fresh one holds an empty, intact
//     chain). Exit 0 and "rantai audit utuh: N entri" when it holds; otherwise
//     FailedPrecondition (exit 5) naming the first broken entry's sequence and why. With
//     --anchor (services/audit_anchor.hpp), the anchored entry must also still be there with
//     the anchored hash: a history rewritten at or before it, hashes recomputed or not, is
//     ANCHOR_MISMATCH (exit 5). An anchor file that is missing is exit 3, one that is not an
//     anchor exit 2.
// anchor --out FILE [--db URL] [--json]
//     Verifies the chain and writes its head (sequence, hash, times, engine, database without
//     password) to FILE, to be kept outside the database. A broken chain is never anchored
//     (exit 5, no file).
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddAuditCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
