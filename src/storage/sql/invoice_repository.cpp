// Design notes
//  - Lines go in multi-row INSERTs: an invoice against a large bill can differ on many lines
//    (a whole month unbilled is one line per worker).
//  - Resolve changes one open line in one UPDATE guarded by its state, so two people resolving
//    the same line at once cannot both succeed.
#include "storage/sql/invoice_repository.hpp"

#include "storage/sql/account_repository.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/multi_row.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr std::size_t kRowsPerStatement = 500;

constexpr char kInvoiceColumns[] =
    "SELECT id, regency_code, program_id, period, bill_id, file_name, checksum, invoice_lines, "
    "invoice_total, counts_json, actor, created_at FROM invoices WHERE regency_code = :r";

// Runs `sql` (kInvoiceColumns and a tail) with the regency and `bind`'s parameters.
template <typename Bind>
std::vector<InvoiceRecord> ReadInvoices(soci::session& s, const std::string& sql,
                                        std::string regency, Bind&& bind) {
  std::vector<InvoiceRecord> out;
  InvoiceRecord v;
  long long id = 0, program = 0, bill = 0, lines = 0, total = 0, created = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << sql);
  prepare, into(id), into(v.regency_code), into(program), into(v.period), into(bill),
      into(v.file_name), into(v.checksum), into(lines), into(total), into(v.counts_json),
      into(v.actor), into(created), use(regency);
  bind(prepare);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    v.id = id;
    v.program_id = program;
    v.bill_id = bill;
    v.invoice_lines = lines;
    v.invoice_total = total;
    v.created_at_us = created;
    out.push_back(v);
  }
  return out;
}

struct LineValues {
  std::string regency, kind, nik, kpj, name;
  long long invoice = 0, line_no = 0, source_line = 0, worker = 0, billed = 0, expected = 0;
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(regency), use(invoice), use(line_no), use(kind), use(source_line), use(worker), use(nik),
        use(kpj), use(name), use(billed), use(expected);
  }
};

constexpr char kLineColumns[] =
    "SELECT line_no, kind, source_line, worker_id, nik, kpj, name, billed, expected, state, "
    "reason, resolved_by, resolved_at FROM reconciliation_lines WHERE regency_code = :r AND "
    "invoice_id = :i";

template <typename Bind>
std::vector<ReconciliationLineRecord> ReadLines(soci::session& s, const std::string& sql,
                                                std::string regency, long long invoice,
                                                Bind&& bind) {
  std::vector<ReconciliationLineRecord> out;
  ReconciliationLineRecord l;
  long long line_no = 0, source = 0, worker = 0, billed = 0, expected = 0, resolved_at = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << sql);
  prepare, into(line_no), into(l.kind), into(source), into(worker), into(l.nik), into(l.kpj),
      into(l.name), into(billed), into(expected), into(l.state), into(l.reason),
      into(l.resolved_by), into(resolved_at), use(regency), use(invoice);
  bind(prepare);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    l.line_no = line_no;
    l.source_line = source;
    l.worker_id = worker;
    l.billed = billed;
    l.expected = expected;
    l.resolved_at_us = resolved_at;
    out.push_back(l);
  }
  return out;
}

}  // namespace

