#include "app/serve.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>

#include "app/housekeeping.hpp"
#include "app/server_metrics.hpp"
#include "auth/roles.hpp"
#include "cards/key_file.hpp"
#include "common/clock.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "common/settable_clock.hpp"
#include "domain/region.hpp"
#include "http/api_routes.hpp"
#include "http/bill_routes.hpp"
#include "http/claim_routes.hpp"
#include "http/monev_routes.hpp"
#include "http/enrolment_routes.hpp"
#include "http/file_transfer.hpp"
#include "http/import_routes.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "http/verval_routes.hpp"
#include "services/account_service.hpp"
#include "services/audit_view.hpp"
#include "services/bill_service.hpp"
#include "services/card_service.hpp"
#include "services/claim_documents.hpp"
#include "services/claim_service.hpp"
#include "services/dashboard_service.hpp"
#include "services/demo_extracts.hpp"
#include "services/demo_seed.hpp"
#include "services/monev_service.hpp"
#include "services/demo_story.hpp"
#include "services/enrolment_service.hpp"
#include "services/extract_service.hpp"
#include "services/import_jobs.hpp"
#include "services/payment_service.hpp"
#include "services/policy_service.hpp"
#include "services/program_service.hpp"
#include "services/quarantine_service.hpp"
#include "services/reconciliation_service.hpp"
#include "services/registry_service.hpp"
#include "services/settlement.hpp"
#include "services/verval_jobs.hpp"
#include "services/verval_review.hpp"
#include "services/verval_service.hpp"
#include "storage/database.hpp"
#include "storage/list_in_memory.hpp"

namespace jaring::app {
namespace {

// The front end's folder: as configured; but the default (web/dist of a checkout) that is not
// there falls back to the one installed beside the program (<prefix>/share/jaring/web, where the
// Debian package puts it), so that an installed jaring started by hand finds its pages too.
std::string WebRoot(const std::string& configured) {
  if (configured != cli::ServeOptions{}.web_root || std::filesystem::exists(configured)) {
    return configured;
  }
  std::error_code ec;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return configured;
  const auto installed = program.parent_path().parent_path() / "share" / "jaring" / "web";
  return std::filesystem::exists(installed / "index.html", ec) ? installed.string() : configured;
}

}  // namespace

Status RunServer(const cli::ServeOptions& options) {
  SetUpLogging(options.log_level, LogFormat::kJson);
  // The card key and claim documents are found through JARING_DATA_DIR (cards/key_file.hpp,
  // services/claim_documents.hpp): a configured data_dir is set there before any thread starts.
  if (!options.data_dir.empty()) ::setenv("JARING_DATA_DIR", options.data_dir.c_str(), 1);
  spdlog::info(R"("event":"config","file":"{}","bind":"{}","port":{},"data_dir":"{}")",
               LogText(options.config_path), LogText(options.bind), options.port,
               LogText(options.data_dir));
  // Handlers run on the server's threads and mostly wait (PostgreSQL round trips, SQLite's
  // reads, a sign-in's argon2): with one thread per core, 200 users on PostgreSQL queued behind
  // the waits at half the CPU (the load test: docs/benchmarks.md, "Load"). Four per core, 8 to
  // 32; the database pool follows (threads + 2).
  const int threads =
      options.threads > 0
          ? options.threads
          : std::clamp(4 * static_cast<int>(std::thread::hardware_concurrency()), 8, 32);

  // The registry's timestamps come from this clock: the wall clock, but for the demo story,
  // which tells its months of 2025 on it before the server starts (services/demo_story.hpp).
  SettableClock data_clock;
  storage::DatabaseOptions db_options;
  db_options.pool_size = options.db_pool_size > 0 ? options.db_pool_size : threads + 2;
  db_options.lease_timeout = std::chrono::seconds(options.db_acquire_timeout);
  db_options.statement_timeout = std::chrono::seconds(options.db_statement_timeout);
  db_options.lock_timeout = std::chrono::seconds(options.db_lock_timeout);
  db_options.idle_in_transaction_timeout =
      std::chrono::seconds(options.db_idle_in_transaction_timeout);
  db_options.map_reads = true;
  db_options.clock = &data_clock;
  auto db = storage::OpenDatabase(options.db_url, db_options);
  if (!db) return Fail(db.error());
  // The registry list from memory (storage/sql/worker_list_cache.hpp, migration 0020).
  if (auto served = storage::ServeListsFromMemory(**db); !served) return Fail(served.error());
  auto applied = (*db)->Migrate();
  if (!applied) return Fail(applied.error());
  spdlog::info(R"("event":"migrated","engine":"{}","applied":{})", (*db)->engine(),
               applied->size());
  // Rows stored before migration 0005 have no name search key yet: compute it once here (an
  // index probe per regency when there is nothing to do).
  auto refreshed = storage::RefreshDerivedEverywhere((*db)->Workers());
  if (!refreshed) return Fail(refreshed.error());
  if (*refreshed > 0) {
    spdlog::info(R"("event":"search_keys_refreshed","rows":{})", *refreshed);
  }
  // Each regency's list index (ServeListsFromMemory) is loaded now, beside the start, instead of
  // by the regency's first list (seconds at 1,000,000 workers); a list asked for meanwhile waits
  // for that load. Stopping the server waits for the regency being loaded.
  std::jthread warm_lists([&database = **db](std::stop_token stop) {
    auto regencies = database.Workers().CountsByRegency();
    if (!regencies) return;
    for (const storage::CodeCount& regency : *regencies) {
      if (stop.stop_requested()) return;
      const auto start = std::chrono::steady_clock::now();
      if (auto loaded = database.Workers().CountBySex(regency.code); !loaded) {
        spdlog::warn(R"("event":"list_index_load_failed","regency":"{}")", regency.code);
        continue;
      }
      spdlog::info(R"("event":"list_index_loaded","regency":"{}","workers":{},"ms":{})",
                   regency.code, regency.count,
                   std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - start)
                       .count());
    }
  });

