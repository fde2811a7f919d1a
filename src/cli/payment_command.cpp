#include "cli/payment_command.hpp"

#include <cstdio>
#include <memory>

#include "cli/db_option.hpp"
#include "cli/scoped_backend.hpp"
#include "domain/date_format.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"

namespace jaring::cli {
namespace {

struct PaymentArgs {
  std::string db_url, as, period, amount, date, reference, source, as_of, out;
  std::int64_t program = 0, limit = 20;
  bool json = false;
};

std::string Month(std::string_view period) {
  const auto month = domain::Period::Parse(period);
  return month ? month->ToIndonesian() : std::string(period);
}

Result<std::optional<std::chrono::year_month_day>> AsOf(const PaymentArgs& args) {
  if (args.as_of.empty()) return std::optional<std::chrono::year_month_day>();
  auto day = domain::ParseIsoDate(args.as_of);
  if (!day) {
    return Fail(
        Error::InvalidArgument("--as-of harus berbentuk YYYY-MM-DD, bukan \"" + args.as_of + "\""));
  }
  return std::optional<std::chrono::year_month_day>(*day);
}

Status Add(const Environment& env, const PaymentArgs& args) {
  auto amount = domain::ParseRupiah(args.amount);
  if (!amount) {
    return Fail(Error::InvalidArgument("--amount \"" + args.amount +
                                       "\" bukan rupiah utuh (contoh: 16800000 atau "
                                       "\"Rp 16.800.000\")"));
  }
  auto open =
      OpenForProgram(env, args.db_url, args.program, args.as, auth::Permission::kViewReports);
  if (!open) return Fail(std::move(open.error()));
  auto payment = open->backend->Payments().Add(
      {open->regency, args.program, args.period, *amount, args.date, args.reference, args.source},
      open->actor);
  if (!payment) return Fail(std::move(payment.error()));
  if (args.json) {
    std::printf("%s\n", services::ToJson(*payment).dump().c_str());
    return {};
  }
  std::printf("%s pembayaran %s untuk %s, program %lld, tanggal %s, referensi %s\n",
              payment->repeated ? "sudah tercatat:" : "tercatat:",
              domain::FormatRupiah(payment->amount).c_str(), Month(payment->period).c_str(),
              static_cast<long long>(payment->program_id), payment->paid_on.c_str(),
              payment->reference.c_str());
  return {};
}

Status List(const Environment& env, const PaymentArgs& args) {
  auto open =
      OpenForProgram(env, args.db_url, args.program, args.as, auth::Permission::kViewReports);
  if (!open) return Fail(std::move(open.error()));
  auto& payments = open->backend->Payments();
  auto list = payments.List(open->regency, args.program, open->actor);
  if (!list) return Fail(std::move(list.error()));
  auto months = payments.Months(open->regency, args.program, std::nullopt, open->actor);
  if (!months) return Fail(std::move(months.error()));
  if (args.json) {
    nlohmann::ordered_json out = {{"payments", nlohmann::ordered_json::array()},
                                  {"months", nlohmann::ordered_json::array()}};
    for (const auto& p : *list) out["payments"].push_back(services::ToJson(p));
    for (const auto& m : *months) out["months"].push_back(services::ToJson(m));
    std::printf("%s\n", out.dump().c_str());
    return {};
  }
  for (const auto& m : *months) {
    std::printf("%-16s tagihan %-20s dibayar %-20s sisa %-20s %s\n", Month(m.period).c_str(),
                domain::FormatRupiah(m.total).c_str(), domain::FormatRupiah(m.paid).c_str(),
                domain::FormatRupiah(m.outstanding).c_str(),
                m.state == "paid"      ? "lunas"
                : m.state == "not_due" ? "belum jatuh tempo"
                                       : "lewat jatuh tempo");
  }
  for (const auto& p : *list) {
    std::printf("  %s  %-16s %-20s %s %s\n", p.paid_on.c_str(), Month(p.period).c_str(),
                domain::FormatRupiah(p.amount).c_str(), p.reference.c_str(),
                p.funding_source.c_str());
  }
  return {};
}

Status Arrears(const Environment& env, const PaymentArgs& args) {
  auto as_of = AsOf(args);
  if (!as_of) return Fail(std::move(as_of.error()));
  auto open =
      OpenForProgram(env, args.db_url, args.program, args.as, auth::Permission::kViewReports);
  if (!open) return Fail(std::move(open.error()));
  auto& payments = open->backend->Payments();
  auto arrears =
      payments.Arrears(open->regency, args.program, *as_of, {0, args.limit}, open->actor);
  if (!arrears) return Fail(std::move(arrears.error()));
  if (!args.out.empty()) {
    if (auto ok =
            payments.WriteArrearsXlsx(open->regency, args.program, *as_of, args.out, open->actor);
        !ok)
      return ok;
  }
  if (args.json) {
    std::printf("%s\n", services::ToJson(*arrears).dump().c_str());
    return {};
  }
  std::printf(
      "tunggakan per %s (batas %d bulan): %s pekerja menunggak, %s peringatan, %s "
      "berakhir; sisa lewat jatuh tempo %s\n",
      arrears->as_of.c_str(), arrears->limit_months,
      domain::FormatThousands(arrears->workers_in_arrears).c_str(),
      domain::FormatThousands(arrears->warnings).c_str(),
      domain::FormatThousands(arrears->lapsed).c_str(),
      domain::FormatRupiah(arrears->outstanding).c_str());
  for (const auto& w : arrears->workers) {
    std::printf("  %-9s %d bulan sejak %-15s %-18s %s, berakhir %s\n", w.level.c_str(), w.months,
                Month(w.first_month).c_str(), w.nik.c_str(), w.name.c_str(), w.lapses_on.c_str());
  }
  return {};
}

}  // namespace

void AddPaymentCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* payment = root.add_subcommand("payment", "Pembayaran iuran ke BPJS dan tunggakannya");
  payment->require_subcommand(1);
  auto args = std::make_shared<PaymentArgs>();
  auto bind = [&](CLI::App* sub, Status (*body)(const Environment&, const PaymentArgs&)) {
    sub->add_option("--program", args->program, "Nomor program")->required();
    sub->add_option("--as", args->as, "Pengguna jaring");
    AddDbOption(*sub, args->db_url);
    sub->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
    sub->callback([args, &env, &action, body] {
      ResolveDbUrl(env, args->db_url);
      action = [args, &env, body]() -> Status { return body(env, *args); };
    });
  };
  auto* add = payment->add_subcommand("add", "Mencatat satu pembayaran");
  add->add_option("--period", args->period, "Bulan yang dibayar, YYYY-MM")->required();
  add->add_option("--amount", args->amount, "Jumlah dalam rupiah")->required();
  add->add_option("--date", args->date, "Tanggal bayar, YYYY-MM-DD")->required();
  add->add_option("--reference", args->reference, "Nomor SP2D atau bukti transfer")->required();
  add->add_option("--source", args->source, "Sumber dana (DBHCHT, APBD, ...)");
  bind(add, Add);
  bind(payment->add_subcommand("list", "Pembayaran dan keadaan tiap bulan"), List);
  auto* arrears = payment->add_subcommand("arrears",
                                          "Tunggakan dan peringatan berakhirnya "
                                          "kepesertaan");
  arrears->add_option("--as-of", args->as_of, "Keadaan pada tanggal ini, YYYY-MM-DD");
  arrears->add_option("--limit", args->limit, "Banyak pekerja yang ditampilkan (0: semua)");
  arrears->add_option("--out", args->out, "Daftar lengkap per desa (.xlsx)");
  bind(arrears, Arrears);
}

}  // namespace jaring::cli
