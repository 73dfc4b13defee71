// Two shrimp servers on one PostgreSQL database (store/cluster.h): the races
// a load balancer in front of them produces, split across both. PostgreSQL
// only: on SQLite the database is one process's file (ctest -L postgres runs
// these; on SQLite each test says it was skipped and why).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "testing/market.h"
#include "testing/postgres_cluster.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::TestServer;

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::UsePostgres()) {
      GTEST_SKIP() << "PostgreSQL only (SHRIMP_TEST_DB=postgres runs it: ctest -L postgres)";
    }
    first_ = std::make_unique<TestServer>(testing::FastTestOptions());
    api::AppOptions options = testing::FastTestOptions();
    options.db_url = first_->db_url();
    second_ = std::make_unique<TestServer>(options);
    servers_ = {first_.get(), second_.get()};
  }

  TestServer& Server(int index) { return *servers_[index % 2]; }
  Market On(int index) { return Market(Server(index).port()); }

  // Runs a writer batch on both servers, so both have caught up with
  // everything committed (reads of memory are as fresh as the last batch).
  void CatchUp() {
    for (TestServer* server : servers_) ASSERT_TRUE(server->app().RunTimersOnce().ok());
  }

  int64_t Stock(int index, int64_t product_id) {
    auto product = On(index).Client().Get("/api/v1/products/" + std::to_string(product_id));
    return product.json["skus"][0]["stock"].GetInt64();
  }

  void ExpectBooksBalanced() {
    for (TestServer* server : servers_) {
      auto problems = server->app().CheckInvariants();
      ASSERT_TRUE(problems.ok()) << problems.error().message;
      EXPECT_TRUE(problems->empty()) << problems->front();
    }
  }

  std::unique_ptr<TestServer> first_;
  std::unique_ptr<TestServer> second_;
  std::vector<TestServer*> servers_;
};

