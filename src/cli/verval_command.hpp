// `jaring verval run|findings|decide|settle`: the monthly verification from the command line,
// over the same services as the web app (scripts and checks use exactly these forms):
//
//   jaring verval run --regency CODE --period YYYY-MM [--db URL] [--json]
//       last stdout line {"findings":{"duplicate":N,"died":N,...},"automatic":N,"to_review":N}
//   jaring verval findings --regency CODE --period YYYY-MM --out FILE.csv [--db URL]
//       header kind,worker,other,confidence,action,state
//   jaring verval decide --regency CODE --period YYYY-MM (--finding ID | --kind KIND | --all)
//       --accept|--reject|--defer --reason TEXT --as USERNAME [--survivor WORKER_ID]
//   jaring verval settle --regency CODE --period YYYY-MM --as USERNAME --minutes FILE.pdf
//       [--findings FILE.xlsx] [--json]          exit 5 while undecided blocking findings remain
//
// --as names the jaring user a decision or settlement is made by (audited as that user; the
// user must hold the `decide` permission in the regency). Progress bars on a terminal only.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddVervalCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
