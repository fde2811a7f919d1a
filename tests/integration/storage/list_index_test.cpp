// The registry list served from memory (storage::ServeListsFromMemory, issue 17 item 1) on SQLite
// and PostgreSQL: its pages equal the SQL plan's for filters × sorts × directions × offsets,
// and every kind of write made through another Database on the same data (another process:
// `jaring import` beside the server, an edit, a status change, a verval decision) is seen by
// the very next list.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "storage/list_in_memory.hpp"
#include "test_database.hpp"

namespace jaring::storage {
namespace {

using std::chrono::year_month_day;
using testing::MigratedDatabase;

using testing::Date;

std::vector<std::int64_t> Ids(const WorkerPage& page) {
  std::vector<std::int64_t> out;
  for (const auto& r : page.items) out.push_back(r.worker.id);
  return out;
}

template <typename E>
class ListIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!db_.Open(E::kEngine, {.clock = &clock_})) return;
    ASSERT_TRUE(ServeListsFromMemory(*db_));
    other_ = db_.OpenAnother(DatabaseOptions{.clock = &clock_});  // the SQL plan, "another process"
    ASSERT_TRUE(other_);
    const std::string regencies[] = {"35.14", "35.13"};
    workers_ = testing::MakeWorkers(3000, 5, regencies);
    for (auto& w : workers_) {
      // PostgreSQL sorts an unknown birth date last, SQLite and the index first: compared
      // elsewhere.
      if (!w.birth_date.ok()) w.birth_date = Date(1980, 1, 1);
    }
    // Repeated names: ties broken by id.
    for (std::size_t i = 0; i < workers_.size(); i += 7) workers_[i].name = "Siti Aminah";
    ASSERT_TRUE(other_->Workers().InsertMany(workers_));
  }

  WorkerPage Find(Database& db, const WorkerQuery& query) {
    auto page = db.Workers().Find("35.14", query);
    EXPECT_TRUE(page) << page.error().ToString();
    return page ? *page : WorkerPage{};
  }

  // The same query through the index and through the SQL plan.
  void ExpectAlike(const WorkerQuery& query, const std::string& what) {
    const WorkerPage memory = Find(*db_, query);
    const WorkerPage sql = Find(*other_, query);
    ASSERT_EQ(Ids(memory), Ids(sql)) << what;
    ASSERT_EQ(memory.total, sql.total) << what;
    ASSERT_EQ(memory.total_exact, sql.total_exact) << what;
    for (std::size_t i = 0; i < memory.items.size(); ++i) {
      ASSERT_EQ(memory.items[i].worker.name, sql.items[i].worker.name) << what;
      ASSERT_EQ(memory.items[i].updated_at, sql.items[i].updated_at) << what;
    }
  }

  FixedClock clock_{std::chrono::sys_days(Date(2026, 11, 23)) + std::chrono::hours(3)};
  MigratedDatabase db_;
  std::unique_ptr<Database> other_;
  std::vector<domain::Worker> workers_;
};

TYPED_TEST_SUITE(ListIndexTest, testing::BothEngineTypes, testing::EngineTypeNames);

TYPED_TEST(ListIndexTest, PagesEqualTheSqlPlans) {
  const auto& any = this->workers_.front();
  const std::string district = any.village_code.substr(0, 8);
  std::vector<WorkerFilter> filters(1);
  filters.push_back({.district_code = district});
  filters.push_back({.village_code = any.village_code});
  filters.push_back({.occupation = any.occupation});
  filters.push_back({.source = any.source});
  filters.push_back({.status = domain::WorkerStatus::kActive});
  filters.push_back({.sex = domain::Sex::kFemale});
  filters.push_back({.born_after = Date(1970, 1, 1), .born_on_or_before = Date(1985, 12, 31)});
  filters.push_back({.has_issues = true});
  filters.push_back({.nik_prefix = any.nik.substr(0, 6)});
  filters.push_back({.name = "Siti"});
  filters.push_back({.name = "Siti", .district_code = district});
  filters.push_back({.district_code = "35.14.99"});  // none
  const WorkerSort sorts[] = {WorkerSort::kName, WorkerSort::kNik, WorkerSort::kBirthDate,
                              WorkerSort::kUpdatedAt, WorkerSort::kDistrict};
  for (std::size_t f = 0; f < filters.size(); ++f) {
    for (WorkerSort sort : sorts) {
      for (bool descending : {false, true}) {
        for (std::int64_t offset : {0, 40, 1450}) {
          for (std::int64_t cap : {0, 100}) {
            this->ExpectAlike({filters[f], sort, descending, offset, 20, cap},
                              "filter " + std::to_string(f) + " sort " +
                                  std::to_string(static_cast<int>(sort)) + " desc " +
                                  std::to_string(descending) + " offset " +
                                  std::to_string(offset) + " cap " + std::to_string(cap));
            if (::testing::Test::HasFatalFailure()) return;
          }
        }
      }
    }
  }
}

