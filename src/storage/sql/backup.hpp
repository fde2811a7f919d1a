// Internal to storage/sql: Database's backup and restore (storage/backup.hpp) per engine, and
// what both engines share:
//   ReadManifest       what a database holds (tables and rows, schema version, audit head)
//   CheckBackupVersion a backup's schema version against this program's migrations
//   PendingFile        a backup written beside its final name, renamed when complete
//   Backup/Restore*    backup_sqlite.cpp (online backup API), backup_postgres.cpp (pg_dump,
//                      pg_restore through pg_tools.hpp)
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "storage/backup.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/engine.hpp"

namespace jaring::storage::sql {

// The manifest of the database behind `session`, read in its current transaction (call it
// inside one for a snapshot). PostgreSQL: the tables of current_schema(). FailedPrecondition
// when there is no schema_migrations table. SQL failures throw (soci_error, NativeError).
Result<DatabaseManifest> ReadManifest(soci::session& session, Engine engine);

// A backup's newest migration `version` against this program's: InvalidArgument for 0 (a
// database that was never migrated is no jaring backup), FailedPrecondition when newer.
Status CheckBackupVersion(int version);

// A read transaction on a leased connection for as long as it lives: what a backup copies and
// the manifest it reports come from one snapshot. SQLite: BEGIN DEFERRED (the snapshot starts
// at the first read); PostgreSQL: REPEATABLE READ READ ONLY. Ended by a rollback; a connection
// that cannot end it is reopened before its next use. Throws if it cannot begin.
class ReadSnapshot {
 public:
  ReadSnapshot(Lease& lease, Engine engine);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Lease& lease_;
  Engine engine_;
};

// The number of tables in `schema` (PostgreSQL) or in the main database (SQLite; `schema`
// unused): a restore's target must have none. Throws on SQL failure.
long long CountTables(soci::session& session, Engine engine, const std::string& schema);

// The FailedPrecondition a restore into a database with `tables` tables answers.
Error TargetNotEmpty(long long tables);

// "name" quoted as an SQL identifier (double quotes, inner quotes doubled).
std::string QuoteIdentifier(std::string_view name);

// The Error for a failed file operation on `path`: ENOENT NotFound, EACCES/EPERM/EROFS
// PermissionDenied, anything else Unavailable.
Error FileError(int err, std::string_view what, const std::string& path);

// A file written beside its final name and renamed over it once complete, so that `path` holds
// either what it held before or the whole new file. Destroying it uncommitted removes the
// temporary file (and SQLite's -journal/-wal/-shm beside it). Movable, not copyable.
class PendingFile {
 public:
  // Creates the empty temporary file "<path>.tmp-XXXXXX", mode 0600, in path's folder.
  static Result<PendingFile> Beside(const std::string& path);

  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&&) = delete;
  PendingFile(const PendingFile&) = delete;
  ~PendingFile();

  const std::string& temp_path() const { return temp_; }
  // Flushes the temporary file to disk, renames it over the final path and flushes the folder.
  // Returns the file's size.
  Result<std::uint64_t> Commit();

 private:
  PendingFile(std::string path, std::string temp)
      : path_(std::move(path)), temp_(std::move(temp)) {}

  std::string path_;
  std::string temp_;
  bool done_ = false;
};

Result<DatabaseManifest> BackupSqlite(ConnectionPool& pool, const std::string& path,
                                      const BackupProgress& progress);
Status RestoreSqlite(ConnectionPool& pool, const std::string& path, const BackupProgress& progress);

// `url` is the libpq URI the pool connects with (its password goes to pg_dump through the
// environment, never on a command line).
Result<DatabaseManifest> BackupPostgres(ConnectionPool& pool, const std::string& url,
                                        const std::string& path, const BackupProgress& progress);
Status RestorePostgres(ConnectionPool& pool, const std::string& url, const std::string& path);

}  // namespace jaring::storage::sql
