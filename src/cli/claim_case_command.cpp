#include "cli/claim_case_command.hpp"

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/db_option.hpp"
#include "cli/scoped_backend.hpp"
#include "domain/date_format.hpp"
#include "domain/money.hpp"

namespace jaring::cli {
namespace {

struct ClaimArgs {
  std::string db_url, as, regency, kind = "jkm", outcome, event, reporter, reported_on,
                                   source = "operator", member_since, state, to, note, amount,
                                   paid_on, reference, heirs_file, doc_kind, file;
  std::string out;
  std::int64_t id = 0, worker = 0;
  int paid_months = -1, unable_months = 0;
  int detect_days = 0, dossier_days = 0, submit_days = 0, pay_days = 0;
  bool json = false, overdue = false, seen = false;
};

std::string Indonesian(std::string_view iso) {
  auto d = domain::ParseIsoDate(iso);
  return d ? domain::FormatDateIndonesian(*d) : std::string(iso);
}

void Print(const services::ClaimView& v, bool json) {
  if (json) {
    std::printf("%s\n", services::ToJson(v).dump().c_str());
    return;
  }
  std::printf("Klaim %lld%s: %s %s, %s, kejadian %s\n", static_cast<long long>(v.record.id),
              v.repeated ? " (sudah ada)" : "", v.record.kind == "jkm" ? "JKM" : "JKK",
              v.worker_name.c_str(),
              std::string(services::claims::StateLabel(v.record.state)).c_str(),
              Indonesian(v.record.event_date).c_str());
  std::printf("  manfaat: %s%s\n",
              domain::FormatRupiah(domain::Money::Rupiah(v.record.expected_total)).c_str(),
              v.record.eligible ? "" : " (tidak layak)");
  const auto& quote = v.assessment.contains("quote") ? v.assessment["quote"] : nlohmann::json();
  if (quote.is_object()) {
    for (const auto& item : quote.value("items", nlohmann::json::array())) {
      std::printf("    %-40s %s\n", item.value("name", std::string()).c_str(),
                  domain::FormatRupiah(domain::Money::Rupiah(item.value("amount", 0LL))).c_str());
    }
    std::printf("  %s\n", quote.value("reason", std::string()).c_str());
  }
  if (!v.missing.empty()) {
    std::printf("  berkas belum ada:");
    for (const auto& m : v.missing) std::printf(" %s", m.c_str());
    std::printf("\n");
  }
  for (const auto& s : v.clock.stages) {
    std::printf("  %-8s %s .. %-10s %3d hari (target %d)%s\n", s.stage.c_str(), s.from.c_str(),
                s.to.empty() ? "sekarang" : s.to.c_str(), s.days, s.target,
                s.overdue ? " TERLAMBAT" : "");
  }
}

RegencyOf ClaimRegency(const ClaimArgs& args) {
  return [&args](services::Backend& b) -> Result<std::string> {
    if (!args.regency.empty()) return args.regency;
    return b.Claims().RegencyOf(args.id);
  };
}

RegencyOf GivenRegency(const ClaimArgs& args) {
  return [&args](services::Backend&) -> Result<std::string> { return args.regency; };
}

Status Open(const Environment& env, const ClaimArgs& args) {
  auto open =
      OpenScoped(env, args.db_url, GivenRegency(args), args.as, auth::Permission::kManageClaims);
  if (!open) return Fail(std::move(open.error()));
  services::OpenClaimRequest request;
  request.regency_code = open->regency;
  request.worker_id = args.worker;
  request.kind = args.kind;
  request.outcome = args.outcome.empty() ? "death" : args.outcome;
  request.event_date = args.event;
  request.source = args.source;
  request.reporter = args.reporter;
  request.reported_on = args.reported_on;
  request.member_since = args.member_since;
  if (args.paid_months >= 0) request.paid_months = args.paid_months;
  request.unable_to_work_months = args.unable_months;
  auto view = open->backend->Claims().Open(request, open->actor);
  if (!view) return Fail(std::move(view.error()));
  Print(*view, args.json);
  return {};
}

Status List(const Environment& env, const ClaimArgs& args) {
  auto open =
      OpenScoped(env, args.db_url, GivenRegency(args), args.as, auth::Permission::kViewWorkers);
  if (!open) return Fail(std::move(open.error()));
  auto list = open->backend->Claims().List(
      open->regency, args.state.empty() ? std::nullopt : std::optional(args.state), args.overdue,
      open->actor);
  if (!list) return Fail(std::move(list.error()));
  if (args.json) {
    nlohmann::ordered_json out = {{"claims", nlohmann::ordered_json::array()}};
    for (const auto& c : *list) out["claims"].push_back(services::ToJson(c));
    std::printf("%s\n", out.dump().c_str());
    return {};
  }
  for (const auto& c : *list) {
    std::printf("%5lld %s %-28s %-18s %s %s%s\n", static_cast<long long>(c.record.id),
                c.record.kind == "jkm" ? "JKM" : "JKK", c.worker_name.c_str(),
                std::string(services::claims::StateLabel(c.record.state)).c_str(),
                Indonesian(c.record.event_date).c_str(),
                domain::FormatRupiah(domain::Money::Rupiah(c.record.expected_total)).c_str(),
                c.overdue ? "  TERLAMBAT" : "");
  }
  return {};
}

Status Show(const Environment& env, const ClaimArgs& args) {
  auto open =
      OpenScoped(env, args.db_url, ClaimRegency(args), args.as, auth::Permission::kViewWorkers);
  if (!open) return Fail(std::move(open.error()));
  auto view = open->backend->Claims().Get(open->regency, args.id, open->actor);
  if (!view) return Fail(std::move(view.error()));
  Print(*view, args.json);
  return {};
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::NotFound("Berkas tidak dapat dibuka: " + path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

Status Heirs(const Environment& env, const ClaimArgs& args) {
  auto text = ReadFile(args.heirs_file);
  if (!text) return Fail(std::move(text.error()));
  auto heirs = services::HeirsFromJson(nlohmann::json::parse(*text, nullptr, false));
  if (!heirs) return Fail(std::move(heirs.error()));
  auto open =
      OpenScoped(env, args.db_url, ClaimRegency(args), args.as, auth::Permission::kManageClaims);
  if (!open) return Fail(std::move(open.error()));
  auto view =
      open->backend->Claims().SetHeirs(open->regency, args.id, std::move(*heirs), open->actor);
  if (!view) return Fail(std::move(view.error()));
  Print(*view, args.json);
  return {};
}

Status Document(const Environment& env, const ClaimArgs& args) {
  if (args.seen == !args.file.empty())
    return Fail(Error::InvalidArgument("Pilih salah satu: --file BERKAS atau --seen"));
  auto open =
      OpenScoped(env, args.db_url, ClaimRegency(args), args.as, auth::Permission::kManageClaims);
  if (!open) return Fail(std::move(open.error()));
  auto& claims = open->backend->Claims();
  Result<services::ClaimView> view = Fail(Error::Internal("tidak ada"));
  if (args.seen) {
    view = claims.MarkSeen(open->regency, args.id, args.doc_kind, open->actor);
  } else {
    auto bytes = ReadFile(args.file);
    if (!bytes) return Fail(std::move(bytes.error()));
    const std::string name = std::filesystem::path(args.file).filename().string();
    view = claims.AddDocument(open->regency, args.id, args.doc_kind, name, *bytes, open->actor);
  }
  if (!view) return Fail(std::move(view.error()));
  Print(*view, args.json);
  return {};
}

Status Move(const Environment& env, const ClaimArgs& args) {
  services::MoveDetails details;
  details.note = args.note;
  if (!args.amount.empty()) {
    auto amount = domain::ParseRupiah(args.amount);
    if (!amount)
      return Fail(Error::InvalidArgument("--amount \"" + args.amount + "\" bukan rupiah utuh"));
    details.amount = amount->rupiah();
  }
  details.paid_on = args.paid_on;
  details.reference = args.reference;
  auto open =
      OpenScoped(env, args.db_url, ClaimRegency(args), args.as, auth::Permission::kViewWorkers);
  if (!open) return Fail(std::move(open.error()));
  auto view = open->backend->Claims().Move(open->regency, args.id, args.to, details, open->actor);
  if (!view) return Fail(std::move(view.error()));
  Print(*view, args.json);
  return {};
}

Status Targets(const Environment& env, const ClaimArgs& args) {
  auto open =
      OpenScoped(env, args.db_url, GivenRegency(args), args.as, auth::Permission::kViewWorkers);
  if (!open) return Fail(std::move(open.error()));
  auto& claims = open->backend->Claims();
  auto targets = claims.Targets(open->regency, open->actor);
  if (!targets) return Fail(std::move(targets.error()));
  if (args.detect_days > 0 || args.dossier_days > 0 || args.submit_days > 0 || args.pay_days > 0) {
    if (args.detect_days > 0) targets->detect_days = args.detect_days;
    if (args.dossier_days > 0) targets->dossier_days = args.dossier_days;
    if (args.submit_days > 0) targets->submit_days = args.submit_days;
    if (args.pay_days > 0) targets->pay_working_days = args.pay_days;
    targets = claims.SetTargets(open->regency, *targets, open->actor);
    if (!targets) return Fail(std::move(targets.error()));
  }
  std::printf("%s\n", services::claims::ClockTargetsToJson(*targets).c_str());
  return {};
}

Status WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Fail(Error::Unavailable("Berkas tidak dapat ditulis: " + path));
  return {};
}

Status Export(const Environment& env, const ClaimArgs& args) {
  auto open = OpenScoped(env, args.db_url, GivenRegency(args), args.as,
                         auth::Permission::kExportPersonalData);
  if (!open) return Fail(std::move(open.error()));
  auto bytes = open->backend->Claims().ExportSubmitted(open->regency, open->actor);
  if (!bytes) return Fail(std::move(bytes.error()));
  return WriteBytes(args.out, *bytes);
}

Status Import(const Environment& env, const ClaimArgs& args) {
  auto open =
      OpenScoped(env, args.db_url, GivenRegency(args), args.as, auth::Permission::kManageClaims);
  if (!open) return Fail(std::move(open.error()));
  auto report = open->backend->Claims().ImportDecisions(
      open->regency, args.file, std::filesystem::path(args.file).filename().string(), open->actor);
  if (!report) return Fail(std::move(report.error()));
  if (args.json) {
    std::printf("%s\n", services::ToJson(*report).dump().c_str());
    return {};
  }
  std::printf("%lld baris: %lld diterapkan, %lld sudah tercatat, %zu selisih\n",
              static_cast<long long>(report->lines), static_cast<long long>(report->applied),
              static_cast<long long>(report->repeated), report->mismatches.size());
  for (const auto& m : report->mismatches) {
    std::printf("  baris %lld klaim %lld: %s\n", static_cast<long long>(m.line),
                static_cast<long long>(m.claim_id), m.message.c_str());
  }
  return {};
}

Status Report(const Environment& env, const ClaimArgs& args) {
  auto open =
      OpenScoped(env, args.db_url, GivenRegency(args), args.as, auth::Permission::kViewReports);
  if (!open) return Fail(std::move(open.error()));
  auto& claims = open->backend->Claims();
  if (!args.out.empty()) {
    const bool pdf = args.out.ends_with(".pdf");
    if (!pdf && !args.out.ends_with(".xlsx"))
      return Fail(Error::InvalidArgument("--out harus berakhiran .pdf atau .xlsx"));
    auto bytes = pdf ? claims.ReportPdf(open->regency, open->actor)
                     : claims.ReportXlsx(open->regency, open->actor);
    if (!bytes) return Fail(std::move(bytes.error()));
    if (auto ok = WriteBytes(args.out, *bytes); !ok) return ok;
  }
  auto report = claims.Report(open->regency, open->actor);
  if (!report) return Fail(std::move(report.error()));
  if (args.json) {
    std::printf("%s\n", services::ToJson(*report).dump().c_str());
    return {};
  }
  std::printf("%s per %s: %lld klaim, %lld dibayar (%s), %lld menunggu, %lld terlambat\n",
              report->regency_name.c_str(), Indonesian(report->as_of).c_str(),
              static_cast<long long>(report->cases), static_cast<long long>(report->paid_cases),
              domain::FormatRupiah(domain::Money::Rupiah(report->amount_paid)).c_str(),
              static_cast<long long>(report->cases_waiting),
              static_cast<long long>(report->overdue));
  return {};
}

}  // namespace

void AddClaimCaseSubcommands(CLI::App& claim, const Environment& env, CommandAction& action) {
  auto args = std::make_shared<ClaimArgs>();
  auto bind = [&](CLI::App* sub, Status (*body)(const Environment&, const ClaimArgs&)) {
    sub->add_option("--as", args->as, "Pengguna jaring");
    AddDbOption(*sub, args->db_url);
    sub->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
    sub->callback([args, &env, &action, body] {
      ResolveDbUrl(env, args->db_url);
      action = [args, &env, body]() -> Status { return body(env, *args); };
    });
  };
  auto* open = claim.add_subcommand("open", "Membuka kasus klaim untuk seorang pekerja");
  open->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)")->required();
  open->add_option("--worker", args->worker, "Nomor pekerja di jaring")->required();
  open->add_option("--kind", args->kind, "jkm atau jkk")->required();
  open->add_option("--event", args->event, "Tanggal kematian atau kecelakaan, YYYY-MM-DD")
      ->required();
  open->add_option("--outcome", args->outcome, "JKK: death, total_disability, injury");
  open->add_option("--reporter", args->reporter, "Pelapor: desa, keluarga, rumah sakit");
  open->add_option("--reported-on", args->reported_on, "Tanggal dilaporkan (bawaan: hari ini)");
  open->add_option("--source", args->source, "operator atau branch (daftar klaim BPJS)");
  open->add_option("--member-since", args->member_since, "Mulai kepesertaan menurut BPJS");
  open->add_option("--paid-months", args->paid_months, "Bulan iuran dibayar menurut BPJS");
  open->add_option("--unable-months", args->unable_months, "JKK: bulan tidak mampu bekerja");
  bind(open, Open);

