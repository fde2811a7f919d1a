#include "http/card_routes.hpp"

#include <nlohmann/json.hpp>

#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/route_helpers.hpp"
#include "services/card_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;

Status Available(const ApiContext& context) {
  if (context.cards != nullptr) return {};
  return Fail(Error::Unavailable("Layanan kartu peserta tidak tersedia"));
}

std::string Dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The public page: a card's initials, status and period, nothing else about the person.
Response CheckPage(int status, std::string_view heading, std::string_view body_html) {
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.headers.push_back({"Cache-Control", "no-store"});
  response.headers.push_back({"Referrer-Policy", "no-referrer"});
  response.body = std::string(R"(<!doctype html><html lang="id"><head><meta charset="utf-8">)") +
                  R"(<meta name="viewport" content="width=device-width,initial-scale=1">)" +
                  "<title>Pemeriksaan kartu peserta</title><style>body{font-family:sans-serif;"
                  "max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}"
                  "h1{font-size:1.4rem}.valid{color:#0b6b3a}.bad{color:#a4161a}"
                  "dt{color:#555;font-size:.9rem}dd{margin:0 0 .8rem;font-weight:600}</style>"
                  "</head><body><p>Pemeriksaan kartu peserta BPJS Ketenagakerjaan</p>" +
                  std::string(heading) + std::string(body_html) + "</body></html>";
  return response;
}

Result<Response> CheckCard(const ApiContext& c, const Request& r) {
  if (auto ok = Available(c); !ok) return Fail(ok.error());
  auto status = c.cards->Verify(r.path_params.at("token"), std::nullopt);
  if (!status) {
    if (status.error().code != ErrorCode::kInvalidArgument) return Fail(std::move(status.error()));
    return CheckPage(200, R"(<h1 class="bad">Kartu tidak sah</h1>)",
                     "<p>Tanda tangan pada kode QR ini tidak dapat dibuktikan: kartu ini tidak "
                     "diterbitkan oleh sistem ini atau isinya telah diubah.</p>");
  }
  const std::string label = services::CardStatusLabel(status->status);
  const std::string heading = "<h1 class=\"" + std::string(status->valid ? "valid" : "bad") +
                              "\">Kartu " + EscapeHtml(label) + "</h1>";
  std::string body = "<dl><dt>Inisial peserta</dt><dd>" + EscapeHtml(status->initials) +
                     "</dd><dt>Status</dt><dd>" + EscapeHtml(label) +
                     "</dd><dt>Masa kepesertaan</dt><dd>" + EscapeHtml(status->period) +
                     "</dd></dl>";
  return CheckPage(200, heading, body);
}

Result<Response> CardStatus(const ApiContext& c, const Request& r) {
  if (auto ok = Available(c); !ok) return Fail(ok.error());
  auto status = c.cards->Verify(r.path_params.at("token"), std::nullopt);
  if (!status) return Fail(std::move(status.error()));
  // Only what the page shows: no program or regency for a stranger to collect.
  return Response::Json(Dump({{"valid", status->valid},
                              {"status", status->status},
                              {"initials", status->initials},
                              {"period", status->period},
                              {"start", status->start_date},
                              {"end", status->end_date}}));
}

Result<Response> CardKey(const ApiContext& c, const Request&) {
  if (auto ok = Available(c); !ok) return Fail(ok.error());
  auto key = c.cards->PublicKey();
  if (!key) return Fail(std::move(key.error()));
  return Response::Json(Dump(services::ToJson(*key)));
}

Result<services::CardRequest> RequestOf(const Request& r, std::int64_t worker,
                                        std::string_view layout) {
  auto program = PathId(r, "id", "Program tidak ditemukan");
  if (!program) return Fail(std::move(program.error()));
  if (!layout.empty() && layout != "sheet" && layout != "single") {
    return Fail(Error::InvalidArgument("layout harus sheet atau single"));
  }
  return services::CardRequest{
      Regency(r), *program, worker,
      layout == "single" ? formats::PdfCardLayout::kSingle : formats::PdfCardLayout::kA4Sheet};
}

std::string PdfName(const services::CardRequest& request) {
  return "kartu-peserta-" + request.regency_code + "-program-" +
         std::to_string(request.program_id) + ".pdf";
}

