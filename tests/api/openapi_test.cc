// /openapi.json's schemas (api/schemas.h): every route has one, the document
// publishes them, and the check every test server runs catches a writer that
// drifts from its schema.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "api/api_types.h"
#include "api/schemas.h"
#include "http/json_schema.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::TestServer;

std::string Serialise(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string Normalise(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str());
  return Serialise(document);
}

TEST(OpenApi, EveryRouteHasSchemasAndEveryEntryARoute) {
  TestServer server(testing::FastTestOptions());
  std::set<std::string> routes;
  for (const http::Route& route : server.app().router().routes()) {
    std::string name = route.method + " " + route.pattern;
    routes.insert(name);
    const api::RouteSchema* entry = api::FindRouteSchema(route.method, route.pattern);
    ASSERT_NE(entry, nullptr) << name << " has no entry in src/api/route_schemas.cc";
    if (entry->content_type == "application/json") {
      EXPECT_FALSE(entry->response.empty()) << name << ": a JSON route needs a response schema";
    }
    if (!route.doc.request_example.empty()) {
      ASSERT_FALSE(entry->request.empty()) << name << " takes a body but has no request schema";
      EXPECT_EQ(http::ValidateJsonText(entry->request, route.doc.request_example), std::nullopt)
          << name << ": its request example does not match its request schema";
    }
  }
  std::set<std::string> entries;
  for (const api::RouteSchema& entry : api::RouteSchemas()) {
    std::string name = entry.method + " " + entry.pattern;
    EXPECT_TRUE(entries.insert(name).second) << name << " has two entries";
    // The web app's routes exist only when a built web app is served.
    bool web_route = entry.pattern == "/" || entry.pattern.starts_with("/assets/");
    EXPECT_TRUE(web_route || routes.contains(name)) << name << " has an entry but no route";
    for (const std::string* schema : {&entry.request, &entry.response}) {
      if (schema->empty()) continue;
      rapidjson::Document document;
      document.Parse(schema->c_str());
      EXPECT_FALSE(document.HasParseError()) << name << ": " << *schema;
    }
  }
}

TEST(OpenApi, TheDocumentPublishesEachRoutesSchemas) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto document = client.Get("/openapi.json");
  ASSERT_EQ(document.status, 200);
  const auto& paths = document.json["paths"];
  for (const http::Route& route : server.app().router().routes()) {
    const api::RouteSchema* entry = api::FindRouteSchema(route.method, route.pattern);
    ASSERT_NE(entry, nullptr) << route.method << " " << route.pattern;
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    const auto& operation = paths[route.pattern.c_str()][method.c_str()];
    if (entry->content_type.empty()) continue;
    const auto& success = operation["responses"]["2XX"]["content"];
    ASSERT_TRUE(success.HasMember(entry->content_type.c_str())) << route.pattern;
    if (!entry->response.empty()) {
      EXPECT_EQ(Serialise(success[entry->content_type.c_str()]["schema"]),
                Normalise(entry->response))
          << route.pattern;
    }
    if (!entry->request.empty()) {
      EXPECT_EQ(Serialise(operation["requestBody"]["content"]["application/json"]["schema"]),
                Normalise(entry->request))
          << route.pattern;
    }
  }
  EXPECT_EQ(Serialise(document.json["components"]["schemas"]["Error"]),
            Normalise(api::ErrorSchema()));
}

// What every test server does to every response: a writer that adds an
// undocumented field, drops a required one or changes a type answers 500.
http::Response Call(http::Router& router, std::string body_in) {
  auto request = std::make_shared<http::Request>();
  request->method = "POST";
  request->body = std::move(body_in);
  http::Response answer;
  router.routes().front().handler(request,
                                  [&](http::Response response) { answer = std::move(response); });
  return answer;
}

