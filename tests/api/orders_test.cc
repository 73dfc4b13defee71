// The buyer -> merchant flow over real HTTP: cart, checkout, escrow,
// shipping, confirmation, refunds, disputes, timers, races and retries.
// Every test ends with the store's invariants checked.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::TestServer;

class OrdersTest : public ::testing::Test {
 protected:
  OrdersTest() : server_(testing::FastTestOptions()), market_(server_.port()) {}
  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok()) << problems.error().message;
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }
  std::string OrderPath(int64_t order_id, const std::string& action = "") {
    return "/api/v1/orders/" + std::to_string(order_id) + action;
  }
  std::string Status(const std::string& token, int64_t order_id) {
    auto order = market_.Client().Get(OrderPath(order_id), token);
    return order.json.IsObject() && order.json.HasMember("status")
               ? order.json["status"].GetString()
               : "";
  }
  // An operator's token (signed up on first use).
  std::string Operator() {
    if (operator_.empty()) {
      EXPECT_TRUE(server_.app()
                      .accounts()
                      .SignUp("deliver-op@example.com", "correct horse battery", "Op",
                              accounts::Role::kOperator)
                      .ok());
      operator_ = market_.Login("deliver-op@example.com");
    }
    return operator_;
  }
  int64_t Stock(int64_t product_id) {
    auto product = market_.Client().Get("/api/v1/products/" + std::to_string(product_id));
    return product.json["skus"][0]["stock"].GetInt64();
  }

  TestServer server_;
  Market market_;
  std::string operator_;
};

TEST_F(OrdersTest, FullFlowReleasesEscrowToShopLessCommission) {
  auto shop = market_.OpenShop("Tea House", "CNY", {5}, 1000);
  std::string buyer = market_.Buyer("buyer@example.com", 5000);
  auto client = market_.Client();

  auto added =
      client.Post("/api/v1/cart/items",
                  R"({"sku_id":)" + std::to_string(shop.sku_ids[0]) + R"(,"quantity":2})", buyer);
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.json["item_count"].GetInt64(), 2);
  auto checkout =
      client.Post("/api/v1/checkout", R"({"shipping_address":)" + Market::Address() + "}", buyer);
  ASSERT_EQ(checkout.status, 201) << checkout.body;
  ASSERT_EQ(checkout.json["orders"].Size(), 1u);
  int64_t order_id = checkout.json["orders"][0]["id"].GetInt64();
  EXPECT_STREQ(checkout.json["orders"][0]["status"].GetString(), "pending_payment");
  EXPECT_EQ(checkout.json["orders"][0]["total"]["amount"].GetInt64(), 2000);
  EXPECT_EQ(Stock(shop.product_ids[0]), 3);
  EXPECT_EQ(client.Get("/api/v1/cart", buyer).json["item_count"].GetInt64(), 0);

  auto paid = client.Post(OrderPath(order_id, "/pay"), R"({"method":"wallet"})", buyer);
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_STREQ(paid.json["status"].GetString(), "paid");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 3000);
  EXPECT_EQ(market_.ShopBalance(shop.merchant_token, shop.shop_id),
            (std::pair<int64_t, int64_t>(0, 2000)));

  auto shipped =
      client.Post(OrderPath(order_id, "/ship"),
                  R"({"carrier":"SF Express","tracking_number":"SF1"})", shop.merchant_token);
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  EXPECT_STREQ(shipped.json["shipment"]["carrier"].GetString(), "SF Express");
  // The merchant cannot start the clock that releases its own money.
  auto refused = client.Post(OrderPath(order_id, "/deliver"), "", shop.merchant_token);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "not_allowed");
  ASSERT_EQ(client.Post(OrderPath(order_id, "/deliver"), "", Operator()).status, 200);
  auto confirmed = client.Post(OrderPath(order_id, "/confirm"), "", buyer);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_STREQ(confirmed.json["status"].GetString(), "completed");
  EXPECT_EQ(confirmed.json["timeline"].Size(), 5u);
  // 5 % default commission on 2000.
  EXPECT_EQ(market_.ShopBalance(shop.merchant_token, shop.shop_id),
            (std::pair<int64_t, int64_t>(1900, 0)));
}

