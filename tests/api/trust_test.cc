// Regression tests for the defects an attack on the base found (issue "a
// core you can trust"): each failed before its fix. Every test ends with the
// store's invariants checked.
#include <gtest/gtest.h>

#include <filesystem>
#include <sqlite3.h>

#include "catalog/stock_book.h"
#include "orders/order_service.h"
#include "store/idempotency.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::TestServer;

class TrustTest : public ::testing::Test {
 protected:
  TrustTest() : server_(testing::FastTestOptions()), market_(server_.port()) {}
  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok()) << problems.error().message;
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }
  HttpResult Post(const std::string& target, const std::string& body, const std::string& token,
                  const std::string& key) {
    return client_.Post(target, body, token, {{"Idempotency-Key", key}});
  }
  std::string BuyNowBody(int64_t sku_id, int64_t quantity) {
    return R"({"shipping_address":)" + Market::Address() + R"(,"items":[{"sku_id":)" +
           std::to_string(sku_id) + R"(,"quantity":)" + std::to_string(quantity) + "}]}";
  }
  catalog::StockLevel Level(int64_t sku_id) { return server_.app().stock().Level(sku_id); }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
};

// Was: the replay answered 409 constraint_violation, yet the wallet kept the
// credit (memory changed, then the key's insert hit the old row).
TEST_F(TrustTest, TopUpReplayedAfterRetentionCreatesNoMoneyFromNothing) {
  std::string buyer = market_.Buyer("ana@example.com");
  std::string body = R"({"amount":{"amount":5000,"currency":"CNY"},"provider":"sandbox"})";
  ASSERT_EQ(Post("/api/v1/wallet/top-ups", body, buyer, "top-up-1").status, 201);
  server_.clock().AdvanceMs(store::kIdempotencyRetentionMs + 1000);
  HttpResult replay = Post("/api/v1/wallet/top-ups", body, buyer, "top-up-1");
  // The key expired: this is a new top-up, answered and recorded as one.
  ASSERT_EQ(replay.status, 201) << replay.body;
  HttpResult wallet = client_.Get("/api/v1/wallet/transactions", buyer);
  ASSERT_EQ(wallet.status, 200) << wallet.body;
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 2 * 5000);
  // And a replay within retention is still the first answer, no new money.
  HttpResult again = Post("/api/v1/wallet/top-ups", body, buyer, "top-up-1");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(market_.WalletAvailable(buyer, "CNY"), 2 * 5000);
}

// Was: the release pushed stock past the cap, the writer fail-stopped, and
// every restart aborted again when the expiry timer replayed it.
TEST_F(TrustTest, ReleaseAtTheStockCapNeitherCrashesNorExceedsWhatTheMerchantSet) {
  auto shop = market_.OpenShop("Cap Shop", "CNY", {catalog::kStockMax}, 100);
  int64_t sku = shop.sku_ids[0];
  std::string buyer = market_.Buyer("bo@example.com", 10'000);
  HttpResult order = Post("/api/v1/checkout", BuyNowBody(sku, 1), buyer, "cap-1");
  ASSERT_EQ(order.status, 201) << order.body;
  std::string order_id = std::to_string(order.json["orders"][0]["id"].GetInt64());
  HttpResult set =
      client_.Patch("/api/v1/skus/" + std::to_string(sku),
                    R"({"stock":)" + std::to_string(catalog::kStockMax) + "}", shop.merchant_token);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Level(sku).available(), catalog::kStockMax - 1);
  ASSERT_EQ(Post("/api/v1/orders/" + order_id + "/cancel", "{}", buyer, "cap-2").status, 200);
  EXPECT_EQ(Level(sku).available(), catalog::kStockMax);
  EXPECT_EQ(Level(sku).on_hand, catalog::kStockMax);

  // The same through expiry, and through a refund before shipping.
  HttpResult expiring = Post("/api/v1/checkout", BuyNowBody(sku, 1), buyer, "cap-3");
  ASSERT_EQ(expiring.status, 201);
  server_.clock().AdvanceMs(server_.app().orders().timers().unpaid_ttl_ms + 1);
  ASSERT_TRUE(server_.app().RunTimersOnce().ok());
  HttpResult refunded = Post("/api/v1/checkout", BuyNowBody(sku, 1), buyer, "cap-4");
  std::string refunded_id = std::to_string(refunded.json["orders"][0]["id"].GetInt64());
  ASSERT_EQ(Post("/api/v1/orders/" + refunded_id + "/pay", "{}", buyer, "cap-5").status, 200);
  ASSERT_EQ(Post("/api/v1/orders/" + refunded_id + "/refund-requests", R"({"reason":"no"})", buyer,
                 "cap-6")
                .status,
            200);
  ASSERT_EQ(Post("/api/v1/orders/" + refunded_id + "/refund-requests/accept", "{}",
                 shop.merchant_token, "cap-7")
                .status,
            200);
  EXPECT_EQ(Level(sku).available(), catalog::kStockMax);
  EXPECT_EQ(client_.Get("/healthz").status, 200);
}

