// PolicyRepository and ProgramRepository on both engines (issue 13): rule versions and programs
// round-trip every field, budget lines are appended in order, programs stay inside their
// regency, a failed call leaves the transaction usable and a rolled-back one leaves nothing.
#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "test_database.hpp"

namespace jaring::storage {
namespace {

using testing::TestEngine;

class ProgramStorageTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
  }

  std::unique_ptr<Transaction> Begin() {
    auto tx = db_->Begin();
    EXPECT_TRUE(tx) << tx.error().ToString();
    return tx ? std::move(*tx) : nullptr;
  }

  static ProgramRecord Pasuruan() {
    ProgramRecord p;
    p.regency_code = "35.14";
    p.name = "Perlindungan pekerja rentan 'DBHCHT' 2025";
    p.fiscal_year = 2025;
    p.period_from = "2025-09";
    p.period_to = "2025-12";
    p.quota = 28'448;
    p.participation_code = "SG";
    p.declared_income = 1'000'000;
    p.with_jht = true;
    p.age_min = 18;
    p.age_max = 60;
    p.occupations_json = R"(["petani_tembakau","buruh_tani_tembakau"])";
    p.domicile_in_regency = false;
    p.exclude_wage_earners = true;
    p.priority_json = R"(["tobacco_sector","extreme_poor"])";
    p.actor = "operator";
    p.funding = {{"APBD", 3750}, {"DBHCHT", 6250}};
    p.budget_lines = {{.kind = "original", .amount = 2'800'000'000, .actor = "operator"}};
    return p;
  }

  FixedClock clock_{std::chrono::sys_days(std::chrono::year{2025} / 9 / 24) +
                    std::chrono::hours(3) + std::chrono::microseconds(42)};
  testing::MigratedDatabase db_;
};

TEST_P(ProgramStorageTest, PolicyVersionsAreAppendedAndListedInOrder) {
  auto tx = Begin();
  ASSERT_NE(tx, nullptr);
  PolicyRepository& policy = tx->Policy();
  ASSERT_TRUE(policy.Lock());
  auto empty = policy.List();
  ASSERT_TRUE(empty) << empty.error().ToString();
  EXPECT_TRUE(empty->empty());
  StoredPolicyVersion later{.family = "contribution",
                            .effective_from = "2026-07-01",
                            .legal_reference = "PP 1/2026",
                            .certainty = "uncertain",
                            .document = R"({"family":"contribution","x":"Rp 8.000"})",
                            .actor = "admin.jatim"};
  StoredPolicyVersion first = later;
  first.effective_from = "2025-01-01";
  first.effective_until = "2026-06-30";
  first.certainty = "confirmed";
  StoredPolicyVersion terms = first;
  terms.family = "payment_terms";
  terms.created_at_us = 5;
  for (const auto* v : {&later, &terms, &first}) {
    auto id = policy.Insert(*v);
    ASSERT_TRUE(id) << id.error().ToString();
    EXPECT_GT(*id, 0);
  }
  auto listed = policy.List();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].effective_from, "2025-01-01");
  EXPECT_EQ((*listed)[0].effective_until, "2026-06-30");
  EXPECT_EQ((*listed)[0].created_at_us, 1'758'682'800'000'042);  // the clock's now
  EXPECT_EQ((*listed)[1].effective_from, "2026-07-01");
  EXPECT_EQ((*listed)[1].effective_until, "");
  EXPECT_EQ((*listed)[1].document, later.document);
  EXPECT_EQ((*listed)[1].actor, "admin.jatim");
  EXPECT_EQ((*listed)[1].certainty, "uncertain");
  EXPECT_EQ((*listed)[2].family, "payment_terms");
  EXPECT_EQ((*listed)[2].created_at_us, 5);

  // A second version of a family from the same day is refused; the transaction goes on.
  auto twice = policy.Insert(first);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists) << twice.error().ToString();
  StoredPolicyVersion bad = first;
  bad.effective_from = "2025-02-30";
  EXPECT_EQ(policy.Insert(bad).error().code, ErrorCode::kInvalidArgument);
  bad = first;
  bad.document = "{not json";
  EXPECT_EQ(policy.Insert(bad).error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(tx->Commit());

  auto again = Begin();
  auto reread = again->Policy().List();
  ASSERT_TRUE(reread);
  EXPECT_EQ(*reread, *listed);
}

TEST_P(ProgramStorageTest, ProgramsRoundTripWithFundingAndBudgetLines) {
  auto tx = Begin();
  ASSERT_NE(tx, nullptr);
  ProgramRepository& programs = tx->Programs();
  const ProgramRecord p = Pasuruan();
  auto id = programs.Insert(p);
  ASSERT_TRUE(id) << id.error().ToString();
  auto line = programs.AddBudgetLine("35.14", *id,
                                     {.kind = "revision",
                                      .amount = 3'200'000'000,
                                      .decree = "Perbup 88/2025",
                                      .decree_date = "2025-10-15",
                                      .actor = "admin.pasuruan",
                                      .created_at_us = 7,
                                      .quota = 30'000});
  ASSERT_TRUE(line) << line.error().ToString();
  // A later revision that leaves the quota as it was: the newest quota set stays in force.
  auto budget_only = programs.AddBudgetLine(
      "35.14", *id,
      {.kind = "revision", .amount = 3'300'000'000, .decree = "Perbup 90/2025", .created_at_us = 8});
  ASSERT_TRUE(budget_only) << budget_only.error().ToString();
  EXPECT_EQ(programs
                .AddBudgetLine("35.14", *id,
                               {.kind = "revision", .amount = 1, .decree = "x", .quota = -1})
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(tx->Commit());

  auto read = Begin();
  auto got = read->Programs().Get("35.14", *id);
  ASSERT_TRUE(got) << got.error().ToString();
  ProgramRecord expected = p;
  expected.id = *id;
  expected.created_at_us = 1'758'682'800'000'042;
  expected.budget_lines[0].id = got->budget_lines.at(0).id;
  expected.budget_lines[0].created_at_us = 1'758'682'800'000'042;
  expected.budget_lines.push_back({*line, "revision", 3'200'000'000, "Perbup 88/2025",
                                   "2025-10-15", "admin.pasuruan", 7, 30'000});
  expected.budget_lines.push_back(
      {*budget_only, "revision", 3'300'000'000, "Perbup 90/2025", "", "", 8, std::nullopt});
  expected.quota = 30'000;  // the revision's
  expected.original_quota = 28'448;
  EXPECT_EQ(*got, expected);
  EXPECT_LT(got->budget_lines[0].id, got->budget_lines[1].id);

  auto listed = read->Programs().List("35.14");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front(), expected);
  auto regency = read->Programs().RegencyOf(*id);
  ASSERT_TRUE(regency);
  EXPECT_EQ(*regency, std::optional<std::string>("35.14"));
  EXPECT_EQ(*read->Programs().RegencyOf(*id + 1000), std::nullopt);
}

TEST_P(ProgramStorageTest, ProgramsStayInTheirRegency) {
  auto tx = Begin();
  ASSERT_NE(tx, nullptr);
  ProgramRecord own = Pasuruan();
  ProgramRecord other = Pasuruan();
  other.regency_code = "35.13";
  other.name = "Probolinggo";
  auto own_id = tx->Programs().Insert(own);
  auto other_id = tx->Programs().Insert(other);
  ASSERT_TRUE(own_id && other_id);
  EXPECT_EQ(tx->Programs().Get("35.13", *own_id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->Programs()
                .AddBudgetLine("35.13", *own_id, {.kind = "revision", .amount = 1, .decree = "x"})
                .error()
                .code,
            ErrorCode::kNotFound);
  auto listed = tx->Programs().List("35.13");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().name, "Probolinggo");
  EXPECT_EQ(listed->front().budget_lines.size(), 1u);
  EXPECT_EQ(tx->Programs().List("3514").error().code, ErrorCode::kInvalidArgument);
}

TEST_P(ProgramStorageTest, FailedCallsUndoThemselvesAndRollbackUndoesAll) {
  {
    auto tx = Begin();
    ASSERT_NE(tx, nullptr);
    ProgramRecord broken = Pasuruan();
    broken.budget_lines[0].amount = 0;  // refused before any statement
    EXPECT_EQ(tx->Programs().Insert(broken).error().code, ErrorCode::kInvalidArgument);
    broken = Pasuruan();
    broken.funding.push_back({"CSR", 0});  // the share CHECK fails after the program row
    EXPECT_FALSE(tx->Programs().Insert(broken));
    broken = Pasuruan();
    broken.period_to = "2025-08";  // the period CHECK
    EXPECT_FALSE(tx->Programs().Insert(broken));
    auto listed = tx->Programs().List("35.14");
    ASSERT_TRUE(listed);
    EXPECT_TRUE(listed->empty()) << "a failed insert left rows behind";
    ASSERT_TRUE(tx->Programs().Insert(Pasuruan()));
    tx->Rollback();
  }
  auto tx = Begin();
  auto listed = tx->Programs().List("35.14");
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, ProgramStorageTest,
                         ::testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& info) {
                           return info.param == TestEngine::kSqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
}  // namespace jaring::storage
