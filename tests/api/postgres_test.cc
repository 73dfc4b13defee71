// shrimp on PostgreSQL: what only that engine has (the --db option's
// refusals; several servers on one database: cluster_test.cc). The other API suites run on
// PostgreSQL too, with SHRIMP_TEST_DB=postgres (ctest -L postgres).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "testing/postgres_cluster.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::TestServer;

TEST(Postgres, DbTakesOnlyAPostgresUrl) {
  api::AppOptions options = testing::FastTestOptions();
  options.data_dir = testing::MakeTempDir();
  options.db_url = "/tmp/elsewhere.db";
  FakeClock clock(1'795'000'000'000);
  auto app = api::App::Open(options, clock);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().code, "db_url_invalid");
  std::filesystem::remove_all(options.data_dir);
}

TEST(Postgres, AnUnreachableDatabaseIsAClearErrorNotACrash) {
  api::AppOptions options = testing::FastTestOptions();
  options.data_dir = testing::MakeTempDir();
  // A unix socket directory with no server in it: no network traffic at all.
  options.db_url = "postgresql:///shrimp?host=" + options.data_dir + "&connect_timeout=2";
  FakeClock clock(1'795'000'000'000);
  auto app = api::App::Open(options, clock);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().code, "storage_unavailable");
  std::filesystem::remove_all(options.data_dir);
}

}  // namespace
}  // namespace shrimp
