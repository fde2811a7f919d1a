// ImportRepository on both engines (issue 4): batches, quarantine and the worker -> batch link
// round-trip every field, stay inside their regency, and roll back with their transaction.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "domain/nik.hpp"
#include "storage/database.hpp"
#include "test_database.hpp"

namespace jaring::storage {
namespace {

using testing::MakeWorkers;
using testing::MigratedDatabase;

template <typename E>
class ImportsTest : public ::testing::Test {
 protected:
  void SetUp() override { db_.Open(E::kEngine, {.clock = &clock_}); }

  std::unique_ptr<Transaction> Begin() {
    auto tx = db_->Begin();
    EXPECT_TRUE(tx) << tx.error().ToString();
    return tx ? std::move(*tx) : nullptr;
  }

  static ImportBatch SampleBatch(std::string regency) {
    ImportBatch b;
    b.regency_code = std::move(regency);
    b.source_kind = domain::SourceKind::kVillage;
    b.source = "Desa Lebakrejo";
    b.file_name = "daftar 'desa'.xlsx";
    b.checksum = std::string(64, 'a');
    b.actor = "cli:budi";
    b.created_at_us = 1'750'000'000'123'456;
    b.header = {"NIK", "Nama Lengkap", "L/P", "Tgl. Lahir"};
    b.read = 10;
    b.accepted = 6;
    b.quarantined = 3;
    b.updated = 2;
    b.unchanged = 1;
    b.issues = {{"NIK_LENGTH", 2}, {"REQUIRED_MISSING", 1}};
    return b;
  }

  FixedClock clock_{std::chrono::sys_days(std::chrono::year_month_day{
                        std::chrono::year{2025}, std::chrono::July, std::chrono::day{1}}) +
                    std::chrono::hours(3)};
  MigratedDatabase db_;
};

TYPED_TEST_SUITE(ImportsTest, testing::BothEngineTypes, testing::EngineTypeNames);

TYPED_TEST(ImportsTest, BatchAndQuarantineRoundTrip) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  ImportBatch batch = this->SampleBatch("35.14");
  auto id = tx->Imports().InsertBatch(batch);
  ASSERT_TRUE(id) << id.error().ToString();
  batch.id = *id;

  std::vector<QuarantineRow> rows(2);
  // Tabs, backslashes and line ends: PostgreSQL stores these rows through COPY's text format.
  const std::vector<std::string> awkward = {"3.51401E+15", "Siti \"Aminah\"", "", "ä\n",
                                            "a\tb\\c\r"};
  const std::string issues = R"([{"code":"NIK_LENGTH","value":"\\N"}])";
  rows[0] = {0, *id, "35.14", 5, awkward, "[]", {}};
  rows[1] = {0, *id, "35.14", 9, {"351401", "Budi"}, issues, std::int64_t{42}};
  ASSERT_TRUE(tx->Imports().InsertQuarantine(rows));
  batch.updated = 3;
  batch.issues["DATE_INVALID"] = 4;
  ASSERT_TRUE(tx->Imports().FinishBatch(batch));
  ASSERT_TRUE(tx->Commit());

  tx = this->Begin();
  auto read = tx->Imports().GetBatch("35.14", *id);
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_EQ(*read, batch);
  auto listed = tx->Imports().ListBatches("35.14", 10);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front(), batch);

  auto quarantine = tx->Imports().ListQuarantine("35.14", *id, 0, 10);
  ASSERT_TRUE(quarantine) << quarantine.error().ToString();
  ASSERT_EQ(quarantine->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    rows[i].id = (*quarantine)[i].id;
    EXPECT_EQ((*quarantine)[i], rows[i]);
  }
  // Keyset paging.
  auto second = tx->Imports().ListQuarantine("35.14", *id, (*quarantine)[0].id, 10);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ(second->front().line, 9u);

