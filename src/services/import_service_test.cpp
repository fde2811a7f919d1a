// ImportService over a real database: SQLite always, PostgreSQL when JARING_TEST_PG is set
// (scripts/with-postgres.sh sets it; `make test` always does). Files come from the demo
// generator and tests/data/intake.
#include "services/import_service.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "demo/demo.hpp"
#include "domain/nik.hpp"
#include "integration/storage/test_database.hpp"

namespace jaring::services {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const fs::path kDataDir = fs::path(JARING_SOURCE_DIR) / "tests" / "data";

class ImportServiceTest : public testing::TestWithParam<storage::testing::TestEngine> {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("jaring_import_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    fs::create_directories(dir_);
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    service_ = std::make_unique<ImportService>(*db_, &trail_, clock_);
  }
  void TearDown() override {
    service_.reset();
    db_.Close();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  ImportRequest Request() const {
    ImportRequest r;
    r.regency_code = "35.14";
    r.source = "Dinas Pertanian";
    r.actor = Actor::ForCli("tester");
    return r;
  }

  // Sniffs `file` (intake::SourceFile) and imports it with `service`.
  static Result<ImportReport> ImportFile(ImportService& service, const fs::path& file,
                                         const ImportRequest& request,
                                         const ImportService::QuarantineSink& sink = {}) {
    auto source = intake::SourceFile::Open(file);
    if (!source) return Fail(std::move(source.error()));
    return service.Import(*source, request, {}, sink);
  }

  std::int64_t WorkerCount() {
    auto n = db_->Workers().Count("35.14");
    EXPECT_TRUE(n) << n.error().ToString();
    return n.value_or(-1);
  }
  std::vector<storage::ImportBatch> Batches() {
    auto tx = db_->Begin();
    EXPECT_TRUE(tx);
    auto batches = (*tx)->Imports().ListBatches("35.14", 100);
    EXPECT_TRUE(batches);
    return batches.value_or(std::vector<storage::ImportBatch>{});
  }
  std::vector<storage::QuarantineRow> Quarantine(std::int64_t batch) {
    auto tx = db_->Begin();
    EXPECT_TRUE(tx);
    auto rows = (*tx)->Imports().ListQuarantine("35.14", batch, 0, 100'000);
    EXPECT_TRUE(rows);
    return rows.value_or(std::vector<storage::QuarantineRow>{});
  }

  // The demo roster of `n` rows, written to dir_/demo; its truth stays in memory.
  demo::DemoData Demo(std::int64_t n) {
    demo::DemoOptions options;
    options.workers = n;
    auto data = demo::GenerateDemo(options, domain::RegionIndex::Embedded());
    EXPECT_TRUE(data) << data.error().ToString();
    EXPECT_TRUE(demo::WriteDemo(*data, dir_ / "demo"));
    return std::move(*data);
  }

  // Reference date = the demo's and the messy file's as_of.
  FixedClock clock_{sys_days(year_month_day{2025y / July / 1d}) + hours(3)};
  AuditTrail trail_{clock_};
  fs::path dir_;
  storage::testing::MigratedDatabase db_;
  std::unique_ptr<ImportService> service_;
};

void ExpectConsistent(const ImportReport& r) {
  // Every row read is accounted for once: stored, unchanged, merged into an earlier row of the
  // file (the same person listed twice), or quarantined.
  EXPECT_EQ(r.accepted + r.unchanged + r.merged + r.quarantined, r.read);
  EXPECT_EQ(r.accepted, r.inserted + r.updated);
}

TEST_P(ImportServiceTest, DemoRosterImportReimportAndCorrection) {
  demo::DemoData data = Demo(2000);
  const fs::path roster = dir_ / "demo" / "roster.csv";

  std::set<std::uint64_t> quarantined_lines;
  auto first = ImportFile(*service_, roster, Request(), [&](const intake::RowOutcome& o) {
    quarantined_lines.insert(o.line);
    EXPECT_FALSE(o.issues.empty());
    EXPECT_FALSE(o.original_cells.empty());
  });
  ASSERT_TRUE(first) << first.error().ToString();
  ExpectConsistent(*first);
  EXPECT_EQ(first->read, 2000u);
  EXPECT_EQ(first->unchanged, 0u);
  EXPECT_EQ(first->updated, 0u);
  EXPECT_EQ(quarantined_lines.size(), first->quarantined);
  EXPECT_EQ(WorkerCount(), static_cast<std::int64_t>(first->accepted));

  // Every planted bad NIK is quarantined (line = id + 1: the header is line 1); a NIK that
  // Excel rounded to a valid-looking one ending in 0 is at least counted in the column check.
  ASSERT_FALSE(data.truth.bad_niks.empty());
  int rounded_but_valid = 0;
  for (const auto& bad : data.truth.bad_niks) {
    const auto line = static_cast<std::uint64_t>(bad.roster_id + 1);
    if (quarantined_lines.contains(line)) continue;
    EXPECT_EQ(bad.reason, domain::NikIssue::kExcelRounded) << "roster id " << bad.roster_id;
    ++rounded_but_valid;
  }
  EXPECT_LT(rounded_but_valid, static_cast<int>(data.truth.bad_niks.size()));

  auto batches = Batches();
  ASSERT_EQ(batches.size(), 1u);
  const storage::ImportBatch& batch = batches.front();
  EXPECT_EQ(batch.id, first->batch_id);
  EXPECT_EQ(batch.read, first->read);
  EXPECT_EQ(batch.accepted, first->accepted);
  EXPECT_EQ(batch.quarantined, first->quarantined);
  EXPECT_EQ(batch.issues, first->issues);
  EXPECT_EQ(batch.file_name, "roster.csv");
  EXPECT_EQ(batch.checksum.size(), 64u);
  EXPECT_EQ(batch.actor, "cli:tester");
  EXPECT_EQ(batch.header.front(), "id");
  auto stored_quarantine = Quarantine(batch.id);
  ASSERT_EQ(stored_quarantine.size(), first->quarantined);
  for (const auto& q : stored_quarantine) {
    EXPECT_TRUE(quarantined_lines.contains(q.line));
    auto issues = nlohmann::json::parse(q.issues_json);
    EXPECT_FALSE(issues.empty());
    EXPECT_EQ(q.original_cells.size(), 11u);
  }

  // Re-import: nothing changes.
  auto again = ImportFile(*service_, roster, Request());
  ASSERT_TRUE(again) << again.error().ToString();
  ExpectConsistent(*again);
  EXPECT_EQ(again->accepted, 0u);
  EXPECT_EQ(again->updated, 0u);
  EXPECT_EQ(again->unchanged, first->accepted);
  EXPECT_EQ(again->quarantined, first->quarantined);
  EXPECT_EQ(again->checksum, first->checksum);
  EXPECT_EQ(WorkerCount(), static_cast<std::int64_t>(first->accepted));
  // The bad rows are the first import's, still in its quarantine: not stored a second time.
  EXPECT_EQ(again->quarantined_before, first->quarantined);
  EXPECT_TRUE(Quarantine(again->batch_id).empty());
  EXPECT_EQ(Quarantine(first->batch_id).size(), first->quarantined);

  // A corrected file: one accepted row's name changed.
  std::string text = ReadFile(roster);
  auto first_worker = db_->Workers().List("35.14", 0, 1);
  ASSERT_TRUE(first_worker && !first_worker->empty());
  const domain::Worker before = first_worker->front();
  const std::string old_cell = "," + before.name_original + ",";
  const auto at = text.find(old_cell);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, old_cell.size(), ",Nama Pembetulan,");
  const fs::path corrected = dir_ / "roster_corrected.csv";
  WriteFile(corrected, text);
  auto fixed = ImportFile(*service_, corrected, Request());
  ASSERT_TRUE(fixed) << fixed.error().ToString();
  ExpectConsistent(*fixed);
  EXPECT_EQ(fixed->updated, 1u);
  EXPECT_EQ(fixed->accepted, 1u);
  EXPECT_EQ(fixed->unchanged, first->accepted - 1);
  EXPECT_EQ(fixed->quarantined_before, first->quarantined);
  EXPECT_TRUE(Quarantine(fixed->batch_id).empty());
  EXPECT_EQ(WorkerCount(), static_cast<std::int64_t>(first->accepted));
  auto after = db_->Workers().Get("35.14", before.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->name, "Nama Pembetulan");
  EXPECT_EQ(after->nik, before.nik);
  EXPECT_EQ(after->status, before.status);
  auto tx = db_->Begin();
  ASSERT_TRUE(tx);
  EXPECT_EQ(*(*tx)->Imports().LastBatchOf("35.14", before.id), std::optional(fixed->batch_id));
  tx->reset();

  EXPECT_EQ(Batches().size(), 3u);
  auto chain = trail_.Verify(*db_);
  ASSERT_TRUE(chain) << chain.error().ToString();
  EXPECT_TRUE(chain->ok());
  // Three import entries and one worker update.
  EXPECT_EQ(chain->entries_checked, 4);
}

TEST_P(ImportServiceTest, DryRunWritesNothing) {
  Demo(300);
  const fs::path roster = dir_ / "demo" / "roster.csv";
  ImportRequest request = Request();
  request.dry_run = true;
  auto dry = ImportFile(*service_, roster, request);
  ASSERT_TRUE(dry) << dry.error().ToString();
  ExpectConsistent(*dry);
  EXPECT_EQ(dry->read, 300u);
  EXPECT_GT(dry->accepted, 0u);
  EXPECT_EQ(dry->batch_id, 0);
  EXPECT_EQ(WorkerCount(), 0);
  EXPECT_TRUE(Batches().empty());

  request.dry_run = false;
  auto real = ImportFile(*service_, roster, request);
  ASSERT_TRUE(real);
  EXPECT_EQ(ReportToJson(*real).dump(), ReportToJson(*dry).dump());
  EXPECT_TRUE(ReportToJson(*real).dump().starts_with(R"({"read":300,"accepted":)"));
}

TEST_P(ImportServiceTest, MessyVillageListGivesTheExpectedCounts) {
  const auto expected =
      nlohmann::json::parse(ReadFile(kDataDir / "intake" / "messy_village_list.expected.json"));
  auto report = ImportFile(*service_, kDataDir / "intake" / "messy_village_list.csv", Request());
  ASSERT_TRUE(report) << report.error().ToString();
  ExpectConsistent(*report);
  EXPECT_EQ(report->read, expected["read"].get<std::uint64_t>());
  EXPECT_EQ(report->accepted, expected["accepted"].get<std::uint64_t>());
  EXPECT_EQ(report->quarantined, expected["quarantined"].get<std::uint64_t>());
  std::map<std::string, std::uint64_t> issues;
  for (const auto& [code, n] : expected["issues"].items()) issues[code] = n.get<std::uint64_t>();
  EXPECT_EQ(report->issues, issues);
  std::set<std::uint64_t> lines;
  for (const auto& q : Quarantine(report->batch_id)) lines.insert(q.line);
  std::set<std::uint64_t> expected_lines;
  for (const auto& [line, codes] : expected["quarantined_lines"].items()) {
    expected_lines.insert(std::stoull(line));
  }
  EXPECT_EQ(lines, expected_lines);
}

TEST_P(ImportServiceTest, AFailureBeforeCommitLeavesTheDatabaseAsBefore) {
  Demo(400);
  const fs::path roster = dir_ / "demo" / "roster.csv";
  ImportService failing(*db_, &trail_, clock_, {.chunk_rows = 50});
  failing.before_commit = [](storage::Transaction&, const ImportReport&) -> Status {
    return Fail(Error::Unavailable("injected crash"));
  };
  auto crashed = ImportFile(failing, roster, Request());
  ASSERT_FALSE(crashed);
  EXPECT_EQ(crashed.error().message, "injected crash");
  EXPECT_EQ(WorkerCount(), 0);
  EXPECT_TRUE(Batches().empty());
  auto chain = trail_.Verify(*db_);
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->entries_checked, 0);

