// Design notes
//  - Months and arrears are computed when asked, from the bills and the payments: there is no
//    stored balance that could drift from them.
//  - Arrears read the lines of overdue months only (normally none or a few), and the registry
//    only for the page of workers shown.
#include "services/payment_service.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "auth/nik_mask.hpp"
#include "domain/date_format.hpp"
#include "domain/period.hpp"
#include "formats/xlsx_writer.hpp"
#include "intake/values.hpp"
#include "policy/version.hpp"
#include "services/dashboard_service.hpp"
#include "services/enrolment_internal.hpp"
#include "services/monev_snapshot.hpp"

namespace jaring::services {
namespace {

using auth::Permission;
using domain::Money;
using domain::Period;
using Date = std::chrono::year_month_day;

PaymentView ViewOf(const storage::PaymentRecord& r) {
  PaymentView v;
  v.id = r.id;
  v.program_id = r.program_id;
  v.bill_id = r.bill_id;
  v.period = r.period;
  v.amount = Money::Rupiah(r.amount);
  v.paid_on = r.paid_on;
  v.reference = r.reference;
  v.funding_source = r.funding_source;
  v.actor = r.actor;
  v.created_at = domain::FormatIsoTimestamp(enrolment::FromMicros(r.created_at_us));
  return v;
}

int LevelRank(const std::string& level) {
  return level == "lapsed" ? 0 : level == "warning" ? 1 : 2;
}

// The months' accounts as of `today`, from the newest bills and the payments made by then.
std::vector<MonthAccountView> Accounts(const std::vector<storage::BillRecord>& bills,
                                       const std::vector<storage::PaymentRecord>& payments,
                                       const std::string& today) {
  std::map<std::string, std::int64_t> paid;
  for (const auto& p : payments) {
    if (p.paid_on <= today) paid[p.period] += p.amount;
  }
  std::vector<MonthAccountView> out;
  for (const auto& b : bills) {
    MonthAccountView m;
    m.period = b.period;
    m.bill_id = b.id;
    m.version = b.version;
    m.workers = b.workers;
    m.total = Money::Rupiah(b.total);
    m.paid = Money::Rupiah(paid[b.period]);
    m.outstanding = Money::Rupiah(std::max<std::int64_t>(0, b.total - paid[b.period]));
    m.due_date = b.due_date;
    m.state = m.outstanding.rupiah() == 0 ? "paid" : today <= b.due_date ? "not_due" : "overdue";
    out.push_back(std::move(m));
  }
  return out;
}

// Program, bills, payments and the accounts as of a day: what Months and Arrears both read.
struct Ledger {
  storage::ProgramRecord program;
  std::vector<MonthAccountView> months;
};

Result<Ledger> ReadLedger(storage::Transaction& tx, std::string_view regency,
                          std::int64_t program_id, const std::string& today) {
  auto program = enrolment::GetProgram(tx, regency, program_id);
  if (!program) return Fail(std::move(program.error()));
  auto bills = tx.Bills().List(regency, program_id);
  if (!bills) return Fail(std::move(bills.error()));
  auto payments = tx.Payments().List(regency, program_id, std::nullopt);
  if (!payments) return Fail(std::move(payments.error()));
  return Ledger{std::move(*program), Accounts(*bills, *payments, today)};
}

// A worker's overdue months, gathered from the overdue bills' lines.
struct Owed {
  std::vector<Period> months;
  std::int64_t amount = 0;
  std::string kpj;
};

// Everyone in arrears, most urgent first (no names yet).
std::vector<ArrearsWorkerView> Classify(const std::unordered_map<std::int64_t, Owed>& owed,
                                        int limit, int due_day) {
  std::vector<ArrearsWorkerView> out;
  out.reserve(owed.size());
  for (const auto& [worker, o] : owed) {
    std::vector<Period> months = o.months;
    std::sort(months.begin(), months.end());
    std::size_t first = months.size() - 1;
    while (first > 0 && months[first - 1] == months[first].Previous()) --first;
    ArrearsWorkerView v;
    v.worker_id = worker;
    v.kpj = o.kpj;
    v.months = static_cast<int>(months.size() - first);
    v.months_total = static_cast<int>(months.size());
    v.first_month = months[first].ToString();
    v.amount = Money::Rupiah(o.amount);
    v.level = v.months > limit ? "lapsed" : v.months >= limit - 1 ? "warning" : "arrears";
    v.lapses_on = domain::FormatIsoDate(months[first].Plus(limit).Day(due_day));
    out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (LevelRank(a.level) != LevelRank(b.level)) return LevelRank(a.level) < LevelRank(b.level);
    if (a.months != b.months) return a.months > b.months;
    return a.worker_id < b.worker_id;
  });
  return out;
}

}  // namespace

