// Timings of VervalRepository's bulk paths on a throw-away database (not a test):
//   storage_verval_bench sqlite|postgresql [EXTRACT_ROWS [FINDINGS]]
// (PostgreSQL: a fresh schema in JARING_TEST_PG, which scripts/with-postgres.sh sets.)
// Defaults: 1,000,000 extract rows, 100,000 findings. Prints, each with wall and this process's
// CPU time (PostgreSQL's server work is not in the latter):
//  - SaveExtractRows of the rows in one transaction, with its commit, then a month's stream of
//    them (ForEachExtractRow) and a rewrite of a tenth of them (a newer version of the file);
//  - SaveFindings of the findings, then again (a re-run: every one exists, a fifth decided), the
//    review queue's first page (50, open findings to review, most certain first) overall and of
//    one kind, and CountFindings of the month.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "common/random.hpp"
#include "storage/database.hpp"
#include "test_database.hpp"

namespace {

using namespace jaring;
using storage::ExtractRow;
using storage::Finding;
using storage::FindingFilter;
using storage::FindingOrder;
using WallClock = std::chrono::steady_clock;

constexpr std::string_view kRegency = "35.14";

// Runs `body` (returning true on success) and prints its wall and CPU time.
template <typename Body>
bool Timed(const char* what, Body&& body) {
  const std::clock_t cpu_start = std::clock();
  const auto start = WallClock::now();
  const bool ok = body();
  const double wall = std::chrono::duration<double>(WallClock::now() - start).count();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  std::printf("  %-58s %9.3f s  (CPU here %.2f s)%s\n", what, wall, cpu, ok ? "" : "  FAILED");
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

std::vector<ExtractRow> MakeRows(std::size_t n, std::int64_t batch) {
  Random random(7);
  std::vector<ExtractRow> rows(n);
  for (std::size_t i = 0; i < n; ++i) {
    ExtractRow& r = rows[i];
    r.regency_code = std::string(kRegency);
    r.kind = "members";
    r.period = "2025-10";
    // Keys in no particular order, as a file lists its members (i * 7919 mod 10^8: distinct).
    r.row_key = "KPJ" + std::to_string(100'000'000 + (i * 7919) % 100'000'000);
    r.batch_id = batch;
    r.nik = "351401" + std::to_string(1'000'000'000 + random.Below(999'999'999));
    r.name = random.Chance(0.5) ? "Siti Ma'rufah" : "Moch. Sholeh bin Abdullah";
    r.sex = random.Chance(0.5) ? "L" : "P";
    r.birth_date = random.Chance(0.02) ? ""
                                       : "19" + std::to_string(50 + random.Below(50)) + "-0" +
                                             std::to_string(1 + random.Below(9)) + "-1" +
                                             std::to_string(random.Below(10));
    r.village_code = "35.14.0" + std::to_string(1 + random.Below(3)) + ".200" +
                     std::to_string(1 + random.Below(9));
    r.kpj = r.row_key;
    r.segment = random.Chance(0.8) ? "BPU" : "PBI";
  }
  return rows;
}

std::vector<Finding> MakeFindings(std::size_t n, std::int64_t run) {
  static constexpr const char* kKinds[] = {"duplicate", "died", "moved", "not_member", "aged_out"};
  Random random(11);
  std::vector<Finding> findings(n);
  for (std::size_t i = 0; i < n; ++i) {
    Finding& f = findings[i];
    f.regency_code = std::string(kRegency);
    f.period = "2025-10";
    f.kind = kKinds[random.Below(5)];
    f.subject = f.kind + ":" + std::to_string(i);
    f.worker_id = static_cast<std::int64_t>(i + 1);
    if (f.kind == "duplicate") f.other_worker_id = static_cast<std::int64_t>(i + 2);
    f.related_json = "[" + std::to_string(i + 1) + "," + std::to_string(i + 2) + "]";
    f.confidence = static_cast<double>(random.Below(1'000'000)) / 1'000'000;
    f.action = random.Chance(0.7) ? "automatic" : "review";
    f.proposal = "remove";
    f.evidence_json = R"({"nik":"same","name":0.93,"birth_date":"same","village":"differs"})";
    f.first_run_id = run;
    f.last_run_id = run;
  }
  return findings;
}

int Run(std::string_view engine_name, std::size_t extract_rows, std::size_t finding_count) {
  const auto engine = engine_name == "postgresql" ? storage::testing::TestEngine::kPostgres
                                                  : storage::testing::TestEngine::kSqlite;
  auto scratch = storage::testing::ScratchDatabase::Create(engine);
  if (!Report(scratch)) return 1;
  auto db = storage::OpenDatabase((*scratch)->url(), {});
  if (!Report(db) || !Report((*db)->Migrate())) return 1;
  std::printf("%s: %zu extract rows, %zu findings\n", std::string((*db)->engine()).c_str(),
              extract_rows, finding_count);

  // --- Extract rows ----------------------------------------------------------------------------
  std::vector<ExtractRow> rows;
  {
    auto tx = (*db)->Begin();
    if (!Report(tx)) return 1;
    storage::ExtractBatch batch{.regency_code = std::string(kRegency),
                                .kind = "members",
                                .period = "2025-10",
                                .checksum = std::string(64, 'a')};
    auto batch_id = (*tx)->Verval().InsertExtractBatch(batch);
    if (!Report(batch_id)) return 1;
    rows = MakeRows(extract_rows, *batch_id);
    if (!Timed("SaveExtractRows (insert)",
               [&] { return Report((*tx)->Verval().SaveExtractRows(rows)); }) ||
        !Timed("  commit", [&] { return Report((*tx)->Commit()); })) {
      return 1;
    }
  }
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  {
    auto tx = (*db)->Begin();
    if (!Report(tx)) return 1;
    if (!Timed("ForEachExtractRow (stream the month back)", [&] {
          return Report((*tx)->Verval().ForEachExtractRow(kRegency, "members", "2025-10",
                                                          [&](const ExtractRow& r) {
                                                            ids.push_back(r.id);
                                                            return true;
                                                          })) &&
                 ids.size() == rows.size();
        })) {
      return 1;
    }
    // A newer version of the month's file: every tenth row changed.
    std::vector<ExtractRow> changed;
    for (std::size_t i = 0; i < rows.size(); i += 10) {
      ExtractRow r = rows[i];
      r.id = ids[i];
      r.segment = "PBI-JK";
      changed.push_back(std::move(r));
    }
    const std::string what = "SaveExtractRows (rewrite " + std::to_string(changed.size()) + ")";
    if (!Timed(what.c_str(), [&] { return Report((*tx)->Verval().SaveExtractRows(changed)); }) ||
        !Report((*tx)->Commit())) {
      return 1;
    }
  }
  rows.clear();
  rows.shrink_to_fit();

  // --- Findings --------------------------------------------------------------------------------
  std::vector<Finding> findings = MakeFindings(finding_count, 1);
  std::vector<std::int64_t> finding_ids;
  {
    auto tx = (*db)->Begin();
    if (!Report(tx)) return 1;
    if (!Timed("SaveFindings (new)",
               [&] {
                 auto saved = (*tx)->Verval().SaveFindings(findings);
                 if (saved) finding_ids = *saved;
                 return Report(saved);
               }) ||
        !Timed("  commit", [&] { return Report((*tx)->Commit()); })) {
      return 1;
    }
  }
  {
    auto tx = (*db)->Begin();
    if (!Report(tx)) return 1;
    for (std::size_t i = 0; i < finding_ids.size(); i += 5) {
      if (!Report((*tx)->Verval().DecideFinding(kRegency, finding_ids[i], "open", "accepted",
                                                "bench", "", 1))) {
        return 1;
      }
    }
    for (Finding& f : findings) {
      f.last_run_id = 2;
      f.confidence = f.confidence * 0.99;
    }
    if (!Timed("SaveFindings (re-run: all exist, a fifth decided)",
               [&] { return Report((*tx)->Verval().SaveFindings(findings)); }) ||
        !Report((*tx)->Commit())) {
      return 1;
    }
  }
  {
    auto tx = (*db)->Begin();
    if (!Report(tx)) return 1;
    storage::VervalRepository& verval = (*tx)->Verval();
    FindingFilter queue{.period = "2025-10", .state = "open", .action = "review"};
    auto page = [&](const FindingFilter& filter, std::int64_t offset) {
      auto listed =
          verval.ListFindings(kRegency, filter, FindingOrder::kConfidenceDesc, offset, 50);
      return Report(listed) && listed->size() == 50;
    };
    Timed("queue, first page (first call)", [&] { return page(queue, 0); });
    Timed("queue, first page (again)", [&] { return page(queue, 0); });
    Timed("queue, page 21", [&] { return page(queue, 1000); });
    FindingFilter latest = queue;
    latest.run_id = 2;
    Timed("queue of the latest run, first page", [&] { return page(latest, 0); });
    queue.kind = "died";
    Timed("queue of one kind, first page", [&] { return page(queue, 0); });
    Timed("CountFindings of the month",
          [&] { return Report(verval.CountFindings(kRegency, {.period = "2025-10"})); });
    Timed("findings about one worker", [&] {
      auto listed = verval.ListFindings(kRegency, {.period = "2025-10", .worker_id = 5000},
                                        FindingOrder::kById, 0, 50);
      return Report(listed) && !listed->empty();
    });
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view engine = argc > 1 ? argv[1] : "sqlite";
  const std::size_t rows = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  const std::size_t findings = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 100'000;
  if (engine != "sqlite" && engine != "postgresql") {
    std::fprintf(stderr, "usage: storage_verval_bench sqlite|postgresql [ROWS [FINDINGS]]\n");
    return 2;
  }
  return Run(engine, rows, findings);
}
