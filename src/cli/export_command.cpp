#include "cli/export_command.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/db_option.hpp"
#include "cli/user_command.hpp"

namespace jaring::cli {
namespace {

struct ExportArgs {
  std::string regency, out, db_url;
};

Status Run(const Environment& env, const ExportArgs& args) {
  const std::string extension = std::filesystem::path(args.out).extension().string();
  services::ExportFormat format;
  if (extension == ".csv") {
    format = services::ExportFormat::kCsv;
  } else if (extension == ".xlsx") {
    format = services::ExportFormat::kXlsx;
  } else {
    return Fail(Error::InvalidArgument("--out harus berakhiran .csv atau .xlsx"));
  }
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  auto file = (*backend)->Registry().Export(args.regency, {}, format,
                                            services::Actor::ForCli(CliActorName().substr(4)));
  if (!file) return Fail(file.error());
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  out.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
  out.close();
  if (!out) return Fail(Error::Unavailable("gagal menulis " + args.out));
  std::fprintf(stderr, "ekspor: %lld pekerja ke %s\n", static_cast<long long>(file->rows),
               args.out.c_str());
  return {};
}

}  // namespace

void AddExportCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto args = std::make_shared<ExportArgs>();
  auto* sub = root.add_subcommand(
      "export", "Mengekspor register pekerja ke CSV/XLSX (export the registry)");
  sub->add_option("--regency", args->regency, "Kode kabupaten/kota, mis. 35.14")->required();
  sub->add_option("--out", args->out, "Berkas keluaran .csv atau .xlsx")->required();
  AddDbOption(*sub, args->db_url);
  sub->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
    action = [args, &env]() -> Status { return Run(env, *args); };
  });
}

}  // namespace jaring::cli
