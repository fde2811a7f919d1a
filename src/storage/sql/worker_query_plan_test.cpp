// The registry list's planner without a database: which plan a filtered, sorted page gets for
// its count, which columns SQLite may search an index on, and the SQL text of the count, the
// page and the export. What the engines then do with that SQL is measured by bench/registry and
// checked row for row by RegistryTest (tests/integration/storage/registry_test.cpp).
#include "storage/sql/worker_query_plan.hpp"

#include <gtest/gtest.h>

#include "storage/sql/worker_rows.hpp"

namespace jaring::storage::sql {
namespace {

using std::chrono::year;

constexpr WorkerSort kAllSorts[] = {WorkerSort::kName, WorkerSort::kNik, WorkerSort::kBirthDate,
                                    WorkerSort::kUpdatedAt, WorkerSort::kDistrict};

WorkerFilter District() { return {.district_code = "35.14.06"}; }
WorkerFilter Occupation() { return {.occupation = "petani"}; }

WorkerQuery Query(WorkerFilter filter, WorkerSort sort, bool descending, std::int64_t offset) {
  return {.filter = std::move(filter),
          .sort = sort,
          .descending = descending,
          .offset = offset,
          .limit = 50,
          .exact_total_up_to = 10'000};
}

std::string Where(Engine engine, const WorkerFilter& filter, WorkerSort sort, bool count,
                  SortPlan plan) {
  Result<FilterSql> sql = BuildFilter("35.14", filter, engine, sort, count, plan);
  EXPECT_TRUE(sql) << sql.error().ToString();
  return sql ? sql->where : "";
}

TEST(SortPlanTest, ListsSortedByNameOrUnfilteredWalkTheirIndex) {
  for (std::int64_t matches : {0, 5, 10'000, 1'000'000}) {
    for (const WorkerFilter& filter : {WorkerFilter{}, District(), Occupation()}) {
      EXPECT_EQ(SortPlanFor(filter, WorkerSort::kName, matches), SortPlan::kWalkSortIndex);
      EXPECT_EQ(SortPlanFor(filter, WorkerSort::kDistrict, matches), SortPlan::kWalkSortIndex);
    }
    for (WorkerSort sort : kAllSorts) {
      EXPECT_EQ(SortPlanFor({}, sort, matches), SortPlan::kWalkSortIndex);
    }
    // A NIK search sorted by NIK reads its own range in order.
    EXPECT_EQ(SortPlanFor({.nik_prefix = "3514"}, WorkerSort::kNik, matches),
              SortPlan::kWalkSortIndex);
  }
}

TEST(SortPlanTest, FewMatchesAreSortedAndSoIsEveryExport) {
  for (WorkerSort sort : {WorkerSort::kNik, WorkerSort::kBirthDate, WorkerSort::kUpdatedAt}) {
    EXPECT_EQ(SortPlanFor(Occupation(), sort, kWalkSortFrom - 1), SortPlan::kSortMatches);
    EXPECT_EQ(SortPlanFor(District(), sort, kWalkSortFrom - 1), SortPlan::kSortMatches);
    EXPECT_EQ(SortPlanFor(Occupation(), sort, /*export=*/0), SortPlan::kSortMatches);
  }
}

TEST(SortPlanTest, ManyMatchesWalkUnlessTheFilterClustersInTheSortOrder) {
  const WorkerFilter spread[] = {
      Occupation(),
      {.status = domain::WorkerStatus::kCandidate},
      {.sex = domain::Sex::kFemale},
      {.born_after = year{1970} / 1 / 1},
      {.name = "supardi"},
      {.has_issues = true},
  };
  const WorkerFilter clustered[] = {District(),
                                    {.village_code = "35.14.01.2001"},
                                    {.source = "Dinas Pertanian"},
                                    {.nik_prefix = "351406"}};
  for (WorkerSort sort : {WorkerSort::kBirthDate, WorkerSort::kUpdatedAt, WorkerSort::kNik}) {
    for (const WorkerFilter& filter : spread) {
      EXPECT_EQ(SortPlanFor(filter, sort, kWalkSortFrom), SortPlan::kWalkSortIndex);
    }
  }
  for (const WorkerFilter& filter : clustered) {
    EXPECT_EQ(SortPlanFor(filter, WorkerSort::kUpdatedAt, kWalkSortFrom),
              SortPlan::kProbeSortIndex);
    // Nothing clusters by birth date.
    EXPECT_EQ(SortPlanFor(filter, WorkerSort::kBirthDate, kWalkSortFrom), SortPlan::kWalkSortIndex);
  }
  EXPECT_EQ(SortPlanFor(District(), WorkerSort::kNik, kWalkSortFrom), SortPlan::kProbeSortIndex);
}

TEST(SortPlanTest, ANameOfTitlesOnlyDoesNotNarrow) {
  ASSERT_TRUE(NameSearchKey("H. Drs.").empty());
  EXPECT_EQ(SortPlanFor({.name = "H. Drs."}, WorkerSort::kUpdatedAt, 0), SortPlan::kWalkSortIndex);
  EXPECT_EQ(Where(Engine::kSqlite, {.name = "H. Drs."}, WorkerSort::kName, true,
                  SortPlan::kWalkSortIndex),
            " WHERE regency_code = :r");
}

TEST(ProbeBudgetTest, TwentyRowsPerRowNeededWithinBounds) {
  EXPECT_EQ(ProbeBudget(0, 50), 2'000);  // 1,000 needed: the floor
  EXPECT_EQ(ProbeBudget(100, 50), 3'000);
  EXPECT_EQ(ProbeBudget(450, 50), 10'000);
  EXPECT_EQ(ProbeBudget(5'000, 50), 10'000);  // the ceiling
}

TEST(IndexUseTest, PostgresPlansWithItsOwnStatistics) {
  for (WorkerSort sort : kAllSorts) {
    for (bool count : {false, true}) {
      for (SortPlan plan :
           {SortPlan::kWalkSortIndex, SortPlan::kSortMatches, SortPlan::kProbeSortIndex}) {
        EXPECT_EQ(IndexUseFor(Engine::kPostgres, Occupation(), sort, count, plan), IndexUse{});
      }
    }
  }
}

TEST(IndexUseTest, AWalkedPageOnSqliteSearchesOnlyItsSortIndex) {
  const WorkerFilter filter = {.nik_prefix = "3514", .occupation = "petani"};
  EXPECT_EQ(
      IndexUseFor(Engine::kSqlite, filter, WorkerSort::kUpdatedAt, false, SortPlan::kWalkSortIndex),
      (IndexUse{false, false, false, false}));
  EXPECT_EQ(
      IndexUseFor(Engine::kSqlite, filter, WorkerSort::kNik, false, SortPlan::kProbeSortIndex),
      (IndexUse{true, false, false, false}));
  EXPECT_EQ(
      IndexUseFor(Engine::kSqlite, filter, WorkerSort::kBirthDate, false, SortPlan::kWalkSortIndex),
      (IndexUse{false, false, false, true}));
}

TEST(IndexUseTest, SqliteCountsAndSortedMatchesLetTheSmallestSetDrive) {
  const WorkerFilter band = {.born_after = year{1970} / 1 / 1};
  // A name search drives: nothing else is searched.
  EXPECT_EQ(IndexUseFor(Engine::kSqlite, {.name = "supardi", .district_code = "35.14.01"},
                        WorkerSort::kUpdatedAt, true, SortPlan::kSortMatches),
            (IndexUse{true, false, false, false}));
  // A NIK prefix drives over status, source and sex, not over places and occupations.
  EXPECT_EQ(IndexUseFor(Engine::kSqlite, {.nik_prefix = "3514"}, WorkerSort::kUpdatedAt, true,
                        SortPlan::kSortMatches),
            (IndexUse{true, true, false, false}));
  // A count reads an age band off the birth-date index; so do matches that are to be sorted.
  EXPECT_EQ(IndexUseFor(Engine::kSqlite, band, WorkerSort::kName, true, SortPlan::kWalkSortIndex),
            (IndexUse{true, true, true, true}));
  EXPECT_EQ(
      IndexUseFor(Engine::kSqlite, band, WorkerSort::kUpdatedAt, false, SortPlan::kSortMatches),
      (IndexUse{true, true, true, true}));
  // A page sorted by name tests the band on the name index instead.
  EXPECT_EQ(IndexUseFor(Engine::kSqlite, band, WorkerSort::kName, false, SortPlan::kWalkSortIndex),
            (IndexUse{true, true, true, false}));
}

TEST(PrefixUpperTest, IsTheNextStringAfterEveryExtension) {
  EXPECT_EQ(PrefixUpper("3514"), "3515");
  EXPECT_EQ(PrefixUpper("3519"), "351:");
  EXPECT_EQ(PrefixUpper("supa"), "supb");
  EXPECT_EQ(PrefixUpper("ab~"), "ac");  // '~' has no ASCII successor below DEL
  EXPECT_EQ(PrefixUpper("~"), "\x7f");
}

TEST(BuildFilterTest, EveryFilterIsABoundParameterAfterTheRegency) {
  const WorkerFilter filter = {.nik_prefix = "3514",
                               .name = "Moehammad",
                               .district_code = "35.14.01",
                               .village_code = "35.14.01.2001",
                               .occupation = "petani",
                               .source = "Desa Lebakrejo",
                               .status = domain::WorkerStatus::kCandidate,
                               .sex = domain::Sex::kMale,
                               .born_after = year{1960} / 1 / 31,
                               .born_on_or_before = year{1980} / 12 / 1,
                               .has_issues = false};
  Result<FilterSql> sql = BuildFilter("35.14", filter, Engine::kPostgres, WorkerSort::kName,
                                      /*count=*/true, SortPlan::kSortMatches);
  ASSERT_TRUE(sql) << sql.error().ToString();
  EXPECT_EQ(sql->where,
            " WHERE regency_code = :r AND nik >= :f0 AND nik < :f1 AND name_key >= :f2"
            " AND name_key < :f3 AND district_code = :f4 AND village_code = :f5"
            " AND occupation = :f6 AND source = :f7 AND status = :f8 AND sex = :f9"
            " AND birth_date > :f10 AND birth_date <= :f11 AND has_issues = 0");
  const std::string key = NameSearchKey("Moehammad");
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(sql->params,
            (std::vector<std::string>{"35.14", "3514", "3515", key, PrefixUpper(key), "35.14.01",
                                      "35.14.01.2001", "petani", "Desa Lebakrejo", "calon", "L",
                                      "1960-01-31", "1980-12-01"}));
}

TEST(BuildFilterTest, SqliteTestsTheColumnsItMustNotSearch) {
  const WorkerFilter filter = {.name = "supardi", .status = domain::WorkerStatus::kActive};
  EXPECT_EQ(Where(Engine::kSqlite, filter, WorkerSort::kName, true, SortPlan::kWalkSortIndex),
            " WHERE regency_code = :r AND name_key >= :f0 AND name_key < :f1 AND +status = :f2");
  EXPECT_EQ(
      Where(Engine::kSqlite, District(), WorkerSort::kUpdatedAt, false, SortPlan::kProbeSortIndex),
      " WHERE regency_code = :r AND +district_code = :f0");
  EXPECT_EQ(
      Where(Engine::kSqlite, District(), WorkerSort::kUpdatedAt, false, SortPlan::kSortMatches),
      " WHERE regency_code = :r AND district_code = :f0");
}

TEST(BuildFilterTest, ANikPrefixIsDigitsOnly) {
  Result<FilterSql> sql = BuildFilter("35.14", {.nik_prefix = "35' OR 1=1"}, Engine::kSqlite,
                                      WorkerSort::kName, false, SortPlan::kWalkSortIndex);
  ASSERT_FALSE(sql);
  EXPECT_EQ(sql.error().code, ErrorCode::kInvalidArgument);
}

TEST(OrderByTest, SortKeysAndTheirUnindexedFormsForSortedMatches) {
  struct Case {
    Engine engine;
    WorkerFilter filter;
    WorkerSort sort;
    bool descending;
    SortPlan plan;
    const char* order;
  };
  const Case cases[] = {
      {Engine::kSqlite,
       {},
       WorkerSort::kName,
       false,
       SortPlan::kWalkSortIndex,
       " ORDER BY name, id"},
      {Engine::kSqlite,
       {.nik_prefix = "3514"},
       WorkerSort::kName,
       false,
       SortPlan::kWalkSortIndex,
       " ORDER BY nik, id"},
      {Engine::kSqlite,
       {.name = "supardi"},
       WorkerSort::kName,
       true,
       SortPlan::kWalkSortIndex,
       " ORDER BY name_key DESC, id DESC"},
      {Engine::kPostgres,
       {},
       WorkerSort::kDistrict,
       true,
       SortPlan::kWalkSortIndex,
       " ORDER BY district_code DESC, name DESC, id DESC"},
      {Engine::kSqlite, Occupation(), WorkerSort::kBirthDate, false, SortPlan::kWalkSortIndex,
       " ORDER BY birth_date, id"},
      {Engine::kSqlite, Occupation(), WorkerSort::kBirthDate, false, SortPlan::kSortMatches,
       " ORDER BY +birth_date, id"},
      {Engine::kPostgres, Occupation(), WorkerSort::kBirthDate, false, SortPlan::kSortMatches,
       " ORDER BY (birth_date + 0), id"},
      {Engine::kPostgres, District(), WorkerSort::kUpdatedAt, true, SortPlan::kSortMatches,
       " ORDER BY (updated_at + INTERVAL '0 seconds') DESC, id DESC"},
      {Engine::kPostgres, District(), WorkerSort::kNik, false, SortPlan::kSortMatches,
       " ORDER BY (nik || ''), id"},
      {Engine::kSqlite, District(), WorkerSort::kUpdatedAt, true, SortPlan::kProbeSortIndex,
       " ORDER BY updated_at DESC, id DESC"},
      // A NIK search sorted by NIK keeps its index order even among sorted matches.
      {Engine::kSqlite,
       {.nik_prefix = "3514"},
       WorkerSort::kNik,
       false,
       SortPlan::kSortMatches,
       " ORDER BY nik, id"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(OrderBy(c.engine, c.filter, c.sort, c.descending, c.plan), c.order) << c.order;
  }
}

TEST(CountTest, CapsAtTheBoundOrThePageWhicheverIsFurther) {
  EXPECT_EQ(CountCap({.exact_total_up_to = 0}), 0);
  EXPECT_EQ(CountCap(Query({}, WorkerSort::kName, false, 0)), 10'000);
  EXPECT_EQ(CountCap(Query({}, WorkerSort::kName, false, 20'000)), 20'050);
  EXPECT_EQ(CountSql(" WHERE regency_code = :r", 0),
            "SELECT COUNT(*) FROM workers WHERE regency_code = :r");
  EXPECT_EQ(CountSql(" WHERE regency_code = :r", 10'000),
            "SELECT COUNT(*) FROM (SELECT 1 FROM workers WHERE regency_code = :r LIMIT 10001)"
            " capped");
}

TEST(PageSqlTest, ShallowWalksReadThePageDirectly) {
  const WorkerQuery query = Query(Occupation(), WorkerSort::kUpdatedAt, true, 100);
  const std::string where = " WHERE regency_code = :r AND +occupation = :f0";
  EXPECT_EQ(PageSql(Engine::kSqlite, where, query, SortPlan::kWalkSortIndex),
            "SELECT " + WorkerRecordColumns(Engine::kSqlite) + " FROM workers" + where +
                " ORDER BY updated_at DESC, id DESC LIMIT 50 OFFSET 100");
}

TEST(PageSqlTest, DeepPagesAndSortedMatchesSortIdsFirst) {
  const std::string where = " WHERE regency_code = :r AND occupation = :f0";
  const std::string columns = WorkerRecordColumns(Engine::kPostgres);
  EXPECT_EQ(PageSql(Engine::kPostgres, where, Query(Occupation(), WorkerSort::kName, false, 1000),
                    SortPlan::kWalkSortIndex),
            "SELECT " + columns +
                " FROM workers WHERE regency_code = :p AND id IN (SELECT id FROM workers" + where +
                " ORDER BY name, id LIMIT 50 OFFSET 1000) ORDER BY name, id");
  EXPECT_EQ(PageSql(Engine::kPostgres, where, Query(Occupation(), WorkerSort::kBirthDate, false, 0),
                    SortPlan::kSortMatches),
            "SELECT " + columns +
                " FROM workers WHERE regency_code = :p AND id IN (SELECT id FROM workers" + where +
                " ORDER BY (birth_date + 0), id LIMIT 50 OFFSET 0) ORDER BY (birth_date + 0), id");
  // SQLite reads the page's rows by rowid: its regency test uses no index.
  EXPECT_EQ(PageSql(Engine::kSqlite, where, Query(Occupation(), WorkerSort::kName, false, 1000),
                    SortPlan::kWalkSortIndex),
            "SELECT " + WorkerRecordColumns(Engine::kSqlite) +
                " FROM workers WHERE +regency_code = :p AND id IN (SELECT id FROM workers" + where +
                " ORDER BY name, id LIMIT 50 OFFSET 1000) ORDER BY name, id");
  EXPECT_TRUE(PageBindsRegencyFirst(Query(Occupation(), WorkerSort::kName, false, 1000),
                                    SortPlan::kWalkSortIndex));
  EXPECT_FALSE(PageBindsRegencyFirst(Query(Occupation(), WorkerSort::kName, false, 999),
                                     SortPlan::kWalkSortIndex));
}

TEST(PageSqlTest, AProbeReadsTheHeadOfTheSortOrderOnly) {
  const std::string where = " WHERE regency_code = :r AND +district_code = :f0";
  EXPECT_EQ(PageSql(Engine::kSqlite, where, Query(District(), WorkerSort::kUpdatedAt, true, 100),
                    SortPlan::kProbeSortIndex),
            "SELECT " + WorkerRecordColumns(Engine::kSqlite) +
                " FROM (SELECT * FROM workers WHERE regency_code = :p ORDER BY updated_at DESC,"
                " id DESC LIMIT 3000) head" +
                where + " ORDER BY updated_at DESC, id DESC LIMIT 50 OFFSET 100");
}

TEST(ExportSqlTest, ReadsEveryMatchInTheListsOrder) {
  const std::string where = " WHERE regency_code = :r AND occupation = :f0";
  EXPECT_EQ(ExportSql(Engine::kSqlite, where, Occupation(), WorkerSort::kBirthDate, true,
                      SortPlan::kSortMatches),
            "SELECT " + WorkerRecordColumns(Engine::kSqlite) + " FROM workers" + where +
                " ORDER BY +birth_date DESC, id DESC");
}

}  // namespace
}  // namespace jaring::storage::sql
