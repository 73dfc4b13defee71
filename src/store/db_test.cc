// The store's contract, run on SQLite and, with SHRIMP_TEST_DB=postgres, on
// PostgreSQL: the same SQL must give the same answers on both engines.
#include "store/db.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <thread>

#include "testing/faulty_connection.h"
#include "testing/postgres_cluster.h"

namespace shrimp::store {
namespace {

constexpr std::chrono::milliseconds kShortWait{200};

class StoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "shrimp-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_ = shrimp::testing::OpenTestDb(dir_, {.read_connections = 2, .synchronous_full = false});
    ASSERT_TRUE(
        Exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
             " amount INTEGER NOT NULL DEFAULT 0, note TEXT)"));
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  bool Exec(const std::string& sql) {
    Status status = db_->write_connection().Exec(sql);
    EXPECT_TRUE(status.ok()) << sql << ": " << (status.ok() ? "" : status.error().message);
    return status.ok();
  }
  Connection& connection() { return db_->write_connection(); }

  std::string dir_;
  std::unique_ptr<Db> db_;
};

TEST_F(StoreContract, BindsAndReadsIntegersTextAndNulls) {
  Query insert(connection(),
               "INSERT INTO items (name, amount, note) VALUES (?, ?, ?) RETURNING id");
  insert.Bind("big", int64_t{9'000'000'000'000'000'000}, std::nullopt);
  ASSERT_TRUE(insert.Next()) << insert.status().error().message;
  int64_t id = insert.Int(0);
  EXPECT_GT(id, 0);
  ASSERT_TRUE(insert.Run().ok());

  Query select(connection(), "SELECT name, amount, note, amount > ?, id FROM items WHERE id = ?");
  select.Bind(0, id);
  ASSERT_TRUE(select.Next()) << select.status().error().message;
  EXPECT_EQ(select.Text(0), "big");
  EXPECT_EQ(select.Int(1), 9'000'000'000'000'000'000);
  EXPECT_TRUE(select.IsNull(2));
  EXPECT_EQ(select.Int(3), 1);  // a comparison reads as 1, as in SQLite
  EXPECT_EQ(select.Int(4), id);
  EXPECT_FALSE(select.Next());
}

TEST_F(StoreContract, SumsCountsAndChangesReadAsIntegers) {
  for (int amount : {5, 7, 11}) {
    Query insert(connection(), "INSERT INTO items (name, amount) VALUES (?, ?)");
    insert.Bind("n" + std::to_string(amount), amount);
    ASSERT_TRUE(insert.Run().ok());
    EXPECT_EQ(connection().Changes(), 1);
  }
  Query sum(connection(), "SELECT COALESCE(SUM(amount), 0), count(*) FROM items WHERE amount > ?");
  sum.Bind(5);
  ASSERT_TRUE(sum.Next());
  EXPECT_EQ(sum.Int(0), 18);
  EXPECT_EQ(sum.Int(1), 2);
  Query update(connection(), "UPDATE items SET amount = amount + ? WHERE amount < ?");
  update.Bind(1, 10);
  ASSERT_TRUE(update.Run().ok());
  EXPECT_EQ(connection().Changes(), 2);
}

TEST_F(StoreContract, UniqueViolationIsConstraintViolation) {
  ASSERT_TRUE(Exec("INSERT INTO items (name) VALUES ('one')"));
  Query insert(connection(), "INSERT INTO items (name) VALUES (?)");
  insert.Bind("one");
  Status status = insert.Run();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "constraint_violation");
  EXPECT_EQ(status.error().kind, ErrorKind::kConflict);
}

TEST_F(StoreContract, InsertOrIgnoreAndOnConflictUpdate) {
  for (int round = 0; round < 2; ++round) {
    Query insert(connection(), "INSERT OR IGNORE INTO items (name, amount) VALUES (?, ?)");
    insert.Bind("same", 1);
    ASSERT_TRUE(insert.Run().ok());
  }
  Query upsert(connection(),
               "INSERT INTO items (name, amount) VALUES (?, ?)"
               " ON CONFLICT (name) DO UPDATE SET amount = items.amount + excluded.amount");
  upsert.Bind("same", 41);
  ASSERT_TRUE(upsert.Run().ok());
  Query read(connection(), "SELECT amount, count(*) FROM items GROUP BY amount");
  ASSERT_TRUE(read.Next());
  EXPECT_EQ(read.Int(0), 42);
  EXPECT_EQ(read.Int(1), 1);
}

