// The storage suite: every test runs on SQLite (a temporary file) and on PostgreSQL (a fresh
// schema in JARING_TEST_PG). Without JARING_TEST_PG the PostgreSQL cases skip, unless
// JARING_REQUIRE_PG=1 (make test), where they fail.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

#include "domain/date_format.hpp"
#include "storage/database.hpp"
#include "test_database.hpp"

namespace jaring::storage {
namespace {

using std::chrono::year_month_day;
using testing::MakeWorkers;
using testing::MigratedDatabase;
using testing::TestEngine;

const std::string kPasuruan = "35.14";
const std::string kJember = "35.09";

using testing::Date;

void ExpectSameWorker(const domain::Worker& actual, const domain::Worker& expected) {
  EXPECT_EQ(actual.regency_code, expected.regency_code);
  EXPECT_EQ(actual.nik, expected.nik);
  EXPECT_EQ(actual.kk, expected.kk);
  EXPECT_EQ(actual.name, expected.name);
  EXPECT_EQ(actual.name_original, expected.name_original);
  EXPECT_EQ(actual.sex, expected.sex);
  EXPECT_EQ(actual.birth_place, expected.birth_place);
  EXPECT_EQ(actual.birth_date, expected.birth_date);
  EXPECT_EQ(actual.address, expected.address);
  EXPECT_EQ(actual.village_code, expected.village_code);
  EXPECT_EQ(actual.occupation, expected.occupation);
  EXPECT_EQ(actual.phone, expected.phone);
  EXPECT_EQ(actual.status, expected.status);
  EXPECT_EQ(actual.source, expected.source);
}

// Bulk load (WorkerRepository::BeginBulkLoad): above the size from which SQLite drops the
// workers' indexes for the load (20,000).
constexpr std::size_t kBulkRows = 25'000;

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

// Begins a bulk load in `tx` and inserts `workers` in import-sized chunks, linked to a new
// import batch of Pasuruan; returns the batch id.
std::int64_t BulkLoad(Transaction& tx, const std::vector<domain::Worker>& workers) {
  return testing::BulkLoadWorkers(tx, kPasuruan, workers);
}

template <typename E>
class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Most tests migrate first; some test the migrations themselves.
    db_.OpenUnmigrated(E::kEngine, {.clock = &clock_});
  }

  void Migrate() {
    Result<std::vector<int>> applied = db_->Migrate();
    ASSERT_TRUE(applied) << applied.error().ToString();
  }

  // All workers of a regency, through List's pages.
  std::vector<domain::Worker> ListAll(std::string_view regency) {
    std::vector<domain::Worker> all;
    std::int64_t after = 0;
    while (true) {
      Result<std::vector<domain::Worker>> page = db_->Workers().List(regency, after, 700);
      EXPECT_TRUE(page) << page.error().ToString();
      if (!page || page->empty()) return all;
      after = page->back().id;
      for (auto& w : *page) all.push_back(std::move(w));
    }
  }

  FixedClock clock_{std::chrono::sys_days(Date(2025, 9, 24)) + std::chrono::hours(3)};
  MigratedDatabase db_;
};

TYPED_TEST_SUITE(StorageTest, testing::BothEngineTypes, testing::EngineTypeNames);

TYPED_TEST(StorageTest, ReportsItsEngine) { EXPECT_EQ(this->db_->engine(), TypeParam::kName); }

TYPED_TEST(StorageTest, MigrationsApplyOnceAndAreRecorded) {
  Result<std::vector<int>> first = this->db_->Migrate();
  ASSERT_TRUE(first) << first.error().ToString();
  ASSERT_FALSE(first->empty());
  EXPECT_EQ(first->front(), 1);

  Result<std::vector<int>> again = this->db_->Migrate();
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_TRUE(again->empty());

  // A second process opening the same database sees the schema current.
  std::unique_ptr<Database> other = this->db_.OpenAnother();
  ASSERT_NE(other, nullptr);
  Result<std::vector<int>> from_other = other->Migrate();
  ASSERT_TRUE(from_other) << from_other.error().ToString();
  EXPECT_TRUE(from_other->empty());

  Result<std::vector<int>> recorded = other->AppliedMigrations();
  ASSERT_TRUE(recorded) << recorded.error().ToString();
  EXPECT_EQ(*recorded, *first);
}

