// App: the running marketplace, wired once at start-up: the clock, the store,
// the writer, every domain service, and the router holding every route.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <string>

#include "accounts/accounts.h"
#include "accounts/api_keys.h"
#include "api/snapshots.h"
#include "catalog/products.h"
#include "catalog/stock_book.h"
#include "credit/credit_service.h"
#include "ledger/ledger.h"
#include "logistics/network.h"
#include "logistics/promise.h"
#include "logistics/shipments.h"
#include "orders/commission.h"
#include "orders/order_service.h"
#include "payments/escrow.h"
#include "payments/payouts.h"
#include "payments/wallet.h"
#include "partners/dispatcher.h"
#include "partners/retention.h"
#include "reputation/reputation_book.h"
#include "reputation/review_service.h"
#include "search/indexer.h"
#include "search/product_index.h"
#include "core/clock.h"
#include "http/metrics.h"
#include "http/router.h"
#include "store/cluster.h"
#include "store/db.h"
#include "store/idempotency.h"
#include "store/ticker.h"
#include "store/writer.h"

namespace shrimp::api {

struct AppOptions {
  // Files that stay on the local disk (the search index, images), and the
  // SQLite database unless db_url is set.
  std::string data_dir;
  // A PostgreSQL URL (postgresql://...) to keep the database there instead
  // of data_dir/shrimp.db. Several servers may share it: each keeps the hot
  // state in memory and rebuilds it under the batch lock when another
  // server wrote (store/cluster.h; README, "PostgreSQL").
  std::string db_url;
  // The built web app (index.html + assets/) to serve at /; empty: API only.
  std::string web_dir;
  // The delivery network's directory (logistics/network_loader.h); empty:
  // the built-in demo network.
  std::string network_dir;
  // Precompute promise tables on a background thread (serve); off, every
  // promise uses the online search (tests, CLI tools).
  bool build_promise_profiles = false;
  accounts::AccountOptions accounts;
  orders::OrderTimers order_timers;
  // How often expiry and auto-complete deadlines are checked; 0 disables
  // the background ticker (tests call RunTimersOnce).
  int64_t timer_interval_ms = 1000;
  // Shared with the payment provider; signs POST /api/v1/payments/webhook.
  // No default, on purpose: empty leaves the external provider off (its
  // top-ups answer provider_not_configured, its webhook 503), and Open
  // refuses a secret that payments::ValidateWebhookSecret rejects.
  std::string provider_webhook_secret;
  // The sandbox payment provider, whose top-ups confirm at once and so create
  // money from nothing: `shrimp serve --sandbox` (demos) and tests only.
  bool sandbox_provider = false;
  // Webhook delivery (partners/dispatcher.h); poll_interval_ms 0 runs no
  // thread (tests call webhooks().RunOnce()).
  partners::DispatcherOptions webhooks;
  // Outbox retention (partners/retention.h); its job runs every
  // outbox_retention.interval_ms when timer_interval_ms > 0 and the
  // retention is not 0 (keep forever).
  partners::RetentionOptions outbox_retention;
  credit::CreditOptions credit;
  store::WriterOptions writer;
  store::DbOptions db;
  // The search indexer's thread (search/indexer.h); off, the index changes
  // only through search_indexer() (tests, `shrimp reindex`).
  bool search_indexer_thread = true;
  // Tests only: every JSON response is checked against its route's schema in
  // api/schemas.cc (errors against the Error schema) and every accepted
  // request body against the route's request schema; a mismatch becomes a
  // 500 response_schema_violation, so a writer that drifts from its
  // documented schema fails the API test that calls it.
  bool check_schemas = false;
  // Tests only: replaces the write connection before the writer starts
  // (testing/faulty_connection.h fails chosen statements through it).
  std::function<std::unique_ptr<store::Connection>(std::unique_ptr<store::Connection>)>
      wrap_write_connection;
};

// Credit's features read the shop's reputation score (credit/features.h,
// FeatureSignals): the score once a shop has reviews, else "unknown".
class ReputationSignals final : public credit::FeatureSignals {
 public:
  ReputationSignals(const reputation::ReputationBook& book, const Clock& clock)
      : book_(book), clock_(clock) {}
  std::optional<double> Reputation(int64_t shop_id) const override;

 private:
  const reputation::ReputationBook& book_;
  const Clock& clock_;
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
  // Partners' API keys; thread-safe (see accounts/api_keys.h).
  accounts::ApiKeyService& api_keys() { return *api_keys_; }
  // The delivery network and its promises; immutable network, thread-safe.
  const logistics::Network& network() const { return *network_; }
  logistics::PromiseService& promises() { return *promises_; }
  // Writer-thread state: use only inside writer jobs, except the read-only
  // accessors each class marks as safe from any thread.
  catalog::StockBook& stock() { return stock_; }
  // Stateless but for the StockBook; Get/Search are safe from any thread.
  catalog::ProductCatalog& products() { return products_; }
  ledger::Ledger& ledger() { return *ledger_; }
  orders::OrderService& orders() { return *orders_; }
  // Writer-thread operations inside jobs; Load* from any thread.
  logistics::ShipmentService& shipments() { return *shipments_; }
  orders::CommissionPolicy& commission() { return commission_; }
  payments::WalletService& wallets() { return *wallets_; }
  payments::PayoutService& payouts() { return *payouts_; }
  // The webhook dispatcher; Wake and options are safe from any thread.
  partners::Dispatcher& webhooks() { return *webhooks_; }
  // Hot tallies behind every shop score; reads are safe from any thread.
  const reputation::ReputationBook& reputation() const { return reputation_; }
  // Writer-thread operations inside jobs; List/Load from any thread.
  reputation::ReviewService& reviews() { return *reviews_; }
  // Rebuilds the reputation tallies from the tables on a read snapshot and
  // compares them with the live ones: the empty string when they are equal.
  // REQUIRES: not on the writer thread once it started; blocks the caller.
  Result<std::string> CheckReputation();
  // The product search index and its indexer; null when the index could not
  // be opened (search then answers 503 search_unavailable).
  search::ProductIndex* search_index() { return search_index_.get(); }
  search::SearchIndexer* search_indexer() { return search_indexer_.get(); }

