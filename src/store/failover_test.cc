// PostgreSQL failover at the store level: a primary with a synchronous
// standby (testing/postgres_replica_set.h), kill -9 of the primary under a
// stream of commits, promotion of the standby. Runs in every `make test`
// (it starts its own two nodes, whatever SHRIMP_TEST_DB says).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include "store/db.h"
#include "testing/postgres_replica_set.h"

namespace shrimp::store {
namespace {

using Clock = std::chrono::steady_clock;
using testing::PostgresReplicaSet;

// Commits before the kill: enough that the kill lands mid-stream.
constexpr int64_t kCommitsBeforeKill = 200;
constexpr int64_t kCommitsMax = 1'000'000;
constexpr auto kFailoverMax = std::chrono::seconds(30);

int64_t Milliseconds(Clock::duration duration) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

// Opens a Db on `url` and commits one row, as a client that lost its
// database would retry; returns the Db once a write succeeded.
Result<std::unique_ptr<Db>> OpenAndWrite(const std::string& url, int64_t id) {
  SHRIMP_ASSIGN_OR_RETURN(auto db, Db::OpenPostgres(url, {.read_connections = 1}));
  SHRIMP_RETURN_IF_ERROR(db->write_connection().Exec(
      "INSERT INTO acknowledged (id, note) VALUES (" + std::to_string(id) + ", 'after')"));
  return db;
}

TEST(PostgresFailover, NoAcknowledgedCommitIsLostAndTheUrlFindsThePromotedStandby) {
  auto set = PostgresReplicaSet::Start();
  ASSERT_TRUE(set.ok()) << set.error().message;
  const std::string url = (*set)->FailoverUrl();

  auto db = Db::OpenPostgres(url, {.read_connections = 0});
  ASSERT_TRUE(db.ok()) << db.error().message;
  Connection& writer = (*db)->write_connection();
  ASSERT_TRUE(
      writer.Exec("CREATE TABLE acknowledged (id BIGINT PRIMARY KEY, note TEXT NOT NULL)").ok());

  // Commits through this connection wait for the standby: what makes the
  // test below a proof rather than luck (an asynchronous standby on the same
  // machine usually keeps up too).
  for (auto [setting, expected] :
       {std::pair{"synchronous_standby_names", "standby"}, std::pair{"synchronous_commit", "on"}}) {
    Query query(writer, std::string("SELECT current_setting('") + setting + "')");
    ASSERT_TRUE(query.Next()) << query.error().message;
    EXPECT_EQ(query.Text(0), expected) << setting;
  }

  // One row per commit, in id order; `last_acknowledged` is the last id whose
  // COMMIT returned success to this client.
  std::atomic<int64_t> last_acknowledged = 0;
  std::optional<Error> writer_error;
  std::thread commits([&] {
    for (int64_t id = 1; id <= kCommitsMax; ++id) {
      Status inserted = writer.Exec("INSERT INTO acknowledged (id, note) VALUES (" +
                                    std::to_string(id) + ", 'before')");
      if (!inserted.ok()) {
        writer_error = inserted.error();
        return;
      }
      last_acknowledged.store(id);
    }
  });
  auto started = Clock::now();
  while (last_acknowledged.load() < kCommitsBeforeKill && Clock::now() - started < kFailoverMax) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_GE(last_acknowledged.load(), kCommitsBeforeKill) << "the primary took no commits";

  auto killed_at = Clock::now();
  Status killed = (*set)->KillPrimary();
  commits.join();
  ASSERT_TRUE(killed.ok()) << killed.error().message;
  // The connection's loss is a retryable "storage_unavailable", not a crash.
  ASSERT_TRUE(writer_error.has_value()) << "commits went on after the primary died";
  EXPECT_EQ(writer_error->code, "storage_unavailable") << writer_error->message;
  const int64_t acknowledged = last_acknowledged.load();

  // Before the promotion no node accepts writes: the URL fails fast and
  // clearly (the standby is read-only, the primary's socket refuses).
  auto nowhere = Db::OpenPostgres(url, {.read_connections = 0});
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, "storage_unavailable");

  // A client retrying the same URL while the standby is promoted.
  std::unique_ptr<Db> after;
  Clock::time_point first_write_at;
  std::string last_error;
  std::thread retry([&] {
    while (Clock::now() - killed_at < kFailoverMax) {
      auto reopened = OpenAndWrite(url, kCommitsMax + 1);
      if (reopened.ok()) {
        first_write_at = Clock::now();
        after = std::move(reopened).value();
        return;
      }
      last_error = reopened.error().message;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  Status promoted = (*set)->PromoteStandby();
  auto promoted_after = Clock::now() - killed_at;
  retry.join();
  ASSERT_TRUE(promoted.ok()) << promoted.error().message;
  ASSERT_NE(after, nullptr) << "no write within " << kFailoverMax.count()
                            << " s of the kill: " << last_error;

  // Every acknowledged commit is on the promoted standby. Rows after it may
  // be there too (committed on both, the answer lost with the primary).
  auto present = after->Read([&](Connection& connection) {
    Query query(connection, "SELECT count(*) FROM acknowledged WHERE id <= ? AND note = 'before'");
    query.Bind(acknowledged);
    return query.ScalarInt();
  });
  ASSERT_TRUE(present.ok()) << present.error().message;
  EXPECT_EQ(present->value_or(-1), acknowledged);

  // The promoted node takes writes and reads them back through the same URL.
  ASSERT_TRUE(
      after->write_connection().Exec("UPDATE acknowledged SET note = 'kept' WHERE id = 1").ok());
  auto kept = after->Read([](Connection& connection) {
    Query query(connection, "SELECT count(*) FROM acknowledged WHERE id = 1 AND note = 'kept'");
    return query.ScalarInt();
  });
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(kept->value_or(-1), 1);

  // Teardown leaves nothing behind: both nodes stopped, directories gone.
  std::vector<std::string> dirs = (*set)->node_dirs();
  after.reset();
  set->reset();
  for (const std::string& dir : dirs) EXPECT_FALSE(std::filesystem::exists(dir)) << dir;

  std::printf(
      "[ figures  ] %lld commits acknowledged before kill -9 of the primary; kill -9 to the first "
      "write through the multi-host URL: %lld ms (to pg_ctl promote -w returning: %lld ms)\n",
      static_cast<long long>(acknowledged),
      static_cast<long long>(Milliseconds(first_write_at - killed_at)),
      static_cast<long long>(Milliseconds(promoted_after)));
}

}  // namespace
}  // namespace shrimp::store
