// EnrolmentService, batches: selection from a settled month, approval, the collective
// registration file.
#include "services/enrolment_service.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "auth/nik_mask.hpp"
#include "domain/occupation.hpp"
#include "domain/period.hpp"
#include "formats/xlsx_writer.hpp"
#include "services/enrolment_internal.hpp"
#include "services/enrolment_selection.hpp"

namespace jaring::services {

namespace enrolment {

bool Allowed(const Actor& actor, auth::Permission permission, std::string_view regency) {
  return !actor.principal || auth::Allows(*actor.principal, permission, regency);
}

Status Require(const Actor& actor, auth::Permission permission, std::string_view regency,
               std::string_view what) {
  if (Allowed(actor, permission, regency)) return {};
  return Fail(Error::PermissionDenied("Akun " + actor.name + " tidak berwenang " +
                                      std::string(what) + " di " + std::string(regency)));
}

Status RequireFinance(const Actor& actor, std::string_view regency, std::string_view what) {
  if (Allowed(actor, auth::Permission::kManageEnrolment, regency)) return {};
  return Require(actor, auth::Permission::kManagePrograms, regency, what);
}

Result<domain::Period> ParseMonth(std::string_view text) {
  auto month = domain::Period::Parse(text);
  if (month) return *month;
  return Fail(
      Error::InvalidArgument("Bulan harus berbentuk YYYY-MM, bukan \"" + std::string(text) + "\""));
}

Error ProgramNotFound(std::int64_t id) {
  return Error::NotFound("Program " + std::to_string(id) + " tidak ditemukan");
}

Result<storage::ProgramRecord> GetProgram(storage::Transaction& tx, std::string_view regency,
                                          std::int64_t id) {
  auto program = tx.Programs().Get(regency, id);
  if (!program) return Fail(Translate(program.error(), ProgramNotFound(id)));
  return program;
}

Error BatchNotFound(std::int64_t id) {
  return Error::NotFound("Batch pendaftaran " + std::to_string(id) + " tidak ditemukan");
}

Error Translate(Error error, Error replacement) {
  return error.code == ErrorCode::kNotFound ? std::move(replacement) : std::move(error);
}

BatchView ViewOf(const storage::EnrolmentBatchRecord& b, std::string program_name) {
  BatchView v;
  v.id = b.id;
  v.program_id = b.program_id;
  v.program_name = std::move(program_name);
  v.period = b.period;
  v.reference = BatchReference(b.regency_code, b.program_id, b.id);
  v.status = b.status;
  v.workers = b.workers;
  v.actor = b.actor;
  v.created_at = FromMicros(b.created_at_us);
  v.approved_by = b.approved_by;
  if (b.approved_at_us != 0) v.approved_at = FromMicros(b.approved_at_us);
  if (b.answered_at_us != 0) v.answered_at = FromMicros(b.answered_at_us);
  const auto counts = nlohmann::json::parse(b.counts_json, nullptr, false);
  if (counts.is_object()) {
    auto get = [&](const char* key) { return counts.value(key, std::int64_t{0}); };
    v.counts.settled = get("settled");
    v.counts.ineligible = get("ineligible");
    v.counts.already = get("already");
    v.counts.eligible = get("eligible");
    v.counts.selected = get("selected");
    v.counts.waiting = get("waiting");
    v.counts.priority = counts.value("priority", std::vector<std::string>{});
    v.counts.priority_without_data =
        counts.value("priority_without_data", std::vector<std::string>{});
  }
  return v;
}

Result<std::unordered_map<std::int64_t, storage::WorkerRecord>> WorkersById(
    storage::Transaction& tx, std::string_view regency,
    const std::unordered_set<std::int64_t>& wanted) {
  // By primary key: a walk of the regency's list read every worker (3.5 s at 1,000,000) to
  // keep the few wanted.
  const std::vector<std::int64_t> ids(wanted.begin(), wanted.end());
  auto records = tx.Workers().GetRecords(regency, ids);
  if (!records) return Fail(std::move(records.error()));
  std::unordered_map<std::int64_t, storage::WorkerRecord> out;
  out.reserve(records->size());
  for (storage::WorkerRecord& r : *records) {
    const std::int64_t id = r.worker.id;
    out.emplace(id, std::move(r));
  }
  return out;
}

Result<std::unordered_set<std::int64_t>> SettledPersons(storage::Transaction& tx,
                                                        std::string_view regency,
                                                        std::int64_t settled_id) {
  std::unordered_set<std::int64_t> persons;
  auto ok = tx.Verval().ForEachSettledMember(regency, settled_id, [&](std::int64_t id) {
    persons.insert(id);
    return true;
  });
  if (!ok) return Fail(ok.error());
  return persons;
}

}  // namespace enrolment

namespace {

using auth::Permission;
using domain::Period;
using enrolment::BatchNotFound;
using enrolment::ProgramNotFound;
using enrolment::Require;
using enrolment::Translate;
using enrolment::WorkersById;

std::vector<std::string> JsonList(const std::string& json) {
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  std::vector<std::string> out;
  if (parsed.is_array()) {
    for (const auto& item : parsed) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

// The four answer states in their fixed order, zeros included.
std::vector<std::pair<std::string, std::int64_t>> StatesOf(
    const std::map<std::string, std::int64_t>& counts) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const char* state : {"sent", "matched", "name_differs", "rejected"}) {
    const auto found = counts.find(state);
    out.emplace_back(state, found == counts.end() ? 0 : found->second);
  }
  return out;
}

std::string ProgramNameOf(storage::Transaction& tx, std::string_view regency, std::int64_t id) {
  auto program = tx.Programs().Get(regency, id);
  return program ? program->name : std::string();
}

}  // namespace

std::string BatchReference(std::string_view regency_code, std::int64_t program_id,
                           std::int64_t batch_id) {
  return "JRG-" + std::string(regency_code) + "-P" + std::to_string(program_id) + "-B" +
         std::to_string(batch_id);
}

std::optional<ParsedReference> ParseBatchReference(std::string_view text) {
  // JRG-NN.NN-P<digits>-B<digits>
  if (!text.starts_with("JRG-") || text.size() < 15) return std::nullopt;
  ParsedReference out;
  out.regency_code = std::string(text.substr(4, 5));
  std::string_view rest = text.substr(9);
  auto number = [&](char tag, std::int64_t& value) {
    if (rest.size() < 3 || rest[0] != '-' || rest[1] != tag) return false;
    rest.remove_prefix(2);
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec != std::errc() || value <= 0) return false;
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    return true;
  };
  if (!number('P', out.program_id) || !number('B', out.batch_id) || !rest.empty())
    return std::nullopt;
  return out;
}

