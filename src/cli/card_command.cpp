#include "cli/card_command.hpp"

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cards/key_file.hpp"
#include "cli/db_option.hpp"
#include "cli/scoped_backend.hpp"
#include "domain/date_format.hpp"
#include "services/card_service.hpp"

namespace jaring::cli {
namespace {

struct CardArgs {
  std::string db_url, as, out, regency, reason, token, key, on;
  std::int64_t program = 0, worker = 0, card = 0;
  bool json = false, single = false;
};

void PrintJson(const nlohmann::ordered_json& json) { std::printf("%s\n", json.dump().c_str()); }

// The backend, the regency (of the program, or --regency) and the --as user's actor there.
Result<ScopedBackend> Open(const Environment& env, const CardArgs& args,
                           auth::Permission permission) {
  return OpenScoped(
      env, args.db_url,
      [&](services::Backend& b) -> Result<std::string> {
        if (args.program != 0) return b.Programs().RegencyOf(args.program);
        return args.regency;
      },
      args.as, permission);
}

Status Issue(const Environment& env, const CardArgs& args) {
  auto open = Open(env, args, auth::Permission::kExportPersonalData);
  if (!open) return Fail(std::move(open.error()));
  const auto layout =
      args.single ? formats::PdfCardLayout::kSingle : formats::PdfCardLayout::kA4Sheet;
  auto issued =
      open->backend->Cards().Issue({open->regency, args.program, args.worker, layout}, open->actor);
  if (!issued) return Fail(std::move(issued.error()));
  std::ofstream pdf(args.out, std::ios::binary | std::ios::trunc);
  pdf.write(issued->pdf.data(), static_cast<std::streamsize>(issued->pdf.size()));
  pdf.close();
  if (!pdf) {
    return Fail(Error::Unavailable(std::to_string(issued->cards.size()) +
                                   " kartu tersimpan, tetapi PDF gagal ditulis ke " + args.out +
                                   "; cetak ulang lewat GET .../cards.pdf"));
  }
  if (args.json) {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& card : issued->cards) {
      items.push_back({{"id", card.id},
                       {"worker_id", card.worker_id},
                       {"serial", card.serial},
                       {"token", card.token}});
    }
    PrintJson({{"cards", issued->cards.size()},
               {"skipped", issued->skipped},
               {"out", args.out},
               {"items", std::move(items)}});
    return {};
  }
  std::printf("%zu kartu dicetak ke %s", issued->cards.size(), args.out.c_str());
  if (issued->skipped > 0) {
    std::printf(" (%lld pekerja dilewati: meninggal, dikeluarkan atau kepesertaannya berakhir)",
                static_cast<long long>(issued->skipped));
  }
  std::printf("\n");
  return {};
}

Status List(const Environment& env, const CardArgs& args) {
  auto open = Open(env, args, auth::Permission::kExportPersonalData);
  if (!open) return Fail(std::move(open.error()));
  auto cards = open->backend->Cards().List(open->regency, args.program, args.worker, open->actor);
  if (!cards) return Fail(std::move(cards.error()));
  if (args.json) {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& card : *cards) items.push_back(services::ToJson(card));
    PrintJson({{"items", std::move(items)}});
    return {};
  }
  for (const auto& c : *cards) {
    std::printf("kartu %lld  pekerja %lld  ke-%d  terbit %s  %s\n", static_cast<long long>(c.id),
                static_cast<long long>(c.worker_id), c.serial, c.issued_at.c_str(),
                c.revoked_at.empty() ? "berlaku" : ("dicabut: " + c.revoke_reason).c_str());
  }
  return {};
}

Status Revoke(const Environment& env, const CardArgs& args) {
  auto open = Open(env, args, auth::Permission::kManageEnrolment);
  if (!open) return Fail(std::move(open.error()));
  auto card = open->backend->Cards().Revoke(open->regency, args.card, args.reason, open->actor);
  if (!card) return Fail(std::move(card.error()));
  if (args.json) {
    PrintJson(services::ToJson(*card));
  } else {
    std::printf("kartu %lld dicabut: %s\n", static_cast<long long>(card->id),
                card->revoke_reason.c_str());
  }
  return {};
}

