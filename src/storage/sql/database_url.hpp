// Parsing of database URLs (see OpenDatabase in storage/database.hpp).
#pragma once

#include <string>
#include <string_view>

#include "common/error.hpp"
#include "storage/sql/engine.hpp"

namespace jaring::storage::sql {

struct DatabaseUrl {
  Engine engine = Engine::kSqlite;
  // SQLite: the file path as written (":memory:" for an in-memory database).
  // PostgreSQL: the whole URL, which libpq accepts as a connection string.
  std::string target;
  friend bool operator==(const DatabaseUrl&, const DatabaseUrl&) = default;
};

// "sqlite:PATH", "sqlite::memory:", "postgresql://…" or "postgres://…".
// InvalidArgument for an empty path or another scheme; the message never repeats the URL
// (it may hold a password).
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

}  // namespace jaring::storage::sql
