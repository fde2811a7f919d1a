// DashboardService over a real database: SQLite always, PostgreSQL when JARING_TEST_PG is set
// (scripts/with-postgres.sh sets it; `make test` always does).
#include "services/dashboard_service.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

#include "integration/storage/test_database.hpp"
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

class DashboardServiceTest : public testing::TestWithParam<storage::testing::TestEngine> {
 protected:
  void SetUp() override { db_.Open(GetParam()); }

  storage::testing::MigratedDatabase db_;
  std::string regency_ = "35.14", other_ = "35.13";
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

INSTANTIATE_TEST_SUITE_P(Engines, DashboardServiceTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::services