TYPED_TEST(StorageTest, ConcurrentMigrationsApplyEachVersionOnce) {
  std::unique_ptr<Database> other = this->db_.OpenAnother();
  ASSERT_NE(other, nullptr);
  Result<std::vector<int>> a, b;
  std::thread t([&] { a = this->db_->Migrate(); });
  b = other->Migrate();
  t.join();
  ASSERT_TRUE(a) << a.error().ToString();
  ASSERT_TRUE(b) << b.error().ToString();
  std::vector<int> all = *a;
  all.insert(all.end(), b->begin(), b->end());
  std::ranges::sort(all);
  Result<std::vector<int>> recorded = this->db_->AppliedMigrations();
  ASSERT_TRUE(recorded);
  EXPECT_EQ(all, *recorded);
}

TYPED_TEST(StorageTest, RepositoryCallsBeforeMigrationFailWithoutLeakingSql) {
  Result<std::int64_t> count = this->db_->Workers().Count(kPasuruan);
  ASSERT_FALSE(count);
  EXPECT_EQ(count.error().code, ErrorCode::kInternal);
  EXPECT_EQ(count.error().ToString().find("SELECT"), std::string::npos);
}

TYPED_TEST(StorageTest, InsertAndGetRoundTripEveryField) {
  this->Migrate();
  std::vector<domain::Worker> people(4);
  const char* names[] = {"Siti Ma'rufah", "Ngatemi", "Moch. Sholeh", "Ni Luh Putu Ayu"};
  for (std::size_t i = 0; i < people.size(); ++i) {
    domain::Worker& w = people[i];
    w.regency_code = kPasuruan;
    w.nik = "351401" + std::to_string(520180 + i) + "0001";
    w.kk = i % 2 ? "" : "3514010101190002";
    w.name = names[i];
    w.name_original = std::string("  ") + names[i] + " (ejaan lama: Soe)  ";
    w.sex = i % 2 ? domain::Sex::kMale : domain::Sex::kFemale;
    w.birth_place = i == 3 ? "Denpasar" : "Pasuruan";
    w.birth_date = i == 2 ? year_month_day{} : Date(1960 + static_cast<int>(i) * 12, 2, 29);
    w.address = "Dusun Krajan\tRT 0" + std::to_string(i) + "\\RW 02\nDesa Lebakrejo ñ é";
    w.village_code = "35.14.01.200" + std::to_string(i + 1);
    w.occupation = "buruh_tani";
    w.phone = i == 1 ? "" : "+6281234567" + std::to_string(i);
    w.status = static_cast<domain::WorkerStatus>(i);
    w.source = "Dinas Pertanian";
  }
  // One through Insert, the rest through InsertMany (the bulk paths differ per engine).
  Result<std::int64_t> id = this->db_->Workers().Insert(people[0]);
  ASSERT_TRUE(id) << id.error().ToString();
  EXPECT_GT(*id, 0);
  Result<std::size_t> inserted = this->db_->Workers().InsertMany(std::span(people).subspan(1));
  ASSERT_TRUE(inserted) << inserted.error().ToString();
  EXPECT_EQ(*inserted, 3u);

  Result<domain::Worker> first = this->db_->Workers().Get(kPasuruan, *id);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->id, *id);
  ExpectSameWorker(*first, people[0]);

  std::vector<domain::Worker> all = this->ListAll(kPasuruan);
  ASSERT_EQ(all.size(), people.size());
  for (std::size_t i = 0; i < people.size(); ++i) {
    SCOPED_TRACE(people[i].name);
    ExpectSameWorker(all[i], people[i]);  // ids follow insertion order
    Result<domain::Worker> got = this->db_->Workers().Get(kPasuruan, all[i].id);
    ASSERT_TRUE(got) << got.error().ToString();
    ExpectSameWorker(*got, people[i]);
  }
}

