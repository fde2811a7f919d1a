#include "cli/enrol_command.hpp"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/db_option.hpp"
#include "cli/scoped_backend.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"

namespace jaring::cli {
namespace {

struct EnrolArgs {
  std::string db_url, as, period, out, file, regency, nik;
  std::int64_t program = 0, batch = 0, worker = 0;
  bool json = false;
};

// The regency comes from the program or batch named, or --regency.
enum class Key { kProgram, kBatch, kRegency };

Result<ScopedBackend> Open(const Environment& env, const EnrolArgs& args, Key key,
                           auth::Permission permission) {
  return OpenScoped(
      env, args.db_url,
      [&](services::Backend& b) -> Result<std::string> {
        if (key == Key::kProgram) return b.Programs().RegencyOf(args.program);
        if (key == Key::kBatch) return b.Enrolment().BatchRegency(args.batch);
        return args.regency;
      },
      args.as, permission);
}

void PrintJson(const nlohmann::ordered_json& json) { std::printf("%s\n", json.dump().c_str()); }

std::string Month(std::string_view period) {
  auto p = domain::Period::Parse(period);
  return p ? p->ToIndonesian() : std::string(period);
}

Status Batch(const Environment& env, const EnrolArgs& args) {
  auto open = Open(env, args, Key::kProgram, auth::Permission::kManageEnrolment);
  if (!open) return Fail(std::move(open.error()));
  auto& enrolment = open->backend->Enrolment();
  auto batch = enrolment.CreateBatch({open->regency, args.program, args.period}, open->actor);
  if (!batch) return Fail(std::move(batch.error()));
  if (auto ok = enrolment.WriteBatchFile(open->regency, batch->id, args.out, open->actor); !ok) {
    return Fail(Error(ok.error().code, "Batch " + std::to_string(batch->id) +
                                           " tersimpan, tetapi berkasnya gagal ditulis (" +
                                           ok.error().message +
                                           "); ulangi dengan: jaring enrol file " +
                                           std::to_string(batch->id) + " --out BERKAS.xlsx"));
  }
  if (args.json) {
    nlohmann::ordered_json out = {{"batch", batch->id}, {"workers", batch->workers}};
    out["reference"] = batch->reference;
    out["counts"] = services::ToJson(batch->counts);
    PrintJson(out);
    return {};
  }
  const auto& c = batch->counts;
  std::printf("batch %lld (%s): %lld pekerja dari daftar %s, berkas %s\n",
              static_cast<long long>(batch->id), batch->reference.c_str(),
              static_cast<long long>(batch->workers), Month(batch->period).c_str(),
              args.out.c_str());
  std::printf(
      "  di daftar %lld, tidak memenuhi syarat %lld, sudah terdaftar %lld, menunggu "
      "kuota %lld\n",
      static_cast<long long>(c.settled), static_cast<long long>(c.ineligible),
      static_cast<long long>(c.already), static_cast<long long>(c.waiting));
  std::printf("  menunggu persetujuan verifikator: jaring enrol approve %lld --as USERNAME\n",
              static_cast<long long>(batch->id));
  return {};
}

Status Approve(const Environment& env, const EnrolArgs& args) {
  auto open = Open(env, args, Key::kBatch, auth::Permission::kDecide);
  if (!open) return Fail(std::move(open.error()));
  auto batch = open->backend->Enrolment().Approve(open->regency, args.batch, open->actor);
  if (!batch) return Fail(std::move(batch.error()));
  if (args.json) {
    PrintJson({{"batch", batch->id}, {"status", batch->status}, {"workers", batch->workers}});
  } else {
    std::printf("batch %lld disetujui oleh %s (%lld pekerja)\n", static_cast<long long>(batch->id),
                batch->approved_by.c_str(), static_cast<long long>(batch->workers));
  }
  return {};
}

Status Answer(const Environment& env, const EnrolArgs& args) {
  auto open = Open(env, args, Key::kProgram, auth::Permission::kManageEnrolment);
  if (!open) return Fail(std::move(open.error()));
  auto answer = open->backend->Enrolment().ImportAnswer(open->regency, args.program, args.file, "",
                                                        open->actor);
  if (!answer) return Fail(std::move(answer.error()));
  const auto& c = answer->counts;
  if (args.json) {
    nlohmann::ordered_json out = services::ToJson(c);
    out["answer"] = answer->id;
    PrintJson(out);
    return {};
  }
  std::printf(
      "jawaban %lld: cocok %lld, nama berbeda %lld, ditolak %lld, NIK tidak dikenal "
      "%lld; kepesertaan baru %lld\n",
      static_cast<long long>(answer->id), static_cast<long long>(c.matched),
      static_cast<long long>(c.name_differs), static_cast<long long>(c.rejected),
      static_cast<long long>(c.unknown), static_cast<long long>(c.coverage_started));
  for (const auto& line : answer->lines) {
    std::printf("  baris %lld  %-12s %s  %s\n", static_cast<long long>(line.line),
                line.kind.c_str(), line.name_answered.c_str(), line.reason.c_str());
  }
  return {};
}

Status File(const Environment& env, const EnrolArgs& args) {
  auto open = Open(env, args, Key::kBatch, auth::Permission::kManageEnrolment);
  if (!open) return Fail(std::move(open.error()));
  return open->backend->Enrolment().WriteBatchFile(open->regency, args.batch, args.out,
                                                   open->actor);
}

Status List(const Environment& env, const EnrolArgs& args) {
  auto open = Open(env, args, Key::kProgram, auth::Permission::kViewDashboard);
  if (!open) return Fail(std::move(open.error()));
  auto batches = open->backend->Enrolment().ListBatches(open->regency, args.program, open->actor);
  if (!batches) return Fail(std::move(batches.error()));
  if (args.json) {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& b : *batches) items.push_back(services::ToJson(b));
    PrintJson({{"items", items}});
    return {};
  }
  for (const auto& b : *batches) {
    std::printf("batch %lld  %-14s %-9s %lld pekerja  %s\n", static_cast<long long>(b.id),
                Month(b.period).c_str(), b.status.c_str(), static_cast<long long>(b.workers),
                b.reference.c_str());
  }
  return {};
}

Status Coverage(const Environment& env, const EnrolArgs& args) {
  if (args.worker == 0 && args.nik.empty()) {
    return Fail(Error::InvalidArgument("Sebutkan --worker ID atau --nik NIK"));
  }
  auto open = Open(env, args, Key::kRegency, auth::Permission::kViewWorkers);
  if (!open) return Fail(std::move(open.error()));
  auto& enrolment = open->backend->Enrolment();
  auto view = args.nik.empty()
                  ? enrolment.WorkerCoverage(open->regency, args.worker, open->actor)
                  : enrolment.WorkerCoverageByNik(open->regency, args.nik, open->actor);
  if (!view) return Fail(std::move(view.error()));
  if (args.json) {
    PrintJson(services::ToJson(*view));
    return {};
  }
  if (view->coverage.empty())
    std::printf("pekerja %lld belum pernah menjadi peserta\n", static_cast<long long>(args.worker));
  for (const auto& c : view->coverage) {
    std::printf("%s  KPJ %s  %s s.d. %s (%s)\n", c.program_name.c_str(), c.kpj.c_str(),
                c.start_date.c_str(), c.end_date.c_str(), c.end_reason.c_str());
  }
  return {};
}

}  // namespace

void AddEnrolCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* enrol = root.add_subcommand("enrol", "Pendaftaran peserta BPJS Ketenagakerjaan");
  enrol->require_subcommand(1);
  auto args = std::make_shared<EnrolArgs>();
  auto bind = [&](CLI::App* sub, Status (*body)(const Environment&, const EnrolArgs&)) {
    AddDbOption(*sub, args->db_url);
    sub->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
    sub->callback([args, &env, &action, body] {
      ResolveDbUrl(env, args->db_url);
      action = [args, &env, body]() -> Status { return body(env, *args); };
    });
  };

  auto* batch =
      enrol->add_subcommand("batch", "Memilih batch pendaftaran dari bulan yang ditetapkan");
  batch->add_option("--program", args->program, "Nomor program")->required();
  batch->add_option("--period", args->period, "Bulan yang ditetapkan, YYYY-MM")->required();
  batch->add_option("--out", args->out, "Berkas .xlsx untuk kantor cabang BPJS")->required();
  batch->add_option("--as", args->as, "Pengguna jaring yang membuat batch");
  bind(batch, Batch);

  auto* approve = enrol->add_subcommand("approve", "Menyetujui batch (verifikator)");
  approve->add_option("batch", args->batch, "Nomor batch")->required();
  approve->add_option("--as", args->as, "Verifikator yang menyetujui")->required();
  bind(approve, Approve);

  auto* answer = enrol->add_subcommand("answer", "Mengimpor jawaban kantor cabang BPJS");
  answer->add_option("file", args->file, "Berkas jawaban (.xlsx atau .csv)")
      ->required()
      ->check(CLI::ExistingFile);
  answer->add_option("--program", args->program, "Nomor program")->required();
  answer->add_option("--as", args->as, "Pengguna jaring yang mengimpor");
  bind(answer, Answer);

  auto* file = enrol->add_subcommand("file", "Menulis ulang berkas batch");
  file->add_option("batch", args->batch, "Nomor batch")->required();
  file->add_option("--out", args->out, "Berkas .xlsx")->required();
  file->add_option("--as", args->as, "Pengguna jaring");
  bind(file, File);

  auto* list = enrol->add_subcommand("list", "Daftar batch sebuah program");
  list->add_option("--program", args->program, "Nomor program")->required();
  list->add_option("--as", args->as, "Pengguna jaring");
  bind(list, List);

  auto* coverage = enrol->add_subcommand("coverage", "Riwayat kepesertaan seorang pekerja");
  coverage->add_option("--regency", args->regency, "Kode kabupaten/kota")->required();
  auto* by_id = coverage->add_option("--worker", args->worker, "Nomor pekerja di registri");
  auto* by_nik = coverage->add_option("--nik", args->nik, "NIK pekerja");
  by_id->excludes(by_nik);
  coverage->add_option("--as", args->as, "Pengguna jaring");
  bind(coverage, Coverage);
}

}  // namespace jaring::cli
