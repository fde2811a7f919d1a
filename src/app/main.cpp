// jaring: the composition root. Builds the CLI from the subcommands of src/cli, hands them the
// concrete adapters, runs the chosen one and maps its failure to an exit code (one place).
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "app/demo_seeding.hpp"
#include "app/serve.hpp"
#include "cli/audit_command.hpp"
#include "cli/backup_command.hpp"
#include "cli/bill_command.hpp"
#include "cli/card_command.hpp"
#include "cli/claim_command.hpp"
#include "cli/monev_command.hpp"
#include "cli/command.hpp"
#include "cli/demo_command.hpp"
#include "cli/enrol_command.hpp"
#include "cli/export_command.hpp"
#include "cli/extract_command.hpp"
#include "cli/import_command.hpp"
#include "cli/match_commands.hpp"
#include "cli/migrate_command.hpp"
#include "cli/payment_command.hpp"
#include "cli/policy_command.hpp"
#include "cli/program_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/user_command.hpp"
#include "cli/version_command.hpp"
#include "cli/verval_command.hpp"
#include "common/log.hpp"
#include "services/backend.hpp"
#include "storage/database.hpp"

int main(int argc, char** argv) {
  using namespace jaring;
  cli::Environment env;
  // The one place that names the storage adapter for commands: cli/ reaches the database only
  // through the services of a Backend.
  env.open_backend = [](const std::string& url) -> Result<std::unique_ptr<services::Backend>> {
    auto db = storage::OpenDatabase(url);
    if (!db) return Fail(std::move(db.error()));
    return std::make_unique<services::Backend>(std::move(*db));
  };
  cli::CommandAction action;

  CLI::App root{
      "jaring: registri pekerja rentan, verifikasi bulanan dan iuran BPJS Ketenagakerjaan"};
  root.require_subcommand(1);
  root.set_version_flag("--version", cli::kVersion);
  cli::AddServeCommand(root, env, app::RunServer, action);
  cli::AddMigrateCommand(root, env, action);
  cli::AddDemoCommand(root, env, app::RunDemoSeed, action);
  cli::AddImportCommand(root, env, action);
  cli::AddExtractCommand(root, env, action);
  cli::AddExportCommand(root, env, action);
  cli::AddVervalCommand(root, env, action);
  cli::AddProgramCommand(root, env, action);
  cli::AddEnrolCommand(root, env, action);
  cli::AddBillCommand(root, env, action);
  cli::AddPaymentCommand(root, env, action);
  cli::AddCardCommand(root, env, action);
  cli::AddClaimCommand(root, env, action);
  cli::AddMonevCommands(root, env, action);
  cli::AddPolicyCommand(root, env, action);
  cli::AddDedupeCommand(root, env, action);
  cli::AddLinkCommand(root, env, action);
  cli::AddUserCommand(root, env, action);
  cli::AddAuditCommand(root, env, action);
  cli::AddBackupCommands(root, env, action);
  cli::AddVersionCommand(root, env, action);

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);
    return code == 0 ? 0 : 2;
  }
  // Commands log JSON lines to stderr (stdout is theirs), warnings and worse unless
  // JARING_LOG_LEVEL says otherwise (debug: e.g. each verval run's phase times); serve sets its
  // own level from --log-level.
  const char* level = std::getenv("JARING_LOG_LEVEL");
  SetUpLogging(level != nullptr && *level != '\0' ? level : "warn", LogFormat::kJson);
  try {
    if (!action) return 0;
    const Status status = action();
    if (!status) {
      std::fprintf(stderr, "jaring: %s\n", status.error().message.c_str());
      if (!status.error().details.empty()) {
        std::fprintf(stderr, "jaring: detail: %s\n", status.error().details.c_str());
      }
      return cli::ExitCodeFor(status.error());
    }
    return 0;
  } catch (const std::exception& e) {
    // The one catch-all of the CLI: a bug, reported without a stack trace.
    std::fprintf(stderr, "jaring: kesalahan internal: %s\n", e.what());
    return 1;
  }
}