TYPED_TEST(StorageTest, CountsEqualCountsComputedFromTheRows) {
  this->Migrate();
  const std::vector<std::string> regencies = {kPasuruan, kJember};
  const std::vector<domain::Worker> workers = MakeWorkers(3000, 20250924, regencies);
  Result<std::size_t> inserted = this->db_->Workers().InsertMany(workers);
  ASSERT_TRUE(inserted) << inserted.error().ToString();

  const int bounds[] = {17, 25, 35, 45, 55, 65};
  const year_month_day references[] = {Date(2025, 9, 24), Date(2024, 2, 29), Date(2025, 3, 1)};
  for (const std::string& regency : regencies) {
    SCOPED_TRACE(regency);
    std::map<std::string, std::int64_t> by_district, by_occupation;
    SexCount sex;
    std::int64_t total = 0;
    for (const domain::Worker& w : workers) {
      if (w.regency_code != regency) continue;
      ++total;
      ++by_district[w.village_code.empty() ? "" : w.village_code.substr(0, 8)];
      ++by_occupation[w.occupation];
      (w.sex == domain::Sex::kMale ? sex.male : sex.female) += 1;
    }
    auto as_vector = [](const std::map<std::string, std::int64_t>& m) {
      std::vector<CodeCount> out;
      for (const auto& [code, count] : m) out.push_back({code, count});
      return out;
    };
    Result<std::int64_t> count = this->db_->Workers().Count(regency);
    ASSERT_TRUE(count) << count.error().ToString();
    EXPECT_EQ(*count, total);
    Result<std::vector<CodeCount>> districts = this->db_->Workers().CountByDistrict(regency);
    ASSERT_TRUE(districts) << districts.error().ToString();
    EXPECT_EQ(*districts, as_vector(by_district));
    Result<std::vector<CodeCount>> occupations = this->db_->Workers().CountByOccupation(regency);
    ASSERT_TRUE(occupations) << occupations.error().ToString();
    EXPECT_EQ(*occupations, as_vector(by_occupation));
    Result<SexCount> sexes = this->db_->Workers().CountBySex(regency);
    ASSERT_TRUE(sexes) << sexes.error().ToString();
    EXPECT_EQ(*sexes, sex);

    for (const year_month_day reference : references) {
      SCOPED_TRACE(domain::FormatIsoDate(reference));
      AgeBandCounts expected;
      for (std::size_t i = 0; i < std::size(bounds); ++i) {
        expected.bands.push_back({bounds[i], i + 1 < std::size(bounds) ? bounds[i + 1] : -1, 0});
      }
      for (const domain::Worker& w : workers) {
        if (w.regency_code != regency) continue;
        if (!w.birth_date.ok()) {
          ++expected.unknown;
          continue;
        }
        const int age = domain::AgeInYears(w.birth_date, reference);
        if (age < bounds[0]) {
          ++expected.younger;
          continue;
        }
        for (AgeBand& band : expected.bands) {
          if (age >= band.min_age && (band.max_age < 0 || age < band.max_age)) ++band.count;
        }
      }
      Result<AgeBandCounts> bands = this->db_->Workers().CountByAgeBand(regency, reference, bounds);
      ASSERT_TRUE(bands) << bands.error().ToString();
      EXPECT_EQ(*bands, expected);
    }
  }

  Result<std::vector<CodeCount>> by_regency = this->db_->Workers().CountsByRegency();
  ASSERT_TRUE(by_regency) << by_regency.error().ToString();
  std::int64_t jember = 0, pasuruan = 0;
  for (const domain::Worker& w : workers) (w.regency_code == kJember ? jember : pasuruan) += 1;
  EXPECT_EQ(*by_regency, (std::vector<CodeCount>{{kJember, jember}, {kPasuruan, pasuruan}}));
}

