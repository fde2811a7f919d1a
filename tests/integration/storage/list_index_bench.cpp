// The registry list in memory (storage::ServeListsFromMemory) on an existing database: what a
// regency's index costs to load and to hold, and what a list and a refresh then take,
// in-process (no HTTP). Not a test.
//   storage_list_index_bench URL [REGENCY]      e.g. sqlite:bench/out/registry/db-1000000.sqlite
// Prints: the first list's time (the load of the regency's index), the process's resident
// memory before and after it (VmRSS, so the allocator's overhead counts), the time of a list
// after one worker's edit made through another Database (an incremental refresh) and after an
// InsertMany of one worker (a full load), p50 / p95 of a few lists and the dashboard's counts. The edit and the insert
// are written to the database: run it on a copy made for benchmarking.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/list_in_memory.hpp"

namespace {

using namespace jaring;
using Steady = std::chrono::steady_clock;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long RssKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: storage_list_index_bench URL [REGENCY]\n");
    return 2;
  }
  const std::string url = argv[1];
  const std::string regency = argc > 2 ? argv[2] : "35.14";
  auto db = storage::OpenDatabase(url, {});
  auto other = storage::OpenDatabase(url, {});
  if (!db || !other || !storage::ServeListsFromMemory(**db)) {
    std::fprintf(stderr, "open failed\n");
    return 1;
  }
  if (auto migrated = (*db)->Migrate(); !migrated) {
    std::fprintf(stderr, "%s\n", migrated.error().ToString().c_str());
    return 1;
  }
  auto find = [&](const storage::WorkerQuery& q) {
    const auto start = Steady::now();
    auto page = (*db)->Workers().Find(regency, q);
    const double ms = Ms(Steady::now() - start);
    if (!page) {
      std::fprintf(stderr, "%s\n", page.error().ToString().c_str());
      std::exit(1);
    }
    return std::pair(ms, *page);
  };
  const long rss_before = RssKib();
  auto [load_ms, first] = find({.limit = 50, .exact_total_up_to = 10'000});
  const long rss_after = RssKib();
  std::printf("first list (loads the index): %.0f ms; VmRSS %ld -> %ld MiB (+%ld MiB); the index "
              "holds %.1f MiB for %zu workers\n",
              load_ms, rss_before / 1024, rss_after / 1024, (rss_after - rss_before) / 1024,
              static_cast<double>(storage::ListIndexBytes(**db, regency)) / (1 << 20),
              static_cast<std::size_t>((*db)->Workers().Count(regency).value_or(-1)));
  struct Named {
    const char* name;
    storage::WorkerQuery query;
  };
  std::vector<Named> lists = {
      {"sort name", {.limit = 50, .exact_total_up_to = 10'000}},
      {"sort -updated_at", {.sort = storage::WorkerSort::kUpdatedAt, .descending = true,
                            .limit = 50, .exact_total_up_to = 10'000}},
      {"occupation nelayan + birth date",
       {.filter = {.occupation = "nelayan"}, .sort = storage::WorkerSort::kBirthDate,
        .limit = 50, .exact_total_up_to = 10'000}},
      {"status meninggal (none)",
       {.filter = {.status = domain::WorkerStatus::kDeceased}, .limit = 50,
        .exact_total_up_to = 10'000}},
      {"page 200", {.offset = 9'950, .limit = 50, .exact_total_up_to = 10'000}},
      {"name prefix Sit + birth date",
       {.filter = {.name = "Sit"}, .sort = storage::WorkerSort::kBirthDate, .limit = 50,
        .exact_total_up_to = 10'000}},
  };
  for (const Named& list : lists) {
    std::vector<double> times;
    for (int i = 0; i < 20; ++i) times.push_back(find(list.query).first);
    std::ranges::sort(times);
    std::printf("%-34s p50 %6.1f ms  p95 %6.1f ms\n", list.name, times[10], times[18]);
  }
  {
    const int bounds[] = {17, 25, 35, 45, 55, 65};
    const std::chrono::year_month_day today{std::chrono::year{2026}, std::chrono::month{12},
                                            std::chrono::day{1}};
    std::vector<double> times;
    for (int i = 0; i < 10; ++i) {
      const auto start = Steady::now();
      if (!(*db)->Workers().CountByDistrict(regency) ||
          !(*db)->Workers().CountByOccupation(regency) || !(*db)->Workers().CountBySex(regency) ||
          !(*db)->Workers().CountByAgeBand(regency, today, bounds)) {
        return 1;
      }
      times.push_back(Ms(Steady::now() - start));
    }
    std::ranges::sort(times);
    std::printf("%-34s p50 %6.1f ms  max %6.1f ms\n", "dashboard's four counts", times[5],
                times[9]);
  }
  // One edit through another Database: the next list refreshes the stamped row only.
  auto record = (*other)->Workers().GetRecord(regency, first.items.front().worker.id);
  if (!record || !(*other)->Workers().Update(record->worker)) return 1;
  auto [refresh_ms, refreshed] = find({.limit = 50, .exact_total_up_to = 10'000});
  std::printf("list after an edit by another connection: %.1f ms\n", refresh_ms);
  // A bulk insert of one worker: the next list loads the regency afresh.
  domain::Worker copy = record->worker;
  copy.nik = "9" + copy.nik.substr(1);
  if (!(*other)->Workers().InsertMany(std::span(&copy, 1))) return 1;
  auto [reload_ms, reloaded] = find({.limit = 50, .exact_total_up_to = 10'000});
  std::printf("list after an InsertMany by another connection (full load): %.0f ms; VmRSS %ld MiB\n",
              reload_ms, RssKib() / 1024);
  (void)refreshed;
  (void)reloaded;
  return 0;
}
