#include "partners/retention.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "partners/outbox.h"
#include "partners/webhooks.h"
#include "store/migrate.h"
#include "testing/postgres_cluster.h"
#include "testing/test_server.h"

namespace shrimp::partners {
namespace {

class RetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = shrimp::testing::MakeTempDir();
    db_ = shrimp::testing::OpenTestDb(dir_, {.read_connections = 1});
    std::vector<store::Migration> migrations = OutboxMigrations();
    for (auto& migration : WebhookMigrations()) migrations.push_back(migration);
    for (auto& migration : RetentionMigrations()) migrations.push_back(migration);
    ASSERT_TRUE(store::Migrate(db_->write_connection(), migrations, 0).ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  store::Connection& connection() { return db_->write_connection(); }

  int64_t AddEvent(int64_t at_ms) {
    Event event;
    event.type = "order.created";
    event.object_type = "order";
    event.object_id = 1;
    event.shop_id = 1;
    event.created_at_ms = at_ms;
    event.data_json = "{}";
    auto id = AppendEvent(connection(), event, at_ms);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  void AddDelivery(int64_t event_id, const std::string& status, int64_t finished_at_ms) {
    store::Query insert(connection(),
                        "INSERT INTO webhook_deliveries (endpoint_id, event_id, object_key, status,"
                        " next_attempt_at, created_at, finished_at) VALUES (1, ?, 'order:1', ?, 0,"
                        " 0, ?) RETURNING id");
    insert.Bind(event_id, status, finished_at_ms);
    auto id = insert.ScalarInt();
    ASSERT_TRUE(id.ok() && *id);
    ASSERT_TRUE(insert.Run().ok());
    store::Query attempt(connection(),
                         "INSERT INTO webhook_attempts (delivery_id, at, status_code, latency_ms,"
                         " response_snippet, error) VALUES (?, 0, 500, 1, '', '')");
    attempt.Bind(**id);
    ASSERT_TRUE(attempt.Run().ok());
  }
  std::set<int64_t> Events() {
    std::set<int64_t> ids;
    store::Query query(connection(), "SELECT id FROM events");
    while (query.Next()) ids.insert(query.Int(0));
    EXPECT_TRUE(query.ok());
    return ids;
  }
  int64_t Count(const char* table) {
    auto count =
        store::Query(connection(), std::string("SELECT COUNT(*) FROM ") + table).ScalarInt();
    EXPECT_TRUE(count.ok());
    return count.ok() ? count->value_or(0) : -1;
  }

  std::string dir_;
  std::unique_ptr<store::Db> db_;
};

TEST_F(RetentionTest, PrunesInBoundedBatchesPastRowsItMustKeep) {
  constexpr int64_t kNow = 1'000;
  RetentionOptions options{.retention_ms = 100, .interval_ms = 0, .batch_max = 3, .scan_max = 4};
  // Events 1..10 are owed by a pending delivery; 11..20 are free once their
  // finished delivery (old) goes; 21..22 are young; 23 is past the cursor.
  for (int64_t i = 1; i <= 20; ++i) ASSERT_EQ(AddEvent(10), i);
  for (int64_t i = 1; i <= 10; ++i) AddDelivery(i, "pending", 0);
  AddDelivery(11, "succeeded", 50);
  AddDelivery(12, "failed", 50);
  AddDelivery(13, "succeeded", kNow - 10);  // finished recently: stays, keeps its event
  AddEvent(kNow - 50);
  AddEvent(kNow - 1);
  AddEvent(10);
  constexpr int64_t kCursor = 22;

  int64_t hint = 0;
  std::vector<int64_t> hints;
  for (int pass = 0; pass < 12; ++pass) {
    auto pruned = PruneOutbox(connection(), options, kNow, kCursor, hint);
    ASSERT_TRUE(pruned.ok()) << pruned.error().message;
    EXPECT_LE(pruned->events, options.batch_max);
    EXPECT_LE(pruned->deliveries, options.batch_max);
    hint = pruned->next_scan_from;
    hints.push_back(hint);
  }
  // The first passes walk past the owed events four at a time.
  EXPECT_EQ(hints[0], 4);
  EXPECT_EQ(hints[1], 8);
  std::set<int64_t> expected;
  for (int64_t i = 1; i <= 10; ++i) expected.insert(i);
  expected.insert({13, 21, 22, 23});
  EXPECT_EQ(Events(), expected);
  EXPECT_EQ(Count("webhook_deliveries"), 11);  // the 10 pending and the recent one
  EXPECT_EQ(Count("webhook_attempts"), 11);
}

TEST_F(RetentionTest, NothingYoungerThanTheRetentionGoes) {
  RetentionOptions options{.retention_ms = 100, .interval_ms = 0, .batch_max = 10, .scan_max = 10};
  AddEvent(950);
  AddEvent(990);
  AddDelivery(1, "succeeded", 960);
  auto pruned = PruneOutbox(connection(), options, 1'000, 2, 0);
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ(pruned->events + pruned->deliveries + pruned->attempts, 0);
  EXPECT_EQ(pruned->next_scan_from, 0);
  EXPECT_EQ(Events().size(), 2u);
}

}  // namespace
}  // namespace shrimp::partners
