#include "http/bill_routes.hpp"

#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"
#include "domain/money.hpp"
#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/route_helpers.hpp"
#include "services/bill_service.hpp"
#include "services/payment_service.hpp"
#include "services/reconciliation_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::ordered_json;

Status Available(const void* service) {
  if (service != nullptr) return {};
  return Fail(Error::Unavailable("Layanan tagihan tidak tersedia"));
}

const std::string& Period(const Request& request) { return request.path_params.at("period"); }

// Every handler: its service present and the path's id read, then `body`.
template <typename Service, typename Body>
Result<Response> With(Service* service, const Request& request, const char* id_name,
                      const char* missing, Body&& body) {
  if (auto ok = Available(service); !ok) return Fail(ok.error());
  auto id = PathId(request, id_name, missing);
  if (!id) return Fail(std::move(id.error()));
  return body(*service, *id);
}

Result<std::optional<std::chrono::year_month_day>> AsOf(const Request& r) {
  const std::string text(r.Query("as_of"));
  if (text.empty()) return std::optional<std::chrono::year_month_day>();
  auto day = domain::ParseIsoDate(text);
  if (!day) {
    return Fail(Error::InvalidArgument("as_of harus berbentuk YYYY-MM-DD", "as_of"));
  }
  return std::optional<std::chrono::year_month_day>(*day);
}

// --- bills --------------------------------------------------------------------------------------

Result<Response> ListBills(const ApiContext& c, const Request& r) {
  return With(c.bills, r, "id", "Program tidak ditemukan", [&](auto& s, std::int64_t id) {
    auto bills = s.List(Regency(r), id, ActorOf(r));
    if (!bills) return Result<Response>(Fail(std::move(bills.error())));
    return Result<Response>(Response::Json(DumpOrdered(Items(*bills))));
  });
}

Result<Response> IssueBill(const ApiContext& c, const Request& r) {
  return With(c.bills, r, "id", "Program tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                auto body = JsonObjectBody(r);
                if (!body) return Fail(std::move(body.error()));
                auto period = TextField(*body, "period");
                if (!period) return Fail(std::move(period.error()));
                auto bill = s.Issue(Regency(r), id, *period, ActorOf(r));
                if (!bill) return Fail(std::move(bill.error()));
                return Response::Json(DumpOrdered(services::ToJson(*bill)), 201);
              });
}

Result<Response> GetBill(const ApiContext& c, const Request& r) {
  return With(c.bills, r, "id", "Program tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                auto bill = s.Get(Regency(r), id, Period(r), ActorOf(r));
                if (!bill) return Fail(std::move(bill.error()));
                return Response::Json(DumpOrdered(services::ToJson(*bill)));
              });
}

Result<Response> BillLines(const ApiContext& c, const Request& r) {
  return With(c.bills, r, "id", "Program tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                auto lines = s.Lines(Regency(r), id, Period(r), ActorOf(r));
                if (!lines) return Fail(std::move(lines.error()));
                return Response::Json(DumpOrdered(Items(*lines)));
              });
}

Result<Response> BillFile(const ApiContext& c, const Request& r) {
  return With(c.bills, r, "id", "Program tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                TempFile file("tagihan.xlsx");
                if (auto ok = s.WriteXlsx(Regency(r), id, Period(r), file.path(), ActorOf(r)); !ok)
                  return Fail(ok.error());
                auto bytes = ReadWholeFile(file.path());
                if (!bytes) return Fail(bytes.error());
                return Attachment(
                    kXlsxType, std::move(*bytes),
                    "tagihan-iuran-program-" + std::to_string(id) + "-" + Period(r) + ".xlsx");
              });
}

// --- invoices and their reconciliation ----------------------------------------------------------

Result<Response> UploadInvoice(const ApiContext& c, const Request& r) {
  if (auto ok = Available(c.reconciliations); !ok) return Fail(ok.error());
  auto program = IntegerQuery(r, "program", 0);
  if (!program) return Fail(std::move(program.error()));
  auto name = UploadFileName(r);
  if (!name) return Fail(name.error());
  if (name->empty()) *name = "tagihan-bpjs";
  auto file = SaveUpload(r, "tagihan");
  if (!file) return Fail(file.error());
  auto invoice = c.reconciliations->Reconcile(
      {Regency(r), *program, std::string(r.Query("period"))}, file->path(), *name, ActorOf(r));
  if (!invoice) return Fail(std::move(invoice.error()));
  return Response::Json(DumpOrdered(services::ToJson(*invoice)), invoice->repeated ? 200 : 201);
}

