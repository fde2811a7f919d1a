// BackupService: `jaring backup` and `jaring restore` as use cases (issue 17, item 6), over
// storage's Database::BackupTo / RestoreFrom (storage/backup.hpp says what a backup file is).
//
//   BackupService backups(db, trail);
//   auto made = backups.Backup("/srv/cadangan/jaring-2025-10-01.bak");  // while serving
//   ...
//   BackupService into(fresh_db, trail);
//   auto restored = into.Restore("/srv/cadangan/jaring-2025-10-01.bak");
//
// A backup reports what it holds (engine, size, schema version, audit chain head, rows per
// table, workers among them) as read in the very snapshot it copied. A restore goes only into
// an empty database of the same engine, then brings the schema up to this program's version
// (an older backup is migrated as `jaring migrate` would), verifies the whole audit chain and
// reports the same figures for the restored copy, so that the two can be compared.
//
// Thread safety: one call at a time per service (a command's).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "auth/audit_chain.hpp"
#include "common/error.hpp"
#include "services/audit_trail.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct TableCount {
  std::string table;
  std::int64_t rows = 0;
};

// What a database holds, as a backup or a restore reports it.
struct DatabaseSummary {
  std::string engine;  // "sqlite" | "postgresql"
  std::string schema;  // PostgreSQL: the schema; SQLite: "main"
  int schema_version = 0;
  std::int64_t audit_sequence = 0;  // the audit chain's head
  std::string audit_hash;
  std::int64_t workers = 0;
  std::vector<TableCount> tables;  // every table, by name
};

struct BackupReport {
  std::string file;
  std::uint64_t bytes = 0;
  DatabaseSummary contents;  // as of the backup's snapshot
};

struct RestoreReport {
  std::string file;
  std::vector<int> migrations_applied;  // on top of the backup's schema (older backups)
  std::int64_t audit_entries_verified = 0;
  DatabaseSummary contents;  // the restored database, after migrating
};

// Bytes so far and in all (total 0: unknown), for a jaring::Progress.
using BackupProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

class BackupService {
 public:
  // `db` and `trail` must outlive the service.
  BackupService(storage::Database& db, const AuditTrail& trail) : db_(db), trail_(trail) {}

  // Writes the backup to `file` (replaced whole once complete; see Database::BackupTo).
  // Does not migrate: a backup copies the database as it is.
  Result<BackupReport> Backup(const std::string& file, const BackupProgressFn& progress = {});

  // Restores `file` into this database (empty, same engine; see Database::RestoreFrom),
  // migrates it to this program's schema and verifies the audit chain. FailedPrecondition
  // AUDIT_CHAIN_BROKEN when the restored chain does not verify (the data stays restored, for
  // inspection).
  Result<RestoreReport> Restore(const std::string& file, const BackupProgressFn& progress = {});

 private:
  storage::Database& db_;
  const AuditTrail& trail_;
};

}  // namespace jaring::services