TYPED_TEST(ListIndexTest, WritesThroughAnotherDatabaseAreSeenByTheNextList) {
  Database& server = *this->db_;
  Database& other = *this->other_;
  const WorkerQuery by_name{.limit = 5};
  WorkerPage first = this->Find(server, by_name);  // loads 35.14
  ASSERT_EQ(first.items.size(), 5u);
  // An edit (stamped): the renamed worker moves to the front.
  auto record = other.Workers().GetRecord("35.14", first.items[4].worker.id);
  ASSERT_TRUE(record);
  domain::Worker renamed = record->worker;
  renamed.name = "Aaaa Pertama";
  ASSERT_TRUE(other.Workers().Update(renamed));
  WorkerPage page = this->Find(server, by_name);
  ASSERT_FALSE(page.items.empty());
  EXPECT_EQ(page.items.front().worker.name, "Aaaa Pertama");
  EXPECT_EQ(page.items.front().worker.id, renamed.id);
  // A status change (stamped) of many workers, filtered at once.
  std::vector<std::int64_t> ids = Ids(this->Find(server, {.limit = 30}));
  ASSERT_TRUE(other.Workers().SetStatus("35.14", ids, domain::WorkerStatus::kDeceased));
  WorkerPage deceased =
      this->Find(server, {.filter = {.status = domain::WorkerStatus::kDeceased}, .limit = 1000});
  std::vector<std::int64_t> got = Ids(deceased);
  for (std::int64_t id : ids) EXPECT_NE(std::ranges::find(got, id), got.end()) << id;
  this->ExpectAlike({.filter = {.status = domain::WorkerStatus::kDeceased}, .limit = 1000},
                    "after the status change");
  // A bulk insert (unstamped: the regency is loaded afresh) and a single insert (stamped).
  std::vector<domain::Worker> more(this->workers_.begin(), this->workers_.begin() + 40);
  for (auto& w : more) {
    w.regency_code = "35.14";
    w.village_code = "35.14.07.2001";
    w.name = "Zulkifli Baru";
  }
  ASSERT_TRUE(other.Workers().InsertMany(more));
  more[0].name = "Zulkifli Sendiri";
  ASSERT_TRUE(other.Workers().Insert(more[0]));
  page = this->Find(server, {.filter = {.district_code = "35.14.07"}, .limit = 100});
  EXPECT_EQ(page.total, 41);
  // Each list equals the SQL plan's after all that.
  this->ExpectAlike({.sort = WorkerSort::kUpdatedAt, .descending = true, .limit = 50},
                    "after writes, by last change");
  this->ExpectAlike({.filter = {.status = domain::WorkerStatus::kDeceased},
                     .sort = WorkerSort::kName, .limit = 50},
                    "after writes, deceased");
  // Never another regency's rows, whatever the other regency's writes.
  auto foreign = this->Find(server, {.filter = {.district_code = "35.13.01"}, .limit = 10});
  EXPECT_EQ(foreign.total, 0);
}

TYPED_TEST(ListIndexTest, AStampedEditIsAppliedWithoutReloadingTheRegency) {
  // Nothing here observes the cache's internals but its effect: a list right after an edit is
  // the edit's, and an edit within another regency does not change this one's pages.
  Database& server = *this->db_;
  Database& other = *this->other_;
  const WorkerQuery by_change{.sort = WorkerSort::kUpdatedAt, .descending = true, .limit = 3};
  WorkerPage before = this->Find(server, by_change);
  ASSERT_EQ(before.items.size(), 3u);
  this->clock_.Advance(std::chrono::hours(1));
  auto record = other.Workers().GetRecord("35.14", before.items[2].worker.id);
  ASSERT_TRUE(record);
  ASSERT_TRUE(other.Workers().Update(record->worker));  // only its last change moves
  WorkerPage after = this->Find(server, by_change);
  ASSERT_FALSE(after.items.empty());
  EXPECT_EQ(after.items.front().worker.id, record->worker.id);
  EXPECT_EQ(after.items.front().updated_at, "2026-11-23T04:00:00Z");
}