TEST(OpenApi, TheCheckTurnsADriftedResponseOrAcceptedRequestInto500) {
  using namespace api::schema;
  std::vector<api::RouteSchema> table = {
      {"POST", "/x", Object({{"name", Str()}, {"count?", Int()}}),
       Object({{"id", Int()}, {"status", Enum({"open", "closed"})}})}};
  auto make_router = [&](std::string reply_body, int status = 200) {
    http::Router router;
    router.AddSync("POST", "/x",
                   [reply_body, status](const http::Request&) {
                     http::Response response;
                     response.status = status;
                     response.body = reply_body;
                     return response;
                   },
                   {.summary = "test", .tag = "test"});
    api::CheckRoutesAgainstSchemas(router, table);
    return router;
  };
  auto good = make_router(R"({"id":1,"status":"open"})");
  EXPECT_EQ(Call(good, R"({"name":"a"})").status, 200);
  struct Case {
    std::string reply;
    std::string request;
    std::string expected;
  };
  for (const Case& drift : std::vector<Case>{
           {R"({"id":1,"status":"open","new":2})", "", "$.new: field not in the schema"},
           {R"({"status":"open"})", "", "$: missing required field"},
           {R"({"id":"1","status":"open"})", "", "$.id: expected integer"},
           {R"({"id":1,"status":"lost"})", "", "$.status: value not in enum"},
           {R"({"id":1,"status":"open"})", R"({"name":"a","colour":"red"})",
            "accepted request $.colour: field not in the schema"},
       }) {
    auto router = make_router(drift.reply);
    http::Response response = Call(router, drift.request);
    EXPECT_EQ(response.status, 500) << drift.reply;
    EXPECT_NE(response.body.find("response_schema_violation"), std::string::npos);
    EXPECT_NE(response.body.find(drift.expected), std::string::npos) << response.body;
  }
  // Errors are checked against the Error schema.
  auto bad_error = make_router(R"({"error":"nope"})", 400);
  EXPECT_EQ(Call(bad_error, "").status, 500);
  auto good_error = make_router(R"({"error":{"code":"x","message":"y","details":{}}})", 400);
  EXPECT_EQ(Call(good_error, "").status, 400);
}

// The web app's types are generated from the same table; a stale
// web/src/api-types.ts fails here (SHRIMP_UPDATE_API_TYPES=1 rewrites it).
TEST(OpenApi, TheWebAppsTypesAreGeneratedFromTheSchemas) {
  std::filesystem::path root = std::filesystem::current_path();
  while (!std::filesystem::exists(root / "web/package.json") && root != root.root_path()) {
    root = root.parent_path();
  }
  if (!std::filesystem::exists(root / "web/package.json")) {
    GTEST_SKIP() << "run from inside the source tree to compare web/src/api-types.ts";
  }
  std::filesystem::path file = root / "web/src/api-types.ts";
  TestServer server(testing::FastTestOptions());
  std::string generated = api::TypeScriptTypes(server.app().router());
  if (std::getenv("SHRIMP_UPDATE_API_TYPES") != nullptr) {
    std::ofstream(file) << generated;
  }
  std::ifstream in(file);
  std::stringstream stored;
  stored << in.rdbuf();
  EXPECT_TRUE(stored.str() == generated)
      << file << " is stale: run SHRIMP_UPDATE_API_TYPES=1 build/api_tests "
      << "--gtest_filter='OpenApi.*'";
  EXPECT_EQ(api::TypeNameFor("POST", "/api/v1/orders/{id}/pay"), "PostOrdersByIdPay");
}

// The check only covers routes a test calls. These two are called by no other
// test; a schema that drifted from their handlers answers 500 here.
TEST(OpenApi, TheRoutesNoOtherTestCallsAnswerAsTheirSchemasSay) {
  TestServer server(testing::FastTestOptions());
  testing::Market market(server.port());
  auto client = market.Client();
  ASSERT_TRUE(
      server.app()
          .accounts()
          .SignUp("ops@example.com", "correct horse battery", "Ops", accounts::Role::kOperator)
          .ok());
  std::string ops = market.Login("ops@example.com");
  auto category = client.Post("/api/v1/categories", R"({"slug":"kites","name":"Kites"})", ops);
  EXPECT_EQ(category.status, 201) << category.body;
  auto child = client.Post("/api/v1/categories",
                           R"({"slug":"stunt-kites","name":"Stunt kites","parent":"kites"})", ops);
  EXPECT_EQ(child.status, 201) << child.body;
  testing::ShopFixture shop = market.OpenShop("Kite Corner", "CNY", {10}, 5);
  auto patched = client.Patch("/api/v1/shops/" + std::to_string(shop.shop_id),
                              R"({"description":"Kites from Weifang"})", shop.merchant_token);
  EXPECT_EQ(patched.status, 200) << patched.body;
  EXPECT_NE(patched.body.find("Kites from Weifang"), std::string::npos);
}

}  // namespace
}  // namespace shrimp
