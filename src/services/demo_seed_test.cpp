#include "services/demo_seed.hpp"

#include <gtest/gtest.h>

#include "services/demo_extracts.hpp"

namespace jaring::services {
namespace {

TEST(DemoSeedTest, SeedsOnceAndOnlyAnEmptyDatabase) {
  auto db = storage::OpenDatabase("sqlite::memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE((*db)->Migrate());
  demo::DemoOptions options;
  options.workers = 500;
  options.seed = 7;

  auto first = SeedDemoIfEmpty(**db, domain::RegionIndex::Embedded(), options);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->seeded);
  EXPECT_EQ(first->workers_inserted, 500);
  EXPECT_EQ((*db)->Workers().Count("35.14").value(), 500);

  auto second = SeedDemoIfEmpty(**db, domain::RegionIndex::Embedded(), options);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->seeded);
  EXPECT_EQ((*db)->Workers().Count("35.14").value(), 500);
}

TEST(DemoSeedTest, UnknownRegencyFailsAndStoresNothing) {
  auto db = storage::OpenDatabase("sqlite::memory:");
  ASSERT_TRUE(db);
  ASSERT_TRUE((*db)->Migrate());
  demo::DemoOptions options;
  options.regency_code = "99.99";
  auto seeded = SeedDemoIfEmpty(**db, domain::RegionIndex::Embedded(), options);
  ASSERT_FALSE(seeded);
  EXPECT_EQ(seeded.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE((*db)->Workers().CountsByRegency().value().empty());
}

TEST(DemoSeedTest, DemoPeriodIsTheMonthOfTheReferenceDate) {
  EXPECT_EQ(DemoPeriod(), "2025-07");  // DemoOptions' default as_of, 1 July 2025
  demo::DemoOptions options;
  options.as_of = std::chrono::year_month_day{std::chrono::year{2024}, std::chrono::February,
                                              std::chrono::day{29}};
  EXPECT_EQ(DemoPeriod(options), "2024-02");
}

TEST(DemoExtractsTest, RosterModeOffersTheDemoRegencysMonth) {
  DemoExtracts offer(DemoExtracts::Mode::kRoster, domain::RegionIndex::Embedded());
  EXPECT_EQ(offer.Period("35.14"), "2025-07");
  EXPECT_EQ(offer.Period("35.13"), "");
  auto deaths = offer.Csv("35.14", "deaths");
  ASSERT_TRUE(deaths) << deaths.error().ToString();
  EXPECT_EQ(*deaths,
            *DemoExtractCsv(demo::DemoOptions{}, domain::RegionIndex::Embedded(), "deaths"));
  EXPECT_EQ(offer.Csv("35.13", "deaths").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(offer.Csv("35.14", "roster").error().code, ErrorCode::kNotFound);
}

TEST(DemoExtractsTest, StoryModeOffersTheOpenMonthOfEachStoryRegency) {
  DemoExtracts offer(DemoExtracts::Mode::kStory, domain::RegionIndex::Embedded());
  for (const char* code : {"35.14", "35.13", "35.23"}) {
    EXPECT_EQ(offer.Period(code), "2025-09") << code;
    auto deaths = offer.Csv(code, "deaths");
    ASSERT_TRUE(deaths) << deaths.error().ToString();
    EXPECT_TRUE(deaths->starts_with("id,nik,name,sex,birth_date,death_date,village_code"));
    EXPECT_NE(deaths->find(",2025-09-"), std::string::npos) << "September's deaths";
    EXPECT_EQ(deaths->find(",2025-08-"), std::string::npos) << "not August's";
    auto members = offer.Csv(code, "members");
    ASSERT_TRUE(members);
    EXPECT_TRUE(members->starts_with("id,nik,name,birth_date,kpj,segment"));
  }
  EXPECT_EQ(offer.Period("35.09"), "");
  EXPECT_EQ(offer.Csv("35.09", "deaths").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace jaring::services
