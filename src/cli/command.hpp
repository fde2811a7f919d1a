// How CLI subcommands plug into the `jaring` executable.
//
// Each subcommand lives in its own file and exposes one function:
//     void AddFooCommand(CLI::App& root, const Environment& env, CommandAction& action);
// It adds a CLI11 subcommand with its options and, in the subcommand's callback, stores the
// work to do in `action`. main() (src/app) runs `action` and maps a failed Status to an exit
// code in one place (ExitCodeFor below). Commands print results on stdout, progress and
// diagnostics on stderr, and never call exit() themselves.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "common/error.hpp"

namespace jaring::services {
class Backend;
}  // namespace jaring::services

namespace jaring::cli {

using CommandAction = std::function<Status()>;

// What the composition root (src/app) hands to commands: defaults and factories for the
// concrete adapters, so that cli/ never names an adapter itself.
struct Environment {
  std::string default_db_url = "sqlite:var/jaring.db";  // overridden by JARING_DB
  // Opens the database at a URL (sqlite:PATH, postgresql://...) with the services over it. Does
  // not migrate (Backend::Migrate / EnsureSchema). Unset in tools that need no database.
  std::function<Result<std::unique_ptr<services::Backend>>(const std::string& db_url)> open_backend;
};

// The one mapping from ErrorCode to process exit code.
//   0 ok, 2 invalid argument (also CLI usage errors), 3 not found, 4 already exists,
//   5 failed precondition, 6 permission denied, 7 unavailable, 1 internal.
int ExitCodeFor(const Error& error);

}  // namespace jaring::cli
