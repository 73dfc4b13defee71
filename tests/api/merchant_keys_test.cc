// Merchant API keys for apps: issued by a merchant with scopes, acting as
// that merchant within its shops, route by route.
#include <gtest/gtest.h>

#include <string>

#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpResult;

api::AppOptions Options() {
  api::AppOptions options = testing::FastTestOptions();
  options.timer_interval_ms = 0;
  options.webhooks.poll_interval_ms = 0;
  options.webhooks.allowed_hosts = {"127.0.0.1"};
  return options;
}

class MerchantKeysTest : public ::testing::Test {
 protected:
  MerchantKeysTest() : server_(Options()), market_(server_.port()) {}

  std::string Issue(const std::string& token, const std::string& scopes) {
    HttpResult issued = client_.Post("/api/v1/api-keys", R"({"scopes":)" + scopes + "}", token);
    EXPECT_EQ(issued.status, 201) << issued.body;
    return issued.status == 201 ? issued.json["key"].GetString() : "";
  }

  testing::TestServer server_;
  testing::Market market_;
  testing::HttpClient client_ = server_.Client();
};

TEST_F(MerchantKeysTest, AKeyActsForItsMerchantWithinItsScopesAndShops) {
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  testing::ShopFixture other = market_.OpenShop("Other Shop", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com", 100'000);
  market_.BuyNow(buyer, shop.sku_ids[0], 1);
  market_.BuyNow(buyer, other.sku_ids[0], 1);
  ASSERT_EQ(server_.app().RunAnalyticsOnce().ok(), true);

  std::string reader = Issue(shop.merchant_token, R"(["events:read","analytics:read"])");
  std::string writer = Issue(shop.merchant_token, R"(["webhooks:write","webhooks:read"])");
  ASSERT_EQ(reader.rfind("shk_", 0), 0u);

  // events:read: the merchant's own shops' events only.
  HttpResult events = client_.Get("/api/v1/events", reader);
  ASSERT_EQ(events.status, 200) << events.body;
  ASSERT_EQ(events.json["items"].Size(), 1u);
  EXPECT_EQ(events.json["items"][0]["shop_id"].GetInt64(), shop.shop_id);
  // analytics:read: its shop, not another's.
  std::string own = "/api/v1/shops/" + std::to_string(shop.shop_id) + "/analytics";
  EXPECT_EQ(client_.Get(own, reader).status, 200);
  EXPECT_EQ(
      client_.Get("/api/v1/shops/" + std::to_string(other.shop_id) + "/analytics", reader).status,
      403);
  EXPECT_EQ(client_.Get("/api/v1/admin/analytics", reader).status, 403);  // not an operator

  // Each route needs its scope.
  HttpResult missing = client_.Get("/api/v1/webhooks", reader);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.ErrorCode(), "missing_scope");
  EXPECT_EQ(client_.Get("/api/v1/events", writer).ErrorCode(), "missing_scope");
  EXPECT_EQ(client_.Get(own, writer).ErrorCode(), "missing_scope");
  HttpResult subscribed =
      client_.Post("/api/v1/webhooks", R"({"url":"http://127.0.0.1:9/hook"})", writer);
  ASSERT_EQ(subscribed.status, 201) << subscribed.body;
  EXPECT_STREQ(subscribed.json["scope"].GetString(), "own_shops");
  EXPECT_EQ(client_.Get("/api/v1/webhooks", writer).json["items"].Size(), 1u);
  // The merchant sees the endpoint its app made: the key acted as the merchant.
  EXPECT_EQ(client_.Get("/api/v1/webhooks", shop.merchant_token).json["items"].Size(), 1u);
  EXPECT_EQ(client_.Get("/api/v1/webhooks", other.merchant_token).json["items"].Size(), 0u);

  // Keys never manage keys; routes without a scope refuse keys.
  EXPECT_EQ(client_.Post("/api/v1/api-keys", R"({"scopes":["events:read"]})", reader).status, 403);
  EXPECT_EQ(client_.Get("/api/v1/api-keys", reader).status, 403);
  EXPECT_EQ(client_.Get("/api/v1/wallet", reader).status, 401);
  EXPECT_EQ(client_.Get("/api/v1/orders", reader).status, 401);

  // Listing and revoking.
  HttpResult listed = client_.Get("/api/v1/api-keys", shop.merchant_token);
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.json["keys"].Size(), 2u);
  EXPECT_FALSE(listed.json["keys"][0].HasMember("key"));
  int64_t reader_id = listed.json["keys"][1]["id"].GetInt64();
  EXPECT_EQ(
      client_.Delete("/api/v1/api-keys/" + std::to_string(reader_id), other.merchant_token).status,
      404);
  ASSERT_EQ(
      client_.Delete("/api/v1/api-keys/" + std::to_string(reader_id), shop.merchant_token).status,
      200);
  EXPECT_EQ(client_.Get("/api/v1/events", reader).status, 401);
}

TEST_F(MerchantKeysTest, OnlyMerchantsIssueKeysAndOnlyWithMerchantScopes) {
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com");
  HttpResult not_merchant =
      client_.Post("/api/v1/api-keys", R"({"scopes":["events:read"]})", buyer);
  EXPECT_EQ(not_merchant.status, 403);
  EXPECT_EQ(not_merchant.ErrorCode(), "not_a_merchant");
  for (std::string body :
       {R"({"scopes":["shipments:write"]})", R"({"scopes":["orders:*"]})", R"({"scopes":[7]})",
        R"({"label":"x"})", R"({"scopes":["events:read"],"owner":"1"})"}) {
    HttpResult refused = client_.Post("/api/v1/api-keys", body, shop.merchant_token);
    EXPECT_EQ(refused.status, 400) << body << ": " << refused.body;
  }
  EXPECT_EQ(client_.Post("/api/v1/api-keys", R"({"scopes":["events:read"]})").status, 401);
}

}  // namespace
}  // namespace shrimp
