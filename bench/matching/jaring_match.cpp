// jaring-match: `dedupe` and `link` exactly as `jaring` runs them (see src/cli/match_commands.hpp),
// for benchmarks. Exit codes follow cli::ExitCodeFor.
#include <cstdio>
#include <exception>

#include "cli/match_commands.hpp"

int main(int argc, char** argv) {
  using namespace jaring;
  cli::Environment env;
  cli::CommandAction action;
  CLI::App root{"jaring-match: dedupe and link (benchmark driver)"};
  root.require_subcommand(1);
  cli::AddDedupeCommand(root, env, action);
  cli::AddLinkCommand(root, env, action);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    const Status status = action();
    if (!status) {
      std::fprintf(stderr, "jaring-match: %s (%s)\n", status.error().message.c_str(),
                   status.error().details.c_str());
      return cli::ExitCodeFor(status.error());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jaring-match: internal error: %s\n", e.what());
    return 1;
  }
  return 0;
}
