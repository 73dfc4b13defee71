// App: the running marketplace, wired once at start-up: the clock, the store,
// the writer, every domain service, and the router holding every route.
#pragma once

#include <memory>
#include <string>

#include "accounts/accounts.h"
#include "core/clock.h"
#include "http/metrics.h"
#include "http/router.h"
#include "store/db.h"
#include "store/idempotency.h"
#include "store/writer.h"

namespace shrimp::api {

struct AppOptions {
  std::string data_dir;
  // The built web app (index.html + assets/) to serve at /; empty: API only.
  std::string web_dir;
  accounts::AccountOptions accounts;
  store::WriterOptions writer;
  store::DbOptions db;
};

class App {
 public:
  // Opens the store under options.data_dir, applies migrations, builds the
  // services and the routes, and starts the writer.
  static Result<std::unique_ptr<App>> Open(AppOptions options, const Clock& clock);
  ~App();

  const Clock& clock() const { return clock_; }
  store::Db& db() { return *db_; }
  store::Writer& writer() { return *writer_; }
  http::Router& router() { return router_; }
  http::Metrics& metrics() { return metrics_; }
  accounts::AccountService& accounts() { return *accounts_; }
  // REQUIRES: writer thread (inside a writer job).
  store::IdempotencyStore& idempotency() { return idempotency_; }
  const AppOptions& options() const { return options_; }

  // Stops the writer after it drains its queue.
  void Stop();

 private:
  App(AppOptions options, const Clock& clock) : options_(std::move(options)), clock_(clock) {}
  void RegisterRoutes();

  AppOptions options_;
  const Clock& clock_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<store::Writer> writer_;
  http::Router router_;
  http::Metrics metrics_;
  std::unique_ptr<accounts::AccountService> accounts_;
  store::IdempotencyStore idempotency_;
};

// Route registration, one function per resource file.
void RegisterSystemRoutes(App& app);
void RegisterAccountRoutes(App& app);
void RegisterWebRoutes(App& app);  // last: its fallback answers what no route does

// The OpenAPI 3.0 document for every route in the router.
std::string OpenApiDocument(const http::Router& router);

}  // namespace shrimp::api
