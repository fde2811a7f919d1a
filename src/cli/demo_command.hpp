// `jaring demo --regency 35.14 --workers 28448 --seed 1 --out DIR [--as-of 2025-07-01]`:
// writes the deterministic demo data set (roster, death and membership extracts, and the truth
// about every planted problem) into DIR. See src/demo/demo.hpp.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddDemoCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
