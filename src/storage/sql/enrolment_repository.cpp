// Design notes
//  - A batch's members and an answer's coverage periods are written in multi-row INSERTs (a
//    batch may hold a regency's whole quota, tens of thousands of persons): one round trip per
//    kRowsPerStatement rows on PostgreSQL.
//  - Answered members are updated one prepared statement per member: an answer file touches
//    each member once, and the statement is re-executed, not re-parsed.
//  - Every statement names the regency beside the id; child rows reference (regency_code, id),
//    so a member can never hang off another regency's batch.
#include "storage/sql/enrolment_repository.hpp"

#include <array>

#include "storage/sql/account_repository.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/multi_row.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;
using verval::CheckDate;
using verval::CheckJson;
using verval::CheckPeriod;
using verval::DateValue;

constexpr std::size_t kRowsPerStatement = 500;  // rows per multi-row INSERT

Error BatchNotFound(std::string_view operation) {
  return Error::NotFound("batch pendaftaran tidak ditemukan", "op=" + std::string(operation));
}

Status CheckState(std::string_view state) {
  if (state == "sent" || state == "matched" || state == "name_differs" || state == "rejected")
    return {};
  return Fail(Error::InvalidArgument("status anggota batch tidak sah", "state"));
}

Status CheckMember(const EnrolmentMemberRecord& m) {
  if (auto ok = CheckState(m.state); !ok) return ok;
  return CheckDate(m.start_date, "start_date");
}

constexpr char kBatchColumns[] =
    "SELECT id, regency_code, program_id, period, settled_id, status, workers, counts_json, "
    "actor, created_at, approved_by, approved_at, answered_at FROM enrolment_batches "
    "WHERE regency_code = :r";

std::vector<EnrolmentBatchRecord> ReadBatches(soci::session& s, const std::string& sql,
                                              std::string regency, std::optional<long long> key) {
  std::vector<EnrolmentBatchRecord> out;
  EnrolmentBatchRecord b;
  long long id = 0, program = 0, settled = 0, workers = 0, created = 0, approved = 0, answered = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << sql);
  prepare, into(id), into(b.regency_code), into(program), into(b.period), into(settled),
      into(b.status), into(workers), into(b.counts_json), into(b.actor), into(created),
      into(b.approved_by), into(approved), into(answered), use(regency);
  long long wanted = key.value_or(0);
  if (key) prepare, use(wanted);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    b.id = id;
    b.program_id = program;
    b.settled_id = settled;
    b.workers = workers;
    b.created_at_us = created;
    b.approved_at_us = approved;
    b.answered_at_us = answered;
    out.push_back(b);
  }
  return out;
}

// Members joined with their batch: `where` follows "WHERE m.regency_code = :r".
std::vector<ProgramMemberRecord> ReadMembers(soci::session& s, const std::string& where,
                                             std::string regency, std::optional<long long> key) {
  std::vector<ProgramMemberRecord> out;
  ProgramMemberRecord row;
  EnrolmentMemberRecord& m = row.member;
  long long batch = 0, worker = 0, program = 0;
  DateValue start;
  soci::details::prepare_temp_type prepare =
      (s.prepare << "SELECT m.batch_id, m.worker_id, m.rank_in_batch, m.nik, m.name, m.state, "
                    "m.kpj, m.answered_name, CAST(m.start_date AS TEXT), m.reason, b.program_id, "
                    "b.period, b.status FROM enrolment_members m JOIN enrolment_batches b ON "
                    "b.regency_code = m.regency_code AND b.id = m.batch_id "
                    "WHERE m.regency_code = :r" +
                        where);
  prepare, into(batch), into(worker), into(m.rank), into(m.nik), into(m.name), into(m.state),
      into(m.kpj), into(m.answered_name), into(start.value, start.indicator), into(m.reason),
      into(program), into(row.period), into(row.batch_status), use(regency);
  long long wanted = key.value_or(0);
  if (key) prepare, use(wanted);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    m.batch_id = batch;
    m.worker_id = worker;
    m.start_date = start.Get();
    row.program_id = program;
    out.push_back(row);
  }
  return out;
}