TYPED_TEST(StorageTest, ARegencyNeverSeesAnotherRegencysWorkers) {
  this->Migrate();
  std::vector<domain::Worker> jember = MakeWorkers(50, 1, std::vector<std::string>{kJember});
  ASSERT_TRUE(this->db_->Workers().InsertMany(jember));
  domain::Worker mine = MakeWorkers(1, 2, std::vector<std::string>{kPasuruan})[0];
  Result<std::int64_t> my_id = this->db_->Workers().Insert(mine);
  ASSERT_TRUE(my_id);

  std::vector<domain::Worker> theirs = this->ListAll(kJember);
  ASSERT_EQ(theirs.size(), 50u);
  for (const domain::Worker& w : theirs) {
    Result<domain::Worker> got = this->db_->Workers().Get(kPasuruan, w.id);
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
  }
  EXPECT_EQ(this->ListAll(kPasuruan).size(), 1u);
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 1);
  Result<std::vector<CodeCount>> districts = this->db_->Workers().CountByDistrict(kPasuruan);
  ASSERT_TRUE(districts);
  ASSERT_EQ(districts->size(), 1u);
  EXPECT_EQ((*districts)[0].count, 1);
  Result<SexCount> sexes = this->db_->Workers().CountBySex(kPasuruan);
  ASSERT_TRUE(sexes);
  EXPECT_EQ(sexes->male + sexes->female, 1);
  const int bounds[] = {0};
  Result<AgeBandCounts> ages =
      this->db_->Workers().CountByAgeBand(kPasuruan, Date(2025, 1, 1), bounds);
  ASSERT_TRUE(ages);
  EXPECT_EQ(ages->bands[0].count + ages->unknown + ages->younger, 1);
  // And nothing of Pasuruan is visible from Jember.
  Result<domain::Worker> cross = this->db_->Workers().Get(kJember, *my_id);
  ASSERT_FALSE(cross);
  EXPECT_EQ(cross.error().code, ErrorCode::kNotFound);
}

TYPED_TEST(StorageTest, MalformedRegencyCodesAreRefused) {
  this->Migrate();
  for (std::string_view regency : {"", "35", "3514", "35.14.01", "35.14 OR 1=1"}) {
    SCOPED_TRACE(regency);
    Result<std::int64_t> count = this->db_->Workers().Count(regency);
    ASSERT_FALSE(count);
    EXPECT_EQ(count.error().code, ErrorCode::kInvalidArgument);
    Result<domain::Worker> got = this->db_->Workers().Get(regency, 1);
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  }
}

TYPED_TEST(StorageTest, FailedInsertManyLeavesTheTableAsBefore) {
  this->Migrate();
  const std::vector<std::string> regencies = {kPasuruan};
  ASSERT_TRUE(this->db_->Workers().InsertMany(MakeWorkers(100, 3, regencies)));

  std::vector<domain::Worker> batch = MakeWorkers(20'000, 4, regencies);
  batch[12'345].regency_code = "Pasuruan";  // violates the regency code CHECK
  batch[12'345].name = "Rahasia Pribadi";
  Result<std::size_t> failed = this->db_->Workers().InsertMany(batch);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidArgument) << failed.error().ToString();
  EXPECT_EQ(failed.error().ToString().find("Rahasia"), std::string::npos);
  EXPECT_EQ(failed.error().ToString().find("INSERT"), std::string::npos);
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 100);

  // The pool's connection is usable after the failure.
  batch[12'345].regency_code = kPasuruan;
  Result<std::size_t> retried = this->db_->Workers().InsertMany(batch);
  ASSERT_TRUE(retried) << retried.error().ToString();
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 20'100);
}

TYPED_TEST(StorageTest, TransactionsCommitOrRollBackTogether) {
  this->Migrate();
  const std::vector<std::string> regencies = {kPasuruan};
  {
    Result<std::unique_ptr<Transaction>> tx = this->db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    ASSERT_TRUE((*tx)->Workers().InsertMany(MakeWorkers(10, 5, regencies)));
    EXPECT_EQ(*(*tx)->Workers().Count(kPasuruan), 10);  // visible inside
    // destroyed without Commit: rolled back
  }
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 0);

  Result<std::unique_ptr<Transaction>> tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  Result<std::int64_t> id = (*tx)->Workers().Insert(MakeWorkers(1, 6, regencies)[0]);
  ASSERT_TRUE(id) << id.error().ToString();
  // A failed batch inside the transaction is undone alone (savepoint); the insert stays.
  std::vector<domain::Worker> bad = MakeWorkers(30, 7, regencies);
  bad[17].regency_code = "xx.yy";
  Result<std::size_t> failed = (*tx)->Workers().InsertMany(bad);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE((*tx)->Commit());
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 1);
  EXPECT_TRUE(this->db_->Workers().Get(kPasuruan, *id));
  Result<void> twice = (*tx)->Commit();
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
}

