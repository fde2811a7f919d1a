#include "cli/user_command.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "auth/token.hpp"
#include "cli/db_option.hpp"
#include "common/clock.hpp"
#include "domain/date_format.hpp"
#include "domain/region.hpp"
#include "services/account_service.hpp"

namespace jaring::cli {
namespace {

struct UserOptions {
  std::string db_url;
  std::string username;
  std::string role;
  std::string scope;
  std::string display_name;
  std::string label;
  std::string token_id;
  bool password_stdin = false;
};

// Opens and migrates the database (so that the first administrator can be created on a fresh
// one) and runs `body` with an AccountService acting as the CLI operator.
template <typename Body>
Status WithAccounts(const Environment& env, const std::string& db_url, Body&& body) {
  auto backend = OpenBackend(env, db_url);
  if (!backend) return Fail(backend.error());
  return body((*backend)->Accounts(), services::Actor::ForCli(CliActorName().substr(4)));
}

// One line from standard input, without its line ending.
Result<std::string> ReadPasswordLine() {
  std::string line;
  if (!std::getline(std::cin, line)) {
    return Fail(Error::InvalidArgument("tidak ada kata sandi di stdin", "op=cli.password_stdin"));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The password to set: from stdin, or generated (256 bits) and printed once.
Result<std::string> ChoosePassword(const UserOptions& options, bool* generated) {
  *generated = !options.password_stdin;
  if (options.password_stdin) return ReadPasswordLine();
  return auth::RandomToken();
}

std::string GrantsText(const std::vector<auth::Grant>& grants) {
  std::string text;
  for (const auth::Grant& g : grants) {
    if (!text.empty()) text += ",";
    text += std::string(auth::RoleCode(g.role)) + "@" + g.scope.code();
  }
  return text;
}

Result<std::int64_t> UserId(services::AccountService& accounts, const std::string& username,
                            const services::Actor& actor) {
  Result<services::UserView> user = accounts.FindUser(username, actor);
  if (!user) return Fail(user.error());
  return user->id;
}

// What a subcommand does once its options are parsed, with the account service of --db.
using AccountsBody =
    std::function<Status(const UserOptions&, services::AccountService&, const services::Actor&)>;

// Registers `name` under `user` with its --db option; `body` runs as the command's action.
CLI::App* AddAccountsSubcommand(CLI::App& user, const char* name, const char* description,
                                const Environment& env, CommandAction& action,
                                std::shared_ptr<UserOptions> options, AccountsBody body) {
  auto* sub = user.add_subcommand(name, description);
  AddDbOption(*sub, options->db_url);
  sub->callback([options, &env, &action, body = std::move(body)] {
    ResolveDbUrl(env, options->db_url);
    action = [options, body, &env] {
      return WithAccounts(env, options->db_url,
                          [&](services::AccountService& accounts, const services::Actor& actor) {
                            return body(*options, accounts, actor);
                          });
    };
  });
  return sub;
}

// "2026-11-23 03:00" (UTC), for the token list.
std::string FormatTime(TimePoint at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::hh_mm_ss time(std::chrono::floor<std::chrono::minutes>(at - day));
  char text[32];
  std::snprintf(text, sizeof text, "%s %02d:%02d",
                domain::FormatIsoDate(std::chrono::year_month_day(day)).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()));
  return text;
}

}  // namespace

std::string CliActorName() {
  std::string name;
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') {
    name = user;
  } else if (const passwd* entry = getpwuid(geteuid()); entry != nullptr) {
    name = entry->pw_name;
  }
  return "cli:" + (name.empty() ? std::string("unknown") : name);
}

void AddUserCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* user = root.add_subcommand("user", "Akun pengguna (user accounts)");
  user->require_subcommand(1);
  auto options = std::make_shared<UserOptions>();

  auto* add = AddAccountsSubcommand(
      *user, "add", "Membuat akun (create an account)", env, action, options,
      [](const UserOptions& o, services::AccountService& accounts,
         const services::Actor& actor) -> Status {
        std::optional<auth::Role> role = auth::RoleFromCode(o.role);
        if (!role) {
          return Fail(Error::InvalidArgument("peran tidak dikenal: " + o.role,
                                             "op=cli.user_add ROLE_UNKNOWN"));
        }
        bool generated = false;
        Result<std::string> password = ChoosePassword(o, &generated);
        if (!password) return Fail(password.error());
        services::NewUser user{o.username, o.display_name, *password, {{*role, o.scope}}, true};
        Result<services::UserView> made = accounts.CreateUser(user, actor);
        if (!made) return Fail(made.error());
        std::printf("pengguna dibuat: %s (%s) id %lld\n", made->username.c_str(),
                    GrantsText(made->grants).c_str(), static_cast<long long>(made->id));
        if (generated) {
          std::printf("kata sandi awal (tampil sekali, wajib diganti saat masuk): %s\n",
                      password->c_str());
        }
        return {};
      });
  add->add_option("USERNAME", options->username, "Nama pengguna")->required();
  add->add_option("--role", options->role,
                  "Peran: admin_provinsi, admin_daerah, operator, verifikator, bpjs, pimpinan, "
                  "auditor")
      ->required();
  add->add_option("--scope", options->scope, "Wilayah: provinsi (35) atau kabupaten (35.14)")
      ->required();
  add->add_option("--display-name", options->display_name, "Nama tampilan");
  add->add_flag("--password-stdin", options->password_stdin, "Baca kata sandi dari stdin");

