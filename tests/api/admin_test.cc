// /api/v1/admin/ledger-check: the operator's view of the store invariants.
#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::TestServer;

TEST(Admin, LedgerCheckIsForOperatorsAndReportsOk) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  EXPECT_EQ(client.Get("/api/v1/admin/ledger-check").status, 401);
  std::string buyer = server.SignUpAndLogIn("ana@example.com");
  auto refused = client.Get("/api/v1/admin/ledger-check", buyer);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ErrorCode(), "not_operator");

  auto made = server.app().accounts().SignUp("op@example.com", "correct horse battery", "Op",
                                             accounts::Role::kOperator);
  ASSERT_TRUE(made.ok());
  auto session = client.Post("/api/v1/sessions",
                             R"({"email":"op@example.com","password":"correct horse battery"})");
  ASSERT_EQ(session.status, 201) << session.body;
  auto checked = client.Get("/api/v1/admin/ledger-check", session.json["token"].GetString());
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_TRUE(checked.json["ok"].GetBool());
  EXPECT_TRUE(checked.json["problems"].IsArray());
  EXPECT_EQ(checked.json["problems"].Size(), 0u);

  auto overview = client.Get("/api/v1/admin/overview", session.json["token"].GetString());
  ASSERT_EQ(overview.status, 200) << overview.body;
  EXPECT_EQ(overview.json["users"].GetInt64(), 2);
  EXPECT_EQ(overview.json["orders"].GetInt64(), 0);
  EXPECT_TRUE(overview.json["orders_by_status"].IsObject());
  EXPECT_TRUE(overview.json["gmv"].IsArray());
  EXPECT_EQ(client.Get("/api/v1/admin/overview", buyer).status, 403);

  std::string op = session.json["token"].GetString();
  auto rate = client.Send("PUT", "/api/v1/admin/commission-rates/tea", R"({"bps":300})", op, {});
  ASSERT_EQ(rate.status, 200) << rate.body;
  EXPECT_EQ(rate.json["bps"].GetInt64(), 300);
  EXPECT_EQ(
      client.Send("PUT", "/api/v1/admin/commission-rates/tea", R"({"bps":300})", buyer, {}).status,
      403);
  EXPECT_EQ(client.Send("PUT", "/api/v1/admin/commission-rates/nope", R"({"bps":300})", op, {})
                .ErrorCode(),
            "unknown_category");
  EXPECT_EQ(
      client.Send("PUT", "/api/v1/admin/commission-rates/tea", R"({"bps":10001})", op, {}).status,
      400);
}

}  // namespace
}  // namespace shrimp
