// Fuzz target for what the HTTP layer reads from a request before any handler: the request
// target (ParseTarget: path and query, percent-decoding), the router's path matching and
// policy checks (Router::Dispatch and Admit over a few route shapes of the real table), the
// query readers (IntegerQuery), the cookie and Content-Type headers, the uploaded file's name
// (UploadFileName, from X-File-Name or ?file_name=) and the download name (Attachment).
//
// Input: the first line is the target; each further line "name: value" is a header.
// Beyond "does not crash": a parsed path is absolute and holds no NUL, nor does any query key
// or value; a matched route's path parameters are non-empty single segments; a route that
// needs a signed-in caller answers 401 without running its handler; an upload name is never a
// path (no '/', '\', no control byte, no leading dot), is UTF-8 and at most 200 bytes; a
// Content-Disposition holds no CR, LF or stray quote.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "formats/encoding.hpp"
#include "formats/file_name.hpp"
#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/router.hpp"

namespace {

using namespace jaring::http;
using jaring::auth::Permission;
using jaring::auth::RoutePolicy;
using jaring::Result;

void Check(bool ok) {
  if (!ok) std::abort();
}

bool HandlerRan = false;

Result<Response> Echo(const Request& request) {
  HandlerRan = true;
  for (const auto& [name, value] : request.path_params) {
    Check(!name.empty() && !value.empty());
    Check(value.find('/') == std::string::npos);
  }
  (void)IntegerQuery(request, "page", 1);
  (void)IntegerQuery(request, "page_size", 50);
  return Response::Json("{}");
}

const Router& TheRouter() {
  static const Router router = [] {
    Router r([](const Request&) -> Result<std::optional<Caller>> { return std::nullopt; });
    const std::string regency = "/api/v1/regencies/{code}";
    r.Add(Method::kGet, "/api/v1/health", "health", RoutePolicy::Public(), Echo);
    r.Add(Method::kGet, "/api/v1/search/{term}", "search", RoutePolicy::Public(), Echo);
    r.Add(Method::kGet, regency + "/workers", "registry.list",
          RoutePolicy::InRegency(Permission::kViewWorkers), Echo);
    r.Add(Method::kGet, regency + "/workers/{id}", "registry.get",
          RoutePolicy::InRegency(Permission::kViewWorkers), Echo);
    r.Add(Method::kPost, regency + "/imports", "imports.start",
          RoutePolicy::InRegency(Permission::kViewWorkers), Echo);
    r.Add(Method::kPost, "/api/v1/session", "session.create", RoutePolicy::Public(), Echo);
    r.Add(Method::kGet, "/api/v1/me", "me", RoutePolicy::SignedIn(), Echo);
    return r;
  }();
  return router;
}

bool NoNul(std::string_view text) { return text.find('\0') == std::string_view::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view target = input.substr(0, newline);
  Request request;
  std::string_view rest = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers.emplace_back(std::move(name), std::string(value));
  }

  (void)PercentDecode(target);
  const Method method = target.size() % 3 == 0 ? Method::kPost : Method::kGet;
  (void)IsRegencyUpload(method, target, "imports");
  auto parsed = ParseTarget(target);
  if (!parsed) return 0;
  Check(!parsed->first.empty() && parsed->first.front() == '/' && NoNul(parsed->first));
  for (const auto& [key, value] : parsed->second) Check(NoNul(key) && NoNul(value));
  request.method = method;
  request.path = parsed->first;
  request.query = parsed->second;
  for (const std::string& segment : SplitPath(request.path)) {
    Check(!segment.empty() && segment.find('/') == std::string::npos);
  }

  (void)HasJsonContentType(request);
  if (const auto cookie = request.Cookie("jaring_session")) {
    Check(cookie->find(';') == std::string_view::npos);
  }
  if (auto name = UploadFileName(request)) {
    Check(name->size() <= jaring::formats::kMaxFileNameBytes);
    Check(name->find_first_of("/\\") == std::string::npos);
    Check(name->empty() || name->front() != '.');
    Check(jaring::formats::IsValidUtf8(*name));
    for (const char c : *name) Check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
    const Response download = Attachment("text/plain", "", *name);
    for (const auto& [header, value] : download.headers) {
      Check(value.find_first_of("\r\n") == std::string::npos);
      if (header == "Content-Disposition") {
        const auto open = value.find('"');
        Check(open != std::string::npos && value.find('"', open + 1) == value.size() - 1);
      }
    }
  }

  const Router& router = TheRouter();
  Request admitted = request;
  const auto refusal = router.Admit(admitted);
  HandlerRan = false;
  const Response response = router.Dispatch(request);
  Check(response.status >= 200 && response.status < 600);
  // Nobody is signed in: only the public routes may run their handler.
  if (HandlerRan) {
    Check(!refusal.has_value());
    const auto segments = SplitPath(request.path);
    Check(segments.size() >= 3 && (segments[2] == "health" || segments[2] == "search" ||
                                   segments[2] == "session"));
  }
  return 0;
}