std::vector<CoverageRecord> ReadCoverage(soci::session& s, const char* column, std::string regency,
                                         long long key) {
  std::vector<CoverageRecord> out;
  CoverageRecord c;
  long long id = 0, worker = 0, program = 0, batch = 0, created = 0;
  soci::statement st =
      (s.prepare << std::string("SELECT id, regency_code, worker_id, program_id, batch_id, kpj, "
                                "CAST(start_date AS TEXT), CAST(end_date AS TEXT), start_reason, "
                                "end_reason, actor, created_at FROM coverage_periods WHERE "
                                "regency_code = :r AND ") +
                        column + " = :k ORDER BY start_date, id",
       into(id), into(c.regency_code), into(worker), into(program), into(batch), into(c.kpj),
       into(c.start_date), into(c.end_date), into(c.start_reason), into(c.end_reason),
       into(c.actor), into(created), use(regency), use(key));
  st.execute();
  while (st.fetch()) {
    c.id = id;
    c.worker_id = worker;
    c.program_id = program;
    c.batch_id = batch;
    c.created_at_us = created;
    out.push_back(c);
  }
  return out;
}

struct MemberValues {
  std::string regency, nik, name, state, kpj, answered_name, reason;
  long long batch = 0, worker = 0;
  int rank = 0;
  DateValue start;
  void Set(const std::string& r, long long b, const EnrolmentMemberRecord& m) {
    regency = r;
    batch = b;
    worker = m.worker_id;
    rank = m.rank;
    nik = m.nik;
    name = m.name;
    state = m.state;
    kpj = m.kpj;
    answered_name = m.answered_name;
    start.Set(m.start_date);
    reason = m.reason;
  }
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(regency), use(batch), use(worker), use(rank), use(nik), use(name), use(state), use(kpj),
        use(answered_name), use(start.value, start.indicator), use(reason);
  }
};

struct CoverageValues {
  std::string regency, kpj, start, end, start_reason, end_reason, actor;
  long long worker = 0, program = 0, batch = 0, created = 0;
  void Set(const CoverageRecord& c, long long now) {
    regency = c.regency_code;
    worker = c.worker_id;
    program = c.program_id;
    batch = c.batch_id;
    kpj = c.kpj;
    start = c.start_date;
    end = c.end_date;
    start_reason = c.start_reason;
    end_reason = c.end_reason;
    actor = c.actor;
    created = c.created_at_us != 0 ? c.created_at_us : now;
  }
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(regency), use(worker), use(program), use(batch), use(kpj), use(start), use(end),
        use(start_reason), use(end_reason), use(actor), use(created);
  }
};

struct LineValues {
  std::string regency, kind, nik, name_sent, name_answered, kpj, reason;
  long long answer = 0, line = 0, worker = 0, batch = 0;
  void Set(const std::string& r, long long a, const AnswerLineRecord& l) {
    regency = r;
    answer = a;
    line = l.line;
    kind = l.kind;
    nik = l.nik;
    worker = l.worker_id;
    batch = l.batch_id;
    name_sent = l.name_sent;
    name_answered = l.name_answered;
    kpj = l.kpj;
    reason = l.reason;
  }
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(regency), use(answer), use(line), use(kind), use(nik), use(worker), use(batch),
        use(name_sent), use(name_answered), use(kpj), use(reason);
  }
};

}  // namespace

