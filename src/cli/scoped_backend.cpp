#include "cli/scoped_backend.hpp"

#include "cli/db_option.hpp"
#include "cli/user_command.hpp"

namespace jaring::cli {

Result<ScopedBackend> OpenScoped(const Environment& env, const std::string& db_url,
                                 const RegencyOf& regency_of, const std::string& as,
                                 auth::Permission permission) {
  auto backend = OpenBackend(env, db_url);
  if (!backend) return Fail(std::move(backend.error()));
  auto regency = regency_of(**backend);
  if (!regency) return Fail(std::move(regency.error()));
  ScopedBackend scoped{std::move(*backend), services::Actor::ForCli(CliActorName().substr(4)),
                       std::move(*regency)};
  if (!as.empty()) {
    auto actor = scoped.backend->ActAs(as, permission, scoped.regency);
    if (!actor) return Fail(std::move(actor.error()));
    scoped.actor = std::move(*actor);
  }
  return scoped;
}

Result<ScopedBackend> OpenForProgram(const Environment& env, const std::string& db_url,
                                     std::int64_t program_id, const std::string& as,
                                     auth::Permission permission) {
  return OpenScoped(
      env, db_url,
      [program_id](services::Backend& b) { return b.Programs().RegencyOf(program_id); }, as,
      permission);
}

}  // namespace jaring::cli
