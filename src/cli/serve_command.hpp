// `jaring serve`: options of the web server; the composition root (src/app) runs it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "cli/command.hpp"

namespace jaring::cli {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string db_url;  // resolved: --db, else JARING_DB, else Environment default
  std::string web_root = "web/dist";
  bool demo = false;        // seed the demo regency when the database has no workers
  bool demo_story = false;  // the demo story instead (implies demo; services/demo_story.hpp)
  int threads = 0;          // 0: four per core, 8 to 32 (app/serve.cpp)
  std::string log_level = "info";
  bool secure_cookies = false;  // mark the session cookie Secure on every response
};

using ServeFunction = std::function<Status(const ServeOptions&)>;

void AddServeCommand(CLI::App& root, const Environment& env, ServeFunction serve,
                     CommandAction& action);

}  // namespace jaring::cli