  // Tenancy: another regency sees nothing.
  EXPECT_EQ(tx->Imports().GetBatch("35.09", *id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(tx->Imports().ListBatches("35.09", 10)->empty());
  EXPECT_TRUE(tx->Imports().ListQuarantine("35.09", *id, 0, 10)->empty());
  ImportBatch foreign = batch;
  foreign.regency_code = "35.09";
  EXPECT_EQ(tx->Imports().FinishBatch(foreign).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->Imports().GetBatch("3514", *id).error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(ImportsTest, RolledBackTransactionLeavesNoBatch) {
  {
    auto tx = this->Begin();
    ASSERT_NE(tx, nullptr);
    auto id = tx->Imports().InsertBatch(this->SampleBatch("35.14"));
    ASSERT_TRUE(id);
    QuarantineRow row{0, *id, "35.14", 3, {"x"}, "[]", {}};
    ASSERT_TRUE(tx->Imports().InsertQuarantine(std::span(&row, 1)));
  }  // destroyed without Commit
  auto tx = this->Begin();
  EXPECT_TRUE(tx->Imports().ListBatches("35.14", 10)->empty());
}

TYPED_TEST(ImportsTest, QuarantineOfAMissingBatchFailsAndUndoesOnlyItself) {
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  auto id = tx->Imports().InsertBatch(this->SampleBatch("35.14"));
  ASSERT_TRUE(id);
  std::vector<QuarantineRow> rows = {{0, *id, "35.14", 3, {"ok"}, "[]", {}},
                                     {0, *id + 1000, "35.14", 4, {"bad"}, "[]", {}}};
  auto failed = tx->Imports().InsertQuarantine(rows);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidArgument) << failed.error().ToString();
  ASSERT_TRUE(tx->Commit());
  tx = this->Begin();
  EXPECT_EQ(tx->Imports().ListBatches("35.14", 10)->size(), 1u);
  EXPECT_TRUE(tx->Imports().ListQuarantine("35.14", *id, 0, 10)->empty());
}

TYPED_TEST(ImportsTest, WorkersOfASourceUpdateAndBatchLink) {
  const std::vector<std::string> regencies = {"35.14", "35.09"};
  std::vector<domain::Worker> workers = MakeWorkers(40, 7, regencies);
  for (std::size_t i = 0; i < workers.size(); ++i) {
    workers[i].source = i % 2 == 0 ? "Dinas Pertanian" : "demo";
  }
  auto tx = this->Begin();
  ASSERT_NE(tx, nullptr);
  auto before = tx->Imports().MaxWorkerId();
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, 0);
  ASSERT_TRUE(tx->Workers().InsertMany(workers));
  auto id = tx->Imports().InsertBatch(this->SampleBatch("35.14"));
  ASSERT_TRUE(id);
  auto linked = tx->Imports().LinkNewWorkers("35.14", *before, *id);
  ASSERT_TRUE(linked) << linked.error().ToString();
  std::int64_t in_pasuruan = 0;
  for (const auto& w : workers) in_pasuruan += w.regency_code == "35.14";
  EXPECT_EQ(*linked, in_pasuruan);

  std::vector<domain::Worker> seen;
  ASSERT_TRUE(
      tx->Imports().ForEachWorkerOfSource("35.14", "Dinas Pertanian", [&](const domain::Worker& w) {
        seen.push_back(w);
        return true;
      }));
  std::size_t expected = 0;
  for (const auto& w : workers) {
    expected += w.regency_code == "35.14" && w.source == "Dinas Pertanian";
  }
  ASSERT_EQ(seen.size(), expected);
  ASSERT_FALSE(seen.empty());
  for (const auto& w : seen) {
    EXPECT_EQ(w.regency_code, "35.14");
    EXPECT_EQ(w.source, "Dinas Pertanian");
  }

  domain::Worker changed = seen.front();
  changed.name = "Nama Baru";
  changed.address = "Dusun Krajan";
  changed.birth_date = {};
  auto second_batch = tx->Imports().InsertBatch(this->SampleBatch("35.14"));
  ASSERT_TRUE(second_batch);
  ASSERT_TRUE(tx->Imports().UpdateWorker(changed, *second_batch));
  auto back = tx->Workers().Get("35.14", changed.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, "Nama Baru");
  EXPECT_EQ(back->address, "Dusun Krajan");
  EXPECT_FALSE(back->birth_date.ok());
  EXPECT_EQ(back->nik, changed.nik);
  auto last = tx->Imports().LastBatchOf("35.14", changed.id);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, std::optional<std::int64_t>(*second_batch));
  EXPECT_EQ(*tx->Imports().LastBatchOf("35.14", seen.back().id), std::optional(*id));

  // Another regency cannot be updated or read through it.
  domain::Worker foreign = changed;
  foreign.regency_code = "35.09";
  EXPECT_EQ(tx->Imports().UpdateWorker(foreign, *id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->Imports().LastBatchOf("35.09", changed.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(tx->Imports().LockSource("35.14", "Dinas Pertanian"));
  ASSERT_TRUE(tx->Commit());
}

// A corrected re-import rewrites the worker's search key and issue flag exactly as an insert
// computes them: the new name is found by an old spelling of it (and the old name no longer
// finds the worker), and the flag follows the new NIK both ways.
TYPED_TEST(ImportsTest, UpdatedWorkerIsFoundByItsNewNameAndFlaggedByItsNewNik) {
  const std::chrono::year_month_day born{std::chrono::year{1980}, std::chrono::May,
                                         std::chrono::day{17}};
  domain::Worker w;
  w.regency_code = "35.14";
  w.nik = domain::EncodeNik("35.14.01", born, domain::Sex::kFemale, 2).value();
  w.name = w.name_original = "Sumarni";
  w.sex = domain::Sex::kFemale;
  w.birth_date = born;
  w.village_code = "35.14.01.2001";
  w.occupation = "petani";
  w.source = "Dinas Pertanian";
  ASSERT_TRUE(this->db_->Workers().InsertMany(std::vector<domain::Worker>{w}));
  auto find = [&](std::string name) {
    auto page = this->db_->Workers().Find("35.14", {.filter = {.name = std::move(name)}});
    EXPECT_TRUE(page) << page.error().ToString();
    return page ? page->items : std::vector<WorkerRecord>{};
  };
  auto found = find("Soemarni");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].has_issues);
  w.id = found[0].worker.id;

  auto reimport = [&](const domain::Worker& changed) {
    auto tx = this->Begin();
    ASSERT_NE(tx, nullptr);
    auto batch = tx->Imports().InsertBatch(this->SampleBatch("35.14"));
    ASSERT_TRUE(batch);
    ASSERT_TRUE(tx->Imports().UpdateWorker(changed, *batch));
    ASSERT_TRUE(tx->Commit());
  };
  domain::Worker renamed = w;
  renamed.name = renamed.name_original = "Muhamad Supardi";
  renamed.nik = "3514011234";  // broken by the office's spreadsheet
  reimport(renamed);
  EXPECT_TRUE(find("Sumarni").empty());
  found = find("Moehammad Soepardi");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].worker.id, w.id);
  EXPECT_TRUE(found[0].has_issues);
  auto flagged = this->db_->Workers().Find("35.14", {.filter = {.has_issues = true}});
  ASSERT_TRUE(flagged);
  EXPECT_EQ(flagged->total, 1);

  renamed.nik = w.nik;  // corrected again
  reimport(renamed);
  found = find("Mochamad Sup");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].has_issues);
}

}  // namespace
}  // namespace jaring::storage
