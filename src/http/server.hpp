// Server: the HTTP/1.1 server (Boost.Beast) that puts the Router and StaticFiles on a socket.
//
// Requests under /api/ go to the router; /metrics to HttpMetrics when one is given
// (http/metrics.hpp); everything else to the static front end. Every response carries the
// security headers and an X-Request-Id (the proxy's when well formed, else a new one); every
// request is logged as one structured line (method, path, status, duration; never the query
// string, which may hold a NIK), and every line logged while it is handled carries its id
// (common/log.hpp).
// Bodies larger than body_limit get 413 (a declared length at once, a chunked body when it
// passes the limit; either way the client's remaining bytes are read and dropped for a moment
// so that it sees the answer); malformed requests 400. At most max_connections are open. A
// request for which ServerOptions::large_body is true is first admitted from its line and
// headers alone (Router::Admit: who sent it, CSRF, the route's policy and regency): a refusal
// (401, 403, 404, 405) is answered before any of the body is read, and only an admitted request
// gets the larger limit and timeout.
//
// Thread safety: Start() once, then Run() blocks on the calling thread plus (threads - 1)
// workers until Stop() or SIGINT/SIGTERM; Stop() may be called from any thread. Shutdown is
// graceful: the listener closes, idle connections close, requests in flight finish (up to
// drain_timeout), then Run() returns.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace jaring::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int threads = 2;
  std::size_t body_limit = 1 << 20;  // bytes
  // Requests for which `large_body` is true (e.g. http::IsImportUpload) are admitted from their
  // headers first (see above); then they may carry up to large_body_limit bytes and get
  // large_body_timeout to arrive; 413 beyond.
  std::function<bool(Method method, std::string_view target)> large_body;
  std::size_t large_body_limit = 100u << 20;
  std::chrono::seconds large_body_timeout{600};
  // Large bodies being received or handled at once (each is held in memory whole); an admitted
  // upload beyond them gets 503 with Retry-After before its body is read.
  int max_large_bodies = 4;
  // How long a connection may wait for, or take to send, its next request line, headers and
  // ordinary body (a slow client, slowloris, is closed when it runs out).
  std::chrono::seconds idle_timeout{30};
  // Connections open at once; one more is accepted and closed at once (never more than the
  // open-file limit leaves, less a reserve for the database and files; see Start()).
  std::size_t max_connections = 10000;
  std::chrono::seconds drain_timeout{10};
  bool handle_signals = true;  // stop on SIGINT/SIGTERM
  // Counts every request and answers /metrics; none: no counting, /metrics is a static path.
  HttpMetrics* metrics = nullptr;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, const StaticFiles& static_files);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; raises the soft open-file limit to the hard one. Fails with Unavailable
  // when the address is taken or not local.
  Status Start();
  // The bound port (useful with port 0), valid after Start().
  std::uint16_t port() const;
  // Serves until stopped. Returns after a graceful shutdown.
  void Run();
  // Begins a graceful shutdown; safe from any thread or a signal handler context via asio.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Adds the security headers every response carries (CSP without inline scripts, nosniff,
// frame-ancestors none, Referrer-Policy). Exposed for tests.
void AddSecurityHeaders(Response& response);

}  // namespace jaring::http
