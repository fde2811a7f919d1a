// VervalRepository on both engines (issue 12): extracts, registry reads and changes, settings,
// runs, findings, labels and settled months round-trip every field, stay inside their regency,
// keep decisions across re-runs, and leave the transaction usable when a call fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

#include "domain/date_format.hpp"
#include "storage/database.hpp"
#include "test_database.hpp"

namespace jaring::storage {
namespace {

using testing::MakeWorkers;
using testing::ScratchDatabase;
using testing::TestEngine;

struct SqliteEngine {
  static constexpr TestEngine kEngine = TestEngine::kSqlite;
  static constexpr std::string_view kName = "sqlite";
};
struct PostgresEngine {
  static constexpr TestEngine kEngine = TestEngine::kPostgres;
  static constexpr std::string_view kName = "postgresql";
};

constexpr std::string_view kHome = "35.14";
constexpr std::string_view kOther = "35.09";

template <typename E>
class VervalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scratch = ScratchDatabase::Create(E::kEngine);
    if (!scratch) {
      if (storage::testing::MaySkip(scratch.error())) {
        GTEST_SKIP() << scratch.error().message;
      }
      GTEST_FAIL() << scratch.error().ToString();
    }
    scratch_ = std::move(*scratch);
    DatabaseOptions options;
    options.clock = &clock_;
    auto db = OpenDatabase(scratch_->url(), options);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto migrated = db_->Migrate();
    ASSERT_TRUE(migrated) << migrated.error().ToString();
  }
  void TearDown() override {
    db_.reset();
    scratch_.reset();
  }

  std::unique_ptr<Transaction> Begin() {
    auto tx = db_->Begin();
    EXPECT_TRUE(tx) << tx.error().ToString();
    return tx ? std::move(*tx) : nullptr;
  }

  static ExtractBatch Batch(std::string_view regency, std::string kind = "members",
                            std::string period = "2025-10") {
    ExtractBatch b;
    b.regency_code = std::string(regency);
    b.kind = std::move(kind);
    b.period = std::move(period);
    b.file_name = "kepesertaan 'oktober'.csv";
    b.checksum = std::string(64, 'b');
    b.actor = "web:sari";
    b.created_at_us = 1'760'000'000'000'001;
    b.header = {"NIK", "Nama", "KPJ", "Segmen"};
    return b;
  }

  static ExtractRow Row(std::string_view regency, std::int64_t batch, std::string key,
                        std::string period = "2025-10") {
    ExtractRow r;
    r.regency_code = std::string(regency);
    r.kind = "members";
    r.period = std::move(period);
    r.row_key = key;
    r.batch_id = batch;
    r.nik = "3514" + std::string(12, '1');
    r.name = "Siti Ma'rufah " + key;
    r.sex = "P";
    r.birth_date = "1980-02-29";
    r.village_code = "35.14.01.2001";
    r.kpj = "KPJ" + key;
    r.segment = "BPU";
    return r;
  }

  static std::vector<ExtractRow> Stream(Transaction& tx, std::string_view regency,
                                        std::string_view period = "2025-10") {
    std::vector<ExtractRow> out;
    auto done = tx.Verval().ForEachExtractRow(regency, "members", period, [&](const ExtractRow& r) {
      out.push_back(r);
      return true;
    });
    EXPECT_TRUE(done) << done.error().ToString();
    return out;
  }

  static Finding MakeFinding(std::string_view regency, std::string subject, std::int64_t worker,
                             std::int64_t run) {
    Finding f;
    f.regency_code = std::string(regency);
    f.period = "2025-10";
    f.kind = "duplicate";
    f.subject = std::move(subject);
    f.worker_id = worker;
    f.related_json = "[" + std::to_string(worker) + "]";
    f.confidence = 0.5;
    f.action = "review";
    f.proposal = "merge";
    f.evidence_json = R"({"score":0.5})";
    f.first_run_id = run;
    f.last_run_id = run;
    return f;
  }

  FixedClock clock_{std::chrono::sys_days(std::chrono::year_month_day{
                        std::chrono::year{2025}, std::chrono::October, std::chrono::day{20}}) +
                    std::chrono::hours(3) + std::chrono::microseconds(123'456)};
  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
};

using Engines = ::testing::Types<SqliteEngine, PostgresEngine>;
struct EngineNames {
  template <typename E>
  static std::string GetName(int) {
    return std::string(E::kName);
  }
};
TYPED_TEST_SUITE(VervalTest, Engines, EngineNames);

TYPED_TEST(VervalTest, ExtractBatchesRoundTripAndStayInTheirRegency) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  ExtractBatch october = this->Batch(kHome);
  auto id = v.InsertExtractBatch(october);
  ASSERT_TRUE(id) << id.error().ToString();
  october.id = *id;
  october.read = 10;
  october.accepted = 7;
  october.quarantined = 2;
  october.unchanged = 1;
  october.issues = {{"NIK_LENGTH", 2}};
  ASSERT_TRUE(v.FinishExtractBatch(october));
  ExtractBatch deaths = this->Batch(kHome, "deaths", "2025-11");
  deaths.created_at_us = 0;  // the clock's
  deaths.id = *v.InsertExtractBatch(deaths);
  deaths.created_at_us = 1'760'929'200'123'456;
  ASSERT_TRUE(v.InsertExtractBatch(this->Batch(kOther)));
  ASSERT_TRUE(tx->Commit());

  tx = this->Begin();
  auto all = tx->Verval().ListExtractBatches(kHome, "", 10);
  ASSERT_TRUE(all) << all.error().ToString();
  EXPECT_EQ(*all, (std::vector<ExtractBatch>{deaths, october}));  // newest first
  EXPECT_EQ(*tx->Verval().ListExtractBatches(kHome, "2025-10", 10),
            std::vector<ExtractBatch>{october});
  EXPECT_EQ(tx->Verval().ListExtractBatches(kHome, "", 1)->size(), 1u);
  EXPECT_EQ(tx->Verval().ListExtractBatches(kOther, "", 10)->size(), 1u);
  ExtractBatch foreign = october;
  foreign.regency_code = std::string(kOther);
  EXPECT_EQ(tx->Verval().FinishExtractBatch(foreign).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->Verval().InsertExtractBatch(this->Batch(kHome, "births")).error().code,
            ErrorCode::kInvalidArgument);
}

TYPED_TEST(VervalTest, ExtractRowsAreSavedRewrittenWithdrawnAndStreamed) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  const std::int64_t first = *v.InsertExtractBatch(this->Batch(kHome));
  const std::int64_t foreign_batch = *v.InsertExtractBatch(this->Batch(kOther));
  std::vector<ExtractRow> rows = {this->Row(kHome, first, "a"), this->Row(kHome, first, "b"),
                                  this->Row(kHome, first, "c")};
  rows[1].birth_date.clear();
  rows[1].death_date = "2025-10-03";
  rows[2].name = "Ni Luh Putu \"Ayu\"\t\\";
  ASSERT_TRUE(v.SaveExtractRows(rows));
  ASSERT_TRUE(v.SaveExtractRows(std::vector{this->Row(kOther, foreign_batch, "a")}));
  const std::int64_t november = *v.InsertExtractBatch(this->Batch(kHome, "members", "2025-11"));
  ASSERT_TRUE(v.SaveExtractRows(std::vector{this->Row(kHome, november, "a", "2025-11")}));

