// CountMonth: the figures of one settled month by area, on a registry small enough to count by
// hand: who is on the list, why the others are off it, who is covered in the month, and how
// BPJS weighs them by paid months.
#include "services/monev_snapshot.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace jaring::services::monev {
namespace {

storage::RegistryRecord Record(std::int64_t id, std::string village,
                               domain::WorkerStatus status = domain::WorkerStatus::kActive,
                               std::string removed_reason = {}, std::int64_t merged_into = 0) {
  storage::RegistryRecord r;
  r.worker.id = id;
  r.worker.regency_code = "35.14";
  r.worker.village_code = std::move(village);
  r.worker.status = status;
  r.removed_reason = std::move(removed_reason);
  r.merged_into = merged_into;
  return r;
}

storage::CoverageRecord Cover(std::int64_t worker, std::string start, std::string end,
                              std::int64_t program = 1) {
  storage::CoverageRecord c;
  c.regency_code = "35.14";
  c.worker_id = worker;
  c.program_id = program;
  c.start_date = std::move(start);
  c.end_date = std::move(end);
  return c;
}

const storage::SnapshotRecord& Row(const std::vector<storage::SnapshotRecord>& rows,
                                   std::string_view area) {
  for (const auto& r : rows)
    if (r.area_code == area) return r;
  ADD_FAILURE() << "no row for " << area;
  static storage::SnapshotRecord none;
  return none;
}

constexpr char kVillageA[] = "35.14.01.2001";
constexpr char kVillageB[] = "35.14.01.2002";
constexpr char kVillageC[] = "35.14.02.2001";

class CountMonthTest : public testing::Test {
 protected:
  void SetUp() override {
    using S = domain::WorkerStatus;
    registry_ = {
        Record(1, kVillageA),                                  // on the list, covered
        Record(2, kVillageA),                                  // on the list, covered
        Record(3, kVillageB),                                  // on the list, not covered
        Record(4, kVillageB, S::kRemoved, "duplicate", 1),     // merged into 1
        Record(5, kVillageC, S::kDeceased),                    // died
        Record(6, kVillageC, S::kRemoved, "other_regency"),    // Probolinggo has them
        Record(7, kVillageC, S::kRemoved, "member_wage"),      // a wage earner
        Record(8, kVillageC, S::kRemoved, "age"),              // too old
        Record(9, kVillageC, S::kRemoved, "removed_by_hand"),  // another reason
        Record(10, "35.13.01.2001"),  // lives in another regency: counted at the regency only
        Record(11, kVillageC),        // on the list; cover ended in August
    };
    coverage_ = {Cover(1, "2025-07-01", "2025-12-31"), Cover(2, "2025-09-16", "2025-12-31", 2),
                 Cover(11, "2025-07-01", "2025-08-31")};
    storage::ProgramRecord dbhcht, shared;
    dbhcht.id = 1;
    dbhcht.funding = {{"DBHCHT", 10'000}};
    shared.id = 2;
    shared.funding = {{"DBHCHT", 5'000}, {"APBD", 5'000}};
    programs_ = {dbhcht, shared};
    // Program 1 paid July and September (August owed), program 2 nothing.
    paid_[1] = {"2025-07", "2025-09"};
  }

  std::vector<storage::SnapshotRecord> Count() const {
    MonthInputs in{"35.14", "2025-09", 42, &registry_, {1, 2, 3, 10, 11},
                   &coverage_, &programs_, &paid_};
    return CountMonth(in);
  }

  std::vector<storage::RegistryRecord> registry_;
  std::vector<storage::CoverageRecord> coverage_;
  std::vector<storage::ProgramRecord> programs_;
  std::map<std::int64_t, std::set<std::string>> paid_;
};

TEST_F(CountMonthTest, RowsPersonsAndTheDifferenceByCause) {
  const auto rows = Count();
  const auto& regency = Row(rows, "35.14");
  EXPECT_EQ(regency.level, "regency");
  EXPECT_EQ(regency.settled_id, 42);
  EXPECT_EQ(regency.rows_listed, 11);
  EXPECT_EQ(regency.persons, 5);
  EXPECT_EQ(regency.duplicates, 1);
  EXPECT_EQ(regency.died, 1);
  EXPECT_EQ(regency.other_regency, 1);
  EXPECT_EQ(regency.ineligible, 2);
  EXPECT_EQ(regency.other_removed, 1);
  EXPECT_EQ(regency.rows_listed - regency.persons,
            regency.duplicates + regency.died + regency.other_regency + regency.ineligible +
                regency.other_removed);
}

TEST_F(CountMonthTest, AreasAddUpAndAForeignVillageCountsAtTheRegencyOnly) {
  const auto rows = Count();
  EXPECT_EQ(rows.size(), 1u + 2u + 3u);  // the regency, two districts, three villages
  EXPECT_EQ(Row(rows, "35.14.01").rows_listed, 4);
  EXPECT_EQ(Row(rows, "35.14.01").persons, 3);
  EXPECT_EQ(Row(rows, "35.14.02").rows_listed, 6);
  EXPECT_EQ(Row(rows, "35.14.02").persons, 1);
  EXPECT_EQ(Row(rows, kVillageB).duplicates, 1);
  EXPECT_EQ(Row(rows, kVillageC).level, "village");
  EXPECT_EQ(Row(rows, "35.14.01").level, "district");
}

TEST_F(CountMonthTest, ParticipantsHaveCoverInTheMonthAndBpjsWeighsPaidMonths) {
  const auto rows = Count();
  const auto& regency = Row(rows, "35.14");
  // 1 (cover all month) and 2 (from the 16th) are covered in September; 11's ended in August.
  EXPECT_EQ(regency.participants, 2);
  EXPECT_EQ(Row(rows, kVillageA).participants, 2);
  EXPECT_EQ(Row(rows, kVillageC).participants, 0);
  // 1: July and September paid since July: 2 of 6 months; 2: program 2 paid nothing.
  EXPECT_EQ(regency.weighted_milli, 2 * 1000 / 6);
}

TEST_F(CountMonthTest, DetailSharesProgramsOverFundingSources) {
  const auto rows = Count();
  const auto detail = nlohmann::json::parse(Row(rows, "35.14").detail_json);
  ASSERT_EQ(detail["programs"].size(), 2u);
  EXPECT_EQ(detail["programs"][0]["id"], 1);
  EXPECT_EQ(detail["programs"][0]["participants"], 1);
  EXPECT_EQ(detail["programs"][1]["weighted_milli"], 0);
  // Program 2's one participant, half and half: the largest remainder goes to the first source.
  std::map<std::string, int> funding;
  for (const auto& f : detail["funding"]) funding[f["source"]] = f["participants"];
  EXPECT_EQ(funding["DBHCHT"] + funding["APBD"], 2);
  EXPECT_EQ(funding["DBHCHT"], 2);
}

TEST(DifferenceCauseTest, EachRemovalReasonHasItsCause) {
  using S = domain::WorkerStatus;
  EXPECT_EQ(DifferenceCause(Record(1, kVillageA, S::kDeceased, "duplicate", 2)), "died");
  EXPECT_EQ(DifferenceCause(Record(1, kVillageA, S::kRemoved, "", 2)), "duplicates");
  EXPECT_EQ(DifferenceCause(Record(1, kVillageA, S::kRemoved, "nik_conflict")), "duplicates");
  EXPECT_EQ(DifferenceCause(Record(1, kVillageA, S::kRemoved, "other_regency")), "other_regency");
  for (const char* why : {"member_wage", "member_other", "age", "domicile"})
    EXPECT_EQ(DifferenceCause(Record(1, kVillageA, S::kRemoved, why)), "ineligible") << why;
  EXPECT_EQ(DifferenceCause(Record(1, kVillageA, S::kRemoved, "moved")), "other_removed");
}

}  // namespace
}  // namespace jaring::services::monev