  // Runs the order timers once, now (tests; the ticker does it in serve).
  Result<int64_t> RunTimersOnce();
  // Writes the API keys' last use now (tests; a ticker does it in serve).
  Result<int64_t> FlushKeyUseOnce();
  // Folds new outbox events into the analytics aggregates now (tests; the
  // ticker does it every second in serve). Returns the events folded.
  Result<int64_t> RunAnalyticsOnce();
  // Writer-thread state, like the ledger: use inside writer jobs.
  credit::CreditService& credit() { return *credit_; }
  // Everything the snapshots save (api/snapshots.h). Writer thread.
  SnapshotBooks snapshot_books();
  // Runs the credit timers (overdue, write-off) once, now.
  Result<int64_t> RunCreditTimersOnce();
  // One outbox retention pass now (tests); returns the rows deleted.
  // REQUIRES: outbox_retention.retention_ms > 0.
  Result<int64_t> RunOutboxRetentionOnce();
  // Checks every invariant of the store (ledger sums, no negative flagged
  // account, escrow per open order, stock, memory against the tables);
  // returns the problems found. The writer only copies the hot values; the
  // scans run on a read snapshot, so writes continue meanwhile.
  // REQUIRES: not on the writer thread once it started; blocks the caller.
  Result<std::vector<std::string>> CheckInvariants();
  // Runs CheckInvariants on the checker thread and calls `done` there; false
  // (and `done` is not called) when a check is already running.
  bool StartInvariantCheck(std::function<void(Result<std::vector<std::string>>)> done);
  // REQUIRES: writer thread (inside a writer job).
  store::IdempotencyStore& idempotency() { return *idempotency_; }
  const AppOptions& options() const { return options_; }

  // Stops the writer after it drains its queue.
  void Stop();

 private:
  App(AppOptions options, const Clock& clock) : options_(std::move(options)), clock_(clock) {}
  void RegisterRoutes();
  // Rebuilds every piece of hot state from `locked`: at start-up, and on
  // PostgreSQL whenever another server wrote since this one's last batch.
  // Writer thread (or before it starts).
  [[nodiscard]] Status LoadHotState(store::Connection& locked);

  AppOptions options_;
  const Clock& clock_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<store::Writer> writer_;
  // PostgreSQL only: the batch lock shared with the other servers.
  std::unique_ptr<store::ClusterBatchGuard> cluster_;
  int64_t hot_state_loads_ = 0;
  http::Router router_;
  http::Metrics metrics_;
  std::unique_ptr<accounts::AccountService> accounts_;
  std::unique_ptr<accounts::ApiKeyService> api_keys_;
  std::shared_ptr<const logistics::Network> network_;
  std::unique_ptr<logistics::PromiseService> promises_;
  std::unique_ptr<store::IdempotencyStore> idempotency_ =
      std::make_unique<store::MemoryIdempotencyStore>();
  catalog::StockBook stock_;
  catalog::ProductCatalog products_{stock_};
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<payments::Escrow> escrow_;
  orders::CommissionPolicy commission_;
  std::unique_ptr<orders::OrderService> orders_;
  std::unique_ptr<logistics::ShipmentService> shipments_;
  std::unique_ptr<payments::WalletService> wallets_;
  std::unique_ptr<payments::PayoutService> payouts_;
  std::unique_ptr<credit::CreditService> credit_;
  reputation::ReputationBook reputation_;
  std::unique_ptr<ReputationSignals> reputation_signals_;
  std::unique_ptr<reputation::ReviewService> reviews_;
  std::unique_ptr<search::ProductIndex> search_index_;
  std::unique_ptr<search::SearchIndexer> search_indexer_;
  std::unique_ptr<store::Ticker> timers_;
  std::unique_ptr<partners::Dispatcher> webhooks_;
  std::unique_ptr<store::Ticker> analytics_;  // analytics/shop_stats.h
  std::unique_ptr<store::Ticker> credit_timers_;
  std::mutex check_mutex_;
  bool check_running_ = false;
  std::thread check_thread_;
  std::unique_ptr<store::Ticker> snapshots_;         // api/snapshots.h
  std::unique_ptr<store::Ticker> key_use_;           // writes API keys' last use
  std::unique_ptr<store::Ticker> outbox_retention_;  // partners/retention.h
  // Where the next retention pass looks first: a scan hint only, so it needs
  // no undo (partners/retention.h). Writer thread.
  int64_t outbox_prune_from_ = 0;
};

// Route registration, one function per resource file.
void RegisterSystemRoutes(App& app);
void RegisterAccountRoutes(App& app);
void RegisterCatalogRoutes(App& app);
void RegisterOrderRoutes(App& app);
void RegisterPaymentRoutes(App& app);
void RegisterAdminRoutes(App& app);
void RegisterReputationRoutes(App& app);
void RegisterSearchRoutes(App& app);
void RegisterApiKeyRoutes(App& app);
void RegisterLogisticsRoutes(App& app);
void RegisterShipmentRoutes(App& app);
void RegisterPartnerRoutes(App& app);
void RegisterAnalyticsRoutes(App& app);
void RegisterCreditRoutes(App& app);
void RegisterWebRoutes(App& app);  // last: its fallback answers what no route does

// The OpenAPI 3.0 document for every route in the router.
std::string OpenApiDocument(const http::Router& router);

}  // namespace shrimp::api