Result<BatchView> EnrolmentService::CreateBatch(const BatchRequest& request, const Actor& actor) {
  const std::string& regency = request.regency_code;
  if (auto ok = Require(actor, Permission::kManageEnrolment, regency, "mendaftarkan peserta"); !ok)
    return Fail(ok.error());
  auto period = Period::Parse(request.period);
  if (!period) {
    return Fail(
        Error::InvalidArgument("Bulan harus berbentuk YYYY-MM, bukan \"" + request.period + "\""));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = (*tx)->Programs().Get(regency, request.program_id);
  if (!program) return Fail(Translate(program.error(), ProgramNotFound(request.program_id)));
  const Period first = *Period::Parse(program->period_from);
  const Period last = *Period::Parse(program->period_to);
  if (*period < first || *period > last) {
    return Fail(Error::InvalidArgument("Bulan " + period->ToIndonesian() +
                                       " di luar periode program (" + first.ToIndonesian() + " – " +
                                       last.ToIndonesian() + ")"));
  }
  auto settled = (*tx)->Verval().LatestSettled(regency, request.period);
  if (!settled) return Fail(std::move(settled.error()));
  if (!*settled) {
    return Fail(Error::FailedPrecondition(
        "Bulan " + period->ToIndonesian() +
        " belum ditetapkan: selesaikan verifikasi dan validasi bulan itu lebih dulu"));
  }
  auto settled_persons = enrolment::SettledPersons(**tx, regency, (*settled)->id);
  if (!settled_persons) return Fail(std::move(settled_persons.error()));
  const std::unordered_set<std::int64_t>& on_list = *settled_persons;

  // Who the program already holds: covered, or waiting in a batch not answered as rejected.
  auto members = (*tx)->Enrolment().AllMembers(regency);
  if (!members) return Fail(std::move(members.error()));
  std::unordered_set<std::int64_t> held;
  for (const auto& m : *members) {
    if (m.program_id == request.program_id && m.member.state != "rejected")
      held.insert(m.member.worker_id);
  }

  auto workers = WorkersById(**tx, regency, on_list);
  if (!workers) return Fail(std::move(workers.error()));
  EligibilityRules rules{.regency_code = regency,
                         .age_min = program->age_min,
                         .age_max = program->age_max,
                         .occupations = JsonList(program->occupations_json),
                         .domicile_in_regency = program->domicile_in_regency};
  const std::vector<std::string> priority = JsonList(program->priority_json);
  SelectionCounts counts;
  counts.settled = static_cast<std::int64_t>(on_list.size());
  counts.priority = priority;
  for (const auto& code : priority) {
    if (!PriorityHasData(code)) counts.priority_without_data.push_back(code);
  }
  std::vector<const domain::Worker*> listed;
  for (const auto& [id, record] : *workers) listed.push_back(&record.worker);
  const std::vector<std::string> shared = SharedNiks(listed);
  std::vector<storage::IneligibleRecord> ineligible;
  std::vector<Candidate> candidates;
  for (const auto& [id, record] : *workers) {
    auto reasons = IneligibilityReasons(record.worker, rules, period->FirstDay());
    if (std::binary_search(shared.begin(), shared.end(), record.worker.nik))
      reasons.insert(reasons.begin(), ineligibility::kNikShared);
    if (!reasons.empty()) {
      ineligible.push_back({id, request.period, JoinReasons(reasons)});
      continue;
    }
    if (held.contains(id)) {
      ++counts.already;
      continue;
    }
    const domain::Occupation* occupation = domain::FindOccupation(record.worker.occupation);
    candidates.push_back(
        {id, occupation != nullptr && occupation->tobacco_sector, record.created_at});
  }
  std::sort(ineligible.begin(), ineligible.end(),
            [](const auto& a, const auto& b) { return a.worker_id < b.worker_id; });
  counts.ineligible = static_cast<std::int64_t>(ineligible.size());
  counts.eligible = static_cast<std::int64_t>(candidates.size());
  RankByPriority(candidates, priority);
  std::int64_t places = counts.eligible;
  if (program->quota > 0) {
    places = std::clamp<std::int64_t>(program->quota - static_cast<std::int64_t>(held.size()), 0,
                                      counts.eligible);
  }
  counts.selected = places;
  counts.waiting = counts.eligible - places;
  if (places == 0) {
    return Fail(Error::FailedPrecondition(
        "Tidak ada pekerja yang dapat didaftarkan dari bulan " + period->ToIndonesian() + ": " +
        std::to_string(counts.settled) + " orang di daftar, " + std::to_string(counts.ineligible) +
        " tidak memenuhi syarat, " + std::to_string(counts.already) +
        " sudah terdaftar atau menunggu dalam batch" +
        (program->quota > 0 && static_cast<std::int64_t>(held.size()) >= program->quota
             ? ", kuota " + std::to_string(program->quota) + " sudah penuh"
             : "")));
  }
  std::vector<storage::EnrolmentMemberRecord> chosen;
  chosen.reserve(static_cast<std::size_t>(places));
  for (std::int64_t i = 0; i < places; ++i) {
    const domain::Worker& w = workers->at(candidates[static_cast<std::size_t>(i)].worker_id).worker;
    storage::EnrolmentMemberRecord m;
    m.worker_id = w.id;
    m.rank = static_cast<int>(i + 1);
    m.nik = w.nik;
    m.name = w.name;
    chosen.push_back(std::move(m));
  }

  storage::EnrolmentBatchRecord batch;
  batch.regency_code = regency;
  batch.program_id = request.program_id;
  batch.period = request.period;
  batch.settled_id = (*settled)->id;
  batch.counts_json = ToJson(counts).dump();
  batch.actor = actor.name;
  batch.created_at_us = enrolment::ToMicros(clock_.Now());
  auto id = (*tx)->Enrolment().InsertBatch(batch, chosen);
  if (!id) return Fail(std::move(id.error()));
  batch.id = *id;
  batch.workers = places;
  if (auto ok = (*tx)->Enrolment().ReplaceIneligible(regency, request.program_id, ineligible); !ok)
    return Fail(ok.error());
  BatchView view = enrolment::ViewOf(batch, program->name);
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = {{"program_id", request.program_id},
                                    {"period", request.period},
                                    {"settled_id", (*settled)->id},
                                    {"workers", places},
                                    {"counts", ToJson(counts)}};
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kCreate, "enrolment_batch",
                                 std::to_string(*id), regency, "", after.dump()));
        !ok)
      return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<BatchView> EnrolmentService::Approve(std::string_view regency_code, std::int64_t batch_id,
                                            const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewDashboard, regency_code))
    return Fail(BatchNotFound(batch_id));
  if (auto ok = Require(actor, Permission::kDecide, regency_code, "menyetujui batch pendaftaran");
      !ok)
    return Fail(ok.error());
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto batch = (*tx)->Enrolment().GetBatch(regency_code, batch_id);
  if (!batch) return Fail(Translate(batch.error(), BatchNotFound(batch_id)));
  if (batch->status != "created") {
    return Fail(Error::FailedPrecondition("Batch " + std::to_string(batch_id) +
                                          " sudah disetujui sebelumnya"));
  }
  // Four eyes: the person who selected the batch does not approve it.
  if (actor.principal && batch->actor == actor.name) {
    return Fail(Error::PermissionDenied(
        "Batch " + std::to_string(batch_id) +
        " dibuat oleh akun yang sama; persetujuan harus oleh verifikator lain"));
  }
  const std::int64_t now = enrolment::ToMicros(clock_.Now());
  if (auto ok = (*tx)->Enrolment().Approve(regency_code, batch_id, actor.name, now); !ok)
    return Fail(ok.error());
  if (trail_ != nullptr) {
    nlohmann::ordered_json before = {{"status", batch->status}};
    nlohmann::ordered_json after = {{"status", "approved"}, {"workers", batch->workers}};
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kDecision, "enrolment_batch",
                                 std::to_string(batch_id), std::string(regency_code), before.dump(),
                                 after.dump()));
        !ok)
      return Fail(ok.error());
  }
  batch->status = "approved";
  batch->approved_by = actor.name;
  batch->approved_at_us = now;
  BatchView view = enrolment::ViewOf(*batch, ProgramNameOf(**tx, regency_code, batch->program_id));
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<BatchView> EnrolmentService::GetBatch(std::string_view regency_code, std::int64_t batch_id,
                                             const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewDashboard, regency_code))
    return Fail(BatchNotFound(batch_id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto batch = (*tx)->Enrolment().GetBatch(regency_code, batch_id);
  if (!batch) return Fail(Translate(batch.error(), BatchNotFound(batch_id)));
  auto members = (*tx)->Enrolment().Members(regency_code, batch_id);
  if (!members) return Fail(std::move(members.error()));
  BatchView view = enrolment::ViewOf(*batch, ProgramNameOf(**tx, regency_code, batch->program_id));
  std::map<std::string, std::int64_t> counts;
  for (const auto& m : *members) ++counts[m.state];
  view.states = StatesOf(counts);
  return view;
}

Result<std::vector<BatchView>> EnrolmentService::ListBatches(std::string_view regency_code,
                                                             std::int64_t program_id,
                                                             const Actor& actor) {
  if (auto ok = Require(actor, Permission::kViewDashboard, regency_code, "melihat pendaftaran");
      !ok)
    return Fail(ok.error());
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto batches = (*tx)->Enrolment().ListBatches(regency_code, program_id);
  if (!batches) return Fail(std::move(batches.error()));
  std::unordered_map<std::int64_t, std::string> names;
  if (auto programs = (*tx)->Programs().List(regency_code)) {
    for (const auto& p : *programs) names[p.id] = p.name;
  }
  // Answer states of every batch from one read of the members, not one query per batch.
  auto members = (*tx)->Enrolment().AllMembers(regency_code);
  if (!members) return Fail(std::move(members.error()));
  std::unordered_map<std::int64_t, std::map<std::string, std::int64_t>> states;
  for (const auto& m : *members) ++states[m.member.batch_id][m.member.state];
  std::vector<BatchView> out;
  for (const auto& b : *batches) {
    out.push_back(enrolment::ViewOf(b, names[b.program_id]));
    out.back().states = StatesOf(states[b.id]);
  }
  return out;
}

Result<std::vector<BatchMemberView>> EnrolmentService::BatchMembers(std::string_view regency_code,
                                                                    std::int64_t batch_id,
                                                                    const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewWorkers, regency_code))
    return Fail(BatchNotFound(batch_id));
  const auth::NikVisibility visibility =
      actor.principal ? auth::NikVisibilityFor(*actor.principal, regency_code)
                      : auth::NikVisibility::kFull;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto batch = (*tx)->Enrolment().GetBatch(regency_code, batch_id); !batch)
    return Fail(Translate(batch.error(), BatchNotFound(batch_id)));
  auto members = (*tx)->Enrolment().Members(regency_code, batch_id);
  if (!members) return Fail(std::move(members.error()));
  std::vector<BatchMemberView> out;
  out.reserve(members->size());
  for (const auto& m : *members) {
    out.push_back({m.rank, m.worker_id, auth::NikForList(m.nik, visibility), m.name, m.state, m.kpj,
                   m.answered_name, m.start_date, m.reason});
  }
  return out;
}