nlohmann::ordered_json ToJson(const PaymentView& p) {
  return {{"id", p.id},
          {"program_id", p.program_id},
          {"period", p.period},
          {"bill_id", p.bill_id},
          {"amount", p.amount.rupiah()},
          {"paid_on", p.paid_on},
          {"reference", p.reference},
          {"funding_source", p.funding_source},
          {"actor", p.actor},
          {"created_at", p.created_at},
          {"repeated", p.repeated}};
}

nlohmann::ordered_json ToJson(const MonthAccountView& m) {
  return {{"period", m.period},
          {"bill_id", m.bill_id},
          {"version", m.version},
          {"workers", m.workers},
          {"total", m.total.rupiah()},
          {"paid", m.paid.rupiah()},
          {"outstanding", m.outstanding.rupiah()},
          {"due_date", m.due_date},
          {"state", m.state}};
}

nlohmann::ordered_json ToJson(const ArrearsWorkerView& w) {
  return {{"worker_id", w.worker_id},
          {"nik", w.nik},
          {"name", w.name},
          {"village_code", w.village_code},
          {"kpj", w.kpj},
          {"months", w.months},
          {"months_total", w.months_total},
          {"first_month", w.first_month},
          {"amount", w.amount.rupiah()},
          {"level", w.level},
          {"lapses_on", w.lapses_on}};
}

nlohmann::ordered_json ToJson(const ArrearsView& a) {
  nlohmann::ordered_json months = nlohmann::ordered_json::array();
  for (const auto& m : a.months) months.push_back(ToJson(m));
  nlohmann::ordered_json workers = nlohmann::ordered_json::array();
  for (const auto& w : a.workers) workers.push_back(ToJson(w));
  return {{"as_of", a.as_of},
          {"limit_months", a.limit_months},
          {"workers_in_arrears", a.workers_in_arrears},
          {"warnings", a.warnings},
          {"lapsed", a.lapsed},
          {"outstanding", a.outstanding.rupiah()},
          {"months", std::move(months)},
          {"workers", std::move(workers)}};
}

// Today where the money is paid (WIB): from 17:00 UTC the treasurer's date is already tomorrow's,
// and a payment made that evening must not be refused as not yet made.
Date PaymentService::Today() const { return TodayInWib(clock_); }

