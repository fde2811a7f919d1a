// Design notes
// - One io_context, `threads` threads running it. Each connection is a Session on its own
//   strand (beast::tcp_stream over a strand executor), so a session's handlers never race.
// - Handlers run synchronously on the io threads: they are short (database reads). Long work
//   (imports, matching) belongs to background jobs, never to a request handler.
// - Graceful stop: close the acceptor, mark draining, close idle sessions; busy sessions send
//   their response with "Connection: close" and end. A timer bounds the wait (drain_timeout).
// - A large-body route (ServerOptions::large_body) is admitted from its headers (Router::Admit:
//   authentication, CSRF, the policy with the regency of the path) before its limits are
//   raised and its body read; a refusal is sent at once and the connection lingers briefly.
//   So does a 413: a client still sending its body would otherwise get a reset, not the answer.
// - Slow and many clients: each connection costs a socket and a few kB, no thread; its request
//   must arrive within idle_timeout. Beyond max_connections (or what the open-file limit
//   leaves) a new connection is closed at once; when accept itself fails for want of
//   descriptors, accepting pauses briefly instead of spinning. Each accept takes the whole
//   backlog at once, so that a busy server does not leave new clients waiting in it.
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "common/log.hpp"
#include "http/problem.hpp"

#include <sys/resource.h>

namespace jaring::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

void AddSecurityHeaders(Response& response) {
  response.headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
      "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
}

namespace {

// The slowest client a response must still reach: a village office on a weak mobile link. A
// 200 MB export then has about 3.5 hours, a page of JSON the idle timeout.
constexpr std::size_t kSlowestClientBytesPerSecond = 16 * 1024;

std::chrono::seconds WriteTimeout(std::chrono::seconds idle_timeout, std::size_t body_bytes) {
  return idle_timeout + std::chrono::seconds(body_bytes / kSlowestClientBytesPerSecond);
}

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

// The request line and headers as a Request (no body); nullopt for a malformed target.
std::optional<Request> RequestHead(const bhttp::request_header<>& header,
                                   const std::string& remote) {
  auto target = ParseTarget(std::string_view(header.target().data(), header.target().size()));
  if (!target) return std::nullopt;
  Request request;
  request.method = ToMethod(header.method());
  request.remote_address = remote;
  request.path = std::move(target->first);
  request.query = std::move(target->second);
  for (const auto& field : header) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  return request;
}

// The request's id: the proxy's X-Request-Id when well formed, else a new one.
std::string RequestIdOf(const std::optional<Request>& request) {
  if (request) {
    const auto incoming = request->Header("x-request-id");
    if (incoming && IsRequestId(*incoming)) return std::string(*incoming);
  }
  return NewRequestId();
}

// A response made: its id header (and member of a problem+json body, so that whoever reports an
// error can quote it), the request's log line (inside the request's ScopedRequestId, so the line
// carries the id) and its metrics.
void Conclude(const Request& request, bool target_ok, Response& response,
              std::chrono::steady_clock::time_point started, HttpMetrics* metrics) {
  const std::string& id = CurrentRequestId();
  response.headers.emplace_back("X-Request-Id", id);
  // problem.cpp writes one JSON object; an id needs no escaping (IsRequestId's characters).
  if (response.content_type.starts_with("application/problem+json") &&
      response.body.size() > 2 && response.body.front() == '{' && response.body.back() == '}') {
    response.body.insert(response.body.size() - 1, R"(,"request_id":")" + id + "\"");
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
  spdlog::info(R"("event":"request","method":"{}","path":"{}","status":{},"us":{})",
               MethodName(request.method), target_ok ? request.path : "-", response.status,
               micros);
  if (metrics != nullptr) metrics->Record(request, response.status, elapsed);
}

// How long a refused client's unread body is read and dropped, so that the refusal reaches it
// instead of being lost in the reset that closing a socket with unread data sends.
constexpr std::chrono::seconds kLinger{2};

// Descriptors kept free of connections: the database's, the log's, uploads and exports.
constexpr std::size_t kReservedDescriptors = 128;

// Raises the soft open-file limit to the hard one (a service's soft limit is often 1024) and
// returns how many connections the limit leaves room for.
std::size_t ConnectionRoom() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return kReservedDescriptors;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return static_cast<std::size_t>(-1);
  const auto files = static_cast<std::size_t>(limit.rlim_cur);
  return files > 2 * kReservedDescriptors ? files - kReservedDescriptors : files / 2;
}

}  // namespace

class Server::Impl {
 public:
  class Session;

