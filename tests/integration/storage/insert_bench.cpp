// Bulk-insert throughput of WorkerRepository::InsertMany on a throw-away database.
//   storage_insert_bench sqlite [ROWS]        a temporary SQLite file
//   storage_insert_bench postgresql [ROWS]    a fresh schema in JARING_TEST_PG
//                                             (scripts/with-postgres.sh sets it)
// ROWS defaults to 1,000,000. Prints the time of the one InsertMany call (generation of the
// rows is not counted), the CPU time this process spent in it (PostgreSQL's server work is
// not included; on a shared machine it shows what wall time would be without contention) and
// the time of the counts a dashboard asks for afterwards.
#include <libpq-fe.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "test_database.hpp"

namespace {

using namespace jaring;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU seconds (user + system) that the PostgreSQL server processes serving this database have
// used so far, from /proc; -1 when unknown. On a shared machine, wall time says little, and
// most of COPY's work happens in the server.
double ServerCpuSeconds(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return -1;
  }
  PGresult* result = PQexec(conn,
                            "SELECT pid FROM pg_stat_activity WHERE application_name = "
                            "current_setting('application_name') AND "
                            "pid <> pg_backend_pid()");
  double total = -1;
  if (PQresultStatus(result) == PGRES_TUPLES_OK) {
    total = 0;
    const long ticks = sysconf(_SC_CLK_TCK);
    for (int i = 0; i < PQntuples(result); ++i) {
      std::ifstream stat(std::string("/proc/") + PQgetvalue(result, i, 0) + "/stat");
      std::string line;
      std::getline(stat, line);
      // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
      std::istringstream rest(line.substr(line.rfind(')') + 2));
      std::string field;
      double utime = 0, stime = 0;
      for (int f = 3; f <= 15 && rest >> field; ++f) {
        if (f == 14) utime = std::stod(field);
        if (f == 15) stime = std::stod(field);
      }
      total += (utime + stime) / static_cast<double>(ticks);
    }
  }
  PQclear(result);
  PQfinish(conn);
  return total;
}

int Run(std::string_view engine_name, std::size_t rows) {
  const auto engine = engine_name == "postgresql" ? storage::testing::TestEngine::kPostgres
                                                  : storage::testing::TestEngine::kSqlite;
  auto scratch = storage::testing::ScratchDatabase::Create(engine);
  if (!scratch) {
    std::fprintf(stderr, "%s\n", scratch.error().ToString().c_str());
    return 1;
  }
  auto db = storage::OpenDatabase((*scratch)->url(), {});
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().ToString().c_str());
    return 1;
  }
  if (auto migrated = (*db)->Migrate(); !migrated) {
    std::fprintf(stderr, "%s\n", migrated.error().ToString().c_str());
    return 1;
  }
  const std::vector<std::string> regencies = {"35.14", "35.09", "35.13"};
  const auto workers = storage::testing::MakeWorkers(rows, 42, regencies);

  const bool postgres = engine == storage::testing::TestEngine::kPostgres;
  const double server_start = postgres ? ServerCpuSeconds((*scratch)->url()) : 0;
  const std::clock_t cpu_start = std::clock();
  const auto start = Clock::now();
  auto inserted = (*db)->Workers().InsertMany(workers);
  const auto inserted_at = Clock::now();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double server = postgres ? ServerCpuSeconds((*scratch)->url()) - server_start : 0;
  if (!inserted) {
    std::fprintf(stderr, "%s\n", inserted.error().ToString().c_str());
    return 1;
  }
  auto districts = (*db)->Workers().CountByDistrict("35.14");
  const auto counted_at = Clock::now();
  const int bounds[] = {17, 25, 35, 45, 55, 65};
  auto ages = (*db)->Workers().CountByAgeBand(
      "35.14", std::chrono::year_month_day{std::chrono::year{2025} / 9 / 24}, bounds);
  const auto aged_at = Clock::now();
  if (!districts || !ages) {
    std::fprintf(stderr, "count failed\n");
    return 1;
  }
  std::printf(
      "%s: InsertMany of %zu workers: %.2f s (%.0f rows/s; CPU: this process %.2f s, "
      "server %.2f s); CountByDistrict %.3f s; CountByAgeBand %.3f s\n",
      std::string((*db)->engine()).c_str(), *inserted, Seconds(inserted_at - start),
      static_cast<double>(*inserted) / Seconds(inserted_at - start), cpu, server,
      Seconds(counted_at - inserted_at), Seconds(aged_at - counted_at));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view engine = argc > 1 ? argv[1] : "sqlite";
  const std::size_t rows = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  if (engine != "sqlite" && engine != "postgresql") {
    std::fprintf(stderr, "usage: storage_insert_bench sqlite|postgresql [ROWS]\n");
    return 2;
  }
  return Run(engine, rows);
}
