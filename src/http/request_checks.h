// Request checks: the rules the server applies to the bytes of a request on
// top of Beast's parser, as pure functions so unit tests and the fuzzer
// (fuzz/http_request_fuzz.cc) exercise exactly what the server runs.
//
// Each rule closes a hole that Beast, being lenient by design, leaves open:
// - Obsolete line folding (a header line starting with SP or HTAB) is refused:
//   Beast would join the lines, and a proxy in front may not, so the two
//   would disagree on what the headers are.
// - Transfer-Encoding must be absent or exactly "chunked": Beast reads any
//   other coding ("xchunked", "gzip", "chunked, identity") as "no body", and
//   the body then runs as a second request (request smuggling).
// - The path is routed on its raw form: it is split on '/' first and each
//   segment is percent-decoded after, so "%2F" can never create a segment
//   boundary; a segment holding a decoded '/' matches no route (404, as
//   Apache and nginx do by default). A segment that decodes to a control
//   character is refused (400): no route takes one.
// - Whatever reaches a log line is escaped so a client cannot forge lines.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace shrimp::http {

// The offset just past the blank line ("\r\n\r\n"; a bare "\n\n" counts
// too, so that Beast refuses it at once) that ends the header block,
// searching from `from` (so a caller reading in pieces need not rescan);
// nullopt while it has not arrived.
std::optional<size_t> FindHeaderEnd(std::string_view bytes, size_t from = 0);

// Refuses obsolete line folding in a header block (request line, header
// lines and the final blank line). Error code: header_folding.
Status CheckHeaderBlock(std::string_view header_block);

// Refuses any Transfer-Encoding but a single, exact "chunked" (case-
// insensitive, as the RFC says codings are). Error code: bad_transfer_encoding.
Status CheckTransferEncoding(const boost::beast::http::fields& fields);

// A request path split on '/' (after the leading one) with each segment
// percent-decoded: "/api/v1/shops/7" -> {"api","v1","shops","7"}, "/" -> {""}.
// "%2F" stays inside its segment as '/'. Errors (code bad_path): no leading
// '/', a malformed escape, or a segment that decodes to a control character
// (U+0000-U+001F, U+007F).
Result<std::vector<std::string>> DecodePath(std::string_view raw_path);

// Joins decoded segments back into a path: {"a","b"} -> "/a/b".
std::string JoinPath(const std::vector<std::string>& segments);

// `text` with every byte outside printable ASCII, and '"' and '\\', written as
// \xNN, so one request always stays one log line whatever it contains.
std::string EscapeForLog(std::string_view text);

}  // namespace shrimp::http