  AddAccountsSubcommand(*user, "list", "Daftar akun (list accounts)", env, action, options,
                        [](const UserOptions&, services::AccountService& accounts,
                           const services::Actor& actor) -> Status {
                          Result<std::vector<services::UserView>> users = accounts.ListUsers(actor);
                          if (!users) return Fail(users.error());
                          std::printf("%-24s %-10s %-40s %s\n", "PENGGUNA", "STATUS", "PERAN",
                                      "NAMA");
                          for (const services::UserView& u : *users) {
                            std::printf("%-24s %-10s %-40s %s\n", u.username.c_str(),
                                        u.disabled ? "nonaktif" : "aktif",
                                        GrantsText(u.grants).c_str(), u.display_name.c_str());
                          }
                          std::printf("%zu pengguna\n", users->size());
                          return {};
                        });

  AddAccountsSubcommand(*user, "disable", "Menonaktifkan akun (disable an account)", env, action,
                        options,
                        [](const UserOptions& o, services::AccountService& accounts,
                           const services::Actor& actor) -> Status {
                          Result<std::int64_t> id = UserId(accounts, o.username, actor);
                          if (!id) return Fail(id.error());
                          if (Status s = accounts.DisableUser(*id, actor); !s) return s;
                          std::printf("pengguna dinonaktifkan: %s (sesi diakhiri, token dicabut)\n",
                                      o.username.c_str());
                          return {};
                        })
      ->add_option("USERNAME", options->username, "Nama pengguna")
      ->required();

  auto* reset = AddAccountsSubcommand(
      *user, "reset-password", "Mengatur ulang kata sandi", env, action, options,
      [](const UserOptions& o, services::AccountService& accounts,
         const services::Actor& actor) -> Status {
        bool generated = false;
        Result<std::string> password = ChoosePassword(o, &generated);
        if (!password) return Fail(password.error());
        Result<std::int64_t> id = UserId(accounts, o.username, actor);
        if (!id) return Fail(id.error());
        if (Status s = accounts.ResetPassword(*id, *password, actor); !s) return s;
        std::printf("kata sandi diatur ulang: %s\n", o.username.c_str());
        if (generated) {
          std::printf("kata sandi baru (tampil sekali, wajib diganti saat masuk): %s\n",
                      password->c_str());
        }
        return {};
      });
  reset->add_option("USERNAME", options->username, "Nama pengguna")->required();
  reset->add_flag("--password-stdin", options->password_stdin, "Baca kata sandi dari stdin");

  auto* token = AddAccountsSubcommand(
      *user, "token", "Membuat token API (issue an API token)", env, action, options,
      [](const UserOptions& o, services::AccountService& accounts,
         const services::Actor& actor) -> Status {
        Result<std::int64_t> id = UserId(accounts, o.username, actor);
        if (!id) return Fail(id.error());
        Result<services::IssuedToken> issued = accounts.IssueApiToken(*id, o.label, actor);
        if (!issued) return Fail(issued.error());
        std::fprintf(stderr, "token API %s untuk %s (tampil sekali, simpan sekarang):\n",
                     issued->id.c_str(), o.username.c_str());
        std::printf("%s\n", issued->plaintext.c_str());
        return {};
      });
  token->add_option("USERNAME", options->username, "Nama pengguna")->required();
  token->add_option("--label", options->label, "Keterangan token");

  AddAccountsSubcommand(
      *user, "tokens", "Daftar token API seorang pengguna (list API tokens)", env, action, options,
      [](const UserOptions& o, services::AccountService& accounts,
         const services::Actor& actor) -> Status {
        Result<std::int64_t> id = UserId(accounts, o.username, actor);
        if (!id) return Fail(id.error());
        Result<std::vector<services::ApiTokenView>> tokens = accounts.ListApiTokens(*id, actor);
        if (!tokens) return Fail(tokens.error());
        std::printf("%-24s %-16s %-16s %-16s %s\n", "TOKEN", "DIBUAT", "TERAKHIR DIPAKAI",
                    "DICABUT", "KETERANGAN");
        for (const services::ApiTokenView& t : *tokens) {
          std::printf("%-24s %-16s %-16s %-16s %s\n", t.id.c_str(),
                      FormatTime(t.created_at).c_str(),
                      t.last_used_at ? FormatTime(*t.last_used_at).c_str() : "-",
                      t.revoked_at ? FormatTime(*t.revoked_at).c_str() : "-", t.label.c_str());
        }
        std::printf("%zu token\n", tokens->size());
        return {};
      })
      ->add_option("USERNAME", options->username, "Nama pengguna")
      ->required();

  AddAccountsSubcommand(*user, "revoke-token", "Mencabut token API (revoke an API token)", env,
                        action, options,
                        [](const UserOptions& o, services::AccountService& accounts,
                           const services::Actor& actor) -> Status {
                          if (Status s = accounts.RevokeApiToken(o.token_id, actor); !s) return s;
                          std::printf("token dicabut: %s\n", o.token_id.c_str());
                          return {};
                        })
      ->add_option("TOKEN_ID", options->token_id, "Id token (24 karakter heksadesimal)")
      ->required();
}

}  // namespace jaring::cli
