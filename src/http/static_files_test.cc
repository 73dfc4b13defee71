#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/test_server.h"

namespace shrimp::http {
namespace {

std::string HeaderOf(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

TEST(StaticFiles, ContentTypeByExtension) {
  EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("index-3f2a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("INDEX.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("logo.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("noextension"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("archive.tar.gz"), "application/octet-stream");
}

TEST(StaticFiles, RefusesNamesThatCouldLeaveTheRoot) {
  EXPECT_TRUE(IsSafeFileName("index-3f2a.js"));
  EXPECT_TRUE(IsSafeFileName("a_b-c.d.css"));
  EXPECT_FALSE(IsSafeFileName(""));
  EXPECT_FALSE(IsSafeFileName(".."));
  EXPECT_FALSE(IsSafeFileName("."));
  EXPECT_FALSE(IsSafeFileName(".env"));
  EXPECT_FALSE(IsSafeFileName("../passwd"));
  EXPECT_FALSE(IsSafeFileName("a/b.js"));
  EXPECT_FALSE(IsSafeFileName("a\\b.js"));
  EXPECT_FALSE(IsSafeFileName(std::string("a\0b", 3)));
  EXPECT_FALSE(IsSafeFileName("%2e%2e"));
  EXPECT_FALSE(IsSafeFileName(std::string(256, 'a')));
}

TEST(StaticFiles, ServesIndexAndAssetsWithCachePolicy) {
  std::string root = testing::MakeTempDir();
  std::filesystem::create_directories(root + "/assets/sub");
  WriteFile(root + "/index.html", "<!doctype html><title>x</title>");
  WriteFile(root + "/assets/app-1a2b.js", "console.log(1)");
  WriteFile(root + "/favicon.svg", "<svg/>");
  StaticFiles files(root);

  Response index = files.Index();
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  EXPECT_FALSE(HeaderOf(index, "Content-Security-Policy").empty());

  Response asset = files.Asset("app-1a2b.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_EQ(HeaderOf(asset, "Cache-Control"), "public, max-age=31536000, immutable");

  EXPECT_EQ(files.RootFile("favicon.svg").status, 200);
  EXPECT_EQ(files.RootFile("index.html").status, 404);  // only through Index()
  EXPECT_EQ(files.Asset("missing.js").status, 404);
  EXPECT_EQ(files.Asset("sub").status, 404);  // a directory is not a file
  EXPECT_EQ(files.Asset("..").status, 404);
  EXPECT_EQ(files.RootFile("assets").status, 404);
}

TEST(StaticFiles, MissingIndexIs404) {
  StaticFiles files(testing::MakeTempDir());
  EXPECT_EQ(files.Index().status, 404);
}

}  // namespace
}  // namespace shrimp::http
