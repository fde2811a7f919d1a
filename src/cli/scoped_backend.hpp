// The backend, the regency and the actor of a command that works inside one regency: the
// regency comes from what the command names (a program, a batch, or --regency), the actor is
// the --as user holding `permission` there, else the command line itself (which may do
// everything, as the operator at the server's console).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "auth/roles.hpp"
#include "cli/command.hpp"
#include "services/backend.hpp"

namespace jaring::cli {

struct ScopedBackend {
  std::unique_ptr<services::Backend> backend;
  services::Actor actor = services::Actor::ForCli("");
  std::string regency;
};

using RegencyOf = std::function<Result<std::string>(services::Backend&)>;

Result<ScopedBackend> OpenScoped(const Environment& env, const std::string& db_url,
                                 const RegencyOf& regency_of, const std::string& as,
                                 auth::Permission permission);

// OpenScoped for the regency of a program.
Result<ScopedBackend> OpenForProgram(const Environment& env, const std::string& db_url,
                                     std::int64_t program_id, const std::string& as,
                                     auth::Permission permission);

}  // namespace jaring::cli
