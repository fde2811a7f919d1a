// CardService and CardRepository on both engines (issue 14, item 4): cards issued for covered
// workers, their PDF, tokens that verify, re-issue revoking the earlier card, a dead worker's
// and an ended cover's card revoked, an expired period, who may print, the audit entries, and
// the offline check with only the public key.
#include "services/card_service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "cards/key_file.hpp"
#include "integration/storage/test_database.hpp"

namespace jaring::services {
namespace {

using std::chrono::year;
using storage::testing::TestEngine;

Actor Holding(auth::Role role, std::string_view scope) {
  return Actor::ForPrincipal(
      auth::Principal{11, "uji", {auth::Grant{role, auth::Scope::Unchecked(scope)}}}, "192.0.2.1");
}

std::chrono::year_month_day Day(int y, unsigned m, unsigned d) {
  return {year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

class CardServiceTest : public testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    // A check that waited for a writer's lock would fail after 2 s (not the default 10).
    if (!db_.Open(GetParam(), {.busy_timeout = std::chrono::seconds(2), .clock = &clock_})) {
      return;
    }
    key_dir_ = std::filesystem::temp_directory_path() /
               ("jaring_cards_" + std::to_string(::getpid()) + "_" +
                std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    cards_ = std::make_unique<CardService>(*db_, &trail_, clock_, key_dir_);
    Seed();
  }
  void TearDown() override { std::filesystem::remove_all(key_dir_); }

  void Seed() {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx);
    storage::ProgramRecord p;
    p.regency_code = "35.14";
    p.name = "Perlindungan pekerja rentan DBHCHT 2025";
    p.fiscal_year = 2025;
    p.period_from = "2025-09";
    p.period_to = "2025-12";
    p.declared_income = 1'000'000;
    p.age_min = 18;
    p.age_max = 60;
    p.funding = {{"DBHCHT", 10000}};
    p.budget_lines = {{.kind = "original", .amount = 2'800'000'000}};
    auto program = (*tx)->Programs().Insert(p);
    ASSERT_TRUE(program) << program.error().ToString();
    program_ = *program;
    const std::vector<std::string> regencies = {"35.14"};
    workers_ = storage::testing::MakeWorkers(3, 7, regencies);
    for (auto& w : workers_) {
      w.name = "Budi Santoso Wijaya";
      w.status = domain::WorkerStatus::kActive;
      auto id = (*tx)->Workers().Insert(w);
      ASSERT_TRUE(id) << id.error().ToString();
      w.id = *id;
    }
    storage::EnrolmentBatchRecord batch{.regency_code = "35.14",
                                        .program_id = program_,
                                        .period = "2025-09",
                                        .settled_id = 1,
                                        .workers = 3};
    auto batch_id = (*tx)->Enrolment().InsertBatch(batch, {});
    ASSERT_TRUE(batch_id) << batch_id.error().ToString();
    storage::AnswerWrite answer;
    answer.answer = {
        .regency_code = "35.14", .program_id = program_, .file_name = "a.csv", .checksum = "x"};
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      storage::CoverageRecord c{.regency_code = "35.14",
                                .worker_id = workers_[i].id,
                                .program_id = program_,
                                .batch_id = *batch_id,
                                .kpj = "2509000012" + std::to_string(i),
                                .start_date = "2025-09-01",
                                .end_date = "2025-12-31",
                                .start_reason = "enrolled",
                                .end_reason = "program_end"};
      answer.coverage.push_back(c);
    }
    answer.answered_batches = {*batch_id};
    auto stored = (*tx)->Enrolment().InsertAnswer(answer);
    ASSERT_TRUE(stored) << stored.error().ToString();
    ASSERT_TRUE((*tx)->Commit());
  }

  Result<IssuedCards> IssueAll(formats::PdfCardLayout layout = formats::PdfCardLayout::kA4Sheet) {
    return cards_->Issue({"35.14", program_, 0, layout}, cli_);
  }

  FixedClock clock_{std::chrono::sys_days(year{2025} / 10 / 2) + std::chrono::hours(3)};
  AuditTrail trail_{clock_};
  storage::testing::MigratedDatabase db_;
  std::filesystem::path key_dir_;
  std::unique_ptr<CardService> cards_;
  std::int64_t program_ = 0;
  std::vector<domain::Worker> workers_;
  Actor cli_ = Actor::ForCli("uji");
};

TEST_P(CardServiceTest, IssuedCardsVerifyAndCarryNoPersonalData) {
  auto issued = IssueAll();
  ASSERT_TRUE(issued) << issued.error().ToString();
  ASSERT_EQ(issued->cards.size(), 3u);
  EXPECT_EQ(issued->skipped, 0);
  EXPECT_TRUE(issued->pdf.starts_with("%PDF-"));
  for (std::size_t i = 0; i < 3; ++i) {
    const CardView& card = issued->cards[i];
    EXPECT_EQ(card.serial, 1);
    EXPECT_EQ(card.worker_id, workers_[i].id);
    EXPECT_EQ(card.token.find(workers_[i].nik), std::string::npos);
    auto status = cards_->Verify(card.token, std::nullopt);
    ASSERT_TRUE(status) << status.error().ToString();
    EXPECT_TRUE(status->valid);
    EXPECT_EQ(status->status, "valid");
    EXPECT_EQ(status->initials, "B.S.W.");
    EXPECT_EQ(status->period, "September 2025 \u2013 Desember 2025");
    EXPECT_TRUE(status->registry_checked);
    const std::string json = ToJson(*status).dump();
    EXPECT_EQ(json.find("Budi"), std::string::npos);
    EXPECT_EQ(json.find(workers_[i].nik), std::string::npos);
  }
  // Stored: listed per program and per worker.
  auto listed = cards_->List("35.14", program_, workers_[1].id, cli_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().token, issued->cards[1].token);
  // Audited as a creation and an export.
  AuditQuery query;
  query.record_type = "card";
  query.regency_codes = {"35.14"};
  auto entries = trail_.Search(*db_, query);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);
}

TEST_P(CardServiceTest, ReissueRevokesTheEarlierCard) {
  auto first = IssueAll();
  ASSERT_TRUE(first);
  auto again =
      cards_->Issue({"35.14", program_, workers_[0].id, formats::PdfCardLayout::kSingle}, cli_);
  ASSERT_TRUE(again) << again.error().ToString();
  ASSERT_EQ(again->cards.size(), 1u);
  EXPECT_EQ(again->cards[0].serial, 2);
  auto old_status = cards_->Verify(first->cards[0].token, std::nullopt);
  ASSERT_TRUE(old_status);
  EXPECT_EQ(old_status->status, "revoked");
  EXPECT_EQ(old_status->reason, "reissued");
  EXPECT_TRUE(cards_->Verify(again->cards[0].token, std::nullopt)->valid);
  EXPECT_TRUE(cards_->Verify(first->cards[1].token, std::nullopt)->valid);
}

TEST_P(CardServiceTest, DeathRevokesAndTheEndOfThePeriodExpires) {
  auto issued = IssueAll();
  ASSERT_TRUE(issued);
  {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx);
    const std::int64_t ids[] = {workers_[2].id};
    ASSERT_TRUE((*tx)->Workers().SetStatus("35.14", ids, domain::WorkerStatus::kDeceased));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto dead = cards_->Verify(issued->cards[2].token, std::nullopt);
  ASSERT_TRUE(dead);
  EXPECT_FALSE(dead->valid);
  EXPECT_EQ(dead->status, "revoked");
  EXPECT_EQ(dead->reason, "died");
  auto later = cards_->Verify(issued->cards[0].token, Day(2026, 1, 1));
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, "expired");
  EXPECT_EQ(cards_->Verify(issued->cards[0].token, Day(2025, 8, 31))->status, "not_yet_valid");
  // The dead worker gets no new card.
  auto again = IssueAll();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->cards.size(), 2u);
  EXPECT_EQ(again->skipped, 1);
}