Result<std::int64_t> SqlEnrolmentRepository::InsertBatch(
    const EnrolmentBatchRecord& batch, std::span<const EnrolmentMemberRecord> members) {
  if (auto ok = CheckRegency(batch.regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckPeriod(batch.period); !ok) return Fail(ok.error());
  if (auto ok = CheckJson(batch.counts_json, "counts_json"); !ok) return Fail(ok.error());
  if (batch.status != "created") {
    return Fail(Error::InvalidArgument("batch baru harus berstatus created", "status"));
  }
  for (const auto& m : members) {
    if (auto ok = CheckMember(m); !ok) return Fail(ok.error());
  }
  return runner_.Run<std::int64_t>(
      "enrolment.insert_batch", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        std::string regency = batch.regency_code, period = batch.period, status = batch.status,
                    counts = batch.counts_json, actor = batch.actor;
        long long program = batch.program_id, settled = batch.settled_id, id = 0,
                  workers = static_cast<long long>(members.size());
        long long created =
            batch.created_at_us != 0 ? batch.created_at_us : ToMicros(clock_->Now());
        s << "INSERT INTO enrolment_batches (regency_code, program_id, period, settled_id, "
             "status, workers, counts_json, actor, created_at) VALUES (:r, :p, :m, :s, :st, :w, "
             ":c, :a, :t) RETURNING id",
            use(regency), use(program), use(period), use(settled), use(status), use(workers),
            use(counts), use(actor), use(created), into(id);
        InsertRows<MemberValues, 11>(
            s, runner_.engine(), members.size(), kRowsPerStatement,
            "INSERT INTO enrolment_members (regency_code, batch_id, worker_id, rank_in_batch, "
            "nik, name, state, kpj, answered_name, start_date, reason) VALUES ",
            [&](std::size_t i, MemberValues& v) { v.Set(regency, id, members[i]); });
        return static_cast<std::int64_t>(id);
      });
}

Status SqlEnrolmentRepository::ReplaceIneligible(std::string_view regency_code,
                                                 std::int64_t program_id,
                                                 std::span<const IneligibleRecord> rows) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  for (const auto& row : rows) {
    if (auto ok = CheckPeriod(row.period); !ok) return ok;
  }
  return runner_.Run<void>(
      "enrolment.replace_ineligible", CallMode::kWrite, [&](soci::session& s) -> Status {
        std::string regency(regency_code);
        long long program = program_id;
        s << "DELETE FROM program_ineligible WHERE regency_code = :r AND "
             "program_id = :p",
            use(regency), use(program);
        struct Values {
          std::string regency, period, reasons;
          long long program = 0, worker = 0;
          void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
            p, use(regency), use(program), use(worker), use(period), use(reasons);
          }
        };
        InsertRows<Values, 5>(s, runner_.engine(), rows.size(), kRowsPerStatement,
                              "INSERT INTO program_ineligible (regency_code, program_id, "
                              "worker_id, period, reasons) VALUES ",
                              [&](std::size_t i, Values& v) {
                                v.regency = regency;
                                v.program = program;
                                v.worker = rows[i].worker_id;
                                v.period = rows[i].period;
                                v.reasons = rows[i].reasons;
                              });
        return {};
      });
}

Status SqlEnrolmentRepository::Approve(std::string_view regency_code, std::int64_t batch_id,
                                       std::string_view actor, std::int64_t at_us) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return runner_.Run<void>("enrolment.approve", CallMode::kWrite, [&](soci::session& s) -> Status {
    std::string regency(regency_code), who(actor), status;
    long long id = batch_id, at = at_us != 0 ? at_us : ToMicros(clock_->Now());
    soci::indicator ind = soci::i_null;
    s << "SELECT status FROM enrolment_batches WHERE regency_code = :r AND id = :id", use(regency),
        use(id), into(status, ind);
    if (!s.got_data() || ind != soci::i_ok) return Fail(BatchNotFound("enrolment.approve"));
    if (status != "created") {
      return Fail(Error::FailedPrecondition("batch sudah disetujui sebelumnya",
                                            "op=enrolment.approve status=" + status));
    }
    s << "UPDATE enrolment_batches SET status = 'approved', approved_by = :a, approved_at = :t "
         "WHERE regency_code = :r AND id = :id",
        use(who), use(at), use(regency), use(id);
    return {};
  });
}

Result<EnrolmentBatchRecord> SqlEnrolmentRepository::GetBatch(std::string_view regency_code,
                                                              std::int64_t batch_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<EnrolmentBatchRecord>("enrolment.get_batch", CallMode::kRead,
                                           [&](soci::session& s) -> Result<EnrolmentBatchRecord> {
                                             auto found = ReadBatches(
                                                 s, std::string(kBatchColumns) + " AND id = :k",
                                                 std::string(regency_code), batch_id);
                                             if (found.empty())
                                               return Fail(BatchNotFound("enrolment.get_batch"));
                                             return std::move(found.front());
                                           });
}