  // Re-running completes it; a failing corrected re-import then changes nothing.
  auto done = ImportFile(*service_, roster, Request());
  ASSERT_TRUE(done) << done.error().ToString();
  const auto count = WorkerCount();
  EXPECT_EQ(count, static_cast<std::int64_t>(done->accepted));
  std::string text = ReadFile(roster);
  auto workers = db_->Workers().List("35.14", 0, 1);
  ASSERT_TRUE(workers && !workers->empty());
  const std::string old_cell = "," + workers->front().name_original + ",";
  text.replace(text.find(old_cell), old_cell.size(), ",Nama Lain,");
  WriteFile(dir_ / "corrected.csv", text);
  ASSERT_FALSE(ImportFile(failing, dir_ / "corrected.csv", Request()));
  EXPECT_EQ(WorkerCount(), count);
  EXPECT_EQ(db_->Workers().Get("35.14", workers->front().id)->name, workers->front().name);
  EXPECT_EQ(Batches().size(), 1u);
}

TEST_P(ImportServiceTest, RefusesUnreadableFilesAndMissingColumns) {
  auto missing = ImportFile(*service_, dir_ / "nope.csv", Request());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);

  WriteFile(dir_ / "no_nik.csv", "Nama,Alamat\nBudi,Dusun Krajan\n");
  auto no_nik = ImportFile(*service_, dir_ / "no_nik.csv", Request());
  ASSERT_FALSE(no_nik);
  EXPECT_EQ(no_nik.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_nik.error().message.find("NIK"), std::string::npos) << no_nik.error().message;

  WriteFile(dir_ / "broken.xlsx", std::string("PK\x03\x04", 4) + "not a zip at all");
  auto broken = ImportFile(*service_, dir_ / "broken.xlsx", Request());
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Batches().empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, ImportServiceTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::services