TYPED_TEST(ListIndexTest, AVervalDecisionAndAnImportsUpdatesAreSeenByTheNextList) {
  Database& server = *this->db_;
  const WorkerQuery by_name{.limit = 3};
  WorkerPage first = this->Find(server, by_name);
  ASSERT_EQ(first.items.size(), 3u);
  const std::int64_t decided = first.items[0].worker.id;
  const std::int64_t reimported = first.items[1].worker.id;
  {
    auto tx = this->other_->Begin();
    ASSERT_TRUE(tx);
    // A verval decision (stamped rows).
    ASSERT_TRUE((*tx)->Verval().ChangeWorker(
        "35.14", decided, {.status = domain::WorkerStatus::kDeceased, .death_date = "2026-10-01"}));
    // An import that rewrites an existing worker (unstamped: a reload).
    ImportBatch batch;
    batch.regency_code = "35.14";
    batch.source = "Dinas Sosial";
    batch.checksum = std::string(64, 'b');
    auto batch_id = (*tx)->Imports().InsertBatch(batch);
    ASSERT_TRUE(batch_id) << batch_id.error().ToString();
    auto record = (*tx)->Workers().GetRecord("35.14", reimported);
    ASSERT_TRUE(record);
    domain::Worker changed = record->worker;
    changed.name = "Zzz Terakhir";
    ASSERT_TRUE((*tx)->Imports().UpdateWorker(changed, *batch_id));
    // Not committed yet: the list is as before.
    EXPECT_EQ(Ids(this->Find(server, by_name)), Ids(first));
    ASSERT_TRUE((*tx)->Commit());
  }
  WorkerPage page = this->Find(server, by_name);
  ASSERT_FALSE(page.items.empty());
  EXPECT_NE(page.items[0].worker.id, reimported);
  EXPECT_NE(page.items[1].worker.id, reimported);
  WorkerPage found = this->Find(server, {.filter = {.name = "Zzz Terakhir"}, .limit = 5});
  ASSERT_EQ(found.items.size(), 1u);
  EXPECT_EQ(found.items[0].worker.id, reimported);
  this->ExpectAlike({.descending = true, .limit = 50}, "after the import, by name");
  WorkerPage deceased = this->Find(
      server, {.filter = {.status = domain::WorkerStatus::kDeceased}, .limit = 1000});
  const std::vector<std::int64_t> deceased_ids = Ids(deceased);
  EXPECT_NE(std::ranges::find(deceased_ids, decided), deceased_ids.end());
  this->ExpectAlike({.filter = {.status = domain::WorkerStatus::kDeceased}, .limit = 1000},
                    "after the decision");
}

