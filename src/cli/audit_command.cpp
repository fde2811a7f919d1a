#include "cli/audit_command.hpp"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "cli/db_option.hpp"
#include "services/audit_anchor.hpp"

namespace jaring::cli {
namespace {

struct AuditArgs {
  std::string db_url, out;
  std::vector<std::string> anchors;
  bool json = false;
};

Status Verify(const Environment& env, const AuditArgs& args) {
  std::vector<auth::ChainAnchor> anchors;
  for (const std::string& file : args.anchors) {
    auto anchor = services::ReadAnchorFile(file);
    if (!anchor) return Fail(std::move(anchor.error()));
    anchors.push_back(anchor->chain_anchor());
  }
  // A fresh database gets the schema (and so an empty, intact chain) rather than an error.
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  Result<auth::ChainReport> report = (*backend)->VerifyAudit(anchors);
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
  for (std::size_t i = 0; i < anchors.size(); ++i) {
    std::printf("cocok dengan jangkar #%lld (%s)\n", static_cast<long long>(anchors[i].sequence),
                args.anchors[i].c_str());
  }
  return {};
}

Status Anchor(const Environment& env, const AuditArgs& args) {
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  auto anchor = (*backend)->AnchorAudit(services::DatabaseLabel(args.db_url));
  if (!anchor) return Fail(std::move(anchor.error()));
  if (auto written = services::WriteAnchorFile(args.out, *anchor); !written) return written;
  if (args.json) {
    std::printf("%s\n", nlohmann::ordered_json{{"file", args.out},
                                               {"sequence", anchor->sequence},
                                               {"hash", anchor->hash},
                                               {"entry_at", anchor->entry_at}}
                            .dump()
                            .c_str());
    return {};
  }
  std::printf("jangkar audit ditulis ke %s: entri #%lld %s\n", args.out.c_str(),
              static_cast<long long>(anchor->sequence), anchor->hash.c_str());
  std::printf("simpan berkas ini di luar server basis data\n");
  return {};
}

}  // namespace

void AddAuditCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* audit = root.add_subcommand("audit", "Jejak audit (audit trail)");
  audit->require_subcommand(1);
  auto args = std::make_shared<AuditArgs>();

  auto* verify = audit->add_subcommand(
      "verify", "Memeriksa seluruh rantai hash jejak audit (verify the audit hash chain)");
  AddDbOption(*verify, args->db_url);
  verify->add_option("--anchor", args->anchors,
                     "Berkas jangkar dari `jaring audit anchor`; entrinya harus masih sama "
                     "(boleh diulang)");
  verify->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
    action = [args, &env] { return Verify(env, *args); };
  });

  auto* anchor = audit->add_subcommand(
      "anchor",
      "Menulis kepala rantai audit ke berkas di luar basis data (anchor the chain's head)");
  anchor->add_option("--out", args->out, "Berkas jangkar (JSON) yang ditulis")->required();
  AddDbOption(*anchor, args->db_url);
  anchor->add_flag("--json", args->json, "Ringkasan sebagai satu objek JSON di stdout");
  anchor->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
    action = [args, &env] { return Anchor(env, *args); };
  });
}

}  // namespace jaring::cli
