#include "storage/sql/payment_repository.hpp"

#include "storage/sql/account_repository.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr char kColumns[] =
    "SELECT id, regency_code, program_id, period, bill_id, amount, CAST(paid_on AS TEXT), "
    "reference, funding_source, actor, created_at FROM payments WHERE regency_code = :r";

template <typename Bind>
std::vector<PaymentRecord> Read(soci::session& s, const std::string& sql, std::string regency,
                                Bind&& bind) {
  std::vector<PaymentRecord> out;
  PaymentRecord p;
  long long id = 0, program = 0, bill = 0, amount = 0, created = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << sql);
  prepare, into(id), into(p.regency_code), into(program), into(p.period), into(bill), into(amount),
      into(p.paid_on), into(p.reference), into(p.funding_source), into(p.actor), into(created),
      use(regency);
  bind(prepare);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    p.id = id;
    p.program_id = program;
    p.bill_id = bill;
    p.amount = amount;
    p.created_at_us = created;
    out.push_back(p);
  }
  return out;
}

}  // namespace

Result<PaymentRecord> SqlPaymentRepository::Insert(const PaymentRecord& payment) {
  if (auto ok = CheckRegency(payment.regency_code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckPeriod(payment.period); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckDate(payment.paid_on, "paid_on"); !ok || payment.paid_on.empty())
    return Fail(Error::InvalidArgument("tanggal pembayaran tidak sah", "paid_on"));
  if (payment.amount <= 0)
    return Fail(Error::InvalidArgument("jumlah pembayaran harus lebih dari nol", "amount"));
  if (payment.reference.empty())
    return Fail(Error::InvalidArgument("nomor referensi pembayaran kosong", "reference"));
  return runner_.Run<PaymentRecord>(
      "payments.insert", CallMode::kWrite, [&](soci::session& s) -> Result<PaymentRecord> {
        PaymentRecord out = payment;
        out.created_at_us =
            payment.created_at_us != 0 ? payment.created_at_us : ToMicros(clock_->Now());
        long long program = payment.program_id, bill = payment.bill_id, amount = payment.amount,
                  created = out.created_at_us, id = 0;
        s << "INSERT INTO payments (regency_code, program_id, period, bill_id, amount, paid_on, "
             "reference, funding_source, actor, created_at) VALUES (:r, :p, :m, :b, :a, :d, "
             ":ref, :src, :who, :c) RETURNING id",
            use(payment.regency_code), use(program), use(payment.period), use(bill), use(amount),
            use(payment.paid_on), use(payment.reference), use(payment.funding_source),
            use(payment.actor), use(created), into(id);
        out.id = id;
        return out;
      });
}

Result<std::optional<PaymentRecord>> SqlPaymentRepository::ByReference(
    std::string_view regency_code, std::string_view reference) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::optional<PaymentRecord>>(
      "payments.by_reference", CallMode::kRead,
      [&](soci::session& s) -> Result<std::optional<PaymentRecord>> {
        std::string ref(reference);
        auto found = Read(s, std::string(kColumns) + " AND reference = :ref",
                          std::string(regency_code), [&](auto& p) { p, use(ref); });
        if (found.empty()) return std::optional<PaymentRecord>();
        return std::optional<PaymentRecord>(std::move(found.front()));
      });
}

Result<std::vector<PaymentRecord>> SqlPaymentRepository::List(std::string_view regency_code,
                                                              std::int64_t program_id,
                                                              std::optional<std::string> period) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<PaymentRecord>>(
      "payments.list", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<PaymentRecord>> {
        long long program = program_id;
        std::string month = period.value_or("");
        if (period) {
          return Read(
              s,
              std::string(kColumns) + " AND program_id = :p AND period = :m ORDER BY paid_on, id",
              std::string(regency_code), [&](auto& p) { p, use(program), use(month); });
        }
        return Read(s, std::string(kColumns) + " AND program_id = :p ORDER BY period, paid_on, id",
                    std::string(regency_code), [&](auto& p) { p, use(program); });
      });
}

}  // namespace jaring::storage::sql