TEST_F(OrdersTest, CartAcrossShopsBecomesOneOrderPerShop) {
  auto tea = market_.OpenShop("Tea", "CNY", {3});
  auto silk = market_.OpenShop("Silk", "CNY", {3, 3});
  std::string buyer = market_.Buyer("b@example.com");
  auto client = market_.Client();
  for (int64_t sku : {tea.sku_ids[0], silk.sku_ids[0], silk.sku_ids[1]}) {
    ASSERT_EQ(client.Post("/api/v1/cart/items", R"({"sku_id":)" + std::to_string(sku) + "}", buyer)
                  .status,
              200);
  }
  auto cart = client.Get("/api/v1/cart", buyer);
  ASSERT_EQ(cart.json["groups"].Size(), 2u);
  auto checkout =
      client.Post("/api/v1/checkout", R"({"shipping_address":)" + Market::Address() + "}", buyer);
  ASSERT_EQ(checkout.status, 201) << checkout.body;
  ASSERT_EQ(checkout.json["orders"].Size(), 2u);
  EXPECT_EQ(checkout.json["orders"][0]["shop_id"].GetInt64(), tea.shop_id);
  EXPECT_EQ(checkout.json["orders"][1]["lines"].Size(), 2u);
}

TEST_F(OrdersTest, ConcurrentBuyersNeverOversell) {
  constexpr int kStock = 10;
  constexpr int kBuyers = 24;
  auto shop = market_.OpenShop("Flash", "CNY", {kStock});
  std::vector<std::string> buyers;
  for (int index = 0; index < kBuyers; ++index) {
    buyers.push_back(market_.Buyer("racer" + std::to_string(index) + "@example.com"));
  }
  std::atomic<int> sold{0}, out_of_stock{0}, other{0};
  std::vector<std::thread> threads;
  for (int index = 0; index < kBuyers; ++index) {
    threads.emplace_back([&, index] {
      int status = 0;
      std::string body;
      market_.BuyNow(buyers[index], shop.sku_ids[0], 1, &status, &body);
      if (status == 201)
        sold += 1;
      else if (status == 409 && body.find("out_of_stock") != std::string::npos)
        out_of_stock += 1;
      else
        other += 1;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sold.load(), kStock);
  EXPECT_EQ(out_of_stock.load(), kBuyers - kStock);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Stock(shop.product_ids[0]), 0);
}

TEST_F(OrdersTest, SameIdempotencyKeyMakesOneOrder) {
  auto shop = market_.OpenShop("Once", "CNY", {100});
  std::string buyer = market_.Buyer("once@example.com");
  std::string body = R"({"shipping_address":)" + Market::Address() + R"(,"items":[{"sku_id":)" +
                     std::to_string(shop.sku_ids[0]) + R"(,"quantity":1}]})";
  std::vector<std::string> answers(12);
  std::vector<std::thread> threads;
  for (int index = 0; index < 12; ++index) {
    threads.emplace_back([&, index] {
      auto client = market_.Client();
      auto result =
          client.Post("/api/v1/checkout", body, buyer, {{"Idempotency-Key", "order-abc"}});
      EXPECT_EQ(result.status, 201) << result.body;
      answers[index] = result.body;
    });
  }
  for (auto& thread : threads) thread.join();
  auto client = market_.Client();
  auto again = client.Post("/api/v1/checkout", body, buyer, {{"Idempotency-Key", "order-abc"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  for (const std::string& answer : answers) EXPECT_EQ(answer, again.body);
  EXPECT_EQ(Stock(shop.product_ids[0]), 99);
  auto listed = client.Get("/api/v1/orders", buyer);
  EXPECT_EQ(listed.json["items"].Size(), 1u);

  std::string other_body = R"({"shipping_address":)" + Market::Address() +
                           R"(,"items":[{"sku_id":)" + std::to_string(shop.sku_ids[0]) +
                           R"(,"quantity":2}]})";
  auto reused =
      client.Post("/api/v1/checkout", other_body, buyer, {{"Idempotency-Key", "order-abc"}});
  EXPECT_EQ(reused.status, 409);
  EXPECT_EQ(reused.ErrorCode(), "idempotency_key_reused");
}

TEST_F(OrdersTest, PayingTwiceWithTheSameKeyChargesOnce) {
  auto shop = market_.OpenShop("Pay", "CNY", {5}, 700);
  std::string buyer = market_.Buyer("pay@example.com", 1000);
  auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  ASSERT_EQ(ids.size(), 1u);
  auto client = market_.Client();
  auto first = client.Post(OrderPath(ids[0], "/pay"), "{}", buyer, {{"Idempotency-Key", "pay-1"}});
  auto second = client.Post(OrderPath(ids[0], "/pay"), "{}", buyer, {{"Idempotency-Key", "pay-1"}});
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(first.body, second.body);
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 300);
  // Without the key, a second pay is an illegal transition, not a second charge.
  auto third = client.Post(OrderPath(ids[0], "/pay"), "{}", buyer);
  EXPECT_EQ(third.status, 409);
  EXPECT_EQ(third.ErrorCode(), "invalid_transition");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 300);
}

TEST_F(OrdersTest, InsufficientFundsChangesNothing) {
  auto shop = market_.OpenShop("Dear", "CNY", {5}, 5000);
  std::string buyer = market_.Buyer("poor@example.com", 1000);
  auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  ASSERT_EQ(ids.size(), 1u);
  auto paid = market_.Client().Post(OrderPath(ids[0], "/pay"), "{}", buyer);
  EXPECT_EQ(paid.status, 409);
  EXPECT_EQ(paid.ErrorCode(), "insufficient_funds");
  EXPECT_EQ(Status(buyer, ids[0]), "pending_payment");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 1000);
}

TEST_F(OrdersTest, CancelAfterPaymentVoidsEscrowAndReleasesStock) {
  auto shop = market_.OpenShop("Cancel", "CNY", {5}, 1000);
  std::string buyer = market_.Buyer("cancel@example.com", 1000);
  auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  auto client = market_.Client();
  ASSERT_EQ(client.Post(OrderPath(ids[0], "/pay"), "{}", buyer).status, 200);
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 0);
  auto cancelled = client.Post(OrderPath(ids[0], "/cancel"), "", buyer);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_STREQ(cancelled.json["status"].GetString(), "cancelled");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 1000);
  EXPECT_EQ(Stock(shop.product_ids[0]), 5);
  EXPECT_EQ(market_.ShopBalance(shop.merchant_token, shop.shop_id),
            (std::pair<int64_t, int64_t>(0, 0)));
}

