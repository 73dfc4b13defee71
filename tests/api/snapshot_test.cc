// Snapshots of the hot state (api/snapshots.h): when they are written, and
// that a restart from a snapshot plus the tail serves the same state.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "api/snapshots.h"
#include "store/book_snapshot.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

struct Counts {
  int64_t ledger = 0;
  int64_t stock = 0;
  int64_t books = 0;  // credit's and reputation's
};

Counts SnapshotCounts(api::App& app) {
  auto counts = app.writer().Run<Counts>([](store::Connection& connection) -> Result<Counts> {
    Counts counts;
    store::Query ledger(connection, "SELECT COUNT(*) FROM ledger_snapshots");
    SHRIMP_ASSIGN_OR_RETURN(auto ledger_count, ledger.ScalarInt());
    store::Query stock(connection, "SELECT COUNT(*) FROM stock_snapshots");
    SHRIMP_ASSIGN_OR_RETURN(auto stock_count, stock.ScalarInt());
    store::Query books(connection, "SELECT COUNT(*) FROM book_snapshots WHERE complete = 1");
    SHRIMP_ASSIGN_OR_RETURN(auto books_count, books.ScalarInt());
    counts.ledger = ledger_count.value_or(0);
    counts.stock = stock_count.value_or(0);
    counts.books = books_count.value_or(0);
    return counts;
  });
  EXPECT_TRUE(counts.ok());
  return counts.ok() ? *counts : Counts{};
}

Result<bool> IfDue(api::App& app) {
  return app.writer().Run<bool>([&app](store::Connection& connection) {
    return api::WriteSnapshotsIfDue(connection, app.snapshot_books(), app.clock().NowMs(), false);
  });
}

