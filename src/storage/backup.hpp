// Backup and restore of a whole database (issue 17, item 6): what Database::Describe, BackupTo
// and RestoreFrom (storage/database.hpp) hand back, and how a backup file names its engine.
//
// A backup is the engine's own format, so that its tools can read it too:
//   SQLite      a database file, copied page by page with SQLite's online backup API while
//               the database stays in use; it starts with "SQLite format 3\0".
//   PostgreSQL  a pg_dump archive in the custom format (the connection's schema only); it
//               starts with "PGDMP".
// Those first bytes are how a restore knows which engine wrote a file: a SQLite backup is never
// restored into PostgreSQL, nor the other way round.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "storage/audit_repository.hpp"

namespace jaring::storage {

struct TableRows {
  std::string table;
  std::int64_t rows = 0;
  friend bool operator==(const TableRows&, const TableRows&) = default;
};

// What a database holds, read in one snapshot.
struct DatabaseManifest {
  std::string engine;             // "sqlite" | "postgresql"
  std::string schema;             // PostgreSQL: the schema backed up or described; SQLite: "main"
  int schema_version = 0;         // the newest migration applied
  AuditHead audit_head;           // the audit chain's head row
  std::vector<TableRows> tables;  // every table of the schema, by name, with its row count
  std::uint64_t bytes = 0;        // BackupTo: the backup file's size; otherwise 0

  // The row count of `table`; 0 when there is no such table.
  std::int64_t RowsOf(std::string_view table) const;
};

// Bytes copied so far and in all (total 0: not known, as for pg_dump). Called from the thread
// that runs the backup or restore, a few times a second at most.
using BackupProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// "sqlite" or "postgresql": the engine whose backup `path` is, from its first bytes.
// NotFound when there is no such file; InvalidArgument for a file that is neither.
Result<std::string> BackupFileEngine(const std::string& path);

}  // namespace jaring::storage
