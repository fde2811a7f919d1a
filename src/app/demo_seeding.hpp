// RunDemoSeed: the composition root's half of `jaring demo seed` (cli/demo_command.hpp): opens
// the database with the settable clock the demo story tells its months on (as `jaring serve`
// does), brings its schema up to date, and seeds the demo or the story, as serve --demo and
// --demo-story would, without serving.
#pragma once

#include "cli/demo_command.hpp"

namespace jaring::app {

Status RunDemoSeed(const cli::DemoSeedOptions& options);

}  // namespace jaring::app
