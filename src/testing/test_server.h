// TestServer: the real App and HTTP server on port 0 in a fresh temporary
// data directory, with a fake clock, for API tests. With SHRIMP_TEST_DB=postgres
// the database is a fresh one in the test process's PostgreSQL cluster
// (testing/postgres_cluster.h) instead of a SQLite file.
#pragma once

#include <memory>
#include <string>

#include "api/app.h"
#include "core/clock.h"
#include "http/server.h"
#include "testing/http_client.h"

namespace shrimp::testing {

class TestServer {
 public:
  // Starts at once; aborts the test on failure. Uses options.data_dir when
  // set (and leaves it), else a fresh temporary directory.
  explicit TestServer(api::AppOptions options = {}, http::TrustedProxies trusted_proxies = {});
  ~TestServer();

  uint16_t port() const { return server_->port(); }
  api::App& app() { return *app_; }
  FakeClock& clock() { return clock_; }
  const std::string& data_dir() const { return data_dir_; }
  // The PostgreSQL URL in use, or empty on SQLite.
  const std::string& db_url() const { return db_url_; }
  HttpClient Client() const { return HttpClient("127.0.0.1", port()); }

  // Signs up and logs in; returns the token.
  std::string SignUpAndLogIn(const std::string& email, const std::string& name = "Test User",
                             const std::string& password = "correct horse battery");

 private:
  FakeClock clock_;
  std::string data_dir_;
  bool owns_data_dir_ = true;
  std::string db_url_;
  bool owns_database_ = false;
  std::unique_ptr<api::App> app_;
  std::unique_ptr<http::Server> server_;
};

// A fresh empty directory under the system temp dir.
std::string MakeTempDir();

// Fast argon2id settings for tests (the production minimum is in AccountOptions),
// with the sandbox payment provider enabled and no webhook secret.
api::AppOptions FastTestOptions();

}  // namespace shrimp::testing
