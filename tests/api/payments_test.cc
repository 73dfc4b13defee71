// Wallet top-ups, provider webhooks and payouts over real HTTP.
#include <gtest/gtest.h>

#include <string>

#include "payments/webhook_signature.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::TestServer;

constexpr const char* kSecret = "whsec_test_0123456789abcdef";

api::AppOptions Options() {
  api::AppOptions options = testing::FastTestOptions();
  options.provider_webhook_secret = kSecret;
  return options;
}

class PaymentsTest : public ::testing::Test {
 protected:
  PaymentsTest() : server_(Options()), market_(server_.port()) {}
  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok());
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }
  int64_t NowS() { return server_.clock().NowMs() / 1000; }
  testing::HttpResult Webhook(const std::string& body, const std::string& signature) {
    return client_.Post("/api/v1/payments/webhook", body, "", {{"Shrimp-Signature", signature}});
  }
  std::string Event(const std::string& id, int64_t top_up_id, int64_t amount = 5000) {
    return R"({"id":")" + id + R"(","type":"top_up.succeeded","data":{"top_up_id":)" +
           std::to_string(top_up_id) + R"(,"amount":{"amount":)" + std::to_string(amount) +
           R"(,"currency":"EUR"}}})";
  }
  std::string OperatorToken() {
    auto created = server_.app().accounts().SignUp("ops@example.com", "correct horse battery",
                                                   "Ops", accounts::Role::kOperator);
    EXPECT_TRUE(created.ok());
    return market_.Login("ops@example.com");
  }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
};

TEST_F(PaymentsTest, SandboxTopUpIsTestModeAndCreditsAtOnce) {
  std::string buyer = market_.Buyer("ana@example.com");
  auto topped =
      client_.Post("/api/v1/wallet/top-ups",
                   R"({"amount":{"amount":2500,"currency":"CNY"},"provider":"sandbox"})", buyer);
  ASSERT_EQ(topped.status, 201) << topped.body;
  EXPECT_STREQ(topped.json["status"].GetString(), "succeeded");
  EXPECT_TRUE(topped.json["test_mode"].GetBool());
  auto wallet = client_.Get("/api/v1/wallet", buyer);
  EXPECT_TRUE(wallet.json["test_mode"].GetBool());
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 2500);
  auto history = client_.Get("/api/v1/wallet/transactions", buyer);
  ASSERT_EQ(history.status, 200);
  ASSERT_EQ(history.json["items"].Size(), 1u);
  EXPECT_STREQ(history.json["items"][0]["direction"].GetString(), "in");
  EXPECT_EQ(client_.Get("/api/v1/wallet").status, 401);
  auto bad =
      client_.Post("/api/v1/wallet/top-ups", R"({"amount":{"amount":-5,"currency":"CNY"}})", buyer);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 2500);
}

