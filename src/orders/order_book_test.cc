#include "orders/order_book.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "catalog/schema.h"
#include "orders/order_store.h"
#include "store/migrate.h"
#include "testing/test_server.h"

namespace shrimp::orders {
namespace {

// The plan SQLite picks for `sql`, one step per line.
std::string QueryPlan(store::Connection& connection, const std::string& sql) {
  store::Query plan(connection, "EXPLAIN QUERY PLAN " + sql);
  std::string steps;
  while (plan.Next()) steps += plan.Text(3) + "\n";
  return steps;
}

TEST(OrderBook, StartUpReadsOnlyTheOpenOrdersRows) {
  std::string dir = testing::MakeTempDir();
  {
    auto db = store::Db::OpenSqlite(dir + "/orders.db", store::DbOptions{});
    ASSERT_TRUE(db.ok());
    store::Connection& connection = (*db)->write_connection();
    std::vector<store::Migration> migrations = catalog::CatalogMigrations();
    for (auto& migration : OrderMigrations()) migrations.push_back(migration);
    ASSERT_TRUE(store::Migrate(connection, migrations, 0).ok());
    for (const char* sql : {kOpenOrderEventsSql, kOpenOrderLinesSql}) {
      std::string plan = QueryPlan(connection, sql);
      SCOPED_TRACE(plan);
      EXPECT_NE(plan.find("SCAN o USING INDEX orders_open"), std::string::npos);
      EXPECT_EQ(plan.find("SCAN e"), std::string::npos);
      EXPECT_EQ(plan.find("SCAN l"), std::string::npos);
      EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos);
    }
    // The id sequences read their next value from an index, not by
    // scanning every order (order_service.h: order_ids_, checkout_ids_).
    for (const char* sql : {"SELECT MAX(id) FROM orders", "SELECT MAX(checkout_id) FROM orders"}) {
      std::string plan = QueryPlan(connection, sql);
      SCOPED_TRACE(plan);
      EXPECT_EQ(plan.find("SCAN orders"), std::string::npos);
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace shrimp::orders
