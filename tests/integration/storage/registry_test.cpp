// The registry queries of WorkerRepository (issue 4, item 7) on SQLite and PostgreSQL: filtered,
// sorted, paged lists with their totals, NIK-prefix and spelling-tolerant name search, records
// with their extras, households, edits with before/after, bulk status changes and streaming.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "domain/nik.hpp"
#include "storage/database.hpp"
#include "test_database.hpp"

namespace jaring::storage {
namespace {

using std::chrono::year_month_day;
using testing::MigratedDatabase;

using testing::Date;

// A worker whose NIK agrees with its sex and birth date (serial makes it unique).
domain::Worker Person(std::string name, std::string village, domain::Sex sex, year_month_day born,
                      int serial, std::string occupation = "petani",
                      domain::WorkerStatus status = domain::WorkerStatus::kActive) {
  domain::Worker w;
  w.regency_code = village.substr(0, 5);
  const std::string district = village.substr(0, 8);
  w.nik = domain::EncodeNik(district, born, sex, serial).value();
  w.kk = w.nik.substr(0, 6) + "0101200" + std::to_string(100 + serial % 900);
  w.name = std::move(name);
  w.name_original = w.name;
  w.sex = sex;
  w.birth_date = born;
  w.village_code = std::move(village);
  w.occupation = std::move(occupation);
  w.status = status;
  w.source = "Dinas Pertanian";
  return w;
}

std::vector<std::string> Names(const std::vector<WorkerRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.worker.name);
  return out;
}

template <typename E>
class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!db_.Open(E::kEngine, {.clock = &clock_})) return;
    using domain::Sex;
    workers_ = {
        Person("Muhamad Supardi", "35.14.01.2001", Sex::kMale, Date(1975, 3, 2), 1),
        Person("Sumarni", "35.14.01.2001", Sex::kFemale, Date(1980, 5, 17), 2),
        Person("Siti Aminah", "35.14.02.2001", Sex::kFemale, Date(2001, 1, 9), 3, "nelayan"),
        Person("Achmad Fauzi", "35.14.02.2002", Sex::kMale, Date(1960, 12, 30), 4, "nelayan",
               domain::WorkerStatus::kCandidate),
        Person("Budi Santoso", "35.14.03.2001", Sex::kMale, Date(1990, 7, 7), 5),
        // Another regency with a matching name: never returned to 35.14.
        Person("Muhammad Supardi", "35.13.01.2001", Sex::kMale, Date(1975, 3, 2), 6),
    };
    workers_[1].kk = workers_[0].kk;  // one household
    workers_[4].nik = "3514031234";   // a broken NIK: has issues
    ASSERT_TRUE(db_->Workers().InsertMany(workers_));
    auto all = db_->Workers().Find("35.14", {.limit = 100});
    ASSERT_TRUE(all) << all.error().ToString();
    for (const auto& r : all->items) ids_[r.worker.name] = r.worker.id;
  }

  WorkerPage Find(WorkerQuery query) {
    auto page = db_->Workers().Find("35.14", query);
    EXPECT_TRUE(page) << page.error().ToString();
    return page ? *page : WorkerPage{};
  }

  FixedClock clock_{std::chrono::sys_days(Date(2026, 11, 23)) + std::chrono::hours(3)};
  MigratedDatabase db_;
  std::vector<domain::Worker> workers_;
  std::map<std::string, std::int64_t> ids_;
};

TYPED_TEST_SUITE(RegistryTest, testing::BothEngineTypes, testing::EngineTypeNames);

TYPED_TEST(RegistryTest, ListsOneRegencySortedAndPagedWithTotal) {
  WorkerPage page = this->Find({.limit = 2});
  EXPECT_EQ(page.total, 5);
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Achmad Fauzi", "Budi Santoso"}));
  page = this->Find({.offset = 4, .limit = 2});
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Sumarni"}));
  page = this->Find({.sort = WorkerSort::kBirthDate, .descending = true, .limit = 2});
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Siti Aminah", "Budi Santoso"}));
  page = this->Find({.sort = WorkerSort::kDistrict, .limit = 10});
  ASSERT_EQ(page.items.size(), 5u);
  EXPECT_EQ(page.items.front().worker.village_code.substr(0, 8), "35.14.01");
  EXPECT_EQ(page.items.back().worker.name, "Budi Santoso");
  page = this->Find({.offset = 50, .limit = 10});
  EXPECT_EQ(page.total, 5);
  EXPECT_TRUE(page.items.empty());
}

