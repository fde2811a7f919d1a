// Accounts and the audit trail on both engines (issue 3): the repositories' round trips, the
// hash chain appended in the change's transaction and verified in pages, tampering with a row
// behind jaring's back, and AccountService end to end (sign-in, throttle, sessions, tokens,
// permissions, demo accounts). PostgreSQL cases skip without JARING_TEST_PG unless
// JARING_REQUIRE_PG=1.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "auth/token.hpp"
#include "domain/region.hpp"
#include "services/account_service.hpp"
#include "services/audit_trail.hpp"
#include "storage/database.hpp"
#include "test_database.hpp"

namespace jaring {
namespace {

using auth::AuditAction;
using auth::Role;
using services::AccountService;
using services::Actor;
using services::AuditEvent;
using services::AuditTrail;
using namespace std::chrono_literals;

const TimePoint kStart =
    std::chrono::sys_days(std::chrono::year_month_day{
        std::chrono::year{2025}, std::chrono::month{9}, std::chrono::day{24}}) +
    3h + 17us;

constexpr std::string_view kGoodPassword = "kopi-tubruk-pagi";

template <typename E>
class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!db_.Open(E::kEngine, {.clock = &clock_})) return;
    services::AccountSettings settings;
    settings.hash_options = auth::PasswordHashOptions::ForTests();
    accounts_ =
        std::make_unique<AccountService>(*db_, domain::RegionIndex::Embedded(), clock_, settings);
  }

  void TearDown() override {
    accounts_.reset();
    db_.Close();
  }

  // Runs SQL behind jaring's back, as an operator with database access could.
  void ExecuteRaw(const std::string& sql) {
    Status done = db_.scratch().ExecuteRaw(sql);
    ASSERT_TRUE(done) << done.error().ToString();
  }

  auth::ChainReport Verify(int page_size = 1000) {
    Result<auth::ChainReport> report = trail_.Verify(*db_, page_size);
    EXPECT_TRUE(report) << report.error().ToString();
    return report ? *report : auth::ChainReport{};
  }
  std::int64_t AuditCount() { return Verify().entries_checked; }

  // The newest audit entry.
  auth::AuditEntry LastEntry() {
    services::AuditQuery query;
    query.include_unscoped = true;
    query.regency_codes = {"35.09", "35.14"};
    query.limit = 1;
    Result<std::vector<auth::AuditEntry>> found = trail_.Search(*db_, query);
    EXPECT_TRUE(found && found->size() == 1);
    return found && !found->empty() ? found->front() : auth::AuditEntry{};
  }

  services::UserView Create(std::string username, Role role, std::string scope,
                            const Actor& actor = Actor::ForCli("tester")) {
    services::NewUser user{
        std::move(username), "", std::string(kGoodPassword), {{role, std::move(scope)}}, false};
    Result<services::UserView> made = accounts_->CreateUser(user, actor);
    EXPECT_TRUE(made) << made.error().ToString();
    return made ? *made : services::UserView{};
  }

  FixedClock clock_{kStart};
  AuditTrail trail_{clock_};
  storage::testing::MigratedDatabase db_;
  std::unique_ptr<AccountService> accounts_;
};

TYPED_TEST_SUITE(AccountsTest, storage::testing::BothEngineTypes,
                 storage::testing::EngineTypeNames);

// --- repositories ---------------------------------------------------------------------------

