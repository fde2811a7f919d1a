// The SQL engines the one SQL implementation runs on.
#pragma once

#include <string_view>

namespace jaring::storage::sql {

enum class Engine { kSqlite, kPostgres };

// "sqlite" / "postgresql", as Database::engine() reports them.
constexpr std::string_view EngineName(Engine engine) {
  return engine == Engine::kSqlite ? "sqlite" : "postgresql";
}

}  // namespace jaring::storage::sql
