// Design notes
//  - The head row (audit_head) is the lock: on PostgreSQL SELECT ... FOR UPDATE serialises
//    appenders for the rest of their transactions; on SQLite the transaction already holds the
//    database's write lock (BEGIN IMMEDIATE), so a plain SELECT suffices.
//  - Insert moves the head in the same call; a second Insert at the same sequence fails on the
//    UNIQUE constraint rather than forking the chain. Inside a transaction the locked head is
//    followed in memory and written once at commit (FlushHead), under the same lock.
//  - Search builds its WHERE clause from fixed fragments; only values are bound.
#include "storage/sql/audit_repository.hpp"

#include <deque>
#include <string>
#include <utility>

#include "storage/sql/errors.hpp"
#include "storage/sql/multi_row.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr const char* kColumns =
    "sequence, at, actor_user_id, actor_username, remote_address, action, record_type, "
    "record_id, regency_code, before_json, after_json, prev_hash, hash";

struct RecordBuffer {
  long long sequence = 0, at = 0, actor = 0;
  soci::indicator actor_ind = soci::i_null;
  AuditRecord row;

  void BindTo(soci::details::prepare_temp_type& prepare) {
    prepare, into(sequence), into(at), into(actor, actor_ind), into(row.actor_username),
        into(row.remote_address), into(row.action), into(row.record_type), into(row.record_id),
        into(row.regency_code), into(row.before_json), into(row.after_json), into(row.prev_hash),
        into(row.hash);
  }

  AuditRecord Take() {
    AuditRecord out = row;
    out.sequence = sequence;
    out.at = FromMicros(at);
    out.actor_user_id = actor_ind == soci::i_ok ? std::optional<std::int64_t>(actor) : std::nullopt;
    return out;
  }
};

}  // namespace

Result<AuditHead> SqlAuditRepository::LockHead() {
  if (in_transaction_ && head_) return *head_;
  const bool postgres = runner_.engine() == Engine::kPostgres;
  auto head = runner_.Run<AuditHead>(
      "audit.lock_head", CallMode::kRead, [&](soci::session& s) -> Result<AuditHead> {
        long long sequence = 0;
        AuditHead head;
        s << (postgres ? "SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE"
                       : "SELECT sequence, hash FROM audit_head WHERE id = 1"),
            into(sequence), into(head.hash);
        if (!s.got_data()) {
          return Fail(Error::Internal("kepala rantai audit hilang", "op=audit.lock_head no row"));
        }
        head.sequence = sequence;
        return head;
      });
  if (head && in_transaction_) head_ = *head;
  return head;
}

Status SqlAuditRepository::FlushHead() {
  if (!head_moved_) return {};
  return runner_.Run<void>("audit.flush_head", CallMode::kWrite, [&](soci::session& s) -> Status {
    long long sequence = head_->sequence;
    soci::statement st =
        (s.prepare << "UPDATE audit_head SET sequence = :s, hash = :h WHERE id = 1 AND "
                      "sequence < :s2",
         use(sequence), use(head_->hash), use(sequence));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      return Fail(Error::FailedPrecondition("rantai audit berubah bersamaan",
                                            "op=audit.flush_head head not before sequence"));
    }
    head_moved_ = false;
    return {};
  });
}

namespace {

// The bound cells of one entry, in kColumns order. SOCI binds by reference and a prepared
// statement is re-executed with new values, so the cells are owned here, not borrowed.
struct EntryValues {
  long long sequence = 0, at = 0, actor = 0;
  soci::indicator actor_ind = soci::i_null;
  AuditRecord row;

  void Set(const AuditRecord& r) {
    row = r;
    sequence = r.sequence;
    at = ToMicros(r.at);
    actor = r.actor_user_id.value_or(0);
    actor_ind = r.actor_user_id ? soci::i_ok : soci::i_null;
  }
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(sequence), use(at), use(actor, actor_ind), use(row.actor_username),
        use(row.remote_address), use(row.action), use(row.record_type), use(row.record_id),
        use(row.regency_code), use(row.before_json), use(row.after_json), use(row.prev_hash),
        use(row.hash);
  }
};

constexpr std::size_t kEntriesPerStatement = 200;

}  // namespace