Status Verify(const Environment& env, const CardArgs& args) {
  std::optional<std::chrono::year_month_day> on;
  if (!args.on.empty()) {
    auto day = domain::ParseIsoDate(args.on);
    if (!day) return Fail(Error::InvalidArgument("--on harus YYYY-MM-DD"));
    on = *day;
  }
  Result<services::CardStatusView> status = Fail(Error::Internal("unset"));
  if (!args.key.empty()) {
    auto key = cards::LoadPublicKey(args.key);
    if (!key) return Fail(std::move(key.error()));
    status = services::VerifyCardOffline(
        args.token, *key,
        on.value_or(std::chrono::year_month_day(
            std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()))));
  } else {
    auto backend = OpenBackend(env, args.db_url);
    if (!backend) return Fail(std::move(backend.error()));
    status = (*backend)->Cards().Verify(args.token, on);
  }
  if (!status) {
    if (args.json && status.error().code == ErrorCode::kInvalidArgument) {
      PrintJson({{"valid", false}, {"status", "invalid"}, {"period", nullptr}});
    }
    return Fail(std::move(status.error()));
  }
  if (args.json) {
    PrintJson(services::ToJson(*status));
  } else {
    std::printf("%s  %s  %s  %s%s\n", status->initials.c_str(),
                services::CardStatusLabel(status->status).c_str(), status->period.c_str(),
                status->program.c_str(),
                status->registry_checked ? "" : "  (hanya tanda tangan; registri tidak diperiksa)");
  }
  if (status->valid) return {};
  return Fail(Error::FailedPrecondition(
      "Kartu " + services::CardStatusLabel(status->status) +
      (status->reason.empty() ? std::string() : " (" + status->reason + ")")));
}

Status Key(const Environment& env, const CardArgs& args) {
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(std::move(backend.error()));
  auto key = (*backend)->Cards().PublicKey();
  if (!key) return Fail(std::move(key.error()));
  if (args.json) {
    PrintJson(services::ToJson(*key));
  } else {
    std::printf("%s  %s (%s)\n", key->algorithm.c_str(), key->public_key.c_str(),
                key->key_id.c_str());
  }
  return {};
}

}  // namespace

void AddCardCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto* card = root.add_subcommand("card", "Kartu peserta dengan kode QR yang dapat diperiksa");
  card->require_subcommand(1);
  auto args = std::make_shared<CardArgs>();
  auto bind = [&](CLI::App* sub, Status (*body)(const Environment&, const CardArgs&)) {
    AddDbOption(*sub, args->db_url);
    sub->add_flag("--json", args->json, "Hanya satu baris JSON di stdout");
    sub->callback([args, &env, &action, body] {
      ResolveDbUrl(env, args->db_url);
      action = [args, &env, body]() -> Status { return body(env, *args); };
    });
  };

  for (const char* name : {"issue", "sheet"}) {
    auto* issue = card->add_subcommand(name, std::string(name) == "issue"
                                                 ? "Menerbitkan dan mencetak kartu peserta"
                                                 : "Lembar A4 berisi 10 kartu (sama dengan issue)");
    issue->add_option("--program", args->program, "Nomor program")->required();
    issue->add_option("--worker", args->worker, "Hanya pekerja ini (nomor registri)");
    issue->add_option("--out", args->out, "Berkas PDF")->required();
    issue->add_flag("--single", args->single, "Satu kartu per halaman seukuran kartu");
    issue->add_option("--as", args->as, "Pengguna jaring yang mencetak");
    bind(issue, Issue);
  }

  auto* list = card->add_subcommand("list", "Kartu yang telah diterbitkan");
  list->add_option("--program", args->program, "Nomor program")->required();
  list->add_option("--worker", args->worker, "Hanya pekerja ini");
  list->add_option("--as", args->as, "Pengguna jaring");
  bind(list, List);

  auto* revoke = card->add_subcommand("revoke", "Mencabut kartu");
  revoke->add_option("card", args->card, "Nomor kartu")->required();
  revoke->add_option("--regency", args->regency, "Kode kabupaten, NN.NN")->required();
  revoke->add_option("--reason", args->reason, "Alasan (lost, died, ...)")->required();
  revoke->add_option("--as", args->as, "Pengguna jaring yang mencabut");
  bind(revoke, Revoke);

  auto* verify = card->add_subcommand("verify", "Memeriksa kartu dari isi kode QR-nya");
  verify->add_option("token", args->token, "Isi kode QR kartu")->required();
  verify->add_option("--key", args->key,
                     "Berkas kunci publik (card-signing.pub): periksa tanpa basis data");
  verify->add_option("--on", args->on, "Tanggal pemeriksaan, YYYY-MM-DD (default: hari ini)");
  bind(verify, Verify);

  auto* key = card->add_subcommand("key", "Kunci publik penanda tangan kartu");
  bind(key, Key);
}

}  // namespace jaring::cli