  Impl(ServerOptions options, const Router& router, const StaticFiles& static_files)
      : options_(std::move(options)),
        router_(router),
        static_files_(static_files),
        acceptor_(asio::make_strand(ioc_)),
        signals_(ioc_),
        drain_timer_(ioc_),
        poll_timer_(ioc_),
        accept_timer_(ioc_) {}

  Status Start();
  void Run();
  void Stop();
  std::uint16_t port() const { return port_; }

  Response Handle(Request& request) const;
  // Before a large body is read: the refusal the request gets from its headers alone, if any.
  std::optional<Response> Admit(Request& request) const;
  bool draining() const { return draining_.load(); }
  const ServerOptions& options() const { return options_; }
  void Register(const std::shared_ptr<Session>& session);
  // A place for one large body in memory (ServerOptions::max_large_bodies); false when full.
  bool TakeLargeBody() {
    int held = large_bodies_.load();
    while (held < options_.max_large_bodies) {
      if (large_bodies_.compare_exchange_weak(held, held + 1)) return true;
    }
    return false;
  }
  void ReleaseLargeBody() { --large_bodies_; }
  void Unregister(Session* session);

 private:
  void Accept();
  void OnAccepted(beast::error_code ec, tcp::socket socket);
  void Welcome(tcp::socket socket);  // a session, unless draining or full
  void BeginDrain();
  void PollDrain();

  ServerOptions options_;
  const Router& router_;
  const StaticFiles& static_files_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  asio::steady_timer poll_timer_;
  asio::steady_timer accept_timer_;  // the pause after accept failed for want of descriptors
  std::uint16_t port_ = 0;
  std::size_t max_connections_ = 0;  // options_.max_connections within the open-file limit
  std::chrono::steady_clock::time_point last_full_warning_{};
  std::atomic<bool> draining_{false};
  std::atomic<int> large_bodies_{0};
  std::mutex sessions_mutex_;
  // Keyed by address so that a closing session is found at once, also after it expired.
  std::map<const Session*, std::weak_ptr<Session>> sessions_;
};

