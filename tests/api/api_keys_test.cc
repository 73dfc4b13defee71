// Partner API keys over real HTTP: issued by an operator and shown once,
// stored as a hash, scoped, listed with last use, revoked for good, and
// loaded again after a restart.
#include <gtest/gtest.h>

#include <filesystem>

#include "accounts/token.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::TestServer;

std::string Operator(TestServer& server) {
  EXPECT_TRUE(
      server.app()
          .accounts()
          .SignUp("op@example.com", "correct horse battery", "Op", accounts::Role::kOperator)
          .ok());
  auto session =
      server.Client().Post("/api/v1/sessions",
                           R"({"email":"op@example.com","password":"correct horse battery"})");
  EXPECT_EQ(session.status, 201) << session.body;
  return session.json["token"].GetString();
}

TEST(ApiKeys, OperatorIssuesACarrierKeyShownOnceAndStoredAsAHash) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string op = Operator(server);
  auto issued = client.Post("/api/v1/admin/carriers/swiftpost/keys",
                            R"({"scopes":["shipments:write"],"label":"feed"})", op);
  ASSERT_EQ(issued.status, 201) << issued.body;
  std::string key = issued.json["key"].GetString();
  EXPECT_EQ(key.rfind("shk_", 0), 0u);
  EXPECT_EQ(key.size(), accounts::kApiKeyLength);
  EXPECT_STREQ(issued.json["api_key"]["owner"]["kind"].GetString(), "carrier");
  EXPECT_STREQ(issued.json["api_key"]["owner"]["id"].GetString(), "swiftpost");
  EXPECT_STREQ(issued.json["api_key"]["display"].GetString(), key.substr(0, 12).c_str());

  // The database holds the hash and the display prefix, never the key.
  auto stored = server.app().db().Read([&](store::Connection& connection) -> Result<std::string> {
    store::Query query(connection, "SELECT key_hash, display, label, scopes FROM api_keys");
    if (!query.Next()) return Internal("no key row");
    std::string row =
        query.Text(0) + "|" + query.Text(1) + "|" + query.Text(2) + "|" + query.Text(3);
    return row;
  });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->find(key), std::string::npos);
  EXPECT_EQ(stored->rfind(accounts::Sha256Hex(key), 0), 0u);

  // The listing never shows the secret.
  auto listed = client.Get("/api/v1/admin/carriers/swiftpost/keys", op);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.body.find(key), std::string::npos);
  ASSERT_EQ(listed.json["keys"].Size(), 1u);
  EXPECT_TRUE(listed.json["keys"][0]["last_used_at"].IsNull());
  EXPECT_TRUE(listed.json["keys"][0]["active"].GetBool());
  EXPECT_EQ(client.Get("/api/v1/admin/carriers/other/keys", op).json["keys"].Size(), 0u);

  // The key authenticates as the carrier with its scopes.
  auto me = client.Get("/api/v1/partner/me", key);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_STREQ(me.json["owner"]["id"].GetString(), "swiftpost");
  EXPECT_STREQ(me.json["scopes"][0].GetString(), "shipments:write");
}

TEST(ApiKeys, OnlyOperatorsManageKeysAndAKeyIsNoUser) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string op = Operator(server);
  std::string buyer = server.SignUpAndLogIn("ana@example.com");
  EXPECT_EQ(client.Post("/api/v1/admin/carriers/swiftpost/keys", "", "").status, 401);
  auto refused = client.Post("/api/v1/admin/carriers/swiftpost/keys", "", buyer);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ErrorCode(), "not_operator");
  EXPECT_EQ(client.Get("/api/v1/admin/carriers/swiftpost/keys", buyer).status, 403);

  auto issued = client.Post("/api/v1/admin/carriers/swiftpost/keys", "", op);
  ASSERT_EQ(issued.status, 201) << issued.body;
  std::string key = issued.json["key"].GetString();
  EXPECT_STREQ(issued.json["api_key"]["scopes"][0].GetString(), "shipments:write");
  // A key opens partner routes only: not a user's, not an operator's.
  EXPECT_EQ(client.Get("/api/v1/me", key).status, 401);
  EXPECT_EQ(client.Get("/api/v1/admin/carriers/swiftpost/keys", key).status, 401);
  // And a session token is no key.
  EXPECT_EQ(client.Get("/api/v1/partner/me", buyer).status, 401);
  EXPECT_EQ(client.Get("/api/v1/partner/me", "shk_" + std::string(43, 'A')).status, 401);
  EXPECT_EQ(client.Get("/api/v1/partner/me", key + "x").status, 401);
}

TEST(ApiKeys, BadInputGetsPreciseCodesAndChangesNothing) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string op = Operator(server);
  struct Case {
    std::string target;
    std::string body;
    std::string code;
  };
  std::vector<Case> cases = {
      {"/api/v1/admin/carriers/Swift%20Post/keys", "", "invalid_owner_id"},
      {"/api/v1/admin/carriers/swift/keys", R"({"scopes":[]})", "missing_field"},
      {"/api/v1/admin/carriers/swift/keys", R"({"scopes":["shipments"]})", "invalid_scope"},
      {"/api/v1/admin/carriers/swift/keys", R"({"scopes":[7]})", "wrong_type"},
      {"/api/v1/admin/carriers/swift/keys", R"({"scopes":"shipments:write"})", "wrong_type"},
      {"/api/v1/admin/carriers/swift/keys", R"({"scope":["shipments:write"]})", "unknown_field"},
      {"/api/v1/admin/carriers/swift/keys", R"({"label":")" + std::string(101, 'x') + R"("})",
       "invalid_field"},
      {"/api/v1/admin/carriers/swift/keys", "{nope", "invalid_json"},
  };
  for (const Case& test_case : cases) {
    auto refused = client.Post(test_case.target, test_case.body, op);
    EXPECT_EQ(refused.status, 400) << test_case.body << " " << refused.body;
    EXPECT_EQ(refused.ErrorCode(), test_case.code) << test_case.body;
  }
  EXPECT_EQ(server.app().api_keys().active_keys(), 0u);
  auto bad_id = client.Delete("/api/v1/admin/carriers/swift/keys/abc", op);
  EXPECT_EQ(bad_id.status, 400);
  auto unknown = client.Delete("/api/v1/admin/carriers/swift/keys/99", op);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.ErrorCode(), "api_key_not_found");
}

