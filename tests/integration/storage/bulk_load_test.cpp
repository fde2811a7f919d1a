// WorkerRepository's bulk load (BeginBulkLoad / InsertMany with a batch / EndBulkLoad), on both
// engines: a load that is not committed leaves nothing behind, indexes included (SQLite drops
// them for the load); a committed one reads back like any insert, with every index in place.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "test_database.hpp"

namespace jaring::storage {
namespace {

using testing::MakeWorkers;
using testing::ScratchDatabase;
using testing::TestEngine;

struct Sqlite {
  static constexpr TestEngine kEngine = TestEngine::kSqlite;
  static constexpr std::string_view kName = "sqlite";
};
struct Postgres {
  static constexpr TestEngine kEngine = TestEngine::kPostgres;
  static constexpr std::string_view kName = "postgresql";
};

const std::string kPasuruan = "35.14";
// Above the size from which SQLite drops the indexes for the load (20,000).
constexpr std::size_t kRows = 25'000;

// The names of the workers table's indexes, sorted, read through a connection of the test's
// own (not jaring's): what another reader of the database sees.
std::vector<std::string> WorkerIndexes(const std::string& url) {
  std::vector<std::string> names;
  if (url.rfind("sqlite:", 0) == 0) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(url.substr(7).c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                 "tbl_name = 'workers'",
                                 -1, &st, nullptr),
              SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
  } else {
    PGconn* conn = PQconnectdb(url.c_str());
    EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* r = PQexec(conn,
                         "SELECT indexname FROM pg_indexes WHERE tablename = 'workers' AND "
                         "schemaname = current_schema()");
    EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQerrorMessage(conn);
    for (int i = 0; i < PQntuples(r); ++i) names.emplace_back(PQgetvalue(r, i, 0));
    PQclear(r);
    PQfinish(conn);
  }
  std::sort(names.begin(), names.end());
  return names;
}

template <typename E>
class BulkLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scratch = ScratchDatabase::Create(E::kEngine);
    if (!scratch) {
      if (testing::MaySkip(scratch.error())) GTEST_SKIP() << scratch.error().message;
      GTEST_FAIL() << scratch.error().ToString();
    }
    scratch_ = std::move(*scratch);
    auto db = OpenDatabase(scratch_->url(), {});
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto applied = db_->Migrate();
    ASSERT_TRUE(applied) << applied.error().ToString();
    indexes_ = WorkerIndexes(scratch_->url());
    ASSERT_GE(indexes_.size(), 5u);  // the migrations' indexes, whatever their names
  }

  void TearDown() override {
    db_.reset();
    scratch_.reset();
  }

  // An import batch for the rows to link to (last_batch_id references it).
  std::int64_t InsertBatch(Transaction& tx) {
    ImportBatch batch;
    batch.regency_code = kPasuruan;
    batch.source = "Dinas Pertanian";
    batch.checksum = std::string(64, 'a');
    auto id = tx.Imports().InsertBatch(batch);
    EXPECT_TRUE(id) << id.error().ToString();
    return id ? *id : 0;
  }

  // Begins a bulk load and inserts `workers` in import-sized chunks, linked to a new batch.
  std::int64_t Load(Transaction& tx, const std::vector<domain::Worker>& workers) {
    const std::int64_t batch = InsertBatch(tx);
    EXPECT_TRUE(tx.Workers().BeginBulkLoad(workers.size()));
    for (std::size_t at = 0; at < workers.size(); at += 4096) {
      const std::size_t n = std::min<std::size_t>(4096, workers.size() - at);
      auto inserted = tx.Workers().InsertMany(std::span(workers).subspan(at, n), batch);
      EXPECT_TRUE(inserted) << inserted.error().ToString();
    }
    return batch;
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
  std::vector<std::string> indexes_;
};

using Engines = ::testing::Types<Sqlite, Postgres>;
struct EngineNames {
  template <typename E>
  static std::string GetName(int) {
    return std::string(E::kName);
  }
};
TYPED_TEST_SUITE(BulkLoadTest, Engines, EngineNames);

