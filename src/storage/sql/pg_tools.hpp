// Internal to storage/sql: PostgreSQL's client programs (pg_dump, pg_restore) as a backup runs
// them: where they are, how they connect, and running one to its end.
//
// A password never appears on a command line (other users see those in ps): the connection's
// URI is split into a conninfo string without it, given as --dbname, and the password, when the
// URI has one, as PGPASSWORD in the child's environment only.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage::sql {

struct PgConnection {
  std::string conninfo;  // key='value' pairs of the URI, password left out
  std::string password;  // "" when the URI has none (libpq's own ~/.pgpass etc. then apply)
};

// InvalidArgument when libpq cannot parse `url` (the message never repeats it).
Result<PgConnection> SplitPassword(const std::string& url);

// The program `name`: in $JARING_PG_BIN when set, else in the newest
// /usr/lib/postgresql/<major>/bin (where Debian's postgresql-client puts it, as
// scripts/with-postgres.sh finds the server), else on PATH. Unavailable when none is found,
// saying which package provides it.
Result<std::string> FindPgTool(std::string_view name);

struct ToolRun {
  int exit_code = 0;  // the program's exit status; 128 + N when killed by signal N
  std::string out;    // its standard output
  std::string err;    // the end of its standard error (at most 16 KiB)
};

// Runs `argv` (argv[0] a path) to its end with this process's environment plus PGPASSWORD when
// `password` is not empty, and PGCONNECT_TIMEOUT unless set. `tick` (may be empty) is called
// about five times a second while it runs. Unavailable when it cannot be started.
Result<ToolRun> RunTool(const std::vector<std::string>& argv, const std::string& password,
                        const std::function<void()>& tick = {});

// The last lines of a tool's standard error, for Error::details (libpq's messages name hosts
// and databases, never the password).
std::string ToolErrorTail(const ToolRun& run);

}  // namespace jaring::storage::sql