TEST(ApiKeys, RevocationIsFinalAndOnlyTheOwnersKeyCanBeRevokedThroughIt) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string op = Operator(server);
  auto issued = client.Post("/api/v1/admin/carriers/swift/keys", "", op);
  ASSERT_EQ(issued.status, 201);
  std::string key = issued.json["key"].GetString();
  std::string id = std::to_string(issued.json["api_key"]["id"].GetInt64());
  ASSERT_EQ(client.Get("/api/v1/partner/me", key).status, 200);

  // Another carrier's path does not reach this key.
  auto wrong_owner = client.Delete("/api/v1/admin/carriers/other/keys/" + id, op);
  EXPECT_EQ(wrong_owner.status, 404);
  EXPECT_EQ(client.Get("/api/v1/partner/me", key).status, 200);

  auto revoked = client.Delete("/api/v1/admin/carriers/swift/keys/" + id, op);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(revoked.json["revoked_at"].IsNull());
  EXPECT_FALSE(revoked.json["active"].GetBool());
  EXPECT_EQ(client.Get("/api/v1/partner/me", key).status, 401);
  // Revoking again answers the key as it is.
  auto again = client.Delete("/api/v1/admin/carriers/swift/keys/" + id, op);
  EXPECT_EQ(again.status, 200);
  EXPECT_STREQ(again.json["revoked_at"].GetString(), revoked.json["revoked_at"].GetString());
  auto listed = client.Get("/api/v1/admin/carriers/swift/keys", op);
  ASSERT_EQ(listed.json["keys"].Size(), 1u);
  EXPECT_FALSE(listed.json["keys"][0]["active"].GetBool());
}

TEST(ApiKeys, ActiveKeysPerOwnerAreBounded) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string op = Operator(server);
  std::string last_id;
  for (int64_t index = 0; index < accounts::kActiveKeysPerOwnerMax; ++index) {
    auto issued = client.Post("/api/v1/admin/carriers/swift/keys", "", op);
    ASSERT_EQ(issued.status, 201) << issued.body;
    last_id = std::to_string(issued.json["api_key"]["id"].GetInt64());
  }
  auto refused = client.Post("/api/v1/admin/carriers/swift/keys", "", op);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.ErrorCode(), "too_many_keys");
  EXPECT_EQ(client.Post("/api/v1/admin/carriers/other/keys", "", op).status, 201);
  ASSERT_EQ(client.Delete("/api/v1/admin/carriers/swift/keys/" + last_id, op).status, 200);
  EXPECT_EQ(client.Post("/api/v1/admin/carriers/swift/keys", "", op).status, 201);
}

TEST(ApiKeys, LastUseIsWrittenInBatchesAndKeysSurviveARestart) {
  std::string data_dir = testing::MakeTempDir();
  api::AppOptions options = testing::FastTestOptions();
  options.data_dir = data_dir;
  options.timer_interval_ms = 0;  // only this test flushes last use
  std::string key, revoked_key;
  int64_t used_at_ms = 0;
  {
    TestServer server(options);
    auto client = server.Client();
    std::string op = Operator(server);
    key = client.Post("/api/v1/admin/carriers/swift/keys", "", op).json["key"].GetString();
    auto second = client.Post("/api/v1/admin/carriers/swift/keys", "", op);
    revoked_key = second.json["key"].GetString();
    ASSERT_EQ(client
                  .Delete("/api/v1/admin/carriers/swift/keys/" +
                              std::to_string(second.json["api_key"]["id"].GetInt64()),
                          op)
                  .status,
              200);
    server.clock().AdvanceMs(60'000);
    used_at_ms = server.clock().NowMs();
    for (int request = 0; request < 50; ++request) {
      ASSERT_EQ(client.Get("/api/v1/partner/me", key).status, 200);
    }
    // Listed at once from memory; written by one flush of one row.
    auto listed = client.Get("/api/v1/admin/carriers/swift/keys", op);
    EXPECT_FALSE(listed.json["keys"][1]["last_used_at"].IsNull());
    auto flushed = server.app().FlushKeyUseOnce();
    ASSERT_TRUE(flushed.ok());
    EXPECT_EQ(*flushed, 1);
    EXPECT_EQ(*server.app().FlushKeyUseOnce(), 0);
  }
  TestServer restarted(options);
  auto client = restarted.Client();
  EXPECT_EQ(client.Get("/api/v1/partner/me", key).status, 200);
  EXPECT_EQ(client.Get("/api/v1/partner/me", revoked_key).status, 401);
  auto stored = restarted.app().db().Read([&](store::Connection& connection) {
    store::Query query(connection, "SELECT max(last_used_at) FROM api_keys");
    return query.ScalarInt();
  });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->value_or(0), used_at_ms);
  std::error_code ignored;
  std::filesystem::remove_all(data_dir, ignored);
}

}  // namespace
}  // namespace shrimp