class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }

  void Start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::Read, shared_from_this()));
  }

  // Closes the connection if it is waiting for a request (called while draining).
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

  ~Session() {
    ReleaseLargeBody();
    server_.Unregister(this);
  }

 private:
  void Read() {
    parser_.emplace();
    // Beast checks a Content-Length against the limit while it parses the header, before
    // OnHeader can tell an upload from another request: start from the larger limit.
    parser_->body_limit(server_.options().large_body ? std::max(server_.options().body_limit,
                                                                server_.options().large_body_limit)
                                                     : server_.options().body_limit);
    parser_->header_limit(16 * 1024);
    busy_ = false;
    stream_.expires_after(server_.options().idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  // The header decides the body limit: uploads may be larger and slower than other requests,
  // but only for a caller the route admits; who it is comes from the headers, before the body.
  void OnHeader(beast::error_code ec, std::size_t bytes) {
    if (ec) return OnRead(ec, bytes);
    const auto& options = server_.options();
    const auto& header = parser_->get();
    if (options.large_body &&
        options.large_body(ToMethod(header.method()),
                           std::string_view(header.target().data(), header.target().size()))) {
      busy_ = true;
      const auto started = std::chrono::steady_clock::now();
      std::optional<Request> head = RequestHead(header, remote_);
      const ScopedRequestId log_id(RequestIdOf(head));
      std::optional<Response> refused =
          head ? server_.Admit(*head) : RefusalResponse(Refusal::kBadRequest);
      if (!refused && !server_.TakeLargeBody()) {
        refused = ProblemResponse(Error::Unavailable(
            "Terlalu banyak unggahan besar yang sedang berjalan; coba lagi sebentar lagi"));
        refused->headers.emplace_back("Retry-After", "10");
      }
      if (refused) {
        Conclude(head ? *head : Request{}, head.has_value(), *refused, started,
                 options.metrics);
        lingering_ = true;
        return Send(std::move(*refused), false, header.version());
      }
      holding_large_body_ = true;
      parser_->body_limit(options.large_body_limit);
      stream_.expires_after(std::max(options.idle_timeout, options.large_body_timeout));
    } else {
      const auto length = parser_->content_length();
      if (length && *length > options.body_limit) return OnRead(bhttp::error::body_limit, bytes);
      parser_->body_limit(options.body_limit);  // chunked bodies: checked as they arrive
    }
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    busy_ = true;
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset) {
      return Close();
    }
    if (ec == bhttp::error::body_limit) {
      lingering_ = true;  // the rest of the body is dropped, not read into memory
      return Send(RefusalResponse(Refusal::kPayloadTooLarge), false, 11);
    }
    if (ec) {
      return Send(RefusalResponse(Refusal::kBadRequest), false, 11);
    }
    auto message = parser_->release();
    const auto started = std::chrono::steady_clock::now();
    std::optional<Request> request = RequestHead(message, remote_);
    const ScopedRequestId log_id(RequestIdOf(request));
    if (request) request->request_id = CurrentRequestId();
    Response response;
    if (!request) {
      response = RefusalResponse(Refusal::kBadRequest, "Alamat permintaan tidak valid");
    } else {
      request->body = std::move(message.body());
      response = server_.Handle(*request);
    }
    ReleaseLargeBody();  // handled: its place is free once `message` goes
    const Method method = ToMethod(message.method());
    Conclude(request ? *request : Request{.method = method}, request.has_value(), response, started,
             server_.options().metrics);
    const bool keep_alive = message.keep_alive() && !server_.draining();
    Send(std::move(response), keep_alive, message.version(), method == Method::kHead);
  }

  void Send(Response response, bool keep_alive, unsigned version, bool head = false) {
    AddSecurityHeaders(response);
    // Refusals made before a request could be read (413, 400) get an id of their own.
    if (std::none_of(response.headers.begin(), response.headers.end(),
                     [](const auto& header) { return header.first == "X-Request-Id"; })) {
      response.headers.emplace_back("X-Request-Id", NewRequestId());
    }
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(response.status), version);
    out->set(bhttp::field::server, "jaring");
    out->set(bhttp::field::content_type, response.content_type);
    if (response.content_type.starts_with("application/json") ||
        response.content_type.starts_with("application/problem+json")) {
      out->set(bhttp::field::cache_control, "no-store");
    }
    for (auto& [name, value] : response.headers) out->set(name, value);
    out->keep_alive(keep_alive);
    if (head) {
      out->content_length(response.body.size());
    } else {
      out->body() = std::move(response.body);
      out->prepare_payload();
    }
    response_ = out;
    // The read's deadline may have run out while the handler worked (a large export takes tens
    // of seconds), and an expired stream fails every later operation: the write gets its own,
    // long enough for the body at the pace of the slowest link we serve.
    stream_.expires_after(WriteTimeout(server_.options().idle_timeout, out->body().size()));
    bhttp::async_write(stream_, *out,
                       [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                         self->response_.reset();
                         if (!ec && self->lingering_) return self->Linger();
                         if (ec || !keep_alive || self->server_.draining()) return self->Close();
                         self->Read();
                       });
  }

  void ReleaseLargeBody() {
    if (holding_large_body_) {
      holding_large_body_ = false;
      server_.ReleaseLargeBody();
    }
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // After a refusal sent before the body was read: our side is shut, and what the client still
  // sends is read and dropped for kLinger, so that it reads the refusal before the connection
  // ends (nothing is kept; the read costs no memory beyond one small buffer).
  void Linger() {
    Close();
    stream_.expires_after(kLinger);
    DropIncoming();
  }

  void DropIncoming() {
    stream_.async_read_some(asio::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (!ec) self->DropIncoming();
                            });
  }

  beast::tcp_stream stream_;
  Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<void> response_;
  std::string remote_;
  bool busy_ = false;
  bool lingering_ = false;  // a refusal was sent before the body: drop the rest, then close
  bool holding_large_body_ = false;  // this request holds one of max_large_bodies
  std::array<char, 16 * 1024> discard_;
};

void Server::Impl::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.emplace(session.get(), session);
}

void Server::Impl::Unregister(Session* session) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.erase(session);
}

namespace {
// The router's paths: the API, and the public card check (/cek/<token>, card_routes.hpp).
bool Routed(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path.starts_with("/cek/");
}
}  // namespace

Response Server::Impl::Handle(Request& request) const {
  if (options_.metrics != nullptr && request.path == kMetricsPath) {
    return options_.metrics->Scrape(request);
  }
  if (Routed(request.path)) {
    return router_.Dispatch(request);
  }
  if (request.method != Method::kGet && request.method != Method::kHead) {
    return RefusalResponse(Refusal::kMethodNotAllowed);
  }
  if (auto file = static_files_.Serve(request.path)) return std::move(*file);
  if (!static_files_.available()) {
    return RefusalResponse(Refusal::kNotFound,
                           "Antarmuka web belum dibangun (jalankan: make build-web)");
  }
  return RefusalResponse(Refusal::kNotFound);
}

