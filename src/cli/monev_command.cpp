#include "cli/monev_command.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/db_option.hpp"
#include "cli/user_command.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"
#include "services/monev_report.hpp"

namespace jaring::cli {
namespace {

struct MonevArgs {
  std::string db_url, as, regency, province, period, region, name, source, source_date,
      denominator, file;
  std::string pdf, xlsx, charts;  // coverage: the monev report and its charts
  int year = 0;
  double value = 0;
  std::int64_t count = 0;
  bool json = false;
};

// The backend and who acts: the --as user (holding `permission` somewhere; the service checks
// where), else the command line itself.
struct Opened {
  std::unique_ptr<services::Backend> backend;
  services::Actor actor = services::Actor::ForCli("");
};

Result<Opened> Open(const Environment& env, const MonevArgs& args, auth::Permission permission) {
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(std::move(backend.error()));
  Opened out{std::move(*backend), services::Actor::ForCli(CliActorName().substr(4))};
  if (!args.as.empty()) {
    auto actor = out.backend->ActAsAnywhere(args.as, permission);
    if (!actor) return Fail(std::move(actor.error()));
    out.actor = std::move(*actor);
  }
  return out;
}

// 0.2134 -> "21,34 %".
std::string Percent(const std::optional<double>& v) {
  if (!v) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", *v * 100.0);
  std::string s(text);
  for (char& c : s)
    if (c == '.') c = ',';
  return s + " %";
}

std::string Count(std::int64_t n) { return domain::FormatThousands(n); }

void PrintRegency(const services::RegencyMonev& m) {
  if (m.period.empty()) {
    std::printf("%s: belum ada bulan yang ditetapkan (verval settle)\n", m.regency_name.c_str());
    return;
  }
  const auto month = domain::Period::Parse(m.period);
  std::printf("%s, %s (versi %d)\n", m.regency_name.c_str(), month->ToIndonesian().c_str(),
              m.version);
  std::printf("  baris daftar yang dikirim   %12s\n", Count(m.totals.rows).c_str());
  std::printf("  orang setelah verval        %12s\n", Count(m.totals.persons).c_str());
  const auto& d = m.totals.difference;
  std::printf("  selisih: duplikat %s, terdaftar di kab/kota lain %s, meninggal %s, tidak "
              "memenuhi syarat %s, lainnya %s\n",
              Count(d.duplicates).c_str(), Count(d.other_regency).c_str(), Count(d.died).c_str(),
              Count(d.ineligible).c_str(), Count(d.other_removed).c_str());
  std::printf("  peserta                     %12s\n", Count(m.totals.participants).c_str());
  if (m.denominator) {
    std::printf("  penyebut    %s %d: %s (%s)\n", m.denominator->label.c_str(), m.denominator->year,
                Count(m.denominator->value).c_str(), m.denominator->source.c_str());
    std::printf("  cakupan     %s, dilaporkan %s, bersih %s\n", Percent(m.coverage).c_str(),
                Percent(m.reported_coverage).c_str(), Percent(m.cleaned_coverage).c_str());
  } else {
    std::printf("  penyebut    belum ada (jaring denominator set)\n");
  }
  if (m.target)
    std::printf("  target      %s (%s)\n", Percent(m.target->value).c_str(),
                m.target->region_name.c_str());
  std::printf("  rencana     %s peserta, cakupan %s\n", Count(m.planned_quota).c_str(),
              Percent(m.planned_coverage).c_str());
}

void PrintProvince(const services::ProvinceMonev& p) {
  std::printf("%s, %s\n", p.name.c_str(), domain::Period::Parse(p.period)->ToIndonesian().c_str());
  std::printf("  %-4s %-26s %-8s %10s %10s %10s %4s %10s %4s\n", "#", "kabupaten/kota", "bulan",
              "orang", "peserta", "cakupan", "", "rencana", "");
  for (const auto& r : p.regencies) {
    std::printf("  %-4s %-26s %-8s %10s %10s %10s %4s %10s %4s\n",
                r.rank != 0 ? std::to_string(r.rank).c_str() : "-", r.name.c_str(),
                r.period.empty() ? "-" : r.period.c_str(), Count(r.persons).c_str(),
                Count(r.participants).c_str(), Percent(r.coverage).c_str(), "",
                Percent(r.planned_coverage).c_str(),
                r.planned_rank != 0 ? std::to_string(r.planned_rank).c_str() : "-");
  }
  std::printf("  terdaftar di dua kab/kota: %s orang\n", Count(p.overlap_persons).c_str());
}

// --pdf, --xlsx and --charts of `coverage`: the monev report (services/monev_report.hpp).
Status WriteReports(services::MonevService& monev, const MonevArgs& args,
                    const services::Actor& actor) {
  const bool regency = !args.regency.empty();
  const std::string& code = regency ? args.regency : args.province;
  auto write = [&](const std::filesystem::path& path, const std::string& bytes) -> Status {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return Fail(Error::Unavailable("Berkas tidak dapat ditulis: " + path.string()));
    if (!args.json) std::printf("ditulis: %s\n", path.string().c_str());
    return {};
  };
  if (!args.pdf.empty()) {
    auto pdf = regency ? monev.RegencyPdf(code, args.period, actor)
                       : monev.ProvincePdf(code, args.period, actor);
    if (!pdf) return Fail(std::move(pdf.error()));
    if (auto ok = write(args.pdf, *pdf); !ok) return ok;
  }
  if (!args.xlsx.empty()) {
    auto ok = regency ? monev.RegencyXlsx(code, args.period, args.xlsx, actor)
                      : monev.ProvinceXlsx(code, args.period, args.xlsx, actor);
    if (!ok) return ok;
    if (!args.json) std::printf("ditulis: %s\n", args.xlsx.c_str());
  }
  if (!args.charts.empty()) {
    std::error_code error;
    std::filesystem::create_directories(args.charts, error);
    if (error) return Fail(Error::Unavailable("Folder tidak dapat dibuat: " + args.charts));
    for (std::string_view name :
         regency ? services::RegencyChartNames() : services::ProvinceChartNames()) {
      auto png = regency ? monev.RegencyChart(code, args.period, name, actor)
                         : monev.ProvinceChart(code, args.period, name, actor);
      if (!png) return Fail(std::move(png.error()));
      if (auto ok = write(std::filesystem::path(args.charts) / (std::string(name) + ".png"), *png);
          !ok)
        return ok;
    }
  }
  return {};
}

Status Coverage(const Environment& env, const MonevArgs& args) {
  if (args.regency.empty() == args.province.empty())
    return Fail(Error::InvalidArgument("Sebutkan --regency atau --province (salah satu)"));
  auto open = Open(env, args, auth::Permission::kViewDashboard);
  if (!open) return Fail(std::move(open.error()));
  auto& monev = open->backend->Monev();
  if (auto ok = WriteReports(monev, args, open->actor); !ok) return ok;
  if (!args.regency.empty()) {
    auto m = monev.Regency(args.regency, args.period, open->actor);
    if (!m) return Fail(std::move(m.error()));
    if (args.json) {
      std::printf("%s\n", services::ToJson(*m).dump().c_str());
    } else {
      PrintRegency(*m);
    }
    return {};
  }
  auto p = monev.Province(args.province, args.period, open->actor);
  if (!p) return Fail(std::move(p.error()));
  if (args.json) {
    std::printf("%s\n", services::ToJson(*p).dump().c_str());
  } else {
    PrintProvince(*p);
  }
  return {};
}

Status TargetSet(const Environment& env, const MonevArgs& args) {
  auto open = Open(env, args, auth::Permission::kManageTargets);
  if (!open) return Fail(std::move(open.error()));
  services::TargetInput in{args.region, args.year, args.value, args.denominator, args.source};
  auto t = open->backend->Monev().SetTarget(in, open->actor);
  if (!t) return Fail(std::move(t.error()));
  if (args.json) {
    std::printf("%s\n", services::ToJson(*t).dump().c_str());
  } else {
    std::printf("target %s %d: %s\n", t->region_name.c_str(), t->year, Percent(t->value).c_str());
  }
  return {};
}

Status TargetList(const Environment& env, const MonevArgs& args) {
  auto open = Open(env, args, auth::Permission::kViewDashboard);
  if (!open) return Fail(std::move(open.error()));
  auto list = open->backend->Monev().Targets(args.region, open->actor);
  if (!list) return Fail(std::move(list.error()));
  if (args.json) {
    nlohmann::ordered_json out = {{"targets", nlohmann::ordered_json::array()}};
    for (const auto& t : *list) out["targets"].push_back(services::ToJson(t));
    std::printf("%s\n", out.dump().c_str());
    return {};
  }
  for (const auto& t : *list)
    std::printf("%d  %s  %s\n", t.year, Percent(t.value).c_str(), t.source.c_str());
  return {};
}

Status DenominatorSet(const Environment& env, const MonevArgs& args) {
  auto open = Open(env, args, auth::Permission::kManageTargets);
  if (!open) return Fail(std::move(open.error()));
  services::DenominatorInput in{args.region, args.year,   args.name,
                                args.count,  args.source, args.source_date};
  auto d = open->backend->Monev().SetDenominator(in, open->actor);
  if (!d) return Fail(std::move(d.error()));
  if (args.json) {
    std::printf("%s\n", services::ToJson(*d).dump().c_str());
  } else {
    std::printf("penyebut %s %d %s: %s (%s)\n", d->region_name.c_str(), d->year, d->label.c_str(),
                Count(d->value).c_str(), d->source.c_str());
  }
  return {};
}

Status DenominatorList(const Environment& env, const MonevArgs& args) {
  auto open = Open(env, args, auth::Permission::kViewDashboard);
  if (!open) return Fail(std::move(open.error()));
  auto list = open->backend->Monev().Denominators(
      args.region, args.year != 0 ? std::optional(args.year) : std::nullopt, open->actor);
  if (!list) return Fail(std::move(list.error()));
  if (args.json) {
    nlohmann::ordered_json out = {{"denominators", nlohmann::ordered_json::array()}};
    for (const auto& d : *list) out["denominators"].push_back(services::ToJson(d));
    std::printf("%s\n", out.dump().c_str());
    return {};
  }
  for (const auto& d : *list)
    std::printf("%d  %-44s %12s  %s\n", d.year, d.label.c_str(), Count(d.value).c_str(),
                d.source.c_str());
  return {};
}

Status DenominatorImport(const Environment& env, const MonevArgs& args) {
  auto open = Open(env, args, auth::Permission::kManageTargets);
  if (!open) return Fail(std::move(open.error()));
  auto report = open->backend->Monev().ImportDenominators(args.file, open->actor);
  if (!report) return Fail(std::move(report.error()));
  if (args.json) {
    std::printf("%s\n",
                nlohmann::ordered_json{{"rows", report->rows}, {"stored", report->stored}}
                    .dump()
                    .c_str());
  } else {
    std::printf("%lld penyebut disimpan\n", static_cast<long long>(report->stored));
  }
  return {};
}

Status BoundariesImport(const Environment& env, const MonevArgs& args) {
  auto open = Open(env, args, auth::Permission::kManageTargets);
  if (!open) return Fail(std::move(open.error()));
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return Fail(Error::NotFound("Berkas tidak ditemukan: " + args.file));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto report = open->backend->Monev().SetBoundaries(args.regency, bytes.str(), open->actor);
  if (!report) return Fail(std::move(report.error()));
  if (args.json) {
    std::printf("%s\n", nlohmann::ordered_json{{"features", report->features},
                                               {"matched", report->matched},
                                               {"unmatched", report->unmatched}}
                            .dump()
                            .c_str());
  } else {
    std::printf("%d dari %d fitur cocok dengan kecamatan\n", report->matched, report->features);
    for (const auto& u : report->unmatched) std::printf("  tidak cocok: %s\n", u.c_str());
  }
  return {};
}

}  // namespace

void AddMonevCommands(CLI::App& root, const Environment& env, CommandAction& action) {
  auto args = std::make_shared<MonevArgs>();
  auto bind = [&](CLI::App* sub, Status (*body)(const Environment&, const MonevArgs&)) {
    sub->add_option("--as", args->as, "Pengguna jaring");
    AddDbOption(*sub, args->db_url);
    sub->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
    sub->callback([args, &env, &action, body] {
      ResolveDbUrl(env, args->db_url);
      action = [args, &env, body]() -> Status { return body(env, *args); };
    });
  };

  auto* coverage = root.add_subcommand(
      "coverage", "Cakupan kepesertaan: angka kabupaten/kota atau peringkat provinsi (monev)");
  coverage->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)");
  coverage->add_option("--province", args->province, "Kode provinsi (NN)");
  coverage->add_option("--period", args->period,
                       "Bulan YYYY-MM (bawaan: bulan ditetapkan terakhir / bulan ini)");
  coverage->add_option("--pdf", args->pdf, "Menulis laporan monev PDF ke berkas ini");
  coverage->add_option("--xlsx", args->xlsx, "Menulis laporan monev .xlsx ke berkas ini");
  coverage->add_option("--charts", args->charts, "Menulis grafik laporan (PNG) ke folder ini");
  bind(coverage, Coverage);

