// `jaring payment`: payments to BPJS for a program's months and the arrears they leave (issue
// 14, item 3; scripts and checks use exactly these forms):
//
//   jaring payment add --program ID --period YYYY-MM --amount RUPIAH --date YYYY-MM-DD
//                      --reference TEXT [--source CODE] [--as USERNAME] [--json]
//   jaring payment list --program ID [--json]
//   jaring payment arrears --program ID [--as-of YYYY-MM-DD] [--limit N] [--out FILE.xlsx]
//                          [--json]
//       {"as_of":…,"limit_months":3,"workers_in_arrears":N,"warnings":N,"lapsed":N,
//        "outstanding":RUPIAH,"months":[…],"workers":[…]}
//
// --amount takes any of the house's notations ("Rp 16.800.000", "16.800.000", "16800000").
// Exit codes: 2 bad input, 3 no such program, 4 the reference used for another payment, 5 the
// month not billed or the payment larger than what is owed, 6 the --as user may not.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddPaymentCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
