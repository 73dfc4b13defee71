// Merchant data over real HTTP: the daily aggregates follow the outbox and
// equal a recount from the orders after a random workload.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>

#include "analytics/shop_stats.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::TestServer;

api::AppOptions Options() {
  api::AppOptions options = testing::FastTestOptions();
  options.timer_interval_ms = 0;
  options.webhooks.poll_interval_ms = 0;
  return options;
}

class AnalyticsTest : public ::testing::Test {
 protected:
  AnalyticsTest() : server_(Options()), market_(server_.port()) {}

  void Follow() {
    for (int round = 0; round < 100; ++round) {
      auto folded = server_.app().RunAnalyticsOnce();
      ASSERT_TRUE(folded.ok()) << folded.error().message;
      if (*folded == 0) return;
    }
  }

  HttpResult Act(int64_t order_id, const std::string& action, const std::string& token,
                 const std::string& body = "{}") {
    return client_.Post("/api/v1/orders/" + std::to_string(order_id) + "/" + action, body, token);
  }

  std::string Today() { return analytics::FormatDay(analytics::DayOf(server_.clock().NowMs())); }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
};

TEST(AnalyticsDays, ParseFormatAndBucket) {
  int64_t day = 0;
  ASSERT_TRUE(analytics::ParseDay("2026-11-29", &day));
  EXPECT_EQ(analytics::FormatDay(day), "2026-11-29");
  EXPECT_FALSE(analytics::ParseDay("2026-02-30", &day));
  EXPECT_FALSE(analytics::ParseDay("2026-13-01", &day));
  EXPECT_FALSE(analytics::ParseDay("26-11-29", &day));
  ASSERT_TRUE(analytics::ParseDay("2026-11-29", &day));  // a Sunday
  EXPECT_EQ(analytics::FormatDay(analytics::BucketStart(day, analytics::Granularity::kWeek)),
            "2026-11-23");
  EXPECT_EQ(analytics::FormatDay(analytics::BucketStart(day, analytics::Granularity::kMonth)),
            "2026-11-01");
  ASSERT_TRUE(analytics::ParseDay("2024-02-29", &day));
  EXPECT_EQ(analytics::FormatDay(day + 1), "2024-03-01");
}