  auto* target = root.add_subcommand("target", "Target cakupan per wilayah dan tahun");
  target->require_subcommand(1);
  auto* set = target->add_subcommand("set", "Menetapkan target cakupan (pecahan, 33 % = 0.33)");
  set->add_option("--region", args->region, "Kode wilayah (ID, NN, NN.NN, ...)")->required();
  set->add_option("--year", args->year, "Tahun")->required();
  set->add_option("--value", args->value, "Target, pecahan 0-1")->required();
  set->add_option("--denominator", args->denominator, "Nama penyebut yang dipakai target");
  set->add_option("--source", args->source, "Sumber target (RPJMN, RKP, Perbup, ...)");
  bind(set, TargetSet);
  auto* targets = target->add_subcommand("list", "Target sebuah wilayah");
  targets->add_option("--region", args->region, "Kode wilayah")->required();
  bind(targets, TargetList);

  auto* denominator =
      root.add_subcommand("denominator", "Penyebut cakupan per wilayah dan tahun (BPS, survei)");
  denominator->require_subcommand(1);
  auto* dset = denominator->add_subcommand("set", "Menetapkan satu penyebut");
  dset->add_option("--region", args->region, "Kode wilayah (NN, NN.NN, NN.NN.NN, ...)")
      ->required();
  dset->add_option("--year", args->year, "Tahun")->required();
  dset->add_option("--name", args->name, "Nama: working_population, informal_workers, ...")
      ->required();
  dset->add_option("--value", args->count, "Jumlah orang")->required();
  dset->add_option("--source", args->source, "Sumber, mis. BPS Sakernas Agustus 2024")->required();
  dset->add_option("--source-date", args->source_date, "Tanggal sumber, YYYY-MM-DD");
  bind(dset, DenominatorSet);
  auto* dlist = denominator->add_subcommand("list", "Penyebut sebuah wilayah");
  dlist->add_option("--region", args->region, "Kode wilayah")->required();
  dlist->add_option("--year", args->year, "Hanya tahun ini");
  bind(dlist, DenominatorList);
  auto* dimport = denominator->add_subcommand(
      "import", "Mengimpor penyebut dari .xlsx/.csv (kode_wilayah, tahun, nama, nilai, sumber)");
  dimport->add_option("file", args->file, "Berkas .xlsx atau .csv")->required();
  bind(dimport, DenominatorImport);

  auto* boundaries = root.add_subcommand("boundaries", "Batas kecamatan untuk peta cakupan");
  boundaries->require_subcommand(1);
  auto* bimport = boundaries->add_subcommand(
      "import", "Mengunggah batas kecamatan (GeoJSON FeatureCollection)");
  bimport->add_option("file", args->file, "Berkas .geojson")->required();
  bimport->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)")->required();
  bind(bimport, BoundariesImport);
}

}  // namespace jaring::cli
