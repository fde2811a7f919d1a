// Workers partitioned by regency on PostgreSQL (migration 0019, storage/sql/worker_partitions):
// a regency's first bulk load goes into a fresh table that is indexed and attached in the
// load's transaction; later loads and single inserts go into workers; an upgraded database's
// rows move into the partitions. Every test runs on both engines: on SQLite the same calls must
// give the same rows (its table is not partitioned), on PostgreSQL the catalog is checked too,
// through a connection of the test's own.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/sql/migrations.hpp"
#include "test_database.hpp"

namespace jaring::storage {
namespace {

using testing::MakeWorkers;
using testing::MigratedDatabase;
using testing::TestEngine;

const std::string kPasuruan = "35.14";
const std::string kJember = "35.09";
constexpr std::size_t kBulkRows = 25'000;  // above the fresh-partition threshold (20,000)

// The first column of the first row of `sql`, as text ("" when no row), read through a
// connection of the test's own: what another session of the database sees.
std::string Scalar(const std::string& url, const std::string& sql) {
  std::string out;
  if (url.rfind("sqlite:", 0) == 0) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(url.substr(7).c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    if (st != nullptr && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* r = PQexec(conn, sql.c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << sql << ": " << PQerrorMessage(conn);
  if (PQntuples(r) > 0) out = PQgetvalue(r, 0, 0);
  PQclear(r);
  PQfinish(conn);
  return out;
}

// PostgreSQL catalog facts about a regency's partition, as one comparable value.
struct PartitionFacts {
  bool attached = false;           // workers_NN_NN is a partition of workers
  int indexes = 0;                 // its indexes
  int attached_valid_indexes = 0;  // of them: valid and attached to one of workers' indexes
  int parent_indexes = 0;          // workers' partitioned indexes
  int leftover_checks = 0;         // the load's regency CHECK, if still there
};

PartitionFacts Facts(const std::string& url, const std::string& regency) {
  std::string table = "workers_" + regency.substr(0, 2) + "_" + regency.substr(3);
  const std::string oid = "(SELECT c.oid FROM pg_class c WHERE c.relname = '" + table +
                          "' AND c.relnamespace = current_schema()::regnamespace)";
  PartitionFacts f;
  f.attached = Scalar(url, "SELECT COUNT(*) FROM pg_inherits WHERE inhrelid = " + oid +
                               " AND inhparent = 'workers'::regclass") == "1";
  f.indexes = std::stoi(Scalar(url, "SELECT COUNT(*) FROM pg_index WHERE indrelid = " + oid));
  f.attached_valid_indexes = std::stoi(
      Scalar(url,
             "SELECT COUNT(*) FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indexrelid"
             " JOIN pg_index p ON p.indexrelid = h.inhparent AND p.indrelid = 'workers'::regclass"
             " WHERE i.indrelid = " +
                 oid + " AND i.indisvalid"));
  f.parent_indexes =
      std::stoi(Scalar(url, "SELECT COUNT(*) FROM pg_index WHERE indrelid = 'workers'::regclass"));
  f.leftover_checks =
      std::stoi(Scalar(url, "SELECT COUNT(*) FROM pg_constraint WHERE conname = '" + table +
                                "_regency'"
                                " AND connamespace = current_schema()::regnamespace"));
  return f;
}

bool TableExists(const std::string& url, const std::string& table) {
  return Scalar(url, "SELECT COUNT(*) FROM pg_class WHERE relname = '" + table +
                         "' AND relnamespace = current_schema()::regnamespace") == "1";
}

template <typename E>
class PartitionsTest : public ::testing::Test {
 protected:
  void SetUp() override { opened_ = db_.OpenUnmigrated(E::kEngine, {.clock = &clock_}); }

  void Migrate() {
    Result<std::vector<int>> applied = db_->Migrate();
    ASSERT_TRUE(applied) << applied.error().ToString();
  }

  bool postgres() const { return E::kEngine == TestEngine::kPostgres; }
  const std::string& url() { return db_.scratch().url(); }

  // An import's writes for the regency of `workers`, the load left open (test_database.hpp).
  std::int64_t Load(Transaction& tx, const std::string& regency,
                    const std::vector<domain::Worker>& workers) {
    return testing::BulkLoadWorkers(tx, regency, workers, 'b');
  }

  std::int64_t Rows(const std::string& where = "") {
    return std::stoll(Scalar(url(), "SELECT COUNT(*) FROM workers" + where));
  }

  FixedClock clock_{std::chrono::sys_days(std::chrono::year_month_day{
                        std::chrono::year{2025}, std::chrono::month{9}, std::chrono::day{24}}) +
                    std::chrono::hours(3)};
  MigratedDatabase db_;
  bool opened_ = false;
};

TYPED_TEST_SUITE(PartitionsTest, testing::BothEngineTypes, testing::EngineTypeNames);

TYPED_TEST(PartitionsTest, FirstBulkLoadOfARegencyCommitsRowsIndexesAndBatchTogether) {
  if (!this->opened_) return;
  this->Migrate();
  const std::vector<std::string> regencies = {kPasuruan};
  const std::vector<domain::Worker> workers = MakeWorkers(kBulkRows, 7, regencies);
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  const std::int64_t batch = this->Load(**tx, kPasuruan, workers);
  ASSERT_TRUE((*tx)->Workers().EndBulkLoad());
  // Before the commit another session sees nothing of it: no rows, no partition.
  EXPECT_EQ(this->Rows(), 0);
  if (this->postgres()) {
    EXPECT_FALSE(TableExists(this->url(), "workers_35_14"));
  }
  ASSERT_TRUE((*tx)->Commit());

  EXPECT_EQ(this->Rows(), static_cast<std::int64_t>(kBulkRows));
  EXPECT_EQ(this->Rows(" WHERE last_batch_id = " + std::to_string(batch)),
            static_cast<std::int64_t>(kBulkRows));
  EXPECT_EQ(Scalar(this->url(),
                   "SELECT COUNT(*) FROM import_batches WHERE id = " + std::to_string(batch)),
            "1");
  if (this->postgres()) {
    const PartitionFacts f = Facts(this->url(), kPasuruan);
    EXPECT_TRUE(f.attached);
    EXPECT_GE(f.parent_indexes, 4);  // the primary key, NIK, KK, name key: whatever else
    EXPECT_EQ(f.indexes, f.parent_indexes);
    EXPECT_EQ(f.attached_valid_indexes, f.parent_indexes);
    EXPECT_EQ(f.leftover_checks, 0);
  }
  // Read back through the indexes: ids in the order given, a NIK prefix, a name, the household.
  auto page = this->db_->Workers().List(kPasuruan, 0, 500);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 500u);
  for (std::size_t i = 0; i < page->size(); ++i) EXPECT_EQ((*page)[i].nik, workers[i].nik);
  WorkerQuery query;
  query.filter.nik_prefix = workers[4321].nik;
  auto found = this->db_->Workers().Find(kPasuruan, query);
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_GE(found->total, 1);
  query = {};
  query.filter.name = workers[4321].name;
  query.offset = 1000;  // a deep page: its rows are read by id (and regency)
  found = this->db_->Workers().Find(kPasuruan, query);
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_GE(found->total, 1);
  // The next worker of the regency, inserted singly, goes on after the load's ids.
  domain::Worker next = workers[0];
  next.nik = "3514010101900001";
  auto id = this->db_->Workers().Insert(next);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_GT(*id, page->back().id);
  EXPECT_EQ(this->Rows(), static_cast<std::int64_t>(kBulkRows + 1));
}

TYPED_TEST(PartitionsTest, FirstBulkLoadNotCommittedLeavesNothing) {
  if (!this->opened_) return;
  this->Migrate();
  const std::vector<std::string> regencies = {kPasuruan};
  {
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    this->Load(**tx, kPasuruan, MakeWorkers(kBulkRows, 8, regencies));
    ASSERT_TRUE((*tx)->Workers().EndBulkLoad());  // indexed and attached, not committed
    // destroyed without Commit, as by a crash or a kill
  }
  EXPECT_EQ(this->Rows(), 0);
  EXPECT_EQ(Scalar(this->url(), "SELECT COUNT(*) FROM import_batches"), "0");
  if (this->postgres()) {
    EXPECT_FALSE(TableExists(this->url(), "workers_35_14"));
  }
  {
    auto tx = this->db_->Begin();  // rolled back with the load still open
    ASSERT_TRUE(tx) << tx.error().ToString();
    this->Load(**tx, kPasuruan, MakeWorkers(kBulkRows, 9, regencies));
    (*tx)->Rollback();
  }
  EXPECT_EQ(this->Rows(), 0);
  if (this->postgres()) {
    EXPECT_FALSE(TableExists(this->url(), "workers_35_14"));
  }
  // And the same load then commits (its connection and names are free again).
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  this->Load(**tx, kPasuruan, MakeWorkers(kBulkRows, 10, regencies));
  ASSERT_TRUE((*tx)->Commit());  // Commit ends the open load: indexes, attach
  EXPECT_EQ(this->Rows(), static_cast<std::int64_t>(kBulkRows));
  if (this->postgres()) {
    const PartitionFacts f = Facts(this->url(), kPasuruan);
    EXPECT_TRUE(f.attached);
    EXPECT_EQ(f.attached_valid_indexes, f.parent_indexes);
  }
}

TYPED_TEST(PartitionsTest, LaterLoadsAndSingleInsertsFindOrMakeTheirPartition) {
  if (!this->opened_) return;
  this->Migrate();
  const std::vector<std::string> pasuruan = {kPasuruan};
  {
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    this->Load(**tx, kPasuruan, MakeWorkers(kBulkRows, 11, pasuruan));
    ASSERT_TRUE((*tx)->Commit());
  }
  {  // a second large load of the same regency: into workers, indexes kept row by row
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    this->Load(**tx, kPasuruan, MakeWorkers(kBulkRows, 12, pasuruan));
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_EQ(this->Rows(), static_cast<std::int64_t>(2 * kBulkRows));
  // A regency never seen: its first worker, inserted alone, makes its (empty) partition first.
  domain::Worker jember = MakeWorkers(1, 13, std::vector<std::string>{kJember})[0];
  auto id = this->db_->Workers().Insert(jember);
  ASSERT_TRUE(id) << id.error().ToString();
  auto got = this->db_->Workers().Get(kJember, *id);
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_EQ(got->nik, jember.nik);
  EXPECT_FALSE(this->db_->Workers().Get(kPasuruan, *id));  // tenancy: not found elsewhere
  // A small batch of a third regency (below the fresh-table size) likewise.
  const std::vector<std::string> third = {"35.10"};
  auto inserted = this->db_->Workers().InsertMany(MakeWorkers(50, 14, third));
  ASSERT_TRUE(inserted) << inserted.error().ToString();
  auto counts = this->db_->Workers().CountsByRegency();
  ASSERT_TRUE(counts) << counts.error().ToString();
  ASSERT_EQ(counts->size(), 3u);
  EXPECT_EQ((*counts)[0], (CodeCount{kJember, 1}));
  EXPECT_EQ((*counts)[1], (CodeCount{"35.10", 50}));
  EXPECT_EQ((*counts)[2], (CodeCount{kPasuruan, static_cast<std::int64_t>(2 * kBulkRows)}));
  if (this->postgres()) {
    for (const std::string& regency : {kJember, std::string("35.10"), kPasuruan}) {
      const PartitionFacts f = Facts(this->url(), regency);
      EXPECT_TRUE(f.attached) << regency;
      EXPECT_EQ(f.attached_valid_indexes, f.parent_indexes) << regency;
    }
    // A first bulk load of a regency that has its partition already goes into workers.
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    this->Load(**tx, kJember, MakeWorkers(kBulkRows, 15, std::vector<std::string>{kJember}));
    ASSERT_TRUE((*tx)->Commit());
    EXPECT_EQ(this->Rows(" WHERE regency_code = '35.09'"),
              static_cast<std::int64_t>(kBulkRows + 1));
  }
}

// An older database (migrations up to 0018, rows in the one workers table) is upgraded by
// Migrate: every row keeps its id, regency, values and batch; new ids go on after the old.
TYPED_TEST(PartitionsTest, UpgradeMovesExistingRowsIntoPartitions) {
  if (!this->opened_) return;
  const sql::Engine engine = this->postgres() ? sql::Engine::kPostgres : sql::Engine::kSqlite;
  std::string script = *sql::ExpandPlaceholders(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
      " name TEXT NOT NULL, applied_at {{timestamp}} NOT NULL);",
      engine);
  for (const sql::Migration& m : sql::EmbeddedMigrations()) {
    if (m.version > 18) break;
    Result<std::string> expanded = sql::ExpandPlaceholders(m.sql, engine);
    ASSERT_TRUE(expanded) << m.version;
    script += *expanded + ";\nINSERT INTO schema_migrations VALUES (" + std::to_string(m.version) +
              ", '" + std::string(m.name) + "', CURRENT_TIMESTAMP);\n";
  }
  // Two regencies' rows the way an older jaring stored them, two linked to a batch; the last
  // one inserted is deleted again.
  script +=
      "INSERT INTO import_batches (regency_code, source_kind, source, checksum, created_at,"
      " status) VALUES ('35.14', 'office', 'Dinas Sosial', 'c', 1, 'completed');\n"
      "INSERT INTO workers (regency_code, nik, name, sex, status, source, created_at,"
      " updated_at, last_batch_id) VALUES"
      " ('35.14', '3514014101900001', 'Siti Aminah', 'P', 'aktif', 'Dinas Sosial',"
      "  '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z', 1),"
      " ('35.09', '3509015203850002', 'Slamet', 'L', 'calon', 'Desa Ajung',"
      "  '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z', NULL),"
      " ('35.14', '3514011212800003', 'Ngatemi', 'P', 'aktif', 'Dinas Sosial',"
      "  '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z', 1);\n"
      "DELETE FROM workers WHERE nik = '3514011212800003';\n";
  ASSERT_TRUE(this->db_.scratch().ExecuteRaw(script));
  const std::string rows_sql =
      std::string("SELECT ") + (this->postgres() ? "string_agg" : "group_concat") +
      "(id || ':' || regency_code || ':' || nik, ',') FROM (SELECT * FROM workers ORDER BY id) w";
  const std::string before = Scalar(this->url(), rows_sql);
  ASSERT_EQ(before, "1:35.14:3514014101900001,2:35.09:3509015203850002");

  Result<std::vector<int>> applied = this->db_->Migrate();
  ASSERT_TRUE(applied) << applied.error().ToString();
  ASSERT_FALSE(applied->empty());
  EXPECT_EQ(applied->front(), 19);

  EXPECT_EQ(Scalar(this->url(), rows_sql), before);
  auto siti = this->db_->Workers().GetRecord(kPasuruan, 1);
  ASSERT_TRUE(siti) << siti.error().ToString();
  EXPECT_EQ(siti->worker.name, "Siti Aminah");
  EXPECT_EQ(siti->last_batch_id, 1);
  EXPECT_EQ(siti->created_at, "2025-01-02T03:04:05Z");
  auto slamet = this->db_->Workers().Get(kJember, 2);
  ASSERT_TRUE(slamet) << slamet.error().ToString();
  EXPECT_EQ(slamet->status, domain::WorkerStatus::kCandidate);
  // PostgreSQL: the sequence goes on after the old identity's last value (3, whose row was
  // deleted), not after MAX(id). SQLite, unchanged, takes MAX(rowid) + 1.
  domain::Worker next = slamet.value();
  next.nik = "3509015203850005";
  auto id = this->db_->Workers().Insert(next);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_EQ(*id, this->postgres() ? 4 : 3);
  if (this->postgres()) {
    for (const std::string& regency : {kPasuruan, kJember}) {
      const PartitionFacts f = Facts(this->url(), regency);
      EXPECT_TRUE(f.attached) << regency;
      EXPECT_EQ(f.attached_valid_indexes, f.parent_indexes) << regency;
    }
    EXPECT_EQ(Scalar(this->url(),
                     "SELECT COUNT(*) FROM pg_class WHERE relname ="
                     " 'workers_unpartitioned'"),
              "0");
    EXPECT_EQ(Scalar(this->url(),
                     "SELECT collation_name FROM information_schema.columns WHERE"
                     " table_schema = current_schema() AND table_name = 'workers'"
                     " AND column_name = 'source'"),
              "C");
  }
  // A worker of the upgraded regency is found through the indexes.
  WorkerQuery query;
  query.filter.source = "Dinas Sosial";
  auto found = this->db_->Workers().Find(kPasuruan, query);
  ASSERT_TRUE(found) << found.error().ToString();
  EXPECT_EQ(found->total, 1);
}

}  // namespace
}  // namespace jaring::storage
