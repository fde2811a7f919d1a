// Design notes
//  - A card's serial is the worker's next under the program, counted in the same savepoint as
//    the insert; the UNIQUE (regency, worker, program, serial) constraint refuses a second
//    writer that counted the same.
//  - Every statement names the regency beside the id.
#include "storage/sql/card_repository.hpp"

#include "storage/sql/account_repository.hpp"
#include "storage/sql/codec.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr char kColumns[] =
    "SELECT id, regency_code, worker_id, program_id, coverage_id, serial, token, actor, "
    "issued_at, revoked_at, revoke_reason FROM cards WHERE regency_code = :r";

Error CardNotFound(std::string_view operation) {
  return Error::NotFound("kartu tidak ditemukan", "op=" + std::string(operation));
}

// The regency's cards with id = `id` (when > 0) or of `program` and `worker` (each when > 0).
std::vector<CardRecord> ReadCards(soci::session& s, std::string regency, long long id,
                                  long long program, long long worker) {
  std::string sql = kColumns;
  std::vector<long long> keys;
  for (const auto& [column, value] :
       {std::pair{"id", id}, std::pair{"program_id", program}, std::pair{"worker_id", worker}}) {
    if (value <= 0) continue;
    sql += std::string(" AND ") + column + " = :k" + std::to_string(keys.size());
    keys.push_back(value);
  }
  sql += " ORDER BY id";
  std::vector<CardRecord> out;
  CardRecord c;
  long long card = 0, worker_id = 0, program_id = 0, coverage = 0, issued = 0, revoked = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << sql);
  prepare, into(card), into(c.regency_code), into(worker_id), into(program_id), into(coverage),
      into(c.serial), into(c.token), into(c.actor), into(issued), into(revoked),
      into(c.revoke_reason), use(regency);
  for (long long& key : keys) prepare, use(key);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    c.id = card;
    c.worker_id = worker_id;
    c.program_id = program_id;
    c.coverage_id = coverage;
    c.issued_at_us = issued;
    c.revoked_at_us = revoked;
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<std::int64_t> SqlCardRepository::Insert(const CardRecord& card) {
  if (auto ok = CheckRegency(card.regency_code); !ok) return Fail(ok.error());
  if (card.worker_id <= 0 || card.program_id <= 0 || card.coverage_id <= 0) {
    return Fail(Error::InvalidArgument("kartu tanpa pekerja, program atau masa kepesertaan"));
  }
  return runner_.Run<std::int64_t>(
      "cards.insert", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        std::string regency = card.regency_code, token = card.token, actor = card.actor;
        long long worker = card.worker_id, program = card.program_id, coverage = card.coverage_id,
                  id = 0;
        long long issued = card.issued_at_us != 0 ? card.issued_at_us : ToMicros(clock_->Now());
        int serial = card.serial;
        if (serial == 0) {
          soci::indicator ind = soci::i_null;
          s << "SELECT MAX(serial) FROM cards WHERE regency_code = :r AND worker_id = :w AND "
               "program_id = :p",
              use(regency), use(worker), use(program), into(serial, ind);
          serial = ind == soci::i_ok ? serial + 1 : 1;
        }
        s << "INSERT INTO cards (regency_code, worker_id, program_id, coverage_id, serial, token, "
             "actor, issued_at) VALUES (:r, :w, :p, :c, :s, :t, :a, :at) RETURNING id",
            use(regency), use(worker), use(program), use(coverage), use(serial), use(token),
            use(actor), use(issued), into(id);
        return static_cast<std::int64_t>(id);
      });
}

Status SqlCardRepository::SetToken(std::string_view regency_code, std::int64_t id,
                                   std::string_view token) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return runner_.Run<void>("cards.set_token", CallMode::kWrite, [&](soci::session& s) -> Status {
    std::string regency(regency_code), text(token);
    long long card = id;
    soci::statement st = (s.prepare << "UPDATE cards SET token = :t WHERE regency_code = :r AND "
                                       "id = :id",
                          use(text), use(regency), use(card));
    st.execute(true);
    if (st.get_affected_rows() != 1) return Fail(CardNotFound("cards.set_token"));
    return {};
  });
}

Result<CardRecord> SqlCardRepository::Get(std::string_view regency_code, std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<CardRecord>("cards.get", CallMode::kRead,
                                 [&](soci::session& s) -> Result<CardRecord> {
                                   if (id <= 0) return Fail(CardNotFound("cards.get"));
                                   auto found = ReadCards(s, std::string(regency_code), id, 0, 0);
                                   if (found.empty()) return Fail(CardNotFound("cards.get"));
                                   return std::move(found.front());
                                 });
}

Result<std::vector<CardRecord>> SqlCardRepository::List(std::string_view regency_code,
                                                        std::int64_t program_id,
                                                        std::int64_t worker_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<CardRecord>>(
      "cards.list", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<CardRecord>> {
        return ReadCards(s, std::string(regency_code), 0, program_id, worker_id);
      });
}

Status SqlCardRepository::Revoke(std::string_view regency_code, std::int64_t id,
                                 std::string_view reason, std::int64_t at_us) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  if (reason.empty()) return Fail(Error::InvalidArgument("alasan pencabutan kartu kosong"));
  return runner_.Run<void>("cards.revoke", CallMode::kWrite, [&](soci::session& s) -> Status {
    std::string regency(regency_code), why(reason);
    long long card = id, revoked = 0, at = at_us != 0 ? at_us : ToMicros(clock_->Now());
    soci::indicator ind = soci::i_null;
    s << "SELECT revoked_at FROM cards WHERE regency_code = :r AND id = :id", use(regency),
        use(card), into(revoked, ind);
    if (!s.got_data() || ind != soci::i_ok) return Fail(CardNotFound("cards.revoke"));
    if (revoked != 0) {
      return Fail(Error::FailedPrecondition("kartu sudah dicabut", "op=cards.revoke"));
    }
    s << "UPDATE cards SET revoked_at = :t, revoke_reason = :why WHERE regency_code = :r AND "
         "id = :id",
        use(at), use(why), use(regency), use(card);
    return {};
  });
}

Result<std::int64_t> SqlCardRepository::RevokeActive(std::string_view regency_code,
                                                     std::int64_t worker_id,
                                                     std::int64_t program_id,
                                                     std::string_view reason, std::int64_t at_us) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (reason.empty()) return Fail(Error::InvalidArgument("alasan pencabutan kartu kosong"));
  return runner_.Run<std::int64_t>(
      "cards.revoke_active", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        std::string regency(regency_code), why(reason);
        long long worker = worker_id, program = program_id;
        long long at = at_us != 0 ? at_us : ToMicros(clock_->Now());
        soci::statement st =
            (s.prepare << "UPDATE cards SET revoked_at = :t, revoke_reason = :why WHERE "
                          "regency_code = :r AND worker_id = :w AND program_id = :p AND "
                          "revoked_at = 0",
             use(at), use(why), use(regency), use(worker), use(program));
        st.execute(true);
        return static_cast<std::int64_t>(st.get_affected_rows());
      });
}

}  // namespace jaring::storage::sql
