#include "cli/db_option.hpp"

#include <cstdlib>

namespace jaring::cli {

void AddDbOption(CLI::App& command, std::string& db_url) {
  command.add_option("--db", db_url,
                     "Basis data: sqlite:PATH atau postgresql://… (default: JARING_DB atau "
                     "sqlite:var/jaring.db)");
}

Result<std::unique_ptr<services::Backend>> OpenBackend(const Environment& env,
                                                       const std::string& db_url) {
  if (!env.open_backend) return Fail(Error::Internal("no database factory", "cli.open_backend"));
  auto backend = env.open_backend(db_url);
  if (!backend) return Fail(backend.error());
  if (auto ok = (*backend)->EnsureSchema(); !ok) return Fail(ok.error());
  return backend;
}

void ResolveDbUrl(const Environment& env, std::string& db_url) {
  if (!db_url.empty()) return;
  const char* from_env = std::getenv("JARING_DB");
  db_url = (from_env != nullptr && *from_env != '\0') ? from_env : env.default_db_url;
}

}  // namespace jaring::cli