TYPED_TEST(ListIndexTest, DashboardCountsEqualTheSqlOnesAndFollowWrites) {
  Database& server = *this->db_;
  Database& other = *this->other_;
  // Unknown birth dates and a 29 February birthday count too.
  domain::Worker w = this->workers_.front();
  w.regency_code = "35.14";
  w.village_code = "35.14.01.2001";
  w.birth_date = {};
  ASSERT_TRUE(other.Workers().Insert(w));
  w.birth_date = Date(2000, 2, 29);
  ASSERT_TRUE(other.Workers().Insert(w));
  const int bounds[] = {17, 25, 35, 45, 55, 65};
  // The province's totals: in SQL for regencies not loaded, from memory for loaded ones.
  auto by_regency = server.Workers().CountsByRegency();
  ASSERT_TRUE(by_regency) << by_regency.error().ToString();
  EXPECT_EQ(*by_regency, *other.Workers().CountsByRegency());
  EXPECT_EQ(by_regency->size(), 2u);
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(*server.Workers().Count("35.14"), *other.Workers().Count("35.14"));
    EXPECT_EQ(*server.Workers().CountsByRegency(), *other.Workers().CountsByRegency());
    EXPECT_EQ(*server.Workers().Count("35.13"), *other.Workers().Count("35.13"));
    EXPECT_EQ(*server.Workers().CountByDistrict("35.14"), *other.Workers().CountByDistrict("35.14"));
    EXPECT_EQ(*server.Workers().CountByOccupation("35.14"),
              *other.Workers().CountByOccupation("35.14"));
    EXPECT_EQ(*server.Workers().CountBySex("35.14"), *other.Workers().CountBySex("35.14"));
    for (auto reference : {Date(2026, 11, 23), Date(2025, 2, 28), Date(2024, 2, 29)}) {
      EXPECT_EQ(*server.Workers().CountByAgeBand("35.14", reference, bounds),
                *other.Workers().CountByAgeBand("35.14", reference, bounds));
    }
    // A change of district and sex by another connection, then the same again.
    auto record = other.Workers().GetRecord("35.14", this->Find(server, {.limit = 1}).items[0].worker.id);
    ASSERT_TRUE(record);
    domain::Worker moved = record->worker;
    moved.village_code = "35.14.09.2001";
    moved.sex = moved.sex == domain::Sex::kMale ? domain::Sex::kFemale : domain::Sex::kMale;
    ASSERT_TRUE(other.Workers().Update(moved));
    ASSERT_TRUE(other.Workers().Insert(w));  // and one more worker
  }
}

TYPED_TEST(ListIndexTest, ListsStayOrderedWhileAnotherDatabaseWrites) {
  Database& server = *this->db_;
  Database& other = *this->other_;
  ASSERT_EQ(this->Find(server, {.limit = 1}).items.size(), 1u);  // loaded
  std::atomic<bool> writing = true;
  std::thread writer([&] {
    for (int i = 0; i < 20; ++i) {
      auto record = other.Workers().GetRecord("35.14", this->Find(other, {.offset = i * 7, .limit = 1})
                                                            .items.at(0).worker.id);
      if (!record) continue;
      domain::Worker renamed = record->worker;
      renamed.name = (i % 2 == 0 ? "Aaa " : "Zzz ") + renamed.name;
      EXPECT_TRUE(other.Workers().Update(renamed));
      if (i == 10) {
        std::vector<domain::Worker> more(this->workers_.begin(), this->workers_.begin() + 5);
        for (auto& w : more) w.regency_code = "35.14", w.village_code = "35.14.07.2001";
        EXPECT_TRUE(other.Workers().InsertMany(more));
      }
    }
    writing = false;
  });
  std::vector<std::thread> readers;
  std::atomic<int> lists = 0;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&, t] {
      while (writing || lists < 30) {
        auto page = server.Workers().Find(
            "35.14", {.sort = t == 0 ? WorkerSort::kName : WorkerSort::kDistrict,
                      .descending = t == 2, .offset = 13 * t, .limit = 40});
        EXPECT_TRUE(page) << page.error().ToString();
        if (!page) return;
        EXPECT_EQ(page->items.size(), 40u);
        for (std::size_t i = 1; t == 0 && i < page->items.size(); ++i) {
          EXPECT_LE(page->items[i - 1].worker.name, page->items[i].worker.name);
        }
        ++lists;
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  this->ExpectAlike({.limit = 100}, "after the writes, by name");
  this->ExpectAlike({.sort = WorkerSort::kDistrict, .descending = true, .limit = 100},
                    "after the writes, by district");
}

TYPED_TEST(ListIndexTest, AnUnknownBirthDateSortsFirstOnBothEngines) {
  Database& server = *this->db_;
  domain::Worker w = this->workers_.front();
  w.regency_code = "35.14";
  w.village_code = "35.14.08.2001";
  w.birth_date = {};
  auto id = this->other_->Workers().Insert(w);
  ASSERT_TRUE(id);
  WorkerPage page = this->Find(server, {.sort = WorkerSort::kBirthDate, .limit = 1});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].worker.id, *id);
  page = this->Find(server, {.sort = WorkerSort::kBirthDate, .descending = true,
                             .offset = page.total - 1, .limit = 1, .exact_total_up_to = 0});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].worker.id, *id);
}

}  // namespace
}  // namespace jaring::storage