TEST_F(AnalyticsTest, AggregatesEqualARecountFromTheOrdersAfterARandomWorkload) {
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {500, 500, 500}, 1234);
  std::vector<std::string> buyers;
  for (int index = 0; index < 4; ++index) {
    buyers.push_back(market_.Buyer("b" + std::to_string(index) + "@example.com", 10'000'000));
  }
  std::mt19937_64 random(20261129);
  std::map<std::string, int64_t> expected;  // recount from what the test did
  std::set<size_t> paying_buyers;
  std::map<size_t, int64_t> paid_by_buyer;
  for (int step = 0; step < 40; ++step) {
    size_t who = random() % buyers.size();
    int64_t sku = shop.sku_ids[random() % shop.sku_ids.size()];
    int64_t quantity = 1 + static_cast<int64_t>(random() % 3);
    auto ids = market_.BuyNow(buyers[who], sku, quantity);
    ASSERT_EQ(ids.size(), 1u);
    int64_t order = ids[0];
    int64_t total = 1234 * quantity;
    switch (random() % 4) {
      case 0: {
        ASSERT_EQ(Act(order, "cancel", buyers[who]).status, 200);
        expected["cancelled"] += 1;
        break;
      }
      case 1: {
        ASSERT_EQ(Act(order, "pay", buyers[who]).status, 200);
        ASSERT_EQ(Act(order, "refund-requests", buyers[who], R"({"reason":"r"})").status, 200);
        ASSERT_EQ(Act(order, "refund-requests/accept", shop.merchant_token).status, 200);
        expected["orders"] += 1;
        expected["sales"] += total;
        expected["refunds"] += 1;
        expected["refunded"] += total;
        if (paid_by_buyer[who]++ > 0) expected["repeat"] += 1;
        paying_buyers.insert(who);
        break;
      }
      default: {
        ASSERT_EQ(Act(order, "pay", buyers[who]).status, 200);
        expected["orders"] += 1;
        expected["sales"] += total;
        if (paid_by_buyer[who]++ > 0) expected["repeat"] += 1;
        paying_buyers.insert(who);
        break;
      }
    }
    // Every seventh step, fold what is there so far: incremental, not a rebuild.
    if (step % 7 == 0) Follow();
  }
  Follow();
  HttpResult analytics = client_.Get("/api/v1/shops/" + std::to_string(shop.shop_id) +
                                         "/analytics?from=" + Today() + "&to=" + Today(),
                                     shop.merchant_token);
  ASSERT_EQ(analytics.status, 200) << analytics.body;
  const auto& totals = analytics.json["totals"];
  EXPECT_EQ(totals["orders"].GetInt64(), expected["orders"]);
  EXPECT_EQ(totals["sales"]["amount"].GetInt64(), expected["sales"]);
  EXPECT_STREQ(totals["sales"]["currency"].GetString(), "CNY");
  EXPECT_EQ(totals["refunds"].GetInt64(), expected["refunds"]);
  EXPECT_EQ(totals["refunded"]["amount"].GetInt64(), expected["refunded"]);
  EXPECT_EQ(totals["cancelled"].GetInt64(), expected["cancelled"]);
  EXPECT_EQ(totals["repeat_orders"].GetInt64(), expected["repeat"]);
  EXPECT_EQ(totals["buyers"].GetInt64(), static_cast<int64_t>(paying_buyers.size()));
  if (expected["orders"] > 0) {
    EXPECT_EQ(totals["average_order_value"]["amount"].GetInt64(),
              expected["sales"] / expected["orders"]);
    EXPECT_EQ(totals["refund_rate_bps"].GetInt64(),
              expected["refunds"] * 10'000 / expected["orders"]);
  }
  ASSERT_EQ(analytics.json["series"].Size(), 1u);
  int64_t product_units = 0;
  for (const auto& product : analytics.json["top_products"].GetArray()) {
    product_units += product["units"].GetInt64();
  }
  EXPECT_GT(product_units, 0);
  ASSERT_EQ(analytics.json["cities"].Size(), 1u);
  EXPECT_EQ(analytics.json["cities"][0]["orders"].GetInt64(), expected["orders"]);

  // The same from a recount of the orders themselves (the order list API).
  int64_t recount_sales = 0;
  // Held in a local: a range-for over a temporary's member reads freed memory.
  HttpResult paid_events =
      client_.Get("/api/v1/events?limit=500&type=order.paid", shop.merchant_token);
  for (const auto& event : paid_events.json["items"].GetArray()) {
    recount_sales += event["data"]["total"]["amount"].GetInt64();
  }
  EXPECT_EQ(recount_sales, expected["sales"]);

  // Nothing is counted twice when the follower runs again.
  Follow();
  EXPECT_EQ(client_
                .Get("/api/v1/shops/" + std::to_string(shop.shop_id) + "/analytics",
                     shop.merchant_token)
                .json["totals"]["orders"]
                .GetInt64(),
            expected["orders"]);
}