TEST_F(OrdersTest, IllegalTransitionsAndStrangersAreRefused) {
  auto shop = market_.OpenShop("Rules", "CNY", {5});
  std::string buyer = market_.Buyer("rules@example.com", 5000);
  std::string stranger = market_.Buyer("stranger@example.com");
  auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  auto client = market_.Client();
  auto early = client.Post(OrderPath(ids[0], "/ship"), R"({"carrier":"x","tracking_number":"1"})",
                           shop.merchant_token);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.ErrorCode(), "invalid_transition");
  EXPECT_STREQ(early.json["error"]["details"]["status"].GetString(), "pending_payment");
  // The buyer cannot ship; the merchant cannot pay; a stranger sees nothing.
  EXPECT_EQ(client.Post(OrderPath(ids[0], "/pay"), "{}", shop.merchant_token).status, 403);
  EXPECT_EQ(client.Get(OrderPath(ids[0]), stranger).status, 404);
  EXPECT_EQ(client.Post(OrderPath(ids[0], "/pay"), "{}", stranger).status, 404);
  EXPECT_EQ(client.Get("/api/v1/orders?shop_id=" + std::to_string(shop.shop_id), stranger).status,
            403);
  EXPECT_EQ(client.Get(OrderPath(999999), buyer).status, 404);
  // A final order refuses everything with its status.
  ASSERT_EQ(client.Post(OrderPath(ids[0], "/cancel"), "", buyer).status, 200);
  auto late = client.Post(OrderPath(ids[0], "/pay"), "{}", buyer);
  EXPECT_EQ(late.status, 409);
  EXPECT_STREQ(late.json["error"]["details"]["status"].GetString(), "cancelled");
}