TEST(Snapshots, TheTickWritesOnlyAfterAnIntervalAndShutdownOnlyAfterAChange) {
  testing::TestServer server(testing::FastTestOptions());
  testing::Market market(server.port());
  testing::ShopFixture shop = market.OpenShop("Snap Tea", "CNY", {20}, 1000);
  std::string buyer = market.Buyer("snap@example.com", 10'000);
  ASSERT_FALSE(market.BuyNow(buyer, shop.sku_ids[0], 2).empty());
  // Far below kSnapshotTransfersInterval: the tick leaves it for later.
  auto due = IfDue(server.app());
  ASSERT_TRUE(due.ok());
  EXPECT_FALSE(*due);
  EXPECT_EQ(SnapshotCounts(server.app()).ledger, 0);
  auto written = api::WriteSnapshotsNow(server.app());
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_TRUE(*written);
  EXPECT_EQ(SnapshotCounts(server.app()).ledger, 1);
  EXPECT_EQ(SnapshotCounts(server.app()).stock, 1);
  EXPECT_EQ(SnapshotCounts(server.app()).books, 2);
  // Nothing changed since: a clean stop writes nothing new.
  written = api::WriteSnapshotsNow(server.app());
  ASSERT_TRUE(written.ok());
  EXPECT_FALSE(*written);
  // Only the newest two are kept.
  for (int round = 0; round < 3; ++round) {
    market.TopUp(buyer, 100, "CNY");
    ASSERT_TRUE(api::WriteSnapshotsNow(server.app()).ok());
  }
  EXPECT_EQ(SnapshotCounts(server.app()).ledger, ledger::kLedgerSnapshotsKept);
  EXPECT_EQ(SnapshotCounts(server.app()).stock, catalog::kStockSnapshotsKept);
  // Top-ups are no order events: the event books were not written again.
  EXPECT_EQ(SnapshotCounts(server.app()).books, 2);
  for (int round = 0; round < 3; ++round) {
    ASSERT_FALSE(market.BuyNow(buyer, shop.sku_ids[0], 1).empty());
    ASSERT_TRUE(api::WriteSnapshotsNow(server.app()).ok());
  }
  EXPECT_EQ(SnapshotCounts(server.app()).books, 2 * store::kBookSnapshotsKept);
}

TEST(Snapshots, ARestartFromASnapshotAndTheTailServesTheSameState) {
  std::string data_dir = testing::MakeTempDir();
  api::AppOptions options = testing::FastTestOptions();
  options.data_dir = data_dir;
  options.timer_interval_ms = 0;
  testing::ShopFixture shop;
  int64_t wallet_before = 0;
  int64_t since_snapshot_before = 0;
  int64_t available_before = 0;
  std::vector<ledger::AccountSnapshot> accounts_before;
  credit::ShopFeatures features_before;
  reputation::ShopScore score_before;
  {
    testing::TestServer server(options);
    testing::Market market(server.port());
    shop = market.OpenShop("Snap Tea", "CNY", {30, 7}, 1000);
    std::string buyer = market.Buyer("snap@example.com", 50'000);
    std::vector<int64_t> paid = market.BuyNow(buyer, shop.sku_ids[0], 3);
    ASSERT_FALSE(paid.empty());
    // A completed sale before the snapshot and one after it: credit's
    // features and reputation's tallies come from both.
    ASSERT_GT(market.SellCompleted(shop, buyer, shop.sku_ids[1]), 0);
    auto client = market.Client();
    ASSERT_EQ(client
                  .Post("/api/v1/orders/" + std::to_string(paid[0]) + "/pay", "{}", buyer,
                        {{"Idempotency-Key", "pay-1"}})
                  .status,
              200);
    ASSERT_TRUE(api::WriteSnapshotsNow(server.app()).ok());
    // The tail: a second order paid after the snapshot, and an unpaid one.
    std::vector<int64_t> later = market.BuyNow(buyer, shop.sku_ids[1], 2);
    ASSERT_EQ(client
                  .Post("/api/v1/orders/" + std::to_string(later[0]) + "/pay", "{}", buyer,
                        {{"Idempotency-Key", "pay-2"}})
                  .status,
              200);
    ASSERT_FALSE(market.BuyNow(buyer, shop.sku_ids[0], 1).empty());
    ASSERT_GT(market.SellCompleted(shop, buyer, shop.sku_ids[1]), 0);
    const credit::ShopFeatures* features = server.app().credit().features().Find(shop.shop_id);
    ASSERT_NE(features, nullptr);
    features_before = *features;
    EXPECT_EQ(features_before.settled_orders, 2);
    EXPECT_EQ(features_before.repeat_buyers, 1);
    score_before = server.app().reputation().Score(shop.shop_id, server.app().clock().NowMs());
    wallet_before = market.WalletAvailable(buyer, "CNY");
    available_before = server.app().stock().Available(shop.sku_ids[0]);
    accounts_before = server.app().ledger().Accounts();
    auto since = server.app().writer().Run<int64_t>([&](store::Connection&) -> Result<int64_t> {
      return server.app().ledger().transfers_since_snapshot();
    });
    ASSERT_TRUE(since.ok());
    since_snapshot_before = *since;
  }
  testing::TestServer restarted(options);
  testing::Market market(restarted.port());
  std::string buyer = market.Login("snap@example.com");
  EXPECT_EQ(market.WalletAvailable(buyer, "CNY"), wallet_before);
  EXPECT_EQ(restarted.app().stock().Available(shop.sku_ids[0]), available_before);
  std::vector<ledger::AccountSnapshot> accounts_after = restarted.app().ledger().Accounts();
  ASSERT_EQ(accounts_before.size(), accounts_after.size());
  for (size_t index = 0; index < accounts_before.size(); ++index) {
    EXPECT_EQ(accounts_before[index].balance, accounts_after[index].balance);
  }
  const credit::ShopFeatures* features = restarted.app().credit().features().Find(shop.shop_id);
  ASSERT_NE(features, nullptr);
  EXPECT_EQ(*features, features_before);
  reputation::ShopScore score =
      restarted.app().reputation().Score(shop.shop_id, restarted.app().clock().NowMs());
  EXPECT_EQ(score.orders, score_before.orders);
  EXPECT_EQ(score.orders, 2);
  EXPECT_DOUBLE_EQ(score.score, score_before.score);
  // Started from the snapshot: only the tail was replayed.
  EXPECT_GT(since_snapshot_before, 0);
  auto since = restarted.app().writer().Run<int64_t>([&](store::Connection&) -> Result<int64_t> {
    return restarted.app().ledger().transfers_since_snapshot();
  });
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(*since, since_snapshot_before);
  auto problems = restarted.app().CheckInvariants();
  ASSERT_TRUE(problems.ok());
  for (const std::string& problem : *problems) ADD_FAILURE() << problem;
  std::error_code ec;
  std::filesystem::remove_all(data_dir, ec);
}

}  // namespace
}  // namespace shrimp
