// `jaring extract import deaths|members FILE --regency CODE --period YYYY-MM [--db URL] [--json]`
//
// Imports the month's civil-registry death extract or BPJS membership extract (CSV or XLSX)
// with services::ExtractService. Prints a summary in Indonesian, or with --json one JSON object
// as the last line of stdout: {"read":N,"accepted":N,"quarantined":N,"unchanged":N}. Importing
// the same file again stores nothing and reports every row unchanged. A progress bar appears on
// a terminal only. Exit 2 for an unreadable file, a missing column or a bad option.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddExtractCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
