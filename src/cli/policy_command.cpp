#include "cli/policy_command.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/db_option.hpp"
#include "cli/user_command.hpp"
#include "domain/date_format.hpp"
#include "policy/book.hpp"

namespace jaring::cli {
namespace {

struct PolicyArgs {
  std::string db_url, as, file, date;
  bool json = false;
};

// Policy files are a few kilobytes; anything this large is not one.
constexpr std::streamsize kMaxPolicyFile = 4 << 20;

Result<std::string> ReadPolicyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::NotFound("Berkas kebijakan tidak dapat dibuka: " + path));
  std::string text;
  text.resize(static_cast<std::size_t>(kMaxPolicyFile) + 1);
  in.read(text.data(), kMaxPolicyFile + 1);
  if (in.gcount() > kMaxPolicyFile) {
    return Fail(Error::InvalidArgument("Berkas kebijakan terlalu besar: " + path));
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

Status Add(const Environment& env, const PolicyArgs& args) {
  auto text = ReadPolicyFile(args.file);
  if (!text) return Fail(std::move(text.error()));
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  auto actor = args.as.empty()
                   ? Result<services::Actor>(services::Actor::ForCli(CliActorName().substr(4)))
                   : (*backend)->ActAsAnywhere(args.as, auth::Permission::kManagePolicy);
  if (!actor) return Fail(std::move(actor.error()));
  auto report = (*backend)->Policies().AddFile(*text, *actor);
  if (!report) return Fail(std::move(report.error()));
  if (args.json) {
    std::printf("%s\n", nlohmann::ordered_json{{"added", report->added.size()},
                                               {"ids", report->ids},
                                               {"defaults_stored", report->defaults_stored}}
                            .dump()
                            .c_str());
    return {};
  }
  if (report->defaults_stored > 0) {
    std::printf("%d versi kebijakan bawaan disimpan lebih dahulu\n", report->defaults_stored);
  }
  for (const auto& version : report->added) {
    std::printf("ditambahkan: %s\n", policy::DescribeVersion(version).c_str());
  }
  return {};
}

Status Show(const Environment& env, const PolicyArgs& args) {
  policy::Date date;
  if (args.date.empty()) {
    date = std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  } else {
    auto parsed = domain::ParseIsoDate(args.date);
    if (!parsed) {
      return Fail(
          Error::InvalidArgument("--date harus berbentuk YYYY-MM-DD, bukan \"" + args.date + "\""));
    }
    date = *parsed;
  }
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  if (args.json) {
    auto text = (*backend)->Policies().InForceJson(date);
    if (!text) return Fail(std::move(text.error()));
    std::fputs(text->c_str(), stdout);
    return {};
  }
  auto book = (*backend)->Policies().Book();
  if (!book) return Fail(std::move(book.error()));
  auto defaults = (*backend)->Policies().UsesDefaults();
  if (!defaults) return Fail(std::move(defaults.error()));
  std::printf("kebijakan yang berlaku pada %s%s\n", domain::FormatDateIndonesian(date).c_str(),
              *defaults ? " (bawaan jaring: belum ada versi tersimpan)" : "");
  for (const auto& in_force : book->AllInForce(date)) {
    const policy::RuleVersion& v = *in_force.version;
    std::printf(
        "  %-28s sejak %s%s, %s%s\n", std::string(policy::RuleFamilyLabel(v.family())).c_str(),
        domain::FormatDateIndonesian(v.effective_from).c_str(),
        in_force.until ? (" s.d. " + domain::FormatDateIndonesian(*in_force.until)).c_str() : "",
        v.legal_reference.c_str(),
        v.certainty == policy::Certainty::kUncertain ? " (belum pasti)" : "");
  }
  return {};
}

}  // namespace

void AddPolicyCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* policy = root.add_subcommand("policy", "Aturan sebagai data: versi kebijakan");
  policy->require_subcommand(1);
  auto args = std::make_shared<PolicyArgs>();
  auto bind = [&](CLI::App* sub, Status (*body)(const Environment&, const PolicyArgs&)) {
    AddDbOption(*sub, args->db_url);
    sub->add_flag("--json", args->json, "JSON di stdout");
    sub->callback([args, &env, &action, body] {
      ResolveDbUrl(env, args->db_url);
      action = [args, &env, body]() -> Status { return body(env, *args); };
    });
  };
  auto* add = policy->add_subcommand("add", "Menambah versi kebijakan dari berkas");
  add->add_option("file", args->file, "Berkas kebijakan (JSON, docs/policy.md)")->required();
  add->add_option("--as", args->as, "Pengguna jaring yang menambah (admin provinsi)");
  bind(add, Add);
  auto* show = policy->add_subcommand("show", "Kebijakan yang berlaku pada suatu tanggal");
  show->add_option("--date", args->date, "Tanggal, YYYY-MM-DD (bawaan: hari ini)");
  bind(show, Show);
}

}  // namespace jaring::cli
