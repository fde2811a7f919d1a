#include "cli/program_command.hpp"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/db_option.hpp"
#include "cli/user_command.hpp"
#include "domain/funding_source.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"

namespace jaring::cli {
namespace {

struct ProgramArgs {
  std::string db_url, as, regency, name, funding, budget, from, to, income, decree, date;
  std::int64_t id = 0;
  std::optional<std::int64_t> quota, workers, add_workers;
  std::string add_from;
  std::optional<int> age_min, age_max;
  bool json = false;
};

// The actor of a command: the --as user holding `permission` in the regency, else the CLI.
Result<services::Actor> ActorFor(services::Backend& backend, const ProgramArgs& args,
                                 auth::Permission permission, std::string_view regency) {
  if (args.as.empty()) return services::Actor::ForCli(CliActorName().substr(4));
  return backend.ActAs(args.as, permission, regency);
}

Result<domain::Money> Rupiah(const std::string& text, std::string_view what) {
  auto money = domain::ParseRupiah(text);
  if (!money) {
    return Fail(Error::InvalidArgument(std::string(what) +
                                       " harus rupiah utuh, mis. 2800000000 "
                                       "atau 2.800.000.000, bukan \"" +
                                       text + "\""));
  }
  return money;
}

Status Add(const Environment& env, const ProgramArgs& args) {
  services::ProgramInput input;
  input.regency_code = args.regency;
  input.name = args.name;
  auto funding = domain::ParseFundingSpec(args.funding);
  if (!funding) return Fail(std::move(funding.error()));
  input.funding = std::move(*funding);
  auto budget = Rupiah(args.budget, "Anggaran");
  if (!budget) return Fail(std::move(budget.error()));
  input.budget = *budget;
  input.from = args.from;
  input.to = args.to;
  input.quota = args.quota.value_or(0);
  if (!args.income.empty()) {
    auto income = Rupiah(args.income, "Penghasilan yang dilaporkan");
    if (!income) return Fail(std::move(income.error()));
    input.declared_income = *income;
  }
  input.age_min = args.age_min;
  input.age_max = args.age_max;

  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());
  auto actor = ActorFor(**backend, args, auth::Permission::kManagePrograms, args.regency);
  if (!actor) return Fail(std::move(actor.error()));
  auto id = (*backend)->Programs().Add(input, *actor);
  if (!id) return Fail(std::move(id.error()));
  if (args.json) {
    std::printf("%s\n", nlohmann::json{{"id", *id}}.dump().c_str());
  } else {
    std::printf("%lld\n", static_cast<long long>(*id));
  }
  return {};
}

// The backend and the actor of a command that names a program by id alone: its regency first,
// then the --as user's grants there.
struct ById {
  std::unique_ptr<services::Backend> backend;
  services::Actor actor = services::Actor::ForCli("");
  std::string regency;
};
Result<ById> OpenById(const Environment& env, const ProgramArgs& args,
                      auth::Permission permission) {
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(std::move(backend.error()));
  auto regency = (*backend)->Programs().RegencyOf(args.id);
  if (!regency) return Fail(std::move(regency.error()));
  auto actor = ActorFor(**backend, args, permission, *regency);
  if (!actor) return Fail(std::move(actor.error()));
  return ById{std::move(*backend), std::move(*actor), std::move(*regency)};
}

Status Revise(const Environment& env, const ProgramArgs& args) {
  auto budget = Rupiah(args.budget, "Anggaran");
  if (!budget) return Fail(std::move(budget.error()));
  auto open = OpenById(env, args, auth::Permission::kManagePrograms);
  if (!open) return Fail(std::move(open.error()));
  auto line = open->backend->Programs().Revise(
      open->regency, args.id, {*budget, args.decree, args.date, args.quota}, open->actor);
  if (!line) return Fail(std::move(line.error()));
  if (args.json) {
    nlohmann::ordered_json out = {
        {"id", args.id}, {"budget_line", *line}, {"budget", budget->rupiah()}};
    if (args.quota) out["quota"] = *args.quota;
    std::printf("%s\n", out.dump().c_str());
  } else {
    std::printf("anggaran program %lld diubah menjadi %s (%s, %s)%s\n",
                static_cast<long long>(args.id), domain::FormatRupiah(*budget).c_str(),
                args.decree.c_str(), args.date.c_str(),
                args.quota ? (", kuota " + domain::FormatThousands(*args.quota)).c_str() : "");
  }
  return {};
}

std::string MonthText(const std::optional<std::string>& month) {
  if (!month) return "-";
  auto period = domain::Period::Parse(*month);
  return period ? period->ToIndonesian() : *month;
}

Status Simulate(const Environment& env, const ProgramArgs& args) {
  auto open = OpenById(env, args, auth::Permission::kViewDashboard);
  if (!open) return Fail(std::move(open.error()));
  services::SimulationRequest request;
  request.workers = args.workers;
  if (!args.from.empty()) request.from = args.from;
  request.add_workers = args.add_workers;
  if (!args.add_from.empty()) request.add_from = args.add_from;
  auto sim = open->backend->Programs().Simulate(open->regency, args.id, request, open->actor);
  if (!sim) return Fail(std::move(sim.error()));
  if (args.json) {
    std::printf("%s\n", services::SimulationToJson(*sim).dump().c_str());
    return {};
  }
  using domain::FormatRupiah;
  std::printf("program %lld: %s pekerja, %s s.d. %s, anggaran %s\n",
              static_cast<long long>(args.id), domain::FormatThousands(sim->workers).c_str(),
              MonthText(sim->from).c_str(), MonthText(sim->to).c_str(),
              FormatRupiah(sim->budget).c_str());
  std::printf("  biaya per bulan        %s\n", FormatRupiah(sim->monthly_cost).c_str());
  std::printf("  bulan penuh terbayar   %lld (sampai %s), sisa %s\n",
              static_cast<long long>(sim->whole_months), MonthText(sim->covered_until).c_str(),
              FormatRupiah(sim->left).c_str());
  if (sim->next_month) {
    std::printf("  kurang untuk %s   %s\n", MonthText(sim->next_month).c_str(),
                FormatRupiah(sim->shortfall_next_month).c_str());
  }
  std::printf("  biaya s.d. akhir       %s\n", FormatRupiah(sim->cost_until_end).c_str());
  std::printf("  pekerja s.d. akhir     %s\n",
              domain::FormatThousands(sim->workers_until_end).c_str());
  if (sim->shortfall.rupiah() > 0) {
    std::printf("  KEKURANGAN s.d. akhir  %s\n", FormatRupiah(sim->shortfall).c_str());
  } else {
    std::printf("  kelebihan s.d. akhir   %s\n", FormatRupiah(sim->surplus).c_str());
  }
  if (sim->pak) {
    std::printf("  PAK +%s pekerja dari %s: biaya %s, kekurangan %s\n",
                domain::FormatThousands(sim->pak->workers).c_str(),
                MonthText(sim->pak->from).c_str(), FormatRupiah(sim->pak->cost).c_str(),
                FormatRupiah(sim->pak->shortfall).c_str());
  }
  return {};
}

Status Show(const Environment& env, const ProgramArgs& args) {
  auto open = OpenById(env, args, auth::Permission::kViewDashboard);
  if (!open) return Fail(std::move(open.error()));
  auto program = open->backend->Programs().Get(open->regency, args.id, open->actor);
  if (!program) return Fail(std::move(program.error()));
  if (args.json) {
    std::printf("%s\n", services::ProgramToJson(*program).dump().c_str());
    return {};
  }
  std::printf("program %lld (%s): %s\n", static_cast<long long>(program->id),
              program->regency_code.c_str(), program->name.c_str());
  std::printf("  periode %s s.d. %s, kuota %s, anggaran %s\n",
              MonthText(program->period_from).c_str(), MonthText(program->period_to).c_str(),
              domain::FormatThousands(program->quota).c_str(),
              domain::FormatRupiah(program->budget).c_str());
  for (const auto& line : program->budget_lines) {
    const std::string quota =
        line.quota ? "kuota " + domain::FormatThousands(*line.quota) : std::string();
    std::printf("  %-9s %s %s %s %s\n", line.kind == "original" ? "awal" : "PAK",
                domain::FormatRupiah(line.amount).c_str(), line.decree.c_str(),
                line.decree_date.c_str(), quota.c_str());
  }
  return {};
}

}  // namespace

void AddProgramCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* program = root.add_subcommand("program", "Program kepesertaan dan anggarannya");
  program->require_subcommand(1);
  auto args = std::make_shared<ProgramArgs>();
  auto bind = [&](CLI::App* sub, Status (*body)(const Environment&, const ProgramArgs&)) {
    AddDbOption(*sub, args->db_url);
    sub->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
    sub->callback([args, &env, &action, body] {
      ResolveDbUrl(env, args->db_url);
      action = [args, &env, body]() -> Status { return body(env, *args); };
    });
  };

  auto* add = program->add_subcommand("add", "Membuat program baru");
  add->add_option("--regency", args->regency, "Kode kabupaten/kota, mis. 35.14")->required();
  add->add_option("--name", args->name, "Nama program")->required();
  add->add_option("--funding", args->funding,
                  "Sumber dana: DBHCHT, APBD, APBDES, PROVINSI, CSR; beberapa dengan persen, mis. "
                  "DBHCHT=60,APBD=40")
      ->required();
  add->add_option("--budget", args->budget, "Anggaran awal, rupiah")->required();
  add->add_option("--from", args->from, "Bulan mulai, YYYY-MM")->required();
  add->add_option("--to", args->to, "Bulan akhir, YYYY-MM")->required();
  add->add_option("--quota", args->quota, "Kuota pekerja");
  add->add_option("--income", args->income, "Penghasilan yang dilaporkan (bawaan Rp 1.000.000)");
  add->add_option("--age-min", args->age_min, "Usia paling rendah");
  add->add_option("--age-max", args->age_max, "Usia paling tinggi (masih termasuk)");
  add->add_option("--as", args->as, "Pengguna jaring yang membuat program");
  bind(add, Add);

  auto* revise = program->add_subcommand("revise", "Perubahan anggaran (PAK)");
  revise->add_option("id", args->id, "Nomor program")->required();
  revise->add_option("--budget", args->budget, "Anggaran seluruhnya setelah perubahan, rupiah")
      ->required();
  revise->add_option("--decree", args->decree, "Nomor keputusan")->required();
  revise->add_option("--date", args->date, "Tanggal keputusan, YYYY-MM-DD")->required();
  revise->add_option("--quota", args->quota, "Kuota pekerja setelah perubahan (bawaan: tetap)");
  revise->add_option("--as", args->as, "Pengguna jaring yang mengubah anggaran");
  bind(revise, Revise);

  auto* simulate = program->add_subcommand("simulate", "Simulasi anggaran");
  simulate->add_option("id", args->id, "Nomor program")->required();
  simulate->add_option("--workers", args->workers, "Jumlah pekerja (bawaan: kuota)");
  simulate->add_option("--from", args->from, "Bulan mulai, YYYY-MM (bawaan: awal program)");
  simulate->add_option("--add-workers", args->add_workers,
                       "PAK: pekerja yang ditambahkan (biaya tambahan s.d. akhir program)");
  simulate->add_option("--add-from", args->add_from,
                       "PAK: bulan mulai tambahan, YYYY-MM (bawaan: bulan mulai simulasi)");
  simulate->add_option("--as", args->as, "Pengguna jaring");
  bind(simulate, Simulate);

  auto* show = program->add_subcommand("show", "Menampilkan program");
  show->add_option("id", args->id, "Nomor program")->required();
  show->add_option("--as", args->as, "Pengguna jaring");
  bind(show, Show);
}

}  // namespace jaring::cli