TYPED_TEST(AccountsTest, UserAndGrantRowsRoundTrip) {
  storage::AccountRepository& repo = this->db_->Accounts();
  storage::UserRow user{0, "budi", "Budi Santoso", "$argon2id$x", false, true, kStart, kStart + 1s};
  Result<std::int64_t> id = repo.InsertUser(user);
  ASSERT_TRUE(id) << id.error().ToString();
  user.id = *id;
  EXPECT_EQ(repo.GetUser(*id).value(), user);
  EXPECT_EQ(repo.FindUser("budi").value(), user);
  EXPECT_EQ(repo.FindUser("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(repo.InsertUser(user).error().code, ErrorCode::kAlreadyExists);

  user.disabled = true;
  user.display_name = "Budi S.";
  user.updated_at = kStart + 5s;
  ASSERT_TRUE(repo.UpdateUser(user));
  EXPECT_EQ(repo.GetUser(*id).value(), user);
  storage::UserRow ghost = user;
  ghost.id = *id + 100;
  EXPECT_EQ(repo.UpdateUser(ghost).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(repo.CountUsers().value(), 1);

  const std::vector<storage::GrantRow> grants = {{0, "operator", "35.14"}, {0, "auditor", "35"}};
  ASSERT_TRUE(repo.SetGrants(*id, grants));
  const std::vector<storage::GrantRow> expected = {{*id, "auditor", "35"},
                                                   {*id, "operator", "35.14"}};
  EXPECT_EQ(repo.Grants(*id).value(), expected);
  EXPECT_EQ(repo.Grants(std::nullopt).value(), expected);
  ASSERT_TRUE(repo.SetGrants(*id, std::span(grants).first(1)));
  EXPECT_EQ(repo.Grants(*id).value().size(), 1u);
}

TYPED_TEST(AccountsTest, SessionTokenAndFailureRowsRoundTrip) {
  storage::AccountRepository& repo = this->db_->Accounts();
  Result<std::int64_t> id = repo.InsertUser({0, "siti", "", "h", false, false, kStart, kStart});
  ASSERT_TRUE(id);

  storage::SessionRow a{"hash-a", *id, kStart, kStart, "csrf-a", "10.0.0.1", "Firefox"};
  storage::SessionRow b{"hash-b", *id, kStart, kStart, "csrf-b", "10.0.0.2", "Chrome"};
  ASSERT_TRUE(repo.InsertSession(a));
  ASSERT_TRUE(repo.InsertSession(b));
  EXPECT_EQ(repo.GetSession("hash-a").value(), a);
  ASSERT_TRUE(repo.TouchSession("hash-a", kStart + 90s));
  EXPECT_EQ(repo.GetSession("hash-a").value().last_seen, kStart + 90s);
  EXPECT_EQ(repo.DeleteSessionsOf(*id, "hash-a").value(), 1);
  EXPECT_EQ(repo.GetSession("hash-b").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(repo.DeleteSession("hash-a").value());
  EXPECT_FALSE(repo.DeleteSession("hash-a").value());

  storage::ApiTokenRow token{"0123456789abcdef01234567",
                             *id,
                             "secret-hash",
                             "BPJS cabang",
                             kStart,
                             std::nullopt,
                             std::nullopt};
  ASSERT_TRUE(repo.InsertApiToken(token));
  EXPECT_EQ(repo.InsertApiToken(token).error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(repo.GetApiToken(token.id).value(), token);
  ASSERT_TRUE(repo.TouchApiToken(token.id, kStart + 1min));
  EXPECT_EQ(repo.RevokeApiToken(token.id, kStart + 2min).value(), 1);
  EXPECT_EQ(repo.RevokeApiToken(token.id, kStart + 3min).value(), 0);  // already revoked
  token.last_used_at = kStart + 1min;
  token.revoked_at = kStart + 2min;
  EXPECT_EQ(repo.ListApiTokens(*id).value(), std::vector{token});

  ASSERT_TRUE(repo.RecordSignInFailure("siti", "10.0.0.1", kStart));
  ASSERT_TRUE(repo.RecordSignInFailure("siti", "10.0.0.2", kStart + 10s));
  ASSERT_TRUE(repo.RecordSignInFailure("tono", "10.0.0.1", kStart + 20s));
  EXPECT_EQ(repo.FailuresForUsername("siti", kStart).value(),
            (std::vector<TimePoint>{kStart, kStart + 10s}));
  EXPECT_EQ(repo.FailuresForUsername("siti", kStart + 1s).value(),
            (std::vector<TimePoint>{kStart + 10s}));
  EXPECT_EQ(repo.FailuresForAddress("10.0.0.1", kStart).value(),
            (std::vector<TimePoint>{kStart, kStart + 20s}));
}

// --- the audit chain ------------------------------------------------------------------------

TYPED_TEST(AccountsTest, AppendedEntriesVerifyAcrossPages) {
  EXPECT_TRUE(this->Verify().ok());
  EXPECT_EQ(this->AuditCount(), 0);
  const Actor actor = Actor::ForCli("ops");
  for (int i = 0; i < 7; ++i) {
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(this->trail_.Append(
        **tx, AuditEvent::By(actor, AuditAction::kUpdate, "worker", std::to_string(i), "35.14",
                             R"({"b":1,"a":"ü"})", R"({"a":2})")));
    ASSERT_TRUE((*tx)->Commit());
    this->clock_.Advance(1s);
  }
  // A transaction that is not committed leaves no entry (and no hole in the sequence).
  {
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(this->trail_.Append(
        **tx, AuditEvent::By(actor, AuditAction::kDelete, "worker", "x", "35.14")));
  }
  for (int page : {1, 2, 3, 1000}) {
    const auth::ChainReport report = this->Verify(page);
    EXPECT_TRUE(report.ok()) << page << ": " << report.first_break->Describe();
    EXPECT_EQ(report.entries_checked, 7);
    EXPECT_EQ(report.head_sequence, 7);
  }
  const auth::AuditEntry last = this->LastEntry();
  EXPECT_EQ(last.sequence, 7);
  EXPECT_EQ(last.actor_username, "cli:ops");
  EXPECT_EQ(last.before_json, R"({"b":1,"a":"ü"})");  // byte for byte, key order kept
  EXPECT_EQ(last.at, kStart + 6s);                    // to the microsecond
}

// A run's automatic decisions append hundreds of entries at once: each must be stored as
// sealed (more than one multi-row statement's worth), and the chain must verify.
TYPED_TEST(AccountsTest, ManyEntriesAppendedAtOnceVerify) {
  const Actor actor = Actor::ForCli("otomatis");
  std::vector<AuditEvent> events;
  for (int i = 0; i < 450; ++i) {
    events.push_back(AuditEvent::By(actor, AuditAction::kUpdate, "worker", std::to_string(i),
                                    "35.14", R"({"status":"aktif"})",
                                    R"({"finding":)" + std::to_string(i) + "}"));
  }
  auto tx = this->db_->Begin();
  ASSERT_TRUE(tx);
  ASSERT_TRUE(this->trail_.Append(**tx, events[0]));
  ASSERT_TRUE(this->trail_.AppendAll(**tx, std::span(events).subspan(1)));
  ASSERT_TRUE((*tx)->Commit());
  const auth::ChainReport report = this->Verify(100);
  EXPECT_TRUE(report.ok()) << report.first_break->Describe();
  EXPECT_EQ(report.entries_checked, 450);
  EXPECT_EQ(report.head_sequence, 450);
  const auth::AuditEntry last = this->LastEntry();
  EXPECT_EQ(last.record_id, "449");
  EXPECT_EQ(last.after_json, R"({"finding":449})");
}

TYPED_TEST(AccountsTest, EditingOrDeletingARowBehindJaringsBackIsNamed) {
  const Actor actor = Actor::ForCli("ops");
  for (int i = 0; i < 5; ++i) {
    auto tx = this->db_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(this->trail_.Append(
        **tx, AuditEvent::By(actor, AuditAction::kCreate, "worker", std::to_string(i), "35.14", "",
                             R"({"nama":"Ngatemi"})")));
    ASSERT_TRUE((*tx)->Commit());
  }
  this->ExecuteRaw("UPDATE audit_log SET after_json = '{\"nama\":\"Ngatini\"}' WHERE sequence = 3");
  auth::ChainReport report = this->Verify(2);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 3);
  EXPECT_EQ(report.first_break->reason, auth::ChainBreak::kHashMismatch);
  EXPECT_EQ(report.entries_checked, 2);

  // Deleting the newest entry (hiding the last action) breaks against the head row.
  this->ExecuteRaw("DELETE FROM audit_log WHERE sequence = 5");
  report = this->Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 3);  // the edit comes first
  this->ExecuteRaw("UPDATE audit_log SET after_json = '{\"nama\":\"Ngatemi\"}' WHERE sequence = 3");
  report = this->Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 5);
  EXPECT_EQ(report.first_break->reason, auth::ChainBreak::kSequenceGap);
  EXPECT_EQ(report.entries_checked, 4);

  this->ExecuteRaw("DELETE FROM audit_log WHERE sequence = 2");
  report = this->Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 3);
  EXPECT_EQ(report.first_break->reason, auth::ChainBreak::kSequenceGap);

  this->ExecuteRaw("UPDATE audit_log SET action = 'nonsense' WHERE sequence = 1");
  report = this->Verify();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 1);
}