Result<Response> ListInvoices(const ApiContext& c, const Request& r) {
  return With(c.reconciliations, r, "id", "Program tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                const std::string period(r.Query("period"));
                auto invoices = s.List(
                    Regency(r), id,
                    period.empty() ? std::nullopt : std::optional<std::string>(period), ActorOf(r));
                if (!invoices) return Fail(std::move(invoices.error()));
                return Response::Json(DumpOrdered(Items(*invoices)));
              });
}

Result<Response> GetInvoice(const ApiContext& c, const Request& r) {
  return With(c.reconciliations, r, "invoice", "Tagihan BPJS tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                auto invoice = s.Get(Regency(r), id, ActorOf(r));
                if (!invoice) return Fail(std::move(invoice.error()));
                return Response::Json(DumpOrdered(services::ToJson(*invoice)));
              });
}

Result<Response> InvoiceLines(const ApiContext& c, const Request& r) {
  return With(c.reconciliations, r, "invoice", "Tagihan BPJS tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                storage::ReconciliationLineFilter filter;
                filter.kind = std::string(r.Query("kind"));
                filter.state = std::string(r.Query("state"));
                auto offset = IntegerQuery(r, "offset", 0);
                if (!offset) return Fail(std::move(offset.error()));
                auto limit = IntegerQuery(r, "limit", 200);
                if (!limit) return Fail(std::move(limit.error()));
                filter.offset = *offset;
                filter.limit = std::clamp<std::int64_t>(*limit, 1, 1000);
                auto lines = s.Lines(Regency(r), id, filter, ActorOf(r));
                if (!lines) return Fail(std::move(lines.error()));
                return Response::Json(DumpOrdered(Items(*lines)));
              });
}

Result<Response> InvoiceLinesCsv(const ApiContext& c, const Request& r) {
  return With(c.reconciliations, r, "invoice", "Tagihan BPJS tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                auto csv = s.Csv(Regency(r), id, ActorOf(r));
                if (!csv) return Fail(std::move(csv.error()));
                return Attachment("text/csv; charset=utf-8", std::move(*csv),
                                  "selisih-tagihan-" + std::to_string(id) + ".csv");
              });
}

Result<Response> ResolveLine(const ApiContext& c, const Request& r) {
  return With(c.reconciliations, r, "invoice", "Tagihan BPJS tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                auto line = PathId(r, "line", "Baris tidak ditemukan");
                if (!line) return Fail(std::move(line.error()));
                auto body = JsonObjectBody(r);
                if (!body) return Fail(std::move(body.error()));
                auto reason = TextField(*body, "reason");
                if (!reason) return Fail(std::move(reason.error()));
                auto resolved = s.Resolve(Regency(r), id, *line, *reason, ActorOf(r));
                if (!resolved) return Fail(std::move(resolved.error()));
                return Response::Json(DumpOrdered(services::ToJson(*resolved)));
              });
}

// --- payments and arrears -----------------------------------------------------------------------

Result<Response> ListPayments(const ApiContext& c, const Request& r) {
  return With(c.payments, r, "id", "Program tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                auto payments = s.List(Regency(r), id, ActorOf(r));
                if (!payments) return Fail(std::move(payments.error()));
                auto months = s.Months(Regency(r), id, std::nullopt, ActorOf(r));
                if (!months) return Fail(std::move(months.error()));
                ordered_json out = {{"payments", Items(*payments)["items"]},
                                    {"months", Items(*months)["items"]}};
                return Response::Json(DumpOrdered(out));
              });
}

// An amount as a number of rupiah or as text in the house's notation ("Rp 16.800.000").
Result<domain::Money> AmountField(const nlohmann::json& body) {
  const auto found = body.find("amount");
  if (found != body.end() && found->is_number_integer())
    return domain::Money::Rupiah(found->get<std::int64_t>());
  if (found != body.end() && found->is_string()) {
    auto money = domain::ParseRupiah(found->get<std::string>());
    if (money) return *money;
  }
  return Fail(Error::InvalidArgument("amount harus jumlah rupiah utuh", "amount"));
}