TEST_F(OrdersTest, BadCheckoutInputGetsPreciseCodes) {
  auto shop = market_.OpenShop("Input", "CNY", {5});
  std::string buyer = market_.Buyer("input@example.com");
  auto client = market_.Client();
  std::string sku = std::to_string(shop.sku_ids[0]);
  struct Case {
    std::string body;
    int status;
    std::string code;
  };
  std::vector<Case> cases = {
      {"{}", 400, "missing_field"},
      {R"({"shipping_address":{"name":"A"}})", 400, "missing_field"},
      {R"({"shipping_address":)" + Market::Address() + R"(,"items":[{"sku_id":)" + sku +
           R"(,"quantity":0}]})",
       400, "invalid_field"},
      {R"({"shipping_address":)" + Market::Address() +
           R"(,"items":[{"sku_id":999999,"quantity":1}]})",
       404, "sku_not_found"},
      {R"({"shipping_address":)" + Market::Address() + R"(,"items":[{"sku_id":)" + sku +
           R"(,"quantity":6}]})",
       409, "out_of_stock"},
      {R"({"shipping_address":)" + Market::Address() + R"(,"items":[]})", 400, "invalid_field"},
      {R"({"shipping_address":)" + Market::Address() + R"(,"status":"paid"})", 400,
       "unknown_field"},
      {R"({"shipping_address":)" + Market::Address() + "}", 409, "cart_empty"},
  };
  for (const Case& test_case : cases) {
    auto result = client.Post("/api/v1/checkout", test_case.body, buyer);
    EXPECT_EQ(result.status, test_case.status) << test_case.body << " -> " << result.body;
    EXPECT_EQ(result.ErrorCode(), test_case.code) << test_case.body;
  }
  EXPECT_EQ(client.Post("/api/v1/checkout", "{}", "").status, 401);
  EXPECT_EQ(Stock(shop.product_ids[0]), 5);
  EXPECT_EQ(client.Get("/api/v1/orders", buyer).json["items"].Size(), 0u);
}

