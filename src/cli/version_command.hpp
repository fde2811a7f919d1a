// `jaring version`.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

inline constexpr const char* kVersion = "0.1.0";

void AddVersionCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
