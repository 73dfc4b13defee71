// Reviews and shop reputation over real HTTP: who may review what and when,
// the merchant's reply, abuse reports and moderation, the fraud rules, and a
// score that moves with every review and equals its rebuild from the tables.
#include <gtest/gtest.h>

#include <string>

#include "reputation/review_service.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::TestServer;

constexpr const char* kGoodReview =
    R"({"line_id":1,"ratings":{"described":5,"service":4,"shipping":5},"text":"Très bon thé, 很好"})";

class ReputationTest : public ::testing::Test {
 protected:
  ReputationTest() : server_(testing::FastTestOptions()), market_(server_.port()) {
    shop_ = market_.OpenShop("Review Tea", "CNY", {1000, 1000}, 1000);
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

  std::string OrderPath(int64_t order_id, const std::string& action = "") {
    return "/api/v1/orders/" + std::to_string(order_id) + action;
  }
  // Buys, pays, ships, delivers and confirms; returns the order id.
  int64_t CompletedOrder(const std::string& buyer, int64_t sku_id, bool confirm = true) {
    auto ids = market_.BuyNow(buyer, sku_id, 1);
    EXPECT_EQ(ids.size(), 1u);
    int64_t id = ids.at(0);
    EXPECT_EQ(client_.Post(OrderPath(id, "/pay"), "{}", buyer).status, 200);
    EXPECT_EQ(client_
                  .Post(OrderPath(id, "/ship"), R"({"carrier":"SF","tracking_number":"SF1"})",
                        shop_.merchant_token)
                  .status,
              200);
    EXPECT_EQ(client_.Post(OrderPath(id, "/deliver"), "{}", ops_).status, 200);
    if (confirm) {
      EXPECT_EQ(client_.Post(OrderPath(id, "/confirm"), "{}", buyer).status, 200);
    }
    return id;
  }
  std::string NewBuyer() {
    return market_.Buyer("buyer" + std::to_string(++buyers_) + "@example.com", 100000);
  }
  HttpResult Review(const std::string& buyer, int64_t order_id, const std::string& body) {
    return client_.Post(OrderPath(order_id, "/review"), body, buyer);
  }
  HttpResult Reputation() {
    return client_.Get("/api/v1/shops/" + std::to_string(shop_.shop_id) + "/reputation");
  }
  std::string ShopReviews() {
    return "/api/v1/shops/" + std::to_string(shop_.shop_id) + "/reviews";
  }
  std::string ReviewPath(int64_t id, const std::string& action) {
    return "/api/v1/reviews/" + std::to_string(id) + action;
  }
  static std::string Code(const HttpResult& result) {
    return result.json.IsObject() && result.json.HasMember("error")
               ? result.json["error"]["code"].GetString()
               : "";
  }
  void ExpectReputationMatchesRebuild() {
    auto difference = server_.app().CheckReputation();
    ASSERT_TRUE(difference.ok()) << difference.error().message;
    EXPECT_EQ(*difference, "");
  }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = market_.Client();
  testing::ShopFixture shop_;
  std::string ops_;
  int buyers_ = 0;
};

TEST_F(ReputationTest, ABuyerReviewsACompletedOrderAndTheScoreMovesAtOnce) {
  std::string buyer = NewBuyer();
  int64_t order = CompletedOrder(buyer, shop_.sku_ids[0]);
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 0);

  HttpResult created = Review(buyer, order, kGoodReview);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_STREQ(created.json["status"].GetString(), "visible");
  EXPECT_EQ(created.json["ratings"]["described"].GetInt64(), 5);
  EXPECT_STREQ(created.json["text"].GetString(), "Très bon thé, 很好");
  EXPECT_EQ(created.json["product_id"].GetInt64(), shop_.product_ids[0]);

  HttpResult reputation = Reputation();
  ASSERT_EQ(reputation.status, 200) << reputation.body;
  EXPECT_EQ(reputation.json["reviews"].GetInt64(), 1);
  EXPECT_EQ(reputation.json["positive"].GetInt64(), 1);
  EXPECT_DOUBLE_EQ(reputation.json["ratings"]["service"]["rating"].GetDouble(), 4.0);
  // One review barely moves a shop off the prior (4.5): (10*4.5 + 14/3) / 11.
  EXPECT_NEAR(reputation.json["score"].GetDouble(), 4.52, 0.005);

  HttpResult shop = client_.Get("/api/v1/shops/" + std::to_string(shop_.shop_id));
  EXPECT_EQ(shop.json["reputation"]["reviews"].GetInt64(), 1);
  HttpResult listed = client_.Get(ShopReviews());
  ASSERT_EQ(listed.json["items"].Size(), 1u);
  EXPECT_STREQ(listed.json["items"][0]["buyer"].GetString(), "A***");
  HttpResult by_product =
      client_.Get("/api/v1/products/" + std::to_string(shop_.product_ids[0]) + "/reviews");
  EXPECT_EQ(by_product.json["items"].Size(), 1u);
  ExpectReputationMatchesRebuild();
}

