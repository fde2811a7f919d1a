// `jaring user ...`: accounts from the server's console (issue 3, item 7). Usable before the
// server first starts: the first administrator is created this way. Every change is audited
// with the actor "cli:<os user>".
//
//   jaring user add USERNAME --role ROLE --scope CODE [--display-name N] [--password-stdin]
//   jaring user list
//   jaring user disable USERNAME
//   jaring user reset-password USERNAME [--password-stdin]
//   jaring user token USERNAME [--label L]
//   jaring user tokens USERNAME
//   jaring user revoke-token TOKEN_ID
// (each with [--db URL]). Without --password-stdin a strong password is generated and printed
// once; the user must change it at first sign-in. `token` prints the API token once.
#pragma once

#include <string>

#include "cli/command.hpp"

namespace jaring::cli {

void AddUserCommand(CLI::App& root, const Environment& env, CommandAction& action);

// "cli:<os user>": $USER, else the login name, else "unknown".
std::string CliActorName();

}  // namespace jaring::cli
