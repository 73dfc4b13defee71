// Durability: checkouts under load, kill -9, restart. Every order answered
// 2xx must exist, balances and stock must be rebuilt exactly, and
// `shrimp check` must pass.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "testing/market.h"
#include "testing/server_process.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::ServerProcess;

constexpr int kBuyers = 4;
constexpr int64_t kPrice = 100;
constexpr int64_t kTopUp = 1'000'000;

TEST(Crash, KillNineLosesNothingAnswered) {
  std::string data_dir = testing::MakeTempDir();
  std::vector<std::string> buyers;
  testing::ShopFixture shop;
  std::mutex mutex;
  std::vector<int64_t> paid_orders;     // pay answered 200
  std::vector<int64_t> created_orders;  // checkout answered 201
  {
    ServerProcess server(SHRIMP_BINARY, data_dir, {"--sandbox"});
    ASSERT_GT(server.port(), 0);
    Market market(server.port());
    shop = market.OpenShop("Crash", "CNY", {100'000}, kPrice);
    for (int index = 0; index < kBuyers; ++index) {
      buyers.push_back(market.Buyer("crash" + std::to_string(index) + "@example.com", kTopUp));
    }
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int index = 0; index < kBuyers; ++index) {
      threads.emplace_back([&, index] {
        try {
          Market own(server.port());
          auto client = own.Client();
          while (!stop) {
            auto ids = own.BuyNow(buyers[index], shop.sku_ids[0], 1);
            if (ids.empty()) continue;
            {
              std::lock_guard lock(mutex);
              created_orders.push_back(ids[0]);
            }
            auto paid = client.Post("/api/v1/orders/" + std::to_string(ids[0]) + "/pay", "{}",
                                    buyers[index]);
            if (paid.status == 200) {
              std::lock_guard lock(mutex);
              paid_orders.push_back(ids[0]);
            }
          }
        } catch (const std::exception&) {
          // The server died under us: expected.
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    server.Kill();
    stop = true;
    for (auto& thread : threads) thread.join();
  }
  ASSERT_GT(paid_orders.size(), 10u);

  ServerProcess restarted(SHRIMP_BINARY, data_dir, {"--sandbox"});
  ASSERT_GT(restarted.port(), 0);
  Market market(restarted.port());
  auto client = market.Client();
  for (int64_t order_id : created_orders) {
    // Buyers are interchangeable here: find the order with each token.
    bool found = false;
    for (const std::string& token : buyers) {
      auto order = client.Get("/api/v1/orders/" + std::to_string(order_id), token);
      if (order.status == 200) {
        found = true;
        break;
      }
    }
    EXPECT_TRUE(found) << "order " << order_id << " was answered 201 but is gone";
  }
  // Every buyer's wallet equals the top-up less what their surviving paid orders hold.
  int64_t held_total = 0;
  for (const std::string& token : buyers) {
    auto listed_paid = 0;
    std::string after;
    for (int page = 0; page < 1000; ++page) {
      auto listed = client.Get("/api/v1/orders?status=paid&limit=100" + after, token);
      ASSERT_EQ(listed.status, 200);
      listed_paid += listed.json["items"].Size();
      if (listed.json["next_after"].IsNull()) break;
      after = "&after=" + std::to_string(listed.json["next_after"].GetInt64());
    }
    EXPECT_EQ(market.WalletAvailable(token, "CNY"), kTopUp - listed_paid * kPrice);
    held_total += listed_paid * kPrice;
  }
  EXPECT_GE(held_total, static_cast<int64_t>(paid_orders.size()) * kPrice);
  EXPECT_EQ(market.ShopBalance(shop.merchant_token, shop.shop_id).second, held_total);
  restarted.Terminate();

  std::string command = std::string(SHRIMP_BINARY) + " check --data " + data_dir + " > /dev/null";
  EXPECT_EQ(std::system(command.c_str()), 0) << "shrimp check failed after the crash";
  std::filesystem::remove_all(data_dir);
}

}  // namespace
}  // namespace shrimp
