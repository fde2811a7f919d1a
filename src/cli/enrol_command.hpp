// `jaring enrol batch|approve|answer|file|list|coverage`: enrolment (kepesertaan) from the
// command line, over the same services as the web app (issue 13, item 5; scripts and checks use
// exactly these forms):
//
//   jaring enrol batch --program ID --period YYYY-MM --out FILE.xlsx [--as USERNAME] [--json]
//       selects the batch from the settled month and writes its file    {"batch":N,"workers":N}
//   jaring enrol approve BATCH --as USERNAME [--json]      a verifier (decide) approves it
//   jaring enrol answer FILE --program ID [--as USERNAME] [--json]
//       imports the branch's answer   {"matched":N,"unknown":N,"rejected":N,"name_differs":N,...}
//   jaring enrol file BATCH --out FILE.xlsx [--as USERNAME]    the batch's file again
//   jaring enrol list --program ID [--json]                    the program's batches
//   jaring enrol coverage --regency CODE (--worker ID | --nik NIK) [--json]  coverage history
//
// Exit codes: 2 bad input (a month outside the program, an unreadable or wrong answer file, a
// KPJ for a person never enrolled), 3 no such program, batch or file, 5 a precondition (month
// not settled, batch not approved or approved already, nobody left to enrol), 6 the --as user
// may not. Nothing is half-stored. See docs/enrolment.md.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddEnrolCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
