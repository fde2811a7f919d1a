// Design notes
//  - A card is inserted first (its id is the token's serial), then signed and its token stored,
//    all in the transaction of its audit entries: a failure leaves no card without a token.
//  - Which cover a card is for: the worker's latest coverage period under the program. A worker
//    who is dead or removed in the registry, or whose cover was ended before its planned end
//    (end_reason other than "program_end"), gets no new card.
//  - Verification trusts only the signature for what the card says; the database adds only
//    whether it still holds (docs/cards.md), read in a read-only transaction (BeginRead): the
//    card's row by id, its worker by id and that worker's coverage periods, nothing else.
#include "services/card_service.hpp"

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "cards/key_file.hpp"
#include "domain/date_format.hpp"
#include "services/card_document.hpp"
#include "services/enrolment_internal.hpp"

namespace jaring::services {
namespace {

using auth::AuditAction;
using auth::Permission;

constexpr std::size_t kShortProgramBytes = 24;
constexpr std::string_view kPlannedEnd = "program_end";

Error CardNotFound(std::int64_t id) {
  return Error::NotFound("Kartu " + std::to_string(id) + " tidak ditemukan");
}

// Printing cards shows names and NIKs: who manages enrolment or may export personal data.
bool MayPrint(const Actor& actor, std::string_view regency) {
  return enrolment::Allowed(actor, Permission::kManageEnrolment, regency) ||
         enrolment::Allowed(actor, Permission::kExportPersonalData, regency);
}

std::string Iso(std::int64_t us) {
  return us == 0 ? std::string() : domain::FormatIsoTimestamp(enrolment::FromMicros(us));
}

CardView ViewOf(const storage::CardRecord& r) {
  return {r.id,     r.regency_code, r.worker_id,         r.program_id,         r.coverage_id,
          r.serial, r.token,        Iso(r.issued_at_us), Iso(r.revoked_at_us), r.revoke_reason};
}

// The first kShortProgramBytes bytes of `name`, not splitting a UTF-8 character, without '|'.
std::string ShortProgram(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x20) continue;
    out += c == '|' ? '/' : static_cast<char>(c);
  }
  if (out.size() > kShortProgramBytes) {
    std::size_t cut = kShortProgramBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool Gone(const domain::Worker& worker) {
  return worker.status == domain::WorkerStatus::kDeceased ||
         worker.status == domain::WorkerStatus::kRemoved;
}

CardStatusView FromClaims(const cards::CardClaims& c, std::string_view today) {
  CardStatusView v;
  v.initials = c.initials;
  v.regency_code = c.regency_code;
  v.program = c.program;
  v.start_date = c.start_date;
  v.end_date = c.end_date;
  v.period = CardPeriod(c.start_date, c.end_date);
  v.serial = c.serial;
  v.status = today > c.end_date ? "expired" : today < c.start_date ? "not_yet_valid" : "valid";
  v.valid = v.status == "valid";
  return v;
}

void MarkRevoked(CardStatusView& v, std::string reason) {
  v.valid = false;
  v.status = "revoked";
  v.reason = std::move(reason);
}

std::string DateOf(const Clock& clock) {
  return domain::FormatIsoDate(TodayInWib(clock));
}

}  // namespace

Result<cards::SigningKey> CardService::Key() {
  std::lock_guard lock(key_mutex_);
  if (!key_) {
    auto key = cards::LoadOrCreateSigningKey(key_dir_);
    if (!key) return Fail(std::move(key.error()));
    key_ = *key;
  }
  return *key_;
}

Result<CardKeyView> CardService::PublicKey() {
  auto key = Key();
  if (!key) return Fail(std::move(key.error()));
  CardKeyView view;
  view.public_key = cards::PublicKeyBase64(key->public_key);
  view.key_id = cards::KeyId(key->public_key);
  return view;
}

Result<CardService::OpenedProgram> CardService::OpenProgram(const CardRequest& request,
                                                            const Actor& actor) {
  if (!MayPrint(actor, request.regency_code)) {
    return Fail(Error::PermissionDenied(
        "Akun " + actor.name + " tidak berwenang mencetak kartu di " + request.regency_code));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = (*tx)->Programs().Get(request.regency_code, request.program_id);
  if (!program) {
    return Fail(
        enrolment::Translate(program.error(), enrolment::ProgramNotFound(request.program_id)));
  }
  return OpenedProgram{std::move(*tx), std::move(*program)};
}

Result<IssuedCards> CardService::Issue(const CardRequest& request, const Actor& actor) {
  const std::string& regency = request.regency_code;
  auto key = Key();
  if (!key) return Fail(std::move(key.error()));
  auto opened = OpenProgram(request, actor);
  if (!opened) return Fail(std::move(opened.error()));
  auto& [tx, program] = *opened;
  auto coverage = tx->Enrolment().CoverageOfProgram(regency, request.program_id);
  if (!coverage) return Fail(std::move(coverage.error()));
  // The latest period of each worker (the list is by start date).
  std::map<std::int64_t, storage::CoverageRecord> latest;
  for (const auto& c : *coverage) {
    if (request.worker_id == 0 || c.worker_id == request.worker_id) latest[c.worker_id] = c;
  }
  if (request.worker_id != 0 && latest.empty()) {
    return Fail(Error::FailedPrecondition("Pekerja " + std::to_string(request.worker_id) +
                                          " tidak punya masa kepesertaan di program ini"));
  }
  std::unordered_set<std::int64_t> wanted;
  for (const auto& [worker, c] : latest) wanted.insert(worker);
  auto workers = enrolment::WorkersById(*tx, regency, wanted);
  if (!workers) return Fail(std::move(workers.error()));

  const std::int64_t now_us = enrolment::ToMicros(clock_.Now());
  const std::string today = DateOf(clock_);
  IssuedCards issued;
  std::vector<storage::CardRecord> records;
  for (const auto& [worker_id, c] : latest) {
    const auto found = workers->find(worker_id);
    if (found == workers->end() || Gone(found->second.worker) || c.end_reason != kPlannedEnd) {
      ++issued.skipped;
      continue;
    }
    const domain::Worker& w = found->second.worker;
    if (auto revoked =
            tx->Cards().RevokeActive(regency, worker_id, request.program_id, "reissued", now_us);
        !revoked) {
      return Fail(std::move(revoked.error()));
    }
    storage::CardRecord record;
    record.regency_code = regency;
    record.worker_id = worker_id;
    record.program_id = request.program_id;
    record.coverage_id = c.id;
    record.actor = actor.name;
    record.issued_at_us = now_us;
    auto id = tx->Cards().Insert(record);
    if (!id) return Fail(std::move(id.error()));
    cards::CardClaims claims{*id,
                             regency,
                             cards::Initials(w.name),
                             request.program_id,
                             ShortProgram(program.name),
                             cards::MaskKpj(c.kpj),
                             c.start_date,
                             c.end_date,
                             today};
    auto token = cards::Sign(claims, *key);
    if (!token) return Fail(std::move(token.error()));
    if (auto ok = tx->Cards().SetToken(regency, *id, *token); !ok) return Fail(ok.error());
    auto stored = tx->Cards().Get(regency, *id);
    if (!stored) return Fail(std::move(stored.error()));
    issued.cards.push_back(ViewOf(*stored));
    records.push_back(std::move(*stored));
  }
  if (records.empty()) {
    return Fail(Error::FailedPrecondition("Tidak ada pekerja yang dapat dibuatkan kartu"));
  }
  auto pdf = Render(records, program, *coverage, *workers, request.layout);
  if (!pdf) return Fail(std::move(pdf.error()));
  issued.pdf = std::move(*pdf);

  for (auto action : {AuditAction::kCreate, AuditAction::kExport}) {
    if (auto ok = Audit(*tx, actor, action, request, records, issued.skipped); !ok) {
      return Fail(ok.error());
    }
  }
  if (auto ok = tx->Commit(); !ok) return Fail(ok.error());
  return issued;
}

Result<std::string> CardService::Print(const CardRequest& request, const Actor& actor) {
  const std::string& regency = request.regency_code;
  auto opened = OpenProgram(request, actor);
  if (!opened) return Fail(std::move(opened.error()));
  auto& [tx, program] = *opened;
  auto stored = tx->Cards().List(regency, request.program_id, request.worker_id);
  if (!stored) return Fail(std::move(stored.error()));
  std::vector<storage::CardRecord> records;
  std::unordered_set<std::int64_t> wanted;
  for (auto& card : *stored) {
    if (card.revoked_at_us != 0) continue;
    wanted.insert(card.worker_id);
    records.push_back(std::move(card));
  }
  if (records.empty()) {
    return Fail(Error::FailedPrecondition("Belum ada kartu berlaku untuk dicetak"));
  }
  auto coverage = tx->Enrolment().CoverageOfProgram(regency, request.program_id);
  if (!coverage) return Fail(std::move(coverage.error()));
  auto workers = enrolment::WorkersById(*tx, regency, wanted);
  if (!workers) return Fail(std::move(workers.error()));
  auto pdf = Render(records, program, *coverage, *workers, request.layout);
  if (!pdf) return Fail(std::move(pdf.error()));
  if (auto ok = Audit(*tx, actor, AuditAction::kExport, request, records, 0); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = tx->Commit(); !ok) return Fail(ok.error());
  return std::move(*pdf);
}

Result<std::string> CardService::Render(
    const std::vector<storage::CardRecord>& records, const storage::ProgramRecord& program,
    const std::vector<storage::CoverageRecord>& coverage,
    const std::unordered_map<std::int64_t, storage::WorkerRecord>& workers,
    formats::PdfCardLayout layout) const {
  std::unordered_map<std::int64_t, const storage::CoverageRecord*> periods;
  for (const auto& c : coverage) periods[c.id] = &c;
  std::vector<CardFace> faces;
  for (const auto& card : records) {
    const auto worker = workers.find(card.worker_id);
    const auto period = periods.find(card.coverage_id);
    if (worker == workers.end() || period == periods.end()) {
      return Fail(Error::Internal("Kartu tanpa pekerja atau masa kepesertaan",
                                  "card " + std::to_string(card.id)));
    }
    const domain::Worker& w = worker->second.worker;
    const storage::CoverageRecord& c = *period->second;
    faces.push_back({card.id, card.regency_code, w.name, w.nik, c.kpj, program.name, c.start_date,
                     c.end_date, card.token});
  }
  return RenderCardFaces(faces, layout, std::chrono::floor<std::chrono::seconds>(clock_.Now()));
}

Status CardService::Audit(storage::Transaction& tx, const Actor& actor, auth::AuditAction action,
                          const CardRequest& request,
                          const std::vector<storage::CardRecord>& records,
                          std::int64_t skipped) const {
  if (trail_ == nullptr) return {};
  nlohmann::ordered_json ids = nlohmann::ordered_json::array();
  for (const auto& card : records) ids.push_back(card.id);
  const nlohmann::ordered_json after = {{"program", request.program_id},
                                        {"cards", records.size()},
                                        {"ids", ids},
                                        {"skipped", skipped}};
  return trail_->Append(tx,
                        AuditEvent::By(actor, action, "card", std::to_string(records.front().id),
                                       request.regency_code, "", after.dump()));
}

Result<std::vector<CardView>> CardService::List(std::string_view regency_code,
                                                std::int64_t program_id, std::int64_t worker_id,
                                                const Actor& actor) {
  if (!MayPrint(actor, regency_code)) return Fail(enrolment::ProgramNotFound(program_id));
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto rows = (*tx)->Cards().List(regency_code, program_id, worker_id);
  if (!rows) return Fail(std::move(rows.error()));
  std::vector<CardView> out;
  for (const auto& r : *rows) out.push_back(ViewOf(r));
  return out;
}

Result<CardView> CardService::Revoke(std::string_view regency_code, std::int64_t card_id,
                                     std::string_view reason, const Actor& actor) {
  if (auto ok =
          enrolment::Require(actor, Permission::kManageEnrolment, regency_code, "mencabut kartu");
      !ok) {
    return Fail(ok.error());
  }
  if (reason.empty()) return Fail(Error::InvalidArgument("Alasan pencabutan kartu wajib diisi"));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto ok = (*tx)->Cards().Revoke(regency_code, card_id, reason, 0); !ok) {
    return Fail(enrolment::Translate(ok.error(), CardNotFound(card_id)));
  }
  auto card = (*tx)->Cards().Get(regency_code, card_id);
  if (!card) return Fail(std::move(card.error()));
  if (trail_ != nullptr) {
    const nlohmann::ordered_json after = {{"revoke_reason", std::string(reason)}};
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, AuditAction::kUpdate, "card", std::to_string(card_id),
                                 std::string(regency_code), "", after.dump()));
        !ok) {
      return Fail(ok.error());
    }
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return ViewOf(*card);
}