TYPED_TEST(StorageTest, PooledCallsWorkFromSeveralThreads) {
  this->Migrate();
  const std::vector<std::string> regencies = {kPasuruan};
  constexpr int kThreads = 4;
  constexpr int kInsertsPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::vector<domain::Worker> mine = MakeWorkers(kInsertsPerThread, 100 + t, regencies);
      for (const domain::Worker& w : mine) {
        if (!this->db_->Workers().Insert(w)) ++failures;
        if (!this->db_->Workers().CountBySex(kPasuruan)) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), kThreads * kInsertsPerThread);
}

TYPED_TEST(StorageTest, BulkInsertOfAHundredThousandWorkers) {
  this->Migrate();
  const std::vector<std::string> regencies = {kPasuruan, kJember};
  const std::vector<domain::Worker> workers = MakeWorkers(100'000, 8, regencies);
  const auto start = std::chrono::steady_clock::now();
  Result<std::size_t> inserted = this->db_->Workers().InsertMany(workers);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(inserted) << inserted.error().ToString();
  EXPECT_EQ(*inserted, workers.size());
  Result<std::vector<CodeCount>> by_regency = this->db_->Workers().CountsByRegency();
  ASSERT_TRUE(by_regency);
  std::int64_t total = 0;
  for (const CodeCount& c : *by_regency) total += c.count;
  EXPECT_EQ(total, 100'000);
  std::printf("[ %s ] 100,000 workers inserted in %lld ms\n", std::string(TypeParam::kName).c_str(),
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));
}

TYPED_TEST(StorageTest, APoolHealsAfterTheServerDropsItsConnections) {
  if constexpr (TypeParam::kEngine != TestEngine::kPostgres) {
    GTEST_SKIP() << "only a server can drop connections";
  } else {
    this->Migrate();
    std::unique_ptr<Database> db = this->db_.OpenAnother({.pool_size = 1});
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->Workers().Count(kPasuruan));
    // As a failover does to every session of the old primary (waiting until they are gone).
    const std::string terminate =
        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
        " WHERE application_name = current_setting('application_name')"
        " AND pid <> pg_backend_pid()";
    ASSERT_TRUE(this->db_.scratch().ExecuteOnServer(terminate));
    // The lease sees the closed connection and reopens it: the call does not fail.
    Result<std::int64_t> healed = db->Workers().Count(kPasuruan);
    ASSERT_TRUE(healed) << healed.error().ToString();
    EXPECT_EQ(*healed, 0);
    // A transaction that loses its connection before COMMIT fails as Unavailable and stores
    // nothing (the server rolled it back); the next one runs on a connection opened afresh.
    Result<std::unique_ptr<Transaction>> tx = db->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    ASSERT_TRUE((*tx)->Workers().InsertMany(MakeWorkers(3, 5, std::vector<std::string>{kPasuruan})));
    ASSERT_TRUE(this->db_.scratch().ExecuteOnServer(terminate));
    Status committed = (*tx)->Commit();
    ASSERT_FALSE(committed);
    EXPECT_EQ(committed.error().code, ErrorCode::kUnavailable) << committed.error().ToString();
    tx->reset();
    EXPECT_EQ(db->Workers().Count(kPasuruan).value_or(-1), 0);
    Result<std::unique_ptr<Transaction>> again = db->Begin();
    ASSERT_TRUE(again) << again.error().ToString();
    ASSERT_TRUE((*again)->Workers().InsertMany(MakeWorkers(3, 5, std::vector<std::string>{kPasuruan})));
    ASSERT_TRUE((*again)->Commit());
    again->reset();  // the pool's one connection
    EXPECT_EQ(db->Workers().Count(kPasuruan).value_or(-1), 3);
  }
}

