// RunServer: wires storage, services and the HTTP server for `jaring serve`.
#pragma once

#include "cli/serve_command.hpp"
#include "cli/version_command.hpp"

namespace jaring::app {

Status RunServer(const cli::ServeOptions& options);

}  // namespace jaring::app
