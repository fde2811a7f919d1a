// Internal to demo: the generator behind GenerateDemo and GenerateDemoFiles.
//
// It hands roster rows to a callback in their final order (so a caller may stream them to disk
// or keep them) and builds the death and membership extracts and the truth on the side; those
// are a few percent of the roster and stay in memory.
#pragma once

#include <functional>

#include "common/progress.hpp"
#include "demo/demo.hpp"
#include "domain/region.hpp"
#include "domain/worker.hpp"

namespace jaring::demo::internal {

struct GeneratedExtras {
  std::vector<DeathRecord> deaths;
  std::vector<MemberRecord> members;
  DemoTruth truth;
  DemoSummary summary;
};

using RowSink = std::function<void(const domain::Worker&)>;

// Runs the whole generation for validated `options`. `sink` receives each roster row once, ids
// 1, 2, 3, ... in order. `progress` (optional) advances by roster rows.
GeneratedExtras Generate(const DemoOptions& options, const domain::RegionIndex& regions,
                         const RowSink& sink, Progress* progress);

}  // namespace jaring::demo::internal
