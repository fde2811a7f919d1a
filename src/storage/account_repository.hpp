// AccountRepository: users, their grants, sessions, API tokens and failed sign-ins (issue 3).
//
// Rows only: the policy (who may sign in, hashing, expiry, throttling) lives in src/auth and
// services::AccountService. Secrets never arrive here in the clear: password_hash is an argon2id
// string, a session row is keyed by a hash of the session id, an API token row keeps the hash of
// its secret. Roles are stored by their auth::RoleCode, scopes by their region code. Times are
// kept as integer microseconds since the epoch (the same on both engines).
//
// Errors as in worker_repository.hpp: NotFound for a missing row, AlreadyExists on a unique
// violation (username, token id), Unavailable for the database, Internal otherwise.
//
// Thread safety: as WorkerRepository (Database::Accounts() from any thread; a Transaction's
// belongs to it).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"

namespace jaring::storage {

struct UserRow {
  std::int64_t id = 0;  // assigned by InsertUser
  std::string username;
  std::string display_name;
  std::string password_hash;
  bool disabled = false;
  bool must_change_password = false;
  TimePoint created_at;
  TimePoint updated_at;
  friend bool operator==(const UserRow&, const UserRow&) = default;
};

struct GrantRow {
  std::int64_t user_id = 0;
  std::string role;        // auth::RoleCode
  std::string scope_code;  // "35" or "35.14"
  friend bool operator==(const GrantRow&, const GrantRow&) = default;
};

struct SessionRow {
  std::string id_hash;  // hash of the session id (the id itself is never stored)
  std::int64_t user_id = 0;
  TimePoint created_at;
  TimePoint last_seen;
  std::string csrf_token;
  std::string remote_address;
  std::string user_agent;
  friend bool operator==(const SessionRow&, const SessionRow&) = default;
};

struct ApiTokenRow {
  std::string id;  // the public part of the token (unique)
  std::int64_t user_id = 0;
  std::string secret_hash;
  std::string label;
  TimePoint created_at;
  std::optional<TimePoint> last_used_at;
  std::optional<TimePoint> revoked_at;
  friend bool operator==(const ApiTokenRow&, const ApiTokenRow&) = default;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  // --- users (ids assigned by storage; times as given, truncated to microseconds) ---
  virtual Result<std::int64_t> InsertUser(const UserRow& user) = 0;
  virtual Result<UserRow> GetUser(std::int64_t id) = 0;
  virtual Result<UserRow> FindUser(std::string_view username) = 0;
  // All users, by username.
  virtual Result<std::vector<UserRow>> ListUsers() = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // Writes display_name, password_hash, disabled, must_change_password and updated_at of the
  // row with user.id (NotFound if none).
  virtual Status UpdateUser(const UserRow& user) = 0;

  // --- grants ---
  // Replaces all grants of the user with `grants` (their user_id is ignored).
  virtual Status SetGrants(std::int64_t user_id, std::span<const GrantRow> grants) = 0;
  // The user's grants sorted by (role, scope_code); all users' when user_id is nullopt, sorted
  // by (user_id, role, scope_code).
  virtual Result<std::vector<GrantRow>> Grants(std::optional<std::int64_t> user_id) = 0;

  // --- sessions ---
  virtual Status InsertSession(const SessionRow& session) = 0;
  virtual Result<SessionRow> GetSession(std::string_view id_hash) = 0;
  virtual Status TouchSession(std::string_view id_hash, TimePoint last_seen) = 0;
  // Deletes one session; returns whether it existed.
  virtual Result<bool> DeleteSession(std::string_view id_hash) = 0;
  // Deletes every session of the user except `keep_id_hash` (if not empty); returns how many.
  virtual Result<std::int64_t> DeleteSessionsOf(std::int64_t user_id,
                                                std::string_view keep_id_hash = {}) = 0;
  // Deletes the sessions that have ended: idle since `last_seen_up_to` or older, or created at
  // `created_up_to` or before. Returns how many.
  virtual Result<std::int64_t> DeleteEndedSessions(TimePoint last_seen_up_to,
                                                   TimePoint created_up_to) = 0;

  // --- API tokens ---
  virtual Status InsertApiToken(const ApiTokenRow& token) = 0;
  virtual Result<ApiTokenRow> GetApiToken(std::string_view id) = 0;
  // The user's tokens by created_at, id.
  virtual Result<std::vector<ApiTokenRow>> ListApiTokens(std::int64_t user_id) = 0;
  virtual Status TouchApiToken(std::string_view id, TimePoint used_at) = 0;
  // Sets revoked_at where not yet revoked; returns how many rows changed (0 or 1).
  virtual Result<std::int64_t> RevokeApiToken(std::string_view id, TimePoint at) = 0;
  virtual Result<std::int64_t> RevokeApiTokensOf(std::int64_t user_id, TimePoint at) = 0;

  // --- failed sign-ins (for the throttle) ---
  virtual Status RecordSignInFailure(std::string_view username, std::string_view remote_address,
                                     TimePoint at) = 0;
  // Times of failures at or after `since`, for this username / this address.
  virtual Result<std::vector<TimePoint>> FailuresForUsername(std::string_view username,
                                                             TimePoint since) = 0;
  virtual Result<std::vector<TimePoint>> FailuresForAddress(std::string_view remote_address,
                                                            TimePoint since) = 0;
  // Forgets failures before `before` (older than any throttle window). Returns how many.
  virtual Result<std::int64_t> DeleteSignInFailuresBefore(TimePoint before) = 0;
};

}  // namespace jaring::storage