Result<InvoiceRecord> SqlInvoiceRepository::Insert(
    const InvoiceRecord& invoice, std::span<const ReconciliationLineRecord> lines) {
  if (auto ok = CheckRegency(invoice.regency_code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckPeriod(invoice.period); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckJson(invoice.counts_json, "counts_json"); !ok) return Fail(ok.error());
  if (invoice.checksum.empty())
    return Fail(Error::InvalidArgument("checksum berkas tagihan kosong", "checksum"));
  return runner_.Run<InvoiceRecord>(
      "invoices.insert", CallMode::kWrite, [&](soci::session& s) -> Result<InvoiceRecord> {
        InvoiceRecord out = invoice;
        out.created_at_us =
            invoice.created_at_us != 0 ? invoice.created_at_us : ToMicros(clock_->Now());
        long long program = invoice.program_id, bill = invoice.bill_id,
                  count = invoice.invoice_lines, total = invoice.invoice_total,
                  created = out.created_at_us, id = 0;
        s << "INSERT INTO invoices (regency_code, program_id, period, bill_id, file_name, "
             "checksum, invoice_lines, invoice_total, counts_json, actor, created_at) VALUES "
             "(:r, :p, :m, :b, :f, :c, :n, :t, :j, :a, :at) RETURNING id",
            use(invoice.regency_code), use(program), use(invoice.period), use(bill),
            use(invoice.file_name), use(invoice.checksum), use(count), use(total),
            use(invoice.counts_json), use(invoice.actor), use(created), into(id);
        out.id = id;
        InsertRows<LineValues, 11>(
            s, runner_.engine(), lines.size(), kRowsPerStatement,
            "INSERT INTO reconciliation_lines (regency_code, invoice_id, line_no, kind, "
            "source_line, worker_id, nik, kpj, name, billed, expected) VALUES ",
            [&](std::size_t i, LineValues& v) {
              const ReconciliationLineRecord& l = lines[i];
              v.regency = invoice.regency_code;
              v.invoice = id;
              v.line_no = l.line_no;
              v.kind = l.kind;
              v.source_line = l.source_line;
              v.worker = l.worker_id;
              v.nik = l.nik;
              v.kpj = l.kpj;
              v.name = l.name;
              v.billed = l.billed;
              v.expected = l.expected;
            });
        return out;
      });
}

Result<std::optional<InvoiceRecord>> SqlInvoiceRepository::Find(std::string_view regency_code,
                                                                std::int64_t bill_id,
                                                                std::string_view checksum) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::optional<InvoiceRecord>>(
      "invoices.find", CallMode::kRead,
      [&](soci::session& s) -> Result<std::optional<InvoiceRecord>> {
        long long bill = bill_id;
        std::string sum(checksum);
        auto found =
            ReadInvoices(s, std::string(kInvoiceColumns) + " AND bill_id = :b AND checksum = :c",
                         std::string(regency_code), [&](auto& p) { p, use(bill), use(sum); });
        if (found.empty()) return std::optional<InvoiceRecord>();
        return std::optional<InvoiceRecord>(std::move(found.front()));
      });
}

Result<InvoiceRecord> SqlInvoiceRepository::Get(std::string_view regency_code, std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<InvoiceRecord>(
      "invoices.get", CallMode::kRead, [&](soci::session& s) -> Result<InvoiceRecord> {
        long long wanted = id;
        auto found = ReadInvoices(s, std::string(kInvoiceColumns) + " AND id = :i",
                                  std::string(regency_code), [&](auto& p) { p, use(wanted); });
        if (found.empty()) return Fail(Error::NotFound("tagihan BPJS tidak ditemukan"));
        return std::move(found.front());
      });
}

Result<std::optional<std::string>> SqlInvoiceRepository::RegencyOf(std::int64_t id) {
  return runner_.Run<std::optional<std::string>>(
      "invoices.regency_of", CallMode::kRead,
      [&](soci::session& s) -> Result<std::optional<std::string>> {
        long long wanted = id;
        std::string regency;
        soci::indicator ind = soci::i_null;
        s << "SELECT regency_code FROM invoices WHERE id = :id", use(wanted), into(regency, ind);
        if (!s.got_data() || ind != soci::i_ok) return std::optional<std::string>();
        return std::optional<std::string>(regency);
      });
}

