// PostgreSQL faults (issue 14, "Bad input and faults"): a database that is
// down at start (a clear message per attempt, a bounded wait, then a clean
// exit or serving once it is up), a connection lost mid-request (503 with a
// retry-safe body, then serving again once the database is back), a full
// read pool (a bounded wait, then 503; also store/db_test.cc).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <thread>

#include "testing/postgres_cluster.h"
#include "testing/server_process.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::PostgresCluster;
using testing::ServerProcess;
using testing::TestServer;

struct CommandResult {
  int exit_code = -1;  // -1: killed by a signal (a crash)
  std::string output;  // stdout and stderr
  std::chrono::milliseconds took{0};
};

CommandResult RunShrimp(const std::string& arguments) {
  CommandResult result;
  auto start = std::chrono::steady_clock::now();
  std::string command = std::string(SHRIMP_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe)) result.output += buffer;
  int status = pclose(pipe);
  result.took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A PostgreSQL URL whose unix socket directory has no server in it: no
// network traffic at all.
std::string NobodyListening(const std::string& dir) {
  return "'postgresql:///shrimp?host=" + dir + "&connect_timeout=2'";
}

TEST(PostgresFaults, OpeningGivesUpAfterTheWaitWithAClearMessage) {
  std::string dir = testing::MakeTempDir();
  CommandResult waited =
      RunShrimp("check --data " + dir + " --db " + NobodyListening(dir) + " --db-wait-seconds 1");
  EXPECT_GT(waited.exit_code, 0) << waited.output;  // an exit code, not a crash
  // One line per attempt, then the reason it gave up.
  EXPECT_NE(waited.output.find("cannot be reached (attempt 1)"), std::string::npos)
      << waited.output;
  EXPECT_NE(waited.output.find("cannot be reached (attempt 2)"), std::string::npos)
      << waited.output;
  EXPECT_NE(waited.output.find("gave up after"), std::string::npos) << waited.output;
  EXPECT_NE(waited.output.find("cannot connect to PostgreSQL"), std::string::npos) << waited.output;
  EXPECT_GE(waited.took, std::chrono::seconds(1));
  EXPECT_LT(waited.took, std::chrono::seconds(15));

  // --db-wait-seconds 0: one attempt.
  CommandResult once =
      RunShrimp("check --data " + dir + " --db " + NobodyListening(dir) + " --db-wait-seconds 0");
  EXPECT_GT(once.exit_code, 0) << once.output;
  EXPECT_EQ(once.output.find("attempt"), std::string::npos) << once.output;
  EXPECT_NE(once.output.find("cannot connect to PostgreSQL"), std::string::npos) << once.output;
  std::filesystem::remove_all(dir);
}

TEST(PostgresFaults, ServeWaitsForADatabaseThatStartsLate) {
  if (!testing::UsePostgres()) {
    GTEST_SKIP() << "PostgreSQL only (SHRIMP_TEST_DB=postgres runs it: ctest -L postgres)";
  }
  auto cluster = PostgresCluster::Shared();
  ASSERT_TRUE(cluster.ok()) << cluster.error().message;
  std::string data_dir = testing::MakeTempDir();
  // The database exists; then the server goes away before shrimp starts.
  ASSERT_TRUE((*cluster)->DatabaseFor(data_dir).ok());
  ASSERT_TRUE((*cluster)->StopServer().ok());
  Status restarted = OkStatus();
  std::thread late([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1'500));
    restarted = (*cluster)->StartServer();
  });
  {
    ServerProcess server(SHRIMP_BINARY, data_dir, {"--db-wait-seconds", "30"});
    late.join();
    ASSERT_TRUE(restarted.ok()) << restarted.error().message;
    ASSERT_GT(server.port(), 0);
    testing::HttpClient client("127.0.0.1", server.port());
    EXPECT_EQ(client.Get("/api/v1/shops").status, 200);
  }
  std::filesystem::remove_all(data_dir);
}

TEST(PostgresFaults, ALostDatabaseAnswers503RetrySafeAndServesAgainWhenBack) {
  if (!testing::UsePostgres()) {
    GTEST_SKIP() << "PostgreSQL only (SHRIMP_TEST_DB=postgres runs it: ctest -L postgres)";
  }
  auto cluster = PostgresCluster::Shared();
  ASSERT_TRUE(cluster.ok()) << cluster.error().message;
  std::string data_dir = testing::MakeTempDir();
  {
    ServerProcess server(SHRIMP_BINARY, data_dir);
    ASSERT_GT(server.port(), 0);
    testing::HttpClient client("127.0.0.1", server.port());
    ASSERT_EQ(client.Get("/api/v1/shops").status, 200);

    ASSERT_TRUE((*cluster)->StopServer().ok());
    for (int attempt = 0; attempt < 3; ++attempt) {
      testing::HttpResult down = client.Get("/api/v1/shops");
      EXPECT_EQ(down.status, 503) << down.body;
      EXPECT_EQ(down.ErrorCode(), "storage_unavailable") << down.body;
      // The body tells the client that nothing changed and retrying is safe.
      EXPECT_NE(down.body.find("nothing was changed, retry later"), std::string::npos) << down.body;
    }

    ASSERT_TRUE((*cluster)->StartServer().ok());
    // Within a bounded time (the reconnect pause), the same server reads again.
    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      status = client.Get("/api/v1/shops").status;
      if (status == 200) break;
      EXPECT_EQ(status, 503);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(status, 200);
    for (int round = 0; round < 8; ++round) EXPECT_EQ(client.Get("/api/v1/shops").status, 200);
  }
  std::filesystem::remove_all(data_dir);
}

TEST(PostgresFaults, ReadSessionsEndedByTheServerAreReplacedWithoutFailingARequest) {
  if (!testing::UsePostgres()) {
    GTEST_SKIP() << "PostgreSQL only (SHRIMP_TEST_DB=postgres runs it: ctest -L postgres)";
  }
  auto cluster = PostgresCluster::Shared();
  ASSERT_TRUE(cluster.ok()) << cluster.error().message;
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  ASSERT_EQ(client.Get("/api/v1/shops").status, 200);
  auto ended = (*cluster)->TerminateSessions(server.db_url(), "shrimp reader");
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_GT(*ended, 0);
  for (int round = 0; round < 12; ++round) {
    testing::HttpResult result = client.Get("/api/v1/shops");
    EXPECT_EQ(result.status, 200) << "round " << round << ": " << result.body;
  }
}

// A full pool, over HTTP and on both stores: a request that finds every read
// connection busy for DbOptions::read_wait answers 503 storage_busy, then
// the server serves again as soon as one is free.
TEST(PostgresFaults, AFullReadPoolAnswers503StorageBusy) {
  api::AppOptions options = testing::FastTestOptions();
  options.db.read_connections = 1;
  options.db.read_wait = std::chrono::milliseconds(200);
  TestServer server(options);
  auto client = server.Client();
  ASSERT_EQ(client.Get("/api/v1/shops").status, 200);
  std::promise<void> holding, release;
  std::thread holder([&] {
    server.app().db().Read([&](store::Connection&) {
      holding.set_value();
      release.get_future().wait();
      return 0;
    });
  });
  holding.get_future().wait();
  testing::HttpResult busy = client.Get("/api/v1/shops");
  release.set_value();
  holder.join();
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(busy.ErrorCode(), "storage_busy") << busy.body;
  EXPECT_NE(busy.body.find("nothing was changed, retry later"), std::string::npos) << busy.body;
  EXPECT_EQ(client.Get("/api/v1/shops").status, 200);
}

}  // namespace
}  // namespace shrimp
