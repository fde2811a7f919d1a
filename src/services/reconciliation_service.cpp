// Design notes
//  - The file is read and judged before a transaction opens (a refused file stores nothing).
//  - One read of the program's coverage gives KPJ -> person; only the persons the comparison
//    may describe are read from the registry (PeopleOf), so that a million-line invoice that
//    differs on a few lines costs two linear reads, not three (docs/benchmarks.md "Bill and
//    reconciliation").
#include "services/reconciliation_service.hpp"

#include <fstream>
#include <sstream>
#include <unordered_set>

#include "auth/nik_mask.hpp"
#include "domain/date_format.hpp"
#include "domain/period.hpp"
#include "formats/csv.hpp"
#include "intake/values.hpp"
#include "services/enrolment_internal.hpp"
#include "services/invoice_file.hpp"
#include "services/reconciliation.hpp"

namespace jaring::services {
namespace {

using auth::Permission;
using domain::Period;

Error InvoiceNotFound(std::int64_t id) {
  return Error::NotFound("Tagihan BPJS " + std::to_string(id) + " tidak ditemukan");
}

std::string Iso(std::int64_t us) {
  return us == 0 ? std::string() : domain::FormatIsoTimestamp(enrolment::FromMicros(us));
}

nlohmann::ordered_json CountsJson(const std::map<std::string, std::int64_t>& counts) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const char* kind : kReconciliationKinds) {
    const auto found = counts.find(kind);
    j[kind] = found == counts.end() ? 0 : found->second;
  }
  return j;
}

std::map<std::string, std::int64_t> CountsFrom(const std::string& json) {
  std::map<std::string, std::int64_t> out;
  const auto j = nlohmann::json::parse(json, nullptr, false);
  for (const char* kind : kReconciliationKinds) {
    out[kind] = j.is_object() && j.contains(kind) && j[kind].is_number_integer()
                    ? j[kind].get<std::int64_t>()
                    : 0;
  }
  return out;
}

// Up to this many persons are looked up one by one; beyond it one pass over the registry is
// cheaper than the round trips.
constexpr std::size_t kPointLookups = 5'000;

ReconciliationPeople::Person PersonOf(const storage::RegistryRecord& r) {
  return {r.worker.nik, r.worker.name, r.death_date,
          r.worker.status == domain::WorkerStatus::kDeceased};
}

// The regency's people as the comparison needs them: the program's coverage KPJs, and NIK, name
// and death only of those it can ask about: invoice lines without a known KPJ (by NIK), persons
// named by the invoice but not on the bill, persons on the bill the invoice may leave out. A
// normal invoice carries KPJs and differs on a few lines, so these are a few point reads; an
// invoice without KPJs, or one that differs everywhere, reads the registry once instead.
Result<ReconciliationPeople> PeopleOf(storage::Transaction& tx, const std::string& regency,
                                      std::int64_t program_id, const std::vector<InvoiceRow>& rows,
                                      const std::vector<storage::BillLineRecord>& bill) {
  ReconciliationPeople people;
  auto coverage = tx.Enrolment().CoverageOfProgram(regency, program_id);
  if (!coverage) return Fail(std::move(coverage.error()));
  people.id_by_kpj.reserve(coverage->size());
  for (const auto& c : *coverage) {
    if (!c.kpj.empty()) people.id_by_kpj[c.kpj] = c.worker_id;
  }
  coverage->clear();
  coverage->shrink_to_fit();

  auto read_all = [&]() -> Status {
    people.id_by_nik.clear();
    people.by_id.clear();
    return tx.Verval().ForEachRegistryRecord(regency, [&](const storage::RegistryRecord& r) {
      if (!r.worker.nik.empty()) people.id_by_nik.emplace(r.worker.nik, r.worker.id);
      people.by_id.emplace(r.worker.id, PersonOf(r));
      return true;
    });
  };
  std::unordered_set<std::string> niks;
  for (const auto& row : rows) {
    if (!row.nik.empty() && !people.id_by_kpj.contains(row.kpj)) niks.insert(row.nik);
  }
  if (niks.size() > kPointLookups) {
    if (auto ok = read_all(); !ok) return Fail(ok.error());
    return people;
  }
  for (const auto& nik : niks) {
    if (nik.size() != 16 || nik.find_first_not_of("0123456789") != std::string::npos) continue;
    storage::WorkerQuery query;
    query.filter.nik_prefix = nik;
    query.limit = 1;
    auto found = tx.Workers().Find(regency, query);
    if (!found) return Fail(std::move(found.error()));
    if (!found->items.empty() && found->items.front().worker.nik == nik)
      people.id_by_nik.emplace(nik, found->items.front().worker.id);
  }
  // Who the comparison may need to describe.
  std::unordered_set<std::int64_t> on_bill, named, wanted;
  on_bill.reserve(bill.size());
  for (const auto& line : bill) on_bill.insert(line.worker_id);
  for (const auto& row : rows) {
    auto by_kpj = people.id_by_kpj.find(row.kpj);
    auto by_nik = people.id_by_nik.find(row.nik);
    const std::int64_t id = by_kpj != people.id_by_kpj.end()   ? by_kpj->second
                            : by_nik != people.id_by_nik.end() ? by_nik->second
                                                               : 0;
    if (id == 0) continue;
    named.insert(id);
    if (!on_bill.contains(id)) wanted.insert(id);
  }
  for (const auto id : on_bill) {
    if (!named.contains(id)) wanted.insert(id);
  }
  if (wanted.size() > kPointLookups) {
    if (auto ok = read_all(); !ok) return Fail(ok.error());
    return people;
  }
  for (const auto id : wanted) {
    auto record = tx.Verval().GetRegistryRecord(regency, id);
    if (!record) {
      if (record.error().code == ErrorCode::kNotFound) continue;  // removed since: no details
      return Fail(std::move(record.error()));
    }
    people.by_id.emplace(id, PersonOf(*record));
  }
  return people;
}

}  // namespace

