// `jaring import FILE --regency 35.14 --source "Dinas Pertanian" [--source-kind office|village]
//  [--village 35.14.01.2001] [--db URL] [--dry-run] [--json] [--quarantine-report PATH.xlsx]`
//
// Imports a village's or an office's list (CSV or XLSX) with services::ImportService. Prints a
// summary in Indonesian, or with --json exactly one JSON object on stdout:
//   {"read":N,"accepted":N,"quarantined":N,"updated":N,"unchanged":N,"issues":{"CODE":N,...}}
// and writes the quarantined rows (line, every original cell as text, reasons) to an .xlsx
// report, by default FILE's name with .karantina.xlsx beside it (in a dry run only when
// --quarantine-report is given). A progress bar appears on a terminal only (stderr).
// Exit 0 when the import ran, quarantined rows or not; 2 for an unreadable file, a missing
// required column or a bad option (InvalidArgument).
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddImportCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