TEST_F(PaymentsTest, SignedWebhookCreditsOnceAndForgeriesChangeNothing) {
  std::string buyer = market_.Buyer("ana@example.com");
  auto pending =
      client_.Post("/api/v1/wallet/top-ups",
                   R"({"amount":{"amount":5000,"currency":"EUR"},"provider":"external"})", buyer);
  ASSERT_EQ(pending.status, 201) << pending.body;
  EXPECT_STREQ(pending.json["status"].GetString(), "pending");
  int64_t top_up_id = pending.json["id"].GetInt64();
  EXPECT_EQ(market_.WalletAvailable(buyer, "EUR"), 0);

  std::string body = Event("evt_1", top_up_id);
  // Tampered body: signed one thing, sent another.
  auto tampered =
      Webhook(Event("evt_1", top_up_id, 500000), payments::SignWebhook(kSecret, NowS(), body));
  EXPECT_EQ(tampered.status, 401);
  EXPECT_EQ(tampered.ErrorCode(), "bad_signature");
  // Wrong secret.
  auto forged = Webhook(body, payments::SignWebhook("whsec_attacker_guess_000", NowS(), body));
  EXPECT_EQ(forged.ErrorCode(), "bad_signature");
  // Stale: signed correctly, but 10 minutes ago.
  auto stale = Webhook(body, payments::SignWebhook(kSecret, NowS() - 600, body));
  EXPECT_EQ(stale.ErrorCode(), "stale_timestamp");
  EXPECT_EQ(Webhook(body, "").ErrorCode(), "missing_signature");
  EXPECT_EQ(Webhook(body, "t=abc,v1=zz").ErrorCode(), "malformed_signature");
  EXPECT_EQ(market_.WalletAvailable(buyer, "EUR"), 0);

  auto applied = Webhook(body, payments::SignWebhook(kSecret, NowS(), body));
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_TRUE(applied.json["applied"].GetBool());
  EXPECT_EQ(market_.WalletAvailable(buyer, "EUR"), 5000);
  // Replayed event (fresh signature, same id): answered, not applied again.
  auto replayed = Webhook(body, payments::SignWebhook(kSecret, NowS() + 1, body));
  ASSERT_EQ(replayed.status, 200) << replayed.body;
  EXPECT_FALSE(replayed.json["applied"].GetBool());
  // A second event for the same top-up cannot credit it twice.
  std::string second = Event("evt_2", top_up_id);
  auto again = Webhook(second, payments::SignWebhook(kSecret, NowS(), second));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(market_.WalletAvailable(buyer, "EUR"), 5000);
}