  auto* list = claim.add_subcommand("list", "Daftar kasus klaim kabupaten/kota");
  list->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)")->required();
  list->add_option("--state", args->state, "Hanya status ini");
  list->add_flag("--overdue", args->overdue, "Hanya yang melewati target waktunya");
  bind(list, List);

  auto with_id = [&](const char* name, const char* help) {
    auto* sub = claim.add_subcommand(name, help);
    sub->add_option("id", args->id, "Nomor klaim")->required();
    sub->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)");
    return sub;
  };
  bind(with_id("show", "Satu kasus klaim: manfaat, ahli waris, berkas, jam"), Show);
  auto* heirs = with_id("heirs", "Menetapkan ahli waris (berkas JSON)");
  heirs->add_option("--file", args->heirs_file, "Daftar ahli waris, JSON")->required();
  bind(heirs, Heirs);
  auto* document = with_id("document", "Mengunggah berkas atau mencatat berkas kertas");
  document->add_option("--kind", args->doc_kind, "Jenis berkas, mis. akta_kematian")->required();
  document->add_option("--file", args->file, "PDF, JPEG, atau PNG");
  document->add_flag("--seen", args->seen, "Berkas kertas sudah diperiksa");
  bind(document, Document);
  auto* move = with_id("move", "Mengubah status klaim");
  move->add_option("--to", args->to, "Status baru")->required();
  move->add_option("--note", args->note, "Alasan atau catatan");
  move->add_option("--amount", args->amount, "Jumlah disetujui atau dibayar");
  move->add_option("--paid-on", args->paid_on, "Tanggal bayar, YYYY-MM-DD");
  move->add_option("--reference", args->reference, "Nomor referensi pembayaran BPJS");
  bind(move, Move);

  auto* exported = claim.add_subcommand("export", "Klaim yang diajukan, berkas .xlsx untuk BPJS");
  exported->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)")->required();
  exported->add_option("--out", args->out, "Berkas .xlsx")->required();
  bind(exported, Export);
  auto* imported = claim.add_subcommand("import", "Keputusan dan pembayaran dari BPJS");
  imported->add_option("file", args->file, "Berkas .xlsx atau .csv dari BPJS")->required();
  imported->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)")->required();
  bind(imported, Import);
  auto* report = claim.add_subcommand("report", "Laporan klaim (PDF atau .xlsx)");
  report->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)")->required();
  report->add_option("--out", args->out, "Berkas .pdf atau .xlsx");
  bind(report, Report);

  auto* targets = claim.add_subcommand("targets", "Target waktu penanganan klaim");
  targets->add_option("--regency", args->regency, "Kode kabupaten/kota (NN.NN)")->required();
  targets->add_option("--detect-days", args->detect_days, "Hari sampai kematian diketahui");
  targets->add_option("--dossier-days", args->dossier_days, "Hari sampai berkas lengkap");
  targets->add_option("--submit-days", args->submit_days, "Hari sampai diajukan ke BPJS");
  targets->add_option("--pay-days", args->pay_days, "Hari kerja sampai dibayar BPJS");
  bind(targets, Targets);
}

}  // namespace jaring::cli
