// SqlAccountRepository: AccountRepository over SOCI, and the microsecond timestamps it shares
// with SqlAuditRepository.
//
// Like SqlWorkerRepository, it works pooled or bound to a Transaction's connection through a
// CallRunner (call_runner.hpp).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/clock.hpp"
#include "storage/account_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

// Microseconds since the epoch, floored (as the audit hash truncates).
long long ToMicros(TimePoint time);
TimePoint FromMicros(long long micros);

class SqlAccountRepository final : public AccountRepository {
 public:
  explicit SqlAccountRepository(ConnectionPool& pool) : runner_(pool) {}
  SqlAccountRepository(Engine engine, soci::session& session)
      : runner_(engine, session, "jaring_account_call") {}

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
