#include "cli/audit_command.hpp"

#include <cstdio>
#include <memory>

#include "cli/db_option.hpp"

namespace jaring::cli {

void AddAuditCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* audit = root.add_subcommand("audit", "Jejak audit (audit trail)");
  audit->require_subcommand(1);
  auto db_url = std::make_shared<std::string>();
  auto* verify = audit->add_subcommand(
      "verify", "Memeriksa seluruh rantai hash jejak audit (verify the audit hash chain)");
  AddDbOption(*verify, *db_url);
  verify->callback([db_url, &env, &action] {
    ResolveDbUrl(env, *db_url);
    action = [db_url, &env]() -> Status {
      // A fresh database gets the schema (and so an empty, intact chain) rather than an error.
      auto backend = OpenBackend(env, *db_url);
      if (!backend) return Fail(backend.error());
      Result<auth::ChainReport> report = (*backend)->VerifyAudit();
      if (!report) return Fail(report.error());
      if (!report->ok()) {
        const auth::ChainBreakInfo& broken = *report->first_break;
        return Fail(Error::FailedPrecondition(
            broken.Describe(), "AUDIT_CHAIN_BROKEN sequence=" + std::to_string(broken.sequence) +
                                   " reason=" + std::string(auth::ChainBreakCode(broken.reason)) +
                                   " verified=" + std::to_string(report->entries_checked)));
      }
      std::printf("rantai audit utuh: %lld entri (kepala #%lld %s)\n",
                  static_cast<long long>(report->entries_checked),
                  static_cast<long long>(report->head_sequence), report->head_hash.c_str());
      return {};
    };
  });
}

}  // namespace jaring::cli