TYPED_TEST(StorageTest, PostgresSessionsCarryTheConfiguredTimeouts) {
  if constexpr (TypeParam::kEngine != TestEngine::kPostgres) {
    GTEST_SKIP() << "statement, lock and idle timeouts are PostgreSQL settings";
  } else {
    this->Migrate();
    // A lock held elsewhere longer than lock_timeout: the write gives up as Unavailable (503)
    // instead of waiting with a pooled connection and a request.
    std::unique_ptr<Database> db = this->db_.OpenAnother(
        {.pool_size = 1, .lock_timeout = std::chrono::milliseconds(200)});
    ASSERT_NE(db, nullptr);
    Result<std::unique_ptr<Transaction>> holder = this->db_->Begin();
    ASSERT_TRUE(holder) << holder.error().ToString();
    // The audit chain's head, which every audited change locks until it commits.
    ASSERT_TRUE((*holder)->Audit().LockHead());
    const auto start = std::chrono::steady_clock::now();
    Result<std::unique_ptr<Transaction>> waiter = db->Begin();
    ASSERT_TRUE(waiter) << waiter.error().ToString();
    Result<AuditHead> blocked = (*waiter)->Audit().LockHead();
    const auto waited = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, ErrorCode::kUnavailable) << blocked.error().ToString();
    EXPECT_NE(blocked.error().details.find("55P03"), std::string::npos) << blocked.error().details;
    EXPECT_LT(waited, std::chrono::seconds(5));
  }
}

TYPED_TEST(StorageTest, AgeBandsRejectBadBounds) {
  this->Migrate();
  const std::vector<int> cases[] = {{}, {25, 17}, {17, 17}, {-1, 5}};
  for (const std::vector<int>& bounds : cases) {
    Result<AgeBandCounts> out =
        this->db_->Workers().CountByAgeBand(kPasuruan, Date(2025, 1, 1), bounds);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
  }
}

// Outside the typed suite: behaviour of OpenDatabase itself.

TEST(OpenDatabaseTest, InMemorySqliteWorksWithOneConnection) {
  Result<std::unique_ptr<Database>> db = OpenDatabase("sqlite::memory:");
  ASSERT_TRUE(db) << db.error().ToString();
  ASSERT_TRUE((*db)->Migrate());
  {
    Result<std::unique_ptr<Transaction>> tx = (*db)->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    ASSERT_TRUE((*tx)->Workers().InsertMany(MakeWorkers(5, 9, std::vector<std::string>{kJember})));
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_EQ(*(*db)->Workers().Count(kJember), 5);
}

TEST(OpenDatabaseTest, CreatesTheFolderOfASqlitePathWithSpaces) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("jaring storage " + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  {
    Result<std::unique_ptr<Database>> db =
        OpenDatabase("sqlite:" + (folder / "sub dir" / "j.db").string());
    ASSERT_TRUE(db) << db.error().ToString();
    ASSERT_TRUE((*db)->Migrate());
    EXPECT_TRUE(std::filesystem::exists(folder / "sub dir" / "j.db"));
  }
  std::filesystem::remove_all(folder);
}

// Two processes opening one new file together (two `jaring demo seed` started at once): the
// first one's migrations hold the write lock of the file, still in rollback-journal mode, while
// the second one's switch to WAL reads it and then needs it to itself. SQLite answers that
// BUSY at once, without the busy handler (waiting could deadlock). Opening waits it out, within
// the busy timeout, instead of failing.
TEST(OpenDatabaseTest, OpeningANewFileBesideAnotherWriterWaitsForIt) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("jaring-wal-" + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(file.string() + suffix);
  }
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  std::thread release([holder] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    sqlite3_exec(holder, "COMMIT", nullptr, nullptr, nullptr);
  });
  const auto started = std::chrono::steady_clock::now();
  Result<std::unique_ptr<Database>> db = OpenDatabase("sqlite:" + file.string());
  const auto waited = std::chrono::steady_clock::now() - started;
  release.join();
  ASSERT_TRUE(db) << db.error().ToString();
  EXPECT_GE(waited, std::chrono::milliseconds(300));  // it did meet the lock
  EXPECT_TRUE((*db)->Migrate());
  db->reset();
  sqlite3_close(holder);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(file.string() + suffix);
  }
}

