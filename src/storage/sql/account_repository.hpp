// SqlAccountRepository (AccountRepository over SOCI), and the call runner it shares with
// SqlAuditRepository.
//
// Like SqlWorkerRepository, each repository works in one of two modes: pooled (each call leases
// a connection; writes in their own transaction) or bound to a Transaction's connection (each
// call inside a savepoint, so a failed call leaves the caller's transaction as it was).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/clock.hpp"
#include "storage/account_repository.hpp"
#include "storage/sql/connection.hpp"

namespace jaring::storage::sql {

// Microseconds since the epoch, floored (as the audit hash truncates).
long long ToMicros(TimePoint time);
TimePoint FromMicros(long long micros);

// Runs repository calls on a leased or a bound connection.
class CallRunner {
 public:
  explicit CallRunner(ConnectionPool& pool) : engine_(pool.engine()), pool_(&pool) {}
  CallRunner(Engine engine, soci::session& session) : engine_(engine), bound_(&session) {}

  Engine engine() const { return engine_; }

  // body(session) -> Result<T>. Writes (and every bound call) run atomically: a transaction
  // (pooled) or a savepoint (bound), rolled back when body fails or throws. Exceptions become
  // Errors naming `operation`.
  template <typename T, typename Body>
  Result<T> Run(std::string_view operation, bool write, Body&& body) {
    std::optional<Lease> lease;
    soci::session* session = bound_;
    if (session == nullptr) {
      Result<Lease> acquired = pool_->Acquire();
      if (!acquired) return Fail(std::move(acquired.error()));
      lease.emplace(std::move(*acquired));
      session = &lease->session();
    }
    const bool atomic = bound_ != nullptr || write;
    const char* begin = bound_ != nullptr            ? "SAVEPOINT jaring_account_call"
                        : engine_ == Engine::kSqlite ? "BEGIN IMMEDIATE"
                                                     : "BEGIN";
    const char* commit = bound_ != nullptr ? "RELEASE SAVEPOINT jaring_account_call" : "COMMIT";
    const char* rollback = bound_ != nullptr ? "ROLLBACK TO SAVEPOINT jaring_account_call; "
                                               "RELEASE SAVEPOINT jaring_account_call"
                                             : "ROLLBACK";
    bool open = false;
    auto undo = [&] {
      if (!open) return;
      open = false;
      try {
        ExecuteScript(*session, engine_, rollback, operation);
      } catch (const std::exception&) {
        if (lease) lease->MarkBroken();
      }
    };
    try {
      if (atomic) {
        ExecuteScript(*session, engine_, begin, operation);
        open = true;
      }
      Result<T> result = body(*session);
      if (!result) {
        undo();
        return result;
      }
      if (atomic) {
        ExecuteScript(*session, engine_, commit, operation);
        open = false;
      }
      return result;
    } catch (const std::exception& e) {
      Error error = ErrorFromException(e, operation);
      undo();
      if (lease && error.code == ErrorCode::kUnavailable) lease->MarkBroken();
      return Fail(std::move(error));
    }
  }

 private:
  Engine engine_;
  ConnectionPool* pool_ = nullptr;
  soci::session* bound_ = nullptr;
};

class SqlAccountRepository final : public AccountRepository {
 public:
  explicit SqlAccountRepository(ConnectionPool& pool) : runner_(pool) {}
  SqlAccountRepository(Engine engine, soci::session& session) : runner_(engine, session) {}

  Result<std::int64_t> InsertUser(const UserRow& user) override;
  Result<UserRow> GetUser(std::int64_t id) override;
  Result<UserRow> FindUser(std::string_view username) override;
  Result<std::vector<UserRow>> ListUsers() override;
  Result<std::int64_t> CountUsers() override;
  Status UpdateUser(const UserRow& user) override;
  Status SetGrants(std::int64_t user_id, std::span<const GrantRow> grants) override;
  Result<std::vector<GrantRow>> Grants(std::optional<std::int64_t> user_id) override;
  Status InsertSession(const SessionRow& session) override;
  Result<SessionRow> GetSession(std::string_view id_hash) override;
  Status TouchSession(std::string_view id_hash, TimePoint last_seen) override;
  Result<bool> DeleteSession(std::string_view id_hash) override;
  Result<std::int64_t> DeleteSessionsOf(std::int64_t user_id,
                                        std::string_view keep_id_hash) override;
  Result<std::int64_t> DeleteEndedSessions(TimePoint last_seen_up_to,
                                           TimePoint created_up_to) override;
  Status InsertApiToken(const ApiTokenRow& token) override;
  Result<ApiTokenRow> GetApiToken(std::string_view id) override;
  Result<std::vector<ApiTokenRow>> ListApiTokens(std::int64_t user_id) override;
  Status TouchApiToken(std::string_view id, TimePoint used_at) override;
  Result<std::int64_t> RevokeApiToken(std::string_view id, TimePoint at) override;
  Result<std::int64_t> RevokeApiTokensOf(std::int64_t user_id, TimePoint at) override;
  Status RecordSignInFailure(std::string_view username, std::string_view remote_address,
                             TimePoint at) override;
  Result<std::vector<TimePoint>> FailuresForUsername(std::string_view username,
                                                     TimePoint since) override;
  Result<std::vector<TimePoint>> FailuresForAddress(std::string_view remote_address,
                                                    TimePoint since) override;
  Result<std::int64_t> DeleteSignInFailuresBefore(TimePoint before) override;

 private:
  Result<std::vector<UserRow>> SelectUsers(std::string_view operation, std::string_view where,
                                           std::optional<std::string> key_text,
                                           std::optional<long long> key_id);
  Result<std::vector<TimePoint>> SelectFailures(std::string_view operation, std::string_view column,
                                                std::string_view key, TimePoint since);
  CallRunner runner_;
};

}  // namespace jaring::storage::sql