TEST_F(AnalyticsTest, SeriesFillEveryBucketAndExportAsCsv) {
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {50}, 1000);
  std::string buyer = market_.Buyer("ana@example.com", 1'000'000);
  std::string base = "/api/v1/shops/" + std::to_string(shop.shop_id) + "/analytics";
  for (int day = 0; day < 3; ++day) {
    auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
    ASSERT_EQ(Act(ids[0], "pay", buyer).status, 200);
    server_.clock().AdvanceMs(kMsPerDay);
  }
  Follow();
  HttpResult daily = client_.Get(base, shop.merchant_token);
  ASSERT_EQ(daily.status, 200) << daily.body;
  ASSERT_EQ(daily.json["series"].Size(), 30u);  // the default: the last 30 days
  int64_t orders = 0;
  for (const auto& bucket : daily.json["series"].GetArray()) orders += bucket["orders"].GetInt64();
  EXPECT_EQ(orders, 3);
  EXPECT_EQ(daily.json["totals"]["repeat_orders"].GetInt64(), 2);
  EXPECT_EQ(daily.json["totals"]["repeat_order_share_bps"].GetInt64(), 6666);

  HttpResult monthly =
      client_.Get(base + "?granularity=month&from=2026-01-01&to=2026-12-31", shop.merchant_token);
  ASSERT_EQ(monthly.status, 200) << monthly.body;
  EXPECT_EQ(monthly.json["series"].Size(), 12u);

  HttpResult csv = client_.Get(base + "?format=csv", shop.merchant_token);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.Header("content-type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv.body.rfind("period_start,currency,orders,sales_minor", 0), 0u);
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 31);

  // Bad input and other people's shops.
  for (std::string query :
       {"?granularity=year", "?from=2026-02-30", "?from=2026-12-01&to=2026-01-01",
        "?from=2020-01-01&to=2026-01-01", "?format=xml"}) {
    HttpResult bad = client_.Get(base + query, shop.merchant_token);
    EXPECT_EQ(bad.status, 400) << query;
    EXPECT_EQ(bad.ErrorCode(), "invalid_query") << query;
  }
  EXPECT_EQ(client_.Get(base, buyer).status, 403);
  EXPECT_EQ(client_.Get("/api/v1/shops/999/analytics", shop.merchant_token).status, 404);
  EXPECT_EQ(client_.Get(base).status, 401);
}

TEST_F(AnalyticsTest, TheOperatorSeesGmvBandsAndTheDoubleMillionTracker) {
  // A shop that sells ¥1,000,000 in one order crosses the double-million mark.
  testing::ShopFixture big = market_.OpenShop("Big Tea", "CNY", {5}, 100'000'000);
  testing::ShopFixture small = market_.OpenShop("Small Tea", "CNY", {5}, 500);
  std::string buyer = market_.Buyer("ana@example.com", 200'000'000);
  auto big_order = market_.BuyNow(buyer, big.sku_ids[0], 1);
  ASSERT_EQ(Act(big_order[0], "pay", buyer).status, 200);
  auto small_order = market_.BuyNow(buyer, small.sku_ids[0], 1);
  ASSERT_EQ(Act(small_order[0], "pay", buyer).status, 200);
  Follow();
  ASSERT_TRUE(
      server_.app()
          .accounts()
          .SignUp("ops@example.com", "correct horse battery", "Ops", accounts::Role::kOperator)
          .ok());
  std::string ops = market_.Login("ops@example.com");
  HttpResult overview = client_.Get("/api/v1/admin/analytics?days=7", ops);
  ASSERT_EQ(overview.status, 200) << overview.body;
  EXPECT_EQ(overview.json["double_million_shops"].GetInt64(), 1);
  EXPECT_EQ(overview.json["active_shops"].GetInt64(), 2);
  EXPECT_EQ(overview.json["new_selling_shops"].GetInt64(), 2);
  ASSERT_EQ(overview.json["gmv_by_day"].Size(), 1u);
  EXPECT_EQ(overview.json["gmv_by_day"][0]["sales"]["amount"].GetInt64(), 100'000'500);
  std::map<std::string, int64_t> bands;
  for (const auto& band : overview.json["yearly_sales_bands"].GetArray()) {
    bands[band["band"].GetString()] = band["shops"].GetInt64();
  }
  EXPECT_EQ(bands[">=1M"], 1);
  EXPECT_EQ(bands["<10k"], 1);
  EXPECT_EQ(client_.Get("/api/v1/admin/analytics", buyer).status, 403);
}

}  // namespace
}  // namespace shrimp
