// The store's contract, run on SQLite and, with SHRIMP_TEST_DB=postgres, on
// PostgreSQL: the same SQL must give the same answers on both engines.
#include "store/db.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <thread>

#include "testing/postgres_cluster.h"

namespace shrimp::store {
namespace {

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

}  // namespace
}  // namespace shrimp::store
