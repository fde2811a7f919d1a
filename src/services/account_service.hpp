// AccountService: users, grants, sign-in, sessions and API tokens (issue 3, item 1), over
// storage and the pure policy of src/auth.
//
// Every change (user created, disabled, password reset or changed, token issued or revoked,
// sign-in, failed sign-in, sign-out) is written with its audit entry in one transaction
// (AuditTrail::Append). Secrets never reach storage or the audit log in the clear: passwords
// as argon2id hashes, session ids and API token secrets as BLAKE2b-256 hashes.
//
// Errors (common/error.hpp), as the HTTP layer maps them:
//   InvalidArgument     bad username, password against the policy (message lists why), bad
//                       role or scope
//   PermissionDenied    the actor may not do this (MayAssign fails); wrong credentials at
//                       sign-in (one message for unknown user, wrong password, disabled)
//   NotFound            unknown user or token; Authenticate* with an unknown, expired or
//                       revoked session/token, or a disabled user's (=> 401)
//   AlreadyExists       username taken
//   Unavailable         database; sign-in refused by the throttle (Error::retry_after set:
//                       the HTTP layer answers 429 with Retry-After)
//
// Thread-safe: holds no mutable state; the database serialises what needs it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/password.hpp"
#include "auth/roles.hpp"
#include "auth/session.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "services/audit_trail.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct AccountSettings {
  auth::PasswordHashOptions hash_options;  // ForTests() in tests only
  auth::PasswordPolicy password_policy;
  auth::SessionSettings session;
  // Per username. Per remote address the threshold is higher (offices share one address).
  auth::ThrottleSettings user_throttle;
  auth::ThrottleSettings address_throttle{.free_failures = 20};
  // Optional pepper for API token hashes (auth::IsValidTokenKey): "" or 16..64 bytes.
  std::string token_key;
};

// A user as administrators see it (never the hash).
struct UserView {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  bool disabled = false;
  bool must_change_password = false;
  std::vector<auth::Grant> grants;
  TimePoint created_at;
  TimePoint updated_at;
};

struct NewUser {
  std::string username;  // 3..64 of [a-z0-9._-], starting with a letter or digit
  std::string display_name;
  std::string password;  // must pass the password policy
  // (role, scope code) pairs, checked with auth::MakeGrant against the region master data and,
  // for a principal actor, auth::MayAssign. At least one.
  std::vector<std::pair<auth::Role, std::string>> grants;
  // True for passwords an administrator chose or the CLI generated: the user is asked to
  // choose their own at first sign-in (the web app enforces it).
  bool must_change_password = true;
};

struct SignedIn {
  std::string session_id;  // plaintext, for the HttpOnly cookie; storage keeps only its hash
  std::string csrf_token;  // for the readable CSRF cookie
  auth::Principal principal;
  bool must_change_password = false;
  TimePoint expires_at;  // the session's deadline if unused (for the cookie)
};

struct SessionInfo {
  auth::Principal principal;
  std::string csrf_token;  // compare with auth::CsrfTokenValid for state-changing requests
  bool must_change_password = false;
  TimePoint expires_at;
};

// Who an API token acts for.
struct TokenInfo {
  auth::Principal principal;
  // The account's password is temporary (reset since the token was issued): the token opens
  // no more than a session would (the router's PASSWORD_CHANGE_REQUIRED).
  bool must_change_password = false;
};

struct IssuedToken {
  std::string id;         // 24 hex characters: list and revoke by this
  std::string plaintext;  // "jrg_<id>_<secret>": show once, never stored
};

struct ApiTokenView {
  std::string id;
  std::int64_t user_id = 0;
  std::string label;
  TimePoint created_at;
  std::optional<TimePoint> last_used_at;
  std::optional<TimePoint> revoked_at;
};

// What SweepExpired removed.
struct SweepResult {
  std::int64_t sessions = 0;
  std::int64_t sign_in_failures = 0;
};

class AccountService {
 public:
  // All references must outlive the service.
  AccountService(storage::Database& db, const domain::RegionIndex& regions, const Clock& clock,
                 AccountSettings settings = {});

  const AccountSettings& settings() const { return settings_; }

  // --- Administration (actor needs manage_users over every grant involved) ---------------

