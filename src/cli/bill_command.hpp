// `jaring bill`: the monthly bill of a program and its reconciliation with the BPJS invoice,
// from the command line (issue 14, items 1 and 2; scripts and checks use exactly these forms):
//
//   jaring bill --program ID --period YYYY-MM [--out FILE.xlsx] [--as USERNAME] --json
//       {"workers":N,"total":RUPIAH,"by_source":{"DBHCHT":RUPIAH,...},...}
//   jaring bill reconcile --program ID --period YYYY-MM --invoice FILE [--out FILE.csv] [--json]
//       {"lines":{"billed_not_listed":N,"listed_not_billed":N,"amount_differs":N,
//                 "dead_but_billed":N,"duplicate_billed":N},"id":N,...}
//   jaring bill resolve --invoice-id ID --line N --reason TEXT [--as USERNAME] [--json]
//
// `bill` issues the month's bill (a new version only when its figures changed) and, with --out,
// writes the finance office's workbook. `reconcile` compares the invoice file with the month's
// bill and stores the differences (CSV `kind,nik,kpj,billed,expected,...` with --out).
// Exit codes: 2 bad input (a refused invoice), 3 no such program or invoice, 5 the month not
// settled or not billed, or the line already resolved, 6 the --as user may not. See docs/bills.md.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddBillCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
