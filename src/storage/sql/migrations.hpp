// Migrations: the versioned schema, embedded in the binary from src/storage/migrations/*.sql.
//
// One copy of each file serves both engines. Where their SQL differs the file writes a
// placeholder that ExpandPlaceholders() replaces:
//   {{id}}         SQLite: INTEGER PRIMARY KEY (the rowid)
//                  PostgreSQL: BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY
//   {{date}}       SQLite: TEXT holding 'YYYY-MM-DD'      PostgreSQL: DATE
//   {{timestamp}}  SQLite: TEXT holding ISO-8601 UTC      PostgreSQL: TIMESTAMPTZ
//   {{code_text}}  SQLite: TEXT (always byte order)       PostgreSQL: TEXT COLLATE "C"
//                  for codes and indexed text: one order on both engines, cheap comparisons
// Where a whole step exists on one engine only, it stands in a block:
//   {{postgres}} ... {{end}}   kept on PostgreSQL, left out on SQLite
//   {{sqlite}} ... {{end}}     kept on SQLite, left out on PostgreSQL
// (blocks do not nest; placeholders inside them are expanded). Migration 0019 partitions
// workers on PostgreSQL this way.
// Anything else between {{ and }} is an error, so a typo cannot reach a database.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "storage/sql/engine.hpp"

namespace jaring::storage::sql {

struct Migration {
  int version;            // from the file name NNNN_name.sql; strictly increasing
  std::string_view name;  // the name part
  std::string_view sql;   // file contents, with placeholders
};

// All migrations, in version order (generated at build time by embed_migrations.cmake).
std::span<const Migration> EmbeddedMigrations();

// The SQL for `engine`; InvalidArgument names an unknown or unterminated placeholder.
Result<std::string> ExpandPlaceholders(std::string_view sql, Engine engine);

}  // namespace jaring::storage::sql