TYPED_TEST(RegistryTest, RecordsCarryTimestampsFlagsAndNoBatch) {
  auto record = this->db_->Workers().GetRecord("35.14", this->ids_["Sumarni"]);
  ASSERT_TRUE(record) << record.error().ToString();
  EXPECT_EQ(record->created_at, "2026-11-23T03:00:00Z");
  EXPECT_EQ(record->updated_at, "2026-11-23T03:00:00Z");
  EXPECT_FALSE(record->has_issues);
  EXPECT_FALSE(record->last_batch_id);
  EXPECT_EQ(record->worker.name, "Sumarni");
  auto broken = this->db_->Workers().GetRecord("35.14", this->ids_["Budi Santoso"]);
  ASSERT_TRUE(broken);
  EXPECT_TRUE(broken->has_issues);
  // Another regency's worker is not found from 35.14.
  auto foreign = this->db_->Workers().Find("35.13", {.limit = 1});
  ASSERT_TRUE(foreign);
  ASSERT_EQ(foreign->items.size(), 1u);
  auto hidden = this->db_->Workers().GetRecord("35.14", foreign->items[0].worker.id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
}

TYPED_TEST(RegistryTest, EveryFilterRunsInTheQuery) {
  struct Case {
    std::string label;
    WorkerFilter filter;
    std::vector<std::string> names;
  };
  const std::vector<Case> cases = {
      {"district", {.district_code = "35.14.02"}, {"Achmad Fauzi", "Siti Aminah"}},
      {"village", {.village_code = "35.14.02.2002"}, {"Achmad Fauzi"}},
      {"occupation", {.occupation = "nelayan"}, {"Achmad Fauzi", "Siti Aminah"}},
      {"status", {.status = domain::WorkerStatus::kCandidate}, {"Achmad Fauzi"}},
      {"sex", {.sex = domain::Sex::kFemale}, {"Siti Aminah", "Sumarni"}},
      {"source",
       {.source = "Dinas Pertanian"},
       {"Achmad Fauzi", "Budi Santoso", "Muhamad Supardi", "Siti Aminah", "Sumarni"}},
      {"other source", {.source = "Desa"}, {}},
      // Aged 45-54 on 2026-11-23: born after 1971-11-23 and on or before 1981-11-23.
      {"age band",
       {.born_after = Date(1971, 11, 23), .born_on_or_before = Date(1981, 11, 23)},
       {"Muhamad Supardi", "Sumarni"}},
      {"has issues", {.has_issues = true}, {"Budi Santoso"}},
      {"no issues",
       {.sex = domain::Sex::kMale, .has_issues = false},
       {"Achmad Fauzi", "Muhamad Supardi"}},
      {"nik prefix", {.nik_prefix = "351402"}, {"Achmad Fauzi", "Siti Aminah"}},
      {"nik prefix none", {.nik_prefix = "3599"}, {}},
      {"old spelling", {.name = "Moehammad Soepardi"}, {"Muhamad Supardi"}},
      {"variant prefix", {.name = "Mochamad Sup"}, {"Muhamad Supardi"}},
      {"achmad", {.name = "ahmad"}, {"Achmad Fauzi"}},
      {"case and spaces", {.name = "  SITI  "}, {"Siti Aminah"}},
      {"combined", {.district_code = "35.14.01", .sex = domain::Sex::kFemale}, {"Sumarni"}},
      // A search combined with other filters (SQLite lets the search's index drive them).
      {"name in a district", {.name = "sumarni", .district_code = "35.14.01"}, {"Sumarni"}},
      {"name in another district", {.name = "sumarni", .district_code = "35.14.02"}, {}},
      {"name in a village", {.name = "Achmad", .village_code = "35.14.02.2002"}, {"Achmad Fauzi"}},
      {"name with status",
       {.name = "Ahmad", .status = domain::WorkerStatus::kCandidate},
       {"Achmad Fauzi"}},
      {"name with occupation and sex",
       {.name = "Siti", .occupation = "nelayan", .sex = domain::Sex::kFemale},
       {"Siti Aminah"}},
      {"name with age band",
       {.name = "Moehammad",
        .born_after = Date(1971, 11, 23),
        .born_on_or_before = Date(1981, 11, 23)},
       {"Muhamad Supardi"}},
      {"nik prefix with sex and source",
       {.nik_prefix = "3514", .source = "Dinas Pertanian", .sex = domain::Sex::kFemale},
       {"Siti Aminah", "Sumarni"}},
      {"sex and age band",
       {.sex = domain::Sex::kFemale,
        .born_after = Date(1971, 11, 23),
        .born_on_or_before = Date(1981, 11, 23)},
       {"Sumarni"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    WorkerPage page = this->Find({.filter = c.filter, .limit = 50});
    std::vector<std::string> names = Names(page.items);
    if (!c.filter.nik_prefix.empty()) std::ranges::sort(names);  // listed by NIK, see below
    EXPECT_EQ(names, c.names);
    EXPECT_EQ(page.total, static_cast<std::int64_t>(c.names.size()));
  }
  auto bad = this->db_->Workers().Find("35.14", {.filter = {.nik_prefix = "35' OR 1=1"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

// A search sorted by name (the default) lists in the searched key's order; a sort by birth date
// or last change within a place or a name sorts the matches; a district sorts by name within.
TYPED_TEST(RegistryTest, SearchesListInTheOrderOfWhatWasSearched) {
  auto niks = [](const WorkerPage& page) {
    std::vector<std::string> out;
    for (const auto& r : page.items) out.push_back(r.worker.nik);
    return out;
  };
  WorkerPage page = this->Find({.filter = {.nik_prefix = "3514"}, .limit = 50});
  ASSERT_EQ(page.items.size(), 5u);
  EXPECT_TRUE(std::ranges::is_sorted(niks(page)));
  page = this->Find({.filter = {.nik_prefix = "3514"}, .descending = true, .limit = 50});
  EXPECT_TRUE(std::ranges::is_sorted(niks(page), std::greater<>()));
  page = this->Find({.filter = {.district_code = "35.14.02"},
                     .sort = WorkerSort::kBirthDate,
                     .descending = true,
                     .limit = 50});
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Siti Aminah", "Achmad Fauzi"}));
  page = this->Find({.filter = {.name = "s"}, .sort = WorkerSort::kBirthDate, .limit = 50});
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Sumarni", "Siti Aminah"}));
  page = this->Find({.filter = {.district_code = "35.14.02"},
                     .sort = WorkerSort::kUpdatedAt,
                     .descending = true,
                     .limit = 50});
  // Both were stored at the same instant: the later id first.
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Achmad Fauzi", "Siti Aminah"}));
  page = this->Find({.filter = {.village_code = "35.14.02.2001"}, .sort = WorkerSort::kNik});
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Siti Aminah"}));
  page = this->Find({.sort = WorkerSort::kDistrict, .descending = true, .limit = 50});
  EXPECT_EQ(Names(page.items),
            (std::vector<std::string>{"Budi Santoso", "Siti Aminah", "Achmad Fauzi", "Sumarni",
                                      "Muhamad Supardi"}));
}

// A list narrowed to many rows and sorted by birth date, last change or NIK is read by walking
// the sort's index, by probing its first rows or by sorting the matches (SortPlan in
// worker_repository.cpp), depending on the count and on whether the filter clusters. Every
// plan must give the page that sorting all matches gives: here checked against ForEach, which
// always sorts the matches, on pages that the probe fills and pages it cannot.
TYPED_TEST(RegistryTest, LargeFilteredListsPageAlikeWhicheverPlan) {
  using domain::Sex;
  // 24,000 workers in two imports a day apart: the later one holds district 35.14.01 (12,000
  // rows together, as a list arrives) and the source "Desa Sumberrejo"; occupations, sexes and
  // birth dates are spread.
  auto batch = [](int from, int to) {
    std::vector<domain::Worker> out;
    for (int i = from; i < to; ++i) {
      const std::string village =
          i >= 12'000 ? "35.14.01.2001" : (i % 2 == 0 ? "35.14.02.2001" : "35.14.03.2001");
      const Sex sex = i % 2 == 0 ? Sex::kMale : Sex::kFemale;
      const year_month_day born =
          Date(1960 + (i * 7919) % 40, 1 + static_cast<unsigned>(i % 12), 1 + (i * 31) % 28);
      domain::Worker w = Person("Pekerja " + std::to_string(i), village, sex, born, 1 + i % 9000,
                                i % 4 == 0 ? "nelayan" : "petani");
      w.kk = "";
      if (i >= 12'000) w.source = "Desa Sumberrejo";
      out.push_back(std::move(w));
    }
    return out;
  };
  ASSERT_TRUE(this->db_->Workers().InsertMany(batch(0, 12'000)));
  this->clock_.Advance(std::chrono::hours(24));
  ASSERT_TRUE(this->db_->Workers().InsertMany(batch(12'000, 24'000)));

  struct Case {
    const char* label;
    WorkerFilter filter;
    WorkerSort sort;
    bool descending;
  };
  const std::vector<Case> cases = {
      {"district (clusters), last change, newest first",
       {.district_code = "35.14.01"},
       WorkerSort::kUpdatedAt,
       true},
      {"district (clusters), last change, oldest first",
       {.district_code = "35.14.01"},
       WorkerSort::kUpdatedAt,
       false},
      {"district (clusters), NIK", {.district_code = "35.14.01"}, WorkerSort::kNik, false},
      {"source (clusters), last change",
       {.source = "Dinas Pertanian"},
       WorkerSort::kUpdatedAt,
       false},
      {"district, birth date", {.district_code = "35.14.01"}, WorkerSort::kBirthDate, true},
      {"occupation (spread), last change", {.occupation = "petani"}, WorkerSort::kUpdatedAt, true},
      {"occupation (spread), birth date", {.occupation = "petani"}, WorkerSort::kBirthDate, false},
      {"sex (spread), NIK", {.sex = Sex::kFemale}, WorkerSort::kNik, true},
      {"name (spread), birth date", {.name = "pekerja"}, WorkerSort::kBirthDate, false},
      {"few matches, last change",
       {.district_code = "35.14.02", .occupation = "nelayan"},
       WorkerSort::kUpdatedAt,
       true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    std::vector<std::int64_t> all;
    auto streamed = this->db_->Workers().ForEach("35.14", c.filter, c.sort, c.descending,
                                                 [&](const WorkerRecord& r) {
                                                   all.push_back(r.worker.id);
                                                   return true;
                                                 });
    ASSERT_TRUE(streamed) << streamed.error().ToString();
    ASSERT_GT(all.size(), 2'000u);
    for (const std::int64_t offset : {0, 200, 5'000}) {
      const WorkerPage page = this->Find({.filter = c.filter,
                                          .sort = c.sort,
                                          .descending = c.descending,
                                          .offset = offset,
                                          .limit = 50,
                                          .exact_total_up_to = 10'000});
      std::vector<std::int64_t> ids;
      for (const auto& r : page.items) ids.push_back(r.worker.id);
      const auto from = all.begin() + std::min<std::size_t>(offset, all.size());
      const std::vector<std::int64_t> expected(from,
                                               from + std::min<std::size_t>(50, all.end() - from));
      EXPECT_EQ(ids, expected) << "offset " << offset;
    }
  }
}

// With exact_total_up_to, rows are counted to max(N, offset + limit): beyond it the total is
// that bound and not exact, and a further page exists.
TYPED_TEST(RegistryTest, TotalsAreExactUpToTheBoundAsked) {
  WorkerPage page = this->Find({.limit = 2, .exact_total_up_to = 2});
  EXPECT_EQ(page.total, 2);
  EXPECT_FALSE(page.total_exact);
  EXPECT_EQ(page.items.size(), 2u);
  page = this->Find({.offset = 2, .limit = 2, .exact_total_up_to = 2});
  EXPECT_EQ(page.total, 4);  // counted to the end of this page, and more follow
  EXPECT_FALSE(page.total_exact);
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Muhamad Supardi", "Siti Aminah"}));
  page = this->Find({.offset = 4, .limit = 2, .exact_total_up_to = 2});
  EXPECT_EQ(page.total, 5);
  EXPECT_TRUE(page.total_exact);
  EXPECT_EQ(Names(page.items), (std::vector<std::string>{"Sumarni"}));
  page = this->Find({.filter = {.sex = domain::Sex::kFemale}, .limit = 2, .exact_total_up_to = 2});
  EXPECT_EQ(page.total, 2);
  EXPECT_TRUE(page.total_exact);
  page = this->Find({.limit = 2, .exact_total_up_to = 5});
  EXPECT_EQ(page.total, 5);
  EXPECT_TRUE(page.total_exact);
  auto bad = this->db_->Workers().Find("35.14", {.exact_total_up_to = -1});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST(RegistryTest, HouseholdIsTheSameKkInTheRegency) {
  auto household = this->db_->Workers().ListByKk("35.14", this->workers_[0].kk, 50);
  ASSERT_TRUE(household) << household.error().ToString();
  EXPECT_EQ(Names(*household), (std::vector<std::string>{"Muhamad Supardi", "Sumarni"}));
}

TYPED_TEST(RegistryTest, GetRecordsReadsTheRegencysWorkersByIdInIdOrder) {
  // More ids than one statement takes (500), repeated and out of order; another regency's
  // worker and an unknown id are left out.
  auto many = testing::MakeWorkers(1200, 11, std::vector<std::string>{"35.14"});
  ASSERT_TRUE(this->db_->Workers().InsertMany(many));
  std::vector<WorkerRecord> expected;
  ASSERT_TRUE(this->db_->Workers().ForEach("35.14", {}, WorkerSort::kName, false,
                                           [&](const WorkerRecord& r) {
                                             expected.push_back(r);
                                             return true;
                                           }));
  ASSERT_GT(expected.size(), 1000u);
  std::ranges::sort(expected, {}, [](const WorkerRecord& r) { return r.worker.id; });
  std::vector<std::int64_t> ids;
  for (auto it = expected.rbegin(); it != expected.rend(); ++it) ids.push_back(it->worker.id);
  ids.push_back(expected.front().worker.id);
  auto foreign = this->db_->Workers().Find("35.13", {.limit = 1});
  ASSERT_TRUE(foreign && foreign->items.size() == 1u);
  ids.push_back(foreign->items.front().worker.id);
  ids.push_back(999'999'999);
  auto records = this->db_->Workers().GetRecords("35.14", ids);
  ASSERT_TRUE(records) << records.error().ToString();
  ASSERT_EQ(records->size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*records)[i].worker.id, expected[i].worker.id);
    EXPECT_EQ((*records)[i].worker.nik, expected[i].worker.nik);
    EXPECT_EQ((*records)[i].worker.name, expected[i].worker.name);
    EXPECT_EQ((*records)[i].worker.village_code, expected[i].worker.village_code);
    EXPECT_EQ((*records)[i].updated_at, expected[i].updated_at);
  }
  auto none = this->db_->Workers().GetRecords("35.14", {});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(this->db_->Workers().GetRecords("35", ids));
}

TYPED_TEST(RegistryTest, UpdateReturnsBeforeAndAfterAndRekeysTheName) {
  auto before = this->db_->Workers().Get("35.14", this->ids_["Sumarni"]);
  ASSERT_TRUE(before);
  domain::Worker changed = *before;
  changed.name = "Soemarni Wati";
  changed.village_code = "35.14.03.2001";
  changed.phone = "+6281234567890";
  this->clock_.Advance(std::chrono::seconds(3600));
  auto update = this->db_->Workers().Update(changed);
  ASSERT_TRUE(update) << update.error().ToString();
  EXPECT_EQ(update->before.worker.name, "Sumarni");
  EXPECT_EQ(update->after.worker.name, "Soemarni Wati");
  EXPECT_EQ(update->after.updated_at, "2026-11-23T04:00:00Z");
  EXPECT_EQ(update->after.created_at, "2026-11-23T03:00:00Z");
  EXPECT_EQ(update->after.worker.phone, "+6281234567890");
  WorkerPage found = this->Find({.filter = {.name = "sumarni wati", .district_code = "35.14.03"}});
  EXPECT_EQ(Names(found.items), (std::vector<std::string>{"Soemarni Wati"}));
  // Not in another regency.
  changed.regency_code = "35.13";
  changed.village_code = "35.13.01.2001";
  auto foreign = this->db_->Workers().Update(changed);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
}

TYPED_TEST(RegistryTest, SetStatusChangesOnlyOwnWorkersWhoseStatusDiffers) {
  auto foreign = this->db_->Workers().Find("35.13", {.limit = 1});
  ASSERT_TRUE(foreign);
  const std::int64_t foreign_id = foreign->items.at(0).worker.id;
  const std::vector<std::int64_t> ids = {this->ids_["Sumarni"], this->ids_["Achmad Fauzi"],
                                         foreign_id, 999999, this->ids_["Sumarni"]};
  auto changed = this->db_->Workers().SetStatus("35.14", ids, domain::WorkerStatus::kCandidate);
  ASSERT_TRUE(changed) << changed.error().ToString();
  ASSERT_EQ(changed->size(), 1u);  // Achmad Fauzi already was a candidate
  EXPECT_EQ((*changed)[0].id, this->ids_["Sumarni"]);
  EXPECT_EQ((*changed)[0].before, domain::WorkerStatus::kActive);
  EXPECT_EQ(this->db_->Workers().Get("35.14", this->ids_["Sumarni"])->status,
            domain::WorkerStatus::kCandidate);
  EXPECT_EQ(this->db_->Workers().Get("35.13", foreign_id)->status, domain::WorkerStatus::kActive);
  std::vector<std::int64_t> too_many(10'001, 1);
  EXPECT_FALSE(this->db_->Workers().SetStatus("35.14", too_many, domain::WorkerStatus::kActive));
}

TYPED_TEST(RegistryTest, ForEachStreamsTheFilteredListInOrder) {
  // More rows than one PostgreSQL cursor fetch.
  auto many = testing::MakeWorkers(4500, 7, std::vector<std::string>{"35.14"});
  ASSERT_TRUE(this->db_->Workers().InsertMany(many));
  WorkerFilter filter{.sex = domain::Sex::kFemale};
  const WorkerPage page = this->Find({.filter = filter, .sort = WorkerSort::kNik, .limit = 0});
  std::vector<std::string> niks;
  auto streamed = this->db_->Workers().ForEach("35.14", filter, WorkerSort::kNik, false,
                                               [&](const WorkerRecord& r) {
                                                 niks.push_back(r.worker.nik);
                                                 return true;
                                               });
  ASSERT_TRUE(streamed) << streamed.error().ToString();
  EXPECT_EQ(static_cast<std::int64_t>(niks.size()), page.total);
  EXPECT_GT(niks.size(), 2000u);
  EXPECT_TRUE(std::ranges::is_sorted(niks));
  // A deep page (its offset skipped on ids alone) is the same slice of the same order.
  const WorkerPage deep =
      this->Find({.filter = filter, .sort = WorkerSort::kNik, .offset = 1000, .limit = 5});
  ASSERT_EQ(deep.items.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(deep.items[i].worker.nik, niks[1000 + i]);
  int seen = 0;
  auto stopped = this->db_->Workers().ForEach("35.14", {}, WorkerSort::kName, true,
                                              [&](const WorkerRecord&) { return ++seen < 3; });
  ASSERT_TRUE(stopped);
  EXPECT_EQ(seen, 3);
}

// Rows stored before migration 0005 carry name_key '' and has_issues 0: RefreshDerivedEverywhere
// (run by `jaring serve` at start) makes them searchable and flagged in every regency, and a
// second run finds nothing to do.
TYPED_TEST(RegistryTest, RefreshDerivedKeysRowsStoredBeforeTheSearchColumns) {
  ASSERT_TRUE(this->db_.scratch().ExecuteRaw("UPDATE workers SET name_key = '', has_issues = 0"));
  EXPECT_TRUE(this->Find({.filter = {.name = "Moehammad Soepardi"}}).items.empty());
  EXPECT_TRUE(this->Find({.filter = {.has_issues = true}}).items.empty());
  auto refreshed = RefreshDerivedEverywhere(this->db_->Workers());
  ASSERT_TRUE(refreshed) << refreshed.error().ToString();
  EXPECT_EQ(*refreshed, 6);  // both regencies
  EXPECT_EQ(Names(this->Find({.filter = {.name = "Moehammad Soepardi"}}).items),
            (std::vector<std::string>{"Muhamad Supardi"}));
  EXPECT_EQ(Names(this->Find({.filter = {.has_issues = true}}).items),
            (std::vector<std::string>{"Budi Santoso"}));
  auto foreign = this->db_->Workers().Find("35.13", {.filter = {.name = "Muhammad Supardi"}});
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->total, 1);
  auto again = RefreshDerivedEverywhere(this->db_->Workers());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

}  // namespace
}  // namespace jaring::storage
