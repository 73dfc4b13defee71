// The outbox, /api/v1/events and signed webhooks over real HTTP, delivered
// to a real receiver on loopback (testing/webhook_receiver.h). Nothing here
// sends traffic outside 127.0.0.0/8: the SSRF refusals use loopback spellings
// only, and are refused before any connection.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <atomic>
#include <set>
#include <string>

#include "partners/webhooks.h"
#include "payments/webhook_signature.h"
#include "testing/market.h"
#include "testing/test_server.h"
#include "testing/webhook_receiver.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::ReceivedRequest;
using testing::TestServer;
using testing::WebhookReceiver;

constexpr int64_t kBackoffBaseMs = 1'000;
constexpr int64_t kBackoffMaxMs = 4'000;
constexpr int64_t kRetryWindowMs = 20'000;

api::AppOptions Options(int64_t poll_interval_ms = 0) {
  api::AppOptions options = testing::FastTestOptions();
  options.timer_interval_ms = 0;
  options.webhooks.poll_interval_ms = poll_interval_ms;
  options.webhooks.allowed_hosts = {"127.0.0.1"};
  options.webhooks.retry = {kBackoffBaseMs, kBackoffMaxMs, kRetryWindowMs};
  options.webhooks.request_timeout_ms = 5'000;
  return options;
}

rapidjson::Document Parse(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.c_str(), body.size());
  return document;
}

class WebhooksTest : public ::testing::Test {
 protected:
  explicit WebhooksTest(int64_t poll_interval_ms = 0)
      : server_(Options(poll_interval_ms)), market_(server_.port()) {}

  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok());
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }

  std::string OperatorToken() {
    auto created = server_.app().accounts().SignUp("ops@example.com", "correct horse battery",
                                                   "Ops", accounts::Role::kOperator);
    EXPECT_TRUE(created.ok());
    return market_.Login("ops@example.com");
  }

  // Subscribes `url`; returns (id, secret).
  std::pair<int64_t, std::string> Subscribe(const std::string& token, const std::string& url,
                                            const std::string& events = "") {
    std::string body =
        R"({"url":")" + url + "\"" + (events.empty() ? "" : R"(,"events":)" + events) + "}";
    HttpResult created = client_.Post("/api/v1/webhooks", body, token);
    EXPECT_EQ(created.status, 201) << created.body;
    if (created.status != 201) return {0, ""};
    return {created.json["id"].GetInt64(), created.json["secret"].GetString()};
  }

  int64_t Dispatch() {
    auto attempts = server_.app().webhooks().RunOnce();
    EXPECT_TRUE(attempts.ok()) << attempts.error().message;
    return attempts.ok() ? *attempts : -1;
  }

  HttpResult Deliveries(int64_t endpoint_id, const std::string& token) {
    return client_.Get("/api/v1/webhooks/" + std::to_string(endpoint_id) + "/deliveries", token);
  }

  // Every request is signed with the endpoint's secret in the provider scheme.
  void ExpectSigned(const ReceivedRequest& request, const std::string& secret) {
    auto verified = payments::VerifyWebhook(secret, request.headers.at("shrimp-signature"),
                                            request.body, server_.clock().NowMs() / 1000);
    EXPECT_TRUE(verified.ok()) << verified.error().message;
    auto body = Parse(request.body);
    ASSERT_TRUE(body.IsObject());
    EXPECT_EQ(std::to_string(body["id"].GetInt64()), request.headers.at("shrimp-event-id"));
  }

  int64_t Order(const testing::ShopFixture& shop, const std::string& buyer) {
    auto ids = market_.BuyNow(buyer, shop.sku_ids[0], 1);
    EXPECT_EQ(ids.size(), 1u);
    return ids.empty() ? 0 : ids[0];
  }

  HttpResult Act(int64_t order_id, const std::string& action, const std::string& token,
                 const std::string& body = "{}") {
    return client_.Post("/api/v1/orders/" + std::to_string(order_id) + "/" + action, body, token);
  }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
};

