// `jaring serve`: options of the web server; the composition root (src/app) runs it. Each
// setting may also come from the environment or a configuration file (cli/serve_config.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "cli/command.hpp"

namespace jaring::cli {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string db_url;  // resolved: --db, else JARING_DB, else the file's, else Environment default
  std::string web_root = "web/dist";
  bool demo = false;        // seed the demo regency when the database has no workers
  bool demo_story = false;  // the demo story instead (implies demo; services/demo_story.hpp)
  int threads = 0;          // 0: four per core, 8 to 32 (app/serve.cpp)
  std::string log_level = "info";
  bool secure_cookies = false;  // mark the session cookie Secure on every response
  std::string data_dir;         // JARING_DATA_DIR for this process; empty: as the environment says
  std::string metrics_token;    // who may read /metrics (http/metrics.hpp); empty: loopback only
  std::string config_path;      // the file the settings came from, if any
  // The database pool and, on PostgreSQL, the bounds set on every connection (seconds; 0 turns
  // a bound off). docs/operations.md, "High availability on PostgreSQL".
  int db_pool_size = 0;                  // 0: threads + 2
  int db_acquire_timeout = 10;           // a request waits this long for a free connection
  int db_statement_timeout = 120;        // statement_timeout
  int db_lock_timeout = 30;              // lock_timeout
  int db_idle_in_transaction_timeout = 300;  // idle_in_transaction_session_timeout
};

using ServeFunction = std::function<Status(const ServeOptions&)>;

void AddServeCommand(CLI::App& root, const Environment& env, ServeFunction serve,
                     CommandAction& action);

}  // namespace jaring::cli