TYPED_TEST(BulkLoadTest, NotCommittedLeavesTheDatabaseAsBefore) {
  const std::vector<std::string> regencies = {kPasuruan};
  ASSERT_TRUE(this->db_->Workers().InsertMany(MakeWorkers(10, 1, regencies)));
  {
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    this->Load(**tx, MakeWorkers(kRows, 2, regencies));
    EXPECT_EQ(*(*tx)->Workers().Count(kPasuruan), static_cast<std::int64_t>(kRows + 10));
    // destroyed without Commit, as by a crash or a kill
  }
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 10);
  EXPECT_EQ(WorkerIndexes(this->scratch_->url()), this->indexes_);

  // Rolled back explicitly, with the load still open: the same; the connection is reusable.
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  this->Load(**tx, MakeWorkers(kRows, 3, regencies));
  (*tx)->Rollback();
  tx->reset();
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 10);
  EXPECT_EQ(WorkerIndexes(this->scratch_->url()), this->indexes_);
  auto again = this->db_->Begin();
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_TRUE((*again)->Workers().BeginBulkLoad(kRows));
  EXPECT_TRUE((*again)->Workers().EndBulkLoad());
}

TYPED_TEST(BulkLoadTest, CommittedReadsBackLikeAnyInsert) {
  const std::vector<std::string> regencies = {kPasuruan};
  const std::vector<domain::Worker> workers = MakeWorkers(kRows, 4, regencies);
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  const std::int64_t batch = this->Load(**tx, workers);
  ASSERT_TRUE((*tx)->Workers().EndBulkLoad());
  ASSERT_TRUE((*tx)->Commit());

  EXPECT_EQ(WorkerIndexes(this->scratch_->url()), this->indexes_);
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), static_cast<std::int64_t>(kRows));
  auto page = this->db_->Workers().List(kPasuruan, 0, 1000);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 1000u);
  for (std::size_t i = 0; i < page->size(); ++i) {  // ids in the order given
    EXPECT_EQ((*page)[i].nik, workers[i].nik);
    EXPECT_EQ((*page)[i].name, workers[i].name);
    EXPECT_EQ((*page)[i].birth_date, workers[i].birth_date);
    EXPECT_EQ((*page)[i].address, workers[i].address);
  }
  auto record = this->db_->Workers().GetRecord(kPasuruan, page->back().id);
  ASSERT_TRUE(record) << record.error().ToString();
  EXPECT_EQ(record->last_batch_id, batch);
  // The rebuilt indexes answer: a NIK prefix and a name search find the row.
  WorkerQuery query;
  query.filter.nik_prefix = workers[777].nik;
  auto found = this->db_->Workers().Find(kPasuruan, query);
  ASSERT_TRUE(found) << found.error().ToString();
  ASSERT_GE(found->total, 1);
  query = {};
  query.filter.name = workers[777].name;
  found = this->db_->Workers().Find(kPasuruan, query);
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_GE(found->total, 1);
}

TYPED_TEST(BulkLoadTest, CommitEndsALoadLeftOpen) {
  const std::vector<std::string> regencies = {kPasuruan};
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  this->Load(**tx, MakeWorkers(kRows, 5, regencies));
  ASSERT_TRUE((*tx)->Commit());  // no EndBulkLoad: Commit puts the indexes back first
  EXPECT_EQ(WorkerIndexes(this->scratch_->url()), this->indexes_);
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), static_cast<std::int64_t>(kRows));
}

TYPED_TEST(BulkLoadTest, OnlyInsideATransactionAndOnce) {
  Status pooled = this->db_->Workers().BeginBulkLoad(kRows);
  ASSERT_FALSE(pooled);
  EXPECT_EQ(pooled.error().code, ErrorCode::kFailedPrecondition);
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  Status end = (*tx)->Workers().EndBulkLoad();
  ASSERT_FALSE(end);
  EXPECT_EQ(end.error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE((*tx)->Workers().BeginBulkLoad(kRows));
  Status twice = (*tx)->Workers().BeginBulkLoad(kRows);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace jaring::storage
