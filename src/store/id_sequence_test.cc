#include "store/id_sequence.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/journal.h"
#include "testing/postgres_cluster.h"
#include "testing/test_server.h"

namespace shrimp::store {
namespace {

TEST(MemoryIdSequence, StartsPastTheTableAndGivesBackIdsOfAFailedJob) {
  std::string dir = shrimp::testing::MakeTempDir();
  {
    auto db = shrimp::testing::OpenTestDb(dir, {.read_connections = 1});
    Connection& connection = db->write_connection();
    ASSERT_TRUE(
        connection.Exec("CREATE TABLE things (id INTEGER PRIMARY KEY, batch INTEGER)").ok());
    ASSERT_TRUE(connection.Exec("INSERT INTO things VALUES (7, 3)").ok());

    MemoryIdSequence ids("things", "id");
    ASSERT_TRUE(ids.Load(connection).ok());
    EXPECT_EQ(ids.next(), 8);
    EXPECT_TRUE(ids.Check(connection).ok());

    // A job takes two ids and fails: both come back.
    connection.journal().Open();
    size_t mark = connection.journal().Mark();
    EXPECT_EQ(*ids.Next(connection), 8);
    EXPECT_EQ(*ids.Next(connection), 9);
    connection.journal().RollbackTo(mark);
    EXPECT_EQ(ids.next(), 8);

    // One that commits its row keeps it, and Check agrees with the table.
    int64_t id = *ids.Next(connection);
    connection.journal().Close();
    ASSERT_TRUE(connection.Exec("INSERT INTO things VALUES (" + std::to_string(id) + ", 4)").ok());
    EXPECT_TRUE(ids.Check(connection).ok());

    // An id handed out but never inserted is a difference Check reports.
    connection.journal().Open();
    (void)ids.Next(connection);
    connection.journal().Close();
    EXPECT_FALSE(ids.Check(connection).ok());

    MemoryIdSequence batches("things", "batch");
    ASSERT_TRUE(batches.Load(connection).ok());
    EXPECT_EQ(batches.next(), 5);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace shrimp::store