TYPED_TEST(AccountsTest, ConcurrentAppendersNeverForkTheChain) {
  std::unique_ptr<storage::Database> other = this->db_.OpenAnother();
  ASSERT_NE(other, nullptr);
  auto append_many = [&](storage::Database* db, std::string who) {
    for (int i = 0; i < 15; ++i) {
      auto tx = db->Begin();
      ASSERT_TRUE(tx) << tx.error().ToString();
      ASSERT_TRUE(this->trail_.Append(**tx, AuditEvent::By(Actor::ForCli(who), AuditAction::kUpdate,
                                                           "worker", std::to_string(i), "35.14")));
      ASSERT_TRUE((*tx)->Commit());
    }
  };
  std::thread first(append_many, this->db_.get(), "a");
  std::thread second(append_many, other.get(), "b");
  first.join();
  second.join();
  const auth::ChainReport report = this->Verify();
  EXPECT_TRUE(report.ok()) << report.first_break->Describe();
  EXPECT_EQ(report.entries_checked, 30);
}

// --- AccountService -------------------------------------------------------------------------

TYPED_TEST(AccountsTest, SignInAuthenticateAndSignOutAreAudited) {
  const services::UserView budi = this->Create("budi", Role::kOperator, "35.14");
  EXPECT_EQ(this->LastEntry().action, AuditAction::kCreate);
  EXPECT_EQ(this->LastEntry().regency_code, "35.14");
  EXPECT_EQ(this->LastEntry().after_json.find(kGoodPassword), std::string::npos);
  EXPECT_EQ(this->LastEntry().after_json.find("argon2"), std::string::npos);

  Result<services::SignedIn> in =
      this->accounts_->SignIn("Budi", kGoodPassword, "10.1.2.3", "Firefox");
  ASSERT_TRUE(in) << in.error().ToString();
  EXPECT_EQ(in->principal.user_id, budi.id);
  ASSERT_EQ(in->principal.grants.size(), 1u);
  EXPECT_EQ(in->principal.grants[0].scope.code(), "35.14");
  EXPECT_EQ(this->LastEntry().action, AuditAction::kSignIn);
  EXPECT_EQ(this->LastEntry().remote_address, "10.1.2.3");

  // Only a hash of the session id is stored.
  EXPECT_FALSE(this->db_->Accounts().GetSession(in->session_id));
  EXPECT_TRUE(this->db_->Accounts().GetSession(auth::HashTokenSecret(in->session_id)));

  Result<services::SessionInfo> session = this->accounts_->Authenticate(in->session_id);
  ASSERT_TRUE(session) << session.error().ToString();
  EXPECT_EQ(session->principal.username, "budi");
  EXPECT_EQ(session->csrf_token, in->csrf_token);
  EXPECT_EQ(this->accounts_->Authenticate("not-a-session").error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(this->accounts_->SignOut(in->session_id, "10.1.2.3"));
  EXPECT_EQ(this->LastEntry().action, AuditAction::kSignOut);
  EXPECT_EQ(this->accounts_->Authenticate(in->session_id).error().code, ErrorCode::kNotFound);
  const std::int64_t entries = this->AuditCount();
  ASSERT_TRUE(this->accounts_->SignOut(in->session_id));  // already gone: no entry
  EXPECT_EQ(this->AuditCount(), entries);
  EXPECT_TRUE(this->Verify().ok());
}

TYPED_TEST(AccountsTest, FailedSignInsAreRecordedAuditedAndThrottled) {
  this->Create("siti", Role::kVerifikator, "35.14");
  for (std::string_view name : {"siti", "nobody"}) {
    Result<services::SignedIn> wrong =
        this->accounts_->SignIn(name, "salah-sandi-123", "1.1.1.1", "");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(wrong.error().message, "Nama pengguna atau kata sandi salah.");  // same for both
    EXPECT_EQ(this->LastEntry().action, AuditAction::kSignInFailed);
  }
  EXPECT_EQ(this->LastEntry().actor_username, auth::UnknownUsernameTag("nobody"));
  // Three more failures for siti (from other addresses) make five: the sixth attempt waits a
  // minute, even with the right password, and is not recorded.
  for (int i = 0; i < 4; ++i) {
    this->clock_.Advance(1s);
    ASSERT_FALSE(
        this->accounts_->SignIn("siti", "salah-sandi-123", "2.2.2." + std::to_string(i), ""));
  }
  const std::int64_t entries = this->AuditCount();
  Result<services::SignedIn> throttled =
      this->accounts_->SignIn("siti", kGoodPassword, "3.3.3.3", "");
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(throttled.error().retry_after, std::chrono::seconds(60));
  EXPECT_EQ(this->AuditCount(), entries);
  EXPECT_EQ(this->db_->Accounts().FailuresForUsername("siti", kStart).value().size(), 5u);

  this->clock_.Advance(59s);
  EXPECT_FALSE(this->accounts_->SignIn("siti", kGoodPassword, "3.3.3.3", ""));
  this->clock_.Advance(1s);
  EXPECT_TRUE(this->accounts_->SignIn("siti", kGoodPassword, "3.3.3.3", ""));
  EXPECT_TRUE(this->Verify().ok());
}

// A name that is no account may be a password typed in the wrong box: it is neither audited
// nor kept for the throttle as typed, only as a short tag (issue 11, finding 7), which still
// throttles repeated attempts with the same name.
TYPED_TEST(AccountsTest, AnUnknownNameIsNotStoredAsTyped) {
  const std::string typed = "Kebun-Kopi-Tosari-77";
  const std::string tag = auth::UnknownUsernameTag("kebun-kopi-tosari-77");
  EXPECT_EQ(tag, auth::UnknownUsernameTag(typed)) << "the tag ignores case, as usernames do";
  EXPECT_EQ(tag.size(), 5u);
  EXPECT_EQ(tag.front(), '?');
  for (int i = 0; i < 5; ++i) {
    this->clock_.Advance(1s);
    ASSERT_FALSE(this->accounts_->SignIn(typed, "x", "4.4.4." + std::to_string(i), ""));
    const auth::AuditEntry entry = this->LastEntry();
    EXPECT_EQ(entry.actor_username, tag);
    EXPECT_EQ(entry.after_json, R"({"reason":"unknown_user"})");
  }
  EXPECT_TRUE(this->db_->Accounts().FailuresForUsername("kebun-kopi-tosari-77", kStart)->empty());
  EXPECT_EQ(this->db_->Accounts().FailuresForUsername(tag, kStart)->size(), 5u);
  Result<services::SignedIn> throttled = this->accounts_->SignIn(typed, "x", "5.5.5.5", "");
  ASSERT_FALSE(throttled);
  EXPECT_TRUE(throttled.error().retry_after);
}

TYPED_TEST(AccountsTest, SessionsEndAfterIdleAndAbsoluteTimeouts) {
  this->Create("tono", Role::kPimpinan, "35.14");
  Result<services::SignedIn> idle = this->accounts_->SignIn("tono", kGoodPassword, "", "");
  ASSERT_TRUE(idle);
  this->clock_.Advance(29min + 59s);
  EXPECT_TRUE(this->accounts_->Authenticate(idle->session_id));  // touches last_seen
  this->clock_.Advance(29min + 59s);
  EXPECT_TRUE(this->accounts_->Authenticate(idle->session_id));
  this->clock_.Advance(30min);
  EXPECT_EQ(this->accounts_->Authenticate(idle->session_id).error().code, ErrorCode::kNotFound);

  Result<services::SignedIn> busy = this->accounts_->SignIn("tono", kGoodPassword, "", "");
  ASSERT_TRUE(busy);
  for (int i = 0; i < 35; ++i) {  // 35 * 20 min = 11 h 40 min
    this->clock_.Advance(20min);
    ASSERT_TRUE(this->accounts_->Authenticate(busy->session_id)) << i;
  }
  this->clock_.Advance(20min);  // 12 h after sign-in
  EXPECT_EQ(this->accounts_->Authenticate(busy->session_id).error().code, ErrorCode::kNotFound);
}

// Sessions nobody used again after they ended, and failed sign-ins older than the throttle
// windows, are deleted by the hourly sweep; live sessions and recent failures stay.
TYPED_TEST(AccountsTest, EndedSessionsAndOldFailuresAreSwept) {
  this->Create("wati", Role::kOperator, "35.14");
  Result<services::SignedIn> left = this->accounts_->SignIn("wati", kGoodPassword, "", "");
  Result<services::SignedIn> busy = this->accounts_->SignIn("wati", kGoodPassword, "", "");
  ASSERT_TRUE(left && busy);
  ASSERT_FALSE(this->accounts_->SignIn("wati", "salah-sandi-123", "9.9.9.9", ""));
  this->clock_.Advance(20min);
  ASSERT_TRUE(this->accounts_->Authenticate(busy->session_id));
  this->clock_.Advance(11min);  // `left` idle for 31 minutes, the failure 31 minutes old
  ASSERT_FALSE(this->accounts_->SignIn("wati", "salah-sandi-456", "9.9.9.9", ""));

  Result<services::SweepResult> swept = this->accounts_->SweepExpired();
  ASSERT_TRUE(swept) << swept.error().ToString();
  EXPECT_EQ(swept->sessions, 1);
  EXPECT_EQ(swept->sign_in_failures, 1);
  EXPECT_TRUE(this->accounts_->Authenticate(busy->session_id));
  EXPECT_EQ(this->db_->Accounts().FailuresForUsername("wati", kStart).value().size(), 1u);
  swept = this->accounts_->SweepExpired();
  ASSERT_TRUE(swept);
  EXPECT_EQ(swept->sessions + swept->sign_in_failures, 0);

  // Kept busy until its absolute timeout, 12 hours after sign-in.
  for (int i = 0; i < 34; ++i) {
    this->clock_.Advance(20min);
    ASSERT_TRUE(this->accounts_->Authenticate(busy->session_id)) << i;
  }
  this->clock_.Advance(20min);
  swept = this->accounts_->SweepExpired();
  ASSERT_TRUE(swept);
  EXPECT_EQ(swept->sessions, 1);
  EXPECT_EQ(swept->sign_in_failures, 1);
}

TYPED_TEST(AccountsTest, ApiTokensAuthenticateUntilRevoked) {
  const services::UserView bpjs = this->Create("bpjs.pasuruan", Role::kBpjs, "35.14");
  const Actor cli = Actor::ForCli("ops");
  Result<services::IssuedToken> token = this->accounts_->IssueApiToken(bpjs.id, "cabang", cli);
  ASSERT_TRUE(token) << token.error().ToString();
  EXPECT_EQ(this->LastEntry().action, AuditAction::kTokenIssue);
  EXPECT_EQ(this->LastEntry().after_json.find(token->plaintext), std::string::npos);

  Result<services::TokenInfo> who = this->accounts_->AuthenticateToken(token->plaintext);
  ASSERT_TRUE(who) << who.error().ToString();
  EXPECT_EQ(who->principal.user_id, bpjs.id);
  EXPECT_FALSE(who->must_change_password);
  std::string forged = token->plaintext;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(this->accounts_->AuthenticateToken(forged).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->accounts_->ListApiTokens(bpjs.id, cli).value().front().last_used_at, kStart);

  ASSERT_TRUE(this->accounts_->RevokeApiToken(token->id, cli));
  EXPECT_EQ(this->LastEntry().action, AuditAction::kTokenRevoke);
  EXPECT_EQ(this->accounts_->AuthenticateToken(token->plaintext).error().code,
            ErrorCode::kNotFound);
}

// A temporary password opens nothing but the way to replace it, through a token neither
// (issue 11, finding 6): no token is issued for an account that must change its password, and
// a token issued before a reset says so when it is used (the router then refuses it).
TYPED_TEST(AccountsTest, NoApiTokenForATemporaryPassword) {
  const Actor cli = Actor::ForCli("ops");
  services::NewUser fresh{
      "baru", "", std::string(kGoodPassword), {{Role::kOperator, "35.14"}}, true};
  Result<services::UserView> made = this->accounts_->CreateUser(fresh, cli);
  ASSERT_TRUE(made) << made.error().ToString();
  const std::int64_t entries = this->AuditCount();
  Result<services::IssuedToken> refused = this->accounts_->IssueApiToken(made->id, "", cli);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(this->AuditCount(), entries);
  EXPECT_TRUE(this->accounts_->ListApiTokens(made->id, cli).value().empty());

  // Once the user has chosen a password, a token; after an administrator's reset, the token
  // is still valid but carries the forced change.
  ASSERT_TRUE(this->accounts_->ChangePassword(made->id, kGoodPassword, "Kebun-Kopi-Tosari-77",
                                              Actor::ForCli("baru")));
  Result<services::IssuedToken> token = this->accounts_->IssueApiToken(made->id, "", cli);
  ASSERT_TRUE(token) << token.error().ToString();
  EXPECT_FALSE(this->accounts_->AuthenticateToken(token->plaintext).value().must_change_password);
  ASSERT_TRUE(this->accounts_->ResetPassword(made->id, "Sawah-Padi-Lumajang-31", cli));
  Result<services::TokenInfo> after_reset = this->accounts_->AuthenticateToken(token->plaintext);
  ASSERT_TRUE(after_reset) << after_reset.error().ToString();
  EXPECT_TRUE(after_reset->must_change_password);
}

TYPED_TEST(AccountsTest, DisabledUsersLoseSessionsTokensAndSignIn) {
  const services::UserView ani = this->Create("ani", Role::kOperator, "35.14");
  const Actor cli = Actor::ForCli("ops");
  Result<services::SignedIn> in = this->accounts_->SignIn("ani", kGoodPassword, "", "");
  ASSERT_TRUE(in);
  Result<services::IssuedToken> token = this->accounts_->IssueApiToken(ani.id, "", cli);
  ASSERT_TRUE(token);

  ASSERT_TRUE(this->accounts_->DisableUser(ani.id, cli));
  EXPECT_EQ(this->LastEntry().action, AuditAction::kUpdate);
  EXPECT_NE(this->LastEntry().after_json.find(R"("disabled":true)"), std::string::npos);
  EXPECT_FALSE(this->accounts_->Authenticate(in->session_id));
  EXPECT_FALSE(this->accounts_->AuthenticateToken(token->plaintext));
  Result<services::SignedIn> again = this->accounts_->SignIn("ani", kGoodPassword, "", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(this->LastEntry().after_json, R"({"reason":"disabled"})");
}

TYPED_TEST(AccountsTest, AdministratorsManageOnlyTheirOwnScope) {
  const services::UserView admin = this->Create("admin.pasuruan", Role::kAdminDaerah, "35.14");
  this->Create("op.jember", Role::kOperator, "35.09");
  Result<services::SignedIn> in = this->accounts_->SignIn("admin.pasuruan", kGoodPassword, "", "");
  ASSERT_TRUE(in);
  const Actor actor = Actor::ForPrincipal(in->principal, "10.0.0.9");

  services::NewUser foreign{
      "op.baru", "", std::string(kGoodPassword), {{Role::kOperator, "35.09"}}};
  EXPECT_EQ(this->accounts_->CreateUser(foreign, actor).error().code, ErrorCode::kPermissionDenied);
  services::NewUser province{"prov.baru", "", std::string(kGoodPassword), {{Role::kAuditor, "35"}}};
  EXPECT_EQ(this->accounts_->CreateUser(province, actor).error().code,
            ErrorCode::kPermissionDenied);
  services::NewUser own{
      "op.pasuruan", "", std::string(kGoodPassword), {{Role::kOperator, "35.14"}}};
  Result<services::UserView> made = this->accounts_->CreateUser(own, actor);
  ASSERT_TRUE(made) << made.error().ToString();
  EXPECT_TRUE(made->must_change_password);
  EXPECT_EQ(this->LastEntry().actor_user_id, admin.id);
  EXPECT_EQ(this->LastEntry().remote_address, "10.0.0.9");

  Result<std::vector<services::UserView>> listed = this->accounts_->ListUsers(actor);
  ASSERT_TRUE(listed);
  std::vector<std::string> names;
  for (const auto& u : *listed) names.push_back(u.username);
  EXPECT_EQ(names, (std::vector<std::string>{"admin.pasuruan", "op.pasuruan"}));
  EXPECT_EQ(this->accounts_->ListUsers(Actor::ForCli("ops")).value().size(), 3u);

  Result<services::UserView> jember = this->accounts_->FindUser("op.jember", Actor::ForCli("x"));
  ASSERT_TRUE(jember);
  EXPECT_EQ(this->accounts_->DisableUser(jember->id, actor).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(this->accounts_->FindUser("op.jember", actor).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->accounts_->DisableUser(admin.id, actor).error().code,
            ErrorCode::kFailedPrecondition);  // not oneself
  EXPECT_EQ(this->accounts_->CreateUser(own, actor).error().code, ErrorCode::kAlreadyExists);
}

TYPED_TEST(AccountsTest, PasswordsFollowThePolicyAndChangesAreAudited) {
  const Actor cli = Actor::ForCli("ops");
  services::NewUser weak{"dewi", "", "12345678901", {{Role::kOperator, "35.14"}}};
  Result<services::UserView> refused = this->accounts_->CreateUser(weak, cli);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  services::NewUser bad_name{
      "Dewi Sartika", "", std::string(kGoodPassword), {{Role::kOperator, "35.14"}}};
  EXPECT_EQ(this->accounts_->CreateUser(bad_name, cli).error().code, ErrorCode::kInvalidArgument);
  services::NewUser district{
      "dewi", "", std::string(kGoodPassword), {{Role::kOperator, "35.14.01"}}};
  EXPECT_EQ(this->accounts_->CreateUser(district, cli).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->AuditCount(), 0);

  const services::UserView dewi = this->Create("dewi", Role::kOperator, "35.14");
  Result<services::SignedIn> in = this->accounts_->SignIn("dewi", kGoodPassword, "", "");
  ASSERT_TRUE(in);
  const Actor self = Actor::ForPrincipal(in->principal, "");
  EXPECT_EQ(this->accounts_->ChangePassword(dewi.id, "wrong-old-pass", "teh-manis-sore", self)
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(this->accounts_->ChangePassword(dewi.id, kGoodPassword, "teh-manis-sore", self,
                                              in->session_id));
  EXPECT_EQ(this->LastEntry().action, AuditAction::kPasswordChange);
  EXPECT_TRUE(this->accounts_->Authenticate(in->session_id));  // the requesting session stays
  EXPECT_TRUE(this->accounts_->SignIn("dewi", "teh-manis-sore", "", ""));

  ASSERT_TRUE(this->accounts_->ResetPassword(dewi.id, "ganti-dari-admin", cli));
  EXPECT_FALSE(this->accounts_->Authenticate(in->session_id));  // reset ends every session
  Result<services::SignedIn> after = this->accounts_->SignIn("dewi", "ganti-dari-admin", "", "");
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->must_change_password);
  EXPECT_TRUE(this->Verify().ok());
}

TYPED_TEST(AccountsTest, DemoAccountsOnlyIntoAnEmptyDatabase) {
  services::AccountSettings settings;
  settings.hash_options = auth::PasswordHashOptions::ForTests();
  Result<std::vector<services::DemoAccount>> seeded = services::SeedDemoAccounts(
      *this->db_, domain::RegionIndex::Embedded(), this->clock_, settings);
  ASSERT_TRUE(seeded) << seeded.error().ToString();
  ASSERT_EQ(seeded->size(), auth::kAllRoles.size());
  for (const services::DemoAccount& account : *seeded) {
    Result<services::SignedIn> in =
        this->accounts_->SignIn(account.username, services::kDemoPassword, "", "");
    ASSERT_TRUE(in) << account.username;
    ASSERT_EQ(in->principal.grants.size(), 1u);
    EXPECT_EQ(in->principal.grants[0].role, account.role);
    EXPECT_EQ(in->principal.grants[0].scope.code(),
              account.role == Role::kAdminProvinsi ? "35" : "35.14");
  }
  Result<std::vector<services::DemoAccount>> again = services::SeedDemoAccounts(
      *this->db_, domain::RegionIndex::Embedded(), this->clock_, settings);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(this->accounts_->CountUsers().value(), 7);
}

}  // namespace
}  // namespace jaring
