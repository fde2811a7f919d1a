// Design notes
//  - A case is one row kept current (its state, decision and payment) plus an append-only list
//    of events: the row answers "where is it now", the events "how long did each stage take".
//  - Heirs are replaced as a whole: the legal order is a property of the set, checked by the
//    service, so a partial change never stands on its own.
//  - Event numbers come from MAX(seq) + 1 inside the call's savepoint: the transaction that
//    changes a case holds its row, so two writers cannot take the same number unseen (the
//    primary key refuses the second).
#include "storage/sql/claim_repository.hpp"

#include "storage/sql/account_repository.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr char kClaimColumns[] =
    "SELECT id, regency_code, worker_id, kind, outcome, CAST(event_date AS TEXT), "
    "CAST(reported_on AS TEXT), source, reporter, state, program_id, kpj, eligible, "
    "expected_total, quote_json, failure_cause, decision_reason, approved_amount, paid_amount, "
    "paid_on, payment_reference, actor, created_at, stage_since FROM claims WHERE "
    "regency_code = :r";

template <typename Bind>
std::vector<ClaimRecord> ReadClaims(soci::session& s, const std::string& sql, std::string regency,
                                    Bind&& bind) {
  std::vector<ClaimRecord> out;
  ClaimRecord c;
  long long id = 0, worker = 0, program = 0, expected = 0, approved = 0, paid = 0, created = 0,
            since = 0;
  int eligible = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << sql);
  prepare, into(id), into(c.regency_code), into(worker), into(c.kind), into(c.outcome),
      into(c.event_date), into(c.reported_on), into(c.source), into(c.reporter), into(c.state),
      into(program), into(c.kpj), into(eligible), into(expected), into(c.quote_json),
      into(c.failure_cause), into(c.decision_reason), into(approved), into(paid), into(c.paid_on),
      into(c.payment_reference), into(c.actor), into(created), into(since), use(regency);
  bind(prepare);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    c.id = id;
    c.worker_id = worker;
    c.program_id = program;
    c.eligible = eligible != 0;
    c.expected_total = expected;
    c.approved_amount = approved;
    c.paid_amount = paid;
    c.created_at_us = created;
    c.stage_since_us = since;
    out.push_back(c);
  }
  return out;
}

Error ClaimNotFound(std::string_view operation) {
  return Error::NotFound("klaim tidak ditemukan", "op=" + std::string(operation));
}

Status CheckClaim(const ClaimRecord& c) {
  if (auto ok = CheckRegency(c.regency_code); !ok) return ok;
  if (auto ok = verval::CheckDate(c.event_date, "event_date"); !ok || c.event_date.empty())
    return Fail(Error::InvalidArgument("tanggal kejadian tidak sah", "event_date"));
  if (auto ok = verval::CheckDate(c.reported_on, "reported_on"); !ok || c.reported_on.empty())
    return Fail(Error::InvalidArgument("tanggal laporan tidak sah", "reported_on"));
  if (c.worker_id <= 0) return Fail(Error::InvalidArgument("pekerja klaim kosong", "worker_id"));
  return {};
}

}  // namespace

Result<ClaimRecord> SqlClaimRepository::Insert(const ClaimRecord& claim) {
  if (auto ok = CheckClaim(claim); !ok) return Fail(ok.error());
  return runner_.Run<ClaimRecord>(
      "claims.insert", CallMode::kWrite, [&](soci::session& s) -> Result<ClaimRecord> {
        ClaimRecord out = claim;
        const long long now = ToMicros(clock_->Now());
        out.created_at_us = claim.created_at_us != 0 ? claim.created_at_us : now;
        out.stage_since_us = claim.stage_since_us != 0 ? claim.stage_since_us : out.created_at_us;
        long long worker = claim.worker_id, program = claim.program_id,
                  expected = claim.expected_total, approved = claim.approved_amount,
                  paid = claim.paid_amount, created = out.created_at_us, since = out.stage_since_us,
                  id = 0;
        int eligible = claim.eligible ? 1 : 0;
        s << "INSERT INTO claims (regency_code, worker_id, kind, outcome, event_date, "
             "reported_on, source, reporter, state, program_id, kpj, eligible, expected_total, "
             "quote_json, failure_cause, decision_reason, approved_amount, paid_amount, paid_on, "
             "payment_reference, actor, created_at, stage_since) VALUES (:r, :w, :k, :o, :e, "
             ":rep, :src, :who, :st, :p, :kpj, :el, :x, :q, :f, :dr, :ap, :pa, :po, :pr, :a, :c, "
             ":s) RETURNING id",
            use(claim.regency_code), use(worker), use(claim.kind), use(claim.outcome),
            use(claim.event_date), use(claim.reported_on), use(claim.source), use(claim.reporter),
            use(claim.state), use(program), use(claim.kpj), use(eligible), use(expected),
            use(claim.quote_json), use(claim.failure_cause), use(claim.decision_reason),
            use(approved), use(paid), use(claim.paid_on), use(claim.payment_reference),
            use(claim.actor), use(created), use(since), into(id);
        out.id = id;
        return out;
      });
}