TEST_F(ReputationTest, RefusesWhatIsNotAFreshReviewOfYourOwnCompletedOrder) {
  std::string buyer = NewBuyer();
  std::string other = NewBuyer();
  int64_t unfinished = CompletedOrder(buyer, shop_.sku_ids[0], false);
  EXPECT_EQ(Code(Review(buyer, unfinished, kGoodReview)), "order_not_completed");
  int64_t order = CompletedOrder(buyer, shop_.sku_ids[0]);
  EXPECT_EQ(Code(Review(other, order, kGoodReview)), "order_not_found");
  EXPECT_EQ(Code(Review(shop_.merchant_token, order, kGoodReview)), "order_not_found");
  EXPECT_EQ(Code(Review(buyer, 999999, kGoodReview)), "order_not_found");
  EXPECT_EQ(
      Code(Review(buyer, order,
                  R"({"line_id":2,"ratings":{"described":5,"service":4,"shipping":5},"text":""})")),
      "line_not_found");
  for (const char* bad :
       {R"({"line_id":1,"ratings":{"described":0,"service":4,"shipping":5}})",
        R"({"line_id":1,"ratings":{"described":6,"service":4,"shipping":5}})",
        R"({"line_id":1,"ratings":{"described":5,"service":4}})",
        R"({"line_id":1,"ratings":{"described":5,"service":4,"shipping":5,"price":5}})",
        R"({"line_id":1,"ratings":{"described":5,"service":4,"shipping":5},"stars":5})",
        R"({"line_id":1,"ratings":{"described":5,"service":4,"shipping":5},"images":["../x"]})",
        R"({"line_id":0,"ratings":{"described":5,"service":4,"shipping":5}})", R"([])",
        "not json"}) {
    HttpResult result = Review(buyer, order, bad);
    EXPECT_EQ(result.status, 400) << bad << ": " << result.body;
  }
  // Length in code points: 2,000 Chinese characters pass, 2,001 do not.
  std::string text;
  for (size_t i = 0; i < reputation::kReviewTextLengthMax; ++i) text += "好";
  std::string long_body =
      R"({"line_id":1,"ratings":{"described":5,"service":4,"shipping":5},"text":")" + text;
  EXPECT_EQ(Review(buyer, order, long_body + R"(好"})").status, 400);
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 0);  // nothing changed
  EXPECT_EQ(Review(buyer, order, long_body + R"("})").status, 201);
  EXPECT_EQ(Code(Review(buyer, order, kGoodReview)), "already_reviewed");

  // The window closes kReviewWindowMs after completion.
  int64_t late = CompletedOrder(buyer, shop_.sku_ids[1]);
  server_.clock().AdvanceMs(reputation::kReviewWindowMs + 1);
  buyer = market_.Login("buyer1@example.com");  // the session expired meanwhile
  EXPECT_EQ(Code(Review(buyer, late, kGoodReview)), "review_window_closed");
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 1);
}

TEST_F(ReputationTest, NoReviewOfOnesOwnShopNotEvenFromTheOwnersAddress) {
  // The merchant buys in its own shop.
  market_.TopUp(shop_.merchant_token, 100000, "CNY");
  int64_t own = CompletedOrder(shop_.merchant_token, shop_.sku_ids[0]);
  EXPECT_EQ(Code(Review(shop_.merchant_token, own, kGoodReview)), "own_shop");
  // A second account shipping to the owner's address (the owner's order
  // above went there) is refused too.
  std::string sock_puppet = NewBuyer();
  int64_t order = CompletedOrder(sock_puppet, shop_.sku_ids[0]);
  HttpResult refused = Review(sock_puppet, order, kGoodReview);
  EXPECT_EQ(Code(refused), "own_shop") << refused.body;
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 0);
}