TEST_F(StoreContract, LikeIgnoresAsciiCase) {
  ASSERT_TRUE(Exec("INSERT INTO items (name) VALUES ('Green Tea'), ('coffee')"));
  Query like(connection(), "SELECT count(*) FROM items WHERE name LIKE ? ESCAPE '\\'");
  like.Bind("%TEA%");
  auto count = like.ScalarInt();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->value_or(0), 1);
}

TEST_F(StoreContract, SavepointRollsBackOnlyTheFailedPart) {
  ASSERT_TRUE(Exec("BEGIN IMMEDIATE"));
  ASSERT_TRUE(Exec("INSERT INTO items (name) VALUES ('kept')"));
  ASSERT_TRUE(Query(connection(), "SAVEPOINT job").Run().ok());
  ASSERT_TRUE(Exec("INSERT INTO items (name) VALUES ('undone')"));
  Query duplicate(connection(), "INSERT INTO items (name) VALUES ('kept')");
  ASSERT_FALSE(duplicate.Run().ok());
  ASSERT_TRUE(Query(connection(), "ROLLBACK TO job").Run().ok());
  ASSERT_TRUE(Query(connection(), "RELEASE job").Run().ok());
  ASSERT_TRUE(Exec("COMMIT"));
  auto names = db_->Read([](Connection& reader) {
    Query query(reader, "SELECT name FROM items ORDER BY id");
    std::vector<std::string> out;
    while (query.Next()) out.push_back(query.Text(0));
    return out;
  });
  EXPECT_EQ(names, std::vector<std::string>{"kept"});
}

TEST_F(StoreContract, ReadConnectionsCannotWrite) {
  Status status = db_->Read([](Connection& reader) {
    return Query(reader, "INSERT INTO items (name) VALUES ('x')").Run();
  });
  EXPECT_FALSE(status.ok());
}

TEST_F(StoreContract, BadSqlIsAnErrorNotACrash) {
  Query bad(connection(), "SELEC nonsense");
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(bad.Next());
  EXPECT_FALSE(connection().Exec("CREATE TABLE (").ok());
}

