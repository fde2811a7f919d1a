// Serve settings: `jaring serve`'s settings from the command line, the environment and a
// configuration file, each setting taken from the first of these that has it (then the default):
//
//   1. the command line (--port 8081)
//   2. the environment (JARING_PORT=8081)
//   3. the file named by --config FILE (or JARING_CONFIG): "port = 8081"
//   4. the default
//
// The file: one `key = value` per line; blank lines and lines starting with # are ignored; a
// value may be written in double quotes (kept as it is inside them, so that it may hold a #
// or spaces at its ends); a key given twice, an unknown key, a line without `=` and a value the
// key does not take are refused, naming the line (InvalidArgument, exit 2). A file that is
// missing is NotFound (exit 3), one that cannot be read PermissionDenied (exit 6). The keys and
// their variables: ServeSettings() below; with their defaults in docs/operations.md;
// packaging/jaring.conf is the file the Debian package installs. An environment variable is
// checked like a file's value (JARING_PORT=abc is refused).
//
// metrics_token has no command-line option: a command line is visible to every user in `ps`.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "cli/serve_command.hpp"
#include "common/error.hpp"

namespace jaring::cli {

struct ServeSetting {
  std::string_view key;          // in the file: "log_level"
  std::string_view environment;  // "JARING_LOG_LEVEL"
  std::string_view option;       // "--log-level"; empty: none
  std::string_view help;         // one line, for docs and errors
};

std::span<const ServeSetting> ServeSettings();

// Reads an environment variable (std::getenv in jaring; a map in tests). nullopt: unset or empty.
using GetEnv = std::function<std::optional<std::string>(std::string_view name)>;
GetEnv ProcessEnvironment();

// Fills every setting of `options` that the command line did not give (`given` holds the keys
// that it did) from the environment, then from the file `config_path` (none when empty), else
// leaves the default already in `options`. `default_db_url` is the database when nothing names one.
Status ResolveServeSettings(ServeOptions& options, const std::set<std::string>& given,
                            const std::string& config_path, const std::string& default_db_url,
                            const GetEnv& getenv);

}  // namespace jaring::cli
