// ServerGauges: what `jaring serve` shows at /metrics besides requests (http/metrics.hpp), jobs
// (services/job_metrics.hpp) and the database pool (storage/sql/connection.cpp): read at each
// scrape from the objects the server runs on.
//
//   jaring_build_info{version,engine}            1
//   jaring_process_start_time_seconds            when this server started (Unix time)
//   jaring_import_jobs{state}                    web import jobs held, by state
//   jaring_import_jobs_queued                    of those, waiting for a worker thread
//   jaring_verval_jobs_running                   verval runs going on
//
// The gauges name objects of RunServer's scope: the destructor removes them again.
#pragma once

#include <string_view>

#include "common/metrics.hpp"
#include "services/import_jobs.hpp"
#include "services/verval_jobs.hpp"
#include "storage/database.hpp"

namespace jaring::app {

class ServerGauges {
 public:
  ServerGauges(metrics::Registry& registry, storage::Database& db, services::ImportJobs& imports,
               services::VervalJobs& verval, std::string_view version);
  ~ServerGauges();
  ServerGauges(const ServerGauges&) = delete;
  ServerGauges& operator=(const ServerGauges&) = delete;

 private:
  metrics::Registry& registry_;
};

}  // namespace jaring::app