TEST_F(WebhooksTest, EveryOrderChangeWritesOneEventScopedToWhoMaySeeIt) {
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  testing::ShopFixture other = market_.OpenShop("Other Shop", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com", 100'000);
  std::string stranger = market_.Buyer("bo@example.com", 100'000);
  int64_t order = Order(shop, buyer);
  ASSERT_EQ(Act(order, "pay", buyer).status, 200);
  ASSERT_EQ(
      Act(order, "ship", shop.merchant_token, R"({"carrier":"SF","tracking_number":"1"})").status,
      200);
  // Delivery is the carrier's (or an operator's) to say, never the merchant's.
  std::string ops = OperatorToken();
  ASSERT_EQ(Act(order, "deliver", ops).status, 200);
  ASSERT_EQ(Act(order, "confirm", buyer).status, 200);
  Order(other, stranger);

  HttpResult mine = client_.Get("/api/v1/events", shop.merchant_token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  std::vector<std::string> types;
  for (const auto& event : mine.json["items"].GetArray()) {
    types.push_back(event["type"].GetString());
    EXPECT_EQ(event["shop_id"].GetInt64(), shop.shop_id);
    EXPECT_EQ(event["object_id"].GetInt64(), order);
    EXPECT_STREQ(event["object"].GetString(), "order");
  }
  EXPECT_EQ(types, (std::vector<std::string>{"order.created", "order.paid", "order.shipped",
                                             "order.delivered", "order.completed"}));
  // The state travels with the event: the order as the API shows it then.
  EXPECT_STREQ(mine.json["items"][2]["data"]["status"].GetString(), "shipped");
  EXPECT_STREQ(mine.json["items"][4]["data"]["status"].GetString(), "completed");

  // Buyers see their own orders' events only; operators see everything.
  EXPECT_EQ(client_.Get("/api/v1/events", buyer).json["items"].Size(), 5u);
  EXPECT_EQ(client_.Get("/api/v1/events", stranger).json["items"].Size(), 1u);
  EXPECT_EQ(client_.Get("/api/v1/events", other.merchant_token).json["items"].Size(), 1u);
  EXPECT_EQ(client_.Get("/api/v1/events", ops).json["items"].Size(), 6u);

  // Filters and the cursor.
  HttpResult paid = client_.Get("/api/v1/events?type=order.paid", ops);
  ASSERT_EQ(paid.json["items"].Size(), 1u);
  int64_t cursor = paid.json["items"][0]["id"].GetInt64();
  HttpResult after = client_.Get("/api/v1/events?limit=2&after=" + std::to_string(cursor), ops);
  ASSERT_EQ(after.json["items"].Size(), 2u);
  EXPECT_STREQ(after.json["items"][0]["type"].GetString(), "order.shipped");
  EXPECT_EQ(after.json["next_after"].GetInt64(), after.json["items"][1]["id"].GetInt64());
  EXPECT_EQ(client_.Get("/api/v1/events?type=order.teleported", ops).status, 400);
  EXPECT_EQ(client_.Get("/api/v1/events?limit=0", ops).status, 400);
  EXPECT_EQ(client_.Get("/api/v1/events").status, 401);
}

TEST_F(WebhooksTest, RefundsDisputesAndPayoutsWriteTheirEvents) {
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com", 100'000);
  std::string ops = OperatorToken();
  int64_t refunded = Order(shop, buyer);
  ASSERT_EQ(Act(refunded, "pay", buyer).status, 200);
  ASSERT_EQ(Act(refunded, "refund-requests", buyer, R"({"reason":"no"})").status, 200);
  ASSERT_EQ(Act(refunded, "refund-requests/accept", shop.merchant_token).status, 200);
  int64_t disputed = Order(shop, buyer);
  ASSERT_EQ(Act(disputed, "pay", buyer).status, 200);
  ASSERT_EQ(Act(disputed, "disputes", buyer, R"({"reason":"late"})").status, 200);
  ASSERT_EQ(Act(disputed, "resolve", ops, R"({"outcome":"release"})").status, 200);
  int64_t cancelled = Order(shop, buyer);
  ASSERT_EQ(Act(cancelled, "cancel", buyer).status, 200);
  HttpResult payout = client_.Post("/api/v1/payouts",
                                   R"({"shop_id":)" + std::to_string(shop.shop_id) +
                                       R"(,"amount":{"amount":100,"currency":"CNY"}})",
                                   shop.merchant_token);
  ASSERT_EQ(payout.status, 201) << payout.body;
  ASSERT_EQ(client_
                .Post("/api/v1/payouts/" + std::to_string(payout.json["id"].GetInt64()) +
                          "/mark-failed",
                      "{}", ops)
                .status,
            200);
  std::vector<std::string> types;
  HttpResult all_events = client_.Get("/api/v1/events?limit=500", ops);
  for (const auto& event : all_events.json["items"].GetArray()) {
    types.push_back(event["type"].GetString());
  }
  EXPECT_EQ(types, (std::vector<std::string>{"order.created", "order.paid", "refund.opened",
                                             "refund.resolved", "order.refunded", "order.created",
                                             "order.paid", "dispute.opened", "dispute.resolved",
                                             "order.created", "order.cancelled", "payout.requested",
                                             "payout.failed"}));
  // Payout events are the shop's, never a buyer's.
  EXPECT_EQ(client_.Get("/api/v1/events?type=payout.failed", buyer).json["items"].Size(), 0u);
  EXPECT_EQ(
      client_.Get("/api/v1/events?type=payout.failed", shop.merchant_token).json["items"].Size(),
      1u);
}

TEST_F(WebhooksTest, DeliversSignedEventsInOrderToTheOwnersEndpointsOnly) {
  WebhookReceiver receiver, other_receiver, ops_receiver;
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  testing::ShopFixture other = market_.OpenShop("Other Shop", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com", 100'000);
  std::string ops = OperatorToken();
  Order(shop, buyer);  // before the endpoints: never delivered
  auto [endpoint, secret] = Subscribe(shop.merchant_token, receiver.Url());
  auto [other_endpoint, other_secret] = Subscribe(other.merchant_token, other_receiver.Url());
  auto [ops_endpoint, ops_secret] = Subscribe(ops, ops_receiver.Url("/ops"), R"(["order.paid"])");
  ASSERT_GT(endpoint, 0);
  EXPECT_EQ(client_.Get("/api/v1/webhooks/" + std::to_string(endpoint), shop.merchant_token)
                .json.HasMember("secret"),
            false);
  EXPECT_EQ(
      client_.Get("/api/v1/webhooks/" + std::to_string(endpoint), other.merchant_token).status,
      404);
  EXPECT_EQ(client_.Post("/api/v1/webhooks", R"({"url":")" + receiver.Url() + "\"}", buyer).status,
            403);

  int64_t order = Order(shop, buyer);
  ASSERT_EQ(Act(order, "pay", buyer).status, 200);
  ASSERT_EQ(
      Act(order, "ship", shop.merchant_token, R"({"carrier":"SF","tracking_number":"1"})").status,
      200);
  // One event per object at a time (in order): created, paid, shipped to the
  // shop, each after the previous succeeded; paid to the operator at once.
  EXPECT_EQ(Dispatch(), 2);
  EXPECT_EQ(Dispatch(), 1);
  EXPECT_EQ(Dispatch(), 1);
  EXPECT_EQ(Dispatch(), 0);

  std::vector<ReceivedRequest> got = receiver.Requests();
  ASSERT_EQ(got.size(), 3u);
  std::vector<std::string> types;
  int64_t last_id = 0;
  for (const ReceivedRequest& request : got) {
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.target, "/hook");
    ExpectSigned(request, secret);
    auto body = Parse(request.body);
    types.push_back(body["type"].GetString());
    EXPECT_GT(body["id"].GetInt64(), last_id);
    last_id = body["id"].GetInt64();
    EXPECT_EQ(body["data"]["id"].GetInt64(), order);
  }
  EXPECT_EQ(types, (std::vector<std::string>{"order.created", "order.paid", "order.shipped"}));
  EXPECT_TRUE(other_receiver.Requests().empty());
  ASSERT_EQ(ops_receiver.Requests().size(), 1u);
  ExpectSigned(ops_receiver.Requests()[0], ops_secret);
  // A forged signature does not verify with the endpoint's secret.
  EXPECT_FALSE(payments::VerifyWebhook(other_secret, got[0].headers.at("shrimp-signature"),
                                       got[0].body, server_.clock().NowMs() / 1000)
                   .ok());

  HttpResult deliveries = Deliveries(endpoint, shop.merchant_token);
  ASSERT_EQ(deliveries.status, 200) << deliveries.body;
  ASSERT_EQ(deliveries.json["items"].Size(), 3u);
  const auto& newest = deliveries.json["items"][0];
  EXPECT_STREQ(newest["status"].GetString(), "succeeded");
  EXPECT_STREQ(newest["event_type"].GetString(), "order.shipped");
  EXPECT_EQ(newest["history"][0]["status_code"].GetInt(), 200);
  EXPECT_STREQ(newest["history"][0]["response_snippet"].GetString(), "ok");
  EXPECT_TRUE(newest["history"][0]["latency_ms"].IsInt64());
  EXPECT_EQ(Deliveries(endpoint, other.merchant_token).status, 404);
  EXPECT_EQ(Dispatch(), 0);  // nothing left

  // A manual retry sends the same event again, with the same id.
  std::string retry = "/api/v1/webhooks/" + std::to_string(endpoint) + "/deliveries/" +
                      std::to_string(newest["id"].GetInt64()) + "/retry";
  EXPECT_EQ(client_.Post(retry, "{}", other.merchant_token).status, 404);
  ASSERT_EQ(client_.Post(retry, "{}", shop.merchant_token).status, 200);
  EXPECT_EQ(Dispatch(), 1);
  ASSERT_EQ(receiver.Requests().size(), 4u);
  EXPECT_EQ(receiver.Requests()[3].headers.at("shrimp-event-id"),
            got[2].headers.at("shrimp-event-id"));
}

TEST_F(WebhooksTest, RetriesWithBackoffAndKeepsEachObjectsEventsInOrder) {
  WebhookReceiver receiver;
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com", 100'000);
  auto [endpoint, secret] = Subscribe(shop.merchant_token, receiver.Url());
  // The first order's events fail twice; everything else succeeds.
  int failures_left = 2;
  int64_t first = 0;
  receiver.RespondWith([&](const ReceivedRequest& request) {
    bool of_first = Parse(request.body)["data"]["id"].GetInt64() == first;
    return of_first && failures_left-- > 0 ? 500 : 200;
  });
  first = Order(shop, buyer);
  ASSERT_EQ(Act(first, "pay", buyer).status, 200);
  int64_t second = Order(shop, buyer);

  // created(first) fails; paid(first) waits behind it; created(second) goes.
  EXPECT_EQ(Dispatch(), 2);
  EXPECT_EQ(Dispatch(), 0);  // the failed one is not due yet
  server_.clock().AdvanceMs(kBackoffBaseMs);
  EXPECT_EQ(Dispatch(), 1);  // fails again
  server_.clock().AdvanceMs(2 * kBackoffBaseMs);
  EXPECT_EQ(Dispatch(), 1);  // succeeds
  EXPECT_EQ(Dispatch(), 1);  // then paid(first)
  EXPECT_EQ(Dispatch(), 0);

  std::vector<std::pair<int64_t, std::string>> seen;  // (order, type) in arrival order
  std::set<std::string> event_ids;
  for (const ReceivedRequest& request : receiver.Requests()) {
    ExpectSigned(request, secret);
    auto body = Parse(request.body);
    seen.emplace_back(body["data"]["id"].GetInt64(), body["type"].GetString());
    event_ids.insert(request.headers.at("shrimp-event-id"));
  }
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(event_ids.size(), 3u);  // the repeats carry the same event id
  std::vector<std::string> first_types;
  for (auto& [order, type] : seen) {
    if (order == first) first_types.push_back(type);
  }
  EXPECT_EQ(first_types, (std::vector<std::string>{"order.created", "order.created",
                                                   "order.created", "order.paid"}));
  EXPECT_EQ(seen[1], (std::pair<int64_t, std::string>{second, "order.created"}));

  HttpResult deliveries = Deliveries(endpoint, shop.merchant_token);
  const auto& created = deliveries.json["items"][2];  // newest first: created(first) is oldest
  EXPECT_EQ(created["attempts"].GetInt(), 3);
  EXPECT_EQ(created["history"].Size(), 3u);
  EXPECT_EQ(created["history"][2]["status_code"].GetInt(), 500);
  EXPECT_STREQ(created["history"][2]["response_snippet"].GetString(), "failing on purpose");
}

TEST_F(WebhooksTest, DisablesAnEndpointThatFailsForTheWholeRetryWindow) {
  WebhookReceiver receiver;
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com", 100'000);
  auto [endpoint, secret] = Subscribe(shop.merchant_token, receiver.Url());
  std::atomic<bool> failing{true};
  receiver.RespondWith([&](const ReceivedRequest&) { return failing ? 503 : 200; });
  int64_t order = Order(shop, buyer);
  int attempts = 0;
  std::string path = "/api/v1/webhooks/" + std::to_string(endpoint);
  for (int round = 0; round < 40; ++round) {
    attempts += static_cast<int>(Dispatch());
    if (!client_.Get(path, shop.merchant_token).json["enabled"].GetBool()) break;
    server_.clock().AdvanceMs(kBackoffMaxMs);
  }
  HttpResult disabled = client_.Get(path, shop.merchant_token);
  ASSERT_FALSE(disabled.json["enabled"].GetBool()) << disabled.body;
  EXPECT_NE(std::string(disabled.json["disabled_reason"].GetString()).find("retry window"),
            std::string::npos);
  // Backoff grows to its cap: within a 20 s window, 1 + 1..4 s steps.
  EXPECT_GE(attempts, 5);
  EXPECT_LE(attempts, 21);
  HttpResult deliveries = Deliveries(endpoint, shop.merchant_token);
  int64_t delivery = deliveries.json["items"][0]["id"].GetInt64();
  EXPECT_STREQ(deliveries.json["items"][0]["status"].GetString(), "failed");

  // Disabled: new events wait, retries are refused until the owner enables.
  ASSERT_EQ(Act(order, "pay", buyer).status, 200);
  size_t before = receiver.Requests().size();
  server_.clock().AdvanceMs(kBackoffMaxMs);
  EXPECT_EQ(Dispatch(), 0);
  EXPECT_EQ(receiver.Requests().size(), before);
  std::string retry = path + "/deliveries/" + std::to_string(delivery) + "/retry";
  HttpResult refused = client_.Post(retry, "{}", shop.merchant_token);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.ErrorCode(), "endpoint_disabled");

  failing = false;
  ASSERT_EQ(client_.Post(path + "/enable", "{}", shop.merchant_token).status, 200);
  ASSERT_EQ(client_.Post(retry, "{}", shop.merchant_token).status, 200);
  EXPECT_EQ(Dispatch(), 1);  // created, retried
  EXPECT_EQ(Dispatch(), 1);  // then paid, which waited behind it
  auto last = Parse(receiver.Requests().back().body);
  EXPECT_STREQ(last["type"].GetString(), "order.paid");
}

TEST_F(WebhooksTest, RefusesLoopbackTargetsAtRegistrationAndAtDeliveryWithoutConnecting) {
  WebhookReceiver receiver;
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com", 100'000);
  std::string port = std::to_string(receiver.port());
  for (std::string host :
       {"127.0.0.2", "[::1]", "2130706434", "localhost", "0x7f000002", "[::ffff:127.0.0.2]"}) {
    HttpResult refused =
        client_.Post("/api/v1/webhooks", R"({"url":"http://)" + host + ":" + port + R"(/hook"})",
                     shop.merchant_token);
    EXPECT_EQ(refused.status, 400) << host << ": " << refused.body;
    EXPECT_EQ(refused.ErrorCode(), "url_not_allowed") << host;
  }
  for (std::string url : {"ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/", "not a url",
                          "file:///etc/passwd", "gopher://127.0.0.1:70/"}) {
    HttpResult refused =
        client_.Post("/api/v1/webhooks", R"({"url":")" + url + "\"}", shop.merchant_token);
    EXPECT_EQ(refused.status, 400) << url << ": " << refused.body;
  }

  // At delivery: the stored URL now names a loopback address that is not
  // allowed (as after a DNS change): refused before any connection.
  auto [endpoint, secret] = Subscribe(shop.merchant_token, receiver.Url());
  int64_t order = Order(shop, buyer);
  int step = 0;
  for (std::string host : {"localhost", "127.0.0.2", "[::1]", "2130706434"}) {
    auto changed = server_.app().writer().Run<Ok>([&](store::Connection& connection) -> Status {
      store::Query update(connection, "UPDATE webhook_endpoints SET url = ? WHERE id = ?");
      update.Bind("http://" + host + ":" + port + "/hook", endpoint);
      return update.Run();
    });
    ASSERT_TRUE(changed.ok());
    server_.clock().AdvanceMs(kBackoffMaxMs);
    EXPECT_EQ(Dispatch(), 1) << host;
    HttpResult deliveries = Deliveries(endpoint, shop.merchant_token);
    const auto& attempt = deliveries.json["items"][0]["history"][0];
    ASSERT_TRUE(attempt["error"].IsString()) << host << ": " << deliveries.body;
    EXPECT_EQ(std::string(attempt["error"].GetString()).rfind("address_refused", 0), 0u)
        << host << ": " << attempt["error"].GetString();
    EXPECT_TRUE(attempt["status_code"].IsNull());
    ++step;
  }
  EXPECT_EQ(step, 4);
  EXPECT_EQ(receiver.connections(), 0);
  EXPECT_TRUE(receiver.Requests().empty());
  (void)order;
}

class WebhooksThreadTest : public WebhooksTest {
 protected:
  WebhooksThreadTest() : WebhooksTest(20) {}
};

TEST_F(WebhooksThreadTest, TheDispatcherThreadDeliversWithoutBeingAsked) {
  WebhookReceiver receiver;
  testing::ShopFixture shop = market_.OpenShop("Tea House", "CNY", {10});
  std::string buyer = market_.Buyer("ana@example.com", 100'000);
  auto [endpoint, secret] = Subscribe(shop.merchant_token, receiver.Url(), R"(["order.paid"])");
  int64_t order = Order(shop, buyer);
  ASSERT_EQ(Act(order, "pay", buyer).status, 200);
  ASSERT_TRUE(receiver.WaitFor(1));
  ExpectSigned(receiver.Requests()[0], secret);
  EXPECT_STREQ(Parse(receiver.Requests()[0].body)["type"].GetString(), "order.paid");
}

}  // namespace
}  // namespace shrimp