  std::vector<ExtractRow> stored = this->Stream(*tx, kHome);
  ASSERT_EQ(stored.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_GT(stored[i].id, i == 0 ? 0 : stored[i - 1].id);
    rows[i].id = stored[i].id;
    EXPECT_EQ(stored[i], rows[i]);
  }
  EXPECT_EQ(*v.GetExtractRow(kHome, rows[1].id), rows[1]);
  EXPECT_EQ(v.GetExtractRow(kOther, rows[1].id).error().code, ErrorCode::kNotFound);

  // A newer version of the month: "a" changes, "b" is gone, "d" is new.
  const std::int64_t second = *v.InsertExtractBatch(this->Batch(kHome));
  rows[0].batch_id = second;
  rows[0].name = "Siti Maruf";
  rows[0].birth_date = "1981-01-01";
  rows[0].segment = "PBI";
  ExtractRow added = this->Row(kHome, second, "d");
  ASSERT_TRUE(v.SaveExtractRows(std::vector{rows[0], added}));
  ASSERT_TRUE(v.WithdrawExtractRows(kHome, second, std::vector<std::int64_t>{rows[1].id}));
  stored = this->Stream(*tx, kHome);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0], rows[0]);
  EXPECT_EQ(stored[1], rows[2]);
  added.id = stored[2].id;
  EXPECT_EQ(stored[2], added);
  // A withdrawn row is still there by id, and a later version can bring it back.
  EXPECT_EQ(*v.GetExtractRow(kHome, rows[1].id), rows[1]);
  rows[1].batch_id = second;
  ASSERT_TRUE(v.SaveExtractRows(std::vector{rows[1]}));
  EXPECT_EQ(this->Stream(*tx, kHome).size(), 4u);

  // A visitor may call the repository meanwhile (nested savepoints, a second cursor).
  std::size_t nested = 0;
  ASSERT_TRUE(v.ForEachExtractRow(kHome, "members", "2025-10", [&](const ExtractRow& r) {
    auto again = v.GetExtractRow(kHome, r.id);
    nested += again && *again == r && this->Stream(*tx, kHome, "2025-11").size() == 1;
    return true;
  }));
  EXPECT_EQ(nested, 4u);

  // Stopping early.
  int visited = 0;
  ASSERT_TRUE(v.ForEachExtractRow(kHome, "members", "2025-10",
                                  [&](const ExtractRow&) { return ++visited < 2; }));
  EXPECT_EQ(visited, 2);

  // Another regency's rows are neither streamed nor changed through this one.
  ASSERT_EQ(this->Stream(*tx, kOther).size(), 1u);
  const std::int64_t foreign_id = this->Stream(*tx, kOther)[0].id;
  ExtractRow hijack = this->Row(kHome, second, "a");
  hijack.id = foreign_id;
  EXPECT_EQ(v.SaveExtractRows(std::vector{hijack}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(v.WithdrawExtractRows(kHome, second, std::vector{foreign_id}).error().code,
            ErrorCode::kNotFound);
  ExtractRow foreign = this->Row(kOther, foreign_batch, "a");
  foreign.id = foreign_id;
  EXPECT_EQ(this->Stream(*tx, kOther)[0], foreign);

  // Refused: rows of two regencies, a bad date, a bad period, a row key twice.
  EXPECT_EQ(v.SaveExtractRows(
                 std::vector{this->Row(kHome, second, "x"), this->Row(kOther, foreign_batch, "x")})
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  ExtractRow bad_date = this->Row(kHome, second, "x");
  bad_date.death_date = "2025-02-30";
  EXPECT_EQ(v.SaveExtractRows(std::vector{bad_date}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.SaveExtractRows(std::vector{this->Row(kHome, second, "x", "2025-13")}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.SaveExtractRows(std::vector{this->Row(kHome, second, "a")}).error().code,
            ErrorCode::kAlreadyExists);
  // A batch of another regency, of another month, or none at all.
  EXPECT_EQ(v.SaveExtractRows(std::vector{this->Row(kHome, foreign_batch, "x")}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.SaveExtractRows(std::vector{this->Row(kHome, second, "x", "2025-11")}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.SaveExtractRows(std::vector{this->Row(kHome, second + 100, "x")}).error().code,
            ErrorCode::kInvalidArgument);
  ExtractRow moved = rows[0];
  moved.batch_id = foreign_batch;
  EXPECT_EQ(v.SaveExtractRows(std::vector{moved}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.WithdrawExtractRows(kHome, foreign_batch, std::vector{rows[0].id}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.ForEachExtractRow(kHome, "members", "2025-1", [](const ExtractRow&) { return true; })
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->Stream(*tx, kHome).size(), 4u);
}

TYPED_TEST(VervalTest, ExtractQuarantinePagesByIdWithinItsRegency) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  const std::int64_t batch = *v.InsertExtractBatch(this->Batch(kHome, "deaths"));
  std::vector<ExtractQuarantineRow> rows = {
      {0, batch, std::string(kHome), 4, {"3514", "Budi \"B\"", "", "a\tb\\c\n"}, "[]"},
      {0, batch, std::string(kHome), 9, {"x"}, R"([{"code":"NIK_LENGTH"}])"}};
  ASSERT_TRUE(v.InsertExtractQuarantine(rows));
  auto page = v.ListExtractQuarantine(kHome, batch, 0, 10);
  ASSERT_TRUE(page) << page.error().ToString();
  ASSERT_EQ(page->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    rows[i].id = (*page)[i].id;
    EXPECT_EQ((*page)[i], rows[i]);
  }
  EXPECT_EQ(*v.ListExtractQuarantine(kHome, batch, rows[0].id, 10),
            std::vector<ExtractQuarantineRow>{rows[1]});
  EXPECT_EQ(v.ListExtractQuarantine(kHome, batch, 0, 1)->size(), 1u);
  EXPECT_TRUE(v.ListExtractQuarantine(kOther, batch, 0, 10)->empty());
}

TYPED_TEST(VervalTest, RegistryRecordsAreReadAndChangedInTheirRegencyOnly) {
  const std::vector<std::string> regencies = {std::string(kHome), std::string(kOther)};
  std::vector<domain::Worker> workers = MakeWorkers(60, 11, regencies);
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  ASSERT_TRUE(tx->Workers().InsertMany(workers));
  VervalRepository& v = tx->Verval();

  std::vector<RegistryRecord> home;
  ASSERT_TRUE(v.ForEachRegistryRecord(kHome, [&](const RegistryRecord& r) {
    home.push_back(r);
    return true;
  }));
  const auto expected =
      std::ranges::count(workers, std::string(kHome), &domain::Worker::regency_code);
  ASSERT_EQ(static_cast<long>(home.size()), expected);
  std::set<domain::WorkerStatus> statuses;
  for (std::size_t i = 0; i < home.size(); ++i) {
    const RegistryRecord& r = home[i];
    if (i > 0) {
      EXPECT_GT(r.worker.id, home[i - 1].worker.id);
    }
    EXPECT_EQ(r.worker.regency_code, kHome);
    statuses.insert(r.worker.status);
    auto stored = tx->Workers().Get(kHome, r.worker.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(r.worker.nik, stored->nik);
    EXPECT_EQ(r.worker.kk, stored->kk);
    EXPECT_EQ(r.worker.name, stored->name);
    EXPECT_EQ(r.worker.name_original, stored->name_original);
    EXPECT_EQ(r.worker.sex, stored->sex);
    EXPECT_EQ(r.worker.birth_date, stored->birth_date);
    EXPECT_EQ(r.worker.address, stored->address);
    EXPECT_EQ(r.worker.village_code, stored->village_code);
    EXPECT_EQ(r.worker.status, stored->status);
    EXPECT_EQ(r.worker.source, stored->source);
    EXPECT_EQ(r.source_id, "");
    EXPECT_EQ(r.death_date, "");
    EXPECT_EQ(r.merged_into, 0);
    EXPECT_EQ(r.updated_at_us, 1'760'929'200'123'456);  // 2025-10-20T03:00:00.123456Z
  }
  EXPECT_GT(statuses.size(), 3u);  // every status is read, removed workers included

  const std::int64_t dead = home[0].worker.id, merged = home[1].worker.id,
                     survivor = home[2].worker.id;
  this->clock_.Advance(std::chrono::hours(1));
  ASSERT_TRUE(v.ChangeWorker(kHome, dead,
                             {.status = domain::WorkerStatus::kDeceased,
                              .death_date = "2025-09-30",
                              .merged_into = survivor,  // not meaningful: cleared
                              .removed_reason = "died"}));
  auto record = v.GetRegistryRecord(kHome, dead);
  ASSERT_TRUE(record) << record.error().ToString();
  EXPECT_EQ(record->worker.status, domain::WorkerStatus::kDeceased);
  EXPECT_EQ(record->death_date, "2025-09-30");
  EXPECT_EQ(record->merged_into, 0);
  EXPECT_EQ(record->removed_reason, "");
  EXPECT_EQ(record->updated_at_us, 1'760'932'800'123'456);  // 2025-10-20T04:00:00.123456Z
  EXPECT_GT(record->updated_at_us, home[0].updated_at_us);

  ASSERT_TRUE(v.ChangeWorker(kHome, merged,
                             {.status = domain::WorkerStatus::kRemoved,
                              .death_date = "2025-09-30",
                              .merged_into = survivor,
                              .removed_reason = "duplicate"}));
  record = v.GetRegistryRecord(kHome, merged);
  EXPECT_EQ(record->worker.status, domain::WorkerStatus::kRemoved);
  EXPECT_EQ(record->death_date, "");
  EXPECT_EQ(record->merged_into, survivor);
  EXPECT_EQ(record->removed_reason, "duplicate");
  // Reinstated: the companions go.
  ASSERT_TRUE(v.ChangeWorker(kHome, merged, {.status = domain::WorkerStatus::kActive}));
  record = v.GetRegistryRecord(kHome, merged);
  EXPECT_EQ(record->worker.status, domain::WorkerStatus::kActive);
  EXPECT_EQ(record->merged_into, 0);
  EXPECT_EQ(record->removed_reason, "");

  // Another regency's workers: not read, not changed, not a merge target.
  std::int64_t foreign = 0;
  ASSERT_TRUE(v.ForEachRegistryRecord(kOther, [&](const RegistryRecord& r) {
    EXPECT_EQ(r.worker.regency_code, kOther);
    foreign = r.worker.id;
    return false;
  }));
  ASSERT_NE(foreign, 0);
  EXPECT_EQ(v.GetRegistryRecord(kHome, foreign).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(
      v.ChangeWorker(kHome, foreign, {.status = domain::WorkerStatus::kDeceased}).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(v.ChangeWorker(kHome, merged,
                           {.status = domain::WorkerStatus::kRemoved, .merged_into = foreign})
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.ChangeWorker(kHome, dead,
                           {.status = domain::WorkerStatus::kDeceased, .death_date = "30-09-2025"})
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.GetRegistryRecord(kOther, foreign)->worker.status,
            tx->Workers().Get(kOther, foreign)->status);
  EXPECT_EQ(v.GetRegistryRecord(kOther, foreign)->death_date, "");
}

TYPED_TEST(VervalTest, PersonsOutsideAreOtherRegenciesWorkersNotRemoved) {
  const std::vector<std::string> regencies = {std::string(kHome), std::string(kOther), "35.10"};
  std::vector<domain::Worker> workers = MakeWorkers(90, 5, regencies);
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  ASSERT_TRUE(tx->Workers().InsertMany(workers));
  std::multiset<std::string> expected, seen;
  for (const auto& w : workers) {
    if (w.regency_code == kHome || w.status == domain::WorkerStatus::kRemoved) continue;
    expected.insert(w.regency_code + "|" + w.nik + "|" + w.name + "|" +
                    std::string(domain::ToCode(w.sex)) + "|" +
                    (w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : ""));
  }
  ASSERT_TRUE(tx->Verval().ForEachPersonOutside(kHome, [&](const OutsidePerson& p) {
    seen.insert(p.regency_code + "|" + p.nik + "|" + p.name + "|" + p.sex + "|" + p.birth_date);
    return true;
  }));
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(seen, expected);
}

TYPED_TEST(VervalTest, SettingsAreKeptPerRegency) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  EXPECT_EQ(*v.GetSettings(kHome), std::nullopt);
  ASSERT_TRUE(v.SaveSettings(kHome, R"({"automatic":["died"]})", "web:sari", 0));
  ASSERT_TRUE(v.SaveSettings(kHome, R"({"automatic":[]})", "web:budi", 5));
  EXPECT_EQ(*v.GetSettings(kHome), std::optional<std::string>(R"({"automatic":[]})"));
  EXPECT_EQ(*v.GetSettings(kOther), std::nullopt);
  EXPECT_EQ(v.SaveSettings(kHome, "{", "web:budi", 5).error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(VervalTest, RunsRoundTripNewestFirst) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  EXPECT_EQ(*v.LatestRun(kHome, "2025-10"), std::nullopt);
  VervalRun run{.regency_code = std::string(kHome),
                .period = "2025-10",
                .actor = "web:sari",
                .started_at_us = 100,
                .inputs_json = R"({"batches":[1]})"};
  run.id = *v.InsertRun(run);
  run.finished_at_us = 200;
  run.counts_json = R"({"duplicate":3})";
  ASSERT_TRUE(v.FinishRun(run));
  VervalRun later = run;
  later.started_at_us = 300;
  later.finished_at_us = 0;
  later.id = *v.InsertRun(later);
  VervalRun foreign = run;
  foreign.regency_code = std::string(kOther);
  foreign.id = *v.InsertRun(foreign);
  EXPECT_EQ(*v.LatestRun(kHome, "2025-10"), std::optional(later));
  EXPECT_EQ(*v.LatestRun(kHome, "2025-09"), std::nullopt);
  EXPECT_EQ(*v.ListRuns(kHome, 10), (std::vector<VervalRun>{later, run}));
  EXPECT_EQ(*v.ListRuns(kHome, 1), std::vector<VervalRun>{later});
  later.finished_at_us = 0;  // the clock's
  ASSERT_TRUE(v.FinishRun(later));
  EXPECT_EQ(v.LatestRun(kHome, "2025-10")->value().finished_at_us, 1'760'929'200'123'456);
  foreign.regency_code = std::string(kHome);
  EXPECT_EQ(v.FinishRun(foreign).error().code, ErrorCode::kNotFound);
  run.period = "10-2025";
  EXPECT_EQ(v.InsertRun(run).error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(VervalTest, ReSavedFindingsKeepTheirDecisionAndTakeTheNewRun) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  std::vector<Finding> first = {this->MakeFinding(kHome, "dup:1-2", 1, 10),
                                this->MakeFinding(kHome, "dup:3-4", 3, 10),
                                this->MakeFinding(kOther, "dup:1-2", 1, 11)};
  first[0].other_worker_id = 2;
  first[1].extract_row_id = 77;
  first[1].other_regency = "35.10";
  first[1].blocking = false;
  auto ids = v.SaveFindings(first);
  ASSERT_TRUE(ids) << ids.error().ToString();
  ASSERT_EQ(ids->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    first[i].id = (*ids)[i];
    EXPECT_EQ(*v.GetFinding(first[i].regency_code, first[i].id), first[i]);
  }
  EXPECT_NE(first[0].id, first[2].id);  // one subject, two regencies: two findings
  ASSERT_TRUE(
      v.DecideFinding(kHome, first[0].id, "open", "rejected", "web:sari", "beda orang", 1'000));

  // The next run: both again with new evidence, plus one new finding.
  std::vector<Finding> second = {this->MakeFinding(kHome, "dup:new", 5, 12),
                                 this->MakeFinding(kHome, "dup:1-2", 1, 12),
                                 this->MakeFinding(kHome, "dup:3-4", 4, 12)};
  for (Finding& f : second) {
    f.confidence = 0.875;
    f.action = "automatic";
    f.proposal = "remove";
    f.blocking = false;
    f.evidence_json = R"({"score":0.875})";
    f.state = "open";
  }
  second[1].other_worker_id = 9;
  ids = v.SaveFindings(second);
  ASSERT_TRUE(ids) << ids.error().ToString();
  EXPECT_EQ((*ids)[1], first[0].id);
  EXPECT_EQ((*ids)[2], first[1].id);

  Finding decided = *v.GetFinding(kHome, first[0].id);
  EXPECT_EQ(decided.state, "rejected");
  EXPECT_EQ(decided.decided_by, "web:sari");
  EXPECT_EQ(decided.decided_at_us, std::optional<std::int64_t>(1'000));
  EXPECT_EQ(decided.reason, "beda orang");
  EXPECT_EQ(decided.action, "review");  // as when it was decided
  EXPECT_EQ(decided.proposal, "merge");
  EXPECT_TRUE(decided.blocking);
  EXPECT_EQ(decided.evidence_json, R"({"score":0.875})");
  EXPECT_EQ(decided.confidence, 0.875);
  EXPECT_EQ(decided.other_worker_id, std::optional<std::int64_t>(9));
  EXPECT_EQ(decided.first_run_id, 10);
  EXPECT_EQ(decided.last_run_id, 12);

  Finding still_open = *v.GetFinding(kHome, first[1].id);
  second[2].id = first[1].id;
  second[2].first_run_id = 10;
  EXPECT_EQ(still_open, second[2]);  // everything a run computes, refreshed

  EXPECT_EQ(*v.GetFinding(kOther, first[2].id), first[2]);  // untouched
  EXPECT_EQ(v.GetFinding(kOther, first[0].id).error().code, ErrorCode::kNotFound);

  // Refused: one subject twice, a bad state, a bad period.
  EXPECT_EQ(v.SaveFindings(std::vector{second[0], second[0]}).error().code,
            ErrorCode::kInvalidArgument);
  Finding bad = second[0];
  bad.state = "done";
  EXPECT_EQ(v.SaveFindings(std::vector{bad}).error().code, ErrorCode::kInvalidArgument);
  bad = second[0];
  bad.period = "2025-00";
  EXPECT_EQ(v.SaveFindings(std::vector{bad}).error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(VervalTest, FindingsAreListedFilteredCountedAndDecided) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  std::vector<Finding> findings;
  const double confidences[] = {0.5, 0.9, 0.7, 0.9, 0.6, 0.99};
  for (int i = 0; i < 6; ++i) {
    Finding f = this->MakeFinding(kHome, "s" + std::to_string(i), 100 + i, i < 4 ? 1 : 2);
    f.kind = i % 2 == 0 ? "duplicate" : "died";
    f.confidence = confidences[i];
    f.action = i == 5 ? "automatic" : "review";
    if (i == 2) f.other_worker_id = 101;
    findings.push_back(f);
  }
  findings.push_back(this->MakeFinding(kOther, "s0", 100, 1));
  findings.push_back(this->MakeFinding(kHome, "s0", 100, 1));
  findings.back().period = "2025-11";
  auto ids = v.SaveFindings(findings);
  ASSERT_TRUE(ids) << ids.error().ToString();
  auto id_of = [&](int i) { return (*ids)[i]; };
  auto ids_in = [](const std::vector<Finding>& list) {
    std::vector<std::int64_t> out;
    for (const auto& f : list) out.push_back(f.id);
    return out;
  };
  auto list = [&](const FindingFilter& filter, FindingOrder order, std::int64_t offset = 0,
                  int limit = 100) {
    auto page = v.ListFindings(kHome, filter, order, offset, limit);
    EXPECT_TRUE(page) << page.error().ToString();
    return page ? ids_in(*page) : std::vector<std::int64_t>{};
  };

  const FindingFilter month{.period = "2025-10"};
  EXPECT_EQ(list(month, FindingOrder::kById),
            (std::vector{id_of(0), id_of(1), id_of(2), id_of(3), id_of(4), id_of(5)}));
  EXPECT_EQ(list(month, FindingOrder::kConfidenceDesc),
            (std::vector{id_of(5), id_of(1), id_of(3), id_of(2), id_of(4), id_of(0)}));
  EXPECT_EQ(list(month, FindingOrder::kConfidenceDesc, 1, 2), (std::vector{id_of(1), id_of(3)}));
  FindingFilter queue{.period = "2025-10", .state = "open", .action = "review"};
  EXPECT_EQ(list(queue, FindingOrder::kConfidenceDesc),
            (std::vector{id_of(1), id_of(3), id_of(2), id_of(4), id_of(0)}));
  queue.kind = "died";
  EXPECT_EQ(list(queue, FindingOrder::kConfidenceDesc), (std::vector{id_of(1), id_of(3)}));
  EXPECT_EQ(list({.period = "2025-10", .run_id = 2}, FindingOrder::kById),
            (std::vector{id_of(4), id_of(5)}));
  EXPECT_EQ(list({.period = "2025-10", .worker_id = 101}, FindingOrder::kById),
            (std::vector{id_of(1), id_of(2)}));
  EXPECT_EQ(list({.period = "2025-11"}, FindingOrder::kById), (std::vector{id_of(7)}));

  // Decisions: one verifier wins, the second is told.
  ASSERT_TRUE(v.DecideFinding(kHome, id_of(1), "open", "accepted", "web:sari", "akta", 0));
  Finding accepted = *v.GetFinding(kHome, id_of(1));
  EXPECT_EQ(accepted.state, "accepted");
  EXPECT_EQ(accepted.decided_by, "web:sari");
  EXPECT_EQ(accepted.decided_at_us, std::optional<std::int64_t>(1'760'929'200'123'456));
  EXPECT_EQ(accepted.reason, "akta");
  auto late = v.DecideFinding(kHome, id_of(1), "open", "rejected", "web:budi", "", 7);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(v.GetFinding(kHome, id_of(1))->decided_by, "web:sari");
  EXPECT_EQ(v.DecideFinding(kHome, id_of(6), "open", "accepted", "web:sari", "", 7).error().code,
            ErrorCode::kNotFound);  // another regency's
  EXPECT_EQ(v.GetFinding(kOther, id_of(6))->state, "open");
  EXPECT_EQ(v.DecideFinding(kHome, id_of(0), "open", "closed", "web:sari", "", 7).error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(v.DecideFinding(kHome, id_of(3), "open", "deferred", "web:sari", "tunggu", 7));
  // Reopening clears the decision.
  ASSERT_TRUE(v.DecideFinding(kHome, id_of(3), "deferred", "open", "web:budi", "", 8));
  Finding reopened = *v.GetFinding(kHome, id_of(3));
  EXPECT_EQ(reopened.state, "open");
  EXPECT_EQ(reopened.decided_by, "");
  EXPECT_EQ(reopened.decided_at_us, std::nullopt);

  using Counts = std::map<std::string, std::map<std::string, std::uint64_t>>;
  EXPECT_EQ(*v.CountFindings(kHome, month),
            (Counts{{"died", {{"accepted", 1}, {"open", 2}}}, {"duplicate", {{"open", 3}}}}));
  EXPECT_EQ(*v.CountFindings(kHome, {.period = "2025-10", .action = "automatic"}),
            (Counts{{"died", {{"open", 1}}}}));
  EXPECT_TRUE(v.CountFindings(kOther, {.period = "2025-11"})->empty());

  std::vector<std::int64_t> streamed;
  ASSERT_TRUE(
      v.ForEachFinding(kHome, {.period = "2025-10", .state = "open"}, [&](const Finding& f) {
        streamed.push_back(f.id);
        return true;
      }));
  EXPECT_EQ(streamed, (std::vector{id_of(0), id_of(2), id_of(3), id_of(4), id_of(5)}));
  streamed.clear();
  ASSERT_TRUE(v.ForEachFinding(kOther, month, [&](const Finding& f) {
    streamed.push_back(f.id);
    return true;
  }));
  EXPECT_EQ(streamed, std::vector{id_of(6)});

  EXPECT_EQ(v.ListFindings(kHome, {.period = ""}, FindingOrder::kById, 0, 10).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.ListFindings(kHome, month, FindingOrder::kById, -1, 10).error().code,
            ErrorCode::kInvalidArgument);
}

TYPED_TEST(VervalTest, LabelsAreReplacedAndListedPerRegency) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  LabelledPair same{.left_key = "w12",
                    .right_key = "w7",
                    .same = true,
                    .finding_id = 4,
                    .actor = "web:sari",
                    .created_at_us = 10};
  LabelledPair different{.left_key = "e3",
                         .right_key = "w12",
                         .same = false,
                         .finding_id = {},
                         .actor = "web:sari",
                         .created_at_us = 0};
  ASSERT_TRUE(v.SaveLabel(kHome, same));
  ASSERT_TRUE(v.SaveLabel(kHome, different));
  different.created_at_us = 1'760'929'200'123'456;
  ASSERT_TRUE(v.SaveLabel(kOther, same));
  same.same = false;
  same.actor = "web:budi";
  same.finding_id = 5;
  same.created_at_us = 20;
  ASSERT_TRUE(v.SaveLabel(kHome, same));  // replaces
  std::vector<LabelledPair> labels;
  ASSERT_TRUE(v.ForEachLabel(kHome, [&](const LabelledPair& l) {
    labels.push_back(l);
    return true;
  }));
  EXPECT_EQ(labels, (std::vector{different, same}));
  labels.clear();
  ASSERT_TRUE(v.ForEachLabel(kOther, [&](const LabelledPair& l) {
    labels.push_back(l);
    return true;
  }));
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_TRUE(labels[0].same);
  EXPECT_EQ(v.SaveLabel(kHome, {.left_key = "w7", .right_key = "w12"}).error().code,
            ErrorCode::kInvalidArgument);
}

// A run applies thousands of decisions at once: more rows than one multi-row statement takes
// (500) must all land, and one bad row must leave none.
TYPED_TEST(VervalTest, ManyDecisionsChangesAndLabelsLandInOneCallOrNotAtAll) {
  constexpr int kMany = 1'234;
  const std::vector<std::string> regencies = {std::string(kHome)};
  std::vector<domain::Worker> workers = MakeWorkers(kMany + 1, 5, regencies);
  for (auto& w : workers) w.status = domain::WorkerStatus::kActive;
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  ASSERT_TRUE(tx->Workers().InsertMany(workers));
  VervalRepository& v = tx->Verval();
  std::vector<std::int64_t> ids;
  ASSERT_TRUE(v.ForEachRegistryRecord(kHome, [&](const RegistryRecord& r) {
    ids.push_back(r.worker.id);
    return true;
  }));
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kMany + 1));
  const std::int64_t survivor = ids.back();

  // Findings, decided together: accepted, rejected and deferred by turns.
  std::vector<Finding> findings;
  for (int i = 0; i < kMany; ++i) {
    findings.push_back(this->MakeFinding(kHome, "m" + std::to_string(i), ids[i], 1));
  }
  auto finding_ids = v.SaveFindings(findings);
  ASSERT_TRUE(finding_ids) << finding_ids.error().ToString();
  const std::string states[] = {"accepted", "rejected", "deferred"};
  std::vector<FindingDecision> decisions;
  for (int i = 0; i < kMany; ++i) {
    decisions.push_back({(*finding_ids)[i], "open", states[i % 3], "web:sari",
                         "alasan " + std::to_string(i), 1'000 + i});
  }
  // One finding decided meanwhile by someone else: none of the batch is recorded.
  ASSERT_TRUE(v.DecideFinding(kHome, decisions[700].id, "open", "rejected", "web:budi", "x", 9));
  EXPECT_EQ(v.DecideFindings(kHome, decisions).error().code, ErrorCode::kFailedPrecondition);
  std::size_t still_open = 0;
  ASSERT_TRUE(v.ForEachFinding(kHome, {.period = "2025-10", .state = "open"},
                               [&](const Finding&) { return ++still_open, true; }));
  EXPECT_EQ(still_open, static_cast<std::size_t>(kMany - 1));
  ASSERT_TRUE(v.DecideFinding(kHome, decisions[700].id, "rejected", "open", "web:budi", "", 9));
  std::vector<FindingDecision> twice = {decisions[0], decisions[0]};
  EXPECT_EQ(v.DecideFindings(kHome, twice).error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(v.DecideFindings(kHome, decisions));
  std::size_t seen = 0;
  ASSERT_TRUE(v.ForEachFinding(kHome, {.period = "2025-10"}, [&](const Finding& f) {
    const auto at = std::ranges::find(*finding_ids, f.id) - finding_ids->begin();
    EXPECT_EQ(f.state, states[at % 3]) << at;
    EXPECT_EQ(f.reason, "alasan " + std::to_string(at));
    EXPECT_EQ(f.decided_by, "web:sari");
    EXPECT_EQ(f.decided_at_us, 1'000 + at);
    return ++seen, true;
  }));
  EXPECT_EQ(seen, static_cast<std::size_t>(kMany));

  // Registry changes: the dead with their dates, the others merged into one survivor.
  std::vector<WorkerStatusChange> changes;
  for (int i = 0; i < kMany; ++i) {
    WorkerChange c = i % 2 == 0
                         ? WorkerChange{domain::WorkerStatus::kDeceased,
                                        "2025-09-" + std::to_string(10 + i % 18), 0, ""}
                         : WorkerChange{domain::WorkerStatus::kRemoved, "", survivor, "duplicate"};
    changes.push_back({ids[i], c});
  }
  std::vector<WorkerStatusChange> with_stranger = changes;
  with_stranger.push_back(
      {ids.back() + 1'000'000, {domain::WorkerStatus::kDeceased, "2025-09-01"}});
  EXPECT_EQ(v.ChangeWorkers(kHome, with_stranger).error().code, ErrorCode::kNotFound);
  std::vector<WorkerStatusChange> bad_target = changes;
  bad_target[1].change.merged_into = ids.back() + 1'000'000;
  EXPECT_EQ(v.ChangeWorkers(kHome, bad_target).error().code, ErrorCode::kInvalidArgument);
  std::size_t untouched = 0;
  ASSERT_TRUE(v.ForEachRegistryRecord(kHome, [&](const RegistryRecord& r) {
    return untouched += r.worker.status == domain::WorkerStatus::kActive, true;
  }));
  EXPECT_EQ(untouched, static_cast<std::size_t>(kMany + 1));
  ASSERT_TRUE(v.ChangeWorkers(kHome, changes));
  ASSERT_TRUE(v.ForEachRegistryRecord(kHome, [&](const RegistryRecord& r) {
    const auto at = std::ranges::find(ids, r.worker.id) - ids.begin();
    if (at == kMany) {
      EXPECT_EQ(r.worker.status, domain::WorkerStatus::kActive);
    } else if (at % 2 == 0) {
      EXPECT_EQ(r.worker.status, domain::WorkerStatus::kDeceased) << at;
      EXPECT_EQ(r.death_date, "2025-09-" + std::to_string(10 + at % 18));
    } else {
      EXPECT_EQ(r.worker.status, domain::WorkerStatus::kRemoved) << at;
      EXPECT_EQ(r.merged_into, survivor);
      EXPECT_EQ(r.removed_reason, "duplicate");
    }
    return true;
  }));

  // Labels: every pair once; a pair given twice is refused whole.
  std::vector<LabelledPair> labels;
  for (int i = 0; i < kMany; ++i) {
    labels.push_back({.left_key = "e" + std::to_string(i),
                      .right_key = "w" + std::to_string(i),
                      .same = i % 2 == 0,
                      .finding_id = (*finding_ids)[i],
                      .actor = "otomatis",
                      .created_at_us = 5});
  }
  std::vector<LabelledPair> repeated = labels;
  repeated.push_back(labels[3]);
  EXPECT_EQ(v.SaveLabels(kHome, repeated).error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(v.SaveLabels(kHome, labels));
  std::vector<LabelledPair> stored;
  ASSERT_TRUE(v.ForEachLabel(kHome, [&](const LabelledPair& l) {
    stored.push_back(l);
    return true;
  }));
  std::ranges::sort(labels, {},
                    [](const LabelledPair& l) { return std::pair(l.left_key, l.right_key); });
  ASSERT_EQ(stored.size(), labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    EXPECT_TRUE(stored[i] == labels[i]) << i << ": " << stored[i].left_key;
  }
}

TYPED_TEST(VervalTest, SettledVersionsCountUpWithTheirMembers) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  EXPECT_EQ(*v.LatestSettled(kHome, "2025-10"), std::nullopt);
  EXPECT_EQ(*v.PreviousSettled(kHome, ""), std::nullopt);
  SettledMonth september{.regency_code = std::string(kHome),
                         .period = "2025-09",
                         .run_id = 3,
                         .actor = "web:sari",
                         .settled_at_us = 50,
                         .persons = 2,
                         .rows_listed = 3,
                         .checksum = std::string(64, 'c'),
                         .counts_json = R"({"start":2,"end":2})",
                         .sources_json = R"([{"name":"a.csv"}])"};
  auto sept = v.InsertSettled(september, std::vector<std::int64_t>{9, 4});
  ASSERT_TRUE(sept) << sept.error().ToString();
  EXPECT_EQ(sept->version, 1);
  EXPECT_GT(sept->id, 0);
  september.id = sept->id;
  september.version = 1;
  EXPECT_EQ(*sept, september);

  SettledMonth october = september;
  october.period = "2025-10";
  october.settled_at_us = 0;
  std::vector<std::int64_t> many(12'345);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<std::int64_t>(3 * i + 1);
  std::ranges::reverse(many);
  auto v1 = v.InsertSettled(october, many);
  ASSERT_TRUE(v1) << v1.error().ToString();
  EXPECT_EQ(v1->settled_at_us, 1'760'929'200'123'456);
  auto v2 = v.InsertSettled(october, std::vector<std::int64_t>{5});
  ASSERT_TRUE(v2);
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v2->version, 2);
  const std::string pdf("%PDF-1.5\n\x00\xff binary", 19);
  ASSERT_TRUE(v.SetMinutes(kHome, v2->id, "abc", pdf));
  EXPECT_EQ(*v.GetMinutes(kHome, v2->id), pdf);  // byte for byte, NUL and 0xff included
  EXPECT_EQ(v.SetMinutes(kHome, v2->id, "def", pdf).error().code, ErrorCode::kNotFound);  // once
  EXPECT_EQ(v.GetMinutes(kHome, v1->id).error().code, ErrorCode::kNotFound);  // none kept
  SettledMonth newest = *v2;
  newest.minutes_checksum = "abc";
  EXPECT_EQ(*v.LatestSettled(kHome, "2025-10"), std::optional(newest));
  EXPECT_EQ(*v.PreviousSettled(kHome, "2025-10"), std::optional(september));
  EXPECT_EQ(*v.PreviousSettled(kHome, "2025-09"), std::nullopt);
  EXPECT_EQ(*v.PreviousSettled(kHome, ""), std::optional(newest));
  EXPECT_EQ(*v.ListSettled(kHome), (std::vector{september, newest}));

  std::vector<std::int64_t> members;
  ASSERT_TRUE(v.ForEachSettledMember(kHome, v1->id, [&](std::int64_t id) {
    members.push_back(id);
    return true;
  }));
  std::ranges::sort(many);
  EXPECT_EQ(members, many);
  members.clear();
  ASSERT_TRUE(v.ForEachSettledMember(kHome, september.id, [&](std::int64_t id) {
    members.push_back(id);
    return true;
  }));
  EXPECT_EQ(members, (std::vector<std::int64_t>{4, 9}));

  // Another regency sees none of it.
  EXPECT_EQ(*v.LatestSettled(kOther, "2025-10"), std::nullopt);
  EXPECT_TRUE(v.ListSettled(kOther)->empty());
  EXPECT_EQ(v.ForEachSettledMember(kOther, v1->id, [](std::int64_t) { return true; }).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(v.SetMinutes(kOther, v1->id, "x", "y").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(v.GetMinutes(kOther, v2->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(v.InsertSettled(october, std::vector<std::int64_t>{1, 1}).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.LatestSettled(kHome, "2025").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(v.LatestSettled(kHome, "2025-10")->value().version, 2);  // the refused one left none
}

TYPED_TEST(VervalTest, BadRegencyCodesAreRefusedEverywhere) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  VervalRepository& v = tx->Verval();
  const std::string bad = "3514";
  auto refused = [](const auto& result) {
    return !result && result.error().code == ErrorCode::kInvalidArgument;
  };
  auto yes = [](const auto&) { return true; };
  EXPECT_TRUE(refused(v.InsertExtractBatch(this->Batch(bad))));
  EXPECT_TRUE(refused(v.ListExtractBatches(bad, "", 10)));
  EXPECT_TRUE(refused(v.ForEachExtractRow(bad, "members", "2025-10", yes)));
  EXPECT_TRUE(refused(v.SaveExtractRows(std::vector{this->Row(bad, 1, "a")})));
  EXPECT_TRUE(refused(v.WithdrawExtractRows(bad, 1, std::vector<std::int64_t>{1})));
  EXPECT_TRUE(refused(v.GetExtractRow(bad, 1)));
  EXPECT_TRUE(refused(v.ListExtractQuarantine(bad, 1, 0, 10)));
  EXPECT_TRUE(refused(v.ForEachRegistryRecord(bad, yes)));
  EXPECT_TRUE(refused(v.GetRegistryRecord(bad, 1)));
  EXPECT_TRUE(refused(v.ChangeWorker(bad, 1, {})));
  EXPECT_TRUE(refused(v.ForEachPersonOutside(bad, yes)));
  EXPECT_TRUE(refused(v.GetSettings(bad)));
  EXPECT_TRUE(refused(v.ListRuns(bad, 10)));
  EXPECT_TRUE(refused(v.GetFinding(bad, 1)));
  EXPECT_TRUE(refused(v.CountFindings(bad, {.period = "2025-10"})));
  EXPECT_TRUE(refused(v.DecideFinding(bad, 1, "open", "accepted", "a", "", 1)));
  EXPECT_TRUE(refused(v.SaveLabel(bad, {.left_key = "a", .right_key = "b"})));
  EXPECT_TRUE(refused(v.ForEachLabel(bad, yes)));
  EXPECT_TRUE(refused(v.ListSettled(bad)));
  EXPECT_TRUE(refused(v.PreviousSettled(bad, "")));
  EXPECT_TRUE(refused(v.ForEachSettledMember(bad, 1, yes)));
  EXPECT_TRUE(refused(v.LatestRun(kHome, "2025-1")));
  EXPECT_TRUE(refused(v.ListExtractBatches(kHome, "2025/10", 10)));
  EXPECT_TRUE(refused(v.PreviousSettled(kHome, "x")));
}

// A call that fails half-way (its second batch of rows breaks a constraint) undoes only itself:
// what the transaction did before and after it commits.
TYPED_TEST(VervalTest, AFailedCallLeavesTheTransactionUsable) {
  {
    auto tx = this->Begin();
    ASSERT_NE(tx, nullptr);
    VervalRepository& v = tx->Verval();
    const std::int64_t batch = *v.InsertExtractBatch(this->Batch(kHome));
    ASSERT_TRUE(v.SaveExtractRows(std::vector{this->Row(kHome, batch, "kept")}));
    std::vector<ExtractRow> rows;
    for (int i = 0; i < 2500; ++i) rows.push_back(this->Row(kHome, batch, std::to_string(i)));
    rows.push_back(this->Row(kHome, batch, "kept"));  // in the third statement
    auto failed = v.SaveExtractRows(rows);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::kAlreadyExists) << failed.error().ToString();
    std::vector<Finding> findings;
    for (int i = 0; i < 1200; ++i) {
      findings.push_back(this->MakeFinding(kHome, "f" + std::to_string(i), i + 1, 1));
    }
    findings.back().related_json = "[1,";
    EXPECT_EQ(v.SaveFindings(findings).error().code, ErrorCode::kInvalidArgument);
    findings.back().related_json = "[]";
    findings.back().last_run_id = 2;
    ASSERT_TRUE(v.SaveFindings(findings));
    ASSERT_TRUE(tx->Commit());
  }
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  std::vector<ExtractRow> stored = this->Stream(*tx, kHome);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].row_key, "kept");
  EXPECT_EQ(
      tx->Verval().ListFindings(kHome, {.period = "2025-10"}, FindingOrder::kById, 0, 5000)->size(),
      1200u);
  EXPECT_EQ(tx->Verval()
                .ListFindings(kHome, {.period = "2025-10", .run_id = 2}, FindingOrder::kById, 0, 10)
                ->size(),
            1u);
}

TYPED_TEST(VervalTest, ARolledBackTransactionLeavesNothing) {
  {
    auto tx = this->Begin();
    ASSERT_NE(tx, nullptr);
    ASSERT_TRUE(tx->Verval().InsertExtractBatch(this->Batch(kHome)));
    ASSERT_TRUE(tx->Verval().SaveFindings(std::vector{this->MakeFinding(kHome, "x", 1, 1)}));
  }
  auto tx = this->Begin();
  EXPECT_TRUE(tx->Verval().ListExtractBatches(kHome, "", 10)->empty());
  EXPECT_TRUE(tx->Verval().CountFindings(kHome, {.period = "2025-10"})->empty());
}

}  // namespace
}  // namespace jaring::storage
