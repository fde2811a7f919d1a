// VervalJobs: verval runs started from the web, each on a thread of its own, so that the page
// shows the run's progress instead of waiting on one long request (issue 12, item 2: "a button
// in the UI with progress").
//
//   VervalJobs jobs(verval);
//   auto job = jobs.Start("35.14", "2025-10", actor);  // running at once
//   ... jobs.Latest("35.14") ...                          // stage, fraction, then the report
//
// At most one run per regency at a time (a second Start is FailedPrecondition); runs of
// different regencies go side by side. Jobs live in memory: a restart forgets a finished job's
// view, never its result (the run is stored by VervalService). The destructor waits for running
// jobs. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "services/verval_service.hpp"

namespace jaring::services {

enum class VervalJobState { kRunning, kDone, kFailed };
std::string_view VervalJobStateCode(VervalJobState state);  // "running" | "done" | "failed"

struct VervalJobView {
  std::string regency_code, period, actor;
  VervalJobState state = VervalJobState::kRunning;
  std::string stage;    // the run's current stage ("read", "duplicate", ...)
  double fraction = 0;  // 0..1
  TimePoint started_at;
  std::optional<VervalRunReport> report;  // when done
  std::optional<Error> error;             // when failed
};

class VervalJobs {
 public:
  VervalJobs(VervalService& verval, const Clock& clock);
  ~VervalJobs();
  VervalJobs(const VervalJobs&) = delete;
  VervalJobs& operator=(const VervalJobs&) = delete;

  Result<VervalJobView> Start(std::string_view regency_code, std::string_view period,
                              const Actor& actor);
  // The regency's newest job, or nullopt.
  std::optional<VervalJobView> Latest(std::string_view regency_code) const;
  // Runs going on now (for /metrics).
  std::size_t Running() const;

 private:
  VervalService& verval_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, VervalJobView, std::less<>> jobs_;
  std::vector<std::jthread> threads_;
};

}  // namespace jaring::services
