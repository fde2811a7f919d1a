#include "services/job_metrics.hpp"

#include "common/metrics.hpp"

namespace jaring::services {
namespace {

double Seconds(std::chrono::steady_clock::duration elapsed) {
  return std::chrono::duration<double>(elapsed).count();
}

}  // namespace

void CountImport(ImportMode mode, const Result<ImportReport>& report,
                 std::chrono::steady_clock::duration elapsed) {
  auto& registry = metrics::Process();
  const std::string mode_name = mode == ImportMode::kPreview ? "preview" : "commit";
  // ImportService reports a cancelled import (the job was discarded) by these details.
  const std::string outcome = report                                  ? "ok"
                              : report.error().details == "cancelled" ? "cancelled"
                                                                      : "failed";
  registry
      .GetCounter("jaring_imports_total", "Imports run by the server's jobs (preview: dry run)",
                  {{"mode", mode_name}, {"outcome", outcome}})
      .Add();
  registry
      .GetHistogram("jaring_import_duration_seconds", "Seconds an import ran",
                    {{"mode", mode_name}}, metrics::kJobBuckets)
      .Observe(Seconds(elapsed));
  if (report && mode == ImportMode::kCommit) {
    const char* help = "Rows of committed imports, accepted or quarantined";
    registry.GetCounter("jaring_import_rows_total", help, {{"outcome", "accepted"}})
        .Add(report->accepted);
    registry.GetCounter("jaring_import_rows_total", help, {{"outcome", "quarantined"}})
        .Add(report->quarantined);
  }
}

void CountVervalRun(const Result<VervalRunReport>& report,
                    std::chrono::steady_clock::duration elapsed) {
  auto& registry = metrics::Process();
  registry
      .GetCounter("jaring_verval_runs_total", "Verval runs started from the web",
                  {{"outcome", report ? "ok" : "failed"}})
      .Add();
  registry
      .GetHistogram("jaring_verval_run_duration_seconds", "Seconds a verval run took", {},
                    metrics::kJobBuckets)
      .Observe(Seconds(elapsed));
}

}  // namespace jaring::services
