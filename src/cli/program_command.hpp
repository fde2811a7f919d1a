// `jaring program add|revise|simulate|show`: a regency's programs from the command line, over
// the same services as the web app (issue 13; scripts and checks use exactly these forms):
//
//   jaring program add --regency CODE --name TEXT --funding DBHCHT[=SHARE,...] --budget RUPIAH
//       --from YYYY-MM --to YYYY-MM [--quota N] [--income RUPIAH] [--age-min N --age-max N]
//       [--as USERNAME] [--json]                  prints the id ({"id":N} with --json)
//   jaring program revise ID --budget RUPIAH --decree TEXT --date YYYY-MM-DD [--as USERNAME]
//       [--json]                                  {"id":N,"budget_line":N,"budget":RUPIAH}
//   jaring program simulate ID [--workers N] [--from YYYY-MM] [--json]
//       {"monthly_cost","whole_months","covered_until","workers_until_end","shortfall",...}
//   jaring program show ID [--json]               the program (docs/programs.md "HTTP API")
//
// SHARE is a percent ("DBHCHT=60,APBD=40"); one source alone pays 100 %. RUPIAH is whole rupiah,
// dots allowed ("2.800.000.000"). --budget of revise is the whole budget after the PAK. --age-max
// is the oldest age still eligible. --as names the jaring user the change is made by (audited;
// manage_programs in the program's regency, view_dashboard to simulate or show). Bad input exits
// 2, a rule of the law missing for the period 5; nothing is half-stored.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddProgramCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
