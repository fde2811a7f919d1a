#include "cli/demo_command.hpp"

#include <chrono>
#include <cstdio>
#include <string>

#include "common/progress.hpp"
#include "demo/demo.hpp"
#include "domain/date_format.hpp"
#include "domain/region.hpp"

namespace jaring::cli {
namespace {

struct DemoArgs {
  std::string regency = "35.14";
  std::int64_t workers = 28'448;
  std::uint64_t seed = 1;
  std::string out;
  std::string as_of = "2025-07-01";
};

Status RunDemo(const DemoArgs& args) {
  demo::DemoOptions options;
  options.regency_code = args.regency;
  options.workers = args.workers;
  options.seed = args.seed;
  auto as_of = domain::ParseIsoDate(args.as_of);
  if (!as_of) {
    return Fail(Error::InvalidArgument("tanggal acuan harus berbentuk YYYY-MM-DD: " + args.as_of));
  }
  options.as_of = *as_of;
  const auto& regions = domain::RegionIndex::Embedded();
  // Validate before the progress bar appears, so that a typo gives one clean error line.
  if (auto s = demo::ValidateOptions(options, regions); !s) return s;

  const auto start = std::chrono::steady_clock::now();
  Progress progress("demo", static_cast<std::uint64_t>(options.workers));
  auto summary = demo::GenerateDemoFiles(options, regions, args.out, &progress);
  progress.Finish();
  if (!summary) return Fail(std::move(summary.error()));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "demo: %lld baris roster (%lld rumah tangga) di %s; tertanam %lld duplikat, %lld NIK "
      "bermasalah, %lld meninggal, %lld sudah peserta; deaths.csv %lld baris, members.csv %lld "
      "baris; %.2f s\n",
      static_cast<long long>(summary->roster_rows), static_cast<long long>(summary->households),
      args.out.c_str(), static_cast<long long>(summary->duplicates),
      static_cast<long long>(summary->bad_niks), static_cast<long long>(summary->planted_deaths),
      static_cast<long long>(summary->planted_members), static_cast<long long>(summary->death_rows),
      static_cast<long long>(summary->member_rows), seconds);
  return {};
}

}  // namespace

void AddDemoCommand(CLI::App& root, const Environment& /*env*/, CommandAction& action) {
  auto args = std::make_shared<DemoArgs>();
  auto* sub = root.add_subcommand(
      "demo",
      "Membuat data demo yang deterministik (deterministic demo data: roster, deaths, "
      "members, truth)");
  sub->add_option("--regency", args->regency, "Kode kabupaten/kota, mis. 35.14")
      ->capture_default_str();
  sub->add_option("--workers", args->workers, "Jumlah baris roster (1 - 20.000.000)")
      ->capture_default_str();
  sub->add_option("--seed", args->seed, "Benih acak; benih sama = berkas sama")
      ->capture_default_str();
  sub->add_option("--as-of", args->as_of, "Tanggal acuan YYYY-MM-DD (umur, tanggal kematian)")
      ->capture_default_str();
  sub->add_option("--out", args->out, "Folder keluaran")->required();
  sub->callback([args, &action] { action = [args]() -> Status { return RunDemo(*args); }; });
}

}  // namespace jaring::cli
