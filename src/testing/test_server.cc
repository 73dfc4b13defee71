#include "testing/test_server.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <stdlib.h>

#include <spdlog/spdlog.h>

#include <filesystem>

#include "testing/postgres_cluster.h"

namespace shrimp::testing {
namespace {

// Tests log warnings and errors only; SHRIMP_TEST_LOG=info shows everything.
const bool kQuietLogs = [] {
  const char* level = std::getenv("SHRIMP_TEST_LOG");
  spdlog::set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
  return true;
}();

}  // namespace

std::string MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "shrimp-test-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) std::abort();
  return made;
}

api::AppOptions FastTestOptions() {
  api::AppOptions options;
  options.accounts.password_ops = 1;
  options.accounts.password_memory_bytes = 64 * 1024;
  options.db.synchronous_full = false;
  // Fixtures fund buyers through sandbox top-ups: an explicit opt-in, as
  // `shrimp serve --sandbox` is for a server.
  options.sandbox_provider = true;
  return options;
}

TestServer::TestServer(api::AppOptions options, http::TrustedProxies trusted_proxies)
    : clock_(1'795'000'000'000) {
  if (sodium_init() < 0) std::abort();
  // A given data directory is the caller's (a restart test reopens it);
  // otherwise a fresh one, removed with the server.
  owns_data_dir_ = options.data_dir.empty();
  data_dir_ = owns_data_dir_ ? MakeTempDir() : options.data_dir;
  options.data_dir = data_dir_;
  options.check_schemas = true;
  if (options.db_url.empty() && UsePostgres()) {
    // A fresh database for a fresh directory; a caller's directory (a
    // restart) gets the database it had before.
    auto cluster = PostgresCluster::Shared();
    if (!cluster.ok()) {
      ADD_FAILURE() << cluster.error().message;
      std::abort();
    }
    auto url = owns_data_dir_ ? (*cluster)->CreateDatabase() : (*cluster)->DatabaseFor(data_dir_);
    if (!url.ok()) {
      ADD_FAILURE() << "PostgreSQL test database: " << url.error().message;
      std::abort();
    }
    options.db_url = *url;
    owns_database_ = owns_data_dir_;
  }
  db_url_ = options.db_url;
  auto app = api::App::Open(options, clock_);
  if (!app.ok()) {
    ADD_FAILURE() << "App::Open: " << app.error().message;
    std::abort();
  }
  app_ = std::move(app).value();
  http::ServerOptions server_options;
  server_options.port = 0;
  server_options.io_threads = 2;
  server_options.access_log = false;
  server_options.trusted_proxies = std::move(trusted_proxies);
  server_ = std::make_unique<http::Server>(server_options, app_->router(), app_->metrics());
  std::string error;
  if (!server_->Start(&error)) {
    ADD_FAILURE() << error;
    std::abort();
  }
}

TestServer::~TestServer() {
  server_->Stop();
  server_->Wait();
  app_->Stop();
  app_.reset();
  std::error_code ec;
  if (owns_data_dir_) std::filesystem::remove_all(data_dir_, ec);
  if (owns_database_) (*PostgresCluster::Shared())->DropDatabase(db_url_);
}

std::string TestServer::SignUpAndLogIn(const std::string& email, const std::string& name,
                                       const std::string& password) {
  HttpClient client = Client();
  auto signed_up = client.Post("/api/v1/users", R"({"email":")" + email + R"(","password":")" +
                                                    password + R"(","name":")" + name + R"("})");
  EXPECT_EQ(signed_up.status, 201) << signed_up.body;
  auto logged_in = client.Post("/api/v1/sessions",
                               R"({"email":")" + email + R"(","password":")" + password + R"("})");
  EXPECT_EQ(logged_in.status, 201) << logged_in.body;
  if (!logged_in.json.IsObject() || !logged_in.json.HasMember("token")) return "";
  return logged_in.json["token"].GetString();
}

}  // namespace shrimp::testing
