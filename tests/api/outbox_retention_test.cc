// Outbox retention over the real app: old events and finished deliveries go,
// in small batches; what a live endpoint still owes, what a consumer has not
// read yet, and what is younger than the retention stays.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "testing/market.h"
#include "testing/test_server.h"
#include "testing/webhook_receiver.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::TestServer;
using testing::WebhookReceiver;

constexpr int64_t kRetentionMs = 30 * kMsPerDay;

api::AppOptions Options() {
  api::AppOptions options = testing::FastTestOptions();
  options.timer_interval_ms = 0;
  options.accounts.session_ttl_ms = 400 * kMsPerDay;
  options.webhooks.poll_interval_ms = 0;
  options.webhooks.allowed_hosts = {"127.0.0.1"};
  options.outbox_retention.retention_ms = kRetentionMs;
  options.outbox_retention.interval_ms = 0;
  // Tiny batches, so several passes and the scan window are exercised.
  options.outbox_retention.batch_max = 2;
  options.outbox_retention.scan_max = 3;
  return options;
}

class OutboxRetentionTest : public ::testing::Test {
 protected:
  OutboxRetentionTest() : server_(Options()), market_(server_.port()) {
    EXPECT_TRUE(
        server_.app()
            .accounts()
            .SignUp("ops@example.com", "correct horse battery", "Ops", accounts::Role::kOperator)
            .ok());
    ops_ = market_.Login("ops@example.com");
    shop_ = market_.OpenShop("Kept Tea", "CNY", {100});
    buyer_ = market_.Buyer("keep@example.com", 100'000);
  }
  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok()) << problems.error().message;
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }
  int64_t Subscribe(const std::string& url, const std::string& events) {
    HttpResult created =
        client_.Post("/api/v1/webhooks", R"({"url":")" + url + R"(","events":)" + events + "}",
                     shop_.merchant_token);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.status == 201 ? created.json["id"].GetInt64() : 0;
  }
  int64_t Order(bool cancel) {
    auto ids = market_.BuyNow(buyer_, shop_.sku_ids[0], 1);
    EXPECT_EQ(ids.size(), 1u);
    if (cancel) {
      EXPECT_EQ(client_
                    .Post("/api/v1/orders/" + std::to_string(ids.at(0)) + "/cancel", "{}", buyer_)
                    .status,
                200);
    }
    return ids.at(0);
  }
  void Dispatch(int rounds = 3) {
    for (int round = 0; round < rounds; ++round) {
      ASSERT_TRUE(server_.app().webhooks().RunOnce().ok());
    }
  }
  // Every event left, as "type:order_id".
  std::set<std::string> Events() {
    std::set<std::string> events;
    HttpResult listed = client_.Get("/api/v1/events?limit=500", ops_);
    EXPECT_EQ(listed.status, 200) << listed.body;
    for (const auto& event : listed.json["items"].GetArray()) {
      events.insert(std::string(event["type"].GetString()) + ":" +
                    std::to_string(event["object_id"].GetInt64()));
    }
    return events;
  }
  size_t Deliveries(int64_t endpoint_id) {
    HttpResult listed =
        client_.Get("/api/v1/webhooks/" + std::to_string(endpoint_id) + "/deliveries",
                    shop_.merchant_token);
    EXPECT_EQ(listed.status, 200) << listed.body;
    return listed.json["items"].Size();
  }
  // Passes until four in a row delete nothing (a pass may look at a window of
  // rows it must keep before the hint wraps).
  int64_t Prune() {
    int64_t total = 0, idle = 0;
    for (int pass = 0; pass < 60 && idle < 4; ++pass) {
      auto deleted = server_.app().RunOutboxRetentionOnce();
      EXPECT_TRUE(deleted.ok()) << deleted.error().message;
      if (!deleted.ok()) break;
      total += *deleted;
      idle = *deleted == 0 ? idle + 1 : 0;
    }
    return total;
  }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = market_.Client();
  std::string ops_;
  testing::ShopFixture shop_;
  std::string buyer_;
};