  Result<UserView> CreateUser(const NewUser& user, const Actor& actor);
  // Users with at least one grant inside the actor's manage_users scope (all for the CLI),
  // by username.
  Result<std::vector<UserView>> ListUsers(const Actor& actor);
  Result<UserView> FindUser(std::string_view username, const Actor& actor);
  Result<std::int64_t> CountUsers();
  // Disables the user, ends their sessions and revokes their API tokens.
  Status DisableUser(std::int64_t user_id, const Actor& actor);
  // Sets a new password (policy-checked), must_change_password = true, ends their sessions.
  Status ResetPassword(std::int64_t user_id, std::string_view new_password, const Actor& actor);

  // --- Self service ----------------------------------------------------------------------

  // The signed-in user changes their own password: `old_password` must verify (else
  // PermissionDenied), the new one pass the policy. Clears must_change_password and ends the
  // user's other sessions (keeps `keep_session_id`, the one making the request, if given).
  Status ChangePassword(std::int64_t user_id, std::string_view old_password,
                        std::string_view new_password, const Actor& actor,
                        std::string_view keep_session_id = {});

  // --- API tokens (act for their user, with the user's grants) ---------------------------

  // The actor must manage the user (or be the user). The plaintext is returned once.
  // FailedPrecondition for a disabled account, and for one whose password is temporary
  // (must_change_password): the user first chooses their own.
  Result<IssuedToken> IssueApiToken(std::int64_t user_id, std::string_view label,
                                    const Actor& actor);
  Status RevokeApiToken(std::string_view token_id, const Actor& actor);
  Result<std::vector<ApiTokenView>> ListApiTokens(std::int64_t user_id, const Actor& actor);

  // --- Sign-in and sessions --------------------------------------------------------------

  // Throttle first (auth::Decide by username and by address; a refused attempt is neither
  // checked nor recorded), then the password (SimulatePasswordCheck for unknown or disabled
  // users). A failure is recorded and audited (sign_in_failed); success creates a session and
  // is audited (sign_in), and rehashes the password if its cost changed.
  Result<SignedIn> SignIn(std::string_view username, std::string_view password,
                          std::string_view remote_address, std::string_view user_agent);
  // The session's principal. Enforces idle and absolute timeouts (expired rows are deleted),
  // touches last_seen (written at most once per touch_granularity). NotFound when not valid.
  Result<SessionInfo> Authenticate(std::string_view session_id);
  // From an "Authorization: Bearer jrg_..." token; records last_used_at. NotFound if invalid.
  Result<TokenInfo> AuthenticateToken(std::string_view api_token_plaintext);
  // Ends the session (audited as sign_out). OK when it was already gone.
  Status SignOut(std::string_view session_id, std::string_view remote_address = {});
  // Deletes sessions past their idle or absolute timeout that nobody used again (Authenticate
  // deletes the ones that are) and failed sign-ins older than both throttle windows: records of
  // who signed in from where are kept only while they serve. `jaring serve` runs it hourly.
  // Not audited per row: the sign-ins and sign-outs themselves are.
  Result<SweepResult> SweepExpired();

 private:
  storage::Database& db_;
  const domain::RegionIndex& regions_;
  const Clock& clock_;
  AccountSettings settings_;
  AuditTrail trail_;
};

// --- Demo --------------------------------------------------------------------------------

inline constexpr std::string_view kDemoPassword = "demo-jaring-2025";

struct DemoAccount {
  std::string username;  // e.g. "demo.operator"
  auth::Role role;
  std::string scope_code;  // "35.14", or "35" for admin_provinsi
};

// Creates one account per role for the demo regency 35.14 (admin_provinsi on province 35),
// then the `extra` ones (the demo story's, services/demo_story.hpp), all with kDemoPassword and
// must_change_password = false, audited as by "system:demo", ONLY when the database has no
// users at all; returns the accounts created (empty when users existed). Only demo mode
// (`jaring serve --demo`, `jaring demo seed`) may call this.
Result<std::vector<DemoAccount>> SeedDemoAccounts(storage::Database& db,
                                                  const domain::RegionIndex& regions,
                                                  const Clock& clock,
                                                  const AccountSettings& settings = {},
                                                  std::span<const DemoAccount> extra = {});

}  // namespace jaring::services
