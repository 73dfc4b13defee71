#include "testing/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <sodium.h>
#include <strings.h>

namespace shrimp::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

std::string HttpResult::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "";
}

std::string HttpResult::ErrorCode() const {
  if (!json.IsObject() || !json.HasMember("error") || !json["error"].IsObject()) return "";
  const auto& error = json["error"];
  if (!error.HasMember("code") || !error["code"].IsString()) return "";
  return error["code"].GetString();
}

struct HttpClient::Impl {
  std::string host;
  uint16_t port;
  asio::io_context io_context;
  std::unique_ptr<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  // Idempotency-Keys for Post: a random prefix per client (many clients may
  // act for one user, and keys are scoped per user) and a counter.
  std::string key_prefix;
  int64_t keys_sent = 0;

  void Connect() {
    tcp::resolver resolver(io_context);
    stream = std::make_unique<beast::tcp_stream>(io_context);
    stream->connect(resolver.resolve(host, std::to_string(port)));
  }
};

HttpClient::HttpClient(std::string host, uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  unsigned char random[8];
  randombytes_buf(random, sizeof random);
  char hex[sizeof random * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  impl_->key_prefix = std::string("test-") + hex + "-";
}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::Send(const std::string& method, const std::string& target,
                            const std::string& body, const std::string& token,
                            const std::vector<std::pair<std::string, std::string>>& headers,
                            const std::string& content_type) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, impl_->host);
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST" || method == "PATCH") {
    request.set(bhttp::field::content_type, content_type);
    request.body() = body;
    request.prepare_payload();
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!impl_->stream) impl_->Connect();
      bhttp::write(*impl_->stream, request);
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(64u << 20);
      if (method == "HEAD") parser.skip(true);
      bhttp::read(*impl_->stream, impl_->buffer, parser);
      auto response = parser.release();
      HttpResult result;
      result.status = static_cast<int>(response.result_int());
      result.body = std::move(response.body());
      for (const auto& field : response) {
        result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      if (!result.body.empty()) result.json.Parse(result.body.c_str());
      if (!response.keep_alive()) impl_->stream.reset();
      return result;
    } catch (const std::exception&) {
      // A keep-alive connection the server closed: reconnect once.
      impl_->stream.reset();
      impl_->buffer.clear();
      if (attempt == 1) throw;
    }
  }
  return {};
}

std::string HttpClient::SendRaw(const std::string& bytes) {
  tcp::resolver resolver(impl_->io_context);
  beast::tcp_stream stream(impl_->io_context);
  stream.connect(resolver.resolve(impl_->host, std::to_string(impl_->port)));
  asio::write(stream, asio::buffer(bytes));
  std::string out;
  beast::error_code ec;
  char chunk[4096];
  stream.expires_after(std::chrono::seconds(5));
  while (true) {
    size_t n = stream.read_some(asio::buffer(chunk), ec);
    out.append(chunk, n);
    if (ec) break;
    if (out.find("\r\n\r\n") != std::string::npos) {
      // Good enough for tests: stop once headers and a short body arrived.
      auto length_at = out.find("Content-Length: ");
      if (length_at != std::string::npos) {
        size_t length = std::stoul(out.substr(length_at + 16));
        if (out.size() >= out.find("\r\n\r\n") + 4 + length) break;
      }
    }
  }
  return out;
}

HttpResult HttpClient::Get(const std::string& target, const std::string& token) {
  return Send("GET", target, "", token, {});
}
HttpResult HttpClient::Post(const std::string& target, const std::string& body,
                            const std::string& token,
                            std::vector<std::pair<std::string, std::string>> headers) {
  bool keyed = false;
  for (const auto& [name, value] : headers) {
    if (strcasecmp(name.c_str(), "idempotency-key") == 0) keyed = true;
  }
  if (!keyed) {
    headers.emplace_back("Idempotency-Key", impl_->key_prefix + std::to_string(++impl_->keys_sent));
  }
  return Send("POST", target, body, token, headers);
}
HttpResult HttpClient::Patch(const std::string& target, const std::string& body,
                             const std::string& token) {
  return Send("PATCH", target, body, token, {});
}
HttpResult HttpClient::Delete(const std::string& target, const std::string& token) {
  return Send("DELETE", target, "", token, {});
}

}  // namespace shrimp::testing