Result<std::vector<EnrolmentBatchRecord>> SqlEnrolmentRepository::ListBatches(
    std::string_view regency_code, std::int64_t program_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<EnrolmentBatchRecord>>(
      "enrolment.list_batches", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<EnrolmentBatchRecord>> {
        if (program_id == 0) {
          return ReadBatches(s, std::string(kBatchColumns) + " ORDER BY id DESC",
                             std::string(regency_code), std::nullopt);
        }
        return ReadBatches(s, std::string(kBatchColumns) + " AND program_id = :k ORDER BY id DESC",
                           std::string(regency_code), program_id);
      });
}

Result<std::vector<EnrolmentMemberRecord>> SqlEnrolmentRepository::Members(
    std::string_view regency_code, std::int64_t batch_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<EnrolmentMemberRecord>>(
      "enrolment.members", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<EnrolmentMemberRecord>> {
        auto rows = ReadMembers(s, " AND m.batch_id = :k ORDER BY m.rank_in_batch",
                                std::string(regency_code), batch_id);
        std::vector<EnrolmentMemberRecord> out;
        out.reserve(rows.size());
        for (auto& row : rows) out.push_back(std::move(row.member));
        return out;
      });
}

Result<std::vector<ProgramMemberRecord>> SqlEnrolmentRepository::AllMembers(
    std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<ProgramMemberRecord>>(
      "enrolment.all_members", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<ProgramMemberRecord>> {
        return ReadMembers(s, " ORDER BY m.batch_id, m.rank_in_batch", std::string(regency_code),
                           std::nullopt);
      });
}

Result<std::vector<ProgramMemberRecord>> SqlEnrolmentRepository::MembersOfWorker(
    std::string_view regency_code, std::int64_t worker_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<ProgramMemberRecord>>(
      "enrolment.members_of_worker", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<ProgramMemberRecord>> {
        return ReadMembers(s, " AND m.worker_id = :k ORDER BY m.batch_id",
                           std::string(regency_code), worker_id);
      });
}

Result<std::vector<IneligibleRecord>> SqlEnrolmentRepository::Ineligible(
    std::string_view regency_code, std::int64_t program_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<IneligibleRecord>>(
      "enrolment.ineligible", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<IneligibleRecord>> {
        std::vector<IneligibleRecord> out;
        IneligibleRecord row;
        long long worker = 0, program = program_id;
        std::string regency(regency_code);
        soci::statement st =
            (s.prepare << "SELECT worker_id, period, reasons FROM program_ineligible WHERE "
                          "regency_code = :r AND program_id = :p ORDER BY worker_id",
             into(worker), into(row.period), into(row.reasons), use(regency), use(program));
        st.execute();
        while (st.fetch()) {
          row.worker_id = worker;
          out.push_back(row);
        }
        return out;
      });
}

Result<std::vector<EnrolmentRepository::WorkerIneligibility>>
SqlEnrolmentRepository::IneligibleOfWorker(std::string_view regency_code, std::int64_t worker_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<WorkerIneligibility>>(
      "enrolment.ineligible_of_worker", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<WorkerIneligibility>> {
        std::vector<WorkerIneligibility> out;
        WorkerIneligibility row;
        long long program = 0, worker = worker_id;
        std::string regency(regency_code);
        soci::statement st =
            (s.prepare << "SELECT program_id, period, reasons FROM program_ineligible WHERE "
                          "regency_code = :r AND worker_id = :w ORDER BY program_id",
             into(program), into(row.row.period), into(row.row.reasons), use(regency), use(worker));
        st.execute();
        while (st.fetch()) {
          row.program_id = program;
          row.row.worker_id = worker_id;
          out.push_back(row);
        }
        return out;
      });
}