TEST_F(PaymentsTest, PayoutsMoveAvailableRevenueAndFailedOnesReturnIt) {
  auto shop = market_.OpenShop("Tea House", "CNY", {10}, 1000);
  std::string buyer = market_.Buyer("ana@example.com", 10000);
  auto orders = market_.BuyNow(buyer, shop.sku_ids[0], 3);
  ASSERT_EQ(orders.size(), 1u);
  std::string order = "/api/v1/orders/" + std::to_string(orders[0]);
  ASSERT_EQ(client_.Post(order + "/pay", R"({"method":"wallet"})", buyer).status, 200);
  ASSERT_EQ(client_
                .Post(order + "/ship", R"({"carrier":"SF","tracking_number":"SF1"})",
                      shop.merchant_token)
                .status,
            200);
  ASSERT_EQ(client_.Post(order + "/confirm", "{}", buyer).status, 200);
  auto [available, pending] = market_.ShopBalance(shop.merchant_token, shop.shop_id);
  EXPECT_EQ(available, 2850);  // 3000 less 5 % commission
  EXPECT_EQ(pending, 0);

  std::string shop_field = R"({"shop_id":)" + std::to_string(shop.shop_id);
  auto too_much =
      client_.Post("/api/v1/payouts", shop_field + R"(,"amount":{"amount":2851,"currency":"CNY"}})",
                   shop.merchant_token);
  EXPECT_EQ(too_much.status, 409) << too_much.body;
  auto stranger = client_.Post("/api/v1/payouts",
                               shop_field + R"(,"amount":{"amount":100,"currency":"CNY"}})", buyer);
  EXPECT_EQ(stranger.status, 403);

  auto first =
      client_.Post("/api/v1/payouts", shop_field + R"(,"amount":{"amount":2000,"currency":"CNY"}})",
                   shop.merchant_token, {{"Idempotency-Key", "payout-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto replay =
      client_.Post("/api/v1/payouts", shop_field + R"(,"amount":{"amount":2000,"currency":"CNY"}})",
                   shop.merchant_token, {{"Idempotency-Key", "payout-1"}});
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body, first.body);
  EXPECT_EQ(market_.ShopBalance(shop.merchant_token, shop.shop_id).first, 850);

  std::string ops = OperatorToken();
  std::string payout = "/api/v1/payouts/" + std::to_string(first.json["id"].GetInt64());
  EXPECT_EQ(client_.Post(payout + "/mark-failed", "{}", shop.merchant_token).status, 403);
  auto failed = client_.Post(payout + "/mark-failed", "{}", ops);
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_STREQ(failed.json["status"].GetString(), "failed");
  EXPECT_EQ(market_.ShopBalance(shop.merchant_token, shop.shop_id).first, 2850);
  EXPECT_EQ(client_.Post(payout + "/mark-paid", "{}", ops).status, 409);

  auto second =
      client_.Post("/api/v1/payouts", shop_field + R"(,"amount":{"amount":2850,"currency":"CNY"}})",
                   shop.merchant_token);
  ASSERT_EQ(second.status, 201) << second.body;
  auto paid =
      client_.Post("/api/v1/payouts/" + std::to_string(second.json["id"].GetInt64()) + "/mark-paid",
                   "{}", ops);
  EXPECT_STREQ(paid.json["status"].GetString(), "paid");
  EXPECT_EQ(market_.ShopBalance(shop.merchant_token, shop.shop_id).first, 0);
  auto listed =
      client_.Get("/api/v1/payouts?shop_id=" + std::to_string(shop.shop_id), shop.merchant_token);
  EXPECT_EQ(listed.json["items"].Size(), 2u);
}

TEST_F(PaymentsTest, ConversionsGoThroughFxAtTheOperatorsRate) {
  std::string buyer = market_.Buyer("ana@example.com", 10000, "EUR");
  std::string convert = R"({"amount":{"amount":1000,"currency":"EUR"},"to_currency":"CNY"})";
  auto unpriced = client_.Post("/api/v1/wallet/conversions", convert, buyer);
  EXPECT_EQ(unpriced.status, 404) << unpriced.body;
  EXPECT_EQ(unpriced.ErrorCode(), "fx_rate_not_found");

  std::string ops = OperatorToken();
  std::string rate = R"({"base":"EUR","quote":"CNY","rate_ppm":7812500})";
  EXPECT_EQ(client_.Send("PUT", "/api/v1/admin/fx-rates", rate, buyer, {}).status, 403);
  EXPECT_EQ(client_
                .Send("PUT", "/api/v1/admin/fx-rates",
                      R"({"base":"EUR","quote":"EUR","rate_ppm":1})", ops, {})
                .status,
            400);
  ASSERT_EQ(client_.Send("PUT", "/api/v1/admin/fx-rates", rate, ops, {}).status, 200);
  auto rates = client_.Get("/api/v1/fx-rates");
  ASSERT_EQ(rates.json["items"].Size(), 1u);
  EXPECT_EQ(rates.json["items"][0]["rate_ppm"].GetInt64(), 7812500);

  auto converted =
      client_.Post("/api/v1/wallet/conversions", convert, buyer, {{"Idempotency-Key", "fx-1"}});
  ASSERT_EQ(converted.status, 201) << converted.body;
  EXPECT_EQ(converted.json["to"]["amount"].GetInt64(),
            7812);  // 10.00 EUR = 78.125 CNY, rounded down
  auto replayed =
      client_.Post("/api/v1/wallet/conversions", convert, buyer, {{"Idempotency-Key", "fx-1"}});
  EXPECT_EQ(replayed.body, converted.body);
  EXPECT_EQ(market_.WalletAvailable(buyer, "EUR"), 9000);
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 7812);

  auto too_much =
      client_.Post("/api/v1/wallet/conversions",
                   R"({"amount":{"amount":9001,"currency":"EUR"},"to_currency":"CNY"})", buyer);
  EXPECT_EQ(too_much.status, 409);
  EXPECT_EQ(too_much.ErrorCode(), "insufficient_funds");
  EXPECT_EQ(client_
                .Post("/api/v1/wallet/conversions",
                      R"({"amount":{"amount":100,"currency":"EUR"},"to_currency":"EUR"})", buyer)
                .ErrorCode(),
            "same_currency");
  EXPECT_EQ(market_.WalletAvailable(buyer, "EUR"), 9000);

  // The converted yuan buy from a CNY shop.
  auto shop = market_.OpenShop("Tea House", "CNY", {5}, 7000);
  auto orders = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  ASSERT_EQ(orders.size(), 1u);
  auto paid = client_.Post("/api/v1/orders/" + std::to_string(orders[0]) + "/pay",
                           R"({"method":"wallet"})", buyer);
  EXPECT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 812);
}

}  // namespace
}  // namespace shrimp
