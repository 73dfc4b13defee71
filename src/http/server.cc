#include "http/server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
#include <optional>
#include <random>

#include "http/request_checks.h"
#include "core/thread_name.h"

namespace shrimp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string NewRequestId() {
  // Unique within a process run and unguessable enough for log correlation.
  static std::atomic<uint64_t> counter{0};
  thread_local std::mt19937_64 random(std::random_device{}());
  thread_local uint64_t prefix = random();
  return fmt::format("{:08x}{:08x}", static_cast<uint32_t>(prefix), counter.fetch_add(1));
}

bool IsSafeRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  }
  return true;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  Metrics& metrics;
  asio::io_context io_context;
  tcp::acceptor acceptor{io_context};
  std::vector<std::thread> threads;
  // The accept loop, its retry timer, its warnings' rate limit and Stop()'s
  // closing of the acceptor all run on this strand: none of them is
  // thread-safe on its own.
  asio::strand<asio::io_context::executor_type> accept_strand{asio::make_strand(io_context)};
  asio::steady_timer accept_retry_timer{accept_strand};
  std::atomic<int> connections{0};
  int connections_cap = 1;  // set by Start(), before any io thread runs
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::once_flag stop_once;
  std::chrono::steady_clock::time_point accept_logged_at{};
  uint64_t accept_warnings_suppressed = 0;

  Impl(ServerOptions options_in, const Router& router_in, Metrics& metrics_in)
      : options(std::move(options_in)), router(router_in), metrics(metrics_in) {}

  void Accept();
  void OnAccepted(beast::error_code ec, tcp::socket socket);
  void WarnAboutAccept(std::string_view what);
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
    server_.connections += 1;
    beast::error_code ignored;
    auto endpoint = stream_.socket().remote_endpoint(ignored);
    remote_ip_ = ignored ? "" : endpoint.address().to_string();
  }
  ~Session() { server_.connections -= 1; }

  void Run() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.options.header_bytes_max));
    // Beast checks Content-Length against the limit while parsing the
    // header, before the route is known: start from the largest any route
    // allows, then narrow it to the matched route's own bound below.
    parser_->body_limit(server_.router.BodyBytesMax());
    header_scanned_bytes_ = 0;
    raw_path_.clear();
    client_ip_ = remote_ip_;
    // One deadline for the whole header, so a client trickling bytes cannot
    // hold the connection open for longer.
    stream_.expires_after(std::chrono::milliseconds(server_.options.idle_timeout_ms));
    ContinueHeader();
  }

  // The header block is collected raw before Beast parses it, because Beast
  // silently unfolds obsolete line folding, and the raw bytes are the only
  // place the folding can still be seen (see http/request_checks.h).
  void ContinueHeader() {
    std::string_view bytes = BufferedBytes();
    if (auto header_end = FindHeaderEnd(bytes, header_scanned_bytes_)) {
      return ParseHeader(bytes.substr(0, *header_end));
    }
    if (bytes.size() >= server_.options.header_bytes_max) {
      return HandleReadError(bhttp::error::header_limit);
    }
    header_scanned_bytes_ = bytes.size();
    size_t room = std::min(server_.options.header_bytes_max - bytes.size(), kReadChunkBytes);
    stream_.async_read_some(buffer_.prepare(room),
                            [self = shared_from_this()](beast::error_code ec, size_t bytes_read) {
                              self->buffer_.commit(bytes_read);
                              if (ec) return self->HandleReadError(ec);
                              self->ContinueHeader();
                            });
  }

  std::string_view BufferedBytes() const {
    auto data = buffer_.data();
    return std::string_view(static_cast<const char*>(data.data()), data.size());
  }

  void ParseHeader(std::string_view header_block) {
    started_ = std::chrono::steady_clock::now();
    if (auto folding = CheckHeaderBlock(header_block); !folding.ok()) {
      return Refuse(400, folding.error());
    }
    beast::error_code ec;
    size_t used = parser_->put(asio::buffer(header_block.data(), header_block.size()), ec);
    if (!ec && (!parser_->is_header_done() || used != header_block.size())) {
      ec = bhttp::error::bad_version;  // a blank line that does not end a request header
    }
    if (ec) return HandleReadError(ec);
    buffer_.consume(used);
    OnHeader();
  }

  void OnHeader() {
    auto& header = parser_->get();
    std::string_view target(header.target().data(), header.target().size());
    raw_path_ = std::string(target.substr(0, target.find('?')));
    if (auto coding = CheckTransferEncoding(header); !coding.ok()) {
      return Refuse(400, coding.error());
    }
    auto segments = DecodePath(raw_path_);
    if (!segments.ok()) return Refuse(400, segments.error());
    path_segments_ = std::move(*segments);
    match_ = server_.router.Find(std::string_view(header.method_string().data(),
                                                  header.method_string().size()),
                                 path_segments_);
    size_t body_max =
        match_.route != nullptr ? match_.route->doc.body_bytes_max : kJsonBodyBytesMax;
    if (auto length = parser_->content_length(); length && *length > body_max) {
      return HandleReadError(bhttp::error::body_limit);
    }
    parser_->body_limit(body_max);
    stream_.expires_after(std::chrono::milliseconds(server_.options.request_timeout_ms));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        self->OnBody(ec);
                      });
  }

  // Answers a request the server will not read further, and closes: what
  // follows on the connection cannot be trusted to start a new request.
  void Refuse(int status, const Error& error) {
    keep_alive_ = false;
    Send(ErrorResponse(status, error.code, error.message), "");
  }

  void HandleReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      keep_alive_ = false;
      return Send(ErrorResponse(413, "body_too_large", "request body is larger than allowed"), "");
    }
    if (ec == bhttp::error::header_limit) {
      keep_alive_ = false;
      return Send(ErrorResponse(431, "headers_too_large", "request headers are too large"), "");
    }
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      return Close();
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
      keep_alive_ = false;
      return Send(ErrorResponse(400, "bad_request", "malformed HTTP request"), "");
    }
    Close();
  }

  void OnBody(beast::error_code ec) {
    if (ec) return HandleReadError(ec);
    auto message = parser_->release();
    keep_alive_ = message.keep_alive() && !server_.stopping;
    auto request = std::make_shared<Request>();
    request->method = std::string(message.method_string());
    std::string_view target(message.target().data(), message.target().size());
    size_t question = target.find('?');
    request->path = JoinPath(path_segments_);
    if (question != std::string_view::npos) request->query_string = target.substr(question + 1);
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request->headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request->body = std::move(message.body());
    client_ip_ = server_.options.trusted_proxies.ClientAddress(remote_ip_,
                                                               request->Header("x-forwarded-for"));
    request->remote_ip = client_ip_;
    std::string_view incoming_id = request->Header("x-request-id");
    request->request_id = IsSafeRequestId(incoming_id) ? std::string(incoming_id) : NewRequestId();
    head_only_ = request->method == "HEAD";

    if (!ParseQueryString(request->query_string, &request->query)) {
      return Send(ErrorResponse(400, "bad_query", "query string is malformed"),
                  request->request_id);
    }
    if (match_.result == Router::MatchResult::kNotFound) {
      return Send(ErrorResponse(404, "route_not_found", "no such route: " + request->path),
                  request->request_id);
    }
    if (match_.result == Router::MatchResult::kMethodNotAllowed) {
      Response response = ErrorResponse(405, "method_not_allowed",
                                        request->method + " is not allowed on " + request->path);
      response.headers.emplace_back("Allow", match_.allow);
      return Send(std::move(response), request->request_id);
    }
    request->route = match_.route->pattern;
    request->path_params = std::move(match_.params);
    route_ = request->route;
    method_ = request->method;
    std::string request_id = request->request_id;
    server_.in_flight += 1;
    auto reply = [self = shared_from_this(), request_id](Response response) mutable {
      asio::post(self->stream_.get_executor(), [self, request_id = std::move(request_id),
                                                response = std::move(response)]() mutable {
        self->server_.in_flight -= 1;
        self->Send(std::move(response), request_id);
      });
    };
    try {
      match_.route->handler(std::move(request), std::move(reply));
    } catch (const std::exception& exception) {
      // Handlers catch their own third-party exceptions; this is the last net.
      spdlog::error("handler threw: {}", exception.what());
      server_.in_flight -= 1;
      Send(ErrorResponse(500, "internal", "internal error"), request_id);
    }
  }

  void Send(Response response, const std::string& request_id) {
    auto latency_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started_)
                          .count();
    const std::string& route_label = route_.empty() ? kUnmatched : route_;
    const std::string method_label =
        method_.empty() && parser_ ? std::string(parser_->get().method_string()) : method_;
    server_.metrics.Record(method_label, route_label, response.status, latency_us);
    if (server_.options.access_log) {
      // The raw path, escaped: what the client sent, on one line whatever it holds.
      // ip: the client (the peer, or whom a trusted proxy names); peer: the connection's.
      spdlog::info("access id={} ip={} peer={} method={} path=\"{}\" route={} status={} us={}",
                   request_id, client_ip_, remote_ip_, EscapeForLog(method_label),
                   EscapeForLog(raw_path_), route_label, response.status, latency_us);
    }
    response_.emplace();
    auto& out = *response_;
    out.result(static_cast<unsigned>(response.status));
    out.version(11);
    out.set(bhttp::field::server, "shrimp");
    out.set(bhttp::field::content_type, response.content_type);
    if (!request_id.empty()) out.set("X-Request-Id", request_id);
    // No response may be sniffed into another type: an uploaded "image" a
    // browser reads as HTML would run script on this origin.
    out.set("X-Content-Type-Options", "nosniff");
    for (auto& [name, value] : response.headers) out.set(name, value);
    out.keep_alive(keep_alive_ && !server_.stopping);
    size_t body_size = response.body.size();
    if (!head_only_) out.body() = std::move(response.body);
    out.content_length(body_size);
    route_.clear();
    method_.clear();
    head_only_ = false;
    stream_.expires_after(std::chrono::milliseconds(server_.options.request_timeout_ms));
    bhttp::async_write(stream_, out, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->OnWrite(ec);
    });
  }

  void OnWrite(beast::error_code ec) {
    bool keep_alive = response_->keep_alive();
    response_.reset();
    if (ec || !keep_alive) return Close();
    ReadHeader();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  static inline const std::string kUnmatched = "unmatched";
  // Bytes asked of the socket per read while collecting a header block.
  static constexpr size_t kReadChunkBytes = 4096;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Server::Impl& server_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  Router::Match match_;
  size_t header_scanned_bytes_ = 0;
  std::string raw_path_;
  std::vector<std::string> path_segments_;
  std::string remote_ip_;
  std::string client_ip_;  // of the current request: remote_ip_, or whom a trusted proxy names
  std::string route_;
  std::string method_;
  bool keep_alive_ = true;
  bool head_only_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace

int ConnectionCapFor(int connections_max, uint64_t open_files_max) {
  uint64_t reserved = std::max(kFileDescriptorsReservedMin, open_files_max / 4);
  uint64_t allowed = open_files_max > reserved ? open_files_max - reserved : 1;
  return static_cast<int>(std::clamp<uint64_t>(allowed, 1, std::max(connections_max, 1)));
}

namespace {

uint64_t OpenFilesLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
    return std::numeric_limits<uint64_t>::max();
  }
  return limit.rlim_cur;
}

}  // namespace

