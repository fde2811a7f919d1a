// DashboardService over a real database: SQLite always, PostgreSQL when JARING_TEST_PG is set
// (scripts/with-postgres.sh sets it; `make test` always does).
#include "services/dashboard_service.hpp"

#include <gtest/gtest.h>

#include <libpq-fe.h>

#include <cstdlib>
#include <map>
#include <random>

#include "storage/database.hpp"

namespace jaring::services {
namespace {

using namespace std::chrono;

domain::Worker MakeWorker(std::string regency, std::string village, domain::Sex sex,
                          year_month_day birth, std::string occupation) {
  domain::Worker worker;
  worker.regency_code = std::move(regency);
  worker.nik = "3514010101900001";
  worker.name = "Slamet";
  worker.name_original = "SLAMET";
  worker.sex = sex;
  worker.birth_date = birth;
  worker.village_code = std::move(village);
  worker.occupation = std::move(occupation);
  worker.source = "test";
  return worker;
}

// Runs a statement on PostgreSQL through libpq; used only to make and drop a private schema.
bool PgExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  bool ok = PQstatus(conn) == CONNECTION_OK;
  if (ok) {
    PGresult* result = PQexec(conn, sql.c_str());
    ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
  }
  PQfinish(conn);
  return ok;
}

class DashboardServiceTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url = GetParam();
    if (url == "postgresql") {
      const char* pg = std::getenv("JARING_TEST_PG");
      if (pg == nullptr) {
        const char* require = std::getenv("JARING_REQUIRE_PG");
        if (require != nullptr && std::string(require) == "1") FAIL() << "JARING_TEST_PG unset";
        GTEST_SKIP() << "PostgreSQL not available: run under scripts/with-postgres.sh";
      }
      // A private schema per test, so tests run in parallel on one server.
      pg_url_ = pg;
      schema_ = "svc_" + std::to_string(std::random_device{}());
      ASSERT_TRUE(PgExec(pg_url_, "CREATE SCHEMA " + schema_));
      url = pg_url_ + (pg_url_.find('?') == std::string::npos ? "?" : "&") +
            "options=-csearch_path%3D" + schema_;
    }
    auto db = storage::OpenDatabase(url);
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auto migrated = db_->Migrate();
    ASSERT_TRUE(migrated) << migrated.error().ToString();
  }
  void TearDown() override {
    db_.reset();
    if (!schema_.empty()) PgExec(pg_url_, "DROP SCHEMA " + schema_ + " CASCADE");
  }

  std::unique_ptr<storage::Database> db_;
  std::string regency_ = "35.14", other_ = "35.13";
  std::string pg_url_, schema_;
};

TEST_P(DashboardServiceTest, CountsEveryDistrictAndBand) {
  const year_month_day today{2026y / November / 23d};
  FixedClock clock(sys_days(today) - hours(7) + hours(1));  // 01:00 WIB on 23 November
  std::vector<domain::Worker> workers = {
      MakeWorker(regency_, "35.14.01.2001", domain::Sex::kMale, 1990y / 1 / 1, "petani"),
      MakeWorker(regency_, "35.14.01.2002", domain::Sex::kFemale, 2000y / 6 / 1, "petani"),
      MakeWorker(regency_, "35.14.02.2001", domain::Sex::kFemale, 1958y / 1 / 1,
                 "buruh_tani_tembakau"),
      MakeWorker(other_, "35.13.01.2001", domain::Sex::kMale, 1980y / 1 / 1, "nelayan"),
  };
  ASSERT_TRUE(db_->Workers().InsertMany(workers));
  DashboardService service(db_->Workers(), domain::RegionIndex::Embedded(), clock);

  auto dashboard = service.ForRegency(regency_);
  ASSERT_TRUE(dashboard) << dashboard.error().ToString();
  EXPECT_EQ(dashboard->regency_name, "Kabupaten Pasuruan");
  EXPECT_EQ(dashboard->as_of, today);
  EXPECT_EQ(dashboard->workers_total, 3);
  ASSERT_EQ(dashboard->by_district.size(),
            domain::RegionIndex::Embedded().Children(regency_).size());
  std::int64_t district_sum = 0;
  for (const auto& d : dashboard->by_district) district_sum += d.count;
  EXPECT_EQ(district_sum, 3);
  EXPECT_EQ(dashboard->by_district[0].code, "35.14.01");
  EXPECT_EQ(dashboard->by_district[0].count, 2);
  ASSERT_EQ(dashboard->by_occupation.size(), 2u);
  EXPECT_EQ(dashboard->by_occupation[0].code, "petani");
  EXPECT_EQ(dashboard->by_occupation[0].count, 2);
  EXPECT_EQ(dashboard->by_sex[0].count, 1);
  EXPECT_EQ(dashboard->by_sex[1].count, 2);
  std::map<std::string, std::int64_t> bands;
  for (const auto& b : dashboard->by_age_band) bands[b.code] = b.count;
  EXPECT_EQ(bands["25-34"], 1);  // born 2000-06-01: 26
  EXPECT_EQ(bands["35-44"], 1);  // born 1990-01-01: 36
  EXPECT_EQ(bands["65+"], 1);    // born 1958-01-01: 68
}

TEST_P(DashboardServiceTest, UnknownRegencyIsNotFound) {
  SystemClock clock;
  DashboardService service(db_->Workers(), domain::RegionIndex::Embedded(), clock);
  auto dashboard = service.ForRegency("99.99");
  ASSERT_FALSE(dashboard);
  EXPECT_EQ(dashboard.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(service.ForRegency("35.14.01"));  // a district is not a regency
}

TEST(TodayInWibTest, DateFlipsAtMidnightWib) {
  using namespace std::chrono;
  FixedClock before(sys_days(2026y / November / 23d) + hours(16) + minutes(59));
  FixedClock after(sys_days(2026y / November / 23d) + hours(17));
  EXPECT_EQ(TodayInWib(before), 2026y / November / 23d);
  EXPECT_EQ(TodayInWib(after), 2026y / November / 24d);
}

INSTANTIATE_TEST_SUITE_P(Engines, DashboardServiceTest,
                         testing::Values("sqlite::memory:", "postgresql"));

}  // namespace
}  // namespace jaring::services
