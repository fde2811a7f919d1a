// The monthly bill and its reconciliation at scale (issue 14, "Speed"); not a test:
//   bill-bench sqlite|postgresql [WORKERS] [WORK_DIR]
// (PostgreSQL: a fresh schema in JARING_TEST_PG, which scripts/with-postgres.sh sets.)
//
// Seeds a regency straight through the repositories (the seeding is not what is measured):
// WORKERS workers (default 1,000,000), a program funded 60/40 by two sources, one approved
// batch with a coverage period for every worker, and a settled October. Then times, through the
// real services:
//  1. BillService::Issue of October (a line per worker, split by source, stored);
//  2. ReconciliationService::Reconcile against an invoice CSV of about WORKERS lines written
//     from the bill, with 100 planted differences of each kind; the counts are checked.
// Prints each step's wall and this process's CPU time, and the peak memory at the end.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "domain/worker.hpp"
#include "services/audit_trail.hpp"
#include "services/bill_service.hpp"
#include "services/invoice_file.hpp"
#include "services/policy_service.hpp"
#include "services/reconciliation_service.hpp"
#include "storage/database.hpp"
#include "test_database.hpp"

namespace {

using namespace jaring;
using WallClock = std::chrono::steady_clock;

constexpr std::string_view kRegency = "35.14";

template <typename Body>
bool Timed(const char* what, Body&& body) {
  const std::clock_t cpu_start = std::clock();
  const auto start = WallClock::now();
  const bool ok = body();
  const double wall = std::chrono::duration<double>(WallClock::now() - start).count();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  std::printf("  %-62s %8.3f s  (CPU here %.2f s)%s\n", what, wall, cpu, ok ? "" : "  FAILED");
  std::fflush(stdout);
  return ok;
}

bool Report(const Status& status) {
  if (!status) std::fprintf(stderr, "%s\n", status.error().ToString().c_str());
  return status.has_value();
}
template <typename T>
bool Report(const Result<T>& result) {
  if (!result) std::fprintf(stderr, "%s\n", result.error().ToString().c_str());
  return result.has_value();
}

constexpr std::size_t kPlanted = 100;  // differences of each kind

// Workers, a program, a batch with everyone covered, and October settled; the last kPlanted
// workers died in September (off the list, not covered), for the invoice to bill anyway.
struct Seeded {
  std::int64_t program_id = 0;
  std::vector<std::string> dead_niks;
};

bool Seed(storage::Database& db, std::size_t n, Seeded& seeded) {
  const std::vector<std::string> regencies = {std::string(kRegency)};
  const auto workers = storage::testing::MakeWorkers(n, 42, regencies);
  auto tx = db.Begin();
  if (!Report(tx)) return false;
  auto& t = **tx;
  if (!Report(t.Workers().BeginBulkLoad(kRegency, n))) return false;
  if (!Report(t.Workers().InsertMany(workers))) return false;
  std::vector<std::int64_t> ids;
  std::unordered_map<std::int64_t, std::string> nik_of;
  ids.reserve(n);
  if (!Report(t.Verval().ForEachRegistryRecord(kRegency, [&](const storage::RegistryRecord& r) {
        ids.push_back(r.worker.id);
        nik_of.emplace(r.worker.id, r.worker.nik);
        return true;
      })))
    return false;
  std::vector<storage::WorkerStatusChange> deaths;
  for (std::size_t i = ids.size() - kPlanted; i < ids.size(); ++i) {
    storage::WorkerStatusChange d;
    d.worker_id = ids[i];
    d.change.status = domain::WorkerStatus::kDeceased;
    d.change.death_date = "2025-09-01";
    deaths.push_back(d);
    seeded.dead_niks.push_back(nik_of[ids[i]]);
  }
  if (!Report(t.Verval().ChangeWorkers(kRegency, deaths))) return false;
  ids.resize(ids.size() - kPlanted);
  storage::ProgramRecord program;
  program.regency_code = kRegency;
  program.name = "Bench DBHCHT/APBD 2025";
  program.fiscal_year = 2025;
  program.period_from = "2025-01";
  program.period_to = "2025-12";
  program.declared_income = 1'000'000;
  program.age_min = 15;
  program.age_max = 65;
  program.actor = "bench";
  program.funding = {{"DBHCHT", 6000}, {"APBD", 4000}};
  program.budget_lines = {{0, "original", 300'000'000'000, "", "", "bench", 0}};
  auto pid = t.Programs().Insert(program);
  if (!Report(pid)) return false;
  const std::int64_t program_id = seeded.program_id = *pid;
  storage::SettledMonth month;
  month.regency_code = kRegency;
  month.period = "2025-10";
  month.run_id = 1;
  month.actor = "bench";
  month.persons = ids.size();
  month.rows_listed = ids.size();
  month.checksum = "bench";
  auto settled = t.Verval().InsertSettled(month, ids);
  if (!Report(settled)) return false;
  storage::EnrolmentBatchRecord batch;
  batch.regency_code = kRegency;
  batch.program_id = program_id;
  batch.period = "2025-10";
  batch.settled_id = settled->id;
  batch.status = "created";  // stored as created; its answer below starts the coverage
  batch.workers = static_cast<std::int64_t>(ids.size());
  batch.actor = "bench";
  std::vector<storage::EnrolmentMemberRecord> members;
  members.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    storage::EnrolmentMemberRecord m;
    m.worker_id = ids[i];
    m.rank = static_cast<int>(i + 1);
    m.nik = nik_of[ids[i]];
    m.state = "matched";
    m.kpj = std::to_string(25'000'000'000LL + ids[i]);
    m.start_date = "2025-10-01";
    members.push_back(std::move(m));
  }
  auto batch_id = t.Enrolment().InsertBatch(batch, members);
  if (!Report(batch_id)) return false;
  storage::AnswerWrite write;
  write.answer.regency_code = kRegency;
  write.answer.program_id = program_id;
  write.answer.file_name = "bench.csv";
  write.answer.checksum = "bench";
  write.answer.actor = "bench";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    storage::CoverageRecord c;
    c.regency_code = kRegency;
    c.worker_id = ids[i];
    c.program_id = program_id;
    c.batch_id = *batch_id;
    c.kpj = members[i].kpj;
    c.start_date = "2025-10-01";
    c.end_date = "2025-12-31";
    c.start_reason = "enrolled";
    c.end_reason = "program_end";
    c.actor = "bench";
    write.coverage.push_back(std::move(c));
  }
  if (!Report(t.Enrolment().InsertAnswer(write))) return false;
  return Report(t.Commit());
}

// The invoice BPJS would send: every bill line, then kPlanted differences of each kind.
bool WriteInvoice(const std::vector<services::BillLineView>& lines, const Seeded& seeded,
                  const std::filesystem::path& out) {
  std::ofstream f(out, std::ios::binary);
  f << "NIK;No. KPJ;Nama;Periode;Jumlah Iuran\n";
  const std::size_t planted = kPlanted;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (i < planted) continue;  // listed_not_billed
    std::int64_t amount = l.amount.rupiah();
    if (i < 2 * planted) amount += 100;  // amount_differs
    f << l.nik << ';' << l.kpj << ';' << l.name << ";2025-10;" << amount << '\n';
    total += amount;
    if (i < 3 * planted && i >= 2 * planted) {  // duplicate_billed, a second KPJ
      f << l.nik << ";9" << l.kpj.substr(1) << ';' << l.name << ";2025-10;" << amount << '\n';
      total += amount;
    }
  }
  for (std::size_t i = 0; i < planted; ++i) {  // billed_not_listed: nobody we know
    f << "35149999" << 10'000'000 + i << ";777" << 10'000'000 + i << ";Orang Lain;2025-10;16800\n";
    total += 16'800;
  }
  for (std::size_t i = 0; i < seeded.dead_niks.size(); ++i) {  // dead_but_billed
    f << seeded.dead_niks[i] << ";888" << 10'000'000 + i << ";Almarhum;2025-10;16800\n";
    total += 16'800;
  }
  f << ";;TOTAL;;" << total << '\n';
  return static_cast<bool>(f);
}

long PeakKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bill-bench sqlite|postgresql [WORKERS] [WORK_DIR]\n");
    return 2;
  }
  const std::string engine_name = argv[1];
  const std::size_t n = argc > 2 ? std::stoul(argv[2]) : 1'000'000;
  const std::filesystem::path work = argc > 3 ? argv[3] : std::filesystem::temp_directory_path();
  const auto engine = engine_name == "postgresql" ? storage::testing::TestEngine::kPostgres
                                                  : storage::testing::TestEngine::kSqlite;
  auto scratch = storage::testing::ScratchDatabase::Create(engine);
  if (!Report(scratch)) return 1;
  SystemClock clock;
  auto db = storage::OpenDatabase((*scratch)->url(), {.clock = &clock});
  if (!Report(db)) return 1;
  if (!Report((*db)->Migrate())) return 1;
  std::printf("bill-bench %s, %zu workers\n", engine_name.c_str(), n);
  Seeded seeded;
  if (!Timed("seed (repositories, not measured by the goal)",
             [&] { return Seed(**db, n, seeded); }))
    return 1;
  const std::int64_t program = seeded.program_id;
  const auto billed = static_cast<std::int64_t>(n - kPlanted);
  services::AuditTrail trail(clock);
  services::PolicyService policy(**db, &trail);
  services::BillService bills(**db, &trail, policy, clock);
  services::ReconciliationService recon(**db, &trail);
  const auto actor = services::Actor::ForCli("bench");
  bool ok = Timed("bill of October: Issue (lines, split, stored)", [&] {
    auto bill = bills.Issue(kRegency, program, "2025-10", actor);
    if (!Report(bill)) return false;
    return bill->workers == billed && bill->total.rupiah() == billed * 16'800;
  });
  std::vector<services::BillLineView> lines;
  ok = ok && Timed("bill lines read back (to write the invoice; not measured)", [&] {
         auto read = bills.Lines(kRegency, program, "2025-10", actor);
         if (!Report(read)) return false;
         lines = std::move(*read);
         return true;
       });
  const auto invoice = work / "bench-invoice.csv";
  ok = ok && WriteInvoice(lines, seeded, invoice);
  lines = {};
  ok = ok && Timed("  of which reading the invoice file alone", [&] {
         return Report(
             services::ReadInvoiceFile(invoice, "bench-invoice.csv", domain::Period(2025, 10)));
       });
  ok = ok && Timed("reconcile against the invoice (read, compare, store)", [&] {
         auto result =
             recon.Reconcile({std::string(kRegency), program, "2025-10"}, invoice, "", actor);
         if (!Report(result)) return false;
         std::printf(
             "    lines: %lld billed_not_listed, %lld listed_not_billed, %lld amount_differs, "
             "%lld duplicate_billed, %lld dead_but_billed\n",
             static_cast<long long>(result->counts["billed_not_listed"]),
             static_cast<long long>(result->counts["listed_not_billed"]),
             static_cast<long long>(result->counts["amount_differs"]),
             static_cast<long long>(result->counts["duplicate_billed"]),
             static_cast<long long>(result->counts["dead_but_billed"]));
         for (const auto& [kind, count] : result->counts) {
           if (count != static_cast<std::int64_t>(kPlanted)) return false;
         }
         return true;
       });
  std::filesystem::remove(invoice);
  std::printf("  peak memory %.0f MB\n", PeakKb() / 1024.0);
  return ok ? 0 : 1;
}
