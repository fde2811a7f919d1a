#include "http/metrics.hpp"

#include <algorithm>
#include <array>
#include <mutex>

#include "auth/token.hpp"
#include "http/problem.hpp"

namespace jaring::http {
namespace {

constexpr const char* kStaticRoute = "static";
constexpr const char* kUnmatchedRoute = "unmatched";
constexpr const char* kMetricsRoute = "/metrics";
constexpr std::array<std::string_view, 5> kClasses = {"1xx", "2xx", "3xx", "4xx", "5xx"};

bool Loopback(std::string_view address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

}  // namespace

struct HttpMetrics::Series {
  std::array<metrics::Counter*, 5> by_class{};
  metrics::Histogram* duration = nullptr;
};

HttpMetrics::HttpMetrics(metrics::Registry& registry, MetricsAccess access)
    : registry_(registry), access_(std::move(access)) {}

HttpMetrics::~HttpMetrics() = default;

HttpMetrics::Series& HttpMetrics::SeriesFor(Method method, std::string_view route) {
  // The route's text decides the key: a routed request's pattern (the router's string), or one
  // of the fixed names, whose literals are the keys.
  const char* key = route.empty() ? kUnmatchedRoute : route.data();
  const std::pair<Method, const char*> wanted{method, key};
  auto find = [&]() -> Series* {
    const auto it = series_.find(wanted);
    return it == series_.end() ? nullptr : it->second.get();
  };
  {
    std::shared_lock lock(mutex_);
    if (Series* found = find()) return *found;
  }
  std::unique_lock lock(mutex_);
  if (Series* found = find()) return *found;
  const metrics::Labels labels = {{"method", std::string(MethodName(method))},
                                  {"route", route.empty() ? kUnmatchedRoute : std::string(route)}};
  auto series = std::make_unique<Series>();
  for (std::size_t i = 0; i < kClasses.size(); ++i) {
    metrics::Labels with_status = labels;
    with_status.emplace_back("status", kClasses[i]);
    series->by_class[i] =
        &registry_.GetCounter("jaring_http_requests_total",
                              "HTTP requests by route pattern and status class", with_status);
  }
  series->duration =
      &registry_.GetHistogram("jaring_http_request_duration_seconds",
                              "Seconds from a request read to its response made, by route pattern",
                              labels, metrics::kLatencyBuckets);
  return *series_.emplace(wanted, std::move(series)).first->second;
}

void HttpMetrics::Record(const Request& request, int status,
                         std::chrono::steady_clock::duration elapsed) {
  std::string_view route = request.route;
  if (route.empty()) {
    if (request.path == kMetricsPath) {
      route = kMetricsRoute;
    } else if (!request.path.starts_with("/api") && !request.path.starts_with("/cek/") &&
               !request.path.empty()) {
      route = kStaticRoute;
    }
  }
  Series& series = SeriesFor(request.method, route);
  const int index = std::clamp(status / 100, 1, 5) - 1;
  series.by_class[static_cast<std::size_t>(index)]->Add();
  series.duration->Observe(std::chrono::duration<double>(elapsed).count());
}

bool HttpMetrics::MayRead(const Request& request) const {
  if (!access_.token.empty()) {
    const auto header = request.Header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    return header && header->starts_with(kBearer) &&
           auth::ConstantTimeEquals(header->substr(kBearer.size()), access_.token);
  }
  return Loopback(request.remote_address) && !request.Header("x-forwarded-for") &&
         !request.Header("x-real-ip") && !request.Header("forwarded");
}

Response HttpMetrics::Scrape(const Request& request) const {
  if (!MayRead(request)) return RefusalResponse(Refusal::kNotFound);
  if (request.method != Method::kGet && request.method != Method::kHead) {
    Response refused = RefusalResponse(Refusal::kMethodNotAllowed);
    refused.headers.emplace_back("Allow", "GET, HEAD");
    return refused;
  }
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-store");
  response.body = registry_.Exposition();
  return response;
}

}  // namespace jaring::http
