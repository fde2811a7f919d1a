#include "cli/version_command.hpp"

#include <cstdio>

namespace jaring::cli {

void AddVersionCommand(CLI::App& root, const Environment&, CommandAction& action) {
  auto* sub = root.add_subcommand("version", "Menampilkan versi (print the version)");
  sub->callback([&action] {
    action = [] {
      std::printf("jaring %s\n", kVersion);
      return Status{};
    };
  });
}

}  // namespace jaring::cli
