// Webhooks survive kill -9: the real `shrimp serve` delivers to a slow,
// sometimes failing receiver on loopback, is killed with SIGKILL while
// deliveries are in flight, and starts again on the same data directory.
// Every event reaches the receiver at least once; a duplicate is the same
// event (same id, same body); each object's events arrive in order.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "payments/webhook_signature.h"
#include "testing/market.h"
#include "testing/server_process.h"
#include "testing/test_server.h"
#include "testing/webhook_receiver.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::ReceivedRequest;
using testing::ServerProcess;
using testing::WebhookReceiver;

constexpr int kOrders = 10;
constexpr int64_t kReceiverDelayMs = 80;  // per request: deliveries pile up in flight

std::vector<std::string> ServeArgs() {
  return {"--sandbox", "--webhook-allow-host", "127.0.0.1", "--webhook-retry-base-ms", "200"};
}

TEST(WebhookCrash, KillNineMidDeliveryLosesNoEventAndKeepsOrderPerObject) {
  std::string data_dir = testing::MakeTempDir();
  WebhookReceiver receiver;
  // Slow, and the first attempt at every third event fails.
  std::mutex mutex;
  std::set<std::string> failed_once;
  int64_t failures = 0;
  receiver.RespondWith([&](const ReceivedRequest& request) {
    std::this_thread::sleep_for(std::chrono::milliseconds(kReceiverDelayMs));
    auto id = request.headers.find("shrimp-event-id");
    if (id == request.headers.end()) return 400;
    std::lock_guard lock(mutex);
    if (std::stoll(id->second) % 3 == 0 && failed_once.insert(id->second).second) {
      ++failures;
      return 500;
    }
    return 200;
  });

  testing::ShopFixture shop;
  std::string secret;
  size_t received_at_kill = 0;
  {
    ServerProcess server(SHRIMP_BINARY, data_dir, ServeArgs());
    ASSERT_GT(server.port(), 0);
    Market market(server.port());
    auto client = market.Client();
    shop = market.OpenShop("Crash Hooks", "CNY", {1000}, 100);
    std::string buyer = market.Buyer("hooked@example.com", 1'000'000);
    auto hook = client.Post("/api/v1/webhooks", R"({"url":")" + receiver.Url() + R"("})",
                            shop.merchant_token);
    ASSERT_EQ(hook.status, 201) << hook.body;
    secret = hook.json["secret"].GetString();
    // Orders through their lives: created, paid, then shipped or cancelled.
    for (int index = 0; index < kOrders; ++index) {
      auto ids = market.BuyNow(buyer, shop.sku_ids[0], 1);
      ASSERT_EQ(ids.size(), 1u);
      std::string path = "/api/v1/orders/" + std::to_string(ids[0]);
      if (index % 3 == 2) {
        ASSERT_EQ(client.Post(path + "/cancel", "{}", buyer).status, 200);
        continue;
      }
      ASSERT_EQ(client.Post(path + "/pay", "{}", buyer).status, 200);
      ASSERT_EQ(client
                    .Post(path + "/ship", R"({"carrier":"SF","tracking_number":"T1"})",
                          shop.merchant_token)
                    .status,
                200);
    }
    // Some delivered, most still queued or in flight: kill it now.
    ASSERT_TRUE(receiver.WaitFor(6, 20'000));
    server.Kill();
    received_at_kill = receiver.Requests().size();
  }

  ServerProcess restarted(SHRIMP_BINARY, data_dir, ServeArgs());
  ASSERT_GT(restarted.port(), 0);
  Market market(restarted.port());
  auto client = market.Client();
  // What the outbox holds for the merchant: every one must arrive.
  auto events = client.Get("/api/v1/events?limit=500", shop.merchant_token);
  ASSERT_EQ(events.status, 200) << events.body;
  std::set<int64_t> expected;
  for (const auto& event : events.json["items"].GetArray()) expected.insert(event["id"].GetInt64());
  ASSERT_GE(expected.size(), static_cast<size_t>(kOrders * 2));
  EXPECT_LT(received_at_kill, expected.size()) << "the kill came after every delivery";

  std::set<int64_t> seen;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    seen.clear();
    for (const ReceivedRequest& request : receiver.Requests()) {
      seen.insert(std::stoll(request.headers.at("shrimp-event-id")));
    }
    if (std::includes(seen.begin(), seen.end(), expected.begin(), expected.end())) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(std::includes(seen.begin(), seen.end(), expected.begin(), expected.end()))
      << "received " << seen.size() << " of " << expected.size() << " events";

  // Same id, same event; signed; in order per object.
  std::map<int64_t, std::string> body_of;
  std::map<std::string, int64_t> last_of_object;
  size_t duplicates = 0;
  int64_t now_s = static_cast<int64_t>(std::time(nullptr));
  for (const ReceivedRequest& request : receiver.Requests()) {
    int64_t id = std::stoll(request.headers.at("shrimp-event-id"));
    auto verified = payments::VerifyWebhook(secret, request.headers.at("shrimp-signature"),
                                            request.body, now_s);
    EXPECT_TRUE(verified.ok()) << verified.error().message;
    rapidjson::Document body;
    body.Parse(request.body.c_str(), request.body.size());
    ASSERT_TRUE(body.IsObject());
    EXPECT_EQ(body["id"].GetInt64(), id);
    auto [known, fresh] = body_of.emplace(id, request.body);
    if (!fresh) {
      ++duplicates;
      EXPECT_EQ(known->second, request.body) << "event " << id << " changed between deliveries";
    }
    std::string object = std::string(body["object"].GetString()) + ":" +
                         std::to_string(body["object_id"].GetInt64());
    int64_t& last = last_of_object[object];
    EXPECT_GE(id, last) << object << " received " << id << " after " << last;
    last = id;
  }
  EXPECT_GT(failures, 0);
  // Duplicates are the failed first attempts, plus whatever was in flight at the kill.
  EXPECT_GE(duplicates, static_cast<size_t>(failures));
  std::cout << "[ figures ] " << expected.size() << " events, " << received_at_kill
            << " requests before the kill, " << receiver.Requests().size() << " in all, "
            << duplicates << " repeats (" << failures << " answered 500)\n";
  restarted.Terminate();
  std::filesystem::remove_all(data_dir);
}

}  // namespace
}  // namespace shrimp