// PostgreSQL only: a deadlock between two writers is reported as
// deadlock_detected (retryable), found by SQLSTATE.
TEST_F(StoreContract, PostgresDeadlockIsDistinguishable) {
  if (!shrimp::testing::UsePostgres()) {
    GTEST_SKIP() << "PostgreSQL only (SHRIMP_TEST_DB=postgres runs it: ctest -L postgres)";
  }
  ASSERT_TRUE(Exec("INSERT INTO items (name) VALUES ('a'), ('b')"));
  auto other = shrimp::testing::OpenTestDb(dir_, {.read_connections = 0});
  Connection& first = connection();
  Connection& second = other->write_connection();
  ASSERT_TRUE(first.Exec("BEGIN").ok());
  ASSERT_TRUE(second.Exec("BEGIN").ok());
  ASSERT_TRUE(first.Exec("UPDATE items SET amount = 1 WHERE name = 'a'").ok());
  ASSERT_TRUE(second.Exec("UPDATE items SET amount = 2 WHERE name = 'b'").ok());
  auto crossed = std::async(std::launch::async, [&] {
    return first.Exec("UPDATE items SET amount = 1 WHERE name = 'b'");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Status mine = second.Exec("UPDATE items SET amount = 2 WHERE name = 'a'");
  Status theirs = crossed.get();
  // Exactly one of the two is chosen as the victim.
  Status victim = mine.ok() ? theirs : mine;
  ASSERT_NE(mine.ok(), theirs.ok());
  EXPECT_EQ(victim.error().code, "deadlock_detected");
  EXPECT_EQ(victim.error().kind, ErrorKind::kUnavailable);
  (void)first.Exec("ROLLBACK");
  (void)second.Exec("ROLLBACK");
}

// A full pool: a Read waits DbOptions::read_wait for a connection, then its
// statements fail with storage_busy (503, retry-safe) instead of waiting
// forever; the pool serves again once the connection is back.
TEST_F(StoreContract, AFullPoolAnswersStorageBusyAfterABoundedWait) {
  auto db = shrimp::testing::OpenTestDb(dir_, {.read_connections = 1,
                                               .synchronous_full = false,
                                               .read_wait = kShortWait});
  std::promise<void> holding, release;
  auto holder = std::async(std::launch::async, [&] {
    return db->Read([&](Connection& reader) {
      holding.set_value();
      release.get_future().wait();
      return Query(reader, "SELECT count(*) FROM items").ScalarInt().ok();
    });
  });
  holding.get_future().wait();
  auto started = std::chrono::steady_clock::now();
  Status busy = db->Read(
      [](Connection& reader) { return Query(reader, "SELECT count(*) FROM items").Run(); });
  auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, "storage_busy");
  EXPECT_EQ(busy.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(busy.error().message.find("retry"), std::string::npos);
  EXPECT_GE(waited, kShortWait);
  EXPECT_LT(waited, std::chrono::seconds(10));
  release.set_value();
  EXPECT_TRUE(holder.get());
  auto count = db->Read(
      [](Connection& reader) { return Query(reader, "SELECT count(*) FROM items").ScalarInt(); });
  ASSERT_TRUE(count.ok()) << count.error().message;
}

// A connection lost in the middle of a Read: its statements fail cleanly
// with storage_unavailable (kUnavailable: 503, retry-safe), and the next Read
// gets a connection again. PostgreSQL only (a SQLite connection cannot be lost).
TEST_F(StoreContract, AReadConnectionLostMidReadFailsCleanlyAndIsReplaced) {
  if (!shrimp::testing::UsePostgres()) {
    GTEST_SKIP() << "PostgreSQL only (SHRIMP_TEST_DB=postgres runs it: ctest -L postgres)";
  }
  ASSERT_TRUE(Exec("INSERT INTO items (name) VALUES ('a'), ('b')"));
  auto db = shrimp::testing::OpenTestDb(dir_, {.read_connections = 1, .synchronous_full = false});
  std::vector<Status> failed = db->Read([](Connection& reader) {
    // The session ends itself in the middle of the request.
    Status ended = Query(reader, "SELECT pg_terminate_backend(pg_backend_pid())").Run();
    Status after = Query(reader, "SELECT count(*) FROM items").Run();
    return std::vector<Status>{ended, after};
  });
  ASSERT_FALSE(failed[1].ok());
  EXPECT_EQ(failed[1].error().code, "storage_unavailable");
  EXPECT_EQ(failed[1].error().kind, ErrorKind::kUnavailable);
  if (!failed[0].ok()) {
    EXPECT_EQ(failed[0].error().code, "storage_unavailable");
  }
  // The one connection of the pool is replaced on its next use.
  auto count = db->Read(
      [](Connection& reader) { return Query(reader, "SELECT count(*) FROM items").ScalarInt(); });
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(count->value_or(0), 2);
}

// Sessions the server ended while idle (pg_terminate_backend, a restart)
// are noticed before use and replaced: no request sees them.
TEST_F(StoreContract, IdleReadConnectionsEndedByTheServerAreReplacedBeforeUse) {
  if (!shrimp::testing::UsePostgres()) {
    GTEST_SKIP() << "PostgreSQL only (SHRIMP_TEST_DB=postgres runs it: ctest -L postgres)";
  }
  auto cluster = shrimp::testing::PostgresCluster::Shared();
  ASSERT_TRUE(cluster.ok());
  auto url = (*cluster)->DatabaseFor(dir_);
  ASSERT_TRUE(url.ok());
  auto ended = (*cluster)->TerminateSessions(*url, "shrimp reader");
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_EQ(*ended, 2);  // the fixture's two read connections
  for (int round = 0; round < 4; ++round) {
    auto count = db_->Read(
        [](Connection& reader) { return Query(reader, "SELECT count(*) FROM items").ScalarInt(); });
    ASSERT_TRUE(count.ok()) << "round " << round << ": " << count.error().message;
  }
}

// ReconnectWriter: a write connection whose session was ended (a failover,
// a restart) connects again with the same URL; a wrapper around it
// (WrapWriteConnection) stays in place. On SQLite it does nothing.
TEST_F(StoreContract, ReconnectWriterReplacesALostWriteConnection) {
  shrimp::testing::FaultyConnection* faulty = nullptr;
  db_->WrapWriteConnection([&](std::unique_ptr<Connection> inner) {
    auto wrapper = std::make_unique<shrimp::testing::FaultyConnection>(std::move(inner));
    faulty = wrapper.get();
    return wrapper;
  });
  ASSERT_TRUE(Query(connection(), "INSERT INTO items (name) VALUES (?)").Bind("before").Run().ok());
  if (shrimp::testing::UsePostgres()) {
    auto cluster = shrimp::testing::PostgresCluster::Shared();
    ASSERT_TRUE(cluster.ok());
    auto url = (*cluster)->DatabaseFor(dir_);
    ASSERT_TRUE(url.ok());
    auto ended = (*cluster)->TerminateSessions(*url, "shrimp writer");
    ASSERT_TRUE(ended.ok()) << ended.error().message;
    EXPECT_EQ(*ended, 1);
    EXPECT_TRUE(connection().lost());
    Status lost = Query(connection(), "INSERT INTO items (name) VALUES (?)").Bind("lost").Run();
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(lost.error().code, "storage_unavailable");
  }
  ASSERT_TRUE(db_->ReconnectWriter().ok());
  EXPECT_FALSE(connection().lost());
  EXPECT_EQ(&connection(), faulty);  // the wrapper is kept
  ASSERT_TRUE(Exec("BEGIN IMMEDIATE"));
  ASSERT_TRUE(Query(connection(), "INSERT INTO items (name) VALUES (?)").Bind("after").Run().ok());
  ASSERT_TRUE(Exec("COMMIT"));
  // The wrapper still injects its faults into the new session.
  faulty->FailAt(1);
  EXPECT_FALSE(Query(connection(), "INSERT INTO items (name) VALUES (?)").Bind("x").Run().ok());
  auto names = db_->Read([](Connection& reader) {
    Query query(reader, "SELECT name FROM items ORDER BY id");
    std::vector<std::string> out;
    while (query.Next()) out.push_back(query.Text(0));
    return out;
  });
  EXPECT_EQ(names, (std::vector<std::string>{"before", "after"}));
}

// The database goes away and comes back: while it is down, reads fail
// storage_unavailable and ReconnectWriter fails (the old connection stays);
// once it is back both work again, without reopening the Db.
TEST_F(StoreContract, ReadsAndReconnectWriterRecoverWhenTheDatabaseComesBack) {
  if (!shrimp::testing::UsePostgres()) {
    GTEST_SKIP() << "PostgreSQL only (SHRIMP_TEST_DB=postgres runs it: ctest -L postgres)";
  }
  ASSERT_TRUE(Exec("INSERT INTO items (name) VALUES ('kept')"));
  auto cluster = shrimp::testing::PostgresCluster::Shared();
  ASSERT_TRUE(cluster.ok());
  ASSERT_TRUE((*cluster)->StopServer().ok());
  auto count_items = [this] {
    return db_->Read(
        [](Connection& reader) { return Query(reader, "SELECT count(*) FROM items").ScalarInt(); });
  };
  auto down = count_items();
  Status reconnect_down = db_->ReconnectWriter();
  ASSERT_TRUE((*cluster)->StartServer().ok());
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, "storage_unavailable");
  ASSERT_FALSE(reconnect_down.ok());
  EXPECT_EQ(reconnect_down.error().code, "storage_unavailable");
  EXPECT_TRUE(connection().lost());

  ASSERT_TRUE(db_->ReconnectWriter().ok());
  ASSERT_TRUE(Exec("INSERT INTO items (name) VALUES ('after')"));
  // Reads come back within the reconnect pause.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  Result<std::optional<int64_t>> count = count_items();
  while (!count.ok() && std::chrono::steady_clock::now() < deadline) {
    EXPECT_EQ(count.error().code, "storage_unavailable");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    count = count_items();
  }
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(count->value_or(0), 2);
}

// A server that accepts the TCP connection and never answers (a hung
// machine): a connect attempt gives up after the driver's default
// connect_timeout (5 s) instead of the operating system's minutes. On
// 127.0.0.1 only; no PostgreSQL server needed.
TEST(PostgresConnect, AServerThatNeverAnswersTimesOut) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 4), 0);  // never accepted, never answered
  socklen_t length = sizeof address;
  ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  std::string url = "postgresql://shrimp@127.0.0.1:" + std::to_string(ntohs(address.sin_port)) +
                    "/shrimp?sslmode=disable";
  auto started = std::chrono::steady_clock::now();
  auto db = Db::OpenPostgres(url, {.read_connections = 0});
  auto took = std::chrono::steady_clock::now() - started;
  close(listener);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, "storage_unavailable");
  EXPECT_GE(took, std::chrono::seconds(4));
  EXPECT_LT(took, std::chrono::seconds(15));
}

}  // namespace
}  // namespace shrimp::store
