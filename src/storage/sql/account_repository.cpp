// Design notes
//  - Times are BIGINT microseconds (see migration 0002), converted here and nowhere else.
//  - Rows are read into plain buffers and converted; nullable columns use SOCI indicators.
//  - Affected-row counts decide NotFound for updates, so a missing user is never "updated".
#include "storage/sql/account_repository.hpp"

#include <chrono>
#include <string>
#include <utility>

#include "storage/sql/errors.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr const char* kUserColumns =
    "id, username, display_name, password_hash, disabled, must_change_password, created_at, "
    "updated_at";

struct UserBuffer {
  long long id = 0;
  std::string username, display_name, password_hash;
  int disabled = 0, must_change = 0;
  long long created_at = 0, updated_at = 0;

  UserRow ToRow() const {
    return {id,
            username,
            display_name,
            password_hash,
            disabled != 0,
            must_change != 0,
            FromMicros(created_at),
            FromMicros(updated_at)};
  }
};

struct TokenBuffer {
  std::string id;
  long long user_id = 0;
  std::string secret_hash, label;
  long long created_at = 0, last_used_at = 0, revoked_at = 0;
  soci::indicator last_used_ind = soci::i_null, revoked_ind = soci::i_null;

  ApiTokenRow ToRow() const {
    ApiTokenRow row{id, user_id, secret_hash, label, FromMicros(created_at), {}, {}};
    if (last_used_ind == soci::i_ok) row.last_used_at = FromMicros(last_used_at);
    if (revoked_ind == soci::i_ok) row.revoked_at = FromMicros(revoked_at);
    return row;
  }
};

constexpr const char* kTokenColumns =
    "id, user_id, secret_hash, label, created_at, last_used_at, revoked_at";

Error Missing(std::string_view what, std::string_view operation) {
  return Error::NotFound(std::string(what) + " tidak ditemukan", "op=" + std::string(operation));
}

}  // namespace

long long ToMicros(TimePoint time) {
  return std::chrono::floor<std::chrono::microseconds>(time).time_since_epoch().count();
}

TimePoint FromMicros(long long micros) {
  return TimePoint(
      std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(micros)));
}

// --- users ----------------------------------------------------------------------------------

Result<std::int64_t> SqlAccountRepository::InsertUser(const UserRow& user) {
  return runner_.Run<std::int64_t>(
      "users.insert", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        long long id = 0;
        int disabled = user.disabled ? 1 : 0;
        int must_change = user.must_change_password ? 1 : 0;
        long long created = ToMicros(user.created_at);
        long long updated = ToMicros(user.updated_at);
        s << "INSERT INTO users (username, display_name, password_hash, disabled, "
             "must_change_password, created_at, updated_at) VALUES (:u, :d, :h, :x, :m, :c, :t) "
             "RETURNING id",
            use(user.username), use(user.display_name), use(user.password_hash), use(disabled),
            use(must_change), use(created), use(updated), into(id);
        return static_cast<std::int64_t>(id);
      });
}

Result<std::vector<UserRow>> SqlAccountRepository::SelectUsers(std::string_view operation,
                                                               std::string_view where,
                                                               std::optional<std::string> key_text,
                                                               std::optional<long long> key_id) {
  return runner_.Run<std::vector<UserRow>>(
      operation, CallMode::kRead, [&](soci::session& s) -> Result<std::vector<UserRow>> {
        UserBuffer b;
        std::string sql = std::string("SELECT ") + kUserColumns + " FROM users " +
                          std::string(where) + " ORDER BY username";
        soci::details::prepare_temp_type prepare = (s.prepare << sql);
        prepare, into(b.id), into(b.username), into(b.display_name), into(b.password_hash),
            into(b.disabled), into(b.must_change), into(b.created_at), into(b.updated_at);
        if (key_text) prepare, use(*key_text);
        if (key_id) prepare, use(*key_id);
        soci::statement statement(prepare);
        statement.execute();
        std::vector<UserRow> rows;
        while (statement.fetch()) rows.push_back(b.ToRow());
        return rows;
      });
}

Result<UserRow> SqlAccountRepository::GetUser(std::int64_t id) {
  auto rows = SelectUsers("users.get", "WHERE id = :id", std::nullopt, id);
  if (!rows) return Fail(std::move(rows.error()));
  if (rows->empty()) return Fail(Missing("pengguna", "users.get"));
  return std::move(rows->front());
}

