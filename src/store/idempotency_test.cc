#include "store/idempotency.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/migrate.h"
#include "testing/postgres_cluster.h"
#include "testing/test_server.h"

namespace shrimp::store {
namespace {

class IdempotencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = shrimp::testing::MakeTempDir();
    db_ = shrimp::testing::OpenTestDb(dir_, {.read_connections = 1});
    ASSERT_TRUE(Migrate(db_->write_connection(), IdempotencyStore::Migrations(), 0).ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string dir_;
  std::unique_ptr<Db> db_;
};

TEST_F(IdempotencyTest, ReplaysFirstResponseAndRejectsDifferentRequest) {
  MemoryIdempotencyStore store;
  Connection& connection = db_->write_connection();
  auto first = store.Lookup(connection, "user:1", "k1", "fp-a", 1000);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->has_value());
  ASSERT_TRUE(store.Record(connection, "user:1", "k1", "fp-a", {201, "{\"id\":7}"}, 1000).ok());

  auto replay = store.Lookup(connection, "user:1", "k1", "fp-a", 1000);
  ASSERT_TRUE(replay.ok());
  ASSERT_TRUE(replay->has_value());
  EXPECT_EQ((*replay)->status, 201);
  EXPECT_EQ((*replay)->body, "{\"id\":7}");

  auto reused = store.Lookup(connection, "user:1", "k1", "fp-b", 1000);
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().code, "idempotency_key_reused");

  // Another scope may use the same key.
  auto other = store.Lookup(connection, "user:2", "k1", "fp-b", 1000);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

TEST_F(IdempotencyTest, SurvivesReloadWithinRetention) {
  Connection& connection = db_->write_connection();
  {
    MemoryIdempotencyStore store;
    ASSERT_TRUE(store.Record(connection, "s", "k", "fp", {200, "x"}, 1000).ok());
  }
  MemoryIdempotencyStore reloaded;
  ASSERT_TRUE(reloaded.Load(connection, 2000).ok());
  auto replay = reloaded.Lookup(connection, "s", "k", "fp", 2000);
  ASSERT_TRUE(replay.ok());
  ASSERT_TRUE(replay->has_value());
  EXPECT_EQ((*replay)->body, "x");

  MemoryIdempotencyStore expired;
  ASSERT_TRUE(expired.Load(connection, 1000 + kIdempotencyRetentionMs + 1).ok());
  EXPECT_EQ(expired.size(), 0u);
}

// The defect behind "money from nothing": a key replayed after retention hit
// its old row. Now an expired key is new again, in memory and on disk.
TEST_F(IdempotencyTest, ExpiredKeyIsNewAgainAndReplacesItsRow) {
  Connection& connection = db_->write_connection();
  MemoryIdempotencyStore store;
  ASSERT_TRUE(store.Record(connection, "s", "k", "fp-a", {201, "first"}, 1000).ok());
  int64_t later = 1000 + kIdempotencyRetentionMs + 1;
  auto looked = store.Lookup(connection, "s", "k", "fp-b", later);
  ASSERT_TRUE(looked.ok());
  EXPECT_FALSE(looked->has_value());
  ASSERT_TRUE(store.Record(connection, "s", "k", "fp-b", {201, "second"}, later).ok());
  auto replay = store.Lookup(connection, "s", "k", "fp-b", later);
  ASSERT_TRUE(replay.ok() && replay->has_value());
  EXPECT_EQ((*replay)->body, "second");
}

TEST_F(IdempotencyTest, PurgeDeletesExpiredRowsAndMemoryTogether) {
  Connection& connection = db_->write_connection();
  MemoryIdempotencyStore store;
  ASSERT_TRUE(store.Record(connection, "s", "old", "fp", {200, "x"}, 1000).ok());
  ASSERT_TRUE(store.Record(connection, "s", "new", "fp", {200, "y"}, 5000).ok());
  auto purged = store.Purge(connection, 1000 + kIdempotencyRetentionMs);
  ASSERT_TRUE(purged.ok());
  EXPECT_EQ(*purged, 1);
  EXPECT_EQ(store.size(), 1u);
  Query rows(connection, "SELECT count(*) FROM idempotency_keys");
  EXPECT_EQ(rows.ScalarInt()->value_or(-1), 1);
}

TEST_F(IdempotencyTest, KeysPerScopeAreBoundedOnDisk) {
  Connection& connection = db_->write_connection();
  MemoryIdempotencyStore store;
  for (int64_t index = 0; index < kIdempotencyKeysPerScopeMax + 5; ++index) {
    ASSERT_TRUE(
        store.Record(connection, "s", "k" + std::to_string(index), "fp", {200, "x"}, 1000 + index)
            .ok());
  }
  Query rows(connection, "SELECT count(*) FROM idempotency_keys WHERE scope = 's'");
  EXPECT_EQ(rows.ScalarInt()->value_or(-1), kIdempotencyKeysPerScopeMax);
  auto oldest = store.Lookup(connection, "s", "k0", "other", 2000);
  ASSERT_TRUE(oldest.ok());
  EXPECT_FALSE(oldest->has_value());  // forgotten, not "reused"
}

TEST_F(IdempotencyTest, FailedJobForgetsTheKeyInMemory) {
  Connection& connection = db_->write_connection();
  MemoryIdempotencyStore store;
  connection.journal().Open();
  ASSERT_TRUE(connection.Exec("BEGIN").ok());
  ASSERT_TRUE(store.Record(connection, "s", "k", "fp", {200, "x"}, 1000).ok());
  ASSERT_TRUE(connection.Exec("ROLLBACK").ok());
  connection.journal().RollbackTo(0);
  connection.journal().Close();
  EXPECT_EQ(store.size(), 0u);
  // The key is free: recording it again does not conflict.
  ASSERT_TRUE(store.Record(connection, "s", "k", "fp2", {200, "y"}, 1000).ok());
}

TEST(IdempotencyKey, Validation) {
  EXPECT_TRUE(ValidateIdempotencyKey("abc-123_XYZ").ok());
  EXPECT_FALSE(ValidateIdempotencyKey("").ok());
  EXPECT_FALSE(ValidateIdempotencyKey("has space").ok());
  EXPECT_FALSE(ValidateIdempotencyKey(std::string(256, 'a')).ok());
  EXPECT_FALSE(ValidateIdempotencyKey("line\nbreak").ok());
}

}  // namespace
}  // namespace shrimp::store
