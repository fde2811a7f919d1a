// EnrolmentService, answers: the BPJS branch's answer to a batch file (KPJ and start date per
// person, or a rejection), matched to the program's approved batches by NIK.
//
// Design notes
//  - The file is read whole before anything is written and judged as a whole: a row naming a
//    batch of another program, or a KPJ for a registry person the program never sent, makes the
//    file the wrong one, and nothing of it is stored. Rows that are only odd (a NIK nobody sent,
//    a rejection, a name spelt differently) are listed with the answer for the operator.
//  - Matching is by NIK among the program's batches; when a person was sent more than once (a
//    rejection, then a later batch), the newest batch that is approved wins.
//  - A repeated answer for a person already matched under the same KPJ counts as matched and
//    starts no second coverage period: importing the same file twice changes nothing.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "auth/nik_mask.hpp"
#include "domain/date_format.hpp"
#include "domain/name_normalize.hpp"
#include "domain/period.hpp"
#include "intake/column_mapping.hpp"
#include "intake/fixed_columns.hpp"
#include "intake/source_file.hpp"
#include "intake/values.hpp"
#include "services/enrolment_internal.hpp"
#include "services/monev_snapshot.hpp"
#include "services/enrolment_service.hpp"

namespace jaring::services {
namespace {

using auth::Permission;
using domain::Period;
using enrolment::ProgramNotFound;
using enrolment::Require;
using enrolment::Translate;

enum class Column { kNik, kName, kKpj, kStart, kStatus, kReason, kReference };

// Header keys (intake::HeaderKey) the branch's files are known to use for each column.
const intake::ColumnAliases<Column> kAliases[] = {
    {Column::kNik,
     {"nik", "noktp", "nomorktp", "nomorindukkependudukan", "noidentitas", "nomoridentitas",
      "niktk", "nikpeserta"}},
    {Column::kName, {"nama", "namalengkap", "namapeserta", "namatk", "namatenagakerja"}},
    {Column::kKpj,
     {"kpj", "nokpj", "nomorkpj", "nopeserta", "nomorpeserta", "nokartu", "nomorkartu",
      "nokartupeserta"}},
    {Column::kStart,
     {"mulaikepesertaan", "tglkepesertaan", "tanggalkepesertaan", "tmt", "tmtkepesertaan",
      "tglefektif", "tanggalefektif", "tglmulai", "tanggalmulai", "tgldaftar", "tanggaldaftar"}},
    {Column::kStatus,
     {"status", "statuspendaftaran", "hasil", "hasilverifikasi", "statusverifikasi"}},
    {Column::kReason, {"keterangan", "alasan", "alasanpenolakan", "catatan", "ket"}},
    {Column::kReference, {"referensi", "noreferensi", "ref", "reference"}},
};

enum class Verdict { kAccepted, kRejected, kUnclear };

// The branch writes "Diterima"/"Berhasil"/"Terdaftar" or "Ditolak"/"Gagal"; an empty status
// means accepted when a KPJ is given.
Verdict VerdictOf(std::string_view status, bool has_kpj) {
  const std::string s = intake::LowerCell(status);
  if (s.empty()) return has_kpj ? Verdict::kAccepted : Verdict::kRejected;
  for (std::string_view yes : {"diterima", "terima", "berhasil", "sukses", "terdaftar", "aktif",
                               "ok", "accepted", "valid"}) {
    if (s == yes) return Verdict::kAccepted;
  }
  for (std::string_view no :
       {"ditolak", "tolak", "gagal", "rejected", "tidak valid", "invalid", "batal"}) {
    if (s == no) return Verdict::kRejected;
  }
  return Verdict::kUnclear;
}

// Digits of a NIK cell ("3514…", "'3514…", "3514 0101 …"); "" when it is not 16 digits.
std::string NikOf(intake::SourceCell cell) {
  std::string digits;
  for (char c : intake::TrimCell(cell.text)) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '\'' && c != '.' && c != '-') {
      return {};
    }
  }
  return digits.size() == 16 ? digits : std::string();
}