Status EnrolmentService::WriteBatchFile(std::string_view regency_code, std::int64_t batch_id,
                                        const std::filesystem::path& out, const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewDashboard, regency_code))
    return Fail(BatchNotFound(batch_id));
  if (auto ok = Require(actor, Permission::kManageEnrolment, regency_code,
                        "mengunduh berkas pendaftaran");
      !ok)
    return ok;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto batch = (*tx)->Enrolment().GetBatch(regency_code, batch_id);
  if (!batch) return Fail(Translate(batch.error(), BatchNotFound(batch_id)));
  auto program = (*tx)->Programs().Get(regency_code, batch->program_id);
  if (!program) return Fail(std::move(program.error()));
  auto members = (*tx)->Enrolment().Members(regency_code, batch_id);
  if (!members) return Fail(std::move(members.error()));
  std::unordered_set<std::int64_t> ids;
  for (const auto& m : *members) ids.insert(m.worker_id);
  auto workers = WorkersById(**tx, regency_code, ids);
  if (!workers) return Fail(std::move(workers.error()));

  auto file = formats::XlsxWriter::Create(out.string());
  if (!file) return Fail(std::move(file.error()));
  using K = formats::XlsxColumnKind;
  if (auto ok = file->AddSheet("Pendaftaran", {{"No", K::kInteger, 6},
                                               {"Referensi", K::kText, 22},
                                               {"NIK", K::kText, 20},
                                               {"Nama Lengkap", K::kText, 28},
                                               {"Jenis Kelamin", K::kText},
                                               {"Tempat Lahir", K::kText, 16},
                                               {"Tanggal Lahir", K::kDate, 14},
                                               {"Alamat", K::kText, 30},
                                               {"Kode Desa", K::kText, 16},
                                               {"Pekerjaan", K::kText, 22},
                                               {"No. HP", K::kText, 16},
                                               {"Segmen", K::kText, 8},
                                               {"Program", K::kText, 12},
                                               {"Penghasilan", K::kInteger, 14, "#,##0"},
                                               {"Mulai Kepesertaan", K::kDate, 16},
                                               {"No. KPJ", K::kText, 16},
                                               {"Status", K::kText, 12},
                                               {"Keterangan", K::kText, 30}});
      !ok)
    return ok;
  const std::string reference = BatchReference(regency_code, batch->program_id, batch_id);
  const auto start = Period::Parse(batch->period)->FirstDay();
  const std::string programs = program->with_jht ? "JKK, JKM, JHT" : "JKK, JKM";
  for (const auto& m : *members) {
    const auto found = workers->find(m.worker_id);
    if (found == workers->end()) {
      return Fail(Error::Internal("pekerja batch hilang dari registri",
                                  "worker " + std::to_string(m.worker_id)));
    }
    const domain::Worker& w = found->second.worker;
    const domain::Occupation* occupation = domain::FindOccupation(w.occupation);
    file->Integer(m.rank)
        .Text(reference)
        .Text(m.nik)
        .Text(m.name)
        .Text(domain::ToCode(w.sex))
        .Text(w.birth_place);
    if (w.birth_date.ok()) {
      file->Date(w.birth_date);
    } else {
      file->Empty();
    }
    file->Text(w.address)
        .Text(w.village_code)
        .Text(occupation != nullptr ? occupation->label_id : w.occupation)
        .Text(w.phone)
        .Text(program->participation_code)
        .Text(programs)
        .Integer(program->declared_income)
        .Date(start)
        .Empty()
        .Empty()
        .Empty();
    file->EndRow();
  }
  if (auto ok = file->Close(); !ok) return ok;
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = {
        {"reference", reference}, {"workers", members->size()}, {"file", out.filename().string()}};
    if (auto ok = trail_->Append(**tx, AuditEvent::By(actor, auth::AuditAction::kExport,
                                                      "enrolment_batch", std::to_string(batch_id),
                                                      std::string(regency_code), "", after.dump()));
        !ok)
      return ok;
  }
  return (*tx)->Commit();
}

Result<std::string> EnrolmentService::BatchRegency(std::int64_t batch_id) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto regency = (*tx)->Enrolment().BatchRegency(batch_id);
  if (!regency) return Fail(std::move(regency.error()));
  if (!*regency) return Fail(BatchNotFound(batch_id));
  return **regency;
}

}  // namespace jaring::services
