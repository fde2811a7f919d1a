#include "app/server_metrics.hpp"

#include <array>
#include <chrono>

namespace jaring::app {
namespace {

constexpr std::array kFamilies = {"jaring_build_info", "jaring_process_start_time_seconds",
                                  "jaring_import_jobs", "jaring_import_jobs_queued",
                                  "jaring_verval_jobs_running"};

constexpr std::array kJobStates = {services::JobState::kParsing, services::JobState::kPreview,
                                   services::JobState::kCommitting, services::JobState::kDone,
                                   services::JobState::kFailed};

}  // namespace

ServerGauges::ServerGauges(metrics::Registry& registry, storage::Database& db,
                           services::ImportJobs& imports, services::VervalJobs& verval,
                           std::string_view version)
    : registry_(registry) {
  registry.AddGauge("jaring_build_info", "The running jaring: version and database engine",
                    {{"version", std::string(version)}, {"engine", std::string(db.engine())}},
                    [] { return 1.0; });
  const double started =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  registry.AddGauge("jaring_process_start_time_seconds", "When this server started (Unix time)", {},
                    [started] { return started; });
  for (const auto state : kJobStates) {
    registry.AddGauge("jaring_import_jobs", "Web import jobs held, by state",
                      {{"state", std::string(services::JobStateCode(state))}}, [&imports, state] {
                        const auto use = imports.Use();
                        const auto it = use.by_state.find(state);
                        return it == use.by_state.end() ? 0.0 : static_cast<double>(it->second);
                      });
  }
  registry.AddGauge("jaring_import_jobs_queued", "Web import jobs waiting for a worker thread", {},
                    [&imports] { return static_cast<double>(imports.Use().queued); });
  registry.AddGauge("jaring_verval_jobs_running", "Verval runs going on", {},
                    [&verval] { return static_cast<double>(verval.Running()); });
}

ServerGauges::~ServerGauges() {
  for (const char* family : kFamilies) registry_.RemoveFunctions(family);
}

}  // namespace jaring::app
