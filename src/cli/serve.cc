#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <chrono>
#include <iostream>

#include "api/snapshots.h"
#include "cli/commands.h"

namespace shrimp::cli {
namespace {

// Set by the signal handler; the main thread polls it. Signal handlers may
// only touch lock-free atomics, so the graceful stop runs on the main thread.
volatile std::sig_atomic_t g_stop_requested = 0;
void OnSignal(int) { g_stop_requested = 1; }

}  // namespace

std::vector<std::string> DefaultWebDirs() {
  std::vector<std::string> dirs;
#ifdef SHRIMP_WEB_DIST
  dirs.emplace_back(SHRIMP_WEB_DIST);
#endif
  dirs.emplace_back("web/dist");
  return dirs;
}

Result<std::string> ResolveWebDir(const std::string& requested) {
  std::error_code ec;
  if (requested == "none") return std::string();
  if (!requested.empty()) {
    if (!std::filesystem::is_regular_file(requested + "/index.html", ec)) {
      return InvalidArgument("bad_web_dir",
                             "--web " + requested + " has no index.html (run `make build`)");
    }
    return requested;
  }
  for (const std::string& dir : DefaultWebDirs()) {
    if (std::filesystem::is_regular_file(dir + "/index.html", ec)) return dir;
  }
  return std::string();
}

int Serve(const ServeOptions& options) {
  SystemClock clock;
  api::AppOptions app_options;
  options.store.ApplyTo(app_options);
  auto web_dir = ResolveWebDir(options.web_dir);
  if (!web_dir.ok()) {
    spdlog::critical("{}", web_dir.error().message);
    return 1;
  }
  app_options.web_dir = *web_dir;
  app_options.network_dir = options.network_dir;
  app_options.build_promise_profiles = true;
  if (web_dir->empty()) {
    spdlog::info("no web app to serve (API only); `make build` builds it into web/dist");
  } else {
    spdlog::info("serving the web app from {}", *web_dir);
  }
  if (options.demo && !options.sandbox) {
    // The demo buyer's wallet is funded by sandbox top-ups.
    spdlog::critical(
        "--demo needs --sandbox (the demo funds its buyer through the sandbox provider)");
    return 1;
  }
  app_options.sandbox_provider = options.sandbox;
  if (options.sandbox) {
    spdlog::warn("--sandbox: sandbox top-ups create test money; never use it in production");
  }
  if (const char* secret = std::getenv("SHRIMP_WEBHOOK_SECRET"); secret && *secret) {
    app_options.provider_webhook_secret = secret;
  } else {
    spdlog::info("SHRIMP_WEBHOOK_SECRET is not set: the external payment provider is off");
  }
  auto proxies_parsed = http::TrustedProxies::Parse(options.trusted_proxies);
  if (!proxies_parsed.ok()) {
    spdlog::critical("--trusted-proxy: {}", proxies_parsed.error().message);
    return 1;
  }
  http::TrustedProxies proxies = *proxies_parsed;
  for (const std::string& proxy : options.trusted_proxies) {
    spdlog::info("--trusted-proxy {}: its X-Forwarded-For names the client", proxy);
  }
  app_options.webhooks.allowed_hosts = options.webhook_allowed_hosts;
  for (const std::string& host : options.webhook_allowed_hosts) {
    spdlog::warn("--webhook-allow-host {}: webhooks may reach it whatever it resolves to", host);
  }
  app_options.webhooks.retry.backoff_base_ms = options.webhook_retry_base_ms;
  app_options.outbox_retention.retention_ms = options.outbox_retention_days * kMsPerDay;
  if (options.outbox_retention_days == 0) {
    spdlog::info("--outbox-retention-days 0: partner events are kept forever");
  }
  app_options.db.read_connections = std::max(4, options.server.io_threads + 2);
  auto app = api::App::Open(app_options, clock);
  if (!app.ok()) {
    spdlog::critical("cannot open store: {}", app.error().message);
    return 1;
  }
  if (options.demo) {
    auto seeded = SeedDemoIfEmpty(**app, options.demo_seed);
    if (!seeded.ok()) {
      spdlog::critical("demo: {}", seeded.error().message);
      return 1;
    }
  }
  http::ServerOptions server_options = options.server;
  server_options.trusted_proxies = proxies;
  http::Server server(server_options, (*app)->router(), (*app)->metrics());
  std::string error;
  if (!server.Start(&error)) {
    spdlog::critical("{}", error);
    return 1;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::cout << "shrimp is serving on http://" << options.server.host << ":" << server.port() << "/"
            << std::endl;
  while (!g_stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  spdlog::info("stopping: finishing in-flight requests");
  server.Stop();
  server.Wait();
  // A snapshot at a clean stop: the next start replays nothing.
  if (auto written = api::WriteSnapshotsNow(**app); !written.ok()) {
    spdlog::warn("no snapshot at shutdown: {}", written.error().message);
  }
  (*app)->Stop();
  spdlog::info("stopped");
  return 0;
}

int OperatorAdd(const StoreLocation& store, const std::string& email, const std::string& password,
                const std::string& name) {
  SystemClock clock;
  api::AppOptions app_options;
  store.ApplyTo(app_options);
  app_options.search_indexer_thread = false;
  auto app = api::App::Open(app_options, clock);
  if (!app.ok()) {
    spdlog::critical("cannot open store: {}", app.error().message);
    return 1;
  }
  auto user = (*app)->accounts().SignUp(email, password, name, accounts::Role::kOperator);
  if (!user.ok()) {
    std::cerr << "error: " << user.error().code << ": " << user.error().message << "\n";
    return 1;
  }
  std::cout << "operator " << user->email << " created with id " << user->id << "\n";
  return 0;
}

}  // namespace shrimp::cli

namespace shrimp::cli {

int Check(const StoreLocation& store) {
  SystemClock clock;
  api::AppOptions app_options;
  store.ApplyTo(app_options);
  app_options.timer_interval_ms = 0;  // look, do not act
  app_options.search_indexer_thread = false;
  auto app = api::App::Open(app_options, clock);
  if (!app.ok()) {
    std::cerr << "check: cannot open store: " << app.error().message << "\n";
    return 1;
  }
  auto problems = (*app)->CheckInvariants();
  if (!problems.ok()) {
    std::cerr << "check: " << problems.error().message << "\n";
    return 1;
  }
  for (const std::string& problem : *problems) std::cout << "problem: " << problem << "\n";
  if (!problems->empty()) return 1;
  std::cout << "check: ok (ledger balanced per currency, no flagged account negative, escrow and "
               "stock agree with every order, reputation equals its rebuild from the reviews)\n";
  return 0;
}

int Reindex(const StoreLocation& store) {
  SystemClock clock;
  api::AppOptions app_options;
  store.ApplyTo(app_options);
  app_options.timer_interval_ms = 0;
  app_options.search_indexer_thread = false;
  auto app = api::App::Open(app_options, clock);
  if (!app.ok()) {
    std::cerr << "reindex: cannot open store: " << app.error().message << "\n";
    return 1;
  }
  if ((*app)->search_indexer() == nullptr) {
    std::cerr << "reindex: the search index could not be opened\n";
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  auto indexed = (*app)->search_indexer()->Rebuild([](int64_t done, int64_t total) {
    constexpr int kBarWidth = 40;
    int filled = total > 0 ? static_cast<int>(kBarWidth * done / total) : kBarWidth;
    std::cerr << "\rreindex [" << std::string(filled, '#') << std::string(kBarWidth - filled, ' ')
              << "] " << done << "/" << total << std::flush;
  });
  std::cerr << "\n";
  if (!indexed.ok()) {
    std::cerr << "reindex: " << indexed.error().message << "\n";
    return 1;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "reindex: " << *indexed << " published products indexed in " << seconds << " s\n";
  return 0;
}

}  // namespace shrimp::cli
