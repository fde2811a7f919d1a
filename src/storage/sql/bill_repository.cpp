// Design notes
//  - Lines go in multi-row INSERTs (a bill has a line per covered worker, tens of thousands).
//  - The version is read and written in the same savepoint; the UNIQUE (regency, program,
//    period, version) constraint refuses a concurrent second insert of the same version.
#include "storage/sql/bill_repository.hpp"

#include "storage/sql/account_repository.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/multi_row.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr std::size_t kRowsPerStatement = 500;

constexpr char kColumns[] =
    "SELECT id, regency_code, program_id, period, version, settled_id, policy_version, workers, "
    "total, by_source_json, proration, CAST(due_date AS TEXT), actor, created_at FROM bills "
    "WHERE regency_code = :r AND program_id = :p";

// Runs `sql` (kColumns or the same columns with other conditions) with the regency, the second
// parameter (a program or a bill id) and the month when given.
std::vector<BillRecord> Read(soci::session& s, const std::string& sql, std::string regency,
                             long long program, std::optional<std::string> period) {
  std::vector<BillRecord> out;
  BillRecord b;
  long long id = 0, program_id = 0, settled = 0, workers = 0, total = 0, created = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << sql);
  prepare, into(id), into(b.regency_code), into(program_id), into(b.period), into(b.version),
      into(settled), into(b.policy_version), into(workers), into(total), into(b.by_source_json),
      into(b.proration), into(b.due_date), into(b.actor), into(created), use(regency), use(program);
  std::string month = period.value_or("");
  if (period) prepare, use(month);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    b.id = id;
    b.program_id = program_id;
    b.settled_id = settled;
    b.workers = workers;
    b.total = total;
    b.created_at_us = created;
    out.push_back(b);
  }
  return out;
}

struct LineValues {
  std::string regency, kpj, by_source;
  long long bill = 0, worker = 0, coverage = 0, jkk = 0, jkm = 0, jht = 0, amount = 0;
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(regency), use(bill), use(worker), use(coverage), use(kpj), use(jkk), use(jkm), use(jht),
        use(amount), use(by_source);
  }
};

}  // namespace

Result<BillRecord> SqlBillRepository::Insert(const BillRecord& bill,
                                             std::span<const BillLineRecord> lines) {
  if (auto ok = CheckRegency(bill.regency_code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckPeriod(bill.period); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckJson(bill.by_source_json, "by_source_json"); !ok)
    return Fail(ok.error());
  if (auto ok = verval::CheckDate(bill.due_date, "due_date"); !ok || bill.due_date.empty())
    return Fail(Error::InvalidArgument("tanggal jatuh tempo tidak sah", "due_date"));
  for (const auto& line : lines) {
    if (line.amount != line.jkk + line.jkm + line.jht) {
      return Fail(Error::InvalidArgument("baris tagihan tidak berjumlah", "amount"));
    }
    if (auto ok = verval::CheckJson(line.by_source_json, "by_source_json"); !ok)
      return Fail(ok.error());
  }
  return runner_.Run<BillRecord>(
      "bills.insert", CallMode::kWrite, [&](soci::session& s) -> Result<BillRecord> {
        BillRecord out = bill;
        std::string regency = bill.regency_code, period = bill.period;
        long long program = bill.program_id;
        int newest = 0;
        soci::indicator ind = soci::i_null;
        s << "SELECT MAX(version) FROM bills WHERE regency_code = :r AND program_id = :p AND "
             "period = :m",
            use(regency), use(program), use(period), into(newest, ind);
        out.version = ind == soci::i_ok ? newest + 1 : 1;
        out.created_at_us = bill.created_at_us != 0 ? bill.created_at_us : ToMicros(clock_->Now());
        long long settled = bill.settled_id, workers = bill.workers, total = bill.total,
                  created = out.created_at_us, id = 0;
        s << "INSERT INTO bills (regency_code, program_id, period, version, settled_id, "
             "policy_version, workers, total, by_source_json, proration, due_date, actor, "
             "created_at) VALUES (:r, :p, :m, :v, :s, :pv, :w, :t, :b, :pr, :d, :a, :c) "
             "RETURNING id",
            use(regency), use(program), use(period), use(out.version), use(settled),
            use(bill.policy_version), use(workers), use(total), use(bill.by_source_json),
            use(bill.proration), use(bill.due_date), use(bill.actor), use(created), into(id);
        out.id = id;
        InsertRows<LineValues, 10>(
            s, runner_.engine(), lines.size(), kRowsPerStatement,
            "INSERT INTO bill_lines (regency_code, bill_id, worker_id, coverage_id, kpj, jkk, jkm, "
            "jht, amount, by_source_json) VALUES ",
            [&](std::size_t i, LineValues& v) {
              const BillLineRecord& l = lines[i];
              v.regency = regency;
              v.bill = id;
              v.worker = l.worker_id;
              v.coverage = l.coverage_id;
              v.kpj = l.kpj;
              v.jkk = l.jkk;
              v.jkm = l.jkm;
              v.jht = l.jht;
              v.amount = l.amount;
              v.by_source = l.by_source_json;
            });
        return out;
      });
}

Result<std::optional<BillRecord>> SqlBillRepository::Latest(std::string_view regency_code,
                                                            std::int64_t program_id,
                                                            std::string_view period) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::optional<BillRecord>>(
      "bills.latest", CallMode::kRead, [&](soci::session& s) -> Result<std::optional<BillRecord>> {
        auto found = Read(s, std::string(kColumns) + " AND period = :m ORDER BY version DESC",
                          std::string(regency_code), program_id, std::string(period));
        if (found.empty()) return std::optional<BillRecord>();
        return std::optional<BillRecord>(std::move(found.front()));
      });
}