std::optional<Response> Server::Impl::Admit(Request& request) const {
  if (Routed(request.path)) return router_.Admit(request);
  return std::nullopt;  // static files take no bodies: the ordinary limits apply
}

Status Server::Impl::Start() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(options_.bind, ec);
  if (ec) return Fail(Error::InvalidArgument("alamat tidak valid: " + options_.bind));
  const tcp::endpoint endpoint(address, options_.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) acceptor_.non_blocking(true, ec);  // OnAccepted drains the backlog without waiting
  if (ec) {
    return Fail(Error::Unavailable(
        "tidak dapat mendengarkan di " + options_.bind + ":" + std::to_string(options_.port),
        ec.message()));
  }
  port_ = acceptor_.local_endpoint().port();
  max_connections_ = std::min(options_.max_connections, ConnectionRoom());
  if (options_.handle_signals) {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    signals_.async_wait([this](beast::error_code error, int) {
      if (!error) Stop();
    });
  }
  Accept();
  return {};
}

void Server::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(ioc_),
                         [this](beast::error_code ec, tcp::socket socket) {
                           OnAccepted(ec, std::move(socket));
                         });
}

// Runs on the acceptor's strand: one at a time. After each accepted connection the backlog is
// drained at once (non-blocking accepts): a completion handler waits its turn behind every
// request the io threads have queued, so accepting one connection per turn would leave a burst
// of new clients waiting in the backlog of a busy server, one turn each.
void Server::Impl::OnAccepted(beast::error_code ec, tcp::socket socket) {
  while (!ec) {
    Welcome(std::move(socket));
    socket = tcp::socket(asio::make_strand(ioc_));
    acceptor_.accept(socket, ec);
  }
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (ec != asio::error::would_block && ec != asio::error::try_again) {
    spdlog::warn(R"("event":"accept_failed","error":"{}")", ec.message());
    if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
        ec == asio::error::no_memory) {
      // Accepting again at once would fail again at once: wait for connections to end.
      accept_timer_.expires_after(std::chrono::milliseconds(100));
      accept_timer_.async_wait([this](beast::error_code error) {
        if (!error && acceptor_.is_open()) Accept();
      });
      return;
    }
  }
  Accept();
}

void Server::Impl::Welcome(tcp::socket socket) {
  if (draining_) return;  // closed with the socket
  std::size_t open;
  {
    std::lock_guard lock(sessions_mutex_);
    open = sessions_.size();
  }
  if (open >= max_connections_) {
    beast::error_code ignored;
    socket.close(ignored);
    const auto now = std::chrono::steady_clock::now();
    if (now - last_full_warning_ > std::chrono::seconds(10)) {
      last_full_warning_ = now;
      spdlog::warn(R"("event":"connections_full","open":{},"limit":{})", open, max_connections_);
    }
    return;
  }
  auto session = std::make_shared<Session>(std::move(socket), *this);
  Register(session);
  session->Start();
}

void Server::Impl::Stop() {
  asio::post(acceptor_.get_executor(), [this] {
    if (draining_.exchange(true)) return;
    BeginDrain();
  });
}

void Server::Impl::BeginDrain() {
  spdlog::info(R"("event":"shutdown","phase":"draining")");
  beast::error_code ec;
  acceptor_.close(ec);
  signals_.cancel(ec);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex_);
    for (const auto& [key, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) session->CloseIfIdle();
  drain_timer_.expires_after(options_.drain_timeout);
  drain_timer_.async_wait([this](beast::error_code error) {
    if (!error) {
      spdlog::warn(R"("event":"shutdown","phase":"drain_timeout")");
      ioc_.stop();
    }
  });
  PollDrain();
}

// When the last session has ended, only the drain timer is left: cancel it so run() returns.
void Server::Impl::PollDrain() {
  bool empty;
  {
    std::lock_guard lock(sessions_mutex_);
    empty = sessions_.empty();
  }
  if (empty) {
    drain_timer_.cancel();
    return;
  }
  poll_timer_.expires_after(std::chrono::milliseconds(20));
  poll_timer_.async_wait([this](beast::error_code ec) {
    if (!ec) PollDrain();
  });
}

void Server::Impl::Run() {
  std::vector<std::jthread> workers;
  for (int i = 1; i < options_.threads; ++i) workers.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  ioc_.stop();
  workers.clear();
  spdlog::info(R"("event":"shutdown","phase":"done")");
}

Server::Server(ServerOptions options, const Router& router, const StaticFiles& static_files)
    : impl_(std::make_unique<Impl>(std::move(options), router, static_files)) {}
Server::~Server() = default;
Status Server::Start() { return impl_->Start(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace jaring::http