  SystemClock clock;
  const auto& regions = domain::RegionIndex::Embedded();
  std::vector<services::DemoAccount> demo_accounts;
  if (options.demo_story) {
    // The story: three regencies through two settled months, told before serving (under a
    // minute on SQLite, docs/demo.md), only on a database without workers. It makes the demo
    // accounts it acts through; a server that finds workers makes none, so two servers starting at
    // once on an empty database never race for them.
    auto story =
        services::SeedDemoStoryIfEmpty(**db, data_clock, regions, [](const std::string& line) {
          std::printf("jaring: demo story: %s\n", line.c_str());
          std::fflush(stdout);
        });
    if (!story) return Fail(story.error());
    if (story->seeded) {
      std::printf("jaring: demo story told in %.1f s; %s is left open for you on the Verval page\n",
                  story->seconds, story->open_month.c_str());
    } else if (!story->told_before) {
      std::printf(
          "jaring: the database already holds other workers, so no demo story was told (start "
          "on an empty database to see it)\n");
    }
    demo_accounts = std::move(story->accounts);
  } else if (options.demo) {
    auto seeded = services::SeedDemoIfEmpty(**db, regions);
    if (!seeded) return Fail(seeded.error());
    if (seeded->seeded) {
      std::printf("jaring: demo regency 35.14 (Kabupaten Pasuruan) seeded with %lld workers\n",
                  static_cast<long long>(seeded->workers_inserted));
    }
    // Demo accounts exist only in demo mode and only while the database has no users.
    auto accounts = services::SeedDemoAccounts(**db, regions, clock);
    if (!accounts) return Fail(accounts.error());
    demo_accounts = std::move(*accounts);
  }

  if (options.demo) {
    // Their password is printed because it is public anyway (it is in the source code).
    if (!demo_accounts.empty()) {
      std::printf("jaring: DEMO ONLY - accounts for trying the app, never for real data:\n");
      for (const auto& account : demo_accounts) {
        std::printf("jaring:   %-22s %-16s %s\n", account.username.c_str(),
                    std::string(auth::RoleDisplayName(account.role)).c_str(),
                    account.scope_code.c_str());
      }
      std::printf("jaring:   password (all demo accounts): %s\n",
                  std::string(services::kDemoPassword).c_str());
    }
  }