Result<CardStatusView> CardService::Verify(std::string_view token,
                                           std::optional<std::chrono::year_month_day> on) {
  auto key = Key();
  if (!key) return Fail(std::move(key.error()));
  auto claims = cards::Verify(token, key->public_key);
  if (!claims) return Fail(std::move(claims.error()));
  const std::string day = on ? domain::FormatIsoDate(*on) : DateOf(clock_);
  CardStatusView view = FromClaims(*claims, day);
  view.registry_checked = true;
  // Read-only: a public check neither queues behind an import nor holds one up.
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto card = (*tx)->Cards().Get(claims->regency_code, claims->serial);
  if (!card) {
    if (card.error().code != ErrorCode::kNotFound) return Fail(std::move(card.error()));
    MarkRevoked(view, "unknown_card");  // signed here, but its record is gone
    return view;
  }
  if (card->revoked_at_us != 0) {
    MarkRevoked(view, card->revoke_reason);
    return view;
  }
  auto worker = (*tx)->Workers().Get(card->regency_code, card->worker_id);
  if (!worker) {
    if (worker.error().code != ErrorCode::kNotFound) return Fail(std::move(worker.error()));
    MarkRevoked(view, "removed");
    return view;
  }
  if (worker->status == domain::WorkerStatus::kDeceased) {
    MarkRevoked(view, "died");
    return view;
  }
  if (worker->status == domain::WorkerStatus::kRemoved) {
    MarkRevoked(view, "removed");
    return view;
  }
  auto coverage = (*tx)->Enrolment().CoverageOfWorker(card->regency_code, card->worker_id);
  if (!coverage) return Fail(std::move(coverage.error()));
  for (const auto& c : *coverage) {
    if (c.id != card->coverage_id) continue;
    // The cover ended before the card's end (a death or removal recorded there).
    if (c.end_date < claims->end_date || c.end_reason != kPlannedEnd) {
      MarkRevoked(view, c.end_reason.empty() ? std::string("coverage_ended") : c.end_reason);
    }
  }
  return view;
}

Result<CardStatusView> VerifyCardOffline(std::string_view token, const cards::PublicKey& key,
                                         std::chrono::year_month_day on) {
  auto claims = cards::Verify(token, key);
  if (!claims) return Fail(std::move(claims.error()));
  return FromClaims(*claims, domain::FormatIsoDate(on));
}

}  // namespace jaring::services
