#include "storage/sql/connection.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "common/metrics.hpp"

namespace jaring::storage::sql {
namespace {

// The pools' use for /metrics (common/metrics.hpp), summed over the pools of the process (the
// server has one): connections held, leased now, leases granted, leases that timed out.
struct PoolMetrics {
  std::atomic<long long> size{0};
  std::atomic<long long> in_use{0};
  metrics::Counter& leases;
  metrics::Counter& timeouts;
};

PoolMetrics& Pools() {
  static PoolMetrics* pools = [] {
    auto& registry = metrics::Process();
    auto* made = new PoolMetrics{
        .leases = registry.GetCounter("jaring_db_pool_leases_total",
                                      "Database connection leases granted"),
        .timeouts = registry.GetCounter(
            "jaring_db_pool_lease_timeouts_total",
            "Calls that found no free database connection in time (answered 503)")};
    registry.AddGauge("jaring_db_pool_size", "Connections in the database pool", {},
                      [made] { return static_cast<double>(made->size.load()); });
    registry.AddGauge("jaring_db_pool_in_use", "Database connections leased now", {},
                      [made] { return static_cast<double>(made->in_use.load()); });
    return made;  // never freed: the registry's gauges read it until the process ends
  }();
  return *pools;
}

// WAL lets readers run beside the one writer. Switching a new file to WAL needs it to itself,
// and SQLite answers BUSY at once instead of calling the busy handler: two processes opening one
// new database together (two `jaring demo seed` started at once, a server beside an import)
// would see "cannot open". So the switch is retried, within the busy timeout.
void EnterWalMode(sqlite_api::sqlite3* db, std::chrono::milliseconds busy_timeout) {
  const auto give_up = std::chrono::steady_clock::now() + busy_timeout;
  for (;;) {
    const int rc = sqlite_api::sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr,
                                            nullptr);
    if (rc == SQLITE_OK) return;
    const int code = sqlite_api::sqlite3_extended_errcode(db);
    const bool busy = (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED;
    if (!busy || std::chrono::steady_clock::now() >= give_up) {
      throw NativeError(ErrorFromSqliteCode(code, "connect"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void SetUpSqlite(soci::session& session, const PoolSettings& settings) {
  sqlite_api::sqlite3_extended_result_codes(SqliteHandle(session), 1);
  ExecuteScript(session, Engine::kSqlite,
                "PRAGMA busy_timeout = " + std::to_string(settings.busy_timeout.count()) + ";",
                "connect");
  // NORMAL sync is durable across application crashes and loses at most the last transactions
  // on power loss (fine with WAL).
  if (settings.sqlite_file) EnterWalMode(SqliteHandle(session), settings.busy_timeout);
  std::string pragmas;
  // Reads through a memory map: every connection of the pool then reads the pages the OS
  // already holds, instead of copying them into its own 32 MiB cache with a system call each.
  // The pool's connections take turns, so without it a request often lands on a connection
  // whose cache has not seen the pages yet (a district's list sorted by last change read its
  // 29,000 rows in 60 ms on a cold connection, 20 ms on a warm one, 25 ms mapped).
  if (settings.sqlite_file && settings.map_reads) {
    pragmas += "PRAGMA mmap_size = " + std::to_string(kSqliteMmapBytes) + ";";
  }
  pragmas +=
      "PRAGMA synchronous = NORMAL;"
      "PRAGMA foreign_keys = ON;"
      "PRAGMA temp_store = MEMORY;"
      "PRAGMA cache_size = -" +
      std::to_string(kSqliteCacheKib) + ";";
  ExecuteScript(session, Engine::kSqlite, pragmas, "connect");
}

void IgnoreNotice(void*, const char*) {}

void SetUpPostgres(soci::session& session, const PoolSettings& settings) {
  // libpq prints notices on stderr by default; they may quote values, so they are dropped.
  PQsetNoticeProcessor(PostgresHandle(session), IgnoreNotice, nullptr);
  // ISO dates so that CAST(birth_date AS TEXT) reads 'YYYY-MM-DD' whatever the server default.
  std::string script =
      "SET datestyle = 'ISO, YMD'; SET client_encoding = 'UTF8'; SET timezone = 'UTC';"
      " SET client_min_messages = warning;";
  // Bounds on one statement, one lock wait and a transaction left idle (a stuck client must
  // not hold the audit chain's head or a pool slot for ever). Milliseconds, the unit PostgreSQL
  // reads a bare number in.
  const std::pair<const char*, std::chrono::milliseconds> bounds[] = {
      {"statement_timeout", settings.statement_timeout},
      {"lock_timeout", settings.lock_timeout},
      {"idle_in_transaction_session_timeout", settings.idle_in_transaction_timeout},
  };
  for (const auto& [name, value] : bounds) {
    if (value.count() > 0) {
      script += " SET " + std::string(name) + " = " + std::to_string(value.count()) + ";";
    }
  }
  ExecuteScript(session, Engine::kPostgres, script, "connect");
}

}  // namespace

Lease::Lease(ConnectionPool* pool, std::size_t position) : pool_(pool), position_(position) {
  Pools().in_use.fetch_add(1);
  Pools().leases.Add();
}

Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), position_(other.position_) {}

Lease::~Lease() {
  if (pool_ == nullptr) return;
  Pools().in_use.fetch_sub(1);
  pool_->pool_.give_back(position_);
}

soci::session& Lease::session() { return pool_->pool_.at(position_); }

void Lease::MarkBroken() { pool_->broken_[position_] = true; }

ConnectionPool::ConnectionPool(PoolSettings settings)
    : settings_(std::move(settings)),
      pool_(static_cast<std::size_t>(settings_.size)),
      broken_(std::make_unique<bool[]>(static_cast<std::size_t>(settings_.size))) {
  Pools().size.fetch_add(settings_.size);
}

ConnectionPool::~ConnectionPool() { Pools().size.fetch_sub(settings_.size); }

Result<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(PoolSettings settings) {
  if (settings.size < 1) settings.size = 1;
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool(std::move(settings)));
  for (std::size_t i = 0; i < static_cast<std::size_t>(pool->settings_.size); ++i) {
    try {
      pool->Connect(i);
    } catch (const std::exception& e) {
      Error error = ErrorFromException(e, "open");
      // Whatever the cause (bad path, refused connection, unknown database), the caller
      // cannot use this database now.
      error.code = ErrorCode::kUnavailable;
      error.message = "basis data tidak dapat dibuka";
      return Fail(std::move(error));
    }
  }
  return pool;
}

void ConnectionPool::Connect(std::size_t position) {
  soci::session& session = pool_.at(position);
  if (settings_.engine == Engine::kSqlite) {
    session.open(*soci::factory_sqlite3(), settings_.connect_string);
    SetUpSqlite(session, settings_);
  } else {
    session.open(*soci::factory_postgresql(), settings_.connect_string);
    SetUpPostgres(session, settings_);
  }
  broken_[position] = false;
}

Result<Lease> ConnectionPool::Acquire() {
  std::size_t position = 0;
  if (!pool_.try_lease(position, static_cast<int>(settings_.lease_timeout.count()))) {
    Pools().timeouts.Add();
    return Fail(Error::Unavailable("basis data sedang sibuk", "op=lease timeout"));
  }
  Lease lease(this, position);
  if (broken_[position] || ClosedByServer(position)) {
    // Broken until Connect succeeds: a failed reconnection leaves the session closed, and the
    // next lease must reopen it rather than use it.
    broken_[position] = true;
    try {
      pool_.at(position).close();
      Connect(position);
    } catch (const std::exception& e) {
      Error error = ErrorFromException(e, "reconnect");
      error.code = ErrorCode::kUnavailable;
      return Fail(std::move(error));
    }
  }
  return lease;
}

bool ConnectionPool::ClosedByServer(std::size_t position) {
  if (settings_.engine != Engine::kPostgres) return false;
  // An idle connection has nothing to read unless the server spoke on its own: a session it
  // terminated (failover, restart, pg_terminate_backend) sends a FATAL error and closes the
  // socket. PQconsumeInput reads without blocking (libpq's socket is non-blocking); after it,
  // a closed connection reports CONNECTION_BAD. A few microseconds per lease.
  soci::session& session = pool_.at(position);
  if (session.get_backend() == nullptr) return true;  // closed
  PGconn* conn = PostgresHandle(session);
  if (conn == nullptr) return true;
  if (PQconsumeInput(conn) == 0 || PQstatus(conn) == CONNECTION_BAD) return true;
  // A URL that asks for the primary: a connection that finds itself on a standby (servers
  // from 14 on report in_hot_standby with every change, no round trip) is opened again, and
  // libpq's target_session_attrs then picks the primary among the URL's hosts.
  if (settings_.require_primary) {
    const char* standby = PQparameterStatus(conn, "in_hot_standby");
    if (standby != nullptr && std::string_view(standby) == "on") return true;
  }
  return false;
}

void ExecuteScript(soci::session& session, Engine engine, const std::string& sql,
                   std::string_view operation) {
  if (engine == Engine::kSqlite) {
    sqlite_api::sqlite3* db = SqliteHandle(session);
    char* message = nullptr;
    const int rc = sqlite_api::sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    sqlite_api::sqlite3_free(message);  // may quote values: never shown
    if (rc != SQLITE_OK) {
      throw NativeError(ErrorFromSqliteCode(sqlite_api::sqlite3_extended_errcode(db), operation));
    }
    return;
  }
  PGconn* conn = PostgresHandle(session);
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    PQclear(result);
    return;
  }
  Error error = ResultError(conn, result, operation);
  PQclear(result);
  throw NativeError(std::move(error));
}

Error ResultError(pg_conn* conn, const pg_result* result, std::string_view operation) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  if (PQstatus(conn) == CONNECTION_BAD) {
    return ErrorFromSqlState(state ? state : "08006", operation);
  }
  return ErrorFromSqlState(state ? state : "", operation, constraint ? constraint : "");
}

bool ConnectionLost(soci::session& session, Engine engine) {
  if (engine != Engine::kPostgres) return false;
  if (session.get_backend() == nullptr) return true;
  PGconn* conn = PostgresHandle(session);
  return conn == nullptr || PQstatus(conn) == CONNECTION_BAD;
}

Error AmbiguousCommit(std::string_view operation) {
  return Error::Unavailable(
      "Sambungan ke basis data terputus saat menyimpan: perubahan ini mungkin sudah tersimpan, "
      "mungkin belum. Periksa dulu sebelum mengulanginya.",
      "op=" + std::string(operation) + " sqlstate=08006 outcome=unknown");
}

sqlite_api::sqlite3* SqliteHandle(soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

pg_conn* PostgresHandle(soci::session& session) {
  return static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
}

namespace {
constexpr std::size_t kCopyFlushBytes = std::size_t{1} << 20;
}  // namespace

PostgresCopy::PostgresCopy(soci::session& session, std::string_view table_and_columns,
                           std::string_view operation)
    : conn_(PostgresHandle(session)), operation_(operation) {
  const std::string sql = "COPY " + std::string(table_and_columns) + " FROM STDIN";
  PGresult* started = PQexec(conn_, sql.c_str());
  if (PQresultStatus(started) != PGRES_COPY_IN) {
    Error error = ResultError(conn_, started, operation_);
    PQclear(started);
    open_ = false;
    throw NativeError(std::move(error));
  }
  PQclear(started);
  buffer_.reserve(kCopyFlushBytes + 4096);
}

PostgresCopy::~PostgresCopy() {
  if (!open_) return;
  // Leave COPY mode so that the connection can roll back.
  PQputCopyEnd(conn_, "aborted by client");
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);
}

void PostgresCopy::Separate() {
  if (row_started_) buffer_ += '\t';
  row_started_ = true;
}

void PostgresCopy::Field(std::string_view value) {
  Separate();
  // Backslash escapes for the characters that delimit fields and rows.
  for (char c : value) {
    switch (c) {
      case '\\':
        buffer_ += "\\\\";
        break;
      case '\t':
        buffer_ += "\\t";
        break;
      case '\n':
        buffer_ += "\\n";
        break;
      case '\r':
        buffer_ += "\\r";
        break;
      default:
        buffer_ += c;
    }
  }
}

void PostgresCopy::Null() {
  Separate();
  buffer_ += "\\N";
}

void PostgresCopy::EndRow() {
  buffer_ += '\n';
  row_started_ = false;
  if (buffer_.size() >= kCopyFlushBytes) Send();
}

void PostgresCopy::Send() {
  if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    throw NativeError(ErrorFromSqlState("08006", operation_));
  }
  buffer_.clear();
}

void PostgresCopy::Finish() {
  if (!buffer_.empty()) Send();
  open_ = false;
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
    throw NativeError(ErrorFromSqlState("08006", operation_));
  }
  std::optional<Error> error;
  while (PGresult* result = PQgetResult(conn_)) {
    if (!error && PQresultStatus(result) != PGRES_COMMAND_OK) {
      error = ResultError(conn_, result, operation_);
    }
    PQclear(result);
  }
  if (error) throw NativeError(std::move(*error));
}

}  // namespace jaring::storage::sql