Result<Response> ListCards(const ApiContext& c, const Request& r) {
  if (auto ok = Available(c); !ok) return Fail(ok.error());
  auto worker = IntegerQuery(r, "worker", 0);
  if (!worker) return Fail(std::move(worker.error()));
  auto request = RequestOf(r, *worker, "");
  if (!request) return Fail(std::move(request.error()));
  auto cards = c.cards->List(request->regency_code, request->program_id, *worker, ActorOf(r));
  if (!cards) return Fail(std::move(cards.error()));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& card : *cards) items.push_back(services::ToJson(card));
  return Response::Json(Dump({{"items", std::move(items)}}));
}

Result<Response> IssueCards(const ApiContext& c, const Request& r) {
  if (auto ok = Available(c); !ok) return Fail(ok.error());
  auto body = JsonObjectBody(r);
  if (!body) return Fail(std::move(body.error()));
  std::int64_t worker = 0;
  std::string layout;
  if (auto w = body->find("worker"); w != body->end() && !w->is_null()) {
    if (!w->is_number_integer()) return Fail(Error::InvalidArgument("worker harus bilangan"));
    worker = w->get<std::int64_t>();
  }
  if (auto l = body->find("layout"); l != body->end() && l->is_string()) layout = *l;
  auto request = RequestOf(r, worker, layout);
  if (!request) return Fail(std::move(request.error()));
  auto issued = c.cards->Issue(*request, ActorOf(r));
  if (!issued) return Fail(std::move(issued.error()));
  Response response = Attachment("application/pdf", std::move(issued->pdf), PdfName(*request));
  response.status = 201;
  response.headers.push_back({"X-Cards-Issued", std::to_string(issued->cards.size())});
  return response;
}

Result<Response> PrintCards(const ApiContext& c, const Request& r) {
  if (auto ok = Available(c); !ok) return Fail(ok.error());
  auto worker = IntegerQuery(r, "worker", 0);
  if (!worker) return Fail(std::move(worker.error()));
  auto request = RequestOf(r, *worker, r.Query("layout"));
  if (!request) return Fail(std::move(request.error()));
  auto pdf = c.cards->Print(*request, ActorOf(r));
  if (!pdf) return Fail(std::move(pdf.error()));
  return Attachment("application/pdf", std::move(*pdf), PdfName(*request));
}

Result<Response> RevokeCard(const ApiContext& c, const Request& r) {
  if (auto ok = Available(c); !ok) return Fail(ok.error());
  auto card = PathId(r, "card", "Kartu tidak ditemukan");
  if (!card) return Fail(std::move(card.error()));
  auto body = JsonObjectBody(r);
  if (!body) return Fail(std::move(body.error()));
  auto reason = TextField(*body, "reason");
  if (!reason) return Fail(std::move(reason.error()));
  auto revoked = c.cards->Revoke(Regency(r), *card, *reason, ActorOf(r));
  if (!revoked) return Fail(std::move(revoked.error()));
  return Response::Json(Dump(services::ToJson(*revoked)));
}

}  // namespace

void AddCardRoutes(Router& router, const ApiContext& context) {
  const std::string program = "/api/v1/regencies/{code}/programs/{id}";
  const auto persons = RoutePolicy::InRegency(Permission::kViewWorkers);
  auto bind = [&context](Result<Response> (*handler)(const ApiContext&, const Request&)) {
    return [&context, handler](const Request& r) { return handler(context, r); };
  };
  router.Add(Method::kGet, "/api/v1/card-key", "cards.key", RoutePolicy::Public(), bind(CardKey));
  router.Add(Method::kGet, "/api/v1/cards/{token}/status", "cards.status", RoutePolicy::Public(),
             bind(CardStatus));
  router.Add(Method::kGet, "/cek/{token}", "cards.check_page", RoutePolicy::Public(),
             bind(CheckCard));
  router.Add(Method::kGet, program + "/cards", "cards.list", persons, bind(ListCards));
  router.Add(Method::kPost, program + "/cards", "cards.issue", persons, bind(IssueCards));
  router.Add(Method::kGet, program + "/cards.pdf", "cards.pdf", persons, bind(PrintCards));
  router.Add(Method::kPost, "/api/v1/regencies/{code}/cards/{card}/revocation", "cards.revoke",
             RoutePolicy::InRegency(Permission::kManageEnrolment), bind(RevokeCard));
}

}  // namespace jaring::http