Result<PaymentView> PaymentService::Add(const PaymentRequest& request, const Actor& actor) {
  const std::string& regency = request.regency_code;
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency))
    return Fail(enrolment::ProgramNotFound(request.program_id));
  if (auto ok = enrolment::RequireFinance(actor, regency, "mencatat pembayaran"); !ok)
    return Fail(ok.error());
  auto month = enrolment::ParseMonth(request.period);
  if (!month) return Fail(std::move(month.error()));
  auto paid_on = domain::ParseIsoDate(request.paid_on);
  if (!paid_on) {
    return Fail(Error::InvalidArgument("Tanggal bayar harus berbentuk YYYY-MM-DD, bukan \"" +
                                       request.paid_on + "\""));
  }
  if (*paid_on > Today()) {
    return Fail(Error::InvalidArgument("Tanggal bayar " + domain::FormatDateIndonesian(*paid_on) +
                                       " belum terjadi: catat pembayaran setelah dibayar"));
  }
  if (request.amount.rupiah() <= 0) {
    return Fail(Error::InvalidArgument("Jumlah pembayaran harus lebih dari Rp 0"));
  }
  const std::string reference = intake::CollapseSpaces(request.reference);
  if (reference.empty() || reference.size() > 100) {
    return Fail(Error::InvalidArgument(
        "Tulis nomor referensi pembayaran (SP2D atau bukti transfer), paling banyak 100 huruf"));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = enrolment::GetProgram(**tx, regency, request.program_id);
  if (!program) return Fail(std::move(program.error()));
  std::string source = request.funding_source;
  if (!source.empty()) {
    const bool known = std::any_of(program->funding.begin(), program->funding.end(),
                                   [&](const auto& f) { return f.source == source; });
    if (!known) {
      std::string names;
      for (const auto& f : program->funding) names += (names.empty() ? "" : ", ") + f.source;
      return Fail(Error::InvalidArgument("Sumber dana " + source + " bukan sumber program ini (" +
                                         names + ")"));
    }
  } else if (program->funding.size() == 1) {
    source = program->funding.front().source;
  }
  if (auto same = (*tx)->Payments().ByReference(regency, reference); !same) {
    return Fail(std::move(same.error()));
  } else if (*same) {
    const auto& p = **same;
    if (p.program_id == request.program_id && p.period == month->ToString() &&
        p.amount == request.amount.rupiah() && p.paid_on == request.paid_on &&
        p.funding_source == source) {
      PaymentView view = ViewOf(p);
      view.repeated = true;
      return view;
    }
    return Fail(Error::AlreadyExists("Referensi " + reference + " sudah dipakai untuk pembayaran " +
                                     domain::FormatRupiah(Money::Rupiah(p.amount)) + " bulan " +
                                     Period::Parse(p.period)->ToIndonesian()));
  }
  auto bill = (*tx)->Bills().Latest(regency, request.program_id, month->ToString());
  if (!bill) return Fail(std::move(bill.error()));
  if (!*bill) {
    return Fail(Error::FailedPrecondition("Belum ada tagihan " + month->ToIndonesian() +
                                          ": pembayaran dicatat terhadap tagihan yang terbit"));
  }
  auto earlier = (*tx)->Payments().List(regency, request.program_id, month->ToString());
  if (!earlier) return Fail(std::move(earlier.error()));
  std::int64_t paid = 0;
  for (const auto& p : *earlier) paid += p.amount;
  const std::int64_t outstanding = (*bill)->total - paid;
  if (request.amount.rupiah() > outstanding) {
    return Fail(Error::FailedPrecondition(
        "Pembayaran " + domain::FormatRupiah(request.amount) + " melebihi sisa tagihan " +
        month->ToIndonesian() + " (" + domain::FormatRupiah(Money::Rupiah(outstanding)) + " dari " +
        domain::FormatRupiah(Money::Rupiah((*bill)->total)) + ")"));
  }
  storage::PaymentRecord record;
  record.regency_code = regency;
  record.program_id = request.program_id;
  record.period = month->ToString();
  record.bill_id = (*bill)->id;
  record.amount = request.amount.rupiah();
  record.paid_on = domain::FormatIsoDate(*paid_on);
  record.reference = reference;
  record.funding_source = source;
  record.actor = actor.name;
  auto stored = (*tx)->Payments().Insert(record);
  if (!stored) return Fail(std::move(stored.error()));
  // A month paid in full counts toward BPJS's six paid months from here on.
  if (auto ok = monev::RecountCover(**tx, regency, record.period); !ok) return Fail(ok.error());
  PaymentView view = ViewOf(*stored);
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = ToJson(view);
    after.erase("repeated");
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kCreate, "payment",
                                 std::to_string(stored->id), regency, "", after.dump()));
        !ok)
      return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<std::vector<PaymentView>> PaymentService::List(std::string_view regency_code,
                                                      std::int64_t program_id, const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(enrolment::ProgramNotFound(program_id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto program = enrolment::GetProgram(**tx, regency_code, program_id); !program)
    return Fail(std::move(program.error()));
  auto payments = (*tx)->Payments().List(regency_code, program_id, std::nullopt);
  if (!payments) return Fail(std::move(payments.error()));
  std::vector<PaymentView> out;
  for (const auto& p : *payments) out.push_back(ViewOf(p));
  return out;
}

Result<std::vector<MonthAccountView>> PaymentService::Months(std::string_view regency_code,
                                                             std::int64_t program_id,
                                                             std::optional<Date> as_of,
                                                             const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(enrolment::ProgramNotFound(program_id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto ledger =
      ReadLedger(**tx, regency_code, program_id, domain::FormatIsoDate(as_of.value_or(Today())));
  if (!ledger) return Fail(std::move(ledger.error()));
  return std::move(ledger->months);
}

Result<ArrearsView> PaymentService::Arrears(std::string_view regency_code, std::int64_t program_id,
                                            std::optional<Date> as_of, Page page,
                                            const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(enrolment::ProgramNotFound(program_id));
  if (page.offset < 0 || page.limit < 0)
    return Fail(Error::InvalidArgument("offset dan limit tidak boleh negatif"));
  const Date day = as_of.value_or(Today());
  auto book = policy_.Book();
  if (!book) return Fail(std::move(book.error()));
  auto terms = book->RulesFor<policy::PaymentTerms>(Period::Of(day));
  const int limit = terms ? (*terms)->arrears_limit_months : 3;
  const int due_day = terms ? (*terms)->due_day : 15;

  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto ledger = ReadLedger(**tx, regency_code, program_id, domain::FormatIsoDate(day));
  if (!ledger) return Fail(std::move(ledger.error()));
  ArrearsView out;
  out.as_of = domain::FormatIsoDate(day);
  out.limit_months = limit;
  out.months = ledger->months;
  std::unordered_map<std::int64_t, Owed> owed;
  std::int64_t outstanding = 0;
  for (const auto& m : ledger->months) {
    if (m.state != "overdue") continue;
    outstanding += m.outstanding.rupiah();
    auto lines = (*tx)->Bills().Lines(regency_code, m.bill_id);
    if (!lines) return Fail(std::move(lines.error()));
    const Period month = *Period::Parse(m.period);
    for (const auto& l : *lines) {
      Owed& o = owed[l.worker_id];
      o.months.push_back(month);
      o.amount += l.amount;
      o.kpj = l.kpj;
    }
  }
  out.outstanding = Money::Rupiah(outstanding);
  std::vector<ArrearsWorkerView> all = Classify(owed, limit, due_day);
  out.workers_in_arrears = static_cast<std::int64_t>(all.size());
  for (const auto& w : all) {
    out.warnings += w.level == "warning" ? 1 : 0;
    out.lapsed += w.level == "lapsed" ? 1 : 0;
  }
  const auto first = std::min<std::size_t>(static_cast<std::size_t>(page.offset), all.size());
  const auto count = page.limit == 0 ? all.size() - first
                                     : std::min<std::size_t>(static_cast<std::size_t>(page.limit),
                                                             all.size() - first);
  out.workers.assign(
      std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(first)),
      std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(first + count)));
  if (out.workers.empty()) return out;
  const bool personal = enrolment::Allowed(actor, Permission::kViewWorkers, regency_code);
  if (!personal) return out;
  const auth::NikVisibility visibility =
      actor.principal ? auth::NikVisibilityFor(*actor.principal, regency_code)
                      : auth::NikVisibility::kFull;
  std::unordered_set<std::int64_t> ids;
  for (const auto& w : out.workers) ids.insert(w.worker_id);
  auto workers = enrolment::WorkersById(**tx, regency_code, ids);
  if (!workers) return Fail(std::move(workers.error()));
  for (auto& w : out.workers) {
    if (auto found = workers->find(w.worker_id); found != workers->end()) {
      w.nik = auth::NikForList(found->second.worker.nik, visibility);
      w.name = found->second.worker.name;
      w.village_code = found->second.worker.village_code;
    }
  }
  return out;
}

Status PaymentService::WriteArrearsXlsx(std::string_view regency_code, std::int64_t program_id,
                                        std::optional<Date> as_of, const std::filesystem::path& out,
                                        const Actor& actor) {
  if (auto ok = enrolment::Require(actor, Permission::kExportPersonalData, regency_code,
                                   "mengunduh daftar tunggakan");
      !ok)
    return ok;
  auto arrears = Arrears(regency_code, program_id, as_of, {0, 0}, actor);
  if (!arrears) return Fail(std::move(arrears.error()));
  std::stable_sort(arrears->workers.begin(), arrears->workers.end(),
                   [](const auto& a, const auto& b) { return a.village_code < b.village_code; });
  auto file = formats::XlsxWriter::Create(out.string());
  if (!file) return Fail(std::move(file.error()));
  using K = formats::XlsxColumnKind;
  const std::string rupiah = "#,##0";
  if (auto ok = file->AddSheet("Ringkasan", {{"Uraian", K::kText, 40}, {"Nilai", K::kText, 40}});
      !ok)
    return ok;
  auto row = [&](std::string_view label, std::string_view value) {
    file->Text(label).Text(value);
    file->EndRow();
  };
  const auto day = domain::ParseIsoDate(arrears->as_of);
  row("Keadaan per", day ? domain::FormatDateIndonesian(*day) : arrears->as_of);
  row("Batas tunggakan", std::to_string(arrears->limit_months) + " bulan");
  row("Pekerja menunggak", domain::FormatThousands(arrears->workers_in_arrears));
  row("Peringatan (kepesertaan akan berakhir)", domain::FormatThousands(arrears->warnings));
  row("Kepesertaan berakhir", domain::FormatThousands(arrears->lapsed));
  row("Sisa tagihan lewat jatuh tempo", domain::FormatRupiah(arrears->outstanding));
  if (auto ok = file->AddSheet("Tunggakan", {{"Desa/Kelurahan", K::kText, 16},
                                             {"NIK", K::kText, 20},
                                             {"Nama", K::kText, 28},
                                             {"No. KPJ", K::kText, 16},
                                             {"Bulan berturut-turut", K::kInteger, 10},
                                             {"Sejak", K::kText, 16},
                                             {"Jumlah", K::kInteger, 14, rupiah},
                                             {"Keadaan", K::kText, 22},
                                             {"Berakhir pada", K::kText, 20}});
      !ok)
    return ok;
  for (const auto& w : arrears->workers) {
    const auto since = Period::Parse(w.first_month);
    const auto lapses = domain::ParseIsoDate(w.lapses_on);
    file->Text(w.village_code)
        .Text(w.nik)
        .Text(w.name)
        .Text(w.kpj)
        .Integer(w.months)
        .Text(since ? since->ToIndonesian() : w.first_month)
        .Integer(w.amount.rupiah())
        .Text(w.level == "lapsed"    ? "Kepesertaan berakhir"
              : w.level == "warning" ? "Peringatan"
                                     : "Menunggak")
        .Text(lapses ? domain::FormatDateIndonesian(*lapses) : w.lapses_on);
    file->EndRow();
  }
  if (auto ok = file->Close(); !ok) return ok;
  if (trail_ == nullptr) return {};
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  const nlohmann::ordered_json after = {{"program_id", program_id},
                                        {"as_of", arrears->as_of},
                                        {"rows", arrears->workers.size()},
                                        {"file", out.filename().string()}};
  if (auto ok = trail_->Append(**tx, AuditEvent::By(actor, auth::AuditAction::kExport, "arrears",
                                                    std::to_string(program_id),
                                                    std::string(regency_code), "", after.dump()));
      !ok)
    return ok;
  return (*tx)->Commit();
}

}  // namespace jaring::services
