#include "store/idempotency.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/migrate.h"
#include "testing/test_server.h"

namespace shrimp::store {
namespace {

class IdempotencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = shrimp::testing::MakeTempDir();
    db_ = std::move(Db::OpenSqlite(dir_ + "/t.db", {.read_connections = 1}).value());
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
  IdempotencyStore store;
  Connection& connection = db_->write_connection();
  auto first = store.Lookup(connection, "user:1", "k1", "fp-a");
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->has_value());
  ASSERT_TRUE(store.Record(connection, "user:1", "k1", "fp-a", {201, "{\"id\":7}"}, 1000).ok());

  auto replay = store.Lookup(connection, "user:1", "k1", "fp-a");
  ASSERT_TRUE(replay.ok());
  ASSERT_TRUE(replay->has_value());
  EXPECT_EQ((*replay)->status, 201);
  EXPECT_EQ((*replay)->body, "{\"id\":7}");

  auto reused = store.Lookup(connection, "user:1", "k1", "fp-b");
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().code, "idempotency_key_reused");

  // Another scope may use the same key.
  auto other = store.Lookup(connection, "user:2", "k1", "fp-b");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

TEST_F(IdempotencyTest, SurvivesReloadWithinRetention) {
  Connection& connection = db_->write_connection();
  {
    IdempotencyStore store;
    ASSERT_TRUE(store.Record(connection, "s", "k", "fp", {200, "x"}, 1000).ok());
  }
  IdempotencyStore reloaded;
  ASSERT_TRUE(reloaded.Load(connection, 2000).ok());
  auto replay = reloaded.Lookup(connection, "s", "k", "fp");
  ASSERT_TRUE(replay.ok());
  ASSERT_TRUE(replay->has_value());
  EXPECT_EQ((*replay)->body, "x");

  IdempotencyStore expired;
  ASSERT_TRUE(expired.Load(connection, 1000 + kIdempotencyRetentionMs + 1).ok());
  EXPECT_EQ(expired.size(), 0u);
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