Status SqlClaimRepository::Update(const ClaimRecord& claim) {
  if (auto ok = CheckClaim(claim); !ok) return ok;
  return runner_.Run<void>("claims.update", CallMode::kWrite, [&](soci::session& s) -> Status {
    long long id = claim.id, program = claim.program_id, expected = claim.expected_total,
              approved = claim.approved_amount, paid = claim.paid_amount,
              since = claim.stage_since_us != 0 ? claim.stage_since_us : ToMicros(clock_->Now());
    int eligible = claim.eligible ? 1 : 0;
    soci::statement st =
        (s.prepare << "UPDATE claims SET outcome = :o, reported_on = :rep, source = :src, "
                      "reporter = :who, state = :st, program_id = :p, kpj = :kpj, eligible = :el, "
                      "expected_total = :x, quote_json = :q, failure_cause = :f, "
                      "decision_reason = :dr, approved_amount = :ap, paid_amount = :pa, "
                      "paid_on = :po, payment_reference = :pr, actor = :a, stage_since = :s "
                      "WHERE regency_code = :r AND id = :id",
         use(claim.outcome), use(claim.reported_on), use(claim.source), use(claim.reporter),
         use(claim.state), use(program), use(claim.kpj), use(eligible), use(expected),
         use(claim.quote_json), use(claim.failure_cause), use(claim.decision_reason), use(approved),
         use(paid), use(claim.paid_on), use(claim.payment_reference), use(claim.actor), use(since),
         use(claim.regency_code), use(id));
    st.execute(true);
    if (st.get_affected_rows() != 1) return Fail(ClaimNotFound("claims.update"));
    return {};
  });
}

Result<ClaimRecord> SqlClaimRepository::Get(std::string_view regency_code, std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<ClaimRecord>(
      "claims.get", CallMode::kRead, [&](soci::session& s) -> Result<ClaimRecord> {
        long long wanted = id;
        auto found = ReadClaims(s, std::string(kClaimColumns) + " AND id = :id",
                                std::string(regency_code), [&](auto& p) { p, use(wanted); });
        if (found.empty()) return Fail(ClaimNotFound("claims.get"));
        return std::move(found.front());
      });
}

Result<std::optional<ClaimRecord>> SqlClaimRepository::Find(std::string_view regency_code,
                                                            std::int64_t worker_id,
                                                            std::string_view kind,
                                                            std::string_view event_date) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::optional<ClaimRecord>>(
      "claims.find", CallMode::kRead, [&](soci::session& s) -> Result<std::optional<ClaimRecord>> {
        long long worker = worker_id;
        std::string k(kind), date(event_date);
        auto found = ReadClaims(
            s,
            std::string(kClaimColumns) +
                " AND worker_id = :w AND kind = :k AND CAST(event_date AS TEXT) = :e",
            std::string(regency_code), [&](auto& p) { p, use(worker), use(k), use(date); });
        if (found.empty()) return std::optional<ClaimRecord>();
        return std::optional<ClaimRecord>(std::move(found.front()));
      });
}

Result<std::vector<ClaimRecord>> SqlClaimRepository::List(std::string_view regency_code,
                                                          std::optional<std::string> state) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<ClaimRecord>>(
      "claims.list", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<ClaimRecord>> {
        if (state) {
          return ReadClaims(s, std::string(kClaimColumns) + " AND state = :st ORDER BY id DESC",
                            std::string(regency_code), [&](auto& p) { p, use(*state); });
        }
        return ReadClaims(s, std::string(kClaimColumns) + " ORDER BY id DESC",
                          std::string(regency_code), [](auto&) {});
      });
}