  services::AccountService accounts(**db, regions, clock);
  // Ended sessions and old failed sign-ins are deleted at start and hourly.
  Housekeeping housekeeping(accounts, std::chrono::hours(1));
  services::AuditTrail trail(clock);
  // Web imports parse and commit on their own threads (two at a time), never on the server's.
  services::ImportJobs import_jobs(**db, &trail, clock);
  services::QuarantineService quarantine(**db, &trail, clock);
  services::RegistryService registry(**db, trail, clock, {.regions = &regions});
  services::AuditView audit_view(**db, trail, regions);
  services::ExtractService extracts(**db, &trail, clock, &regions);
  services::VervalService verval(**db, &trail, clock, &regions);
  services::VervalJobs verval_jobs(verval, clock);  // runs on threads of their own
  services::VervalReview review(**db, &trail, clock);
  services::Settlement settlement(**db, &trail, clock, &regions);
  services::PolicyService policy(**db, &trail);
  services::ProgramService programs(**db, &trail, policy);
  services::EnrolmentService enrolment(**db, &trail, policy, clock);
  services::BillService bills(**db, &trail, policy, clock);
  services::ReconciliationService reconciliations(**db, &trail);
  services::PaymentService payments(**db, &trail, policy, clock);
  // Cards are signed with the key in $JARING_DATA_DIR (default var/), outside the database.
  services::CardService card_service(**db, &trail, clock, cards::KeyDirectory());
  // Claim dossier files live in $JARING_DATA_DIR/claim-documents, outside the database.
  services::ClaimService claims(**db, &trail, clock, services::claims::DocumentDirectory());
  services::MonevService monev(**db, regions, &trail, clock, &claims);
  // The dashboard's figures: the newest settled month's persons, never rows, once there is one.
  services::DashboardService dashboard((*db)->Workers(), regions, clock, &settlement);
  http::Router router(http::MakeAuthenticator(accounts));
  http::ApiContext api;
  api.version = cli::kVersion;
  api.database_engine = std::string((*db)->engine());
  api.dashboard = &dashboard;
  api.accounts = &accounts;
  api.regions = &regions;
  // --secure-cookies (or JARING_SECURE_COOKIES=1): Secure even when the TLS proxy in front does
  // not send X-Forwarded-Proto.
  api.secure_cookies = options.secure_cookies;
  api.import_jobs = &import_jobs;
  api.quarantine = &quarantine;
  api.registry = &registry;
  api.audit_view = &audit_view;
  api.verval = &verval;
  api.verval_jobs = &verval_jobs;
  api.review = &review;
  api.settlement = &settlement;
  api.extracts = &extracts;
  api.programs = &programs;
  api.policy = &policy;
  api.enrolment = &enrolment;
  api.cards = &card_service;
  api.bills = &bills;
  api.reconciliations = &reconciliations;
  api.payments = &payments;
  api.claims = &claims;
  api.monev = &monev;
  std::optional<services::DemoExtracts> demo_extracts;
  if (options.demo) {
    demo_extracts.emplace(options.demo_story ? services::DemoExtracts::Mode::kStory
                                             : services::DemoExtracts::Mode::kRoster,
                          regions);
    api.demo = &*demo_extracts;
  }
  http::AddApiRoutes(router, api);
  http::StaticFiles static_files(WebRoot(options.web_root));
  if (!static_files.available()) {
    spdlog::warn(R"("event":"no_web_root","path":"{}")", LogText(options.web_root));
  }
  // /metrics (docs/operations.md): requests by route, jobs, queues and the pool.
  http::HttpMetrics http_metrics(metrics::Process(), {.token = options.metrics_token});
  const ServerGauges gauges(metrics::Process(), **db, import_jobs, verval_jobs, cli::kVersion);

  http::ServerOptions server_options;
  server_options.bind = options.bind;
  server_options.port = options.port;
  server_options.threads = threads;
  // List and extract uploads up to 100 MB, 413 beyond (claim documents: the service refuses
  // what passes 10 MB with its own message).
  server_options.large_body = [](http::Method method, std::string_view target) {
    return http::IsImportUpload(method, target) || http::IsExtractUpload(method, target) ||
           http::IsEnrolmentAnswerUpload(method, target) || http::IsInvoiceUpload(method, target) ||
           http::IsClaimDocumentUpload(method, target) ||
           http::IsClaimDecisionsUpload(method, target) || http::IsBoundariesUpload(method, target);
  };
  server_options.large_body_limit = http::kUploadLimit;
  server_options.metrics = &http_metrics;
  http::Server server(server_options, router, static_files);
  if (auto started = server.Start(); !started) return started;
  std::printf("jaring: serving http://%s:%u\n", options.bind.c_str(), server.port());
  std::fflush(stdout);
  server.Run();
  return {};
}

}  // namespace jaring::app