TEST_F(OrdersTest, UnpaidOrdersExpireAndReleaseStock) {
  auto shop = market_.OpenShop("Expiry", "CNY", {2});
  std::string buyer = market_.Buyer("late@example.com");
  auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 2);
  EXPECT_EQ(Stock(shop.product_ids[0]), 0);
  server_.clock().AdvanceMs(29 * 60'000);
  ASSERT_TRUE(server_.app().RunTimersOnce().ok());
  EXPECT_EQ(Status(buyer, ids[0]), "pending_payment");
  server_.clock().AdvanceMs(2 * 60'000);
  ASSERT_TRUE(server_.app().RunTimersOnce().ok());
  EXPECT_EQ(Status(buyer, ids[0]), "cancelled");
  EXPECT_EQ(Stock(shop.product_ids[0]), 2);
}

TEST_F(OrdersTest, DeliveredOrdersAutoCompleteAndRefundRequestsPauseTheClock) {
  auto shop = market_.OpenShop("Auto", "CNY", {5}, 1000);
  std::string buyer = market_.Buyer("auto@example.com", 5000);
  auto client = market_.Client();
  auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  ASSERT_EQ(client.Post(OrderPath(ids[0], "/pay"), "{}", buyer).status, 200);
  ASSERT_EQ(client
                .Post(OrderPath(ids[0], "/ship"), R"({"carrier":"c","tracking_number":"t"})",
                      shop.merchant_token)
                .status,
            200);
  ASSERT_EQ(client.Post(OrderPath(ids[0], "/deliver"), "", Operator()).status, 200);
  server_.clock().AdvanceMs(9 * kMsPerDay);
  // A refund request pauses the clock for the 5 days it stays open.
  ASSERT_EQ(
      client.Post(OrderPath(ids[0], "/refund-requests"), R"({"reason":"late"})", buyer).status,
      200);
  server_.clock().AdvanceMs(5 * kMsPerDay);
  ASSERT_TRUE(server_.app().RunTimersOnce().ok());
  EXPECT_EQ(Status(buyer, ids[0]), "refund_requested");
  auto declined =
      client.Post(OrderPath(ids[0], "/refund-requests/decline"), "", shop.merchant_token);
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_STREQ(declined.json["status"].GetString(), "delivered");
  server_.clock().AdvanceMs(kMsPerDay - 60'000);
  ASSERT_TRUE(server_.app().RunTimersOnce().ok());
  EXPECT_EQ(Status(buyer, ids[0]), "delivered");
  server_.clock().AdvanceMs(2 * 60'000);
  ASSERT_TRUE(server_.app().RunTimersOnce().ok());
  EXPECT_EQ(Status(buyer, ids[0]), "completed");
  EXPECT_EQ(market_.ShopBalance(shop.merchant_token, shop.shop_id).first, 950);
}

TEST_F(OrdersTest, PartialRefundSplitsTheEscrow) {
  auto shop = market_.OpenShop("Partial", "CNY", {5}, 1000);
  std::string buyer = market_.Buyer("partial@example.com", 1000);
  auto client = market_.Client();
  auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  ASSERT_EQ(client.Post(OrderPath(ids[0], "/pay"), "{}", buyer).status, 200);
  ASSERT_EQ(client
                .Post(OrderPath(ids[0], "/ship"), R"({"carrier":"c","tracking_number":"t"})",
                      shop.merchant_token)
                .status,
            200);
  auto bad =
      client.Post(OrderPath(ids[0], "/refund-requests"), R"({"reason":"x","amount":1001})", buyer);
  EXPECT_EQ(bad.status, 400);
  ASSERT_EQ(client
                .Post(OrderPath(ids[0], "/refund-requests"),
                      R"({"reason":"one broken","amount":300})", buyer)
                .status,
            200);
  auto accepted =
      client.Post(OrderPath(ids[0], "/refund-requests/accept"), "", shop.merchant_token);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_STREQ(accepted.json["status"].GetString(), "refunded");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 300);
  // 700 released, 5 % commission on it.
  EXPECT_EQ(market_.ShopBalance(shop.merchant_token, shop.shop_id),
            (std::pair<int64_t, int64_t>(665, 0)));
}

TEST_F(OrdersTest, OperatorResolvesDisputes) {
  auto shop = market_.OpenShop("Dispute", "CNY", {5}, 1000);
  std::string buyer = market_.Buyer("dispute@example.com", 1000);
  ASSERT_TRUE(
      server_.app()
          .accounts()
          .SignUp("op@example.com", "correct horse battery", "Op", accounts::Role::kOperator)
          .ok());
  std::string op = market_.Login("op@example.com");
  auto client = market_.Client();
  auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  ASSERT_EQ(client.Post(OrderPath(ids[0], "/pay"), "{}", buyer).status, 200);
  ASSERT_EQ(
      client.Post(OrderPath(ids[0], "/disputes"), R"({"reason":"never arrived"})", buyer).status,
      200);
  EXPECT_EQ(client.Post(OrderPath(ids[0], "/resolve"), R"({"outcome":"refund"})", buyer).status,
            403);
  EXPECT_EQ(client.Post(OrderPath(ids[0], "/resolve"), R"({"outcome":"maybe"})", op).status, 400);
  auto resolved = client.Post(OrderPath(ids[0], "/resolve"), R"({"outcome":"refund"})", op);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_STREQ(resolved.json["dispute"]["outcome"].GetString(), "refund");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 1000);
  EXPECT_EQ(Stock(shop.product_ids[0]), 5);
}

TEST_F(OrdersTest, ListingsPaginateAndFilterByStatus) {
  auto shop = market_.OpenShop("Many", "CNY", {50}, 100);
  std::string buyer = market_.Buyer("many@example.com", 10000);
  auto client = market_.Client();
  std::vector<int64_t> created;
  for (int index = 0; index < 7; ++index)
    created.push_back(market_.BuyNow(buyer, shop.sku_ids[0], 1)[0]);
  ASSERT_EQ(client.Post(OrderPath(created[2], "/pay"), "{}", buyer).status, 200);
  std::vector<int64_t> seen;
  std::string after;
  for (int page = 0; page < 10; ++page) {
    auto listed = client.Get("/api/v1/orders?limit=3" + after, buyer);
    ASSERT_EQ(listed.status, 200);
    for (const auto& order : listed.json["items"].GetArray())
      seen.push_back(order["id"].GetInt64());
    if (listed.json["next_after"].IsNull()) break;
    after = "&after=" + std::to_string(listed.json["next_after"].GetInt64());
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), 7u);
  auto paid = client.Get("/api/v1/orders?status=paid", buyer);
  ASSERT_EQ(paid.json["items"].Size(), 1u);
  EXPECT_EQ(paid.json["items"][0]["id"].GetInt64(), created[2]);
  auto merchant =
      client.Get("/api/v1/orders?shop_id=" + std::to_string(shop.shop_id), shop.merchant_token);
  EXPECT_EQ(merchant.json["items"].Size(), 7u);
  EXPECT_EQ(client.Get("/api/v1/orders?status=nope", buyer).status, 400);
  EXPECT_EQ(client.Get("/api/v1/orders?limit=0", buyer).status, 400);
}

}  // namespace
}  // namespace shrimp
