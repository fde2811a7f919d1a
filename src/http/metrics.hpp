// HttpMetrics: the server's requests counted for Prometheus, and `GET /metrics` itself.
//
//   jaring_http_requests_total{method,route,status}      status as its class: 2xx 3xx 4xx 5xx
//   jaring_http_request_duration_seconds{method,route}   from the request read to its response
//                                                         made (histogram, kLatencyBuckets)
// `route` is the router's pattern ("/api/v1/regencies/{code}/workers/{id}"), never the path,
// which holds regency codes, record ids and card tokens; requests the router does not own are
// "static" (the front end), "/metrics", or "unmatched" (no route, a malformed target).
// Everything else on the page (imports, verval runs, job queues, the database pool; see
// docs/operations.md) is recorded into the same registry by the services and the app.
//
// Who may read /metrics (MetricsAccess):
//   - with a token configured (`metrics_token`), any request with "Authorization: Bearer TOKEN";
//   - without one, only a request made on this machine (a loopback address) that no proxy
//     forwarded: none of X-Forwarded-For, X-Real-IP, Forwarded (a TLS proxy on the same machine
//     connects from loopback too, and adds X-Forwarded-For: docs/operations.md's nginx example).
// Anyone else gets 404, as for a path that does not exist. The page holds counts, durations and
// sizes by route pattern and state: no personal data, no regency.
//
// Thread safety: Record and Scrape may be called from any thread. A route's series are made on
// its first request and then found under a shared (reader) lock; adding to them takes no lock.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <utility>

#include "common/metrics.hpp"
#include "http/message.hpp"

namespace jaring::http {

struct MetricsAccess {
  std::string token;  // empty: loopback without a proxy's headers only
};

class HttpMetrics {
 public:
  HttpMetrics(metrics::Registry& registry, MetricsAccess access);
  ~HttpMetrics();
  HttpMetrics(const HttpMetrics&) = delete;
  HttpMetrics& operator=(const HttpMetrics&) = delete;

  // Counts a request answered with `status` after `elapsed`. request.route must be set by the
  // router for routed requests (empty otherwise).
  void Record(const Request& request, int status, std::chrono::steady_clock::duration elapsed);

  // The answer to a request for /metrics: the exposition, or 404/405 (see above).
  Response Scrape(const Request& request) const;

  // Whether `request` may read the metrics (exposed for tests).
  bool MayRead(const Request& request) const;

 private:
  struct Series;
  Series& SeriesFor(Method method, std::string_view route);

  metrics::Registry& registry_;
  MetricsAccess access_;
  std::shared_mutex mutex_;
  // Keyed by method and the route text's address: patterns live in the router's table and the
  // three fixed names are literals, so one route's text has one address for the process's life.
  std::map<std::pair<Method, const char*>, std::unique_ptr<Series>> series_;
};

// The path of the metrics page.
inline constexpr std::string_view kMetricsPath = "/metrics";

}  // namespace jaring::http
