#include "cli/demo_command.hpp"

#include <chrono>
#include <cstdio>
#include <string>

#include "cli/db_option.hpp"
#include "common/progress.hpp"
#include "demo/demo.hpp"
#include "demo/story.hpp"
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

Status RunStory(const std::string& out) {
  const auto start = std::chrono::steady_clock::now();
  auto plan = demo::PlanStory(domain::RegionIndex::Embedded());
  if (!plan) return Fail(std::move(plan.error()));
  if (auto ok = demo::WriteStory(*plan, out); !ok) return ok;
  std::size_t rows = 0;
  for (const auto& regency : plan->regencies) rows += regency.data.roster.size();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "demo story: %zu kabupaten, %zu baris roster, %zu orang terdaftar di dua kabupaten "
      "di %s; %.2f s\n",
      plan->regencies.size(), rows, plan->cross.size(), out.c_str(), seconds);
  return {};
}

}  // namespace

void AddDemoCommand(CLI::App& root, const Environment& env, DemoSeedFunction seed,
                    CommandAction& action) {
  auto args = std::make_shared<DemoArgs>();
  auto* sub = root.add_subcommand(
      "demo",
      "Membuat data demo yang deterministik (deterministic demo data: roster, deaths, "
      "members, truth)");
  sub->require_subcommand(0, 1);
  sub->add_option("--regency", args->regency, "Kode kabupaten/kota, mis. 35.14")
      ->capture_default_str();
  sub->add_option("--workers", args->workers, "Jumlah baris roster (1 - 20.000.000)")
      ->capture_default_str();
  sub->add_option("--seed", args->seed, "Benih acak; benih sama = berkas sama")
      ->capture_default_str();
  sub->add_option("--as-of", args->as_of, "Tanggal acuan YYYY-MM-DD (umur, tanggal kematian)")
      ->capture_default_str();
  sub->add_option("--out", args->out, "Folder keluaran (wajib tanpa subperintah)");

  auto story_out = std::make_shared<std::string>();
  auto* story = sub->add_subcommand(
      "story", "Menulis cerita demo: 3 kabupaten, roster, ekstrak bulanan dan kebenarannya");
  story->add_option("--out", *story_out, "Folder keluaran")->required();
  story->callback(
      [story_out, &action] { action = [story_out]() -> Status { return RunStory(*story_out); }; });

  auto seed_options = std::make_shared<DemoSeedOptions>();
  auto* seeding = sub->add_subcommand(
      "seed", "Mengisi basis data kosong seperti serve --demo (atau --demo-story), tanpa server");
  seeding->add_flag("--story", seed_options->story,
                    "Cerita demo: 3 kabupaten, 2 bulan verval, program, tagihan, klaim");
  AddDbOption(*seeding, seed_options->db_url);
  seeding->add_flag("--json", seed_options->json, "Ringkasan JSON di stdout");
  seeding->callback([seed_options, seed, &env, &action] {
    ResolveDbUrl(env, seed_options->db_url);
    action = [seed_options, seed]() -> Status { return seed(*seed_options); };
  });

  // Runs after a subcommand's callback: without one, `jaring demo` writes the demo files.
  sub->callback([args, sub, &action] {
    if (!sub->get_subcommands().empty()) return;
    if (args->out.empty()) throw CLI::RequiredError("--out");
    action = [args]() -> Status { return RunDemo(*args); };
  });
}

}  // namespace jaring::cli