Result<BillRecord> SqlBillRepository::Get(std::string_view regency_code, std::int64_t bill_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<BillRecord>(
      "bills.get", CallMode::kRead, [&](soci::session& s) -> Result<BillRecord> {
        std::string sql = kColumns;
        sql.replace(sql.find("program_id = :p"), 15, "id = :p");
        auto found = Read(s, sql, std::string(regency_code), bill_id, std::nullopt);
        if (found.empty()) return Fail(Error::NotFound("tagihan tidak ditemukan"));
        return std::move(found.front());
      });
}

Result<std::vector<BillRecord>> SqlBillRepository::List(std::string_view regency_code,
                                                        std::int64_t program_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<BillRecord>>(
      "bills.list", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<BillRecord>> {
        auto all = Read(s, std::string(kColumns) + " ORDER BY period, version DESC",
                        std::string(regency_code), program_id, std::nullopt);
        std::vector<BillRecord> newest;
        for (auto& b : all) {
          if (newest.empty() || newest.back().period != b.period) newest.push_back(std::move(b));
        }
        return newest;
      });
}

Result<std::vector<BillLineRecord>> SqlBillRepository::Lines(std::string_view regency_code,
                                                             std::int64_t bill_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<BillLineRecord>>(
      "bills.lines", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<BillLineRecord>> {
        std::vector<BillLineRecord> out;
        BillLineRecord l;
        long long worker = 0, coverage = 0, jkk = 0, jkm = 0, jht = 0, amount = 0, bill = bill_id;
        std::string regency(regency_code);
        soci::statement st =
            (s.prepare << "SELECT worker_id, coverage_id, kpj, jkk, jkm, jht, amount, "
                          "by_source_json FROM bill_lines WHERE regency_code = :r AND bill_id = "
                          ":b ORDER BY worker_id",
             into(worker), into(coverage), into(l.kpj), into(jkk), into(jkm), into(jht),
             into(amount), into(l.by_source_json), use(regency), use(bill));
        st.execute();
        while (st.fetch()) {
          l.worker_id = worker;
          l.coverage_id = coverage;
          l.jkk = jkk;
          l.jkm = jkm;
          l.jht = jht;
          l.amount = amount;
          out.push_back(l);
        }
        return out;
      });
}

}  // namespace jaring::storage::sql
