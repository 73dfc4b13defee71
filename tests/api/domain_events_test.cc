// Loan and review events in the outbox over real HTTP: each change writes
// its event once, in the job that makes it, with the object's state; merchants
// see their shops' events, a review's author sees its review's, nobody else;
// webhooks subscribed to the new types receive them.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <map>
#include <string>
#include <vector>

#include "reputation/review_service.h"
#include "testing/market.h"
#include "testing/test_server.h"
#include "testing/webhook_receiver.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::TestServer;

api::AppOptions Options() {
  api::AppOptions options = testing::FastTestOptions();
  options.timer_interval_ms = 0;  // the test runs the timers itself
  options.accounts.session_ttl_ms = 400 * kMsPerDay;
  options.webhooks.poll_interval_ms = 0;
  options.webhooks.allowed_hosts = {"127.0.0.1"};
  return options;
}

// One event as /api/v1/events lists it.
struct Seen {
  std::string type;
  int64_t object_id = 0;
  std::string status;  // data.status
};

class DomainEventsTest : public ::testing::Test {
 protected:
  DomainEventsTest() : server_(Options()), market_(server_.port()) {
    EXPECT_TRUE(
        server_.app()
            .accounts()
            .SignUp("ops@example.com", "correct horse battery", "Ops", accounts::Role::kOperator)
            .ok());
    ops_ = market_.Login("ops@example.com");
  }
  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok()) << problems.error().message;
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }

  // The events of `object` ("loan", "review") that `token` may see, oldest first.
  std::vector<Seen> Events(const std::string& token, const std::string& object) {
    std::vector<Seen> seen;
    HttpResult listed = client_.Get("/api/v1/events?limit=500", token);
    EXPECT_EQ(listed.status, 200) << listed.body;
    if (listed.status != 200) return seen;
    for (const auto& event : listed.json["items"].GetArray()) {
      if (object != event["object"].GetString()) continue;
      EXPECT_EQ(event["object_id"].GetInt64(), event["data"]["id"].GetInt64());
      seen.push_back({event["type"].GetString(), event["object_id"].GetInt64(),
                      event["data"]["status"].GetString()});
    }
    return seen;
  }
  static std::vector<std::string> Types(const std::vector<Seen>& seen) {
    std::vector<std::string> types;
    for (const Seen& event : seen) types.push_back(event.type + "/" + event.status);
    return types;
  }

  // Four months of sales: old and busy enough for a credit line.
  void BuildHistory() {
    shop_ = market_.OpenShop("Credit Tea", "CNY", {100'000}, 1000);
    for (int index = 0; index < 3; ++index) {
      buyers_.push_back(market_.Buyer("b" + std::to_string(index) + "@example.com", 1'000'000));
    }
    for (int month = 0; month < 4; ++month) {
      for (int sale = 0; sale < 8; ++sale) {
        market_.SellCompleted(shop_, buyers_[sale % buyers_.size()], shop_.sku_ids[0]);
      }
      server_.clock().AdvanceMs(30 * kMsPerDay);
    }
    auto funded = client_.Post("/api/v1/admin/credit/capital",
                               R"({"amount":{"amount":100000000,"currency":"CNY"}})", ops_);
    ASSERT_EQ(funded.status, 201) << funded.body;
  }
  int64_t Borrow() {
    HttpResult offer =
        client_.Get("/api/v1/shops/" + std::to_string(shop_.shop_id) + "/credit-offer",
                    shop_.merchant_token);
    int64_t limit = offer.json["available"]["amount"].GetInt64();
    EXPECT_GT(limit, 0) << offer.body;
    HttpResult loan =
        client_.Post("/api/v1/loans",
                     R"({"shop_id":)" + std::to_string(shop_.shop_id) + R"(,"amount":{"amount":)" +
                         std::to_string(limit) + R"(,"currency":"CNY"}})",
                     shop_.merchant_token);
    EXPECT_EQ(loan.status, 201) << loan.body;
    return loan.status == 201 ? loan.json["id"].GetInt64() : 0;
  }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = market_.Client();
  testing::ShopFixture shop_;
  std::vector<std::string> buyers_;
  std::string ops_;
};

TEST_F(DomainEventsTest, EveryLoanChangeWritesOneEventWithTheLoansState) {
  BuildHistory();
  testing::ShopFixture other = market_.OpenShop("Other Tea", "CNY", {10});
  testing::WebhookReceiver receiver;
  HttpResult hook = client_.Post(
      "/api/v1/webhooks",
      R"({"url":")" + receiver.Url() +
          R"(","events":["loan.disbursed","loan.repaid","loan.overdue","loan.written_off"]})",
      shop_.merchant_token);
  ASSERT_EQ(hook.status, 201) << hook.body;

  // Disbursed, then repaid early in full.
  int64_t first = Borrow();
  ASSERT_GT(first, 0);
  HttpResult repaid = client_.Post("/api/v1/loans/" + std::to_string(first) + "/repayments", "{}",
                                   shop_.merchant_token);
  ASSERT_EQ(repaid.status, 200) << repaid.body;

  // Disbursed, spent, overdue, written off.
  int64_t second = Borrow();
  ASSERT_GT(second, 0);
  int64_t available = market_.ShopBalance(shop_.merchant_token, shop_.shop_id).first;
  ASSERT_EQ(client_
                .Post("/api/v1/payouts",
                      R"({"shop_id":)" + std::to_string(shop_.shop_id) + R"(,"amount":{"amount":)" +
                          std::to_string(available) + R"(,"currency":"CNY"}})",
                      shop_.merchant_token)
                .status,
            201);
  server_.clock().AdvanceMs(35 * kMsPerDay);
  ASSERT_TRUE(server_.app().RunCreditTimersOnce().ok());
  ASSERT_TRUE(server_.app().RunCreditTimersOnce().ok());  // nothing new: no second event
  server_.clock().AdvanceMs(120 * kMsPerDay);
  ASSERT_TRUE(server_.app().RunCreditTimersOnce().ok());
  ASSERT_TRUE(server_.app().RunCreditTimersOnce().ok());

  std::vector<Seen> seen = Events(shop_.merchant_token, "loan");
  EXPECT_EQ(Types(seen), (std::vector<std::string>{"loan.disbursed/active", "loan.repaid/repaid",
                                                   "loan.disbursed/active", "loan.overdue/active",
                                                   "loan.written_off/written_off"}));
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0].object_id, first);
  EXPECT_EQ(seen[1].object_id, first);
  EXPECT_EQ(seen[4].object_id, second);
  // Filters by type; the operator sees them, other merchants and buyers do not.
  HttpResult written = client_.Get("/api/v1/events?type=loan.written_off", ops_);
  ASSERT_EQ(written.json["items"].Size(), 1u) << written.body;
  EXPECT_EQ(written.json["items"][0]["data"]["written_off"]["amount"].GetInt64(),
            written.json["items"][0]["data"]["principal"]["amount"].GetInt64());
  EXPECT_EQ(written.json["items"][0]["shop_id"].GetInt64(), shop_.shop_id);
  EXPECT_EQ(Events(ops_, "loan").size(), 5u);
  EXPECT_EQ(Events(other.merchant_token, "loan").size(), 0u);
  EXPECT_EQ(Events(buyers_[0], "loan").size(), 0u);

  // The merchant's webhook receives the five, each loan's in order.
  for (int round = 0; round < 5; ++round) ASSERT_TRUE(server_.app().webhooks().RunOnce().ok());
  ASSERT_TRUE(receiver.WaitFor(5));
  std::map<int64_t, std::vector<std::string>> delivered, listed;
  for (const auto& request : receiver.Requests()) {
    rapidjson::Document body;
    body.Parse(request.body.c_str(), request.body.size());
    delivered[body["object_id"].GetInt64()].push_back(std::string(body["type"].GetString()) + "/" +
                                                      body["data"]["status"].GetString());
  }
  for (const Seen& event : seen) listed[event.object_id].push_back(event.type + "/" + event.status);
  EXPECT_EQ(delivered, listed);
}

