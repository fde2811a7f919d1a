#include "http/claim_routes.hpp"

#include <nlohmann/json.hpp>

#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/route_helpers.hpp"
#include "services/claim_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::ordered_json;

// Every handler of one case: the service present and the path's id read, then `body`.
template <typename Body>
Result<Response> WithCase(const ApiContext& c, const Request& request, Body&& body) {
  if (c.claims == nullptr) return Fail(Error::Unavailable("Layanan klaim tidak tersedia"));
  auto id = PathId(request, "id", "Klaim tidak ditemukan");
  if (!id) return Fail(std::move(id.error()));
  return body(*c.claims, *id);
}

Result<Response> View(Result<services::ClaimView> view, int status = 200) {
  if (!view) return Fail(std::move(view.error()));
  return Response::Json(DumpOrdered(services::ToJson(*view)), status);
}

const std::string& DocKind(const Request& r) { return r.path_params.at("kind"); }

Result<Response> ListClaims(const ApiContext& c, const Request& r) {
  if (c.claims == nullptr) return Fail(Error::Unavailable("Layanan klaim tidak tersedia"));
  const std::string state(r.Query("state"));
  auto list = c.claims->List(Regency(r), state.empty() ? std::nullopt : std::optional(state),
                             r.Query("overdue") == "1", ActorOf(r));
  if (!list) return Fail(std::move(list.error()));
  return Response::Json(DumpOrdered(Items(*list)));
}

Result<Response> OpenClaim(const ApiContext& c, const Request& r) {
  if (c.claims == nullptr) return Fail(Error::Unavailable("Layanan klaim tidak tersedia"));
  auto body = JsonObjectBody(r);
  if (!body) return Fail(std::move(body.error()));
  services::OpenClaimRequest request;
  request.regency_code = Regency(r);
  auto worker = IntegerIn(body->value("worker_id", nlohmann::json()), 1,
                          std::numeric_limits<std::int64_t>::max(), "worker_id");
  if (!worker) return Fail(std::move(worker.error()));
  request.worker_id = *worker;
  for (auto [field, into] :
       {std::pair{"kind", &request.kind}, std::pair{"outcome", &request.outcome},
        std::pair{"event_date", &request.event_date}, std::pair{"reporter", &request.reporter},
        std::pair{"reported_on", &request.reported_on}, std::pair{"source", &request.source},
        std::pair{"member_since", &request.member_since}}) {
    auto text = TextField(*body, field);
    if (!text) return Fail(std::move(text.error()));
    if (!text->empty()) *into = std::move(*text);
  }
  if (body->contains("paid_months") && !(*body)["paid_months"].is_null()) {
    auto months = IntegerIn((*body)["paid_months"], 0, 1200, "paid_months");
    if (!months) return Fail(std::move(months.error()));
    request.paid_months = static_cast<int>(*months);
  }
  auto view = c.claims->Open(request, ActorOf(r));
  if (!view) return Fail(std::move(view.error()));
  return Response::Json(DumpOrdered(services::ToJson(*view)), view->repeated ? 200 : 201);
}

Result<Response> GetClaim(const ApiContext& c, const Request& r) {
  return WithCase(
      c, r, [&](auto& s, std::int64_t id) { return View(s.Get(Regency(r), id, ActorOf(r))); });
}

Result<Response> PutHeirs(const ApiContext& c, const Request& r) {
  return WithCase(c, r, [&](auto& s, std::int64_t id) -> Result<Response> {
    auto body = JsonObjectBody(r);
    if (!body) return Fail(std::move(body.error()));
    auto heirs = services::HeirsFromJson(body->value("heirs", nlohmann::json()));
    if (!heirs) return Fail(std::move(heirs.error()));
    return View(s.SetHeirs(Regency(r), id, std::move(*heirs), ActorOf(r)));
  });
}