void Server::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(io_context),
                        asio::bind_executor(accept_strand,
                                            [this](beast::error_code ec, tcp::socket socket) {
                                              OnAccepted(ec, std::move(socket));
                                            }));
}

void Server::Impl::OnAccepted(beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || stopping) return;
  if (ec) {
    // Out of descriptors or buffers: nothing will change in the next
    // microsecond, so wait instead of spinning on the same failure.
    metrics.RecordAcceptFailure();
    WarnAboutAccept("accept failed: " + ec.message());
    accept_retry_timer.expires_after(std::chrono::milliseconds(kAcceptRetryDelayMs));
    accept_retry_timer.async_wait([this](beast::error_code timer_ec) {
      if (!timer_ec && !stopping) Accept();
    });
    return;
  }
  if (connections >= connections_cap) {
    // Over the bound: refuse at once rather than run out of descriptors.
    metrics.RecordConnectionRefused();
    WarnAboutAccept("connection refused: " + std::to_string(connections_cap) +
                    " connections open, the cap");
    beast::error_code ignored;
    socket.close(ignored);
  } else {
    std::make_shared<Session>(std::move(socket), *this)->Run();
  }
  Accept();
}

void Server::Impl::WarnAboutAccept(std::string_view what) {
  auto now = std::chrono::steady_clock::now();
  if (accept_logged_at != std::chrono::steady_clock::time_point{} &&
      now - accept_logged_at < std::chrono::milliseconds(kAcceptLogIntervalMs)) {
    accept_warnings_suppressed += 1;
    return;
  }
  if (accept_warnings_suppressed > 0) {
    spdlog::warn("{} (and {} more accept warnings in the last {} s)", what,
                 accept_warnings_suppressed, kAcceptLogIntervalMs / 1000);
  } else {
    spdlog::warn("{}", what);
  }
  accept_logged_at = now;
  accept_warnings_suppressed = 0;
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() {
  Stop();
  Wait();
}

bool Server::Start(std::string* error) {
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) {
    *error = "bad host address: " + impl_->options.host;
    return false;
  }
  tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
             ": " + ec.message();
    return false;
  }
  port_ = impl_->acceptor.local_endpoint().port();
  uint64_t open_files_max = OpenFilesLimit();
  impl_->connections_cap = ConnectionCapFor(impl_->options.connections_max, open_files_max);
  if (impl_->connections_cap < impl_->options.connections_max) {
    spdlog::info("at most {} connections at once (open files limit {})", impl_->connections_cap,
                 open_files_max);
  }
  asio::dispatch(impl_->accept_strand, [this] { impl_->Accept(); });
  int thread_count = impl_->options.io_threads > 0
                         ? impl_->options.io_threads
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int index = 0; index < thread_count; ++index) {
    impl_->threads.emplace_back([this] {
      NameThisThread("shrimp-io");
      impl_->io_context.run();
    });
  }
  return true;
}

void Server::Stop() {
  std::call_once(impl_->stop_once, [this] {
    impl_->stopping = true;
    asio::post(impl_->accept_strand, [this] {
      beast::error_code ignored;
      impl_->acceptor.close(ignored);
      impl_->accept_retry_timer.cancel();
    });
    // Let in-flight requests finish, bounded by the grace period.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kShutdownGraceMs);
    while (impl_->in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let final writes flush
    impl_->io_context.stop();
  });
}

void Server::Wait() {
  for (auto& thread : impl_->threads) {
    if (thread.joinable()) thread.join();
  }
}

}  // namespace shrimp::http