nlohmann::ordered_json ToJson(const InvoiceView& v) {
  return {{"lines", CountsJson(v.counts)},    {"id", v.id},
          {"program_id", v.program_id},       {"period", v.period},
          {"file_name", v.file_name},         {"bill_id", v.bill_id},
          {"bill_version", v.bill_version},   {"bill_workers", v.bill_workers},
          {"bill_total", v.bill_total},       {"invoice_lines", v.invoice_lines},
          {"invoice_total", v.invoice_total}, {"open", v.open},
          {"resolved", v.resolved},           {"actor", v.actor},
          {"created_at", v.created_at},       {"repeated", v.repeated}};
}

nlohmann::ordered_json ToJson(const ReconciliationLineView& l) {
  return {{"line_no", l.line_no},
          {"kind", l.kind},
          {"source_line", l.source_line},
          {"worker_id", l.worker_id},
          {"nik", l.nik},
          {"kpj", l.kpj},
          {"name", l.name},
          {"billed", l.billed},
          {"expected", l.expected},
          {"state", l.state},
          {"reason", l.reason},
          {"resolved_by", l.resolved_by},
          {"resolved_at", l.resolved_at}};
}

Result<InvoiceView> ReconciliationService::ViewOf(storage::Transaction& tx,
                                                  const storage::InvoiceRecord& r) {
  InvoiceView v;
  v.id = r.id;
  v.program_id = r.program_id;
  v.period = r.period;
  v.file_name = r.file_name;
  v.bill_id = r.bill_id;
  v.invoice_lines = r.invoice_lines;
  v.invoice_total = r.invoice_total;
  v.counts = CountsFrom(r.counts_json);
  v.actor = r.actor;
  v.created_at = Iso(r.created_at_us);
  auto bill = tx.Bills().Get(r.regency_code, r.bill_id);
  if (!bill) return Fail(std::move(bill.error()));
  v.bill_version = bill->version;
  v.bill_workers = bill->workers;
  v.bill_total = bill->total;
  auto states = tx.Invoices().CountByState(r.regency_code, r.id);
  if (!states) return Fail(std::move(states.error()));
  v.open = (*states)["open"];
  v.resolved = (*states)["resolved"];
  return v;
}