Result<Response> UploadDocument(const ApiContext& c, const Request& r) {
  return WithCase(c, r, [&](auto& s, std::int64_t id) -> Result<Response> {
    auto name = UploadFileName(r);
    if (!name) return Fail(name.error());
    return View(s.AddDocument(Regency(r), id, DocKind(r), *name, r.body, ActorOf(r)), 201);
  });
}

Result<Response> DocumentSeen(const ApiContext& c, const Request& r) {
  return WithCase(c, r, [&](auto& s, std::int64_t id) {
    return View(s.MarkSeen(Regency(r), id, DocKind(r), ActorOf(r)));
  });
}

Result<Response> DownloadDocument(const ApiContext& c, const Request& r) {
  return WithCase(c, r, [&](auto& s, std::int64_t id) -> Result<Response> {
    auto file = s.DocumentFile(Regency(r), id, DocKind(r), ActorOf(r));
    if (!file) return Fail(std::move(file.error()));
    const std::string ext = file->second == "application/pdf" ? ".pdf"
                            : file->second == "image/png"     ? ".png"
                                                              : ".jpg";
    return Attachment(file->second, std::move(file->first),
                      "klaim-" + std::to_string(id) + "-" + DocKind(r) + ext);
  });
}

Result<Response> Transition(const ApiContext& c, const Request& r) {
  return WithCase(c, r, [&](auto& s, std::int64_t id) -> Result<Response> {
    auto body = JsonObjectBody(r);
    if (!body) return Fail(std::move(body.error()));
    services::MoveDetails details;
    std::string to;
    for (auto [field, into] :
         {std::pair{"to", &to}, std::pair{"note", &details.note},
          std::pair{"paid_on", &details.paid_on}, std::pair{"reference", &details.reference}}) {
      auto text = TextField(*body, field);
      if (!text) return Fail(std::move(text.error()));
      *into = std::move(*text);
    }
    if (body->contains("amount") && !(*body)["amount"].is_null()) {
      auto amount = IntegerIn((*body)["amount"], 0, 1'000'000'000'000, "amount");
      if (!amount) return Fail(std::move(amount.error()));
      details.amount = *amount;
    }
    return View(s.Move(Regency(r), id, to, details, ActorOf(r)));
  });
}

ordered_json TargetsJson(const services::claims::ClockTargets& t) {
  return ordered_json::parse(services::claims::ClockTargetsToJson(t));
}

Result<Response> GetTargets(const ApiContext& c, const Request& r) {
  if (c.claims == nullptr) return Fail(Error::Unavailable("Layanan klaim tidak tersedia"));
  auto targets = c.claims->Targets(Regency(r), ActorOf(r));
  if (!targets) return Fail(std::move(targets.error()));
  return Response::Json(DumpOrdered(TargetsJson(*targets)));
}

Result<Response> PutTargets(const ApiContext& c, const Request& r) {
  if (c.claims == nullptr) return Fail(Error::Unavailable("Layanan klaim tidak tersedia"));
  auto body = JsonObjectBody(r);
  if (!body) return Fail(std::move(body.error()));
  auto targets = services::claims::ClockTargetsFromJson(body->dump());
  if (!targets) return Fail(std::move(targets.error()));
  auto stored = c.claims->SetTargets(Regency(r), *targets, ActorOf(r));
  if (!stored) return Fail(std::move(stored.error()));
  return Response::Json(DumpOrdered(TargetsJson(*stored)));
}

Result<Response> ExportSubmitted(const ApiContext& c, const Request& r) {
  if (c.claims == nullptr) return Fail(Error::Unavailable("Layanan klaim tidak tersedia"));
  auto bytes = c.claims->ExportSubmitted(Regency(r), ActorOf(r));
  if (!bytes) return Fail(std::move(bytes.error()));
  return Attachment(kXlsxType, std::move(*bytes), "klaim-diajukan.xlsx");
}

