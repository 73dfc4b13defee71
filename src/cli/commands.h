// The shrimp command line: one function per subcommand, each returning the
// process exit code.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "api/app.h"
#include "http/server.h"

namespace shrimp::cli {

// Where a command finds the store: the data directory (search index, images,
// and the SQLite database), and, with --db, a PostgreSQL database instead of
// data_dir/shrimp.db.
struct StoreLocation {
  std::string data_dir = "data";
  std::string db_url;  // postgresql://...; empty: SQLite in data_dir
  // With db_url: how long opening waits for a PostgreSQL server that cannot
  // be reached yet, retrying with backoff (store::DbOptions::connect_wait);
  // 0: one attempt.
  int64_t db_wait_seconds = 30;
  // Copies them into the App's options.
  void ApplyTo(api::AppOptions& options) const {
    options.data_dir = data_dir;
    options.db_url = db_url;
    options.db.connect_wait = std::chrono::seconds(db_wait_seconds);
  }
};

struct ServeOptions {
  StoreLocation store;
  http::ServerOptions server;
  bool demo = false;  // seed the demo marketplace if the store is empty
  // Enable the sandbox payment provider (test-mode top-ups that create money
  // from nothing). Off unless asked for; --demo needs it.
  bool sandbox = false;
  uint64_t demo_seed = 20261111;
  // The built web app to serve at /. Empty: the first of kDefaultWebDirs that
  // holds an index.html, or none (API only). "none" turns the web app off.
  std::string web_dir;
  // The delivery network's directory; empty: the demo network.
  std::string network_dir;
  // Hosts webhook URLs may name although they resolve to loopback or private
  // addresses (partners/url_guard.h), spelled exactly as in the URL.
  std::vector<std::string> webhook_allowed_hosts;
  std::vector<std::string> trusted_proxies;  // --trusted-proxy (http/trusted_proxies.h)
  // How long outbox events and finished webhook deliveries are kept
  // (partners/retention.h); 0 keeps them forever.
  int64_t outbox_retention_days = 30;
  // The first webhook retry's delay; later ones double it (partners/webhooks.h).
  int64_t webhook_retry_base_ms = 10'000;
};

// Where `shrimp serve` looks for the web app when --web is not given: the
// web/dist of the source tree the binary was built from (so `make run` works
// from anywhere), then web/dist under the working directory.
std::vector<std::string> DefaultWebDirs();
// The directory to serve, or "" for none; an error if --web names a directory
// without an index.html (a typo should not silently serve no pages).
Result<std::string> ResolveWebDir(const std::string& requested);

int Serve(const ServeOptions& options);
// Seeds the demo marketplace into an empty store; false if it held shops.
Result<bool> SeedDemoIfEmpty(api::App& app, uint64_t seed);
// `shrimp demo --data DIR [--db URL] [--seed N]`.
int Demo(const StoreLocation& store, uint64_t seed);
// Opens the store, rebuilds the hot state, checks every invariant, and
// prints the problems; exit code 0 only when there are none.
int Check(const StoreLocation& store);

struct CreditTrainOptions {
  StoreLocation store;
  size_t synthetic = 0;  // > 0: train on this many synthetic shops instead of finished loans
  uint64_t seed = 20261129;
  std::string version;  // empty: "trained-<UTC time>"
};
int CreditTrain(const CreditTrainOptions& options);
int CreditBatch(const StoreLocation& store);
// `shrimp logistics export-demo DIR`: writes the demo network's files.
int LogisticsExportDemo(const std::string& directory);
// `shrimp logistics check DIR`: loads a network and prints every problem.
int LogisticsCheck(const std::string& directory);
// `shrimp logistics simulate --packages N [--seed S]`.
int LogisticsSimulate(int64_t packages, uint64_t seed);
// `shrimp reindex --data DIR`: rebuilds the search index with a progress bar.
int Reindex(const StoreLocation& store);
int OperatorAdd(const StoreLocation& store, const std::string& email, const std::string& password,
                const std::string& name);

}  // namespace shrimp::cli
