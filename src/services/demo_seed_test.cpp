#include "services/demo_seed.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace jaring::services