Result<Response> AddPayment(const ApiContext& c, const Request& r) {
  return With(c.payments, r, "id", "Program tidak ditemukan",
              [&](auto& s, std::int64_t id) -> Result<Response> {
                auto body = JsonObjectBody(r);
                if (!body) return Fail(std::move(body.error()));
                auto amount = AmountField(*body);
                if (!amount) return Fail(std::move(amount.error()));
                services::PaymentRequest request{Regency(r), id, "", *amount, "", "", ""};
                for (auto [field, into] :
                     {std::pair{"period", &request.period}, std::pair{"date", &request.paid_on},
                      std::pair{"reference", &request.reference},
                      std::pair{"source", &request.funding_source}}) {
                  auto text = TextField(*body, field);
                  if (!text) return Fail(std::move(text.error()));
                  *into = std::move(*text);
                }
                auto payment = s.Add(request, ActorOf(r));
                if (!payment) return Fail(std::move(payment.error()));
                return Response::Json(DumpOrdered(services::ToJson(*payment)),
                                      payment->repeated ? 200 : 201);
              });
}

Result<Response> Arrears(const ApiContext& c, const Request& r) {
  return With(
      c.payments, r, "id", "Program tidak ditemukan",
      [&](auto& s, std::int64_t id) -> Result<Response> {
        auto as_of = AsOf(r);
        if (!as_of) return Fail(std::move(as_of.error()));
        if (r.Query("format") == "xlsx") {
          TempFile file("tunggakan.xlsx");
          if (auto ok = s.WriteArrearsXlsx(Regency(r), id, *as_of, file.path(), ActorOf(r)); !ok)
            return Fail(ok.error());
          auto bytes = ReadWholeFile(file.path());
          if (!bytes) return Fail(bytes.error());
          return Attachment(kXlsxType, std::move(*bytes),
                            "tunggakan-program-" + std::to_string(id) + ".xlsx");
        }
        auto offset = IntegerQuery(r, "offset", 0);
        if (!offset) return Fail(std::move(offset.error()));
        auto limit = IntegerQuery(r, "limit", 100);
        if (!limit) return Fail(std::move(limit.error()));
        auto arrears = s.Arrears(Regency(r), id, *as_of,
                                 {*offset, std::clamp<std::int64_t>(*limit, 1, 1000)}, ActorOf(r));
        if (!arrears) return Fail(std::move(arrears.error()));
        return Response::Json(DumpOrdered(services::ToJson(*arrears)));
      });
}

}  // namespace

bool IsInvoiceUpload(Method method, std::string_view target) {
  return IsRegencyUpload(method, target, "invoices");
}

void AddBillRoutes(Router& router, const ApiContext& context) {
  const std::string regency = "/api/v1/regencies/{code}";
  const std::string program = regency + "/programs/{id}";
  const std::string bill = program + "/bills/{period}";
  const std::string invoice = regency + "/invoices/{invoice}";
  const auto view = RoutePolicy::InRegency(Permission::kViewDashboard);
  const auto persons = RoutePolicy::InRegency(Permission::kViewWorkers);
  auto bind = [&context](Result<Response> (*handler)(const ApiContext&, const Request&)) {
    return [&context, handler](const Request& r) { return handler(context, r); };
  };
  router.Add(Method::kGet, program + "/bills", "bills.list", view, bind(ListBills));
  router.Add(Method::kPost, program + "/bills", "bills.issue", view, bind(IssueBill));
  router.Add(Method::kGet, bill, "bills.get", view, bind(GetBill));
  router.Add(Method::kGet, bill + "/lines", "bills.lines", persons, bind(BillLines));
  router.Add(Method::kGet, bill + "/file", "bills.file", persons, bind(BillFile));
  router.Add(Method::kPost, regency + "/invoices", "invoices.upload", view, bind(UploadInvoice));
  router.Add(Method::kGet, program + "/invoices", "invoices.list", view, bind(ListInvoices));
  router.Add(Method::kGet, invoice, "invoices.get", view, bind(GetInvoice));
  router.Add(Method::kGet, invoice + "/lines", "invoices.lines", view, bind(InvoiceLines));
  router.Add(Method::kGet, invoice + "/lines.csv", "invoices.lines_csv", persons,
             bind(InvoiceLinesCsv));
  router.Add(Method::kPost, invoice + "/lines/{line}/resolution", "invoices.resolve", view,
             bind(ResolveLine));
  router.Add(Method::kGet, program + "/payments", "payments.list", view, bind(ListPayments));
  router.Add(Method::kPost, program + "/payments", "payments.add", view, bind(AddPayment));
  router.Add(Method::kGet, program + "/arrears", "payments.arrears", view, bind(Arrears));
}

}  // namespace jaring::http
