#include "http/request_checks.h"

#include <boost/beast/core/string.hpp>
#include <fmt/format.h>

#include "http/request.h"

namespace shrimp::http {

namespace bhttp = boost::beast::http;

std::optional<size_t> FindHeaderEnd(std::string_view bytes, size_t from) {
  // A line feed followed by an empty line: "\r\n\r\n", or the bare "\n\n"
  // and "\n\r\n" that Beast then refuses at once (rather than have the
  // server wait for a terminator that will never come). Back up two bytes so
  // a terminator split across two reads is still found.
  for (size_t at = bytes.find('\n', from >= 2 ? from - 2 : 0); at != std::string_view::npos;
       at = bytes.find('\n', at + 1)) {
    if (at + 1 < bytes.size() && bytes[at + 1] == '\n') return at + 2;
    if (at + 2 < bytes.size() && bytes[at + 1] == '\r' && bytes[at + 2] == '\n') return at + 3;
  }
  return std::nullopt;
}

Status CheckHeaderBlock(std::string_view header_block) {
  // A line break followed by SP or HTAB starts a continuation line, except
  // the final blank line, after which the header block has ended.
  for (size_t at = header_block.find('\n'); at != std::string_view::npos;
       at = header_block.find('\n', at + 1)) {
    if (at + 1 < header_block.size() &&
        (header_block[at + 1] == ' ' || header_block[at + 1] == '\t')) {
      return InvalidArgument("header_folding",
                             "obsolete header line folding is not accepted; send each header "
                             "on one line");
    }
  }
  return OkStatus();
}

Status CheckTransferEncoding(const bhttp::fields& fields) {
  auto [first, last] = fields.equal_range(bhttp::field::transfer_encoding);
  if (first == last) return OkStatus();
  auto refuse = [] {
    return InvalidArgument("bad_transfer_encoding",
                           "Transfer-Encoding must be exactly \"chunked\" or absent");
  };
  if (std::next(first) != last) return refuse();
  std::string_view value(first->value().data(), first->value().size());
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (!boost::beast::iequals(value, "chunked")) return refuse();
  return OkStatus();
}

Result<std::vector<std::string>> DecodePath(std::string_view raw_path) {
  auto bad_path = [] { return InvalidArgument("bad_path", "request path is malformed"); };
  if (raw_path.empty() || raw_path.front() != '/') return bad_path();
  std::vector<std::string> segments;
  size_t start = 1;
  while (true) {
    size_t slash = raw_path.find('/', start);
    std::string_view raw_segment =
        raw_path.substr(start,
                        slash == std::string_view::npos ? std::string_view::npos : slash - start);
    std::string segment;
    if (!PercentDecode(raw_segment, &segment, false)) return bad_path();
    for (char c : segment) {
      auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte == 0x7f) return bad_path();
    }
    segments.push_back(std::move(segment));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

std::string JoinPath(const std::vector<std::string>& segments) {
  std::string path;
  for (const std::string& segment : segments) {
    path += '/';
    path += segment;
  }
  return path;
}

std::string EscapeForLog(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f || c == '"' || c == '\\') {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace shrimp::http