Result<std::vector<InvoiceRecord>> SqlInvoiceRepository::List(std::string_view regency_code,
                                                              std::int64_t program_id,
                                                              std::optional<std::string> period) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<InvoiceRecord>>(
      "invoices.list", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<InvoiceRecord>> {
        long long program = program_id;
        std::string month = period.value_or("");
        if (period) {
          return ReadInvoices(s,
                              std::string(kInvoiceColumns) +
                                  " AND program_id = :p AND period = :m ORDER BY id DESC",
                              std::string(regency_code),
                              [&](auto& p) { p, use(program), use(month); });
        }
        return ReadInvoices(s,
                            std::string(kInvoiceColumns) + " AND program_id = :p ORDER BY id DESC",
                            std::string(regency_code), [&](auto& p) { p, use(program); });
      });
}

Result<std::vector<ReconciliationLineRecord>> SqlInvoiceRepository::Lines(
    std::string_view regency_code, std::int64_t invoice_id,
    const ReconciliationLineFilter& filter) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (filter.offset < 0 || filter.limit < 0)
    return Fail(Error::InvalidArgument("offset dan limit tidak boleh negatif"));
  return runner_.Run<std::vector<ReconciliationLineRecord>>(
      "invoices.lines", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<ReconciliationLineRecord>> {
        std::string sql = kLineColumns;
        if (!filter.kind.empty()) sql += " AND kind = :k";
        if (!filter.state.empty()) sql += " AND state = :s";
        sql += " ORDER BY line_no";
        long long limit = filter.limit, offset = filter.offset;
        if (filter.limit > 0) sql += " LIMIT :l OFFSET :o";
        std::string kind = filter.kind, state = filter.state;
        return ReadLines(s, sql, std::string(regency_code), invoice_id, [&](auto& p) {
          if (!kind.empty()) p, use(kind);
          if (!state.empty()) p, use(state);
          if (limit > 0) p, use(limit), use(offset);
        });
      });
}

Result<std::map<std::string, std::int64_t>> SqlInvoiceRepository::CountByState(
    std::string_view regency_code, std::int64_t invoice_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::map<std::string, std::int64_t>>(
      "invoices.count", CallMode::kRead,
      [&](soci::session& s) -> Result<std::map<std::string, std::int64_t>> {
        std::map<std::string, std::int64_t> out = {{"open", 0}, {"resolved", 0}};
        std::string regency(regency_code), state;
        long long invoice = invoice_id, count = 0;
        soci::statement st =
            (s.prepare << "SELECT state, COUNT(*) FROM reconciliation_lines WHERE regency_code = "
                          ":r AND invoice_id = :i GROUP BY state",
             into(state), into(count), use(regency), use(invoice));
        st.execute();
        while (st.fetch()) out[state] = count;
        return out;
      });
}

Result<ReconciliationLineRecord> SqlInvoiceRepository::Resolve(std::string_view regency_code,
                                                               std::int64_t invoice_id,
                                                               std::int64_t line_no,
                                                               std::string_view reason,
                                                               std::string_view actor) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<ReconciliationLineRecord>(
      "invoices.resolve", CallMode::kWrite,
      [&](soci::session& s) -> Result<ReconciliationLineRecord> {
        std::string regency(regency_code), why(reason), who(actor);
        long long invoice = invoice_id, line = line_no, at = ToMicros(clock_->Now());
        soci::statement update =
            (s.prepare << "UPDATE reconciliation_lines SET state = 'resolved', reason = :why, "
                          "resolved_by = :who, resolved_at = :at WHERE regency_code = :r AND "
                          "invoice_id = :i AND line_no = :l AND state = 'open'",
             use(why), use(who), use(at), use(regency), use(invoice), use(line));
        update.execute(true);
        const bool changed = update.get_affected_rows() == 1;
        auto found = ReadLines(s, std::string(kLineColumns) + " AND line_no = :l", regency, invoice,
                               [&](auto& p) { p, use(line); });
        if (found.empty()) return Fail(Error::NotFound("baris rekonsiliasi tidak ditemukan"));
        if (!changed) {
          return Fail(Error::FailedPrecondition("baris rekonsiliasi " + std::to_string(line_no) +
                                                " sudah diselesaikan"));
        }
        return std::move(found.front());
      });
}

}  // namespace jaring::storage::sql
