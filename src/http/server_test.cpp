// Drives the real server over loopback sockets with a minimal HTTP/1.1 client.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "auth/token.hpp"
#include "common/log.hpp"

namespace jaring::http {
namespace {

// A connected loopback socket, or -1.
int Connect(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends `raw` and reads until the server closes, or, with `wait`, until nothing has come for
// that long (a server still waiting for a declared body answers nothing).
std::string Exchange(std::uint16_t port, const std::string& raw,
                     std::chrono::milliseconds wait = std::chrono::milliseconds(0)) {
  const int fd = Connect(port);
  if (fd < 0) return {};
  if (wait.count() > 0) {
    timeval timeout{};
    timeout.tv_sec = static_cast<time_t>(wait.count() / 1000);
    timeout.tv_usec = static_cast<suseconds_t>((wait.count() % 1000) * 1000);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  std::size_t sent = 0;
  while (sent < raw.size()) {
    const auto n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) out.append(buffer, n);
  ::close(fd);
  return out;
}

// These tests are about the socket, not about accounts: every route is public.
Result<std::optional<Caller>> NobodySignedIn(const Request&) { return std::nullopt; }

class ServerTest : public testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/api/v1/health", "health", auth::RoutePolicy::Public(),
                [](const Request&) -> Result<Response> { return Response::Json(R"({"ok":1})"); });
    router_.Add(
        Method::kPost, "/api/v1/echo", "echo", auth::RoutePolicy::Public(),
        [](const Request& request) -> Result<Response> { return Response::Json(request.body); });
    ServerOptions options;
    options.port = 0;
    options.body_limit = 1024;
    options.handle_signals = false;
    options.drain_timeout = std::chrono::seconds(2);
    server_ = std::make_unique<Server>(options, router_, static_files_);
    ASSERT_TRUE(server_->Start());
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
  }