TEST(OpenDatabaseTest, FailuresAreValuesWithoutTheUrl) {
  struct Case {
    std::string url;
    ErrorCode code;
  };
  const Case cases[] = {
      {"mysql://root:secret@localhost/db", ErrorCode::kInvalidArgument},
      {"postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2", ErrorCode::kUnavailable},
      {"sqlite:/proc/secret/j.db", ErrorCode::kUnavailable},
  };
  for (const Case& c : cases) {
    Result<std::unique_ptr<Database>> db = OpenDatabase(c.url);
    ASSERT_FALSE(db) << c.url;
    EXPECT_EQ(db.error().code, c.code) << db.error().ToString();
    EXPECT_EQ(db.error().ToString().find("secret"), std::string::npos) << db.error().ToString();
  }
}

// BeginRead: beside an open writer it neither waits for the write lock nor holds the writer up
// (the writer commits while the read is open), reads one snapshot, refuses writes, and gives its
// connection back to the pool writable.
TYPED_TEST(StorageTest, ReadTransactionsTakeNoWriteLockAndRefuseWrites) {
  using namespace std::chrono_literals;
  this->Migrate();
  const std::vector<std::string> regencies = {kPasuruan};
  ASSERT_TRUE(this->db_->Workers().InsertMany(MakeWorkers(3, 8, regencies)));
  // Short lock waits: a read queued behind the writer (or the writer behind the read) fails.
  auto db = OpenDatabase(this->db_.scratch().url(), {.pool_size = 2, .busy_timeout = 300ms});
  ASSERT_TRUE(db) << db.error().ToString();
  auto writer = (*db)->Begin();
  ASSERT_TRUE(writer) << writer.error().ToString();
  ASSERT_TRUE((*writer)->Workers().Insert(MakeWorkers(1, 9, regencies)[0]));
  {
    auto reader = (*db)->BeginRead();
    ASSERT_TRUE(reader) << reader.error().ToString();
    Result<std::int64_t> before = (*reader)->Workers().Count(kPasuruan);
    ASSERT_TRUE(before) << before.error().ToString();
    EXPECT_EQ(*before, 3);  // committed rows only
    ASSERT_TRUE((*writer)->Commit());
    EXPECT_EQ(*(*reader)->Workers().Count(kPasuruan), 3);  // still its snapshot
    Result<std::int64_t> write = (*reader)->Workers().Insert(MakeWorkers(1, 10, regencies)[0]);
    EXPECT_FALSE(write) << "a read-only transaction wrote worker " << write.value_or(0);
    EXPECT_TRUE((*reader)->Commit());
  }
  EXPECT_EQ(*(*db)->Workers().Count(kPasuruan), 4);

  // One connection: after a read, committed, rolled back or abandoned, it writes again.
  auto single = OpenDatabase(this->db_.scratch().url(), {.pool_size = 1});
  ASSERT_TRUE(single) << single.error().ToString();
  for (int ending = 0; ending < 3; ++ending) {
    {
      auto reader = (*single)->BeginRead();
      ASSERT_TRUE(reader) << reader.error().ToString();
      EXPECT_TRUE((*reader)->Workers().Count(kPasuruan));
      if (ending == 0) {
        EXPECT_TRUE((*reader)->Commit());
      } else if (ending == 1) {
        (*reader)->Rollback();
      }
    }
    auto tx = (*single)->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    auto id = (*tx)->Workers().Insert(MakeWorkers(1, 20 + ending, regencies)[0]);
    ASSERT_TRUE(id) << "after read ending " << ending << ": " << id.error().ToString();
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 7);
}

