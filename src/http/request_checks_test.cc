#include "http/request_checks.h"

#include <gtest/gtest.h>

#include <boost/beast/http/fields.hpp>

namespace shrimp::http {
namespace {

TEST(FindHeaderEnd, FindsTheBlankLineEvenWhenSplitAcrossReads) {
  std::string bytes = "GET / HTTP/1.1\r\nHost: x\r\n\r\nBODY";
  EXPECT_EQ(FindHeaderEnd(bytes), bytes.size() - 4);
  // A reader that had scanned up to the middle of the terminator still finds it.
  EXPECT_EQ(FindHeaderEnd(bytes, bytes.size() - 6), bytes.size() - 4);
  EXPECT_FALSE(FindHeaderEnd("GET / HTTP/1.1\r\nHost: x\r\n").has_value());
  EXPECT_EQ(FindHeaderEnd("GET / HTTP/1.1\nHost: x\n\nBODY"), 24u);
  EXPECT_EQ(FindHeaderEnd("GET / HTTP/1.1\r\nHost: x\n\r\nBODY"), 26u);
}

TEST(CheckHeaderBlock, RefusesObsoleteLineFolding) {
  EXPECT_TRUE(CheckHeaderBlock("GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n\r\n").ok());
  auto space = CheckHeaderBlock("GET / HTTP/1.1\r\nHost: x\r\nA: b\r\n c\r\n\r\n");
  ASSERT_FALSE(space.ok());
  EXPECT_EQ(space.error().code, "header_folding");
  EXPECT_FALSE(CheckHeaderBlock("GET / HTTP/1.1\r\nA: b\r\n\tc\r\n\r\n").ok());
  // Whitespace before the first header line is a fold onto the request line.
  EXPECT_FALSE(CheckHeaderBlock("GET / HTTP/1.1\r\n Host: x\r\n\r\n").ok());
}

TEST(CheckTransferEncoding, AcceptsOnlyExactlyChunked) {
  namespace bhttp = boost::beast::http;
  bhttp::fields none;
  EXPECT_TRUE(CheckTransferEncoding(none).ok());
  for (const char* good : {"chunked", "Chunked", " chunked "}) {
    bhttp::fields fields;
    fields.set(bhttp::field::transfer_encoding, good);
    EXPECT_TRUE(CheckTransferEncoding(fields).ok()) << good;
  }
  for (const char* bad :
       {"xchunked", "gzip", "identity", "chunked, identity", "gzip, chunked", "chunked;x=1", ""}) {
    bhttp::fields fields;
    fields.set(bhttp::field::transfer_encoding, bad);
    auto checked = CheckTransferEncoding(fields);
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(checked.error().code, "bad_transfer_encoding");
  }
  bhttp::fields twice;
  twice.insert(bhttp::field::transfer_encoding, "chunked");
  twice.insert(bhttp::field::transfer_encoding, "chunked");
  EXPECT_FALSE(CheckTransferEncoding(twice).ok());
}

TEST(DecodePath, SplitsBeforeDecodingEachSegment) {
  auto segments = DecodePath("/api/v1/shops/caf%C3%A9%20x");
  ASSERT_TRUE(segments.ok());
  EXPECT_EQ(*segments, (std::vector<std::string>{"api", "v1", "shops", "caf\xC3\xA9 x"}));
  EXPECT_EQ(*DecodePath("/"), std::vector<std::string>{""});
  EXPECT_EQ(JoinPath(*segments), "/api/v1/shops/caf\xC3\xA9 x");
}

TEST(DecodePath, KeepsAnEncodedSlashInsideItsSegment) {
  auto segments = DecodePath("/api/v1%2Fadmin%2Foverview");
  ASSERT_TRUE(segments.ok());
  EXPECT_EQ(*segments, (std::vector<std::string>{"api", "v1/admin/overview"}));
}

TEST(DecodePath, RefusesControlCharactersAndBadEscapes) {
  for (const char* bad : {"/a%0D%0Ab", "/a%00", "/a%7F", "/a%09", "/a%zz", "/a%4", "", "api/v1"}) {
    auto segments = DecodePath(bad);
    ASSERT_FALSE(segments.ok()) << bad;
    EXPECT_EQ(segments.error().code, "bad_path");
  }
}

TEST(EscapeForLog, KeepsOneRequestOnOneLine) {
  EXPECT_EQ(EscapeForLog("/api/v1/shops/7"), "/api/v1/shops/7");
  EXPECT_EQ(EscapeForLog("/a\r\n127.0.0.1 forged"), "/a\\x0d\\x0a127.0.0.1 forged");
  EXPECT_EQ(EscapeForLog("\"\\\x7f\xff"), "\\x22\\x5c\\x7f\\xff");
}

}  // namespace
}  // namespace shrimp::http