Result<InvoiceView> ReconciliationService::Reconcile(const InvoiceRequest& request,
                                                     const std::filesystem::path& file,
                                                     std::string display_name, const Actor& actor) {
  const std::string& regency = request.regency_code;
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency))
    return Fail(enrolment::ProgramNotFound(request.program_id));
  if (auto ok = enrolment::RequireFinance(actor, regency, "merekonsiliasi tagihan"); !ok)
    return Fail(ok.error());
  auto month = enrolment::ParseMonth(request.period);
  if (!month) return Fail(std::move(month.error()));
  auto invoice = ReadInvoiceFile(file, std::move(display_name), *month);
  if (!invoice) return Fail(std::move(invoice.error()));

  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = enrolment::GetProgram(**tx, regency, request.program_id);
  if (!program) return Fail(std::move(program.error()));
  auto bill = (*tx)->Bills().Latest(regency, request.program_id, month->ToString());
  if (!bill) return Fail(std::move(bill.error()));
  if (!*bill) {
    return Fail(Error::FailedPrecondition("Tagihan " + month->ToIndonesian() +
                                          " belum diterbitkan: terbitkan tagihan bulan itu "
                                          "dahulu (jaring bill), lalu cocokkan"));
  }
  if (auto seen = (*tx)->Invoices().Find(regency, (*bill)->id, invoice->checksum); !seen) {
    return Fail(std::move(seen.error()));
  } else if (*seen) {
    auto view = ViewOf(**tx, **seen);
    if (view) view->repeated = true;
    return view;
  }
  auto bill_lines = (*tx)->Bills().Lines(regency, (*bill)->id);
  if (!bill_lines) return Fail(std::move(bill_lines.error()));
  auto people = PeopleOf(**tx, regency, request.program_id, invoice->rows, *bill_lines);
  if (!people) return Fail(std::move(people.error()));
  ReconciliationResult result = services::Reconcile(*bill_lines, invoice->rows, *people, *month);

  storage::InvoiceRecord record;
  record.regency_code = regency;
  record.program_id = request.program_id;
  record.period = month->ToString();
  record.bill_id = (*bill)->id;
  record.file_name = invoice->name;
  record.checksum = invoice->checksum;
  record.invoice_lines = static_cast<std::int64_t>(invoice->rows.size());
  record.invoice_total = invoice->total;
  record.counts_json = CountsJson(result.counts).dump();
  record.actor = actor.name;
  auto stored = (*tx)->Invoices().Insert(record, result.lines);
  if (!stored) return Fail(std::move(stored.error()));
  auto view = ViewOf(**tx, *stored);
  if (!view) return view;
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = ToJson(*view);
    after.erase("repeated");
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kCreate, "invoice",
                                 std::to_string(stored->id), regency, "", after.dump()));
        !ok)
      return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<InvoiceView> ReconciliationService::Get(std::string_view regency_code,
                                               std::int64_t invoice_id, const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(InvoiceNotFound(invoice_id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto invoice = (*tx)->Invoices().Get(regency_code, invoice_id);
  if (!invoice) return Fail(enrolment::Translate(invoice.error(), InvoiceNotFound(invoice_id)));
  return ViewOf(**tx, *invoice);
}

Result<std::string> ReconciliationService::RegencyOf(std::int64_t invoice_id) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto regency = (*tx)->Invoices().RegencyOf(invoice_id);
  if (!regency) return Fail(std::move(regency.error()));
  if (!*regency) return Fail(InvoiceNotFound(invoice_id));
  return **regency;
}

Result<std::vector<InvoiceView>> ReconciliationService::List(std::string_view regency_code,
                                                             std::int64_t program_id,
                                                             std::optional<std::string> period,
                                                             const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(enrolment::ProgramNotFound(program_id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = enrolment::GetProgram(**tx, regency_code, program_id);
  if (!program) return Fail(std::move(program.error()));
  auto invoices = (*tx)->Invoices().List(regency_code, program_id, std::move(period));
  if (!invoices) return Fail(std::move(invoices.error()));
  std::vector<InvoiceView> out;
  for (const auto& r : *invoices) {
    auto view = ViewOf(**tx, r);
    if (!view) return Fail(std::move(view.error()));
    out.push_back(std::move(*view));
  }
  return out;
}

Result<std::vector<ReconciliationLineView>> ReconciliationService::Lines(
    std::string_view regency_code, std::int64_t invoice_id,
    const storage::ReconciliationLineFilter& filter, const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(InvoiceNotFound(invoice_id));
  const bool personal = enrolment::Allowed(actor, Permission::kViewWorkers, regency_code);
  const auth::NikVisibility visibility =
      actor.principal ? auth::NikVisibilityFor(*actor.principal, regency_code)
                      : auth::NikVisibility::kFull;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto invoice = (*tx)->Invoices().Get(regency_code, invoice_id); !invoice)
    return Fail(enrolment::Translate(invoice.error(), InvoiceNotFound(invoice_id)));
  auto lines = (*tx)->Invoices().Lines(regency_code, invoice_id, filter);
  if (!lines) return Fail(std::move(lines.error()));
  std::vector<ReconciliationLineView> out;
  out.reserve(lines->size());
  for (const auto& l : *lines) {
    ReconciliationLineView v;
    v.line_no = l.line_no;
    v.kind = l.kind;
    v.source_line = l.source_line;
    v.worker_id = l.worker_id;
    v.nik = personal ? auth::NikForList(l.nik, visibility) : std::string();
    v.kpj = l.kpj;
    v.name = personal ? l.name : std::string();
    v.billed = l.billed;
    v.expected = l.expected;
    v.state = l.state;
    v.reason = l.reason;
    v.resolved_by = l.resolved_by;
    v.resolved_at = Iso(l.resolved_at_us);
    out.push_back(std::move(v));
  }
  return out;
}

Result<ReconciliationLineView> ReconciliationService::Resolve(std::string_view regency_code,
                                                              std::int64_t invoice_id,
                                                              std::int64_t line_no,
                                                              std::string_view reason,
                                                              const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(InvoiceNotFound(invoice_id));
  if (auto ok = enrolment::RequireFinance(actor, regency_code, "menyelesaikan selisih tagihan");
      !ok)
    return Fail(ok.error());
  const std::string why = intake::CollapseSpaces(reason);
  if (why.size() < 5) {
    return Fail(Error::InvalidArgument(
        "Tulis alasan penyelesaian (paling sedikit 5 huruf): apa yang sudah dicek atau "
        "dilakukan"));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto invoice = (*tx)->Invoices().Get(regency_code, invoice_id); !invoice)
    return Fail(enrolment::Translate(invoice.error(), InvoiceNotFound(invoice_id)));
  auto line = (*tx)->Invoices().Resolve(regency_code, invoice_id, line_no, why, actor.name);
  if (!line) {
    return Fail(enrolment::Translate(
        line.error(),
        Error::NotFound("Baris " + std::to_string(line_no) + " tidak ada dalam rekonsiliasi ini")));
  }
  if (trail_ != nullptr) {
    const nlohmann::ordered_json before = {{"state", "open"}, {"kind", line->kind}};
    const nlohmann::ordered_json after = {{"state", "resolved"}, {"reason", why}};
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kUpdate, "reconciliation_line",
                                 std::to_string(invoice_id) + ":" + std::to_string(line_no),
                                 std::string(regency_code), before.dump(), after.dump()));
        !ok)
      return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  ReconciliationLineView v;
  v.line_no = line->line_no;
  v.kind = line->kind;
  v.source_line = line->source_line;
  v.worker_id = line->worker_id;
  v.kpj = line->kpj;
  v.billed = line->billed;
  v.expected = line->expected;
  v.state = line->state;
  v.reason = line->reason;
  v.resolved_by = line->resolved_by;
  v.resolved_at = Iso(line->resolved_at_us);
  return v;
}

