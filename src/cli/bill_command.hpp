// `jaring bill`: the monthly bill of a program from the command line (issue 14, item 1; scripts
// and checks use exactly this form):
//
//   jaring bill --program ID --period YYYY-MM [--out FILE.xlsx] [--as USERNAME] --json
//       {"workers":N,"total":RUPIAH,"by_source":{"DBHCHT":RUPIAH,...},...}
//
// Issues the month's bill (a new version only when its figures changed) and, with --out, writes
// the finance office's workbook (summary with the total in words, and the lines). Exit codes: 2
// bad input, 3 no such program, 5 the month not settled or no rule in force, 6 the --as user may
// not. See docs/bills.md.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddBillCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
