#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include "http/problem.hpp"

namespace jaring::http {
namespace {

bool MatchPattern(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                  std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      found[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  if (params != nullptr) *params = std::move(found);
  return true;
}

}  // namespace

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    if (end > start) segments.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return segments;
}

void Router::Add(Method method, std::string pattern, std::string name, Handler handler) {
  routes_.push_back({method, std::move(pattern), std::move(name), std::move(handler)});
}

bool Router::Matches(const std::string& path) const {
  const auto segments = SplitPath(path);
  for (const auto& route : routes_) {
    if (MatchPattern(SplitPath(route.pattern), segments, nullptr)) return true;
  }
  return false;
}

Response Router::Dispatch(Request& request) const {
  const auto segments = SplitPath(request.path);
  std::string allowed;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(SplitPath(route.pattern), segments, &params)) continue;
    const bool head_as_get = request.method == Method::kHead && route.method == Method::kGet;
    if (route.method != request.method && !head_as_get) {
      if (!allowed.empty()) allowed += ", ";
      allowed += MethodName(route.method);
      continue;
    }
    request.path_params = std::move(params);
    try {
      auto result = route.handler(request);
      if (result) return std::move(*result);
      return ProblemResponse(result.error());
    } catch (const std::exception& e) {
      // The one catch-all of the HTTP layer: a bug must not leak internals to the client.
      spdlog::error(R"("route":"{}","unhandled_exception":"{}")", route.name, e.what());
      return ProblemResponse(Error::Internal("Terjadi kesalahan internal"));
    }
  }
  if (!allowed.empty()) {
    Response response = ProblemResponse(405, "METHOD_NOT_ALLOWED", "Metode tidak diizinkan");
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  return ProblemResponse(Error::NotFound("Alamat tidak ditemukan"));
}

}  // namespace jaring::http
