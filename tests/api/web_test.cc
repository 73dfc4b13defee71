// The web app as the server serves it: index.html for / and client routes,
// hashed assets with long caching, and 404s that stay 404s under /api/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::TestServer;

api::AppOptions WithWebApp() {
  api::AppOptions options = testing::FastTestOptions();
  options.web_dir = testing::MakeTempDir();
  std::filesystem::create_directories(options.web_dir + "/assets");
  std::ofstream(options.web_dir + "/index.html") << "<!doctype html><div id=app></div>";
  std::ofstream(options.web_dir + "/assets/index-abc123.js") << "console.log('app')";
  std::ofstream(options.web_dir + "/favicon.svg") << "<svg/>";
  return options;
}

TEST(Web, ServesIndexAtRootAndForClientRoutes) {
  TestServer server(WithWebApp());
  auto client = server.Client();
  for (const char* path : {"/", "/products/12", "/sell/products/new", "/orders?status=paid"}) {
    auto result = client.Get(path);
    EXPECT_EQ(result.status, 200) << path;
    EXPECT_EQ(result.body, "<!doctype html><div id=app></div>") << path;
    EXPECT_EQ(result.Header("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_EQ(result.Header("Cache-Control"), "no-cache") << path;
  }
}

TEST(Web, ServesHashedAssetsAndRootFiles) {
  TestServer server(WithWebApp());
  auto client = server.Client();
  auto asset = client.Get("/assets/index-abc123.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log('app')");
  EXPECT_EQ(asset.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(asset.Header("Cache-Control").find("immutable"), std::string::npos);
  EXPECT_EQ(client.Get("/favicon.svg").status, 200);
}

TEST(Web, MissingFilesAndApiRoutesStay404) {
  TestServer server(WithWebApp());
  auto client = server.Client();
  EXPECT_EQ(client.Get("/assets/missing.js").status, 404);
  EXPECT_EQ(client.Get("/assets/..%2F..%2Fetc%2Fpasswd").status, 404);
  EXPECT_EQ(client.Get("/missing.png").status, 404);
  EXPECT_EQ(client.Get("/deep/path/file.js").status, 404);
  auto api = client.Get("/api/v1/nope");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.ErrorCode(), "route_not_found");
  // Only GET and HEAD fall back to the app; a POST to a page path is unknown.
  EXPECT_EQ(client.Post("/products/12", "{}").status, 404);
}

TEST(Web, NoWebDirMeansApiOnly) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  EXPECT_EQ(client.Get("/").status, 404);
  EXPECT_EQ(client.Get("/products/12").status, 404);
  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST(Web, OpenApiDocumentListsNoFallback) {
  TestServer server(WithWebApp());
  auto client = server.Client();
  auto result = client.Get("/openapi.json");
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.body.find("{fallback}"), std::string::npos);
}

}  // namespace
}  // namespace shrimp
