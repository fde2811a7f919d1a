#include "cli/extract_command.hpp"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/db_option.hpp"
#include "cli/user_command.hpp"
#include "common/progress.hpp"
#include "intake/source_file.hpp"

namespace jaring::cli {
namespace {

struct ExtractArgs {
  std::string kind, file, regency, period, db_url;
  bool json = false;
};

Status Run(const Environment& env, const ExtractArgs& args) {
  const auto kind = intake::ExtractKindFromCode(args.kind);
  if (!kind) return Fail(Error::InvalidArgument("jenis ekstrak harus deaths atau members"));
  auto file = intake::SourceFile::Open(args.file);
  if (!file) return Fail(std::move(file.error()));
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  std::unique_ptr<Progress> progress;
  auto on_progress = [&](std::uint64_t done, std::uint64_t total) {
    if (!progress) progress = std::make_unique<Progress>("impor ekstrak", total);
    progress->Set(done);
  };
  auto report = (*backend)->Extracts().Import(
      *file, {args.regency, *kind, args.period, services::Actor::ForCli(CliActorName().substr(4))},
      on_progress);
  if (progress) progress->Finish();
  if (!report) return Fail(std::move(report.error()));
  if (args.json) {
    std::printf("%s\n", services::ExtractReportToJson(*report).dump().c_str());
    return {};
  }
  if (!report->stored) {
    std::printf("berkas ini sudah diimpor (batch %lld): tidak ada yang berubah\n",
                static_cast<long long>(report->batch_id));
  } else {
    std::printf("ekstrak %s %s tersimpan (batch %lld)\n", args.kind.c_str(), args.period.c_str(),
                static_cast<long long>(report->batch_id));
  }
  std::printf("  dibaca %llu, baru %llu, berubah %llu, tetap %llu, ditarik %llu, karantina %llu\n",
              static_cast<unsigned long long>(report->read),
              static_cast<unsigned long long>(report->inserted),
              static_cast<unsigned long long>(report->changed),
              static_cast<unsigned long long>(report->unchanged),
              static_cast<unsigned long long>(report->withdrawn),
              static_cast<unsigned long long>(report->quarantined));
  for (const auto& [code, n] : report->issues) {
    std::printf("  %s: %llu\n", code.c_str(), static_cast<unsigned long long>(n));
  }
  return {};
}

}  // namespace

void AddExtractCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* extract = root.add_subcommand(
      "extract", "Ekstrak bulanan: kematian (Dukcapil) dan kepesertaan BPJS (monthly extracts)");
  extract->require_subcommand(1);
  auto args = std::make_shared<ExtractArgs>();
  auto* import = extract->add_subcommand("import", "Mengimpor ekstrak bulan ini (CSV/XLSX)");
  import->add_option("KIND", args->kind, "deaths (kematian) atau members (kepesertaan)")
      ->required()
      ->check(CLI::IsMember({"deaths", "members"}));
  import->add_option("FILE", args->file, "Berkas .csv atau .xlsx")->required();
  import->add_option("--regency", args->regency, "Kode kabupaten/kota, mis. 35.14")->required();
  import->add_option("--period", args->period, "Bulan, YYYY-MM")->required();
  import->add_flag("--json", args->json, "Ringkasan sebagai satu objek JSON di stdout");
  AddDbOption(*import, args->db_url);
  import->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
  action = [args, &env]() -> Status { return Run(env, *args); };
});
}  // namespace jaring::cli

}  // namespace jaring::cli