TYPED_TEST(StorageTest, BulkLoadNotCommittedLeavesTheDatabaseAsBefore) {
  this->Migrate();
  const std::vector<std::string> indexes = WorkerIndexes(this->db_.scratch().url());
  ASSERT_GE(indexes.size(), 4u);  // the migrations' indexes, whatever their names (0020: 4)
  const std::vector<std::string> regencies = {kPasuruan};
  ASSERT_TRUE(this->db_->Workers().InsertMany(MakeWorkers(10, 1, regencies)));
  {
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    BulkLoad(**tx, MakeWorkers(kBulkRows, 2, regencies));
    EXPECT_EQ(*(*tx)->Workers().Count(kPasuruan), static_cast<std::int64_t>(kBulkRows + 10));
    // destroyed without Commit, as by a crash or a kill
  }
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 10);
  EXPECT_EQ(WorkerIndexes(this->db_.scratch().url()), indexes);

  // Rolled back explicitly, with the load still open: the same; the connection is reusable.
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  BulkLoad(**tx, MakeWorkers(kBulkRows, 3, regencies));
  (*tx)->Rollback();
  tx->reset();
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), 10);
  EXPECT_EQ(WorkerIndexes(this->db_.scratch().url()), indexes);
  auto again = this->db_->Begin();
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_TRUE((*again)->Workers().BeginBulkLoad(kPasuruan, kBulkRows));
  EXPECT_TRUE((*again)->Workers().EndBulkLoad());
}

TYPED_TEST(StorageTest, BulkLoadCommittedReadsBackLikeAnyInsert) {
  this->Migrate();
  const std::vector<std::string> indexes = WorkerIndexes(this->db_.scratch().url());
  ASSERT_GE(indexes.size(), 4u);  // the migrations' indexes, whatever their names (0020: 4)
  const std::vector<std::string> regencies = {kPasuruan};
  const std::vector<domain::Worker> workers = MakeWorkers(kBulkRows, 4, regencies);
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  const std::int64_t batch = BulkLoad(**tx, workers);
  ASSERT_TRUE((*tx)->Workers().EndBulkLoad());
  ASSERT_TRUE((*tx)->Commit());

  EXPECT_EQ(WorkerIndexes(this->db_.scratch().url()), indexes);
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), static_cast<std::int64_t>(kBulkRows));
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

TYPED_TEST(StorageTest, BulkLoadCommitEndsALoadLeftOpen) {
  this->Migrate();
  const std::vector<std::string> indexes = WorkerIndexes(this->db_.scratch().url());
  ASSERT_GE(indexes.size(), 4u);  // the migrations' indexes, whatever their names (0020: 4)
  const std::vector<std::string> regencies = {kPasuruan};
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  BulkLoad(**tx, MakeWorkers(kBulkRows, 5, regencies));
  ASSERT_TRUE((*tx)->Commit());  // no EndBulkLoad: Commit puts the indexes back first
  EXPECT_EQ(WorkerIndexes(this->db_.scratch().url()), indexes);
  EXPECT_EQ(*this->db_->Workers().Count(kPasuruan), static_cast<std::int64_t>(kBulkRows));
}

TYPED_TEST(StorageTest, BulkLoadOnlyInsideATransactionAndOnce) {
  this->Migrate();
  Status pooled = this->db_->Workers().BeginBulkLoad(kPasuruan, kBulkRows);
  ASSERT_FALSE(pooled);
  EXPECT_EQ(pooled.error().code, ErrorCode::kFailedPrecondition);
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  Status end = (*tx)->Workers().EndBulkLoad();
  ASSERT_FALSE(end);
  EXPECT_EQ(end.error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE((*tx)->Workers().BeginBulkLoad(kPasuruan, kBulkRows));
  Status twice = (*tx)->Workers().BeginBulkLoad(kPasuruan, kBulkRows);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace jaring::storage