TEST_F(ClusterTest, BuyersSplitAcrossTwoServersNeverOversell) {
  constexpr int kStock = 10;
  constexpr int kBuyers = 24;
  auto shop = On(0).OpenShop("Flash", "CNY", {kStock});
  std::vector<std::string> buyers;
  for (int index = 0; index < kBuyers; ++index) {
    buyers.push_back(On(index).Buyer("racer" + std::to_string(index) + "@example.com"));
  }
  std::atomic<int> sold{0}, out_of_stock{0}, other{0};
  std::vector<std::thread> threads;
  for (int index = 0; index < kBuyers; ++index) {
    threads.emplace_back([&, index] {
      int status = 0;
      std::string body;
      On(index).BuyNow(buyers[index], shop.sku_ids[0], 1, &status, &body);
      if (status == 201) {
        sold += 1;
      } else if (status == 409 && body.find("out_of_stock") != std::string::npos) {
        out_of_stock += 1;
      } else {
        other += 1;
        ADD_FAILURE() << status << " " << body;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sold.load(), kStock);
  EXPECT_EQ(out_of_stock.load(), kBuyers - kStock);
  EXPECT_EQ(other.load(), 0);
  CatchUp();
  EXPECT_EQ(Stock(0, shop.product_ids[0]), 0);
  EXPECT_EQ(Stock(1, shop.product_ids[0]), 0);
  ExpectBooksBalanced();
}

TEST_F(ClusterTest, OneIdempotencyKeySentToBothServersMakesOneOrderAndOneCharge) {
  auto shop = On(0).OpenShop("Once", "CNY", {100}, 1'000);
  std::string buyer = On(1).Buyer("once@example.com", 5'000);
  std::string body = R"({"shipping_address":)" + Market::Address() + R"(,"items":[{"sku_id":)" +
                     std::to_string(shop.sku_ids[0]) + R"(,"quantity":1}]})";
  std::vector<std::string> answers(12);
  std::vector<std::thread> threads;
  for (int index = 0; index < 12; ++index) {
    threads.emplace_back([&, index] {
      auto result = On(index).Client().Post("/api/v1/checkout", body, buyer,
                                            {{"Idempotency-Key", "order-both"}});
      EXPECT_EQ(result.status, 201) << result.body;
      answers[index] = result.body;
    });
  }
  for (auto& thread : threads) thread.join();
  for (const std::string& answer : answers) EXPECT_EQ(answer, answers[0]);
  auto listed = On(0).Client().Get("/api/v1/orders", buyer);
  ASSERT_EQ(listed.json["items"].Size(), 1u) << listed.body;
  int64_t order_id = listed.json["items"][0]["id"].GetInt64();

  // The same for the payment: one key on both servers, one charge.
  std::string pay = "/api/v1/orders/" + std::to_string(order_id) + "/pay";
  std::vector<int> statuses(8);
  threads.clear();
  for (int index = 0; index < 8; ++index) {
    threads.emplace_back([&, index] {
      statuses[index] =
          On(index).Client().Post(pay, "{}", buyer, {{"Idempotency-Key", "pay-both"}}).status;
    });
  }
  for (auto& thread : threads) thread.join();
  for (int status : statuses) EXPECT_EQ(status, 200);
  CatchUp();
  EXPECT_EQ(On(0).WalletAvailable(buyer, "CNY"), 4'000);
  EXPECT_EQ(On(1).WalletAvailable(buyer, "CNY"), 4'000);
  EXPECT_EQ(Stock(1, shop.product_ids[0]), 99);
  ExpectBooksBalanced();
}

TEST_F(ClusterTest, PayoutsRacingOnTwoServersNeverOverdraw) {
  auto shop = On(0).OpenShop("Payday", "CNY", {10}, 10'000);
  std::string buyer = On(1).Buyer("payday@example.com", 100'000);
  for (int sale = 0; sale < 2; ++sale) {
    ASSERT_NE(On(sale).SellCompleted(shop, buyer, shop.sku_ids[0]), 0);
  }
  CatchUp();
  auto [available, pending] = On(0).ShopBalance(shop.merchant_token, shop.shop_id);
  ASSERT_GT(available, 0);
  // Ten requests for the whole balance, five per server: exactly one pays.
  std::string body = R"({"shop_id":)" + std::to_string(shop.shop_id) + R"(,"amount":{"amount":)" +
                     std::to_string(available) + R"(,"currency":"CNY"}})";
  std::atomic<int> paid{0}, refused{0};
  std::vector<std::thread> threads;
  for (int index = 0; index < 10; ++index) {
    threads.emplace_back([&, index] {
      auto result =
          On(index).Client().Post("/api/v1/payouts", body, shop.merchant_token,
                                  {{"Idempotency-Key", "payout-" + std::to_string(index)}});
      if (result.status == 201) {
        paid += 1;
      } else {
        EXPECT_EQ(result.status, 409) << result.body;
        refused += 1;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(paid.load(), 1);
  EXPECT_EQ(refused.load(), 9);
  CatchUp();
  for (int index = 0; index < 2; ++index) {
    EXPECT_EQ(On(index).ShopBalance(shop.merchant_token, shop.shop_id).first, 0);
  }
  ExpectBooksBalanced();
}

TEST_F(ClusterTest, EveryOrderExpiresOnceWithTimersOnBothServers) {
  constexpr int kOrders = 12;
  auto shop = On(0).OpenShop("Expiry", "CNY", {kOrders});
  std::vector<int64_t> orders;
  for (int index = 0; index < kOrders; ++index) {
    std::string buyer = On(index).Buyer("late" + std::to_string(index) + "@example.com");
    auto ids = On(index).BuyNow(buyer, shop.sku_ids[0], 1);
    ASSERT_EQ(ids.size(), 1u);
    orders.push_back(ids[0]);
  }
  CatchUp();
  EXPECT_EQ(Stock(0, shop.product_ids[0]), 0);
  for (TestServer* server : servers_) server->clock().AdvanceMs(31 * 60'000);
  // Both servers' timers at once, several rounds.
  std::vector<std::thread> threads;
  for (int index = 0; index < 6; ++index) {
    threads.emplace_back([&, index] { EXPECT_TRUE(Server(index).app().RunTimersOnce().ok()); });
  }
  for (auto& thread : threads) thread.join();
  CatchUp();
  EXPECT_EQ(Stock(0, shop.product_ids[0]), kOrders);
  EXPECT_EQ(Stock(1, shop.product_ids[0]), kOrders);
  auto events =
      On(1).Client().Get("/api/v1/events?limit=500&type=order.cancelled", shop.merchant_token);
  ASSERT_EQ(events.status, 200) << events.body;
  std::multiset<int64_t> cancelled;
  for (const auto& event : events.json["items"].GetArray()) {
    cancelled.insert(event["data"]["id"].GetInt64());
  }
  EXPECT_EQ(cancelled.size(), static_cast<size_t>(kOrders)) << events.body;
  for (int64_t order_id : orders) EXPECT_EQ(cancelled.count(order_id), 1u) << order_id;
  ExpectBooksBalanced();
}

}  // namespace
}  // namespace shrimp
