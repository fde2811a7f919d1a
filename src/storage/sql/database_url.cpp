#include "storage/sql/database_url.hpp"

namespace jaring::storage::sql {

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    std::string_view path = url.substr(kSqlite.size());
    if (path.empty()) {
      return Fail(Error::InvalidArgument("alamat basis data SQLite tanpa berkas",
                                         "expected sqlite:PATH or sqlite::memory:"));
    }
    return DatabaseUrl{Engine::kSqlite, std::string(path)};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return DatabaseUrl{Engine::kPostgres, std::string(url)};
  }
  return Fail(Error::InvalidArgument("jenis basis data tidak dikenal",
                                     "expected sqlite:PATH or postgresql://user@host:port/db"));
}

}  // namespace jaring::storage::sql
