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
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "common/log.hpp"
#include "http/problem.hpp"

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
        poll_timer_(ioc_) {}

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
  void Unregister(Session* session);

 private:
  void Accept();
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
  std::uint16_t port_ = 0;
  std::atomic<bool> draining_{false};
  std::mutex sessions_mutex_;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions_;
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

  ~Session() { server_.Unregister(this); }

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
      if (refused) {
        Conclude(head ? *head : Request{}, head.has_value(), *refused, started,
                 options.metrics);
        lingering_ = true;
        return Send(std::move(*refused), false, header.version());
      }
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
  std::array<char, 16 * 1024> discard_;
};

void Server::Impl::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.insert(session);
}

void Server::Impl::Unregister(Session*) {
  std::lock_guard lock(sessions_mutex_);
  std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
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
  if (ec) {
    return Fail(Error::Unavailable(
        "tidak dapat mendengarkan di " + options_.bind + ":" + std::to_string(options_.port),
        ec.message()));
  }
  port_ = acceptor_.local_endpoint().port();
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
  acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
      spdlog::warn(R"("event":"accept_failed","error":"{}")", ec.message());
    } else if (!draining_) {
      auto session = std::make_shared<Session>(std::move(socket), *this);
      Register(session);
      session->Start();
    }
    if (acceptor_.is_open()) Accept();
  });
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
    for (const auto& weak : sessions_) {
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
    std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
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