TEST_F(ReputationTest, TheMerchantRepliesOnce) {
  std::string buyer = NewBuyer();
  int64_t order = CompletedOrder(buyer, shop_.sku_ids[0]);
  int64_t review = Review(buyer, order, kGoodReview).json["id"].GetInt64();
  std::string reply = R"({"text":"Merci ! 谢谢"})";
  EXPECT_EQ(Code(client_.Post(ReviewPath(review, "/reply"), reply, buyer)), "not_shop_owner");
  HttpResult replied = client_.Post(ReviewPath(review, "/reply"), reply, shop_.merchant_token);
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_STREQ(replied.json["reply"]["text"].GetString(), "Merci ! 谢谢");
  EXPECT_EQ(Code(client_.Post(ReviewPath(review, "/reply"), reply, shop_.merchant_token)),
            "already_replied");
  EXPECT_EQ(
      client_.Post(ReviewPath(review, "/reply"), R"({"text":""})", shop_.merchant_token).status,
      400);
  EXPECT_EQ(Code(client_.Post(ReviewPath(999999, "/reply"), reply, shop_.merchant_token)),
            "review_not_found");
  EXPECT_STREQ(client_.Get(ShopReviews()).json["items"][0]["reply"]["text"].GetString(),
               "Merci ! 谢谢");
}

TEST_F(ReputationTest, AnOperatorUpholdsAReportAndTheReviewLeavesTheScore) {
  std::string buyer = NewBuyer();
  std::string reader = NewBuyer();
  int64_t order = CompletedOrder(buyer, shop_.sku_ids[0]);
  int64_t review =
      Review(buyer, order,
             R"({"line_id":1,"ratings":{"described":1,"service":1,"shipping":1},"text":"insults"})")
          .json["id"]
          .GetInt64();
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 1);
  std::string report = R"({"reason":"abusive language"})";
  EXPECT_EQ(Code(client_.Post(ReviewPath(review, "/reports"), report, buyer)), "own_review");
  EXPECT_EQ(Code(client_.Post(ReviewPath(review, "/moderation"), R"({"action":"uphold"})", ops_)),
            "nothing_to_decide");
  HttpResult reported = client_.Post(ReviewPath(review, "/reports"), report, reader);
  ASSERT_EQ(reported.status, 200) << reported.body;
  EXPECT_EQ(reported.json["open_reports"].GetInt64(), 1);
  EXPECT_EQ(Code(client_.Post(ReviewPath(review, "/reports"), report, reader)), "already_reported");
  HttpResult queue = client_.Get("/api/v1/reviews?queue=moderation", ops_);
  ASSERT_EQ(queue.json["items"].Size(), 1u);
  EXPECT_EQ(Code(client_.Get("/api/v1/reviews?queue=moderation", reader)), "not_operator");

  EXPECT_EQ(Code(client_.Post(ReviewPath(review, "/moderation"), R"({"action":"uphold"})",
                              shop_.merchant_token)),
            "not_operator");
  EXPECT_EQ(client_.Post(ReviewPath(review, "/moderation"), R"({"action":"ban"})", ops_).status,
            400);
  EXPECT_EQ(Code(client_.Post(ReviewPath(review, "/moderation"), R"({"action":"release"})", ops_)),
            "nothing_to_decide");
  HttpResult upheld =
      client_.Post(ReviewPath(review, "/moderation"), R"({"action":"uphold"})", ops_);
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  EXPECT_STREQ(upheld.json["status"].GetString(), "hidden");
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 0);
  EXPECT_EQ(client_.Get(ShopReviews()).json["items"].Size(), 0u);
  EXPECT_EQ(client_.Get("/api/v1/reviews?queue=moderation", ops_).json["items"].Size(), 0u);
  // The author still sees it, marked hidden.
  HttpResult mine = client_.Get("/api/v1/reviews?buyer=me", buyer);
  ASSERT_EQ(mine.json["items"].Size(), 1u);
  EXPECT_STREQ(mine.json["items"][0]["status"].GetString(), "hidden");
  ExpectReputationMatchesRebuild();
}

TEST_F(ReputationTest, ADismissedReportLeavesTheReviewCounted) {
  std::string buyer = NewBuyer();
  std::string reader = NewBuyer();
  int64_t order = CompletedOrder(buyer, shop_.sku_ids[0]);
  int64_t review = Review(buyer, order, kGoodReview).json["id"].GetInt64();
  ASSERT_EQ(client_.Post(ReviewPath(review, "/reports"), R"({"reason":"fake"})", reader).status,
            200);
  HttpResult dismissed =
      client_.Post(ReviewPath(review, "/moderation"), R"({"action":"dismiss"})", ops_);
  ASSERT_EQ(dismissed.status, 200) << dismissed.body;
  EXPECT_STREQ(dismissed.json["status"].GetString(), "visible");
  EXPECT_EQ(dismissed.json["open_reports"].GetInt64(), 0);
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 1);
}

