// libFuzzer target: a request's bytes through the steps the server applies
// to them (http/server.cc's Session), without a socket: the header block and
// its checks, Beast's parser, path decoding and routing, the query string,
// the body, and the JSON error that echoes the path back.
//
// Besides "no crash, no sanitizer report", it asserts the properties the
// checks exist for: a request the checks accept is framed by Beast exactly as
// the checks assumed (no smuggling), logs stay on one line, and every JSON
// answer is valid UTF-8 JSON.
#include <rapidjson/document.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/json.h"
#include "http/request.h"
#include "http/request_checks.h"
#include "http/router.h"

namespace {

namespace bhttp = boost::beast::http;
using namespace shrimp::http;

// The same bounds the server runs with (ServerOptions defaults).
constexpr size_t kHeaderBytesMax = 16 * 1024;

void Require(bool condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "property violated: %s\n", what);
    abort();
  }
}

void RequireValidJson(const std::string& json) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  Require(!document.HasParseError(), "a JSON answer is valid JSON");
}

const Router& FuzzRouter() {
  static const Router* router = [] {
    auto* built = new Router;
    Handler noop = [](RequestPtr, Reply reply) { reply(Response{}); };
    built->Add("GET", "/api/v1/admin/overview", noop, {});
    built->Add("GET", "/api/v1/shops/{id}", noop, {});
    built->Add("POST", "/api/v1/shops/{id}/products", noop, {});
    built->Add("GET", "/images/{name}", noop, {});
    built->SetGetFallback([](std::string_view path) { return !path.starts_with("/api/"); },
                          [](const Request&) { return Response{}; });
    return built;
  }();
  return *router;
}

void CheckRouting(std::string_view method, std::string_view raw_path) {
  auto segments = DecodePath(raw_path);
  if (!segments.ok()) {
    RequireValidJson(ErrorResponse(400, segments.error().code, segments.error().message).body);
    return;
  }
  for (const std::string& segment : *segments) {
    for (char c : segment) {
      auto byte = static_cast<unsigned char>(c);
      Require(byte >= 0x20 && byte != 0x7f, "decoded segments hold no control characters");
    }
  }
  Require(segments->size() ==
              static_cast<size_t>(std::count(raw_path.begin(), raw_path.end(), '/')),
          "only a raw '/' separates segments (never a decoded %2F)");
  auto match = FuzzRouter().Find(method, *segments);
  if (match.result == Router::MatchResult::kFound) {
    for (const std::string& segment : *segments) {
      Require(segment.find('/') == std::string::npos, "a segment holding '/' matches no route");
    }
  }
  std::string path = JoinPath(*segments);
  RequireValidJson(ErrorResponse(404, "route_not_found", "no such route: " + path).body);
  std::string logged = EscapeForLog(raw_path);
  for (char c : logged) {
    auto byte = static_cast<unsigned char>(c);
    Require(byte >= 0x20 && byte < 0x7f, "log text is printable ASCII");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto header_end = FindHeaderEnd(bytes.substr(0, kHeaderBytesMax));
  if (!header_end) return 0;
  std::string_view header_block = bytes.substr(0, *header_end);
  if (!CheckHeaderBlock(header_block).ok()) return 0;
  Require(header_block.find("\n ") == std::string_view::npos &&
              header_block.find("\n\t") == std::string_view::npos,
          "no folded line passes the header check");

  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderBytesMax);
  parser.body_limit(kJsonBodyBytesMax);
  boost::beast::error_code ec;
  size_t used = parser.put(boost::asio::buffer(header_block.data(), header_block.size()), ec);
  if (ec || !parser.is_header_done() || used != header_block.size()) return 0;

  const auto& header = parser.get();
  bool transfer_encoding_ok = CheckTransferEncoding(header).ok();
  if (transfer_encoding_ok && header.count(bhttp::field::transfer_encoding) > 0) {
    Require(parser.chunked(), "an accepted Transfer-Encoding is framed as chunked by Beast");
  }
  if (!transfer_encoding_ok) return 0;

  std::string_view target(header.target().data(), header.target().size());
  size_t question = target.find('?');
  CheckRouting(std::string_view(header.method_string().data(), header.method_string().size()),
               target.substr(0, question));
  if (question != std::string_view::npos) {
    std::vector<std::pair<std::string, std::string>> query;
    (void)ParseQueryString(target.substr(question + 1), &query);
  }

  // The body, fed in one piece as Beast would see it from a fast client.
  std::string_view rest = bytes.substr(*header_end);
  while (!parser.is_done() && !rest.empty()) {
    used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    if (ec == bhttp::error::need_more) break;
    if (ec) return 0;
    rest.remove_prefix(used);
  }
  if (parser.is_done()) {
    auto body = JsonObject::Parse(parser.get().body());
    if (body.ok()) (void)body->Finish();
  }
  return 0;
}
