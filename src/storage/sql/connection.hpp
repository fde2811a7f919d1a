// Connections: a fixed pool of SOCI sessions, each set up for its engine, leased per call.
//
// Internal to storage/sql. The pool is thread-safe; a Lease (one connection) belongs to one
// thread until it is destroyed. A connection whose call failed with Unavailable is marked
// broken and reconnected at its next lease, so a restarted PostgreSQL server heals the pool.
// A PostgreSQL connection is also checked as it is leased: one the server has closed meanwhile
// (a failover or restart terminates every session) is reopened before the call instead of
// failing it, so after a failover the pool moves to the new primary without a failed request;
// with target_session_attrs=read-write in the URL, so is one that finds itself on a standby.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "storage/sql/engine.hpp"
#include "storage/sql/errors.hpp"

struct pg_conn;
struct pg_result;
namespace sqlite_api {
struct sqlite3;
}

namespace jaring::storage::sql {

// SQLite page cache per connection, in KiB: 32 MiB for ordinary work; InsertMany raises it
// to kSqliteBulkCacheKib for the batch, where the indexes of a million rows would otherwise
// spill out of the cache and be read back from the file for every row.
constexpr int kSqliteCacheKib = 32 * 1024;
constexpr int kSqliteBulkCacheKib = 256 * 1024;
// During a bulk load without the secondary indexes (WorkerRepository::BeginBulkLoad): rows are
// only appended, so a small cache serves and spills the load's pages to the WAL as it goes.
constexpr int kSqliteAppendCacheKib = 8 * 1024;
// While CREATE INDEX rebuilds the workers' indexes after a bulk load: the cache size is also
// the sorter's memory before it spills a sorted run to temporary storage (no file was opened:
// temp_store = MEMORY), and with PRAGMA threads a spilled run is sorted on a helper thread. A small
// cache sorts in runs and merges them; the 256 MiB one sorted each index in one piece: for the
// 1,000,000-row first import the 12 index builds took 24.0-24.8 s instead of 25.0-32.5 s
// (load 2-4), and the import's peak memory fell from 820 to 501 MB.
constexpr int kSqliteIndexBuildCacheKib = 16 * 1024;
// How much of a database file each SQLite connection reads through a memory map (SQLite caps it
// at its build's limit, 2 GiB in Debian's). Address space only: the pages are the OS's cache.
constexpr long long kSqliteMmapBytes = 2LL * 1024 * 1024 * 1024;

struct PoolSettings {
  Engine engine = Engine::kSqlite;
  std::string connect_string;  // what soci::session::open receives
  bool sqlite_file = true;     // false for :memory: (no WAL)
  bool map_reads = false;      // SQLite file: PRAGMA mmap_size = kSqliteMmapBytes
  int size = 4;
  std::chrono::milliseconds lease_timeout{30'000};
  std::chrono::milliseconds busy_timeout{10'000};
  // PostgreSQL session settings, SET on every connection when above zero.
  std::chrono::milliseconds statement_timeout{0};
  std::chrono::milliseconds lock_timeout{0};
  std::chrono::milliseconds idle_in_transaction_timeout{0};
  // PostgreSQL URL with target_session_attrs=read-write or primary: a leased connection found
  // on a standby is opened again.
  bool require_primary = false;
};

class ConnectionPool;

// One leased connection; returns it to the pool when destroyed.
class Lease {
 public:
  Lease(ConnectionPool* pool, std::size_t position);
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&&) = delete;
  ~Lease();

  soci::session& session();
  // The connection failed in a way that may have left it unusable: reconnect before reuse.
  void MarkBroken();

 private:
  ConnectionPool* pool_;
  std::size_t position_;
};

class ConnectionPool {
 public:
  // Opens every connection up front (a bad URL fails here, not at the first request).
  static Result<std::unique_ptr<ConnectionPool>> Open(PoolSettings settings);
  ~ConnectionPool();

  Engine engine() const { return settings_.engine; }

  // Waits up to lease_timeout for a free connection; Unavailable after that or when a broken
  // (or, on PostgreSQL, closed by the server) connection cannot be reopened.
  Result<Lease> Acquire();

 private:
  friend class Lease;
  explicit ConnectionPool(PoolSettings settings);
  void Connect(std::size_t position);  // throws soci_error
  // PostgreSQL: whether the server closed this idle connection (reads what is pending).
  bool ClosedByServer(std::size_t position);

  PoolSettings settings_;
  soci::connection_pool pool_;
  std::unique_ptr<bool[]> broken_;  // guarded by the pool's lease: only the holder touches [i]
};

// Runs one or more statements with the engine's native API (sqlite3_exec / PQexec), for
// migrations and transaction control. Throws NativeError (errors.hpp) on failure.
void ExecuteScript(soci::session& session, Engine engine, const std::string& sql,
                   std::string_view operation);

// The Error for a failed libpq result (result may be null).
Error ResultError(pg_conn* conn, const pg_result* result, std::string_view operation);

// PostgreSQL: whether the session's connection is gone (after a failed call). A COMMIT that
// failed so has an unknown outcome: the server may have committed before the link broke.
bool ConnectionLost(soci::session& session, Engine engine);
// The Error for such a COMMIT: Unavailable, saying that the change may or may not be stored
// (the client checks before it repeats a change that is not idempotent).
Error AmbiguousCommit(std::string_view operation);

sqlite_api::sqlite3* SqliteHandle(soci::session& session);
pg_conn* PostgresHandle(soci::session& session);

// COPY table (columns) FROM STDIN in text format over libpq, for bulk writes on PostgreSQL:
// one round trip per MiB instead of one per row. Fields are escaped here; rows are sent as the
// buffer fills. Every failure throws NativeError; destroying an unfinished copy aborts it (the
// server discards its rows) and leaves the connection usable for a rollback.
//
//   PostgresCopy copy(session, "quarantine_rows (batch_id, line)", "imports.copy");
//   copy.Field("12"); copy.Null(); copy.EndRow(); ... copy.Finish();
class PostgresCopy {
 public:
  PostgresCopy(soci::session& session, std::string_view table_and_columns,
               std::string_view operation);
  PostgresCopy(const PostgresCopy&) = delete;
  PostgresCopy& operator=(const PostgresCopy&) = delete;
  ~PostgresCopy();

  void Field(std::string_view value);  // the next field of the row
  void Null();                         // a NULL field
  void EndRow();
  void Finish();  // sends the rest and waits for the server's verdict

 private:
  void Separate();
  void Send();

  pg_conn* conn_;
  std::string operation_;
  std::string buffer_;
  bool row_started_ = false;
  bool open_ = true;
};

}  // namespace jaring::storage::sql