Result<UserRow> SqlAccountRepository::FindUser(std::string_view username) {
  auto rows = SelectUsers("users.find", "WHERE username = :u", std::string(username), std::nullopt);
  if (!rows) return Fail(std::move(rows.error()));
  if (rows->empty()) return Fail(Missing("pengguna", "users.find"));
  return std::move(rows->front());
}

Result<std::vector<UserRow>> SqlAccountRepository::ListUsers() {
  return SelectUsers("users.list", "", std::nullopt, std::nullopt);
}

Result<std::int64_t> SqlAccountRepository::CountUsers() {
  return runner_.Run<std::int64_t>("users.count", CallMode::kRead,
                                   [&](soci::session& s) -> Result<std::int64_t> {
                                     long long n = 0;
                                     s << "SELECT COUNT(*) FROM users", into(n);
                                     return static_cast<std::int64_t>(n);
                                   });
}

Status SqlAccountRepository::UpdateUser(const UserRow& user) {
  return runner_.Run<void>("users.update", CallMode::kWrite, [&](soci::session& s) -> Status {
    int disabled = user.disabled ? 1 : 0;
    int must_change = user.must_change_password ? 1 : 0;
    long long updated = ToMicros(user.updated_at);
    long long id = user.id;
    soci::statement st =
        (s.prepare << "UPDATE users SET display_name = :d, password_hash = :h, disabled = :x, "
                      "must_change_password = :m, updated_at = :t WHERE id = :id",
         use(user.display_name), use(user.password_hash), use(disabled), use(must_change),
         use(updated), use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Fail(Missing("pengguna", "users.update"));
    return {};
  });
}

// --- grants ---------------------------------------------------------------------------------

Status SqlAccountRepository::SetGrants(std::int64_t user_id, std::span<const GrantRow> grants) {
  return runner_.Run<void>("grants.set", CallMode::kWrite, [&](soci::session& s) -> Status {
    long long id = user_id;
    s << "DELETE FROM grants WHERE user_id = :id", use(id);
    for (const GrantRow& grant : grants) {
      s << "INSERT INTO grants (user_id, role, scope_code) VALUES (:id, :r, :s)", use(id),
          use(grant.role), use(grant.scope_code);
    }
    return {};
  });
}

Result<std::vector<GrantRow>> SqlAccountRepository::Grants(std::optional<std::int64_t> user_id) {
  return runner_.Run<std::vector<GrantRow>>(
      "grants.list", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<GrantRow>> {
        GrantRow b;
        long long uid = 0;
        long long key = user_id.value_or(0);
        soci::details::prepare_temp_type prepare =
            (s.prepare << (user_id ? "SELECT user_id, role, scope_code FROM grants WHERE "
                                     "user_id = :id ORDER BY user_id, role, scope_code"
                                   : "SELECT user_id, role, scope_code FROM grants "
                                     "ORDER BY user_id, role, scope_code"));
        prepare, into(uid), into(b.role), into(b.scope_code);
        if (user_id) prepare, use(key);
        soci::statement statement(prepare);
        statement.execute();
        std::vector<GrantRow> rows;
        while (statement.fetch()) {
          b.user_id = uid;
          rows.push_back(b);
        }
        return rows;
      });
}

// --- sessions -------------------------------------------------------------------------------

Status SqlAccountRepository::InsertSession(const SessionRow& row) {
  return runner_.Run<void>("sessions.insert", CallMode::kWrite, [&](soci::session& s) -> Status {
    long long uid = row.user_id;
    long long created = ToMicros(row.created_at);
    long long seen = ToMicros(row.last_seen);
    s << "INSERT INTO sessions (id_hash, user_id, created_at, last_seen, csrf_token, "
         "remote_address, user_agent) VALUES (:i, :u, :c, :l, :t, :a, :g)",
        use(row.id_hash), use(uid), use(created), use(seen), use(row.csrf_token),
        use(row.remote_address), use(row.user_agent);
    return {};
  });
}

Result<SessionRow> SqlAccountRepository::GetSession(std::string_view id_hash) {
  return runner_.Run<SessionRow>(
      "sessions.get", CallMode::kRead, [&](soci::session& s) -> Result<SessionRow> {
        std::string key(id_hash);
        SessionRow row;
        long long uid = 0, created = 0, seen = 0;
        s << "SELECT id_hash, user_id, created_at, last_seen, csrf_token, remote_address, "
             "user_agent FROM sessions WHERE id_hash = :i",
            use(key), into(row.id_hash), into(uid), into(created), into(seen), into(row.csrf_token),
            into(row.remote_address), into(row.user_agent);
        if (!s.got_data()) return Fail(Missing("sesi", "sessions.get"));
        row.user_id = uid;
        row.created_at = FromMicros(created);
        row.last_seen = FromMicros(seen);
        return row;
      });
}

Status SqlAccountRepository::TouchSession(std::string_view id_hash, TimePoint last_seen) {
  return runner_.Run<void>("sessions.touch", CallMode::kWrite, [&](soci::session& s) -> Status {
    std::string key(id_hash);
    long long seen = ToMicros(last_seen);
    s << "UPDATE sessions SET last_seen = :l WHERE id_hash = :i", use(seen), use(key);
    return {};
  });
}

Result<bool> SqlAccountRepository::DeleteSession(std::string_view id_hash) {
  return runner_.Run<bool>(
      "sessions.delete", CallMode::kWrite, [&](soci::session& s) -> Result<bool> {
        std::string key(id_hash);
        soci::statement st = (s.prepare << "DELETE FROM sessions WHERE id_hash = :i", use(key));
        st.execute(true);
        return st.get_affected_rows() > 0;
      });
}

Result<std::int64_t> SqlAccountRepository::DeleteSessionsOf(std::int64_t user_id,
                                                            std::string_view keep_id_hash) {
  return runner_.Run<std::int64_t>(
      "sessions.delete_of", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        long long uid = user_id;
        std::string keep(keep_id_hash);
        soci::statement st =
            (s.prepare << "DELETE FROM sessions WHERE user_id = :u AND id_hash <> :k", use(uid),
             use(keep));
        st.execute(true);
        return static_cast<std::int64_t>(st.get_affected_rows());
      });
}