Result<std::int64_t> SqlEnrolmentRepository::InsertAnswer(const AnswerWrite& write) {
  const AnswerRecord& a = write.answer;
  if (auto ok = CheckRegency(a.regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckJson(a.counts_json, "counts_json"); !ok) return Fail(ok.error());
  for (const auto& m : write.members) {
    if (auto ok = CheckMember(m); !ok) return Fail(ok.error());
  }
  for (const auto& c : write.coverage) {
    if (c.regency_code != a.regency_code) {
      return Fail(Error::InvalidArgument("kepesertaan kabupaten lain", "coverage regency"));
    }
    if (auto ok = CheckDate(c.start_date, "start_date"); !ok || c.start_date.empty())
      return Fail(Error::InvalidArgument("tanggal mulai kepesertaan tidak sah", "start_date"));
    if (auto ok = CheckDate(c.end_date, "end_date"); !ok || c.end_date.empty())
      return Fail(Error::InvalidArgument("tanggal akhir kepesertaan tidak sah", "end_date"));
  }
  for (const auto& l : write.lines) {
    if (l.kind != "unknown" && l.kind != "rejected" && l.kind != "name_differs")
      return Fail(Error::InvalidArgument("jenis baris jawaban tidak sah", "kind"));
  }
  return runner_.Run<std::int64_t>(
      "enrolment.insert_answer", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        std::string regency = a.regency_code, file = a.file_name, checksum = a.checksum,
                    counts = a.counts_json, actor = a.actor;
        long long program = a.program_id, id = 0;
        const long long now = a.created_at_us != 0 ? a.created_at_us : ToMicros(clock_->Now());
        s << "INSERT INTO enrolment_answers (regency_code, program_id, file_name, checksum, "
             "counts_json, actor, created_at) VALUES (:r, :p, :f, :c, :j, :a, :t) RETURNING id",
            use(regency), use(program), use(file), use(checksum), use(counts), use(actor), use(now),
            into(id);
        InsertRows<LineValues, 11>(
            s, runner_.engine(), write.lines.size(), kRowsPerStatement,
            "INSERT INTO enrolment_answer_lines (regency_code, answer_id, line, kind, nik, "
            "worker_id, batch_id, name_sent, name_answered, kpj, reason) VALUES ",
            [&](std::size_t i, LineValues& v) { v.Set(regency, id, write.lines[i]); });
        {
          MemberValues v;
          soci::statement st =
              (s.prepare << "UPDATE enrolment_members SET state = :s, kpj = :k, answered_name = "
                            ":n, start_date = :d, reason = :why WHERE regency_code = :r AND "
                            "batch_id = :b AND worker_id = :w",
               use(v.state), use(v.kpj), use(v.answered_name),
               use(v.start.value, v.start.indicator), use(v.reason), use(v.regency), use(v.batch),
               use(v.worker));
          for (const auto& m : write.members) {
            v.Set(regency, m.batch_id, m);
            st.execute(true);
            if (st.get_affected_rows() != 1) return Fail(BatchNotFound("enrolment.insert_answer"));
          }
        }
        InsertRows<CoverageValues, 11>(
            s, runner_.engine(), write.coverage.size(), kRowsPerStatement,
            "INSERT INTO coverage_periods (regency_code, worker_id, program_id, batch_id, kpj, "
            "start_date, end_date, start_reason, end_reason, actor, created_at) VALUES ",
            [&](std::size_t i, CoverageValues& v) { v.Set(write.coverage[i], now); });
        for (std::int64_t batch : write.answered_batches) {
          long long b = batch;
          s << "UPDATE enrolment_batches SET status = 'answered', answered_at = :t WHERE "
               "regency_code = :r AND id = :id AND status IN ('approved', 'answered')",
              use(now), use(regency), use(b);
        }
        return static_cast<std::int64_t>(id);
      });
}