// A KPJ: letters and digits, 6 to 20 of them.
bool PlausibleKpj(std::string_view kpj) {
  if (kpj.size() < 6 || kpj.size() > 20) return false;
  return std::all_of(kpj.begin(), kpj.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

std::string Masked(std::string_view nik) {
  return nik.size() == 16 ? std::string(nik.substr(0, 4)) + "************" : std::string(nik);
}

struct AnswerRow {
  std::int64_t line = 0;
  std::string nik, name, kpj, start, status, reason, reference;
  intake::DateValue start_date;
  bool start_given = false;
};

// A person whose cover starts is a member now: calon (candidate) becomes aktif in the registry,
// each change with its audit entry. Other statuses are left alone (a death found since the
// batch was sent stays a death). Returns the audit entries of the changes, for the caller's trail.
Result<std::vector<AuditEvent>> ActivateCandidates(storage::Transaction& tx,
                                                   const std::string& regency,
                                                   const storage::AnswerWrite& write,
                                                   const Actor& actor) {
  std::unordered_set<std::int64_t> started;
  for (const auto& c : write.coverage) started.insert(c.worker_id);
  if (started.empty()) return std::vector<AuditEvent>();
  auto workers = enrolment::WorkersById(tx, regency, started);
  if (!workers) return Fail(std::move(workers.error()));
  std::vector<std::int64_t> ids;
  for (const auto& [id, record] : *workers) {
    if (record.worker.status == domain::WorkerStatus::kCandidate) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  std::vector<AuditEvent> events;
  constexpr std::size_t kChunk = 10'000;  // SetStatus takes at most this many
  for (std::size_t first = 0; first < ids.size(); first += kChunk) {
    const auto chunk = std::span(ids).subspan(first, std::min(kChunk, ids.size() - first));
    auto changed = tx.Workers().SetStatus(regency, chunk, domain::WorkerStatus::kActive);
    if (!changed) return Fail(std::move(changed.error()));
    for (const auto& change : *changed) {
      events.push_back(AuditEvent::By(
          actor, auth::AuditAction::kUpdate, "worker", std::to_string(change.id), regency,
          nlohmann::json{{"status", domain::ToCode(change.before)}}.dump(),
          nlohmann::json{{"status", "aktif"}, {"reason", "terdaftar di BPJS Ketenagakerjaan"}}
              .dump()));
    }
  }
  return events;
}

}  // namespace

Result<AnswerView> EnrolmentService::ImportAnswer(std::string_view regency_code,
                                                  std::int64_t program_id,
                                                  const std::filesystem::path& path,
                                                  std::string display_name, const Actor& actor) {
  const std::string regency(regency_code);
  if (!enrolment::Allowed(actor, Permission::kViewDashboard, regency))
    return Fail(ProgramNotFound(program_id));
  if (auto ok = Require(actor, Permission::kManageEnrolment, regency, "mengimpor jawaban BPJS");
      !ok)
    return Fail(ok.error());
  auto file = intake::SourceFile::Open(path, std::move(display_name));
  if (!file) return Fail(std::move(file.error()));
  const auto columns = intake::FindColumns<Column>(file->header(), kAliases);
  if (!columns.contains(Column::kNik)) {
    return Fail(
        Error::InvalidArgument("Berkas jawaban " + file->name() + " tidak memiliki kolom NIK"));
  }
  auto at = [&](const intake::SourceRow& row, Column c) -> intake::SourceCell {
    const auto found = columns.find(c);
    return found == columns.end() ? intake::SourceCell{} : row.At(found->second);
  };

  // Read the whole file first.
  const auto today = TodayInWib(clock_);
  intake::DateOptions date_options{.reference_date = today,
                                   .two_digit_years = intake::TwoDigitYears::kReject,
                                   .date1904 = file->date1904()};
  std::vector<AnswerRow> rows;
  {
    auto stream = file->OpenRows();
    if (!stream) return Fail(std::move(stream.error()));
    intake::SourceRow row;
    while ((*stream)->Next(row)) {
      AnswerRow r;
      r.line = static_cast<std::int64_t>(row.line);
      const std::string raw_nik(intake::TrimCell(at(row, Column::kNik).text));
      r.nik = NikOf(at(row, Column::kNik));
      if (r.nik.empty()) r.nik = raw_nik;
      r.name = intake::CollapseSpaces(at(row, Column::kName).text);
      r.kpj = std::string(intake::TrimCell(at(row, Column::kKpj).text));
      r.status = std::string(intake::TrimCell(at(row, Column::kStatus).text));
      r.reason = intake::CollapseSpaces(at(row, Column::kReason).text);
      r.reference = std::string(intake::TrimCell(at(row, Column::kReference).text));
      const intake::SourceCell start = at(row, Column::kStart);
      r.start_given = !intake::TrimCell(start.text).empty();
      if (r.start_given) r.start_date = intake::ParseDate(start, date_options);
      if (raw_nik.empty() && r.name.empty() && r.kpj.empty()) continue;  // a blank line
      rows.push_back(std::move(r));
    }
    if (auto ok = (*stream)->status(); !ok) return Fail(ok.error());
  }
  if (rows.empty()) {
    return Fail(Error::InvalidArgument("Berkas jawaban " + file->name() + " tidak berisi baris"));
  }

  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = (*tx)->Programs().Get(regency, program_id);
  if (!program) return Fail(Translate(program.error(), ProgramNotFound(program_id)));
  auto all = (*tx)->Enrolment().AllMembers(regency);
  if (!all) return Fail(std::move(all.error()));
  // NIK -> the program's member to answer (newest approved batch first), and NIK -> any
  // member of another program or of an unapproved batch (to name the wrong file).
  std::unordered_map<std::string, const storage::ProgramMemberRecord*> ours, unapproved, others;
  for (const auto& m : *all) {
    const std::string& nik = m.member.nik;
    if (m.program_id != program_id) {
      others[nik] = &m;
    } else if (m.batch_status == "created") {
      unapproved[nik] = &m;
    } else {
      ours[nik] = &m;  // batches come oldest first: the newest stays
    }
  }

  storage::AnswerWrite write;
  AnswerCounts counts;
  std::unordered_map<std::string, std::size_t> member_index;  // "batch:worker" -> write.members
  std::vector<std::int64_t> touched;
  const auto last_day = Period::Parse(program->period_to)->LastDay();
  auto iso = [](std::chrono::year_month_day d) { return domain::FormatIsoDate(d); };

  for (const AnswerRow& r : rows) {
    const std::string where = "baris " + std::to_string(r.line);
    if (!r.reference.empty()) {
      const auto ref = ParseBatchReference(r.reference);
      if (ref && (ref->regency_code != regency || ref->program_id != program_id)) {
        return Fail(Error::InvalidArgument("Berkas jawaban untuk program lain: " + where +
                                           " merujuk " + r.reference + ", bukan program " +
                                           std::to_string(program_id)));
      }
    }
    const auto found = ours.find(r.nik);
    if (found == ours.end()) {
      if (unapproved.contains(r.nik)) {
        const auto* m = unapproved.at(r.nik);
        return Fail(Error::FailedPrecondition(
            "Batch " + std::to_string(m->member.batch_id) +
            " belum disetujui verifikator; jawaban BPJS untuknya ditolak (" + where + ")"));
      }
      if (others.contains(r.nik)) {
        return Fail(Error::InvalidArgument(
            "Berkas jawaban untuk program lain: NIK " + Masked(r.nik) + " (" + where +
            ") dikirim dalam program " + std::to_string(others.at(r.nik)->program_id)));
      }
      const bool readable =
          r.nik.size() == 16 && r.nik.find_first_not_of("0123456789") == std::string::npos;
      if (!r.kpj.empty() && readable) {
        storage::WorkerFilter filter;
        filter.nik_prefix = r.nik;
        storage::WorkerQuery query;
        query.filter = filter;
        query.limit = 1;
        auto known = (*tx)->Workers().Find(regency, query);
        if (!known) return Fail(std::move(known.error()));
        if (!known->items.empty()) {
          return Fail(Error::InvalidArgument(
              "KPJ " + r.kpj +
              " untuk pekerja yang tidak pernah didaftarkan dalam program ini (NIK " +
              Masked(r.nik) + ", " + where + "): berkas jawaban tidak cocok"));
        }
      }
      ++counts.unknown;
      write.lines.push_back(
          {r.line, "unknown", r.nik, 0, 0, "", r.name, r.kpj,
           r.nik.size() == 16 ? "NIK tidak ada dalam batch program ini" : "NIK tidak terbaca"});
      continue;
    }
    const storage::ProgramMemberRecord& sent = *found->second;
    const storage::EnrolmentMemberRecord& before = sent.member;
    storage::EnrolmentMemberRecord after = before;
    const std::string key =
        std::to_string(before.batch_id) + ":" + std::to_string(before.worker_id);
    if (member_index.contains(key)) {
      return Fail(Error::InvalidArgument("NIK " + Masked(r.nik) +
                                         " muncul dua kali dalam berkas (" + where + ")"));
    }
    const Verdict verdict = VerdictOf(r.status, !r.kpj.empty());
    if (verdict == Verdict::kUnclear) {
      return Fail(Error::InvalidArgument("Status \"" + r.status + "\" tidak dikenal (" + where +
                                         "): tulis Diterima atau Ditolak"));
    }
    if (verdict == Verdict::kRejected) {
      after.state = "rejected";
      after.kpj.clear();
      after.reason = r.reason.empty() ? std::string("ditolak tanpa keterangan") : r.reason;
      ++counts.rejected;
      write.lines.push_back({r.line, "rejected", r.nik, before.worker_id, before.batch_id,
                             before.name, r.name, r.kpj, after.reason});
    } else {
      if (!PlausibleKpj(r.kpj)) {
        return Fail(Error::InvalidArgument("Nomor KPJ \"" + r.kpj + "\" tidak sah (" + where +
                                           "): 6–20 huruf atau angka"));
      }
      std::chrono::year_month_day start = Period::Parse(sent.period)->FirstDay();
      if (r.start_given) {
        if (!r.start_date.date) {
          return Fail(Error::InvalidArgument(
              "Tanggal mulai kepesertaan tidak terbaca (" + where +
              "): " + std::string(intake::DateProblemMessage(r.start_date.problem))));
        }
        start = *r.start_date.date;
      }
      if (start > last_day) {
        return Fail(Error::InvalidArgument("Tanggal mulai kepesertaan " + iso(start) +
                                           " sesudah akhir program (" + where + ")"));
      }
      const bool same_name = r.name.empty() || domain::NormalizeName(r.name).sorted ==
                                                   domain::NormalizeName(before.name).sorted;
      const bool repeated =
          (before.state == "matched" || before.state == "name_differs") && before.kpj == r.kpj;
      after.state = same_name ? "matched" : "name_differs";
      after.kpj = r.kpj;
      after.answered_name = r.name;
      after.start_date = iso(start);
      after.reason.clear();
      if (same_name) {
        ++counts.matched;
      } else {
        ++counts.name_differs;
        write.lines.push_back({r.line, "name_differs", r.nik, before.worker_id, before.batch_id,
                               before.name, r.name, r.kpj, "nama berbeda dengan yang dikirim"});
      }
      if (!repeated) {
        storage::CoverageRecord c;
        c.regency_code = regency;
        c.worker_id = before.worker_id;
        c.program_id = program_id;
        c.batch_id = before.batch_id;
        c.kpj = r.kpj;
        c.start_date = after.start_date;
        c.end_date = iso(last_day);
        c.start_reason = "enrolled";
        c.end_reason = "program_end";
        c.actor = actor.name;
        write.coverage.push_back(std::move(c));
        ++counts.coverage_started;
      }
    }
    member_index[key] = write.members.size();
    write.members.push_back(std::move(after));
    if (std::find(touched.begin(), touched.end(), before.batch_id) == touched.end())
      touched.push_back(before.batch_id);
  }

  write.answered_batches = touched;
  write.answer.regency_code = regency;
  write.answer.program_id = program_id;
  write.answer.file_name = file->name();
  write.answer.checksum = file->checksum();
  write.answer.counts_json = ToJson(counts).dump();
  write.answer.actor = actor.name;
  write.answer.created_at_us = enrolment::ToMicros(clock_.Now());
  auto id = (*tx)->Enrolment().InsertAnswer(write);
  if (!id) return Fail(std::move(id.error()));
  auto activated = ActivateCandidates(**tx, regency, write, actor);
  if (!activated) return Fail(std::move(activated.error()));
  if (!write.coverage.empty()) {
    // Cover began: the settled months from its first month count their participants again.
    const auto first = std::ranges::min(write.coverage, {}, &storage::CoverageRecord::start_date);
    if (auto ok = monev::RecountCover(**tx, regency, first.start_date.substr(0, 7)); !ok)
      return Fail(ok.error());
  }
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = ToJson(counts);
    after["program_id"] = program_id;
    after["file"] = file->name();
    after["checksum"] = file->checksum();
    after["batches"] = touched;
    after["activated"] = activated->size();
    activated->push_back(AuditEvent::By(actor, auth::AuditAction::kImport, "enrolment_answer",
                                        std::to_string(*id), regency, "", after.dump()));
    if (auto ok = trail_->AppendAll(**tx, *activated); !ok) return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());

  AnswerView view;
  view.id = *id;
  view.program_id = program_id;
  view.file_name = file->name();
  view.checksum = file->checksum();
  view.counts = counts;
  view.actor = actor.name;
  view.created_at = enrolment::FromMicros(write.answer.created_at_us);
  // NIKs as the importer may see them, like GetAnswer (operators and BPJS officers see them whole).
  const auth::NikVisibility visibility = actor.principal
                                             ? auth::NikVisibilityFor(*actor.principal, regency)
                                             : auth::NikVisibility::kFull;
  for (const auto& l : write.lines) {
    view.lines.push_back({l.line, l.kind, auth::NikForList(l.nik, visibility), l.name_sent,
                          l.name_answered, l.kpj, l.reason, l.worker_id, l.batch_id});
  }
  return view;
}

namespace {

AnswerView AnswerViewOf(const storage::AnswerRecord& a) {
  AnswerView v;
  v.id = a.id;
  v.program_id = a.program_id;
  v.file_name = a.file_name;
  v.checksum = a.checksum;
  v.actor = a.actor;
  v.created_at = enrolment::FromMicros(a.created_at_us);
  const auto counts = nlohmann::json::parse(a.counts_json, nullptr, false);
  if (counts.is_object()) {
    v.counts.matched = counts.value("matched", std::int64_t{0});
    v.counts.unknown = counts.value("unknown", std::int64_t{0});
    v.counts.rejected = counts.value("rejected", std::int64_t{0});
    v.counts.name_differs = counts.value("name_differs", std::int64_t{0});
    v.counts.coverage_started = counts.value("coverage_started", std::int64_t{0});
  }
  return v;
}

}  // namespace

Result<std::vector<AnswerView>> EnrolmentService::ListAnswers(std::string_view regency_code,
                                                              std::int64_t program_id,
                                                              const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewDashboard, regency_code))
    return Fail(ProgramNotFound(program_id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto answers = (*tx)->Enrolment().ListAnswers(regency_code, program_id);
  if (!answers) return Fail(std::move(answers.error()));
  std::vector<AnswerView> out;
  for (const auto& a : *answers) out.push_back(AnswerViewOf(a));
  return out;
}

Result<AnswerView> EnrolmentService::GetAnswer(std::string_view regency_code,
                                               std::int64_t program_id, std::int64_t answer_id,
                                               const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewWorkers, regency_code))
    return Fail(ProgramNotFound(program_id));
  const auth::NikVisibility visibility =
      actor.principal ? auth::NikVisibilityFor(*actor.principal, regency_code)
                      : auth::NikVisibility::kFull;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto answers = (*tx)->Enrolment().ListAnswers(regency_code, program_id);
  if (!answers) return Fail(std::move(answers.error()));
  const auto found = std::find_if(answers->begin(), answers->end(),
                                  [&](const auto& a) { return a.id == answer_id; });
  if (found == answers->end()) {
    return Fail(Error::NotFound("Jawaban BPJS " + std::to_string(answer_id) + " tidak ditemukan"));
  }
  AnswerView view = AnswerViewOf(*found);
  auto lines = (*tx)->Enrolment().AnswerLines(regency_code, answer_id);
  if (!lines) return Fail(std::move(lines.error()));
  for (const auto& l : *lines) {
    view.lines.push_back({l.line, l.kind, auth::NikForList(l.nik, visibility), l.name_sent,
                          l.name_answered, l.kpj, l.reason, l.worker_id, l.batch_id});
  }
  return view;
}

}  // namespace jaring::services
