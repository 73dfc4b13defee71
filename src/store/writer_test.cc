#include "store/writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <vector>

#include "testing/postgres_cluster.h"
#include "testing/test_server.h"

namespace shrimp::store {
namespace {

Result<int64_t> Count(Connection& connection) {
  Query count(connection, "SELECT count(*) FROM items");
  SHRIMP_ASSIGN_OR_RETURN(auto value, count.ScalarInt());
  return value.value_or(0);
}

// Both durability modes: the commit syncs itself, or the syncer thread syncs
// the WAL before acknowledging.
class WriterTest : public ::testing::TestWithParam<bool> {};

TEST_P(WriterTest, EveryAcknowledgedJobIsCommittedAndOneFailureSparesItsNeighbours) {
  // SQLite, or PostgreSQL with SHRIMP_TEST_DB=postgres (it syncs its own WAL).
  std::string dir = testing::MakeTempDir();
  DbOptions options;
  options.sync_off_thread = GetParam();
  {
    auto db = testing::OpenTestDb(dir, options);
    if (!testing::UsePostgres()) {
      EXPECT_EQ(db->wal_to_sync().empty(), !GetParam());
    }
    ASSERT_TRUE(db->write_connection()
                    .Exec("CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")
                    .ok());
    Writer writer(*db, WriterOptions{});
    writer.Start();
    constexpr int kJobs = 400;
    std::vector<std::future<Result<int64_t>>> results;
    std::atomic<int> acknowledged = 0;
    for (int i = 0; i < kJobs; ++i) {
      auto promise = std::make_shared<std::promise<Result<int64_t>>>();
      results.push_back(promise->get_future());
      writer.Submit<int64_t>(
          [i](Connection& connection) -> Result<int64_t> {
            Query insert(connection, "INSERT INTO items (v) VALUES (?)");
            insert.Bind(i);
            SHRIMP_RETURN_IF_ERROR(insert.Run());
            if (i % 10 == 0) return Conflict("refused", "every tenth job fails after writing");
            return i;
          },
          [promise, &acknowledged](Result<int64_t> result) {
            acknowledged += 1;
            promise->set_value(std::move(result));
          });
    }
    int ok = 0;
    for (auto& result : results) ok += result.get().ok() ? 1 : 0;
    EXPECT_EQ(ok, kJobs - kJobs / 10);
    EXPECT_EQ(acknowledged.load(), kJobs);
    writer.Stop();
    EXPECT_EQ(writer.stats().jobs, static_cast<uint64_t>(kJobs));
  }
  // Reopened: exactly the jobs that succeeded are there.
  auto db = testing::OpenTestDb(dir, options);
  auto count = db->Read([](Connection& connection) { return Count(connection); });
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 360);
}

INSTANTIATE_TEST_SUITE_P(Durability, WriterTest, ::testing::Bool(), [](const auto& info) {
  return info.param ? "SyncOffThread" : "SyncInCommit";
});

}  // namespace
}  // namespace shrimp::store