TEST_P(CardServiceTest, RevokedByHandAndRefusedForgeries) {
  auto issued = IssueAll();
  ASSERT_TRUE(issued);
  EXPECT_EQ(cards_->Revoke("35.14", issued->cards[0].id, "", cli_).error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(cards_->Revoke("35.14", issued->cards[0].id, "lost", cli_));
  EXPECT_EQ(cards_->Verify(issued->cards[0].token, std::nullopt)->reason, "lost");
  EXPECT_EQ(cards_->Revoke("35.14", issued->cards[0].id, "lost", cli_).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(cards_->Revoke("35.13", issued->cards[0].id, "lost", cli_).error().code,
            ErrorCode::kNotFound);
  std::string forged = issued->cards[1].token;
  forged[5] = forged[5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(cards_->Verify(forged, std::nullopt).error().code, ErrorCode::kInvalidArgument);
  // Another installation's key: not ours.
  const cards::SigningKey other = cards::NewSigningKey();
  cards::CardClaims claims{issued->cards[1].id, "35.14",      "B.S.W.",    program_, "x", "*1",
                           "2025-09-01",        "2025-12-31", "2025-10-02"};
  EXPECT_FALSE(cards_->Verify(*cards::Sign(claims, other), std::nullopt));
}

// The public check reads without the write lock: while a writer holds it (SQLite: BEGIN
// IMMEDIATE) with the worker's death not yet committed, the check answers at once from what is
// committed, and sees the death once it is.
TEST_P(CardServiceTest, TheCheckDoesNotWaitForAWriter) {
  auto issued = IssueAll();
  ASSERT_TRUE(issued) << issued.error().ToString();
  auto writer = db_->Begin();
  ASSERT_TRUE(writer) << writer.error().ToString();
  const std::int64_t ids[] = {workers_[0].id};
  ASSERT_TRUE((*writer)->Workers().SetStatus("35.14", ids, domain::WorkerStatus::kDeceased));
  const auto started = std::chrono::steady_clock::now();
  auto during = cards_->Verify(issued->cards[0].token, std::nullopt);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(during) << during.error().ToString();
  EXPECT_TRUE(during->valid);
  EXPECT_LT(took, std::chrono::seconds(1));
  ASSERT_TRUE((*writer)->Commit());
  auto after = cards_->Verify(issued->cards[0].token, std::nullopt);
  ASSERT_TRUE(after) << after.error().ToString();
  EXPECT_EQ(after->reason, "died");
}

TEST_P(CardServiceTest, OnlyWhoMayExportPersonalDataPrints) {
  EXPECT_EQ(cards_->Issue({"35.14", program_}, Holding(auth::Role::kAuditor, "35.14")).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      cards_->Issue({"35.14", program_}, Holding(auth::Role::kOperator, "35.13")).error().code,
      ErrorCode::kPermissionDenied);
  auto issued = cards_->Issue({"35.14", program_}, Holding(auth::Role::kOperator, "35.14"));
  ASSERT_TRUE(issued) << issued.error().ToString();
  EXPECT_EQ(cards_->Issue({"35.13", program_}, cli_).error().code, ErrorCode::kNotFound);
}

TEST_P(CardServiceTest, OfflineCheckWithThePublishedKey) {
  auto issued = IssueAll();
  ASSERT_TRUE(issued);
  auto published = cards_->PublicKey();
  ASSERT_TRUE(published);
  auto key = cards::LoadPublicKey(key_dir_ / cards::kPublicKeyFile);
  ASSERT_TRUE(key);
  EXPECT_EQ(cards::PublicKeyBase64(*key), published->public_key);
  auto status = VerifyCardOffline(issued->cards[0].token, *key, Day(2025, 10, 2));
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->valid);
  EXPECT_FALSE(status->registry_checked);
  EXPECT_EQ(VerifyCardOffline(issued->cards[0].token, *key, Day(2026, 2, 1))->status, "expired");
}

INSTANTIATE_TEST_SUITE_P(Engines, CardServiceTest,
                         testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& info) {
                           return info.param == TestEngine::kSqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
}  // namespace jaring::services
