#include "testing/webhook_receiver.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <chrono>

namespace shrimp::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

}  // namespace

struct ReceiverState {
  asio::io_context io;
  tcp::acceptor acceptor{io};
};

WebhookReceiver::WebhookReceiver() {
  auto state = std::make_shared<ReceiverState>();
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  state->acceptor.open(endpoint.protocol());
  state->acceptor.set_option(asio::socket_base::reuse_address(true));
  state->acceptor.bind(endpoint);
  state->acceptor.listen();
  port_ = state->acceptor.local_endpoint().port();
  thread_ = std::thread([this, state] {
    for (;;) {
      tcp::socket socket(state->io);
      boost::system::error_code ec;
      state->acceptor.accept(socket, ec);
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        if (ec) continue;
        connections_ += 1;
      }
      beast::flat_buffer buffer;
      bhttp::request<bhttp::string_body> request;
      bhttp::read(socket, buffer, request, ec);
      if (ec) continue;
      ReceivedRequest received;
      received.method = std::string(request.method_string());
      received.target = std::string(request.target());
      for (const auto& field : request) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        received.headers[name] = std::string(field.value());
      }
      received.body = request.body();
      int status = 200;
      {
        std::lock_guard lock(mutex_);
        if (status_) status = status_(received);
      }
      bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(status), 11};
      response.set(bhttp::field::content_type, "text/plain");
      response.set(bhttp::field::connection, "close");
      response.body() = status < 300 ? "ok" : "failing on purpose";
      response.prepare_payload();
      {
        // Recorded before the answer leaves, so a test that sees the
        // attempt recorded also sees the request.
        std::lock_guard lock(mutex_);
        requests_.push_back(std::move(received));
      }
      arrived_.notify_all();
      bhttp::write(socket, response, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  });
}

WebhookReceiver::~WebhookReceiver() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  // Unblocks accept with one last connection.
  try {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  } catch (...) {
  }
  if (thread_.joinable()) thread_.join();
}

std::string WebhookReceiver::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::RespondWith(std::function<int(const ReceivedRequest&)> status) {
  std::lock_guard lock(mutex_);
  status_ = std::move(status);
}

std::vector<ReceivedRequest> WebhookReceiver::Requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

int64_t WebhookReceiver::connections() const {
  std::lock_guard lock(mutex_);
  return connections_;
}

bool WebhookReceiver::WaitFor(size_t count, int64_t timeout_ms) const {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                           [&] { return requests_.size() >= count; });
}

}  // namespace shrimp::testing
