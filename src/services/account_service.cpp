// Design notes
//  - Every change runs in one storage::Transaction together with its audit entry; nothing is
//    committed when either fails.
//  - Sign-in answers one message for an unknown user, a disabled one and a wrong password, and
//    spends the time of a password check in all three cases, so that neither the answer nor its
//    timing tells which usernames exist.
//  - Session ids and API token secrets are looked up by their BLAKE2b hash (auth/token.hpp);
//    the session id hash is unkeyed on purpose: the id has 256 bits, nothing to guess.
//  - Audit JSON never holds a password, a hash or a token secret.
#include "services/account_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "auth/token.hpp"

namespace jaring::services {
namespace {

using auth::AuditAction;
using nlohmann::json;

constexpr std::string_view kBadCredentials = "Nama pengguna atau kata sandi salah.";
// Writing last_used_at of an API token at most this often.
constexpr auto kTokenTouchGranularity = std::chrono::minutes(1);

bool ValidUsername(std::string_view name) {
  if (name.size() < 3 || name.size() > 64) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front())) return false;
  return std::ranges::all_of(name,
                             [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Grants read back from storage; rows that no longer parse are skipped (they grant nothing).
std::vector<auth::Grant> ToGrants(const std::vector<storage::GrantRow>& rows) {
  std::vector<auth::Grant> grants;
  for (const storage::GrantRow& row : rows) {
    std::optional<auth::Role> role = auth::RoleFromCode(row.role);
    Result<auth::Scope> scope = auth::Scope::FromStored(row.scope_code);
    if (role && scope) grants.push_back({*role, *scope});
  }
  return grants;
}

json GrantsJson(const std::vector<auth::Grant>& grants) {
  json list = json::array();
  for (const auth::Grant& g : grants) {
    list.push_back({{"role", std::string(auth::RoleCode(g.role))}, {"scope", g.scope.code()}});
  }
  return list;
}

json UserJson(const storage::UserRow& user, const std::vector<auth::Grant>& grants) {
  return {{"username", user.username},
          {"display_name", user.display_name},
          {"disabled", user.disabled},
          {"must_change_password", user.must_change_password},
          {"grants", GrantsJson(grants)}};
}

// The regency an account belongs to in the audit view: its one regency when all its grants are
// of one regency, else "" (province-wide, seen by province auditors).
std::string OwningRegency(const std::vector<auth::Grant>& grants) {
  std::string regency;
  for (const auth::Grant& g : grants) {
    if (g.scope.is_province()) return "";
    if (!regency.empty() && regency != g.scope.code()) return "";
    regency = g.scope.code();
  }
  return regency;
}

UserView ToView(const storage::UserRow& row, std::vector<auth::Grant> grants) {
  return {row.id,
          row.username,
          row.display_name,
          row.disabled,
          row.must_change_password,
          std::move(grants),
          row.created_at,
          row.updated_at};
}

Error Denied() {
  return Error::PermissionDenied("Anda tidak berwenang mengelola akun ini.", "op=accounts.manage");
}

Error NoSession() {
  return Error::NotFound("Sesi tidak ada atau sudah berakhir.", "op=accounts.authenticate");
}

// The actor may manage an account holding `grants`: the CLI always; a principal when it may
// assign every one of them (and holds manage_users somewhere for an account without grants).
bool MayManage(const Actor& actor, const std::vector<auth::Grant>& grants) {
  if (!actor.principal) return true;
  if (!auth::AllowsAnywhere(*actor.principal, auth::Permission::kManageUsers)) return false;
  return std::ranges::all_of(
      grants, [&](const auth::Grant& g) { return auth::MayAssign(*actor.principal, g); });
}

bool IsSelf(const Actor& actor, std::int64_t user_id) {
  return actor.principal && actor.principal->user_id == user_id;
}

// Runs `body(tx)` in a transaction and commits when it succeeds.
template <typename T, typename Body>
Result<T> InTransaction(storage::Database& db, Body&& body) {
  Result<std::unique_ptr<storage::Transaction>> tx = db.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  Result<T> result = body(**tx);
  if (!result) return result;  // rolled back by the destructor
  if (Status committed = (*tx)->Commit(); !committed) return Fail(std::move(committed.error()));
  return result;
}

}  // namespace

AccountService::AccountService(storage::Database& db, const domain::RegionIndex& regions,
                               const Clock& clock, AccountSettings settings)
    : db_(db), regions_(regions), clock_(clock), settings_(std::move(settings)), trail_(clock) {
  JARING_ASSERT(auth::IsValidTokenKey(settings_.token_key),
                "token_key must be empty or 16..64 bytes");
}

// --- administration -------------------------------------------------------------------------

Result<UserView> AccountService::CreateUser(const NewUser& user, const Actor& actor) {
  const std::string username = Lower(user.username);
  if (!ValidUsername(username) || username != user.username) {
    return Fail(Error::InvalidArgument(
        "Nama pengguna harus 3-64 karakter huruf kecil, angka, titik, garis bawah atau tanda "
        "hubung, diawali huruf atau angka.",
        "op=accounts.create USERNAME_INVALID"));
  }
  if (user.grants.empty()) {
    return Fail(Error::InvalidArgument("Akun harus memiliki setidaknya satu peran.",
                                       "op=accounts.create NO_GRANTS"));
  }
  std::vector<auth::Grant> grants;
  for (const auto& [role, scope] : user.grants) {
    Result<auth::Grant> grant = auth::MakeGrant(role, scope, regions_);
    if (!grant) {
      Error error = std::move(grant.error());
      error.code = ErrorCode::kInvalidArgument;
      return Fail(std::move(error));
    }
    if (std::ranges::find(grants, *grant) == grants.end()) grants.push_back(*grant);
  }
  if (!MayManage(actor, grants)) return Fail(Denied());
  if (Status ok = auth::ValidatePassword(user.password, username, settings_.password_policy); !ok) {
    return Fail(std::move(ok.error()));
  }
  Result<std::string> hash = auth::HashPassword(user.password, settings_.hash_options);
  if (!hash) return Fail(std::move(hash.error()));

  const TimePoint now = clock_.Now();
  storage::UserRow row{0,     username, user.display_name.empty() ? username : user.display_name,
                       *hash, false,    user.must_change_password,
                       now,   now};
  return InTransaction<UserView>(db_, [&](storage::Transaction& tx) -> Result<UserView> {
    Result<std::int64_t> id = tx.Accounts().InsertUser(row);
    if (!id) {
      if (id.error().code == ErrorCode::kAlreadyExists) {
        return Fail(Error::AlreadyExists("Nama pengguna sudah dipakai.", id.error().details));
      }
      return Fail(std::move(id.error()));
    }
    row.id = *id;
    std::vector<storage::GrantRow> grant_rows;
    for (const auth::Grant& g : grants) {
      grant_rows.push_back({*id, std::string(auth::RoleCode(g.role)), g.scope.code()});
    }
    if (Status s = tx.Accounts().SetGrants(*id, grant_rows); !s) return Fail(std::move(s.error()));
    if (Status s = trail_.Append(
            tx, AuditEvent::By(actor, AuditAction::kCreate, "user", std::to_string(*id),
                               OwningRegency(grants), "", UserJson(row, grants).dump()));
        !s) {
      return Fail(std::move(s.error()));
    }
    return ToView(row, grants);
  });
}

Result<std::vector<UserView>> AccountService::ListUsers(const Actor& actor) {
  Result<std::vector<storage::UserRow>> users = db_.Accounts().ListUsers();
  if (!users) return Fail(std::move(users.error()));
  Result<std::vector<storage::GrantRow>> grants = db_.Accounts().Grants(std::nullopt);
  if (!grants) return Fail(std::move(grants.error()));
  std::vector<UserView> views;
  for (const storage::UserRow& user : *users) {
    std::vector<storage::GrantRow> own;
    for (const storage::GrantRow& g : *grants) {
      if (g.user_id == user.id) own.push_back(g);
    }
    std::vector<auth::Grant> parsed = ToGrants(own);
    if (actor.principal) {
      // Listed when some grant lies inside the actor's manage_users scope.
      const bool visible = std::ranges::any_of(
          parsed, [&](const auth::Grant& g) { return auth::MayAssign(*actor.principal, g); });
      if (!visible) continue;
    }
    views.push_back(ToView(user, std::move(parsed)));
  }
  return views;
}

Result<UserView> AccountService::FindUser(std::string_view username, const Actor& actor) {
  Result<storage::UserRow> user = db_.Accounts().FindUser(Lower(username));
  if (!user) return Fail(std::move(user.error()));
  Result<std::vector<storage::GrantRow>> rows = db_.Accounts().Grants(user->id);
  if (!rows) return Fail(std::move(rows.error()));
  std::vector<auth::Grant> grants = ToGrants(*rows);
  // Someone who may not manage the account learns nothing about it, not even that it exists.
  if (!IsSelf(actor, user->id) && !MayManage(actor, grants)) {
    return Fail(Error::NotFound("pengguna tidak ditemukan", "op=accounts.find"));
  }
  return ToView(*user, std::move(grants));
}

Result<std::int64_t> AccountService::CountUsers() { return db_.Accounts().CountUsers(); }

Status AccountService::DisableUser(std::int64_t user_id, const Actor& actor) {
  if (IsSelf(actor, user_id)) {
    return Fail(Error::FailedPrecondition("Anda tidak dapat menonaktifkan akun sendiri.",
                                          "op=accounts.disable self"));
  }
  return InTransaction<void>(db_, [&](storage::Transaction& tx) -> Status {
    Result<storage::UserRow> user = tx.Accounts().GetUser(user_id);
    if (!user) return Fail(std::move(user.error()));
    Result<std::vector<storage::GrantRow>> rows = tx.Accounts().Grants(user_id);
    if (!rows) return Fail(std::move(rows.error()));
    const std::vector<auth::Grant> grants = ToGrants(*rows);
    if (!MayManage(actor, grants)) return Fail(Denied());
    const json before = UserJson(*user, grants);
    const TimePoint now = clock_.Now();
    user->disabled = true;
    user->updated_at = now;
    if (Status s = tx.Accounts().UpdateUser(*user); !s) return s;
    if (auto n = tx.Accounts().DeleteSessionsOf(user_id); !n) return Fail(std::move(n.error()));
    if (auto n = tx.Accounts().RevokeApiTokensOf(user_id, now); !n) {
      return Fail(std::move(n.error()));
    }
    return trail_.Append(
        tx, AuditEvent::By(actor, AuditAction::kUpdate, "user", std::to_string(user_id),
                           OwningRegency(grants), before.dump(), UserJson(*user, grants).dump()));
  });
}

Status AccountService::ResetPassword(std::int64_t user_id, std::string_view new_password,
                                     const Actor& actor) {
  Result<storage::UserRow> current = db_.Accounts().GetUser(user_id);
  if (!current) return Fail(std::move(current.error()));
  if (Status ok =
          auth::ValidatePassword(new_password, current->username, settings_.password_policy);
      !ok) {
    return ok;
  }
  Result<std::string> hash = auth::HashPassword(new_password, settings_.hash_options);
  if (!hash) return Fail(std::move(hash.error()));
  return InTransaction<void>(db_, [&](storage::Transaction& tx) -> Status {
    Result<storage::UserRow> user = tx.Accounts().GetUser(user_id);
    if (!user) return Fail(std::move(user.error()));
    Result<std::vector<storage::GrantRow>> rows = tx.Accounts().Grants(user_id);
    if (!rows) return Fail(std::move(rows.error()));
    const std::vector<auth::Grant> grants = ToGrants(*rows);
    if (!MayManage(actor, grants)) return Fail(Denied());
    user->password_hash = *hash;
    user->must_change_password = true;
    user->updated_at = clock_.Now();
    if (Status s = tx.Accounts().UpdateUser(*user); !s) return s;
    if (auto n = tx.Accounts().DeleteSessionsOf(user_id); !n) return Fail(std::move(n.error()));
    return trail_.Append(tx, AuditEvent::By(actor, AuditAction::kPasswordChange, "user",
                                            std::to_string(user_id), OwningRegency(grants), "",
                                            json{{"reset_by_administrator", true}}.dump()));
  });
}

// --- self service ---------------------------------------------------------------------------

Status AccountService::ChangePassword(std::int64_t user_id, std::string_view old_password,
                                      std::string_view new_password, const Actor& actor,
                                      std::string_view keep_session_id) {
  if (actor.principal && !IsSelf(actor, user_id)) return Fail(Denied());
  Result<storage::UserRow> user = db_.Accounts().GetUser(user_id);
  if (!user) return Fail(std::move(user.error()));
  if (user->disabled || !auth::VerifyPassword(user->password_hash, old_password)) {
    return Fail(Error::PermissionDenied("Kata sandi lama salah.", "op=accounts.change_password"));
  }
  if (Status ok = auth::ValidatePassword(new_password, user->username, settings_.password_policy);
      !ok) {
    return ok;
  }
  Result<std::string> hash = auth::HashPassword(new_password, settings_.hash_options);
  if (!hash) return Fail(std::move(hash.error()));
  const std::string keep =
      keep_session_id.empty() ? std::string() : auth::HashTokenSecret(keep_session_id);
  return InTransaction<void>(db_, [&](storage::Transaction& tx) -> Status {
    Result<std::vector<storage::GrantRow>> rows = tx.Accounts().Grants(user_id);
    if (!rows) return Fail(std::move(rows.error()));
    user->password_hash = *hash;
    user->must_change_password = false;
    user->updated_at = clock_.Now();
    if (Status s = tx.Accounts().UpdateUser(*user); !s) return s;
    if (auto n = tx.Accounts().DeleteSessionsOf(user_id, keep); !n) {
      return Fail(std::move(n.error()));
    }
    return trail_.Append(tx, AuditEvent::By(actor, AuditAction::kPasswordChange, "user",
                                            std::to_string(user_id), OwningRegency(ToGrants(*rows)),
                                            "", json{{"changed_by_user", true}}.dump()));
  });
}

// --- API tokens -----------------------------------------------------------------------------

Result<IssuedToken> AccountService::IssueApiToken(std::int64_t user_id, std::string_view label,
                                                  const Actor& actor) {
  return InTransaction<IssuedToken>(db_, [&](storage::Transaction& tx) -> Result<IssuedToken> {
    Result<storage::UserRow> user = tx.Accounts().GetUser(user_id);
    if (!user) return Fail(std::move(user.error()));
    Result<std::vector<storage::GrantRow>> rows = tx.Accounts().Grants(user_id);
    if (!rows) return Fail(std::move(rows.error()));
    const std::vector<auth::Grant> grants = ToGrants(*rows);
    if (!IsSelf(actor, user_id) && !MayManage(actor, grants)) return Fail(Denied());
    if (user->disabled) {
      return Fail(Error::FailedPrecondition("Akun ini nonaktif.", "op=api_tokens.issue disabled"));
    }
    // A token must not open what the temporary password does not (issue 11, finding 6).
    if (user->must_change_password) {
      return Fail(Error::FailedPrecondition(
          "Akun ini masih memakai kata sandi sementara: pengguna harus masuk dan menggantinya "
          "dahulu, baru token API dapat dibuat.",
          "op=api_tokens.issue must_change_password"));
    }
    auth::IssuedApiToken token = auth::IssueApiToken(settings_.token_key);
    storage::ApiTokenRow row{token.id, user_id, token.secret_hash, std::string(label), clock_.Now(),
                             {},       {}};
    if (Status s = tx.Accounts().InsertApiToken(row); !s) return Fail(std::move(s.error()));
    if (Status s = trail_.Append(tx, AuditEvent::By(actor, AuditAction::kTokenIssue, "api_token",
                                                    token.id, OwningRegency(grants), "",
                                                    json{{"user_id", user_id},
                                                         {"username", user->username},
                                                         {"label", std::string(label)}}
                                                        .dump()));
        !s) {
      return Fail(std::move(s.error()));
    }
    return IssuedToken{token.id, token.plaintext};
  });
}

Status AccountService::RevokeApiToken(std::string_view token_id, const Actor& actor) {
  return InTransaction<void>(db_, [&](storage::Transaction& tx) -> Status {
    Result<storage::ApiTokenRow> token = tx.Accounts().GetApiToken(token_id);
    if (!token) return Fail(std::move(token.error()));
    Result<std::vector<storage::GrantRow>> rows = tx.Accounts().Grants(token->user_id);
    if (!rows) return Fail(std::move(rows.error()));
    const std::vector<auth::Grant> grants = ToGrants(*rows);
    if (!IsSelf(actor, token->user_id) && !MayManage(actor, grants)) return Fail(Denied());
    Result<std::int64_t> changed = tx.Accounts().RevokeApiToken(token_id, clock_.Now());
    if (!changed) return Fail(std::move(changed.error()));
    if (*changed == 0) return {};  // already revoked: nothing changed, nothing to audit
    return trail_.Append(
        tx, AuditEvent::By(actor, AuditAction::kTokenRevoke, "api_token", std::string(token_id),
                           OwningRegency(grants), json{{"revoked", false}}.dump(),
                           json{{"revoked", true}}.dump()));
  });
}

Result<std::vector<ApiTokenView>> AccountService::ListApiTokens(std::int64_t user_id,
                                                                const Actor& actor) {
  Result<std::vector<storage::GrantRow>> rows = db_.Accounts().Grants(user_id);
  if (!rows) return Fail(std::move(rows.error()));
  if (!IsSelf(actor, user_id) && !MayManage(actor, ToGrants(*rows))) return Fail(Denied());
  Result<std::vector<storage::ApiTokenRow>> tokens = db_.Accounts().ListApiTokens(user_id);
  if (!tokens) return Fail(std::move(tokens.error()));
  std::vector<ApiTokenView> views;
  for (const storage::ApiTokenRow& t : *tokens) {
    views.push_back({t.id, t.user_id, t.label, t.created_at, t.last_used_at, t.revoked_at});
  }
  return views;
}

// --- sign-in and sessions -------------------------------------------------------------------

Result<SignedIn> AccountService::SignIn(std::string_view username_input, std::string_view password,
                                        std::string_view remote_address,
                                        std::string_view user_agent) {
  const TimePoint now = clock_.Now();
  const std::string username = Lower(username_input.substr(0, 64));
  Result<storage::UserRow> user = db_.Accounts().FindUser(username);
  if (!user && user.error().code != ErrorCode::kNotFound) return Fail(std::move(user.error()));
  // What is throttled, stored and audited for this attempt: the account's name, or for a name
  // that is no account only its tag, since it may be a password typed in the wrong box
  // (issue 11, finding 7). Equal names give equal tags, so repeating one is still throttled.
  const std::string attempted =
      user ? username : auth::UnknownUsernameTag(username, settings_.token_key);

  Result<std::vector<TimePoint>> by_user =
      db_.Accounts().FailuresForUsername(attempted, now - settings_.user_throttle.window);
  if (!by_user) return Fail(std::move(by_user.error()));
  Result<std::vector<TimePoint>> by_address =
      db_.Accounts().FailuresForAddress(remote_address, now - settings_.address_throttle.window);
  if (!by_address) return Fail(std::move(by_address.error()));
  const auth::ThrottleDecision decision =
      auth::Stricter(auth::Decide(*by_user, now, settings_.user_throttle),
                     auth::Decide(*by_address, now, settings_.address_throttle));
  if (!decision.allowed) {
    return Fail(Error::Throttled("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam " +
                                     std::to_string(decision.retry_after.count()) + " detik.",
                                 decision.retry_after, "op=accounts.sign_in SIGN_IN_THROTTLED"));
  }

  std::string reason;
  if (!user) {
    auth::SimulatePasswordCheck(password, settings_.hash_options);
    reason = "unknown_user";
  } else if (user->disabled) {
    auth::SimulatePasswordCheck(password, settings_.hash_options);
    reason = "disabled";
  } else if (!auth::VerifyPassword(user->password_hash, password)) {
    reason = "wrong_password";
  }
  if (!reason.empty()) {
    Status recorded = InTransaction<void>(db_, [&](storage::Transaction& tx) -> Status {
      if (Status s = tx.Accounts().RecordSignInFailure(attempted, remote_address, now); !s) {
        return s;
      }
      // A known account's failures belong to its regency, so that its auditor sees them.
      std::string regency;
      if (user) {
        Result<std::vector<storage::GrantRow>> grants = tx.Accounts().Grants(user->id);
        if (!grants) return Fail(std::move(grants.error()));
        regency = OwningRegency(ToGrants(*grants));
      }
      AuditEvent event{user ? std::optional<std::int64_t>(user->id) : std::nullopt,
                       attempted,
                       std::string(remote_address),
                       AuditAction::kSignInFailed,
                       "user",
                       user ? std::to_string(user->id) : "",
                       regency,
                       "",
                       json{{"reason", reason}}.dump()};
      return trail_.Append(tx, event);
    });
    if (!recorded) return Fail(std::move(recorded.error()));
    return Fail(
        Error::PermissionDenied(std::string(kBadCredentials), "op=accounts.sign_in " + reason));
  }

  Result<std::vector<storage::GrantRow>> rows = db_.Accounts().Grants(user->id);
  if (!rows) return Fail(std::move(rows.error()));
  SignedIn signed_in{auth::NewSessionId(), auth::NewCsrfToken(),
                     auth::Principal{user->id, user->username, ToGrants(*rows)},
                     user->must_change_password,
                     auth::SessionDeadline(auth::SessionState::Start(now), settings_.session)};
  std::optional<std::string> rehash;
  if (auth::NeedsRehash(user->password_hash, settings_.hash_options)) {
    Result<std::string> fresh = auth::HashPassword(password, settings_.hash_options);
    if (fresh) rehash = std::move(*fresh);
  }
  Status stored = InTransaction<void>(db_, [&](storage::Transaction& tx) -> Status {
    if (rehash) {
      storage::UserRow updated = *user;
      updated.password_hash = *rehash;
      updated.updated_at = now;
      if (Status s = tx.Accounts().UpdateUser(updated); !s) return s;
    }
    storage::SessionRow session{auth::HashTokenSecret(signed_in.session_id),
                                user->id,
                                now,
                                now,
                                signed_in.csrf_token,
                                std::string(remote_address),
                                std::string(user_agent.substr(0, 512))};
    if (Status s = tx.Accounts().InsertSession(session); !s) return s;
    AuditEvent event{user->id,
                     user->username,
                     std::string(remote_address),
                     AuditAction::kSignIn,
                     "user",
                     std::to_string(user->id),
                     OwningRegency(signed_in.principal.grants),
                     "",
                     ""};
    return trail_.Append(tx, event);
  });
  if (!stored) return Fail(std::move(stored.error()));
  return signed_in;
}

Result<SessionInfo> AccountService::Authenticate(std::string_view session_id) {
  if (!auth::LooksLikeToken(session_id)) return Fail(NoSession());
  const std::string id_hash = auth::HashTokenSecret(session_id);
  Result<storage::SessionRow> row = db_.Accounts().GetSession(id_hash);
  if (!row) {
    if (row.error().code == ErrorCode::kNotFound) return Fail(NoSession());
    return Fail(std::move(row.error()));
  }
  const TimePoint now = clock_.Now();
  auth::SessionState state{row->created_at, row->last_seen};
  bool persist = false;
  if (auth::Touch(state, now, settings_.session, &persist) != auth::SessionStatus::kActive) {
    (void)db_.Accounts().DeleteSession(id_hash);  // clean-up only; the answer is the same
    return Fail(NoSession());
  }
  Result<storage::UserRow> user = db_.Accounts().GetUser(row->user_id);
  if (!user) {
    if (user.error().code == ErrorCode::kNotFound) return Fail(NoSession());
    return Fail(std::move(user.error()));
  }
  if (user->disabled) return Fail(NoSession());
  Result<std::vector<storage::GrantRow>> rows = db_.Accounts().Grants(user->id);
  if (!rows) return Fail(std::move(rows.error()));
  if (persist) {
    if (Status s = db_.Accounts().TouchSession(id_hash, state.last_seen); !s) {
      return Fail(std::move(s.error()));
    }
  }
  return SessionInfo{auth::Principal{user->id, user->username, ToGrants(*rows)}, row->csrf_token,
                     user->must_change_password, auth::SessionDeadline(state, settings_.session)};
}

Result<TokenInfo> AccountService::AuthenticateToken(std::string_view plaintext) {
  const Error invalid =
      Error::NotFound("Token API tidak sah atau sudah dicabut.", "op=accounts.token");
  std::optional<auth::ParsedApiToken> parsed = auth::ParseApiToken(plaintext);
  if (!parsed) return Fail(invalid);
  Result<storage::ApiTokenRow> token = db_.Accounts().GetApiToken(parsed->id);
  if (!token) {
    if (token.error().code == ErrorCode::kNotFound) return Fail(invalid);
    return Fail(std::move(token.error()));
  }
  if (token->revoked_at ||
      !auth::VerifyTokenSecret(parsed->secret, token->secret_hash, settings_.token_key)) {
    return Fail(invalid);
  }
  Result<storage::UserRow> user = db_.Accounts().GetUser(token->user_id);
  if (!user) return Fail(std::move(user.error()));
  if (user->disabled) return Fail(invalid);
  Result<std::vector<storage::GrantRow>> rows = db_.Accounts().Grants(user->id);
  if (!rows) return Fail(std::move(rows.error()));
  const TimePoint now = clock_.Now();
  if (!token->last_used_at || now - *token->last_used_at >= kTokenTouchGranularity) {
    if (Status s = db_.Accounts().TouchApiToken(token->id, now); !s) {
      return Fail(std::move(s.error()));
    }
  }
  return TokenInfo{auth::Principal{user->id, user->username, ToGrants(*rows)},
                   user->must_change_password};
}

Result<SweepResult> AccountService::SweepExpired() {
  const TimePoint now = clock_.Now();
  SweepResult out;
  auto sessions = db_.Accounts().DeleteEndedSessions(now - settings_.session.idle_timeout,
                                                     now - settings_.session.absolute_timeout);
  if (!sessions) return Fail(std::move(sessions.error()));
  out.sessions = *sessions;
  const auto window = std::max(settings_.user_throttle.window, settings_.address_throttle.window);
  auto failures = db_.Accounts().DeleteSignInFailuresBefore(now - window);
  if (!failures) return Fail(std::move(failures.error()));
  out.sign_in_failures = *failures;
  return out;
}

Status AccountService::SignOut(std::string_view session_id, std::string_view remote_address) {
  if (!auth::LooksLikeToken(session_id)) return {};
  const std::string id_hash = auth::HashTokenSecret(session_id);
  return InTransaction<void>(db_, [&](storage::Transaction& tx) -> Status {
    Result<storage::SessionRow> row = tx.Accounts().GetSession(id_hash);
    if (!row) {
      if (row.error().code == ErrorCode::kNotFound) return {};
      return Fail(std::move(row.error()));
    }
    Result<storage::UserRow> user = tx.Accounts().GetUser(row->user_id);
    if (!user) return Fail(std::move(user.error()));
    if (auto deleted = tx.Accounts().DeleteSession(id_hash); !deleted) {
      return Fail(std::move(deleted.error()));
    }
    Result<std::vector<storage::GrantRow>> grants = tx.Accounts().Grants(user->id);
    if (!grants) return Fail(std::move(grants.error()));
    AuditEvent event{
        user->id, user->username,           std::string(remote_address),      AuditAction::kSignOut,
        "user",   std::to_string(user->id), OwningRegency(ToGrants(*grants)), "",
        ""};
    return trail_.Append(tx, event);
  });
}

// --- demo -----------------------------------------------------------------------------------

Result<std::vector<DemoAccount>> SeedDemoAccounts(storage::Database& db,
                                                  const domain::RegionIndex& regions,
                                                  const Clock& clock,
                                                  const AccountSettings& settings,
                                                  std::span<const DemoAccount> extra) {
  AccountService accounts(db, regions, clock, settings);
  Result<std::int64_t> existing = accounts.CountUsers();
  if (!existing) return Fail(std::move(existing.error()));
  std::vector<DemoAccount> created;
  if (*existing > 0) return created;
  const Actor actor{std::nullopt, "system:demo", ""};
  auto create = [&](DemoAccount account, std::string display_name) -> Status {
    NewUser user{account.username,
                 std::move(display_name),
                 std::string(kDemoPassword),
                 {{account.role, account.scope_code}},
                 false};
    Result<UserView> made = accounts.CreateUser(user, actor);
    if (!made) return Fail(std::move(made.error()));
    created.push_back(std::move(account));
    return {};
  };
  for (auth::Role role : auth::kAllRoles) {
    DemoAccount account{std::string(auth::RoleCode(role)), role,
                        role == auth::Role::kAdminProvinsi ? "35" : "35.14"};
    if (auto ok = create(std::move(account), std::string(auth::RoleDisplayName(role)) + " (demo)");
        !ok)
      return Fail(ok.error());
  }
  for (const DemoAccount& account : extra) {
    const domain::Region* scope = regions.Find(account.scope_code);
    std::string name = std::string(auth::RoleDisplayName(account.role)) + " " +
                       (scope != nullptr ? scope->name : account.scope_code) + " (demo)";
    if (auto ok = create(account, std::move(name)); !ok) return Fail(ok.error());
  }
  return created;
}

}  // namespace jaring::services
