// The HTTP layer end to end: routing errors, limits, system endpoints.
#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::TestServer;

TEST(Server, HealthzAnswersOk) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto result = client.Get("/healthz");
  EXPECT_EQ(result.status, 200);
  EXPECT_STREQ(result.json["status"].GetString(), "ok");
  EXPECT_FALSE(result.Header("X-Request-Id").empty());
}

TEST(Server, EchoesSafeRequestId) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto result = client.Send("GET", "/healthz", "", "", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(result.Header("X-Request-Id"), "abc-123");
  auto unsafe = client.Send("GET", "/healthz", "", "", {{"X-Request-Id", "a b\"c"}});
  EXPECT_NE(unsafe.Header("X-Request-Id"), "a b\"c");
}

TEST(Server, UnknownRouteIs404WithCode) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto result = client.Get("/api/v1/nope");
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(result.ErrorCode(), "route_not_found");
  EXPECT_TRUE(result.json["error"]["details"].IsObject());
}

TEST(Server, WrongMethodIs405WithAllow) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto result = client.Send("PUT", "/api/v1/users", "{}", "", {});
  EXPECT_EQ(result.status, 405);
  EXPECT_EQ(result.ErrorCode(), "method_not_allowed");
  EXPECT_EQ(result.Header("Allow"), "POST");
}

TEST(Server, OversizedBodyIs413) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string huge(http::kJsonBodyBytesMax + 10, 'x');
  auto result = client.Post("/api/v1/users", huge);
  EXPECT_EQ(result.status, 413);
  EXPECT_EQ(result.ErrorCode(), "body_too_large");
}

TEST(Server, OversizedHeadersAre431) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string raw = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') +
                    "\r\n\r\n";
  std::string answer = client.SendRaw(raw);
  EXPECT_NE(answer.find("431"), std::string::npos) << answer.substr(0, 200);
}

TEST(Server, GarbageRequestIs400) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string answer = client.SendRaw("BLAH\x01 / HTTP/9\r\n\r\n");
  EXPECT_NE(answer.find("400"), std::string::npos) << answer;
}

TEST(Server, MalformedQueryIs400) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto result = client.Get("/healthz?a=%zz");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(result.ErrorCode(), "bad_query");
}

TEST(Server, MetricsCountRequestsPerRoute) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  (void)client.Get("/healthz");
  (void)client.Get("/healthz");
  auto metrics = client.Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(
                R"(shrimp_http_requests_total{method="GET",route="/healthz",status="200"} 2)"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("shrimp_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST(Server, OpenApiListsEveryRoute) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto document = client.Get("/openapi.json");
  ASSERT_EQ(document.status, 200);
  ASSERT_TRUE(document.json.IsObject());
  const auto& paths = document.json["paths"];
  for (const auto& route : server.app().router().routes()) {
    ASSERT_TRUE(paths.HasMember(route.pattern.c_str())) << route.pattern;
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(paths[route.pattern.c_str()].HasMember(method.c_str()))
        << route.method << " " << route.pattern;
  }
}

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  for (int index = 0; index < 50; ++index) {
    ASSERT_EQ(client.Get("/healthz").status, 200);
  }
}

}  // namespace
}  // namespace shrimp
