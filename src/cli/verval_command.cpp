#include "cli/verval_command.hpp"

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/db_option.hpp"
#include "cli/user_command.hpp"
#include "common/progress.hpp"
#include "services/verval_findings.hpp"

namespace jaring::cli {
namespace {

struct VervalArgs {
  std::string regency, period, db_url, out, as, reason, kind, minutes, findings_xlsx;
  std::int64_t finding = 0, survivor = 0;
  bool all = false, accept = false, reject = false, defer = false, json = false;
};

// Registers the options every verval subcommand has.
void Common(CLI::App& sub, VervalArgs& args) {
  sub.add_option("--regency", args.regency, "Kode kabupaten/kota, mis. 35.14")->required();
  sub.add_option("--period", args.period, "Bulan, YYYY-MM")->required();
  AddDbOption(sub, args.db_url);
}

Status RunVerval(const Environment& env, const VervalArgs& args) {
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  std::unique_ptr<Progress> bar;
  double last = 0;
  auto progress = [&](std::string_view, double fraction) {
    if (!bar) bar = std::make_unique<Progress>("verval", 100);
    bar->Advance(static_cast<std::uint64_t>((fraction - last) * 100));
    last = fraction;
  };
  auto report = (*backend)->Verval().Run(
      {args.regency, args.period, services::Actor::ForCli(CliActorName().substr(4)), 0}, progress);
  if (bar) bar->Finish();
  if (!report) return Fail(std::move(report.error()));
  if (!args.json) {
    std::printf(
        "verval %s %s: run %lld, %llu pekerja di daftar, %llu kematian, %llu peserta "
        "BPJS dibandingkan (%.1f s)\n",
        args.regency.c_str(), args.period.c_str(), static_cast<long long>(report->run_id),
        static_cast<unsigned long long>(report->workers),
        static_cast<unsigned long long>(report->deaths),
        static_cast<unsigned long long>(report->members), report->seconds);
    for (const auto& [kind, n] : report->findings) {
      std::printf("  %-14s %llu\n", kind.c_str(), static_cast<unsigned long long>(n));
    }
    std::printf("  otomatis %llu, menunggu keputusan %llu\n",
                static_cast<unsigned long long>(report->automatic),
                static_cast<unsigned long long>(report->to_review));
  }
  std::printf("%s\n", services::RunReportToJson(*report).dump().c_str());
  return {};
}

Status Findings(const Environment& env, const VervalArgs& args) {
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  return (*backend)->Review().ExportCsv(args.regency, args.period, args.out);
}

Status Decide(const Environment& env, const VervalArgs& args) {
  const int verdicts = int(args.accept) + int(args.reject) + int(args.defer);
  const int scopes = int(args.finding != 0) + int(!args.kind.empty()) + int(args.all);
  if (verdicts != 1) {
    return Fail(Error::InvalidArgument("pilih tepat satu: --accept, --reject atau --defer"));
  }
  if (scopes != 1) {
    return Fail(Error::InvalidArgument("pilih tepat satu: --finding ID, --kind JENIS atau --all"));
  }
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  auto actor = (*backend)->ActAs(args.as, auth::Permission::kDecide, args.regency);
  if (!actor) return Fail(std::move(actor.error()));
  services::DecisionScope scope;
  if (args.finding != 0) scope.finding_id = args.finding;
  if (!args.kind.empty()) scope.kind = args.kind;
  services::DecisionInput input;
  input.verdict = args.accept   ? services::Verdict::kAccept
                  : args.reject ? services::Verdict::kReject
                                : services::Verdict::kDefer;
  input.reason = args.reason;
  if (args.survivor != 0) input.survivor = args.survivor;
  auto decided = (*backend)->Review().Decide(args.regency, args.period, scope, input, *actor);
  if (!decided) return Fail(std::move(decided.error()));
  std::printf("%llu temuan diputuskan (%s)\n", static_cast<unsigned long long>(*decided),
              std::string(services::VerdictState(input.verdict)).c_str());
  return {};
}

Status Settle(const Environment& env, const VervalArgs& args) {
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  auto actor = (*backend)->ActAs(args.as, auth::Permission::kDecide, args.regency);
  if (!actor) return Fail(std::move(actor.error()));
  auto report = (*backend)->Settlements().Settle({args.regency, args.period, *actor});
  if (!report) return Fail(std::move(report.error()));
  std::ofstream pdf(args.minutes, std::ios::binary | std::ios::trunc);
  pdf.write(report->minutes_pdf.data(), static_cast<std::streamsize>(report->minutes_pdf.size()));
  pdf.close();
  if (!pdf) {
    return Fail(Error::Unavailable("bulan ditetapkan, tetapi berita acara gagal ditulis ke " +
                                   args.minutes));
  }
  if (!args.findings_xlsx.empty()) {
    if (auto ok =
            (*backend)->Settlements().FindingsXlsx(args.regency, args.period, args.findings_xlsx);
        !ok) {
      return ok;
    }
  }
  if (!args.json) {
    std::printf("bulan %s ditetapkan: versi %d, %llu orang; berita acara: %s\n",
                args.period.c_str(), report->month.version,
                static_cast<unsigned long long>(report->month.persons), args.minutes.c_str());
  }
  std::printf("%s\n", services::SettleReportToJson(*report).dump().c_str());
  return {};
}

}  // namespace

void AddVervalCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* verval = root.add_subcommand(
      "verval", "Verifikasi dan validasi bulanan (monthly verification and validation)");
  verval->require_subcommand(1);
  auto args = std::make_shared<VervalArgs>();
  auto bind = [&](CLI::App* sub, Status (*body)(const Environment&, const VervalArgs&)) {
    sub->callback([args, &env, &action, body] {
      ResolveDbUrl(env, args->db_url);
      action = [args, &env, body]() -> Status { return body(env, *args); };
    });
  };

  auto* run = verval->add_subcommand("run", "Menjalankan verval bulan ini");
  Common(*run, *args);
  run->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
  bind(run, RunVerval);

  auto* findings = verval->add_subcommand("findings", "Menulis temuan bulan ini ke CSV");
  Common(*findings, *args);
  findings->add_option("--out", args->out, "Berkas CSV keluaran")->required();
  bind(findings, Findings);

  auto* decide = verval->add_subcommand("decide", "Memutuskan temuan");
  Common(*decide, *args);
  decide->add_option("--finding", args->finding, "Nomor temuan");
  decide->add_option("--kind", args->kind, "Semua temuan terbuka dari satu jenis");
  decide->add_flag("--all", args->all, "Semua temuan terbuka bulan ini");
  decide->add_flag("--accept", args->accept, "Terima");
  decide->add_flag("--reject", args->reject, "Tolak");
  decide->add_flag("--defer", args->defer, "Tunda ke bulan berikutnya");
  decide->add_option("--survivor", args->survivor,
                     "Data ganda: nomor pekerja yang dipertahankan (bawaan: usulan)");
  decide->add_option("--reason", args->reason, "Alasan keputusan")->required();
  decide->add_option("--as", args->as, "Pengguna jaring yang memutuskan")->required();
  bind(decide, Decide);

  auto* settle = verval->add_subcommand("settle", "Menetapkan daftar bulan ini");
  Common(*settle, *args);
  settle->add_option("--as", args->as, "Pengguna jaring yang menetapkan")->required();
  settle->add_option("--minutes", args->minutes, "Berita acara PDF keluaran")->required();
  settle->add_option("--findings", args->findings_xlsx, "Temuan dan keputusan .xlsx (opsional)");
  settle->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
  bind(settle, Settle);
}

}  // namespace jaring::cli