TEST_F(TrustTest, StockEditSetsUnitsOnHandAndShippingConsumesTheReservation) {
  auto shop = market_.OpenShop("Hand Shop", "CNY", {10}, 100);
  int64_t sku = shop.sku_ids[0];
  std::string buyer = market_.Buyer("cy@example.com", 10'000);
  HttpResult order = Post("/api/v1/checkout", BuyNowBody(sku, 3), buyer, "h-1");
  ASSERT_EQ(order.status, 201);
  std::string order_id = std::to_string(order.json["orders"][0]["id"].GetInt64());
  EXPECT_EQ(Level(sku).available(), 7);
  // The merchant counts 8 on the shelf: 3 of them are promised.
  ASSERT_EQ(client_
                .Patch("/api/v1/skus/" + std::to_string(sku), R"({"stock":8})", shop.merchant_token)
                .status,
            200);
  EXPECT_EQ(Level(sku).on_hand, 8);
  EXPECT_EQ(Level(sku).available(), 5);
  // Fewer than promised is refused, and changes nothing.
  HttpResult below =
      client_.Patch("/api/v1/skus/" + std::to_string(sku), R"({"stock":2})", shop.merchant_token);
  EXPECT_EQ(below.status, 409);
  EXPECT_EQ(below.ErrorCode(), "stock_below_reserved");
  EXPECT_EQ(Level(sku).on_hand, 8);
  ASSERT_EQ(Post("/api/v1/orders/" + order_id + "/pay", "{}", buyer, "h-2").status, 200);
  ASSERT_EQ(Post("/api/v1/orders/" + order_id + "/ship",
                 R"({"carrier":"SF","tracking_number":"1"})", shop.merchant_token, "h-3")
                .status,
            200);
  EXPECT_EQ(Level(sku).on_hand, 5);
  EXPECT_EQ(Level(sku).reserved, 0);
  EXPECT_EQ(Level(sku).available(), 5);
  auto product = client_.Get("/api/v1/products/" + std::to_string(shop.product_ids[0]));
  EXPECT_EQ(product.json["skus"][0]["on_hand"].GetInt64(), 5);
}

// Was: one buyer with an empty wallet could lock a whole SKU, repeatably.
TEST_F(TrustTest, AnUnpaidBuyerHoldsBoundedOrdersAndUnits) {
  auto shop = market_.OpenShop("Hold Shop", "CNY", {10'000}, 100);
  int64_t sku = shop.sku_ids[0];
  std::string buyer = market_.Buyer("dee@example.com");
  HttpResult too_many_units =
      Post("/api/v1/checkout", BuyNowBody(sku, orders::kUnpaidUnitsPerSkuMax + 1), buyer, "u-0");
  EXPECT_EQ(too_many_units.status, 409);
  EXPECT_EQ(too_many_units.ErrorCode(), "too_many_unpaid_units");
  for (int64_t index = 0; index < orders::kUnpaidOrdersPerBuyerMax; ++index) {
    ASSERT_EQ(Post("/api/v1/checkout", BuyNowBody(sku, 1), buyer, "u-" + std::to_string(index + 1))
                  .status,
              201);
  }
  HttpResult too_many_orders = Post("/api/v1/checkout", BuyNowBody(sku, 1), buyer, "u-last");
  EXPECT_EQ(too_many_orders.status, 409);
  EXPECT_EQ(too_many_orders.ErrorCode(), "too_many_unpaid_orders");
  EXPECT_EQ(Level(sku).reserved, orders::kUnpaidOrdersPerBuyerMax);
  // Another buyer is not held back.
  std::string other = market_.Buyer("eve@example.com");
  EXPECT_EQ(Post("/api/v1/checkout", BuyNowBody(sku, 1), other, "o-1").status, 201);
}

TEST(TrustRestart, BooksThatBreakTheInvariantsServeReadsAndMoveNoMoney) {
  std::string dir = testing::MakeTempDir();
  api::AppOptions options = testing::FastTestOptions();
  options.data_dir = dir;
  {
    TestServer server(options);
    Market market(server.port());
    market.Buyer("fay@example.com", 5000);
  }
  // Someone edits the books by hand: the wallet's credit grows from nowhere.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/shrimp.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db,
                   "PRAGMA foreign_keys=OFF; INSERT INTO ledger_accounts (id, kind, owner_id,"
                   " currency, flags, created_at) SELECT 999, kind, 424242, currency, flags,"
                   " 0 FROM ledger_accounts WHERE flags <> 0 LIMIT 1;"
                   " INSERT INTO ledger_transfers (idempotency_key, debit_account_id,"
                   " credit_account_id, amount, currency, code, flags, reference_kind,"
                   " reference_id, rate_ppm, created_at) SELECT 'forged', 999, id, 100,"
                   " currency, 0, 0, '', 0, 0, 0 FROM ledger_accounts WHERE id <> 999 AND"
                   " currency = (SELECT currency FROM ledger_accounts WHERE id = 999) LIMIT 1;",
                   nullptr, nullptr, nullptr),
      SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);

  TestServer restarted(options);
  Market market(restarted.port());
  auto client = restarted.Client();
  EXPECT_EQ(client.Get("/healthz").status, 200);
  std::string token = market.Login("fay@example.com");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(client.Get("/api/v1/wallet", token).status, 200);
  HttpResult write = client.Post("/api/v1/wallet/top-ups",
                                 R"({"amount":{"amount":1,"currency":"CNY"},"provider":"sandbox"})",
                                 token, {{"Idempotency-Key", "after-forgery"}});
  EXPECT_EQ(write.status, 503) << write.body;
  EXPECT_EQ(write.ErrorCode(), "books_inconsistent");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace shrimp