Result<std::vector<ClaimRecord>> SqlClaimRepository::OfWorker(std::string_view regency_code,
                                                              std::int64_t worker_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<ClaimRecord>>(
      "claims.of_worker", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<ClaimRecord>> {
        long long worker = worker_id;
        return ReadClaims(
            s, std::string(kClaimColumns) + " AND worker_id = :w ORDER BY event_date, id",
            std::string(regency_code), [&](auto& p) { p, use(worker); });
      });
}

Result<ClaimEventRecord> SqlClaimRepository::AddEvent(std::string_view regency_code,
                                                      std::int64_t claim_id,
                                                      const ClaimEventRecord& event) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<ClaimEventRecord>(
      "claims.add_event", CallMode::kWrite, [&](soci::session& s) -> Result<ClaimEventRecord> {
        ClaimEventRecord out = event;
        std::string regency(regency_code);
        long long claim = claim_id, last = 0;
        soci::indicator ind = soci::i_null;
        s << "SELECT MAX(seq) FROM claim_events WHERE regency_code = :r AND claim_id = :c",
            use(regency), use(claim), into(last, ind);
        out.seq = (ind == soci::i_ok ? last : 0) + 1;
        out.at_us = event.at_us != 0 ? event.at_us : ToMicros(clock_->Now());
        long long seq = out.seq, at = out.at_us;
        s << "INSERT INTO claim_events (regency_code, claim_id, seq, from_state, to_state, note, "
             "actor, at) VALUES (:r, :c, :s, :f, :t, :n, :a, :at)",
            use(regency), use(claim), use(seq), use(event.from_state), use(event.to_state),
            use(event.note), use(event.actor), use(at);
        return out;
      });
}

Result<std::vector<ClaimEventRecord>> SqlClaimRepository::Events(std::string_view regency_code,
                                                                 std::int64_t claim_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<ClaimEventRecord>>(
      "claims.events", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<ClaimEventRecord>> {
        std::vector<ClaimEventRecord> out;
        ClaimEventRecord e;
        std::string regency(regency_code);
        long long claim = claim_id, seq = 0, at = 0;
        soci::statement st =
            (s.prepare << "SELECT seq, from_state, to_state, note, actor, at FROM claim_events "
                          "WHERE regency_code = :r AND claim_id = :c ORDER BY seq",
             use(regency), use(claim), into(seq), into(e.from_state), into(e.to_state),
             into(e.note), into(e.actor), into(at));
        st.execute();
        while (st.fetch()) {
          e.seq = seq;
          e.at_us = at;
          out.push_back(e);
        }
        return out;
      });
}

Result<std::map<std::int64_t, std::vector<ClaimEventRecord>>> SqlClaimRepository::EventsOfCases(
    std::string_view regency_code, std::optional<std::string> state) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  using Events = std::map<std::int64_t, std::vector<ClaimEventRecord>>;
  return runner_.Run<Events>(
      "claims.events_of_cases", CallMode::kRead, [&](soci::session& s) -> Result<Events> {
        Events out;
        ClaimEventRecord e;
        std::string regency(regency_code), wanted = state.value_or("");
        long long claim = 0, seq = 0, at = 0;
        int any_state = state ? 0 : 1;
        soci::statement st =
            (s.prepare << "SELECT e.claim_id, e.seq, e.from_state, e.to_state, e.note, e.actor, "
                          "e.at FROM claim_events e JOIN claims c ON c.regency_code = "
                          "e.regency_code AND c.id = e.claim_id WHERE e.regency_code = :r AND "
                          "(:any = 1 OR c.state = :st) ORDER BY e.claim_id, e.seq",
             use(regency), use(any_state), use(wanted), into(claim), into(seq),
             into(e.from_state), into(e.to_state), into(e.note), into(e.actor), into(at));
        st.execute();
        while (st.fetch()) {
          e.seq = seq;
          e.at_us = at;
          out[claim].push_back(e);
        }
        return out;
      });
}

