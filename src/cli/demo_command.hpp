// `jaring demo`: the demo data.
//   jaring demo --regency 35.14 --workers 28448 --seed 1 --out DIR [--as-of 2025-07-01]
//       writes the deterministic demo data set (roster, death and membership extracts, and the
//       truth about every planted problem) into DIR. See src/demo/demo.hpp.
//   jaring demo story --out DIR
//       writes the demo story (three regencies, their rosters, later extracts and the story's
//       truth files) into DIR. See src/demo/story.hpp and docs/demo.md.
//   jaring demo seed [--story] [--db URL] [--json]
//       seeds a database as `jaring serve --demo` (or --demo-story) does, without serving; a
//       JSON summary on stdout with --json, progress on stderr. Run by the composition root
//       (src/app), which opens the database with the clock the story needs.
#pragma once

#include <functional>
#include <string>

#include "cli/command.hpp"

namespace jaring::cli {

struct DemoSeedOptions {
  std::string db_url;  // resolved: --db, else JARING_DB, else Environment default
  bool story = false;
  bool json = false;
};

using DemoSeedFunction = std::function<Status(const DemoSeedOptions&)>;

void AddDemoCommand(CLI::App& root, const Environment& env, DemoSeedFunction seed,
                    CommandAction& action);

}  // namespace jaring::cli
