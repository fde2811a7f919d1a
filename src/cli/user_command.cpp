#include "cli/user_command.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "auth/token.hpp"
#include "cli/db_option.hpp"
#include "common/clock.hpp"
#include "domain/region.hpp"
#include "services/account_service.hpp"
#include "storage/database.hpp"

namespace jaring::cli {
namespace {

struct UserOptions {
  std::string db_url;
  std::string username;
  std::string role;
  std::string scope;
  std::string display_name;
  std::string label;
  bool password_stdin = false;
};

// Opens and migrates the database (so that the first administrator can be created on a fresh
// one) and runs `body` with an AccountService acting as the CLI operator.
template <typename Body>
Status WithAccounts(const std::string& db_url, Body&& body) {
  auto db = storage::OpenDatabase(db_url);
  if (!db) return Fail(db.error());
  if (auto migrated = (*db)->Migrate(); !migrated) return Fail(migrated.error());
  SystemClock clock;
  services::AccountService accounts(**db, domain::RegionIndex::Embedded(), clock);
  return body(accounts, services::Actor::ForCli(CliActorName().substr(4)));
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

  auto* add = user->add_subcommand("add", "Membuat akun (create an account)");
  add->add_option("USERNAME", options->username, "Nama pengguna")->required();
  add->add_option("--role", options->role,
                  "Peran: admin_provinsi, admin_daerah, operator, verifikator, bpjs, pimpinan, "
                  "auditor")
      ->required();
  add->add_option("--scope", options->scope, "Wilayah: provinsi (35) atau kabupaten (35.14)")
      ->required();
  add->add_option("--display-name", options->display_name, "Nama tampilan");
  add->add_flag("--password-stdin", options->password_stdin, "Baca kata sandi dari stdin");
  AddDbOption(*add, options->db_url);
  add->callback([options, &env, &action] {
    ResolveDbUrl(env, options->db_url);
    action = [options]() -> Status {
      std::optional<auth::Role> role = auth::RoleFromCode(options->role);
      if (!role) {
        return Fail(Error::InvalidArgument("peran tidak dikenal: " + options->role,
                                           "op=cli.user_add ROLE_UNKNOWN"));
      }
      bool generated = false;
      Result<std::string> password = ChoosePassword(*options, &generated);
      if (!password) return Fail(password.error());
      return WithAccounts(
          options->db_url,
          [&](services::AccountService& accounts, const services::Actor& actor) -> Status {
            services::NewUser user{options->username,
                                   options->display_name,
                                   *password,
                                   {{*role, options->scope}},
                                   true};
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
    };
  });

  auto* list = user->add_subcommand("list", "Daftar akun (list accounts)");
  AddDbOption(*list, options->db_url);
  list->callback([options, &env, &action] {
    ResolveDbUrl(env, options->db_url);
    action = [options]() -> Status {
      return WithAccounts(
          options->db_url,
          [&](services::AccountService& accounts, const services::Actor& actor) -> Status {
            Result<std::vector<services::UserView>> users = accounts.ListUsers(actor);
            if (!users) return Fail(users.error());
            std::printf("%-24s %-10s %-40s %s\n", "PENGGUNA", "STATUS", "PERAN", "NAMA");
            for (const services::UserView& u : *users) {
              std::printf("%-24s %-10s %-40s %s\n", u.username.c_str(),
                          u.disabled ? "nonaktif" : "aktif", GrantsText(u.grants).c_str(),
                          u.display_name.c_str());
            }
            std::printf("%zu pengguna\n", users->size());
            return {};
          });
    };
  });

  auto* disable = user->add_subcommand("disable", "Menonaktifkan akun (disable an account)");
  disable->add_option("USERNAME", options->username, "Nama pengguna")->required();
  AddDbOption(*disable, options->db_url);
  disable->callback([options, &env, &action] {
    ResolveDbUrl(env, options->db_url);
    action = [options]() -> Status {
      return WithAccounts(
          options->db_url,
          [&](services::AccountService& accounts, const services::Actor& actor) -> Status {
            Result<std::int64_t> id = UserId(accounts, options->username, actor);
            if (!id) return Fail(id.error());
            if (Status s = accounts.DisableUser(*id, actor); !s) return s;
            std::printf("pengguna dinonaktifkan: %s (sesi diakhiri, token dicabut)\n",
                        options->username.c_str());
            return {};
          });
    };
  });

  auto* reset = user->add_subcommand("reset-password", "Mengatur ulang kata sandi");
  reset->add_option("USERNAME", options->username, "Nama pengguna")->required();
  reset->add_flag("--password-stdin", options->password_stdin, "Baca kata sandi dari stdin");
  AddDbOption(*reset, options->db_url);
  reset->callback([options, &env, &action] {
    ResolveDbUrl(env, options->db_url);
    action = [options]() -> Status {
      bool generated = false;
      Result<std::string> password = ChoosePassword(*options, &generated);
      if (!password) return Fail(password.error());
      return WithAccounts(
          options->db_url,
          [&](services::AccountService& accounts, const services::Actor& actor) -> Status {
            Result<std::int64_t> id = UserId(accounts, options->username, actor);
            if (!id) return Fail(id.error());
            if (Status s = accounts.ResetPassword(*id, *password, actor); !s) return s;
            std::printf("kata sandi diatur ulang: %s\n", options->username.c_str());
            if (generated) {
              std::printf("kata sandi baru (tampil sekali, wajib diganti saat masuk): %s\n",
                          password->c_str());
            }
            return {};
          });
    };
  });

  auto* token = user->add_subcommand("token", "Membuat token API (issue an API token)");
  token->add_option("USERNAME", options->username, "Nama pengguna")->required();
  token->add_option("--label", options->label, "Keterangan token");
  AddDbOption(*token, options->db_url);
  token->callback([options, &env, &action] {
    ResolveDbUrl(env, options->db_url);
    action = [options]() -> Status {
      return WithAccounts(
          options->db_url,
          [&](services::AccountService& accounts, const services::Actor& actor) -> Status {
            Result<std::int64_t> id = UserId(accounts, options->username, actor);
            if (!id) return Fail(id.error());
            Result<services::IssuedToken> issued =
                accounts.IssueApiToken(*id, options->label, actor);
            if (!issued) return Fail(issued.error());
            std::fprintf(stderr, "token API %s untuk %s (tampil sekali, simpan sekarang):\n",
                         issued->id.c_str(), options->username.c_str());
            std::printf("%s\n", issued->plaintext.c_str());
            return {};
          });
    };
  });
}

}  // namespace jaring::cli