Result<std::map<std::int64_t, ClaimWorkerRecord>> SqlClaimRepository::WorkersOfCases(
    std::string_view regency_code, std::optional<std::string> state) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  using Workers = std::map<std::int64_t, ClaimWorkerRecord>;
  return runner_.Run<Workers>(
      "claims.workers_of_cases", CallMode::kRead, [&](soci::session& s) -> Result<Workers> {
        Workers out;
        ClaimWorkerRecord w;
        std::string regency(regency_code), wanted = state.value_or("");
        long long id = 0;
        int any_state = state ? 0 : 1;
        soci::statement st =
            // From the claims to their workers, never the other way: written as `w.id IN
            // (SELECT ...)`, SQLite walked the regency's workers (80 ms at 1,000,000 on the
            // monev page) to test each against a handful of claims. A worker with two claims
            // comes twice; the map keeps one.
            (s.prepare << "SELECT w.id, w.name, w.village_code, w.nik FROM claims c JOIN workers "
                          "w ON w.regency_code = c.regency_code AND w.id = c.worker_id WHERE "
                          "c.regency_code = :r AND (:any = 1 OR c.state = :st)",
             use(regency), use(any_state), use(wanted), into(id), into(w.name),
             into(w.village_code), into(w.nik));
        st.execute();
        while (st.fetch()) out[id] = w;
        return out;
      });
}

Result<std::map<std::int64_t, std::int64_t>> SqlClaimRepository::HeirCounts(
    std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  using Counts = std::map<std::int64_t, std::int64_t>;
  return runner_.Run<Counts>(
      "claims.heir_counts", CallMode::kRead, [&](soci::session& s) -> Result<Counts> {
        Counts out;
        std::string regency(regency_code);
        long long claim = 0, count = 0;
        soci::statement st = (s.prepare << "SELECT claim_id, COUNT(*) FROM claim_heirs WHERE "
                                           "regency_code = :r GROUP BY claim_id",
                              use(regency), into(claim), into(count));
        st.execute();
        while (st.fetch()) out[claim] = count;
        return out;
      });
}

Status SqlClaimRepository::ReplaceHeirs(std::string_view regency_code, std::int64_t claim_id,
                                        const std::vector<HeirRecord>& heirs) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return runner_.Run<void>(
      "claims.replace_heirs", CallMode::kWrite, [&](soci::session& s) -> Status {
        std::string regency(regency_code);
        long long claim = claim_id;
        s << "DELETE FROM claim_heirs WHERE regency_code = :r AND "
             "claim_id = :c",
            use(regency), use(claim);
        long long no = 0;
        for (const HeirRecord& h : heirs) {
          ++no;
          int share = h.share_bp, recipient = h.recipient ? 1 : 0;
          s << "INSERT INTO claim_heirs (regency_code, claim_id, heir_no, "
               "name, nik, relation, share_bp, school_level, recipient, "
               "payout, bank, account_no, account_name, actor) VALUES (:r, "
               ":c, :n, :name, :nik, :rel, :sh, :sl, :rc, :po, :b, :acc, "
               ":an, :a)",
              use(regency), use(claim), use(no), use(h.name), use(h.nik), use(h.relation),
              use(share), use(h.school_level), use(recipient), use(h.payout), use(h.bank),
              use(h.account_no), use(h.account_name), use(h.actor);
        }
        return {};
      });
}

Result<std::vector<HeirRecord>> SqlClaimRepository::Heirs(std::string_view regency_code,
                                                          std::int64_t claim_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<HeirRecord>>(
      "claims.heirs", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<HeirRecord>> {
        std::vector<HeirRecord> out;
        HeirRecord h;
        std::string regency(regency_code);
        long long claim = claim_id, no = 0;
        int share = 0, recipient = 0;
        soci::statement st =
            (s.prepare << "SELECT heir_no, name, nik, relation, share_bp, school_level, "
                          "recipient, payout, bank, account_no, account_name, actor FROM "
                          "claim_heirs WHERE regency_code = :r AND claim_id = :c ORDER BY heir_no",
             use(regency), use(claim), into(no), into(h.name), into(h.nik), into(h.relation),
             into(share), into(h.school_level), into(recipient), into(h.payout), into(h.bank),
             into(h.account_no), into(h.account_name), into(h.actor));
        st.execute();
        while (st.fetch()) {
          h.heir_no = no;
          h.share_bp = share;
          h.recipient = recipient != 0;
          out.push_back(h);
        }
        return out;
      });
}

