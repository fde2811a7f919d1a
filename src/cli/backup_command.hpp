// `jaring backup --out FILE [--db URL] [--json]` and `jaring restore FILE --db URL [--json]`
// (issue 17, item 6; services/backup_service.hpp, docs/operations.md).
//
// backup   writes a consistent copy of the database while it stays in use (SQLite's online
//          backup; PostgreSQL's pg_dump custom format) and prints what the copy holds: engine,
//          bytes, schema version, audit chain head, workers, rows per table. Does not migrate.
// restore  loads such a file into an empty database of the same engine (--db is required: a
//          restore never falls back to JARING_DB or the default), migrates it, verifies the
//          audit chain and prints the same figures for the restored copy.
// Exit codes as everywhere (cli/command.hpp): 3 no such file, 2 not a jaring backup,
// 5 the other engine's backup, a target that is not empty, a newer schema, a broken chain.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddBackupCommands(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