Result<std::int64_t> SqlAccountRepository::DeleteEndedSessions(TimePoint last_seen_up_to,
                                                               TimePoint created_up_to) {
  return runner_.Run<std::int64_t>(
      "sessions.delete_ended", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        long long seen = ToMicros(last_seen_up_to);
        long long created = ToMicros(created_up_to);
        soci::statement st =
            (s.prepare << "DELETE FROM sessions WHERE last_seen <= :s OR created_at <= :c",
             use(seen), use(created));
        st.execute(true);
        return static_cast<std::int64_t>(st.get_affected_rows());
      });
}

// --- API tokens -----------------------------------------------------------------------------

Status SqlAccountRepository::InsertApiToken(const ApiTokenRow& row) {
  return runner_.Run<void>("api_tokens.insert", CallMode::kWrite, [&](soci::session& s) -> Status {
    long long uid = row.user_id;
    long long created = ToMicros(row.created_at);
    long long used = row.last_used_at ? ToMicros(*row.last_used_at) : 0;
    long long revoked = row.revoked_at ? ToMicros(*row.revoked_at) : 0;
    soci::indicator used_ind = row.last_used_at ? soci::i_ok : soci::i_null;
    soci::indicator revoked_ind = row.revoked_at ? soci::i_ok : soci::i_null;
    s << "INSERT INTO api_tokens (id, user_id, secret_hash, label, created_at, last_used_at, "
         "revoked_at) VALUES (:i, :u, :h, :l, :c, :x, :r)",
        use(row.id), use(uid), use(row.secret_hash), use(row.label), use(created),
        use(used, used_ind), use(revoked, revoked_ind);
    return {};
  });
}

Result<ApiTokenRow> SqlAccountRepository::GetApiToken(std::string_view id) {
  return runner_.Run<ApiTokenRow>(
      "api_tokens.get", CallMode::kRead, [&](soci::session& s) -> Result<ApiTokenRow> {
        std::string key(id);
        TokenBuffer b;
        s << std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE id = :i", use(key),
            into(b.id), into(b.user_id), into(b.secret_hash), into(b.label), into(b.created_at),
            into(b.last_used_at, b.last_used_ind), into(b.revoked_at, b.revoked_ind);
        if (!s.got_data()) return Fail(Missing("token API", "api_tokens.get"));
        return b.ToRow();
      });
}