TEST_F(ReputationTest, AReviewRingIsHeldOutOfTheScoreUntilAnOperatorDecides) {
  // kRingReviewersMin - 1 new reviewers in a burst: still counted.
  std::vector<int64_t> reviews;
  for (int64_t i = 0; i < reputation::kRingReviewersMin - 1; ++i) {
    std::string buyer = NewBuyer();
    HttpResult created = Review(buyer, CompletedOrder(buyer, shop_.sku_ids[0]), kGoodReview);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_STREQ(created.json["status"].GetString(), "visible");
    reviews.push_back(created.json["id"].GetInt64());
  }
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), reputation::kRingReviewersMin - 1);
  // The one that completes the ring: it and the burst are held.
  std::string last = NewBuyer();
  HttpResult held = Review(last, CompletedOrder(last, shop_.sku_ids[0]), kGoodReview);
  ASSERT_EQ(held.status, 201) << held.body;
  EXPECT_STREQ(held.json["status"].GetString(), "held");
  EXPECT_STREQ(held.json["flag"].GetString(), "review_ring");
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 0);
  EXPECT_EQ(client_.Get(ShopReviews()).json["items"].Size(), 0u);
  EXPECT_EQ(client_.Get("/api/v1/reviews?queue=moderation", ops_).json["items"].Size(),
            static_cast<size_t>(reputation::kRingReviewersMin));
  ExpectReputationMatchesRebuild();

  // The operator releases one and rejects another.
  ASSERT_EQ(
      client_.Post(ReviewPath(reviews[0], "/moderation"), R"({"action":"release"})", ops_).status,
      200);
  HttpResult rejected =
      client_.Post(ReviewPath(reviews[1], "/moderation"), R"({"action":"reject"})", ops_);
  EXPECT_STREQ(rejected.json["status"].GetString(), "hidden");
  EXPECT_EQ(Reputation().json["reviews"].GetInt64(), 1);
  ExpectReputationMatchesRebuild();

  // Once the burst is older than the window, a new reviewer alone is no ring.
  server_.clock().AdvanceMs(reputation::kRingWindowMs + 1);
  std::string established = NewBuyer();
  HttpResult fine = Review(established, CompletedOrder(established, shop_.sku_ids[1]), kGoodReview);
  EXPECT_STREQ(fine.json["status"].GetString(), "visible");
}

TEST_F(ReputationTest, RefundsAndLateShippingLowerTheScore) {
  std::string buyer = NewBuyer();
  int64_t reviewed = CompletedOrder(buyer, shop_.sku_ids[0]);
  ASSERT_EQ(Review(buyer, reviewed, kGoodReview).status, 201);
  double before = Reputation().json["score"].GetDouble();
  EXPECT_DOUBLE_EQ(Reputation().json["penalty"].GetDouble(), 0);
  // Shipped four days after payment: late.
  auto ids = market_.BuyNow(buyer, shop_.sku_ids[1], 1);
  ASSERT_EQ(client_.Post(OrderPath(ids[0], "/pay"), "{}", buyer).status, 200);
  server_.clock().AdvanceMs(reputation::kShipWithinMs + 1);
  ASSERT_EQ(client_
                .Post(OrderPath(ids[0], "/ship"), R"({"carrier":"SF","tracking_number":"S"})",
                      shop_.merchant_token)
                .status,
            200);
  ASSERT_EQ(
      client_.Post(OrderPath(ids[0], "/refund-requests"), R"({"reason":"late"})", buyer).status,
      200);
  ASSERT_EQ(
      client_.Post(OrderPath(ids[0], "/refund-requests/accept"), "{}", shop_.merchant_token).status,
      200);
  HttpResult after = Reputation();
  EXPECT_GT(after.json["penalty"].GetDouble(), 0);
  EXPECT_LT(after.json["score"].GetDouble(), before);
  ExpectReputationMatchesRebuild();
}

TEST_F(ReputationTest, ReviewPhotosAreTheBuyersOwnUploads) {
  std::string buyer = NewBuyer();
  std::string other = NewBuyer();
  // A PNG signature is what the upload checks (catalog/images.h).
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0');
  HttpResult uploaded = client_.Send("POST", "/api/v1/review-images", png, buyer, {}, "image/png");
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  std::string name = uploaded.json["name"].GetString();
  std::string body =
      R"({"line_id":1,"ratings":{"described":5,"service":5,"shipping":5},"images":[")" + name +
      R"("]})";
  int64_t others = CompletedOrder(other, shop_.sku_ids[0]);
  EXPECT_EQ(Code(Review(other, others, body)), "image_not_found");
  int64_t order = CompletedOrder(buyer, shop_.sku_ids[0]);
  HttpResult created = Review(buyer, order, body);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(created.json["images"].Size(), 1u);
  EXPECT_EQ(client_.Get(created.json["images"][0].GetString()).status, 200);
  // An image serves one review.
  int64_t second = CompletedOrder(buyer, shop_.sku_ids[1]);
  EXPECT_EQ(Code(Review(buyer, second, body)), "image_not_found");
}

}  // namespace
}  // namespace shrimp
