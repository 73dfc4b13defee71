// Money that must never appear from nowhere, over real HTTP: FX rounding,
// the payment providers' switches, the Idempotency-Key every money POST
// requires, cart totals that cannot wrap. Every fixture test ends with the
// store's invariants checked.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "api/ledger_key.h"
#include "ledger/fx.h"
#include "payments/webhook_signature.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::TestServer;

class MoneyTest : public ::testing::Test {
 protected:
  explicit MoneyTest(api::AppOptions options = testing::FastTestOptions())
      : server_(std::move(options)), market_(server_.port()) {}
  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok()) << problems.error().message;
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }
  std::string OperatorToken() {
    auto created = server_.app().accounts().SignUp("ops@example.com", "correct horse battery",
                                                   "Ops", accounts::Role::kOperator);
    EXPECT_TRUE(created.ok());
    return market_.Login("ops@example.com");
  }
  void SetRate(const std::string& ops, const std::string& base, const std::string& quote,
               int64_t rate_ppm) {
    auto set = client_.Send("PUT", "/api/v1/admin/fx-rates",
                            R"({"base":")" + base + R"(","quote":")" + quote + R"(","rate_ppm":)" +
                                std::to_string(rate_ppm) + "}",
                            ops, {});
    ASSERT_EQ(set.status, 200) << set.body;
  }
  testing::HttpResult Convert(const std::string& token, int64_t amount, const std::string& from,
                              const std::string& to) {
    return client_.Post("/api/v1/wallet/conversions",
                        R"({"amount":{"amount":)" + std::to_string(amount) + R"(,"currency":")" +
                            from + R"("},"to_currency":")" + to + R"("})",
                        token);
  }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
};

// ---------------------------------------------------------------- FX