Result<std::vector<ApiTokenRow>> SqlAccountRepository::ListApiTokens(std::int64_t user_id) {
  return runner_.Run<std::vector<ApiTokenRow>>(
      "api_tokens.list", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<ApiTokenRow>> {
        long long uid = user_id;
        TokenBuffer b;
        soci::statement st =
            (s.prepare << std::string("SELECT ") + kTokenColumns +
                              " FROM api_tokens WHERE user_id = :u ORDER BY created_at, id",
             use(uid), into(b.id), into(b.user_id), into(b.secret_hash), into(b.label),
             into(b.created_at), into(b.last_used_at, b.last_used_ind),
             into(b.revoked_at, b.revoked_ind));
        st.execute();
        std::vector<ApiTokenRow> rows;
        while (st.fetch()) rows.push_back(b.ToRow());
        return rows;
      });
}

Status SqlAccountRepository::TouchApiToken(std::string_view id, TimePoint used_at) {
  return runner_.Run<void>("api_tokens.touch", CallMode::kWrite, [&](soci::session& s) -> Status {
    std::string key(id);
    long long used = ToMicros(used_at);
    s << "UPDATE api_tokens SET last_used_at = :t WHERE id = :i", use(used), use(key);
    return {};
  });
}

Result<std::int64_t> SqlAccountRepository::RevokeApiToken(std::string_view id, TimePoint at) {
  return runner_.Run<std::int64_t>(
      "api_tokens.revoke", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        std::string key(id);
        long long when = ToMicros(at);
        soci::statement st =
            (s.prepare << "UPDATE api_tokens SET revoked_at = :t WHERE id = :i AND revoked_at "
                          "IS NULL",
             use(when), use(key));
        st.execute(true);
        return static_cast<std::int64_t>(st.get_affected_rows());
      });
}

Result<std::int64_t> SqlAccountRepository::RevokeApiTokensOf(std::int64_t user_id, TimePoint at) {
  return runner_.Run<std::int64_t>(
      "api_tokens.revoke_of", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        long long uid = user_id;
        long long when = ToMicros(at);
        soci::statement st =
            (s.prepare << "UPDATE api_tokens SET revoked_at = :t WHERE user_id = :u AND "
                          "revoked_at IS NULL",
             use(when), use(uid));
        st.execute(true);
        return static_cast<std::int64_t>(st.get_affected_rows());
      });
}

// --- failed sign-ins ------------------------------------------------------------------------

Status SqlAccountRepository::RecordSignInFailure(std::string_view username,
                                                 std::string_view remote_address, TimePoint at) {
  return runner_.Run<void>(
      "sign_in_failures.insert", CallMode::kWrite, [&](soci::session& s) -> Status {
        std::string user(username), address(remote_address);
        long long when = ToMicros(at);
        s << "INSERT INTO sign_in_failures (username, remote_address, at) VALUES (:u, :a, :t)",
            use(user), use(address), use(when);
        return {};
      });
}

Result<std::vector<TimePoint>> SqlAccountRepository::SelectFailures(std::string_view operation,
                                                                    std::string_view column,
                                                                    std::string_view key,
                                                                    TimePoint since) {
  return runner_.Run<std::vector<TimePoint>>(
      operation, CallMode::kRead, [&](soci::session& s) -> Result<std::vector<TimePoint>> {
        std::string value(key);
        long long from = ToMicros(since);
        long long at = 0;
        soci::statement st =
            (s.prepare << "SELECT at FROM sign_in_failures WHERE " + std::string(column) +
                              " = :k AND at >= :t ORDER BY at",
             use(value), use(from), into(at));
        st.execute();
        std::vector<TimePoint> times;
        while (st.fetch()) times.push_back(FromMicros(at));
        return times;
      });
}

Result<std::vector<TimePoint>> SqlAccountRepository::FailuresForUsername(std::string_view username,
                                                                         TimePoint since) {
  return SelectFailures("sign_in_failures.by_username", "username", username, since);
}

Result<std::vector<TimePoint>> SqlAccountRepository::FailuresForAddress(
    std::string_view remote_address, TimePoint since) {
  return SelectFailures("sign_in_failures.by_address", "remote_address", remote_address, since);
}

Result<std::int64_t> SqlAccountRepository::DeleteSignInFailuresBefore(TimePoint before) {
  return runner_.Run<std::int64_t>("sign_in_failures.delete_before", CallMode::kWrite,
                                   [&](soci::session& s) -> Result<std::int64_t> {
                                     long long until = ToMicros(before);
                                     soci::statement st =
                                         (s.prepare << "DELETE FROM sign_in_failures WHERE at < :t",
                                          use(until));
                                     st.execute(true);
                                     return static_cast<std::int64_t>(st.get_affected_rows());
                                   });
}

}  // namespace jaring::storage::sql
