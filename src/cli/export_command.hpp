// `jaring export --regency CODE --out FILE.csv|FILE.xlsx [--db URL]`: the registry export the
// web app offers (every worker of the regency, every status), as CSV or XLSX by the file's
// extension, with the id each worker had in the list it came from (column source_id). The
// export is audited like a download from the web. A progress line goes to a terminal only.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddExportCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
