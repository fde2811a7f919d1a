#include "cli/bill_command.hpp"

#include <cstdio>
#include <memory>

#include "cli/db_option.hpp"
#include "cli/user_command.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"

namespace jaring::cli {
namespace {

struct BillArgs {
  std::string db_url, as, period, out;
  std::int64_t program = 0;
  bool json = false;
};

Status Bill(const Environment& env, const BillArgs& args) {
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(std::move(backend.error()));
  auto& bills = (*backend)->Bills();
  auto regency = (*backend)->Programs().RegencyOf(args.program);
  if (!regency) return Fail(std::move(regency.error()));
  services::Actor actor = services::Actor::ForCli(CliActorName().substr(4));
  if (!args.as.empty()) {
    auto as = (*backend)->ActAs(args.as, auth::Permission::kViewReports, *regency);
    if (!as) return Fail(std::move(as.error()));
    actor = std::move(*as);
  }
  auto bill = bills.Issue(*regency, args.program, args.period, actor);
  if (!bill) return Fail(std::move(bill.error()));
  if (!args.out.empty()) {
    if (auto ok = bills.WriteXlsx(*regency, args.program, args.period, args.out, actor); !ok)
      return ok;
  }
  if (args.json) {
    std::printf("%s\n", services::ToJson(*bill).dump().c_str());
    return {};
  }
  const auto month = domain::Period::Parse(bill->period);
  std::printf("tagihan %s, program %lld (versi %d): %s peserta, %s\n",
              month ? month->ToIndonesian().c_str() : bill->period.c_str(),
              static_cast<long long>(bill->program_id), bill->version,
              domain::FormatThousands(bill->workers).c_str(),
              domain::FormatRupiah(bill->total).c_str());
  std::printf("  terbilang: %s\n", bill->terbilang.c_str());
  for (const auto& [source, amount] : bill->by_source) {
    std::printf("  %-10s %s\n", source.c_str(), domain::FormatRupiah(amount).c_str());
  }
  std::printf("  jatuh tempo %s\n", bill->due_date.c_str());
  return {};
}

}  // namespace

void AddBillCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* bill = root.add_subcommand("bill", "Tagihan iuran bulanan sebuah program");
  auto args = std::make_shared<BillArgs>();
  bill->add_option("--program", args->program, "Nomor program")->required();
  bill->add_option("--period", args->period, "Bulan yang ditetapkan, YYYY-MM")->required();
  bill->add_option("--out", args->out, "Berkas .xlsx untuk bagian keuangan");
  bill->add_option("--as", args->as, "Pengguna jaring");
  AddDbOption(*bill, args->db_url);
  bill->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
  bill->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
    action = [args, &env]() -> Status { return Bill(env, *args); };
  });
}

}  // namespace jaring::cli