Result<Response> ImportDecisions(const ApiContext& c, const Request& r) {
  if (c.claims == nullptr) return Fail(Error::Unavailable("Layanan klaim tidak tersedia"));
  auto name = UploadFileName(r);
  if (!name) return Fail(name.error());
  if (name->empty()) *name = "keputusan-bpjs";
  auto file = SaveUpload(r, *name);
  if (!file) return Fail(file.error());
  auto report = c.claims->ImportDecisions(Regency(r), file->path(), *name, ActorOf(r));
  if (!report) return Fail(std::move(report.error()));
  return Response::Json(DumpOrdered(services::ToJson(*report)));
}

Result<Response> Report(const ApiContext& c, const Request& r) {
  if (c.claims == nullptr) return Fail(Error::Unavailable("Layanan klaim tidak tersedia"));
  const std::string_view format = r.Query("format");
  if (format == "pdf" || format == "xlsx") {
    auto bytes = format == "pdf" ? c.claims->ReportPdf(Regency(r), ActorOf(r))
                                 : c.claims->ReportXlsx(Regency(r), ActorOf(r));
    if (!bytes) return Fail(std::move(bytes.error()));
    return Attachment(format == "pdf" ? "application/pdf" : kXlsxType, std::move(*bytes),
                      "laporan-klaim-" + Regency(r) + "." + std::string(format));
  }
  auto report = c.claims->Report(Regency(r), ActorOf(r));
  if (!report) return Fail(std::move(report.error()));
  return Response::Json(DumpOrdered(services::ToJson(*report)));
}

}  // namespace

bool IsClaimDecisionsUpload(Method method, std::string_view target) {
  return IsRegencyUpload(method, target, "claim-decisions");
}

bool IsClaimDocumentUpload(Method method, std::string_view target) {
  if (method != Method::kPost) return false;
  target = target.substr(0, target.find('?'));
  constexpr std::string_view kPrefix = "/api/v1/regencies/";
  if (!target.starts_with(kPrefix)) return false;
  const auto claims = target.find("/claims/");
  const auto documents = target.find("/documents/");
  return claims != std::string_view::npos && documents != std::string_view::npos &&
         claims < documents && !target.ends_with("/seen");
}

void AddClaimRoutes(Router& router, const ApiContext& context) {
  const std::string regency = "/api/v1/regencies/{code}";
  const std::string claim = regency + "/claims/{id}";
  const auto persons = RoutePolicy::InRegency(Permission::kViewWorkers);
  auto bind = [&context](Result<Response> (*handler)(const ApiContext&, const Request&)) {
    return [&context, handler](const Request& r) { return handler(context, r); };
  };
  router.Add(Method::kGet, regency + "/claims", "claims.list", persons, bind(ListClaims));
  router.Add(Method::kPost, regency + "/claims", "claims.open", persons, bind(OpenClaim));
  router.Add(Method::kGet, claim, "claims.get", persons, bind(GetClaim));
  router.Add(Method::kPut, claim + "/heirs", "claims.heirs", persons, bind(PutHeirs));
  router.Add(Method::kPost, claim + "/documents/{kind}", "claims.document_upload", persons,
             bind(UploadDocument));
  router.Add(Method::kPost, claim + "/documents/{kind}/seen", "claims.document_seen", persons,
             bind(DocumentSeen));
  router.Add(Method::kGet, claim + "/documents/{kind}", "claims.document", persons,
             bind(DownloadDocument));
  router.Add(Method::kPost, claim + "/transitions", "claims.transition", persons, bind(Transition));
  router.Add(Method::kGet, regency + "/claims-submitted.xlsx", "claims.export", persons,
             bind(ExportSubmitted));
  router.Add(Method::kPost, regency + "/claim-decisions", "claims.import", persons,
             bind(ImportDecisions));
  router.Add(Method::kGet, regency + "/claims-report", "claims.report",
             RoutePolicy::InRegency(Permission::kViewReports), bind(Report));
  router.Add(Method::kGet, regency + "/claim-targets", "claims.targets", persons, bind(GetTargets));
  router.Add(Method::kPut, regency + "/claim-targets", "claims.targets_set", persons,
             bind(PutTargets));
}

}  // namespace jaring::http
