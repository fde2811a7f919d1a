#include "cli/bill_command.hpp"

#include <cstdio>
#include <memory>

#include "cli/db_option.hpp"
#include "cli/scoped_backend.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"

namespace jaring::cli {
namespace {

struct BillArgs {
  std::string db_url, as, period, out, invoice, reason, regency;
  std::int64_t program = 0, invoice_id = 0, line = 0;
  bool json = false;
};

std::string Month(std::string_view period) {
  const auto month = domain::Period::Parse(period);
  return month ? month->ToIndonesian() : std::string(period);
}

std::string Rupiah(std::int64_t amount) {
  return domain::FormatRupiah(domain::Money::Rupiah(amount));
}

Status Issue(const Environment& env, const BillArgs& args) {
  auto open =
      OpenForProgram(env, args.db_url, args.program, args.as, auth::Permission::kViewReports);
  if (!open) return Fail(std::move(open.error()));
  auto& bills = open->backend->Bills();
  auto bill = bills.Issue(open->regency, args.program, args.period, open->actor);
  if (!bill) return Fail(std::move(bill.error()));
  if (!args.out.empty()) {
    if (auto ok = bills.WriteXlsx(open->regency, args.program, args.period, args.out, open->actor);
        !ok)
      return ok;
  }
  if (args.json) {
    std::printf("%s\n", services::ToJson(*bill).dump().c_str());
    return {};
  }
  std::printf("tagihan %s, program %lld (versi %d): %s peserta, %s\n", Month(bill->period).c_str(),
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

Status Reconcile(const Environment& env, const BillArgs& args) {
  auto open =
      OpenForProgram(env, args.db_url, args.program, args.as, auth::Permission::kViewReports);
  if (!open) return Fail(std::move(open.error()));
  auto& recon = open->backend->Reconciliations();
  auto invoice =
      recon.Reconcile({open->regency, args.program, args.period}, args.invoice, "", open->actor);
  if (!invoice) return Fail(std::move(invoice.error()));
  if (!args.out.empty()) {
    if (auto ok = recon.WriteCsv(open->regency, invoice->id, args.out, open->actor); !ok) return ok;
  }
  if (args.json) {
    std::printf("%s\n", services::ToJson(*invoice).dump().c_str());
    return {};
  }
  std::printf(
      "tagihan BPJS %s, program %lld: %s baris, %s; tagihan kita (versi %d) %s peserta, "
      "%s%s\n",
      Month(invoice->period).c_str(), static_cast<long long>(invoice->program_id),
      domain::FormatThousands(invoice->invoice_lines).c_str(),
      Rupiah(invoice->invoice_total).c_str(), invoice->bill_version,
      domain::FormatThousands(invoice->bill_workers).c_str(), Rupiah(invoice->bill_total).c_str(),
      invoice->repeated ? " (berkas ini sudah pernah dicocokkan)" : "");
  for (const auto& [kind, count] : invoice->counts) {
    std::printf("  %-18s %s\n", kind.c_str(), domain::FormatThousands(count).c_str());
  }
  std::printf("  nomor rekonsiliasi %lld; %lld selisih terbuka\n",
              static_cast<long long>(invoice->id), static_cast<long long>(invoice->open));
  return {};
}

Status Resolve(const Environment& env, const BillArgs& args) {
  auto open = OpenScoped(
      env, args.db_url,
      [&](services::Backend& b) -> Result<std::string> {
        if (!args.regency.empty()) return args.regency;
        return b.Reconciliations().RegencyOf(args.invoice_id);
      },
      args.as, auth::Permission::kViewReports);
  if (!open) return Fail(std::move(open.error()));
  auto line = open->backend->Reconciliations().Resolve(open->regency, args.invoice_id, args.line,
                                                       args.reason, open->actor);
  if (!line) return Fail(std::move(line.error()));
  if (args.json) {
    std::printf("%s\n", services::ToJson(*line).dump().c_str());
    return {};
  }
  std::printf("baris %lld (%s) diselesaikan: %s\n", static_cast<long long>(line->line_no),
              line->kind.c_str(), line->reason.c_str());
  return {};
}

}  // namespace

void AddBillCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* bill = root.add_subcommand("bill", "Tagihan iuran bulanan sebuah program");
  auto args = std::make_shared<BillArgs>();
  bill->add_option("--program", args->program, "Nomor program");
  bill->add_option("--period", args->period, "Bulan yang ditetapkan, YYYY-MM");
  bill->add_option("--out", args->out, "Berkas .xlsx untuk bagian keuangan");
  bill->add_option("--as", args->as, "Pengguna jaring");
  AddDbOption(*bill, args->db_url);
  bill->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");

  auto* reconcile =
      bill->add_subcommand("reconcile", "Mencocokkan tagihan BPJS dengan tagihan bulan itu");
  reconcile->add_option("--program", args->program, "Nomor program")->required();
  reconcile->add_option("--period", args->period, "Bulan, YYYY-MM")->required();
  reconcile->add_option("--invoice", args->invoice, "Berkas tagihan BPJS (.xlsx/.csv)")->required();
  reconcile->add_option("--out", args->out, "Berkas CSV berisi selisihnya");
  reconcile->add_option("--as", args->as, "Pengguna jaring");
  AddDbOption(*reconcile, args->db_url);
  reconcile->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
  reconcile->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
    action = [args, &env]() -> Status { return Reconcile(env, *args); };
  });

  auto* resolve = bill->add_subcommand("resolve", "Menyelesaikan satu baris selisih dengan alasan");
  resolve->add_option("--invoice-id", args->invoice_id, "Nomor rekonsiliasi")->required();
  resolve->add_option("--line", args->line, "Nomor baris selisih")->required();
  resolve->add_option("--reason", args->reason, "Alasan penyelesaian")->required();
  resolve->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)");
  resolve->add_option("--as", args->as, "Pengguna jaring");
  AddDbOption(*resolve, args->db_url);
  resolve->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
  resolve->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
    action = [args, &env]() -> Status { return Resolve(env, *args); };
  });

  // `jaring bill` itself issues the bill; its callback runs after a subcommand's, so it leaves
  // the action a subcommand chose alone.
  bill->callback([bill, args, &env, &action] {
    if (!bill->get_subcommands().empty()) return;
    if (args->program == 0 || args->period.empty()) {
      throw CLI::RequiredError("--program dan --period");
    }
    ResolveDbUrl(env, args->db_url);
    action = [args, &env]() -> Status { return Issue(env, *args); };
  });
}

}  // namespace jaring::cli