Result<std::vector<AnswerRecord>> SqlEnrolmentRepository::ListAnswers(std::string_view regency_code,
                                                                      std::int64_t program_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<AnswerRecord>>(
      "enrolment.list_answers", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<AnswerRecord>> {
        std::vector<AnswerRecord> out;
        AnswerRecord a;
        long long id = 0, program = program_id, created = 0;
        std::string regency(regency_code);
        soci::statement st =
            (s.prepare << "SELECT id, regency_code, program_id, file_name, checksum, counts_json, "
                          "actor, created_at FROM enrolment_answers WHERE regency_code = :r AND "
                          "program_id = :p ORDER BY id DESC",
             into(id), into(a.regency_code), into(program), into(a.file_name), into(a.checksum),
             into(a.counts_json), into(a.actor), into(created), use(regency), use(program));
        st.execute();
        while (st.fetch()) {
          a.id = id;
          a.program_id = program;
          a.created_at_us = created;
          out.push_back(a);
        }
        return out;
      });
}

Result<std::vector<AnswerLineRecord>> SqlEnrolmentRepository::AnswerLines(
    std::string_view regency_code, std::int64_t answer_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<AnswerLineRecord>>(
      "enrolment.answer_lines", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<AnswerLineRecord>> {
        std::vector<AnswerLineRecord> out;
        AnswerLineRecord l;
        long long line = 0, worker = 0, batch = 0, answer = answer_id;
        std::string regency(regency_code);
        soci::statement st =
            (s.prepare << "SELECT line, kind, nik, worker_id, batch_id, name_sent, "
                          "name_answered, kpj, reason FROM enrolment_answer_lines WHERE "
                          "regency_code = :r AND answer_id = :a ORDER BY line",
             into(line), into(l.kind), into(l.nik), into(worker), into(batch), into(l.name_sent),
             into(l.name_answered), into(l.kpj), into(l.reason), use(regency), use(answer));
        st.execute();
        while (st.fetch()) {
          l.line = line;
          l.worker_id = worker;
          l.batch_id = batch;
          out.push_back(l);
        }
        return out;
      });
}

Result<std::vector<CoverageRecord>> SqlEnrolmentRepository::CoverageOfWorker(
    std::string_view regency_code, std::int64_t worker_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<CoverageRecord>>(
      "enrolment.coverage_of_worker", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<CoverageRecord>> {
        return ReadCoverage(s, "worker_id", std::string(regency_code), worker_id);
      });
}

Result<std::vector<CoverageRecord>> SqlEnrolmentRepository::CoverageOfProgram(
    std::string_view regency_code, std::int64_t program_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<CoverageRecord>>(
      "enrolment.coverage_of_program", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<CoverageRecord>> {
        return ReadCoverage(s, "program_id", std::string(regency_code), program_id);
      });
}

Result<int> SqlEnrolmentRepository::EndCoverage(std::string_view regency_code,
                                                std::int64_t worker_id, std::string_view end_date,
                                                std::string_view reason) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckDate(end_date, "end_date"); !ok || end_date.empty())
    return Fail(Error::InvalidArgument("tanggal akhir kepesertaan tidak sah", "end_date"));
  return runner_.Run<int>(
      "enrolment.end_coverage", CallMode::kWrite, [&](soci::session& s) -> Result<int> {
        std::string regency(regency_code), date(end_date), why(reason);
        long long worker = worker_id;
        soci::statement st =
            (s.prepare << "UPDATE coverage_periods SET end_date = :d, end_reason = :why WHERE "
                          "regency_code = :r AND worker_id = :w AND CAST(end_date AS TEXT) > :d2 "
                          "AND CAST(start_date AS TEXT) <= :d3",
             use(date), use(why), use(regency), use(worker), use(date), use(date));
        st.execute(true);
        return static_cast<int>(st.get_affected_rows());
      });
}

Result<std::optional<std::string>> SqlEnrolmentRepository::BatchRegency(std::int64_t batch_id) {
  return runner_.Run<std::optional<std::string>>(
      "enrolment.batch_regency", CallMode::kRead,
      [&](soci::session& s) -> Result<std::optional<std::string>> {
        long long wanted = batch_id;
        std::string regency;
        soci::indicator ind = soci::i_null;
        s << "SELECT regency_code FROM enrolment_batches WHERE id = :id", use(wanted),
            into(regency, ind);
        if (!s.got_data() || ind != soci::i_ok) return std::optional<std::string>();
        return std::optional<std::string>(regency);
      });
}

}  // namespace jaring::storage::sql