  Router router_{NobodySignedIn};
  StaticFiles static_files_{"/nonexistent-jaring-web-root"};
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(ServerTest, ServesApiWithSecurityHeaders) {
  const auto reply = Exchange(
      server_->port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
  EXPECT_NE(reply.find(R"({"ok":1})"), std::string::npos);
  EXPECT_NE(reply.find("Content-Security-Policy: default-src 'self'; script-src 'self'"),
            std::string::npos);
  EXPECT_NE(reply.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(reply.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(reply.find("Referrer-Policy: no-referrer"), std::string::npos);
}

TEST_F(ServerTest, RefusesOversizedBodiesWith413) {
  const std::string body(4096, 'x');
  const auto reply = Exchange(server_->port(),
                              "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                              "Content-Length: 4096\r\nConnection: close\r\n\r\n" +
                                  body);
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply.substr(0, 200);
  EXPECT_NE(reply.find("application/problem+json"), std::string::npos);
}

// A client that sends the whole oversized body anyway reads the 413 (the server drops the rest
// unread; on loopback the answer arrives even without that, over a slow link it may not); a
// chunked body is refused once it passes the limit.
TEST_F(ServerTest, AnOversizedBodySentWholeStillGetsIts413) {
  const auto declared = Exchange(server_->port(),
                                 "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Length: 2000000\r\n\r\n" +
                                     std::string(2'000'000, 'x'));
  EXPECT_TRUE(declared.starts_with("HTTP/1.1 413")) << declared.substr(0, 200);
  std::string chunked = "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 200; ++i) chunked += "2710\r\n" + std::string(10000, 'x') + "\r\n";
  chunked += "0\r\n\r\n";
  const auto reply = Exchange(server_->port(), chunked);
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 413")) << reply.substr(0, 200);
}

TEST_F(ServerTest, MalformedRequestsGet400) {
  const auto reply = Exchange(server_->port(), "GARBAGE\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 400")) << reply;
}

TEST_F(ServerTest, MissingFrontEndIsExplained) {
  const auto reply =
      Exchange(server_->port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 404")) << reply;
  EXPECT_NE(reply.find("make build-web"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  const std::string one = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  const auto reply =
      Exchange(server_->port(),
               one + one + "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t count = 0;
  for (auto at = reply.find("HTTP/1.1 200"); at != std::string::npos;
       at = reply.find("HTTP/1.1 200", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u);
}

// A server on a free loopback port, running on its own thread, for tests that need their own
// options or routes; Stop() ends it (the destructor too).
class RunningServer {
 public:
  RunningServer(ServerOptions options, Router& router) {
    options.port = 0;
    options.handle_signals = false;
    server_ = std::make_unique<Server>(options, router, files_);
    started_ = server_->Start().has_value();
    if (started_) thread_ = std::thread([this] { server_->Run(); });
  }
  ~RunningServer() { Stop(); }
  bool started() const { return started_; }
  std::uint16_t port() const { return server_->port(); }
  void Stop() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }

 private:
  StaticFiles files_{"/nonexistent-jaring-web-root"};
  std::unique_ptr<Server> server_;
  bool started_ = false;
  std::thread thread_;
};

TEST(ServerStopTest, StopsPromptlyWithAnIdleConnectionOpen) {
  Router router(NobodySignedIn);
  ServerOptions options;
  options.drain_timeout = std::chrono::seconds(20);
  RunningServer server(options, router);
  ASSERT_TRUE(server.started());
  // An idle keep-alive connection must not hold the shutdown for the drain timeout.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto started = std::chrono::steady_clock::now();
  server.Stop();
  ::close(fd);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// Whether the server closed `fd` within `wait` (recv sees the end or a reset, not a timeout).
bool ClosedWithin(int fd, std::chrono::milliseconds wait) {
  timeval timeout{};
  timeout.tv_sec = static_cast<time_t>(wait.count() / 1000);
  timeout.tv_usec = static_cast<suseconds_t>((wait.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  char buffer[256];
  for (;;) {
    const auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n == 0) return true;
    if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
  }
}

// Connections beyond max_connections are closed at once; the open ones are still served, and
// a slot freed is a slot again.
TEST(ServerLimitTest, ConnectionsBeyondTheLimitAreClosedAtOnce) {
  Router router(NobodySignedIn);
  router.Add(Method::kGet, "/api/v1/health", "health", auth::RoutePolicy::Public(),
             [](const Request&) -> Result<Response> { return Response::Json(R"({"ok":1})"); });
  ServerOptions options;
  options.max_connections = 3;
  RunningServer server(options, router);
  ASSERT_TRUE(server.started());
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) held.push_back(Connect(server.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const int extra = Connect(server.port());  // the kernel completes it; the server closes it
  ASSERT_GE(extra, 0);
  EXPECT_TRUE(ClosedWithin(extra, std::chrono::milliseconds(2000)));
  ::close(extra);
  const std::string get = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(held[0], get.data(), get.size(), MSG_NOSIGNAL), static_cast<ssize_t>(get.size()));
  char buffer[4096];
  const auto n = ::recv(held[0], buffer, sizeof buffer, 0);
  ASSERT_GT(n, 0);
  EXPECT_TRUE(std::string(buffer, n).starts_with("HTTP/1.1 200"));
  ::close(held[2]);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto reply = Exchange(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
  ::close(held[0]);
  ::close(held[1]);
}

// A client that sends its headers a byte at a time (slowloris) or never finishes its body is
// closed when idle_timeout runs out, and costs the others nothing meanwhile.
TEST(ServerSlowClientTest, SlowClientsAreCutAtTheTimeoutAndOthersAreServed) {
  Router router(NobodySignedIn);
  router.Add(Method::kGet, "/api/v1/health", "health", auth::RoutePolicy::Public(),
             [](const Request&) -> Result<Response> { return Response::Json(R"({"ok":1})"); });
  router.Add(
      Method::kPost, "/api/v1/echo", "echo", auth::RoutePolicy::Public(),
      [](const Request& request) -> Result<Response> { return Response::Json(request.body); });
  ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  options.threads = 1;
  RunningServer server(options, router);
  ASSERT_TRUE(server.started());
  std::vector<int> slow;
  for (int i = 0; i < 50; ++i) {
    const int fd = Connect(server.port());
    ASSERT_GE(fd, 0);
    const std::string start = i % 2 == 0 ? "GET /api/v1/health HTTP/1.1\r\nHo"
                                         : "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\n"
                                           "Content-Length: 100\r\n\r\nabc";
    ::send(fd, start.data(), start.size(), MSG_NOSIGNAL);
    slow.push_back(fd);
  }
  const auto started = std::chrono::steady_clock::now();
  for (int tick = 0; tick < 6; ++tick) {  // a byte each 250 ms: never a whole request
    for (int fd : slow) ::send(fd, "x", 1, MSG_NOSIGNAL);
    const auto asked = std::chrono::steady_clock::now();
    const auto reply = Exchange(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
    EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::milliseconds(500));
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  for (int fd : slow) {
    EXPECT_TRUE(ClosedWithin(fd, std::chrono::milliseconds(2000)));
    ::close(fd);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// A response that takes longer to make than the idle timeout (a large export) still reaches the
// client whole: the read's deadline must not cut the write.
TEST(ServerSlowResponseTest, ASlowLargeResponseArrivesWhole) {
  Router router(NobodySignedIn);
  router.Add(Method::kGet, "/api/v1/slow", "slow", auth::RoutePolicy::Public(),
             [](const Request&) -> Result<Response> {
               std::this_thread::sleep_for(std::chrono::milliseconds(1500));
               Response response;
               response.content_type = "text/csv";
               response.body = std::string(8 * 1024 * 1024, 'x');
               return response;
             });
  ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  RunningServer server(options, router);
  ASSERT_TRUE(server.started());
  const auto reply =
      Exchange(server.port(), "GET /api/v1/slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  server.Stop();
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply.substr(0, 200);
  const auto body_at = reply.find("\r\n\r\n");
  ASSERT_NE(body_at, std::string::npos);
  EXPECT_EQ(reply.size() - body_at - 4, 8u * 1024 * 1024);
}

// Upload routes may carry 100 MiB and take minutes; who may send one is decided from the
// request line and headers, before a byte of the body is read (issue 11, finding 3).
class PreBodyAuthenticationTest : public testing::Test {
 protected:
  // "Bearer operator" is the operator of 35.14; the cookie "jaring_session=s" a session of the
  // same operator whose CSRF token is Csrf().
  static const std::string& Csrf() {
    static const std::string token = auth::NewCsrfToken();
    return token;
  }
  static Result<std::optional<Caller>> Authenticate(const Request& request) {
    const auth::Principal op{
        1, "operator", {{auth::Role::kOperator, auth::Scope::Unchecked("35.14")}}};
    if (request.Header("authorization") == "Bearer operator") {
      return Caller{op, Caller::Via::kApiToken, {}, {}};
    }
    if (request.Cookie("jaring_session") == "s") {
      return Caller{op, Caller::Via::kSessionCookie, "s", Csrf()};
    }
    return std::optional<Caller>();
  }

  void SetUp() override {
    router_.Add(Method::kPost, "/api/v1/regencies/{code}/imports", "upload",
                auth::RoutePolicy::InRegency(auth::Permission::kImport),
                [this](const Request& request) -> Result<Response> {
                  ++handled_;
                  return Response::Json("{\"bytes\":" + std::to_string(request.body.size()) + "}");
                });
    ServerOptions options;
    options.body_limit = 1024;
    options.large_body = [](Method method, std::string_view target) {
      return method == Method::kPost && target.starts_with("/api/v1/regencies/") &&
             target.substr(0, target.find('?')).ends_with("/imports");
    };
    options.large_body_limit = 100u << 20;
    options.large_body_timeout = std::chrono::seconds(30);
    options.max_large_bodies = 1;
    server_ = std::make_unique<RunningServer>(options, router_);
    ASSERT_TRUE(server_->started());
  }

  std::string Head(const std::string& regency, const std::string& credentials) const {
    return "POST /api/v1/regencies/" + regency +
           "/imports?source=Desa HTTP/1.1\r\nHost: x\r\nContent-Length: 60000000\r\n" +
           credentials + "\r\n";
  }

  Router router_{Authenticate};
  std::unique_ptr<RunningServer> server_;
  std::atomic<int> handled_{0};
};

TEST_F(PreBodyAuthenticationTest, RefusalsComeBeforeTheBody) {
  const auto wait = std::chrono::milliseconds(3000);
  const std::string nobody = Exchange(server_->port(), Head("35.14", ""), wait);
  EXPECT_TRUE(nobody.starts_with("HTTP/1.1 401")) << nobody.substr(0, 300);
  EXPECT_NE(nobody.find("UNAUTHENTICATED"), std::string::npos);
  EXPECT_NE(nobody.find("Connection: close"), std::string::npos);
  const std::string foreign =
      Exchange(server_->port(), Head("35.13", "Authorization: Bearer operator\r\n"), wait);
  EXPECT_TRUE(foreign.starts_with("HTTP/1.1 403")) << foreign.substr(0, 300);
  EXPECT_NE(foreign.find("FORBIDDEN"), std::string::npos);
  const std::string forged =
      Exchange(server_->port(), Head("35.14", "Cookie: jaring_session=s\r\n"), wait);
  EXPECT_TRUE(forged.starts_with("HTTP/1.1 403")) << forged.substr(0, 300);
  EXPECT_NE(forged.find("CSRF_TOKEN_INVALID"), std::string::npos);
  EXPECT_EQ(handled_, 0);
}

TEST_F(PreBodyAuthenticationTest, AnAllowedUploadIsReadWhole) {
  const std::string body(200'000, 'x');
  for (const std::string& credentials :
       {std::string("Authorization: Bearer operator\r\n"),
        "Cookie: jaring_session=s\r\nX-CSRF-Token: " + Csrf() + "\r\n"}) {
    const std::string reply =
        Exchange(server_->port(),
                 "POST /api/v1/regencies/35.14/imports HTTP/1.1\r\nHost: x\r\n"
                 "Connection: close\r\nContent-Length: 200000\r\n" +
                     credentials + "\r\n" + body);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply.substr(0, 300);
    EXPECT_NE(reply.find(R"({"bytes":200000})"), std::string::npos);
  }
  EXPECT_EQ(handled_, 2);
}

// A browser sends the whole body even when the answer came first: the refusal must still
// reach it, not be lost in a connection reset.
TEST_F(PreBodyAuthenticationTest, ARefusedClientThatKeepsSendingStillGetsTheAnswer) {
  const std::string reply = Exchange(server_->port(),
                                     "POST /api/v1/regencies/35.14/imports HTTP/1.1\r\nHost: x\r\n"
                                     "Connection: close\r\nContent-Length: 2000000\r\n\r\n" +
                                         std::string(2'000'000, 'x'));
  EXPECT_TRUE(reply.starts_with("HTTP/1.1 401")) << reply.substr(0, 300);
  EXPECT_EQ(handled_, 0);
}

// Large bodies are held in memory whole: beyond max_large_bodies at once (1 here), an admitted
// upload is told to come back (503, Retry-After) before its body is read; a place freed is
// free again.
TEST_F(PreBodyAuthenticationTest, UploadsBeyondThePlacesWaitTheirTurn) {
  const int first = Connect(server_->port());
  ASSERT_GE(first, 0);
  const std::string head = Head("35.14", "Authorization: Bearer operator\r\n") + "partial";
  ::send(first, head.data(), head.size(), MSG_NOSIGNAL);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string second = Exchange(server_->port(), Head("35.14", "Authorization: Bearer operator\r\n"),
                                      std::chrono::milliseconds(3000));
  EXPECT_TRUE(second.starts_with("HTTP/1.1 503")) << second.substr(0, 300);
  EXPECT_NE(second.find("Retry-After: 10"), std::string::npos);
  ::close(first);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string third = Exchange(server_->port(),
                                     "POST /api/v1/regencies/35.14/imports HTTP/1.1\r\nHost: x\r\n"
                                     "Connection: close\r\nContent-Length: 5\r\n"
                                     "Authorization: Bearer operator\r\n\r\nhello");
  EXPECT_TRUE(third.starts_with("HTTP/1.1 200")) << third.substr(0, 300);
  EXPECT_EQ(handled_, 1);
}

// The value of the response header `name` (as the server spells it), or "".
std::string HeaderOf(const std::string& reply, const std::string& name) {
  const auto at = reply.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  const auto start = at + name.size() + 4;
  return reply.substr(start, reply.find("\r\n", start) - start);
}

std::string Get(std::uint16_t port, const std::string& path, const std::string& headers = {}) {
  return Exchange(port,
                  "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers +
                      "\r\n");
}

// /metrics over a real socket: what it counts after requests, and who may read it.
class MetricsEndpointTest : public testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/api/v1/health", "health", auth::RoutePolicy::Public(),
                [](const Request&) -> Result<Response> { return Response::Json(R"({"ok":1})"); });
    router_.Add(Method::kGet, "/api/v1/regencies/{code}/workers/{id}", "worker",
                auth::RoutePolicy::Public(),
                [](const Request&) -> Result<Response> { return Response::Json("{}"); });
  }
  void Start(MetricsAccess access) {
    metrics_ = std::make_unique<HttpMetrics>(registry_, std::move(access));
    ServerOptions options;
    options.metrics = metrics_.get();
    server_ = std::make_unique<RunningServer>(options, router_);
    ASSERT_TRUE(server_->started());
  }

  metrics::Registry registry_;  // the test's own, not the process's
  Router router_{NobodySignedIn};
  std::unique_ptr<HttpMetrics> metrics_;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(MetricsEndpointTest, CountsRequestsByRoutePatternNeverByPath) {
  Start({});
  const auto port = server_->port();
  EXPECT_TRUE(Get(port, "/api/v1/health").starts_with("HTTP/1.1 200"));
  EXPECT_TRUE(Get(port, "/api/v1/health").starts_with("HTTP/1.1 200"));
  EXPECT_TRUE(Get(port, "/api/v1/regencies/35.14/workers/3514010101900001?nik=3514010101900002")
                  .starts_with("HTTP/1.1 200"));
  EXPECT_TRUE(Get(port, "/api/v1/nothing/3514010101900003").starts_with("HTTP/1.1 404"));
  EXPECT_TRUE(Get(port, "/pekerja/12").starts_with("HTTP/1.1 404"));  // the front end's

  const std::string reply = Get(port, "/metrics");
  ASSERT_TRUE(reply.starts_with("HTTP/1.1 200")) << reply;
  EXPECT_EQ(HeaderOf(reply, "Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string body = reply.substr(reply.find("\r\n\r\n") + 4);
  for (const std::string& line : {
           std::string("# TYPE jaring_http_requests_total counter\n"),
           std::string(R"(jaring_http_requests_total{method="GET",route="/api/v1/health",status="2xx"} 2)"),
           std::string(R"(jaring_http_requests_total{method="GET",route="/api/v1/regencies/{code}/workers/{id}",status="2xx"} 1)"),
           std::string(R"(jaring_http_requests_total{method="GET",route="unmatched",status="4xx"} 1)"),
           std::string(R"(jaring_http_requests_total{method="GET",route="static",status="4xx"} 1)"),
           std::string("# TYPE jaring_http_request_duration_seconds histogram\n"),
           std::string(R"(jaring_http_request_duration_seconds_count{method="GET",route="/api/v1/health"} 2)"),
           std::string(R"(jaring_http_request_duration_seconds_bucket{method="GET",route="/api/v1/health",le="+Inf"} 2)"),
       }) {
    EXPECT_NE(body.find(line), std::string::npos) << line << "\n" << body;
  }
  // No path, regency or NIK of the requests made it onto the page.
  EXPECT_EQ(body.find("3514"), std::string::npos) << body;
  EXPECT_EQ(body.find("35.14"), std::string::npos) << body;
  EXPECT_EQ(body.find("pekerja"), std::string::npos) << body;
  // The scrape itself is counted (seen by the next one).
  EXPECT_NE(Get(port, "/metrics").find(R"(route="/metrics",status="2xx"} 1)"), std::string::npos);
}

TEST_F(MetricsEndpointTest, WithoutATokenOnlyUnforwardedLoopbackMayRead) {
  Start({});
  EXPECT_TRUE(Get(server_->port(), "/metrics").starts_with("HTTP/1.1 200"));
  for (const char* forwarded :
       {"X-Forwarded-For: 203.0.113.9\r\n", "X-Real-IP: 203.0.113.9\r\n",
        "Forwarded: for=203.0.113.9\r\n"}) {
    const std::string reply = Get(server_->port(), "/metrics", forwarded);
    EXPECT_TRUE(reply.starts_with("HTTP/1.1 404")) << forwarded << reply;
    EXPECT_EQ(reply.find("jaring_http"), std::string::npos);
  }
  Request remote;
  remote.remote_address = "192.0.2.7";
  remote.path = "/metrics";
  EXPECT_FALSE(metrics_->MayRead(remote));
  remote.remote_address = "::1";
  EXPECT_TRUE(metrics_->MayRead(remote));
}

TEST_F(MetricsEndpointTest, WithATokenTheBearerMayReadFromAnywhere) {
  Start({.token = "rahasia-metrik-123"});
  const auto port = server_->port();
  EXPECT_TRUE(Get(port, "/metrics").starts_with("HTTP/1.1 404"));  // loopback is not enough
  EXPECT_TRUE(Get(port, "/metrics", "Authorization: Bearer salah\r\n").starts_with("HTTP/1.1 404"));
  EXPECT_TRUE(Get(port, "/metrics",
                  "Authorization: Bearer rahasia-metrik-123\r\nX-Forwarded-For: 203.0.113.9\r\n")
                  .starts_with("HTTP/1.1 200"));
}

// Every response carries X-Request-Id; every line logged while a request is handled carries the
// same id, also with several server threads answering concurrent requests.
TEST(RequestIdServerTest, EveryResponseAndLogLineCarriesItsRequestsId) {
  SetUpLogging("info", LogFormat::kJson);
  auto logger = spdlog::default_logger();
  std::ostringstream lines;
  const auto old_sinks = logger->sinks();
  logger->sinks() = {std::make_shared<spdlog::sinks::ostream_sink_mt>(lines)};
  SetUpLogging("info", LogFormat::kJson);

  Router router(NobodySignedIn);
  router.Add(Method::kGet, "/api/v1/who", "who", auth::RoutePolicy::Public(),
             [](const Request& request) -> Result<Response> {
               spdlog::info(R"("event":"inside","seen":"{}")", request.request_id);
               return Response::Json("\"" + request.request_id + "\"");
             });
  ServerOptions options;
  options.threads = 4;
  {
    RunningServer server(options, router);
    ASSERT_TRUE(server.started());
    const std::regex fresh("[0-9a-f]{32}");
    std::mutex mutex;
    std::vector<std::string> failures;
    std::vector<std::jthread> clients;
    for (int c = 0; c < 4; ++c) {
      clients.emplace_back([&, c] {
        for (int i = 0; i < 25; ++i) {
          // Half bring their own id (a proxy's), a few a malformed one, the rest none.
          const std::string mine = "proxy-" + std::to_string(c) + "-" + std::to_string(i);
          const std::string header = i % 2 == 0   ? "X-Request-Id: " + mine + "\r\n"
                                     : i % 5 == 0 ? "X-Request-Id: bad id\r\n"
                                                  : "";
          const std::string reply = Get(server.port(), "/api/v1/who", header);
          const std::string id = HeaderOf(reply, "X-Request-Id");
          const bool ok = (i % 2 == 0 ? id == mine : std::regex_match(id, fresh)) &&
                          reply.ends_with("\"" + id + "\"");
          if (!ok) {
            std::lock_guard lock(mutex);
            failures.push_back(reply);
          }
        }
      });
    }
    clients.clear();
    EXPECT_TRUE(failures.empty()) << failures.size() << " failures, e.g.\n" << failures.front();
    const std::string missing = Get(server.port(), "/nothing-here");
    const std::string missing_id = HeaderOf(missing, "X-Request-Id");
    EXPECT_TRUE(std::regex_match(missing_id, fresh)) << missing;
    // A problem+json body names the id too, so that a user can quote it.
    EXPECT_TRUE(missing.ends_with(R"(,"request_id":")" + missing_id + "\"}")) << missing;
  }
  logger->sinks() = old_sinks;
  SetUpLogging("info", LogFormat::kJson);

  // Each handler's line carries the id it saw, and each request line an id.
  std::istringstream in(lines.str());
  int inside = 0, requests = 0;
  const std::regex inside_line(R"re("request_id":"([^"]+)","event":"inside","seen":"([^"]+)")re");
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_search(line, match, inside_line)) {
      ++inside;
      EXPECT_EQ(match[1], match[2]) << line;
    } else if (line.find(R"("event":"request")") != std::string::npos) {
      ++requests;
      EXPECT_NE(line.find(R"("request_id":")"), std::string::npos) << line;
    }
  }
  EXPECT_EQ(inside, 100);
  EXPECT_EQ(requests, 101);
}

}  // namespace
}  // namespace jaring::http
