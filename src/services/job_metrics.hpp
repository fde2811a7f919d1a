// Job metrics: what imports and verval runs add to the process's metrics registry
// (common/metrics.hpp), exposed by `jaring serve` at /metrics (docs/operations.md).
//
//   jaring_imports_total{mode,outcome}            mode preview|commit; outcome ok|failed|cancelled
//   jaring_import_rows_total{outcome}             rows of committed imports: accepted|quarantined
//   jaring_import_duration_seconds{mode}          how long the import ran (histogram)
//   jaring_verval_runs_total{outcome}             ok|failed
//   jaring_verval_run_duration_seconds            how long the run took (histogram)
//
// Recorded by the jobs that run them for the server (ImportJobs, VervalJobs); a command-line
// import is another process, whose registry nobody reads. Counts only: no regency, no names.
#pragma once

#include <chrono>

#include "common/error.hpp"
#include "services/import_service.hpp"
#include "services/verval_service.hpp"

namespace jaring::services {

enum class ImportMode { kPreview, kCommit };

void CountImport(ImportMode mode, const Result<ImportReport>& report,
                 std::chrono::steady_clock::duration elapsed);
void CountVervalRun(const Result<VervalRunReport>& report,
                    std::chrono::steady_clock::duration elapsed);

}  // namespace jaring::services
