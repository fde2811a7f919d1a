// Design notes
//  - Every operation reads the rule versions inside its own transaction (BookOf), so the
//    benefit it stores and the versions it read are one consistent picture.
//  - The benefit is assessed again on every change while the case is still the regency's
//    (reported, dossier_complete): heirs' children in school or the branch's figures change
//    it. From submission on it is frozen: what was sent is what the branch decides on.
//  - Files are written before the transaction commits: a failed commit leaves a file no row
//    points to, named by its checksum, which is harmless; the reverse (a row without its file)
//    cannot happen.
#include "services/claim_service.hpp"

#include <algorithm>

#include "auth/nik_mask.hpp"
#include "domain/date_format.hpp"
#include "services/claim_documents.hpp"
#include "services/dashboard_service.hpp"
#include "services/enrolment_internal.hpp"
#include "services/monev_snapshot.hpp"

namespace jaring::services {
namespace {

using storage::ClaimRecord;
using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Error NotFound(std::int64_t id) {
  return Error::NotFound("Klaim nomor " + std::to_string(id) + " tidak ditemukan");
}

Status RequireManage(const Actor& actor, std::string_view regency) {
  return enrolment::Require(actor, auth::Permission::kManageClaims, regency, "mengelola klaim");
}

Json CaseJson(const ClaimRecord& c) {
  return {{"id", c.id},
          {"worker_id", c.worker_id},
          {"kind", c.kind},
          {"outcome", c.outcome},
          {"event_date", c.event_date},
          {"state", c.state},
          {"eligible", c.eligible},
          {"expected_total", c.expected_total},
          {"failure_cause", c.failure_cause},
          {"approved_amount", c.approved_amount},
          {"paid_amount", c.paid_amount},
          {"paid_on", c.paid_on},
          {"payment_reference", c.payment_reference},
          {"decision_reason", c.decision_reason}};
}

Status Audit(const AuditTrail* trail, storage::Transaction& tx, const Actor& actor,
             auth::AuditAction action, std::string type, const ClaimRecord& c,
             const std::string& before, const std::string& after) {
  if (trail == nullptr) return {};
  return trail->Append(tx, AuditEvent::By(actor, action, std::move(type), std::to_string(c.id),
                                          c.regency_code, before, after));
}

// A new case, stored with its first event; a death ends the worker's cover that day.
Result<ClaimRecord> InsertCase(storage::Transaction& tx, const AuditTrail* trail,
                               ClaimRecord record, const claims::Assessment& assessment,
                               const claims::ClaimInputs& inputs, const Actor& actor) {
  record.program_id = assessment.program_id;
  record.kpj = assessment.kpj;
  record.eligible = assessment.quote.eligible;
  record.expected_total = assessment.quote.total.rupiah();
  record.failure_cause = assessment.failure_cause;
  record.quote_json = Dump(claims::AssessmentToJson(assessment, inputs));
  record.actor = actor.name;
  auto stored = tx.Claims().Insert(record);
  if (!stored) return Fail(std::move(stored.error()));
  storage::ClaimEventRecord first{
      .to_state = "reported", .note = record.reporter, .actor = actor.name};
  if (auto ok = tx.Claims().AddEvent(record.regency_code, stored->id, first); !ok)
    return Fail(ok.error());
  if (record.outcome == "death") {
    auto cut = tx.Enrolment().EndCoverage(record.regency_code, record.worker_id, record.event_date,
                                          "died");
    if (!cut) return Fail(std::move(cut.error()));
    // Cover ended on a settled month's list: its participants are counted again. A death found
    // by verval is off the list it settles, and its months before are unchanged.
    if (*cut > 0 && record.source != "verval") {
      if (auto ok = monev::RecountCover(tx, record.regency_code, record.event_date.substr(0, 7));
          !ok) {
        return Fail(ok.error());
      }
    }
  }
  if (auto ok = Audit(trail, tx, actor, auth::AuditAction::kCreate, "claim", *stored, "",
                      Dump(CaseJson(*stored)));
      !ok) {
    return Fail(ok.error());
  }
  return stored;
}

// The case a document is added to: still the regency's to prepare (reported), and the kind one
// of its checklist's.
Result<ClaimRecord> CaseTakingDocuments(storage::Transaction& tx, std::string_view regency,
                                        std::int64_t id, std::string_view doc_kind) {
  auto record = tx.Claims().Get(regency, id);
  if (!record) return Fail(enrolment::Translate(std::move(record.error()), NotFound(id)));
  if (record->state != "reported") {
    return Fail(
        Error::FailedPrecondition("Berkas hanya dapat ditambah selama klaim berstatus Dilaporkan"));
  }
  auto heirs = tx.Claims().Heirs(regency, id);
  if (!heirs) return Fail(std::move(heirs.error()));
  const auto checklist = claims::Checklist(record->kind, record->outcome, *heirs);
  if (std::ranges::none_of(checklist, [&](const auto& r) { return r.kind == doc_kind; })) {
    return Fail(Error::InvalidArgument("Jenis berkas " + std::string(doc_kind) +
                                       " tidak ada dalam daftar berkas klaim ini"));
  }
  return record;
}

// A NIK as the actor may see it in a list (the command line sees it whole).
std::string NikAsSeen(const Actor& actor, std::string_view regency, const std::string& nik) {
  return actor.principal ? auth::NikForList(nik, auth::NikVisibilityFor(*actor.principal, regency))
                         : nik;
}

// What a complete dossier needs: every required document, and for a death heirs in the legal
// order with one recipient. FailedPrecondition naming what is missing.
Status CheckDossierComplete(storage::Transaction& tx, const ClaimRecord& record) {
  auto heirs = tx.Claims().Heirs(record.regency_code, record.id);
  if (!heirs) return Fail(std::move(heirs.error()));
  auto docs = tx.Claims().Documents(record.regency_code, record.id);
  if (!docs) return Fail(std::move(docs.error()));
  const auto checklist = claims::Checklist(record.kind, record.outcome, *heirs);
  std::string names;
  for (const auto& kind : claims::MissingDocuments(checklist, *docs)) {
    for (const auto& r : checklist)
      if (r.kind == kind) names += (names.empty() ? "" : ", ") + r.label;
  }
  if (!names.empty()) return Fail(Error::FailedPrecondition("Berkas belum lengkap: " + names));
  if (record.outcome == "death") {
    if (auto ok = claims::CheckHeirs(*heirs); !ok)
      return Fail(Error::FailedPrecondition("Ahli waris belum lengkap: " + ok.error().message));
  }
  return {};
}

bool Known(std::string_view kind, std::string_view outcome) {
  if (kind == "jkm") return outcome == "death";
  return kind == "jkk" &&
         (outcome == "death" || outcome == "total_disability" || outcome == "injury");
}

}  // namespace

ClaimService::ClaimService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                           std::filesystem::path document_root)
    : db_(db), trail_(trail), clock_(clock), document_root_(std::move(document_root)) {}