Status SqlAuditRepository::InsertMany(std::span<const AuditRecord> records) {
  if (records.empty()) return {};
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (records[i].sequence != records[i - 1].sequence + 1) {
      return Fail(Error::InvalidArgument("urutan audit tidak berurutan",
                                         "op=audit.insert: sequences not consecutive"));
    }
  }
  return runner_.Run<void>("audit.insert", CallMode::kWrite, [&](soci::session& s) -> Status {
    static constexpr std::string_view kCells[13] = {"?", "?", "?", "?", "?", "?", "?",
                                                    "?", "?", "?", "?", "?", "?"};
    const Engine engine = runner_.engine();
    // SQLite: one entry per statement (in-process, no round trip to save); PostgreSQL: a few
    // hundred per statement.
    ForEachBatch<EntryValues>(
        s, records.size(), engine == Engine::kSqlite ? 1 : kEntriesPerStatement,
        [&](std::size_t i, EntryValues& v) { v.Set(records[i]); },
        [&](std::size_t rows) {
          return std::string("INSERT INTO audit_log (") + kColumns + ") VALUES " +
                 ParameterRows(engine, rows, kCells);
        },
        [](soci::details::prepare_temp_type&) {},
        [](soci::statement& st, std::size_t, std::size_t) { st.execute(true); });
    const AuditRecord& last = records.back();
    if (in_transaction_ && head_ && last.sequence > head_->sequence) {
      head_ = AuditHead{last.sequence, last.hash};
      head_moved_ = true;
      return {};
    }
    long long sequence = last.sequence;
    soci::statement st =
        (s.prepare << "UPDATE audit_head SET sequence = :s, hash = :h WHERE id = 1 AND "
                      "sequence < :s2",
         use(sequence), use(last.hash), use(sequence));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      return Fail(Error::FailedPrecondition("rantai audit berubah bersamaan",
                                            "op=audit.insert head not before sequence"));
    }
    return {};
  });
}

Result<std::vector<AuditRecord>> SqlAuditRepository::Page(std::int64_t after_sequence, int limit) {
  return runner_.Run<std::vector<AuditRecord>>(
      "audit.page", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<AuditRecord>> {
        long long after = after_sequence;
        int n = limit;
        RecordBuffer b;
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kColumns +
                              " FROM audit_log WHERE sequence > :a ORDER BY sequence LIMIT :n");
        b.BindTo(prepare);
        prepare, use(after), use(n);
        soci::statement st(prepare);
        st.execute();
        std::vector<AuditRecord> rows;
        while (st.fetch()) rows.push_back(b.Take());
        return rows;
      });
}

Result<std::vector<AuditRecord>> SqlAuditRepository::Search(const AuditFilter& f) {
  if (f.limit < 1 || f.limit > 1000) {
    return Fail(Error::InvalidArgument("batas hasil harus 1 sampai 1000", "op=audit.search"));
  }
  if (f.regency_codes.empty() && !f.include_unscoped) return std::vector<AuditRecord>{};
  return runner_.Run<std::vector<AuditRecord>>(
      "audit.search", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<AuditRecord>> {
        // Bound values must stay at fixed addresses until the statement has run.
        std::deque<std::string> texts;
        std::deque<long long> numbers;
        std::string where = " WHERE (";
        int p = 0;
        auto param = [&] { return ":p" + std::to_string(p++); };
        std::vector<std::pair<bool, std::size_t>> order;  // (is_text, index)
        auto bind_text = [&](const std::string& v) {
          texts.push_back(v);
          order.emplace_back(true, texts.size() - 1);
          return param();
        };
        auto bind_number = [&](long long v) {
          numbers.push_back(v);
          order.emplace_back(false, numbers.size() - 1);
          return param();
        };
        std::string tenancy;
        if (!f.regency_codes.empty()) {
          tenancy = "regency_code IN (";
          for (std::size_t i = 0; i < f.regency_codes.size(); ++i) {
            if (i > 0) tenancy += ", ";
            tenancy += bind_text(f.regency_codes[i]);
          }
          tenancy += ")";
        }
        if (f.include_unscoped) {
          if (!tenancy.empty()) tenancy += " OR ";
          tenancy += "regency_code = ''";
        }
        where += tenancy + ")";
        if (!f.actor_username.empty())
          where += " AND actor_username = " + bind_text(f.actor_username);
        if (!f.record_type.empty()) where += " AND record_type = " + bind_text(f.record_type);
        if (!f.record_id.empty()) where += " AND record_id = " + bind_text(f.record_id);
        if (!f.action.empty()) where += " AND action = " + bind_text(f.action);
        if (f.from) where += " AND at >= " + bind_number(ToMicros(*f.from));
        if (f.until) where += " AND at < " + bind_number(ToMicros(*f.until));
        if (f.before_sequence > 0) where += " AND sequence < " + bind_number(f.before_sequence);
        const std::string limit = bind_number(f.limit);
        RecordBuffer b;
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kColumns + " FROM audit_log" + where +
                              " ORDER BY sequence DESC LIMIT " + limit);
        b.BindTo(prepare);
        for (const auto& [is_text, index] : order) {
          if (is_text) {
            prepare, use(texts[index]);
          } else {
            prepare, use(numbers[index]);
          }
        }
        soci::statement st(prepare);
        st.execute();
        std::vector<AuditRecord> rows;
        while (st.fetch()) rows.push_back(b.Take());
        return rows;
      });
}

}  // namespace jaring::storage::sql