TEST_F(OutboxRetentionTest, OldDeliveredEventsGoWhatIsOwedOrUnreadOrYoungStays) {
  WebhookReceiver ok;
  WebhookReceiver down;
  down.RespondWith([](const testing::ReceivedRequest&) { return 503; });
  int64_t delivered = Subscribe(ok.Url(), "[]");
  int64_t paused = Subscribe(down.Url(), R"(["order.cancelled"])");
  ASSERT_EQ(client_
                .Post("/api/v1/webhooks/" + std::to_string(paused) + "/disable", "{}",
                      shop_.merchant_token)
                .status,
            200);
  int64_t first = Order(true);
  int64_t second = Order(false);
  int64_t third = Order(false);
  Dispatch();
  ASSERT_TRUE(ok.WaitFor(4));
  ASSERT_TRUE(server_.app().RunAnalyticsOnce().ok());
  int64_t unread = Order(false);  // after the analytics cursor
  Dispatch();
  EXPECT_EQ(Deliveries(delivered), 5u);
  EXPECT_EQ(Deliveries(paused), 1u);  // the cancellation, waiting for the endpoint

  // Nothing is old yet.
  EXPECT_EQ(Prune(), 0);
  server_.clock().AdvanceMs(kRetentionMs + kMsPerDay);
  int64_t young = Order(false);
  Dispatch();

  EXPECT_GT(Prune(), 0);
  auto order = [](const std::string& type, int64_t id) { return type + ":" + std::to_string(id); };
  // The paused endpoint still owes the cancellation; analytics has not read
  // `unread`; `young` is younger than the retention.
  EXPECT_EQ(Events(),
            (std::set<std::string>{order("order.cancelled", first), order("order.created", unread),
                                   order("order.created", young)}));
  EXPECT_EQ(Deliveries(delivered), 1u);  // young's, finished a moment ago
  EXPECT_EQ(Deliveries(paused), 1u);
  (void)second;
  (void)third;

  // Once analytics reads it, `unread` goes too; `young` stays until it is old.
  ASSERT_TRUE(server_.app().RunAnalyticsOnce().ok());
  EXPECT_GT(Prune(), 0);
  EXPECT_EQ(Events(), (std::set<std::string>{order("order.cancelled", first),
                                             order("order.created", young)}));

  // Deleting the paused endpoint gives its delivery up; it goes once it is old.
  ASSERT_EQ(client_
                .Send("DELETE", "/api/v1/webhooks/" + std::to_string(paused), "",
                      shop_.merchant_token, {})
                .status,
            200);
  server_.clock().AdvanceMs(kRetentionMs + kMsPerDay);
  ASSERT_TRUE(server_.app().RunAnalyticsOnce().ok());
  EXPECT_GT(Prune(), 0);
  EXPECT_TRUE(Events().empty());
  EXPECT_EQ(Deliveries(delivered), 0u);
}

TEST_F(OutboxRetentionTest, AReviewWhoseCreatedEventWasPrunedStillAnnouncesItsReply) {
  // A completed order and its review: "review.created" goes to the outbox.
  int64_t order_id = market_.SellCompleted(shop_, buyer_, shop_.sku_ids[0]);
  ASSERT_NE(order_id, 0);
  std::string path = "/api/v1/orders/" + std::to_string(order_id);
  HttpResult review = client_.Post(
      path + "/review",
      R"({"line_id":1,"ratings":{"described":5,"service":5,"shipping":5},"text":"lovely"})",
      buyer_);
  ASSERT_EQ(review.status, 201) << review.body;
  int64_t review_id = review.json["id"].GetInt64();
  ASSERT_EQ(Events().count("review.created:" + std::to_string(review_id)), 1u);

  // Retention prunes it, with everything else of that time.
  server_.clock().AdvanceMs(kRetentionMs + kMsPerDay);
  ASSERT_TRUE(server_.app().RunAnalyticsOnce().ok());
  EXPECT_GT(Prune(), 0);
  ASSERT_EQ(Events().count("review.created:" + std::to_string(review_id)), 0u);

  // The merchant's reply is still news to partners: the review was public.
  ASSERT_EQ(client_
                .Post("/api/v1/reviews/" + std::to_string(review_id) + "/reply",
                      R"({"text":"thank you"})", shop_.merchant_token)
                .status,
            200);
  EXPECT_EQ(Events().count("review.replied:" + std::to_string(review_id)), 1u);
}

}  // namespace
}  // namespace shrimp
