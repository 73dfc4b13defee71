// Upgrading a data directory written before stock kept units on hand apart
// from reserved ones (catalog v1-v2, orders v1): shipped orders then still
// held their reservation and no 'shipped' movement existed. The test builds
// such a directory from a real one (the server writes it, then the test turns
// it back into the old schema and data with SQL), starts the current server
// on it, and checks that catalog v3-v5 and orders v2-v4 bring every SKU to the
// levels the current code would have, that the books and stock check, and
// that the upgraded orders go on working.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <map>

#include "testing/market.h"
#include "testing/server_process.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::ServerProcess;

// The schema and data as catalog v2 / orders v1 left them.
constexpr const char* kDowngradeSql = R"sql(
BEGIN;
DELETE FROM stock_movements WHERE reason = 'shipped';
CREATE TABLE stock_movements_v2 (
  id INTEGER PRIMARY KEY,
  sku_id INTEGER NOT NULL REFERENCES skus(id),
  shop_id INTEGER NOT NULL,
  delta INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('received', 'adjusted', 'reserved', 'released')),
  reference_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
INSERT INTO stock_movements_v2 SELECT * FROM stock_movements;
DROP TABLE stock_movements;
ALTER TABLE stock_movements_v2 RENAME TO stock_movements;
CREATE INDEX stock_movements_sku ON stock_movements(sku_id);
CREATE INDEX stock_movements_reference ON stock_movements(reference_id, reason);
DROP TABLE stock_snapshot_levels;
DROP TABLE stock_snapshots;
DROP INDEX orders_checkout;
ALTER TABLE skus DROP COLUMN weight_grams;
ALTER TABLE orders DROP COLUMN shipping_fee;
ALTER TABLE orders DROP COLUMN shipping_carrier;
ALTER TABLE orders DROP COLUMN shipping_service;
ALTER TABLE orders DROP COLUMN shipping_promised_at;
DELETE FROM schema_migrations WHERE (domain = 'catalog' AND version >= 3)
                                 OR (domain = 'orders' AND version >= 2);
COMMIT;
)sql";

void RunSql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

struct Level {
  int64_t stock, on_hand, reserved;
  bool operator==(const Level&) const = default;
};

std::map<int64_t, Level> Levels(Market& market, const testing::ShopFixture& shop) {
  std::map<int64_t, Level> levels;
  auto client = market.Client();
  for (int64_t product : shop.product_ids) {
    auto got = client.Get("/api/v1/products/" + std::to_string(product));
    EXPECT_EQ(got.status, 200) << got.body;
    for (const auto& sku : got.json["skus"].GetArray()) {
      levels[sku["id"].GetInt64()] = {sku["stock"].GetInt64(), sku["on_hand"].GetInt64(),
                                      sku["reserved"].GetInt64()};
    }
  }
  return levels;
}

std::string OrderPath(int64_t id, const std::string& action) {
  return "/api/v1/orders/" + std::to_string(id) + action;
}

TEST(Upgrade, ShippedOrdersFromBeforeOnHandConsumeTheirReservation) {
  std::string data_dir = testing::MakeTempDir();
  testing::ShopFixture shop;
  std::string buyer;
  std::map<int64_t, Level> before;
  std::vector<int64_t> in_transit;
  {
    ServerProcess server(SHRIMP_BINARY, data_dir, {"--sandbox"});
    ASSERT_GT(server.port(), 0);
    Market market(server.port());
    shop = market.OpenShop("Old", "CNY", {10, 7}, 100);
    buyer = market.Buyer("old@example.com", 100'000);
    auto client = market.Client();
    // Per SKU: two shipped (one of them completed), one paid, one unpaid,
    // one cancelled.
    for (int64_t sku : shop.sku_ids) {
      std::vector<int64_t> ids;
      for (int index = 0; index < 5; ++index) {
        auto bought = market.BuyNow(buyer, sku, 1 + index % 2);
        ASSERT_EQ(bought.size(), 1u);
        ids.push_back(bought[0]);
      }
      for (int index = 0; index < 3; ++index) {
        ASSERT_EQ(
            client.Post(OrderPath(ids[index], "/pay"), R"({"method":"wallet"})", buyer).status,
            200);
      }
      for (int index = 0; index < 2; ++index) {
        ASSERT_EQ(client
                      .Post(OrderPath(ids[index], "/ship"),
                            R"({"carrier":"SF Express","tracking_number":"SF)" +
                                std::to_string(ids[index]) + R"("})",
                            shop.merchant_token)
                      .status,
                  200);
      }
      ASSERT_EQ(client.Post(OrderPath(ids[0], "/confirm"), "", buyer).status, 200);
      ASSERT_EQ(client.Post(OrderPath(ids[4], "/cancel"), "", buyer).status, 200);
      in_transit.push_back(ids[1]);
    }
    before = Levels(market, shop);
    EXPECT_EQ(server.Terminate(), 0);
  }
  RunSql(data_dir + "/shrimp.db", kDowngradeSql);

  ServerProcess server(SHRIMP_BINARY, data_dir, {"--sandbox"});
  ASSERT_GT(server.port(), 0) << "the server did not start on the old data directory";
  Market market(server.port());
  EXPECT_EQ(Levels(market, shop), before);
  // The upgraded in-transit orders complete, and a merchant's edit still sets
  // units on hand.
  auto client = market.Client();
  for (int64_t order : in_transit) {
    EXPECT_EQ(client.Post(OrderPath(order, "/confirm"), "", buyer).status, 200);
  }
  auto edited = client.Patch("/api/v1/skus/" + std::to_string(shop.sku_ids[0]), R"({"stock":20})",
                             shop.merchant_token);
  ASSERT_EQ(edited.status, 200) << edited.body;
  Level edited_level = Levels(market, shop)[shop.sku_ids[0]];
  EXPECT_EQ(edited_level.on_hand, 20);
  EXPECT_EQ(edited_level.stock, 20 - before[shop.sku_ids[0]].reserved);
  EXPECT_EQ(server.Terminate(), 0);
  std::string command = std::string(SHRIMP_BINARY) + " check --data " + data_dir;
  EXPECT_EQ(std::system(command.c_str()), 0) << "shrimp check failed after the upgrade";
}

}  // namespace
}  // namespace shrimp
