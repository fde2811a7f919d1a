// demo-roster WORKERS SEED DIR: the `jaring demo --regency 35.14` files (roster, deaths,
// members, truth/) from the same generator, for the matching benchmarks.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "demo/demo.hpp"
#include "domain/region.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: demo-roster WORKERS SEED DIR\n");
    return 2;
  }
  jaring::demo::DemoOptions options;
  options.workers = std::atoll(argv[1]);
  options.seed = std::strtoull(argv[2], nullptr, 10);
  auto summary =
      jaring::demo::GenerateDemoFiles(options, jaring::domain::RegionIndex::Embedded(), argv[3]);
  if (!summary) {
    std::fprintf(stderr, "demo-roster: %s\n", summary.error().ToString().c_str());
    return 1;
  }
  return 0;
}