TEST_F(DomainEventsTest, ReviewEventsFollowWhatIsPublic) {
  shop_ = market_.OpenShop("Review Tea", "CNY", {1000}, 1000);
  int buyers = 0;
  auto completed = [&](const std::string& buyer) {
    auto ids = market_.BuyNow(buyer, shop_.sku_ids[0], 1);
    EXPECT_EQ(ids.size(), 1u);
    std::string path = "/api/v1/orders/" + std::to_string(ids.at(0));
    EXPECT_EQ(client_.Post(path + "/pay", "{}", buyer).status, 200);
    EXPECT_EQ(client_
                  .Post(path + "/ship", R"({"carrier":"SF","tracking_number":"SF1"})",
                        shop_.merchant_token)
                  .status,
              200);
    EXPECT_EQ(client_.Post(path + "/deliver", "{}", ops_).status, 200);
    EXPECT_EQ(client_.Post(path + "/confirm", "{}", buyer).status, 200);
    return path;
  };
  auto review = [&](const std::string& buyer) {
    HttpResult created = client_.Post(
        completed(buyer) + "/review",
        R"({"line_id":1,"ratings":{"described":5,"service":4,"shipping":5},"text":"good"})", buyer);
    EXPECT_EQ(created.status, 201) << created.body;
    return created;
  };
  auto new_buyer = [&] {
    return market_.Buyer("r" + std::to_string(++buyers) + "@example.com", 100'000);
  };
  auto review_path = [](int64_t id, const std::string& action) {
    return "/api/v1/reviews/" + std::to_string(id) + action;
  };

  // Created, replied to, reported and hidden: three events.
  std::string author = new_buyer();
  std::string reader = new_buyer();
  int64_t first = review(author).json["id"].GetInt64();
  ASSERT_EQ(client_.Post(review_path(first, "/reply"), R"({"text":"thanks"})", shop_.merchant_token)
                .status,
            200);
  ASSERT_EQ(client_.Post(review_path(first, "/reports"), R"({"reason":"abusive"})", reader).status,
            200);
  ASSERT_EQ(client_.Post(review_path(first, "/moderation"), R"({"action":"uphold"})", ops_).status,
            200);
  std::vector<Seen> seen = Events(shop_.merchant_token, "review");
  EXPECT_EQ(Types(seen),
            (std::vector<std::string>{"review.created/visible", "review.replied/visible",
                                      "review.hidden/hidden"}));
  // Its author sees them; another buyer does not.
  EXPECT_EQ(Events(author, "review").size(), 3u);
  EXPECT_EQ(Events(reader, "review").size(), 0u);
  HttpResult replied = client_.Get("/api/v1/events?type=review.replied", shop_.merchant_token);
  ASSERT_EQ(replied.json["items"].Size(), 1u);
  EXPECT_STREQ(replied.json["items"][0]["data"]["reply"]["text"].GetString(), "thanks");

  // A review ring: the reviews written held are not public and get no event
  // until released; rejecting one never public leaves none; holding the
  // burst's public ones writes none either.
  server_.clock().AdvanceMs(reputation::kRingWindowMs + 1);
  std::vector<int64_t> ring;
  for (int64_t i = 0; i < reputation::kRingReviewersMin; ++i) {
    HttpResult created = review(new_buyer());
    ring.push_back(created.json["id"].GetInt64());
  }
  int64_t held = ring.back();  // written held
  std::vector<Seen> before = Events(ops_, "review");
  EXPECT_EQ(before.size(), 3u + reputation::kRingReviewersMin - 1);
  for (const Seen& event : before) EXPECT_NE(event.object_id, held);
  ASSERT_EQ(client_.Post(review_path(held, "/moderation"), R"({"action":"reject"})", ops_).status,
            200);
  ASSERT_EQ(
      client_.Post(review_path(ring[0], "/moderation"), R"({"action":"release"})", ops_).status,
      200);
  ASSERT_EQ(
      client_.Post(review_path(ring[1], "/moderation"), R"({"action":"reject"})", ops_).status,
      200);
  std::vector<Seen> after = Events(ops_, "review");
  std::vector<std::string> tail;
  for (size_t i = before.size(); i < after.size(); ++i) {
    tail.push_back(after[i].type + "/" + after[i].status + "/" +
                   std::to_string(after[i].object_id));
  }
  // ring[0] was public before it was held: its release tells partners nothing new.
  EXPECT_EQ(tail, (std::vector<std::string>{"review.hidden/hidden/" + std::to_string(ring[1])}));
  for (const Seen& event : after) EXPECT_NE(event.object_id, held);
}

}  // namespace
}  // namespace shrimp
