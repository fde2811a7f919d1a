#include "services/verval_jobs.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/log.hpp"
#include "services/job_metrics.hpp"

namespace jaring::services {

std::string_view VervalJobStateCode(VervalJobState state) {
  switch (state) {
    case VervalJobState::kRunning:
      return "running";
    case VervalJobState::kDone:
      return "done";
    case VervalJobState::kFailed:
      return "failed";
  }
  return "failed";
}

VervalJobs::VervalJobs(VervalService& verval, const Clock& clock)
    : verval_(verval), clock_(clock) {}

VervalJobs::~VervalJobs() {
  std::vector<std::jthread> threads;
  {
    std::lock_guard lock(mutex_);
    threads.swap(threads_);
  }
  threads.clear();  // joins
}

Result<VervalJobView> VervalJobs::Start(std::string_view regency_code, std::string_view period,
                                        const Actor& actor) {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(regency_code);
  if (it != jobs_.end() && it->second.state == VervalJobState::kRunning) {
    return Fail(Error::FailedPrecondition("Verval kabupaten/kota ini sedang berjalan"));
  }
  VervalJobView view;
  view.regency_code = regency_code;
  view.period = period;
  view.actor = actor.name;
  view.stage = "read";
  view.started_at = clock_.Now();
  jobs_[std::string(regency_code)] = view;
  threads_.emplace_back(
      [this, regency = std::string(regency_code), period = std::string(period), actor,
       request_id = CurrentRequestId()] {
        const ScopedRequestId log_id(request_id);  // the run's lines name the request that began it
        auto progress = [&](std::string_view stage, double fraction) {
          std::lock_guard lock(mutex_);
          VervalJobView& job = jobs_[regency];
          job.stage = stage;
          job.fraction = fraction;
        };
        const auto started = std::chrono::steady_clock::now();
        auto report = verval_.Run({regency, period, actor, 0}, progress);
        const auto elapsed = std::chrono::steady_clock::now() - started;
        CountVervalRun(report, elapsed);
        std::lock_guard lock(mutex_);
        VervalJobView& job = jobs_[regency];
        if (report) {
          spdlog::info(R"("event":"verval_run_done","regency":"{}","period":"{}","ms":{})", regency,
                       period,
                       std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
          job.state = VervalJobState::kDone;
          job.fraction = 1;
          job.report = std::move(*report);
        } else {
          job.state = VervalJobState::kFailed;
          job.error = report.error();
          spdlog::warn(R"("event":"verval_run_failed","regency":"{}","error":"{}")", regency,
                       LogText(report.error().ToString()));
        }
      });
  return view;
}

std::size_t VervalJobs::Running() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(jobs_.begin(), jobs_.end(), [](const auto& entry) {
    return entry.second.state == VervalJobState::kRunning;
  }));
}

std::optional<VervalJobView> VervalJobs::Latest(std::string_view regency_code) const {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(regency_code);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

}  // namespace jaring::services