Status SqlClaimRepository::PutDocument(std::string_view regency_code, std::int64_t claim_id,
                                       const ClaimDocumentRecord& d) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return runner_.Run<void>(
      "claims.put_document", CallMode::kWrite, [&](soci::session& s) -> Status {
        std::string regency(regency_code);
        long long claim = claim_id, size = d.size_bytes,
                  at = d.checked_at_us != 0 ? d.checked_at_us : ToMicros(clock_->Now());
        s << "DELETE FROM claim_documents WHERE regency_code = :r AND "
             "claim_id = :c AND doc_kind = :k",
            use(regency), use(claim), use(d.doc_kind);
        s << "INSERT INTO claim_documents (regency_code, claim_id, doc_kind, "
             "state, file_name, content_type, size_bytes, sha256, "
             "checked_by, checked_at) VALUES (:r, :c, :k, :st, :f, :ct, "
             ":sz, :h, :by, :at)",
            use(regency), use(claim), use(d.doc_kind), use(d.state), use(d.file_name),
            use(d.content_type), use(size), use(d.sha256), use(d.checked_by), use(at);
        return {};
      });
}

Result<std::vector<ClaimDocumentRecord>> SqlClaimRepository::Documents(
    std::string_view regency_code, std::int64_t claim_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<ClaimDocumentRecord>>(
      "claims.documents", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<ClaimDocumentRecord>> {
        std::vector<ClaimDocumentRecord> out;
        ClaimDocumentRecord d;
        std::string regency(regency_code);
        long long claim = claim_id, size = 0, at = 0;
        soci::statement st =
            (s.prepare << "SELECT doc_kind, state, file_name, content_type, size_bytes, sha256, "
                          "checked_by, checked_at FROM claim_documents WHERE regency_code = :r "
                          "AND claim_id = :c ORDER BY doc_kind",
             use(regency), use(claim), into(d.doc_kind), into(d.state), into(d.file_name),
             into(d.content_type), into(size), into(d.sha256), into(d.checked_by), into(at));
        st.execute();
        while (st.fetch()) {
          d.size_bytes = size;
          d.checked_at_us = at;
          out.push_back(d);
        }
        return out;
      });
}

Result<std::string> SqlClaimRepository::Settings(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::string>(
      "claims.settings", CallMode::kRead, [&](soci::session& s) -> Result<std::string> {
        std::string regency(regency_code), json;
        soci::indicator ind = soci::i_null;
        s << "SELECT settings_json FROM claim_settings WHERE regency_code = :r", use(regency),
            into(json, ind);
        if (!s.got_data() || ind != soci::i_ok) return std::string();
        return json;
      });
}

Status SqlClaimRepository::PutSettings(std::string_view regency_code, std::string_view json,
                                       std::string_view actor) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return runner_.Run<void>(
      "claims.put_settings", CallMode::kWrite, [&](soci::session& s) -> Status {
        std::string regency(regency_code), text(json), who(actor);
        long long at = ToMicros(clock_->Now());
        s << "DELETE FROM claim_settings WHERE regency_code = :r", use(regency);
        s << "INSERT INTO claim_settings (regency_code, settings_json, "
             "actor, updated_at) VALUES (:r, :j, :a, :at)",
            use(regency), use(text), use(who), use(at);
        return {};
      });
}

Result<std::string> SqlClaimRepository::DeathDate(std::string_view regency_code,
                                                  std::int64_t worker_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::string>(
      "claims.death_date", CallMode::kRead, [&](soci::session& s) -> Result<std::string> {
        std::string regency(regency_code), date;
        long long worker = worker_id;
        soci::indicator ind = soci::i_null;
        s << "SELECT CAST(death_date AS TEXT) FROM workers WHERE regency_code = :r AND id = :w",
            use(regency), use(worker), into(date, ind);
        if (!s.got_data())
          return Fail(Error::NotFound("pekerja tidak ditemukan", "op=claims.death_date"));
        return ind == soci::i_ok ? date : std::string();
      });
}

Result<std::optional<std::string>> SqlClaimRepository::RegencyOf(std::int64_t claim_id) {
  return runner_.Run<std::optional<std::string>>(
      "claims.regency_of", CallMode::kRead,
      [&](soci::session& s) -> Result<std::optional<std::string>> {
        long long wanted = claim_id;
        std::string regency;
        soci::indicator ind = soci::i_null;
        s << "SELECT regency_code FROM claims WHERE id = :id", use(wanted), into(regency, ind);
        if (!s.got_data() || ind != soci::i_ok) return std::optional<std::string>();
        return std::optional<std::string>(regency);
      });
}

}  // namespace jaring::storage::sql