std::string ClaimService::Today() const { return domain::FormatIsoDate(TodayInWib(clock_)); }

Result<ClaimView> ClaimService::Open(const OpenClaimRequest& request, const Actor& actor) {
  if (auto ok = RequireManage(actor, request.regency_code); !ok) return Fail(ok.error());
  if (!Known(request.kind, request.outcome)) {
    return Fail(Error::InvalidArgument(
        "Jenis klaim " + request.kind + " dengan akibat " + request.outcome + " tidak dikenal",
        "kind"));
  }
  if (request.source != "operator" && request.source != "branch")
    return Fail(Error::InvalidArgument("Sumber laporan tidak dikenal: " + request.source));
  if (!domain::ParseIsoDate(request.event_date))
    return Fail(Error::InvalidArgument("Tanggal kejadian tidak sah: " + request.event_date));
  const std::string today = Today();
  if (request.event_date > today)
    return Fail(Error::InvalidArgument("Tanggal kejadian di masa depan: " + request.event_date));
  const std::string reported_on = request.reported_on.empty() ? today : request.reported_on;
  if (!domain::ParseIsoDate(reported_on) || reported_on > today ||
      reported_on < request.event_date) {
    return Fail(Error::InvalidArgument(
        "Tanggal laporan harus di antara tanggal kejadian dan hari ini: " + reported_on,
        "reported_on"));
  }
  if (request.paid_months && *request.paid_months < 0)
    return Fail(Error::InvalidArgument("Jumlah bulan iuran tidak boleh negatif"));

  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto worker = (*tx)->Workers().Get(request.regency_code, request.worker_id);
  if (!worker) {
    return Fail(
        enrolment::Translate(std::move(worker.error()),
                             Error::NotFound("Pekerja nomor " + std::to_string(request.worker_id) +
                                             " tidak ada di kabupaten/kota ini")));
  }
  auto existing = (*tx)->Claims().Find(request.regency_code, request.worker_id, request.kind,
                                       request.event_date);
  if (!existing) return Fail(std::move(existing.error()));
  if (*existing) {
    auto view = ViewOf(**tx, **existing, actor);
    if (view) view->repeated = true;
    return view;
  }
  auto rows = (*tx)->Policy().List();
  if (!rows) return Fail(std::move(rows.error()));
  auto book = BookOf(*rows);
  if (!book) return Fail(std::move(book.error()));
  claims::ClaimInputs inputs{request.kind,        request.outcome,
                             request.event_date,  request.member_since,
                             request.paid_months, request.unable_to_work_months};
  auto assessment =
      claims::Assess(**tx, *book, request.regency_code, request.worker_id, inputs, {});
  if (!assessment) return Fail(std::move(assessment.error()));

  ClaimRecord record;
  record.regency_code = request.regency_code;
  record.worker_id = request.worker_id;
  record.kind = request.kind;
  record.outcome = request.outcome;
  record.event_date = request.event_date;
  record.reported_on = reported_on;
  record.source = request.source;
  record.reporter = request.reporter;
  auto stored = InsertCase(**tx, trail_, std::move(record), *assessment, inputs, actor);
  if (!stored) return Fail(std::move(stored.error()));
  auto view = ViewOf(**tx, *stored, actor);
  if (!view) return view;
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<int> ClaimService::OpenDeathCases(
    storage::Transaction& tx, const AuditTrail* trail, const policy::PolicyBook& book,
    std::string_view regency, const std::vector<std::pair<std::int64_t, std::string>>& deaths,
    std::string_view period, const Actor& actor, std::string_view today) {
  int opened = 0;
  for (const auto& [worker_id, death_date] : deaths) {
    if (death_date.empty()) continue;  // a death without a date cannot be assessed
    auto existing = tx.Claims().Find(regency, worker_id, "jkm", death_date);
    if (!existing) return Fail(std::move(existing.error()));
    if (*existing) continue;
    auto others = tx.Claims().OfWorker(regency, worker_id);
    if (!others) return Fail(std::move(others.error()));
    // A death reported by hand (or as a work accident) before verval found it is that case.
    if (std::ranges::any_of(*others, [](const auto& c) { return c.outcome == "death"; })) continue;
    auto coverage = tx.Enrolment().CoverageOfWorker(regency, worker_id);
    if (!coverage) return Fail(std::move(coverage.error()));
    if (coverage->empty()) continue;  // never covered: nothing to claim
    claims::ClaimInputs inputs{"jkm", "death", death_date, "", std::nullopt, 0};
    auto assessment = claims::Assess(tx, book, regency, worker_id, inputs, {});
    if (!assessment && assessment.error().code != ErrorCode::kInvalidArgument)
      return Fail(std::move(assessment.error()));
    if (!assessment) {
      // Died before the cover the program gave them began: the heirs get nothing, and the
      // program must see why. A case that cannot be paid, flagged as a late enrolment.
      const auto first = std::ranges::min_element(
          *coverage, {}, [](const storage::CoverageRecord& c) { return c.start_date; });
      if (first->start_date <= death_date) continue;  // another refusal: nothing to open
      claims::Assessment late;
      late.program_id = first->program_id;
      late.kpj = first->kpj;
      late.failure_cause = "late_enrolment";
      late.quote.reason = "Meninggal sebelum kepesertaan dimulai (" + first->start_date +
                          "): pekerja terlambat didaftarkan, tidak ada manfaat";
      if (auto version =
              book.InForce(policy::RuleFamily::kBenefits, *domain::ParseIsoDate(death_date))) {
        late.quote.legal_reference = version->version->legal_reference;
        late.quote.version_from = version->version->effective_from;
      }
      assessment = std::move(late);
    }
    ClaimRecord record;
    record.regency_code = std::string(regency);
    record.worker_id = worker_id;
    record.kind = "jkm";
    record.outcome = "death";
    record.event_date = death_date;
    record.reported_on = std::string(today);
    record.source = "verval";
    record.reporter = "Verval " + std::string(period);
    auto stored = InsertCase(tx, trail, std::move(record), *assessment, inputs, actor);
    if (!stored) return Fail(std::move(stored.error()));
    ++opened;
  }
  return opened;
}

Result<ClaimView> ClaimService::ViewOf(storage::Transaction& tx, const ClaimRecord& record,
                                       const Actor& actor) {
  ClaimView view;
  view.record = record;
  auto worker = tx.Workers().Get(record.regency_code, record.worker_id);
  if (!worker) return Fail(std::move(worker.error()));
  view.worker_name = worker->name;
  view.village_code = worker->village_code;
  view.nik = NikAsSeen(actor, record.regency_code, worker->nik);
  view.assessment = nlohmann::json::parse(record.quote_json, nullptr, false);
  auto heirs = tx.Claims().Heirs(record.regency_code, record.id);
  if (!heirs) return Fail(std::move(heirs.error()));
  view.heirs = std::move(*heirs);
  auto docs = tx.Claims().Documents(record.regency_code, record.id);
  if (!docs) return Fail(std::move(docs.error()));
  view.documents = std::move(*docs);
  view.checklist = claims::Checklist(record.kind, record.outcome, view.heirs);
  view.missing = claims::MissingDocuments(view.checklist, view.documents);
  auto events = tx.Claims().Events(record.regency_code, record.id);
  if (!events) return Fail(std::move(events.error()));
  view.events = std::move(*events);
  auto settings = tx.Claims().Settings(record.regency_code);
  if (!settings) return Fail(std::move(settings.error()));
  auto targets = claims::ClockTargetsFromJson(*settings);
  if (!targets) return Fail(std::move(targets.error()));
  view.clock = claims::ClockOf(record, view.events, *targets,
                               std::chrono::sys_days(*domain::ParseIsoDate(Today())));
  if (!worker->kk.empty() && !claims::IsClosed(record.state)) {
    auto household = tx.Workers().ListByKk(record.regency_code, worker->kk, 20);
    if (!household) return Fail(std::move(household.error()));
    for (const auto& member : *household) {
      if (member.worker.id == record.worker_id) continue;
      if (std::ranges::any_of(view.heirs,
                              [&](const auto& h) { return h.nik == member.worker.nik; }))
        continue;
      storage::HeirRecord proposal;
      proposal.name = member.worker.name;
      proposal.nik = NikAsSeen(actor, record.regency_code, member.worker.nik);
      view.proposed_heirs.push_back(std::move(proposal));
    }
  }
  return view;
}

Result<ClaimView> ClaimService::Reassess(storage::Transaction& tx, ClaimRecord record,
                                         const Actor& actor) {
  if (record.state == "reported" || record.state == "dossier_complete") {
    auto rows = tx.Policy().List();
    if (!rows) return Fail(std::move(rows.error()));
    auto book = BookOf(*rows);
    if (!book) return Fail(std::move(book.error()));
    auto heirs = tx.Claims().Heirs(record.regency_code, record.id);
    if (!heirs) return Fail(std::move(heirs.error()));
    const auto inputs =
        claims::InputsFromJson(nlohmann::json::parse(record.quote_json, nullptr, false), record);
    auto a = claims::Assess(tx, *book, record.regency_code, record.worker_id, inputs, *heirs);
    if (!a) return Fail(std::move(a.error()));
    record.eligible = a->quote.eligible;
    record.expected_total = a->quote.total.rupiah();
    record.failure_cause = a->failure_cause;
    record.program_id = a->program_id;
    record.kpj = a->kpj;
    record.quote_json = Dump(claims::AssessmentToJson(*a, inputs));
    if (auto ok = tx.Claims().Update(record); !ok) return Fail(ok.error());
  }
  return ViewOf(tx, record, actor);
}

Result<ClaimView> ClaimService::Get(std::string_view regency, std::int64_t id, const Actor& actor) {
  if (auto ok = enrolment::Require(actor, auth::Permission::kViewWorkers, regency, "melihat klaim");
      !ok) {
    return Fail(ok.error());
  }
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto record = (*tx)->Claims().Get(regency, id);
  if (!record) return Fail(enrolment::Translate(std::move(record.error()), NotFound(id)));
  return ViewOf(**tx, *record, actor);
}

Result<std::vector<ClaimSummary>> ClaimService::List(std::string_view regency,
                                                     std::optional<std::string> state,
                                                     bool overdue_only, const Actor& actor) {
  if (auto ok = enrolment::Require(actor, auth::Permission::kViewWorkers, regency, "melihat klaim");
      !ok) {
    return Fail(ok.error());
  }
  if (state && !claims::IsState(*state))
    return Fail(Error::InvalidArgument("Status klaim tidak dikenal: " + *state, "state"));
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto records = (*tx)->Claims().List(regency, state);
  if (!records) return Fail(std::move(records.error()));
  auto settings = (*tx)->Claims().Settings(regency);
  if (!settings) return Fail(std::move(settings.error()));
  auto targets = claims::ClockTargetsFromJson(*settings);
  if (!targets) return Fail(std::move(targets.error()));
  auto events = (*tx)->Claims().EventsOfCases(regency, state);
  if (!events) return Fail(std::move(events.error()));
  auto workers = (*tx)->Claims().WorkersOfCases(regency, state);
  if (!workers) return Fail(std::move(workers.error()));
  const auto today = std::chrono::sys_days(*domain::ParseIsoDate(Today()));
  const std::vector<storage::ClaimEventRecord> none;
  std::vector<ClaimSummary> out;
  for (const auto& r : *records) {
    const auto case_events = events->find(r.id);
    const auto clock = claims::ClockOf(r, case_events != events->end() ? case_events->second : none,
                                       *targets, today);
    if (overdue_only && !clock.overdue) continue;
    const auto worker = workers->find(r.worker_id);
    if (worker == workers->end()) {  // workers are never deleted: a broken database
      return Fail(Error::NotFound("Pekerja klaim tidak ditemukan",
                                  "op=claims.list claim=" + std::to_string(r.id)));
    }
    ClaimSummary s;
    s.record = r;
    s.worker_name = worker->second.name;
    s.village_code = worker->second.village_code;
    s.nik = NikAsSeen(actor, regency, worker->second.nik);
    s.overdue = clock.overdue;
    if (!clock.stages.empty() && clock.stages.back().to.empty()) {
      s.stage = clock.stages.back().stage;
      s.stage_days = clock.stages.back().days;
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<ClaimView> ClaimService::SetHeirs(std::string_view regency, std::int64_t id,
                                         std::vector<storage::HeirRecord> heirs,
                                         const Actor& actor) {
  if (auto ok = RequireManage(actor, regency); !ok) return Fail(ok.error());
  heirs = claims::WithShares(std::move(heirs));
  if (auto ok = claims::CheckHeirs(heirs); !ok) return Fail(ok.error());
  for (auto& h : heirs) h.actor = actor.name;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto record = (*tx)->Claims().Get(regency, id);
  if (!record) return Fail(enrolment::Translate(std::move(record.error()), NotFound(id)));
  if (record->state != "reported") {
    return Fail(Error::FailedPrecondition(
        "Ahli waris hanya dapat diubah selama klaim berstatus Dilaporkan (sekarang " +
        std::string(claims::StateLabel(record->state)) + ")"));
  }
  if (record->outcome != "death")
    return Fail(Error::FailedPrecondition("Ahli waris hanya untuk klaim kematian"));
  auto before = (*tx)->Claims().Heirs(regency, id);
  if (!before) return Fail(std::move(before.error()));
  if (auto ok = (*tx)->Claims().ReplaceHeirs(regency, id, heirs); !ok) return Fail(ok.error());
  auto view = Reassess(**tx, *record, actor);
  if (!view) return view;
  auto heirs_json = [](const std::vector<storage::HeirRecord>& list) {
    Json a = Json::array();
    for (const auto& h : list) {
      a.push_back({{"name", h.name},
                   {"nik", h.nik},
                   {"relation", h.relation},
                   {"share_bp", h.share_bp},
                   {"recipient", h.recipient},
                   {"payout", h.payout},
                   {"bank", h.bank},
                   {"account_no", h.account_no}});
    }
    return Dump(a);
  };
  if (auto ok = Audit(trail_, **tx, actor, auth::AuditAction::kUpdate, "claim_heirs", view->record,
                      heirs_json(*before), heirs_json(view->heirs));
      !ok) {
    return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<ClaimView> ClaimService::AddDocument(std::string_view regency, std::int64_t id,
                                            std::string_view doc_kind, std::string_view file_name,
                                            std::string_view bytes, const Actor& actor) {
  if (auto ok = RequireManage(actor, regency); !ok) return Fail(ok.error());
  auto checked = claims::CheckDocument(file_name, bytes);
  if (!checked) return Fail(std::move(checked.error()));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto record = CaseTakingDocuments(**tx, regency, id, doc_kind);
  if (!record) return Fail(std::move(record.error()));
  auto sha = claims::StoreDocument(document_root_, regency, id, *checked, bytes);
  if (!sha) return Fail(std::move(sha.error()));
  storage::ClaimDocumentRecord doc{.doc_kind = std::string(doc_kind),
                                   .state = "uploaded",
                                   .file_name = std::string(file_name),
                                   .content_type = checked->content_type,
                                   .size_bytes = static_cast<std::int64_t>(bytes.size()),
                                   .sha256 = *sha,
                                   .checked_by = actor.name};
  if (auto ok = (*tx)->Claims().PutDocument(regency, id, doc); !ok) return Fail(ok.error());
  Json after = {{"doc_kind", doc.doc_kind},     {"state", doc.state},
                {"file_name", doc.file_name},   {"content_type", doc.content_type},
                {"size_bytes", doc.size_bytes}, {"sha256", doc.sha256}};
  if (auto ok = Audit(trail_, **tx, actor, auth::AuditAction::kCreate, "claim_document", *record,
                      "", Dump(after));
      !ok) {
    return Fail(ok.error());
  }
  auto view = ViewOf(**tx, *record, actor);
  if (!view) return view;
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<ClaimView> ClaimService::MarkSeen(std::string_view regency, std::int64_t id,
                                         std::string_view doc_kind, const Actor& actor) {
  if (auto ok = RequireManage(actor, regency); !ok) return Fail(ok.error());
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto record = CaseTakingDocuments(**tx, regency, id, doc_kind);
  if (!record) return Fail(std::move(record.error()));
  storage::ClaimDocumentRecord doc{
      .doc_kind = std::string(doc_kind), .state = "seen_on_paper", .checked_by = actor.name};
  if (auto ok = (*tx)->Claims().PutDocument(regency, id, doc); !ok) return Fail(ok.error());
  if (auto ok = Audit(trail_, **tx, actor, auth::AuditAction::kCreate, "claim_document", *record,
                      "", Dump(Json{{"doc_kind", doc.doc_kind}, {"state", doc.state}}));
      !ok) {
    return Fail(ok.error());
  }
  auto view = ViewOf(**tx, *record, actor);
  if (!view) return view;
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<std::pair<std::string, std::string>> ClaimService::DocumentFile(std::string_view regency,
                                                                       std::int64_t id,
                                                                       std::string_view doc_kind,
                                                                       const Actor& actor) {
  if (auto ok = RequireManage(actor, regency); !ok) return Fail(ok.error());
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto docs = (*tx)->Claims().Documents(regency, id);
  if (!docs) return Fail(std::move(docs.error()));
  for (const auto& d : *docs) {
    if (d.doc_kind != doc_kind || d.state != "uploaded") continue;
    auto bytes = claims::ReadDocument(document_root_, regency, id, d.sha256, d.content_type);
    if (!bytes) return Fail(std::move(bytes.error()));
    return std::pair(std::move(*bytes), d.content_type);
  }
  return Fail(Error::NotFound("Berkas " + std::string(doc_kind) + " belum diunggah"));
}

Result<ClaimView> ClaimService::Move(std::string_view regency, std::int64_t id,
                                     std::string_view to_state, const MoveDetails& details,
                                     const Actor& actor) {
  if (!claims::IsState(to_state))
    return Fail(Error::InvalidArgument("Status klaim tidak dikenal: " + std::string(to_state)));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto record = (*tx)->Claims().Get(regency, id);
  if (!record) return Fail(enrolment::Translate(std::move(record.error()), NotFound(id)));
  auto next = MoveInTx(**tx, *record, to_state, details, actor);
  if (!next) return Fail(std::move(next.error()));
  auto view = Reassess(**tx, *next, actor);
  if (!view) return view;
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<ClaimRecord> ClaimService::MoveInTx(storage::Transaction& tx, const ClaimRecord& record,
                                           std::string_view to_state, const MoveDetails& details,
                                           const Actor& actor) {
  const std::string& regency = record.regency_code;
  const std::int64_t id = record.id;
  const std::string from = record.state;
  auto permission = claims::TransitionPermission(from, to_state);
  if (!permission) {
    return Fail(Error::FailedPrecondition(
        "Klaim berstatus " + std::string(claims::StateLabel(from)) + " tidak dapat menjadi " +
        std::string(claims::StateLabel(to_state))));
  }
  // The branch's own file carries its decision: whoever may import it records it.
  const auto needed = *permission == auth::Permission::kDecideClaims && details.from_branch_file
                          ? auth::Permission::kManageClaims
                          : *permission;
  if (auto ok = enrolment::Require(actor, needed, regency, "mengubah status klaim"); !ok)
    return Fail(ok.error());

  ClaimRecord next = record;
  next.state = std::string(to_state);
  std::string note = details.note;
  if (to_state == "dossier_complete") {
    if (auto ok = CheckDossierComplete(tx, record); !ok) return Fail(ok.error());
  } else if (to_state == "reported" || to_state == "rejected") {
    if (note.size() < 5)
      return Fail(Error::InvalidArgument("Alasan wajib diisi (paling sedikit 5 huruf)", "note"));
    if (to_state == "rejected") next.decision_reason = note;
  } else if (to_state == "approved") {
    if (details.amount <= 0)
      return Fail(Error::InvalidArgument("Jumlah yang disetujui harus lebih dari nol", "amount"));
    next.approved_amount = details.amount;
  } else if (to_state == "paid") {
    const std::int64_t amount = details.amount > 0 ? details.amount : record.approved_amount;
    if (amount <= 0)
      return Fail(Error::InvalidArgument("Jumlah yang dibayar harus lebih dari nol", "amount"));
    auto paid_on = domain::ParseIsoDate(details.paid_on);
    if (!paid_on)
      return Fail(Error::InvalidArgument("Tanggal pembayaran tidak sah: " + details.paid_on));
    if (details.paid_on > Today() || details.paid_on < record.event_date) {
      return Fail(Error::InvalidArgument(
          "Tanggal pembayaran harus di antara tanggal kejadian dan hari ini", "paid_on"));
    }
    if (details.reference.empty())
      return Fail(Error::InvalidArgument("Nomor referensi pembayaran wajib diisi", "reference"));
    next.paid_amount = amount;
    next.paid_on = details.paid_on;
    next.payment_reference = details.reference;
  }
  if (note.empty() && (to_state == "approved" || to_state == "paid") &&
      details.amount != record.expected_total && details.amount > 0) {
    note = "Berbeda dari perkiraan jaring";
  }
  if (details.from_branch_file) note = (note.empty() ? "" : note + "; ") + "dari berkas BPJS";
  next.stage_since_us = enrolment::ToMicros(clock_.Now());
  next.actor = actor.name;
  if (auto ok = tx.Claims().Update(next); !ok) return Fail(ok.error());
  storage::ClaimEventRecord event{
      .from_state = from, .to_state = next.state, .note = note, .actor = actor.name};
  if (auto ok = tx.Claims().AddEvent(regency, id, event); !ok) return Fail(ok.error());
  if (auto ok = Audit(trail_, tx, actor, auth::AuditAction::kUpdate, "claim", next,
                      Dump(CaseJson(record)), Dump(CaseJson(next)));
      !ok) {
    return Fail(ok.error());
  }
  return next;
}

Result<claims::ClockTargets> ClaimService::Targets(std::string_view regency, const Actor& actor) {
  if (auto ok = enrolment::Require(actor, auth::Permission::kViewWorkers, regency, "melihat klaim");
      !ok) {
    return Fail(ok.error());
  }
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto settings = (*tx)->Claims().Settings(regency);
  if (!settings) return Fail(std::move(settings.error()));
  return claims::ClockTargetsFromJson(*settings);
}

Result<claims::ClockTargets> ClaimService::SetTargets(std::string_view regency,
                                                      const claims::ClockTargets& targets,
                                                      const Actor& actor) {
  if (auto ok = enrolment::Require(actor, auth::Permission::kManageUsers, regency,
                                   "mengatur target waktu klaim");
      !ok) {
    return Fail(ok.error());
  }
  const std::string json = claims::ClockTargetsToJson(targets);
  if (auto checked = claims::ClockTargetsFromJson(json); !checked) return checked;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto before = (*tx)->Claims().Settings(regency);
  if (!before) return Fail(std::move(before.error()));
  if (auto ok = (*tx)->Claims().PutSettings(regency, json, actor.name); !ok)
    return Fail(ok.error());
  if (trail_ != nullptr) {
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kUpdate, "claim_settings",
                                 std::string(regency), std::string(regency), *before, json));
        !ok) {
      return Fail(ok.error());
    }
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return targets;
}

Result<std::string> ClaimService::RegencyOf(std::int64_t id) {
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto regency = (*tx)->Claims().RegencyOf(id);
  if (!regency) return Fail(std::move(regency.error()));
  if (!*regency) return Fail(NotFound(id));
  return **regency;
}

}  // namespace jaring::services