Status ReconciliationService::WriteCsvTo(std::ostream& stream, std::string_view regency_code,
                                         std::int64_t invoice_id, const Actor& actor) {
  if (auto ok = enrolment::Require(actor, Permission::kExportPersonalData, regency_code,
                                   "mengunduh selisih tagihan");
      !ok)
    return ok;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto invoice = (*tx)->Invoices().Get(regency_code, invoice_id); !invoice)
    return Fail(enrolment::Translate(invoice.error(), InvoiceNotFound(invoice_id)));
  auto lines = (*tx)->Invoices().Lines(regency_code, invoice_id, {});
  if (!lines) return Fail(std::move(lines.error()));
  formats::CsvWriterOptions options;
  options.force_quote_columns = {1};  // the NIK reads as text in a spreadsheet
  formats::CsvWriter csv(stream, options);
  csv.WriteRow({"kind", "nik", "kpj", "billed", "expected", "line", "state", "name"});
  for (const auto& l : *lines) {
    csv.Cell(l.kind).Cell(l.nik).Cell(l.kpj).Cell(l.billed).Cell(l.expected);
    csv.Cell(l.source_line).Cell(l.state).Cell(l.name).EndRow();
  }
  if (auto ok = csv.Close(); !ok) return ok;
  if (trail_ == nullptr) return {};
  const nlohmann::ordered_json after = {{"invoice_id", invoice_id}, {"rows", lines->size()}};
  if (auto ok = trail_->Append(**tx, AuditEvent::By(actor, auth::AuditAction::kExport, "invoice",
                                                    std::to_string(invoice_id),
                                                    std::string(regency_code), "", after.dump()));
      !ok)
    return ok;
  return (*tx)->Commit();
}

Status ReconciliationService::WriteCsv(std::string_view regency_code, std::int64_t invoice_id,
                                       const std::filesystem::path& out, const Actor& actor) {
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) {
    return Fail(Error::Unavailable("Tidak dapat menulis " + out.string()));
  }
  if (auto ok = WriteCsvTo(file, regency_code, invoice_id, actor); !ok) {
    file.close();
    std::error_code ignored;
    std::filesystem::remove(out, ignored);
    return ok;
  }
  file.close();
  if (!file) return Fail(Error::Unavailable("Tidak dapat menulis " + out.string()));
  return {};
}

Result<std::string> ReconciliationService::Csv(std::string_view regency_code,
                                               std::int64_t invoice_id, const Actor& actor) {
  std::ostringstream out;
  if (auto ok = WriteCsvTo(out, regency_code, invoice_id, actor); !ok) return Fail(ok.error());
  return out.str();
}

}  // namespace jaring::services