TEST_F(MoneyTest, ThreeFenToYenAndBackNoLongerCreatesMoney) {
  std::string ops = OperatorToken();
  SetRate(ops, "CNY", "JPY", 20'500'000);  // 1 CNY = 20.5 JPY
  SetRate(ops, "JPY", "CNY", 45'000);      // 1 JPY = 0.045 CNY
  std::string buyer = market_.Buyer("ana@example.com", 1'000, "CNY");

  // 3 fen is 0.615 yen: it used to round up to 1 yen, which came back as 5 fen.
  auto too_small = Convert(buyer, 3, "CNY", "JPY");
  EXPECT_EQ(too_small.status, 400) << too_small.body;
  EXPECT_EQ(too_small.ErrorCode(), "amount_too_small");
  EXPECT_STREQ(too_small.json["error"]["details"]["minimum"].GetString(), "5");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 1'000);

  // The smallest convertible amount, there and back, loses rather than gains.
  for (int trip = 0; trip < 20; ++trip) {
    auto there = Convert(buyer, 5, "CNY", "JPY");
    ASSERT_EQ(there.status, 201) << there.body;
    EXPECT_EQ(there.json["to"]["amount"].GetInt64(), 1);  // 1.025 yen, rounded down
    auto back = Convert(buyer, 1, "JPY", "CNY");
    ASSERT_EQ(back.status, 201) << back.body;
    EXPECT_EQ(back.json["to"]["amount"].GetInt64(), 4);  // 4.5 fen, rounded down
  }
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 1'000 - 20);
  EXPECT_EQ(market_.WalletAvailable(buyer, "JPY"), 0);
}

TEST_F(MoneyTest, AnArbitrageRatePairIsRefused) {
  std::string ops = OperatorToken();
  SetRate(ops, "CNY", "JPY", 20'500'000);
  auto refused = client_.Send("PUT", "/api/v1/admin/fx-rates",
                              R"({"base":"JPY","quote":"CNY","rate_ppm":50000})", ops, {});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "fx_rate_arbitrage");
}

TEST_F(MoneyTest, ConversionLedgerKeysDeriveFromTheIdempotencyKey) {
  std::string ops = OperatorToken();
  SetRate(ops, "EUR", "CNY", 7'812'500);
  std::string buyer = market_.Buyer("ana@example.com", 10'000, "EUR");
  auto converted =
      client_.Post("/api/v1/wallet/conversions",
                   R"({"amount":{"amount":1000,"currency":"EUR"},"to_currency":"CNY"})", buyer,
                   {{"Idempotency-Key", "convert-1"}});
  ASSERT_EQ(converted.status, 201) << converted.body;
  int64_t user_id = client_.Get("/api/v1/me", buyer).json["id"].GetInt64();
  http::Request request;
  request.headers = {{"idempotency-key", "convert-1"}};
  std::string expected =
      api::LedgerKeyFor("conversion", "user:" + std::to_string(user_id), request) + "/fx-in";
  auto stored = server_.app().db().Read([&](store::Connection& connection) {
    store::Query key(connection, "SELECT idempotency_key FROM ledger_transfers WHERE id = ?");
    key.Bind(converted.json["transfer_id"].GetInt64());
    return key.Next() ? key.Text(0) : std::string();
  });
  EXPECT_EQ(stored, expected);
}

// ---------------------------------------------------------------- Idempotency-Key

TEST_F(MoneyTest, EveryMoneyPostRequiresAnIdempotencyKeyAndChangesNothingWithout) {
  // The routes that create an order or move money: the spec, kept here so a
  // new money route without the requirement fails this test.
  const std::set<std::string> money_routes = {
      "/api/v1/checkout",
      "/api/v1/orders/{id}/pay",
      "/api/v1/orders/{id}/cancel",
      "/api/v1/orders/{id}/confirm",
      "/api/v1/orders/{id}/refund-requests",
      "/api/v1/orders/{id}/refund-requests/accept",
      "/api/v1/orders/{id}/resolve",
      "/api/v1/wallet/top-ups",
      "/api/v1/wallet/conversions",
      "/api/v1/payouts",
      "/api/v1/payouts/{id}/mark-paid",
      "/api/v1/payouts/{id}/mark-failed",
      "/api/v1/loans",
      "/api/v1/loans/{id}/repayments",
      "/api/v1/admin/credit/capital",
  };
  std::set<std::string> required;
  for (const http::Route& route : server_.app().router().routes()) {
    if (route.doc.idempotency_key_required) required.insert(route.pattern);
  }
  EXPECT_EQ(required, money_routes);

  auto shop = market_.OpenShop("Tea House", "CNY", {5}, 1'000);
  std::string buyer = market_.Buyer("ana@example.com", 5'000);
  auto orders = market_.BuyNow(buyer, shop.sku_ids[0], 1);
  ASSERT_EQ(orders.size(), 1u);
  std::string ops = OperatorToken();
  for (const std::string& pattern : money_routes) {
    std::string path = pattern;
    if (auto at = path.find("{id}"); at != std::string::npos) {
      path.replace(at, 4, std::to_string(pattern.starts_with("/api/v1/orders") ? orders[0] : 1));
    }
    std::string token = pattern.find("mark-") != std::string::npos ? ops : buyer;
    auto refused =
        client_.Send("POST", path, R"({"amount":{"amount":100,"currency":"CNY"}})", token, {});
    EXPECT_EQ(refused.status, 400) << path << ": " << refused.body;
    EXPECT_EQ(refused.ErrorCode(), "idempotency_key_required") << path;
    // Without credentials the route still says who may call it first.
    EXPECT_EQ(client_.Send("POST", path, "{}", "", {}).status, 401) << path;
  }
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 5'000);
  auto order = client_.Get("/api/v1/orders/" + std::to_string(orders[0]), buyer);
  EXPECT_STREQ(order.json["status"].GetString(), "pending_payment");
  EXPECT_EQ(client_.Get("/api/v1/orders", buyer).json["items"].Size(), 1u);

  // The document says so.
  auto document = client_.Get("/openapi.json");
  const auto& checkout = document.json["paths"]["/api/v1/checkout"]["post"]["parameters"];
  bool documented = false;
  for (const auto& parameter : checkout.GetArray()) {
    if (std::string(parameter["name"].GetString()) == "Idempotency-Key") {
      documented = parameter["required"].GetBool();
    }
  }
  EXPECT_TRUE(documented);
}

// ---------------------------------------------------------------- cart totals

TEST_F(MoneyTest, ACartWhoseTotalWouldOverflowIsRefusedNotWrapped) {
  auto shop = market_.OpenShop("Gold House", "CNY", {10, 10, 10}, kAmountMax);
  std::string buyer = market_.Buyer("ana@example.com");
  auto first =
      client_.Post("/api/v1/cart/items",
                   R"({"sku_id":)" + std::to_string(shop.sku_ids[0]) + R"(,"quantity":1})", buyer);
  ASSERT_EQ(first.status, 200) << first.body;
  // kAmountMax x 1000 fits int64 but no payment can be that large.
  auto huge =
      client_.Post("/api/v1/cart/items",
                   R"({"sku_id":)" + std::to_string(shop.sku_ids[1]) + R"(,"quantity":1000})",
                   buyer);
  EXPECT_EQ(huge.status, 400) << huge.body;
  EXPECT_EQ(huge.ErrorCode(), "amount_too_large");
  // Two lines that fit alone but not together.
  auto second =
      client_.Post("/api/v1/cart/items",
                   R"({"sku_id":)" + std::to_string(shop.sku_ids[2]) + R"(,"quantity":1})", buyer);
  EXPECT_EQ(second.status, 400) << second.body;
  EXPECT_EQ(second.ErrorCode(), "amount_too_large");
  // The refused edits changed nothing.
  auto cart = client_.Get("/api/v1/cart", buyer);
  ASSERT_EQ(cart.status, 200) << cart.body;
  ASSERT_EQ(cart.json["groups"].Size(), 1u);
  ASSERT_EQ(cart.json["groups"][0]["items"].Size(), 1u);
  EXPECT_EQ(cart.json["groups"][0]["subtotal"]["amount"].GetInt64(), kAmountMax);
}

// ---------------------------------------------------------------- providers

class NoProvidersTest : public MoneyTest {
 protected:
  static api::AppOptions Options() {
    api::AppOptions options = testing::FastTestOptions();
    options.sandbox_provider = false;  // as `shrimp serve` without --sandbox
    options.provider_webhook_secret.clear();
    return options;
  }
  NoProvidersTest() : MoneyTest(Options()) {}
};

TEST_F(NoProvidersTest, SandboxTopUpsNeedTheSandboxSwitch) {
  std::string buyer = market_.Buyer("ana@example.com");
  for (const char* body : {R"({"amount":{"amount":2500,"currency":"CNY"},"provider":"sandbox"})",
                           R"({"amount":{"amount":2500,"currency":"CNY"}})"}) {
    auto refused = client_.Post("/api/v1/wallet/top-ups", body, buyer);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.ErrorCode(), "provider_not_enabled");
  }
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 0);
  // Without the sandbox, wallets hold no test money and do not claim to.
  EXPECT_FALSE(client_.Get("/api/v1/wallet", buyer).json["test_mode"].GetBool());
}

TEST_F(NoProvidersTest, WithoutASecretTheExternalProviderIsOffAndItsWebhookChangesNothing) {
  std::string buyer = market_.Buyer("ana@example.com");
  auto pending =
      client_.Post("/api/v1/wallet/top-ups",
                   R"({"amount":{"amount":5000000,"currency":"CNY"},"provider":"external"})",
                   buyer);
  EXPECT_EQ(pending.status, 403) << pending.body;
  EXPECT_EQ(pending.ErrorCode(), "provider_not_configured");
  // The attack of issue 9: an event signed with the once built-in secret.
  std::string body =
      R"({"id":"evt_1","type":"top_up.succeeded","data":{"top_up_id":1,"amount":{"amount":5000000,"currency":"CNY"}}})";
  int64_t now_s = server_.clock().NowMs() / 1000;
  auto forged =
      client_.Post("/api/v1/payments/webhook", body, "",
                   {{"Shrimp-Signature",
                     payments::SignWebhook(payments::kRetiredDefaultSecret, now_s, body)}});
  EXPECT_EQ(forged.status, 503) << forged.body;
  EXPECT_EQ(forged.ErrorCode(), "provider_not_configured");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 0);
}

TEST(ProviderSecret, TheRetiredDefaultOrAShortSecretIsRefusedAtStart) {
  FakeClock clock(1'795'000'000'000);
  for (std::string secret : {std::string(payments::kRetiredDefaultSecret), std::string("short")}) {
    api::AppOptions options = testing::FastTestOptions();
    options.data_dir = testing::MakeTempDir();
    options.provider_webhook_secret = secret;
    auto app = api::App::Open(options, clock);
    ASSERT_FALSE(app.ok());
    EXPECT_EQ(app.error().code, "webhook_secret_invalid");
  }
  api::AppOptions defaults;
  EXPECT_TRUE(defaults.provider_webhook_secret.empty());
  EXPECT_FALSE(defaults.sandbox_provider);
}

}  // namespace
}  // namespace shrimp
