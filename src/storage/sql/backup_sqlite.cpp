// Design notes
//  - One snapshot: the backup opens a read transaction on its pooled connection (BEGIN, then
//    the manifest's reads) and keeps it across every sqlite3_backup_step. A step then reads
//    that snapshot instead of starting a read of its own, so the copy and its manifest agree
//    and another process's commits (the server's, in WAL mode) neither wait for the backup nor
//    restart it; SQLite restarts a backup only when a step finds the file changed under a new
//    read, which the held transaction never starts.
//  - Steps of kPagesPerStep pages (4 MiB of 4 KiB pages) give the progress bar its beats; a
//    busy or locked step is retried for up to kBusyPatience.
//  - The copy of a WAL database is marked WAL in its header; the backup file is switched to
//    the rollback journal (journal_mode=DELETE) before it is closed, so it is one
//    self-contained file that `sqlite3` opens read-only anywhere.
//  - A restore copies the backup into the pooled connection's database the same way; a WAL
//    target stays WAL (the backup API rewrites the header for it).
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <memory>

#include "storage/sql/backup.hpp"
#include "storage/sql/errors.hpp"

namespace jaring::storage::sql {
namespace {

using sqlite_api::sqlite3;

constexpr int kPagesPerStep = 1024;
constexpr std::chrono::seconds kBusyPatience{30};

struct CloseSqlite {
  void operator()(sqlite3* db) const { sqlite_api::sqlite3_close_v2(db); }
};
using SqliteFile = std::unique_ptr<sqlite3, CloseSqlite>;

[[noreturn]] void ThrowSqlite(sqlite3* db, std::string_view operation) {
  throw NativeError(ErrorFromSqliteCode(sqlite_api::sqlite3_extended_errcode(db), operation));
}

SqliteFile Open(const std::string& path, int flags, std::string_view operation) {
  sqlite3* db = nullptr;
  const int rc = sqlite_api::sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  SqliteFile file(db);
  if (rc != SQLITE_OK) {
    if (db == nullptr) throw NativeError(ErrorFromSqliteCode(rc, operation));
    ThrowSqlite(db, operation);
  }
  sqlite_api::sqlite3_extended_result_codes(db, 1);
  return file;
}

// The first column of the first row of `sql` as an integer; `missing` when the statement
// fails to prepare (no such table) or returns no row.
long long QueryInteger(sqlite3* db, const char* sql, long long missing) {
  sqlite_api::sqlite3_stmt* statement = nullptr;
  if (sqlite_api::sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
    sqlite_api::sqlite3_finalize(statement);
    return missing;
  }
  long long value = missing;
  if (sqlite_api::sqlite3_step(statement) == SQLITE_ROW &&
      sqlite_api::sqlite3_column_type(statement, 0) != SQLITE_NULL) {
    value = sqlite_api::sqlite3_column_int64(statement, 0);
  }
  sqlite_api::sqlite3_finalize(statement);
  return value;
}

void Execute(sqlite3* db, const char* sql, std::string_view operation) {
  if (sqlite_api::sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    ThrowSqlite(db, operation);
  }
}

// Copies every page of `source`'s main database over `destination`'s, in steps.
void CopyPages(sqlite3* destination, sqlite3* source, const BackupProgress& progress,
               std::string_view operation) {
  sqlite_api::sqlite3_backup* backup =
      sqlite_api::sqlite3_backup_init(destination, "main", source, "main");
  if (backup == nullptr) ThrowSqlite(destination, operation);
  const long long page_size = QueryInteger(source, "PRAGMA page_size", 4096);
  auto patience = std::chrono::steady_clock::now() + kBusyPatience;
  int rc = SQLITE_OK;
  while (true) {
    rc = sqlite_api::sqlite3_backup_step(backup, kPagesPerStep);
    if (progress) {
      const auto total = static_cast<std::uint64_t>(sqlite_api::sqlite3_backup_pagecount(backup));
      const auto left = static_cast<std::uint64_t>(sqlite_api::sqlite3_backup_remaining(backup));
      progress((total - left) * page_size, total * page_size);
    }
    if (rc == SQLITE_OK) {
      patience = std::chrono::steady_clock::now() + kBusyPatience;
      continue;
    }
    const bool busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
    if (!busy || std::chrono::steady_clock::now() > patience) break;
    sqlite_api::sqlite3_sleep(50);
  }
  sqlite_api::sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw NativeError(ErrorFromSqliteCode(rc, operation));
}

}  // namespace

Result<DatabaseManifest> BackupSqlite(ConnectionPool& pool, const std::string& path,
                                      const BackupProgress& progress) {
  Result<PendingFile> pending = PendingFile::Beside(path);
  if (!pending) return Fail(std::move(pending.error()));
  Result<Lease> lease = pool.Acquire();
  if (!lease) return Fail(std::move(lease.error()));
  Result<DatabaseManifest> manifest;
  try {
    ReadSnapshot snapshot(*lease, Engine::kSqlite);
    manifest = ReadManifest(lease->session(), Engine::kSqlite);
    if (!manifest) return manifest;
    SqliteFile copy = Open(pending->temp_path(), SQLITE_OPEN_READWRITE, "backup.open");
    CopyPages(copy.get(), SqliteHandle(lease->session()), progress, "backup.copy");
    Execute(copy.get(), "PRAGMA journal_mode = DELETE", "backup.journal");
  } catch (const std::exception& e) {
    Error error = ErrorFromException(e, "backup");
    error.message = "Pencadangan SQLite gagal: " + error.message;
    if (error.code == ErrorCode::kUnavailable) lease->MarkBroken();
    return Fail(std::move(error));
  }
  Result<std::uint64_t> bytes = pending->Commit();
  if (!bytes) return Fail(std::move(bytes.error()));
  manifest->bytes = *bytes;
  return manifest;
}

Status RestoreSqlite(ConnectionPool& pool, const std::string& path,
                     const BackupProgress& progress) {
  try {
    SqliteFile backup = Open(path, SQLITE_OPEN_READONLY, "restore.open");
    const long long version =
        QueryInteger(backup.get(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", 0);
    if (auto known = CheckBackupVersion(static_cast<int>(version)); !known) return known;
    Result<Lease> lease = pool.Acquire();
    if (!lease) return Fail(std::move(lease.error()));
    if (const long long tables = CountTables(lease->session(), Engine::kSqlite, ""); tables > 0) {
      return Fail(TargetNotEmpty(tables));
    }
    CopyPages(SqliteHandle(lease->session()), backup.get(), progress, "restore.copy");
    return {};
  } catch (const std::exception& e) {
    Error error = ErrorFromException(e, "restore");
    error.message = "Pemulihan SQLite gagal: " + error.message;
    return Fail(std::move(error));
  }
}

}  // namespace jaring::storage::sql
