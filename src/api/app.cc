#include "api/app.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <optional>

#include "analytics/shop_stats.h"
#include "api/events.h"
#include "api/schemas.h"
#include "api/snapshots.h"
#include "catalog/schema.h"
#include "catalog/stock_book.h"
#include "catalog/stock_check.h"
#include "core/thread_name.h"
#include "credit/credit_check.h"
#include "ledger/ledger_check.h"
#include "logistics/shipping_quoter.h"
#include "logistics/demo_network.h"
#include "logistics/network_loader.h"
#include "orders/order_check.h"
#include "orders/order_store.h"
#include "partners/outbox.h"
#include "partners/webhooks.h"
#include "payments/webhook_signature.h"
#include "store/book_snapshot.h"
#include "store/cluster.h"
#include "store/migrate.h"

namespace shrimp::api {
namespace {

// Migrate, with two servers starting together on one PostgreSQL database in
// mind: a session advisory lock makes the second wait for the first's
// migrations instead of applying the same ones at once.
Status MigrateShared(store::Connection& connection, const std::vector<store::Migration>& migrations,
                     int64_t now_ms) {
  if (connection.engine() != store::DbEngine::kPostgres) {
    return store::Migrate(connection, migrations, now_ms);
  }
  constexpr int64_t kMigrationLockKey = 0x736872696d70;  // "shrimp" in ASCII
  SHRIMP_RETURN_IF_ERROR(store::Query(connection, "SELECT pg_advisory_lock(CAST(? AS INTEGER))")
                             .Bind(kMigrationLockKey)
                             .Run());
  Status migrated = store::Migrate(connection, migrations, now_ms);
  Status unlocked = store::Query(connection, "SELECT pg_advisory_unlock(CAST(? AS INTEGER))")
                        .Bind(kMigrationLockKey)
                        .Run();
  SHRIMP_RETURN_IF_ERROR(migrated);
  return unlocked;
}

}  // namespace

Result<std::unique_ptr<App>> App::Open(AppOptions options, const Clock& clock) {
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) return Internal("cannot create data directory " + options.data_dir + ": " + ec.message());
  if (!options.provider_webhook_secret.empty()) {
    SHRIMP_RETURN_IF_ERROR(payments::ValidateWebhookSecret(options.provider_webhook_secret));
  }
  std::unique_ptr<App> app(new App(std::move(options), clock));
  // The network first: a broken network file fails before the store opens.
  if (app->options_.network_dir.empty()) {
    app->network_ = std::make_shared<const logistics::Network>(logistics::DemoNetwork());
  } else {
    logistics::LoadedNetwork loaded = logistics::LoadNetwork(app->options_.network_dir);
    if (!loaded.problems.empty()) {
      std::string message = "the network in " + app->options_.network_dir + " has " +
                            std::to_string(loaded.problems.size()) + " problem(s):";
      for (const logistics::NetworkProblem& problem : loaded.problems) {
        message += "\n  " + problem.ToString();
      }
      return InvalidArgument("network_invalid", message);
    }
    app->network_ = std::make_shared<const logistics::Network>(std::move(loaded.network));
  }
  app->promises_ =
      std::make_unique<logistics::PromiseService>(app->network_, clock,
                                                  app->options_.build_promise_profiles);
  const std::string& db_url = app->options_.db_url;
  if (!db_url.empty() && !store::IsPostgresUrl(db_url)) {
    return InvalidArgument("db_url_invalid",
                           "--db takes a PostgreSQL URL (postgresql://...); leave it out to keep "
                           "the database in the data directory");
  }
  SHRIMP_ASSIGN_OR_RETURN(app->db_,
                          store::Db::Open(db_url.empty() ? app->options_.data_dir + "/shrimp.db"
                                                         : db_url,
                                          app->options_.db));
  std::vector<store::Migration> migrations = store::ClusterMigrations();
  for (auto&& domain :
       {accounts::AccountService::Migrations(), accounts::ApiKeyService::Migrations(),
        store::IdempotencyStore::Migrations(), catalog::CatalogMigrations(),
        ledger::Ledger::Migrations(), orders::OrderMigrations(), logistics::ShipmentMigrations(),
        orders::CommissionPolicy::Migrations(), payments::WalletService::Migrations(),
        payments::PayoutService::Migrations(), partners::OutboxMigrations(),
        partners::WebhookMigrations(), partners::RetentionMigrations(),
        analytics::AnalyticsMigrations(), credit::CreditService::Migrations(),
        reputation::ReputationMigrations(), search::SearchMigrations(),
        store::BookSnapshotMigrations()}) {
    migrations.insert(migrations.end(), domain.begin(), domain.end());
  }
  store::Connection& connection = app->db_->write_connection();
  SHRIMP_RETURN_IF_ERROR(MigrateShared(connection, migrations, clock.NowMs()));

  app->writer_ = std::make_unique<store::Writer>(*app->db_, app->options_.writer);
  app->accounts_ = std::make_unique<accounts::AccountService>(*app->db_, *app->writer_, clock,
                                                              app->options_.accounts);
  app->api_keys_ = std::make_unique<accounts::ApiKeyService>(*app->db_, *app->writer_, clock);
  app->ledger_ = std::make_unique<ledger::Ledger>(clock);
  app->escrow_ = std::make_unique<payments::Escrow>(*app->ledger_);
  app->orders_ =
      std::make_unique<orders::OrderService>(clock, app->stock_, *app->escrow_, app->commission_,
                                             app->options_.order_timers);
  app->orders_->SetShippingQuoter(
      logistics::MakeShippingQuoter(*app->promises_, app->ledger_->fx(), clock));
  app->shipments_ =
      std::make_unique<logistics::ShipmentService>(clock, *app->promises_, *app->orders_);
  app->wallets_ = std::make_unique<payments::WalletService>(
      *app->ledger_, clock,
      payments::WalletOptions{.sandbox_enabled = app->options_.sandbox_provider,
                              .external_enabled = !app->options_.provider_webhook_secret.empty()});
  app->payouts_ = std::make_unique<payments::PayoutService>(*app->ledger_, clock);
  app->webhooks_ = std::make_unique<partners::Dispatcher>(*app->db_, *app->writer_, clock,
                                                          app->options_.webhooks);
  app->credit_ =
      std::make_unique<credit::CreditService>(*app->ledger_, clock, app->options_.credit);
  // Credit follows every order event (its features) and every release (repayment from sales).
  app->orders_->AddObserver(&app->credit_->features());
  app->escrow_->SetReleaseHook(app->credit_.get());
  app->reviews_ =
      std::make_unique<reputation::ReviewService>(clock, *app->orders_, app->reputation_);
  app->orders_->AddObserver(&app->reputation_);
  app->reputation_signals_ = std::make_unique<ReputationSignals>(app->reputation_, clock);
  app->credit_->SetSignals(app->reputation_signals_.get());
  ConnectOutbox(*app);

  // Rebuild the hot state from the durable records before the writer starts.
  // On PostgreSQL other servers may be writing: the load runs under the
  // cluster's batch lock (store/cluster.h), as every later reload does.
  if (app->db_->engine() == store::DbEngine::kPostgres) {
    app->cluster_ = std::make_unique<store::ClusterBatchGuard>(
        [raw = app.get()](store::Connection& locked) { return raw->LoadHotState(locked); });
    app->writer_->SetBatchGuard(app->cluster_.get());
    SHRIMP_RETURN_IF_ERROR(app->writer_->Run<bool>([](store::Connection&) { return true; }));
    spdlog::info(
        "cluster: this server is {}; writes are serialised with the other servers "
        "on this database by its batch lock",
        app->cluster_->server_id());
  } else {
    SHRIMP_RETURN_IF_ERROR(app->LoadHotState(connection));
  }

  // Never write on broken books: serve reads (and log-ins, so an operator
  // can look), refuse every movement of money, and say why.
  if (std::vector<std::string> problems = ledger::FindBalanceProblems(*app->ledger_);
      !problems.empty()) {
    spdlog::critical(
        "the ledger breaks its invariants ({}; {} problems in all): refusing every "
        "movement of money; run `shrimp check` and repair the books",
        problems.front(), problems.size());
    app->ledger_->Freeze(Error{
        ErrorKind::kUnavailable,
        "books_inconsistent",
        "the ledger failed its invariant check at start-up; money cannot move until an "
        "operator repairs it",
        {}}.With("problem", problems.front()));
  }
  if (app->options_.wrap_write_connection) {
    app->db_->WrapWriteConnection(app->options_.wrap_write_connection);
  }
  if (auto index = search::ProductIndex::Open(app->options_.data_dir + "/search"); index.ok()) {
    app->search_index_ = std::move(*index);
    app->search_indexer_ =
        std::make_unique<search::SearchIndexer>(*app->db_, *app->search_index_, app->stock_,
                                                app->reputation_, clock);
  } else {
    spdlog::error("search is off: {}", index.error().message);
  }
  app->RegisterRoutes();
  app->writer_->Start();
  // Catches up (or rebuilds a missing index) on its own thread: start-up
  // does not wait for it.
  if (app->search_indexer_ && app->options_.search_indexer_thread) app->search_indexer_->Start();
  App* raw = app.get();
  app->timers_ = std::make_unique<store::Ticker>(
      *app->writer_, std::max<int64_t>(app->options_.timer_interval_ms, 1), "order-timers",
      [raw](store::Connection& connection) -> Result<int64_t> {
        SHRIMP_ASSIGN_OR_RETURN(int64_t moved, raw->orders_->RunTimers(connection));
        SHRIMP_ASSIGN_OR_RETURN(int64_t purged,
                                raw->idempotency_->Purge(connection, raw->clock_.NowMs()));
        return moved + purged;
      });
  if (app->options_.timer_interval_ms > 0) app->timers_->Start();
  // Loans falling overdue and written off: their own job, so a problem there
  // never holds the order timers back.
  app->credit_timers_ =
      std::make_unique<store::Ticker>(*app->writer_,
                                      std::max<int64_t>(app->options_.timer_interval_ms, 1),
                                      "credit-timers", [raw](store::Connection& connection) {
                                        return raw->credit_->RunTimers(connection);
                                      });
  if (app->options_.timer_interval_ms > 0) app->credit_timers_->Start();
  // Its own job, so a snapshot that fails never holds the order timers back.
  app->snapshots_ = std::make_unique<store::Ticker>(
      *app->writer_, kSnapshotCheckIntervalMs, "snapshots",
      [raw](store::Connection& connection) -> Result<int64_t> {
        SHRIMP_ASSIGN_OR_RETURN(bool written, WriteSnapshotsIfDue(connection, raw->snapshot_books(),
                                                                  raw->clock_.NowMs(), false));
        return written ? 1 : 0;
      });
  if (app->options_.timer_interval_ms > 0) app->snapshots_->Start();
  app->key_use_ =
      std::make_unique<store::Ticker>(*app->writer_, accounts::kLastUseFlushIntervalMs,
                                      "api-key-use", [raw](store::Connection& connection) {
                                        return raw->api_keys_->FlushLastUse(connection);
                                      });
  if (app->options_.timer_interval_ms > 0) app->key_use_->Start();
  app->webhooks_->Start();
  // The aggregates follow the outbox in their own job, off the checkout path.
  app->analytics_ = std::make_unique<store::Ticker>(*app->writer_, kMsPerSecond, "analytics",
                                                    [](store::Connection& connection) {
                                                      return analytics::FollowOutbox(connection);
                                                    });
  if (app->options_.timer_interval_ms > 0) app->analytics_->Start();
  const partners::RetentionOptions& retention = app->options_.outbox_retention;
  if (retention.retention_ms > 0) {
    app->outbox_retention_ = std::make_unique<store::Ticker>(
        *app->writer_, std::max<int64_t>(retention.interval_ms, 1), "outbox-retention",
        [raw](store::Connection& connection) -> Result<int64_t> {
          // Every consumer's cursor bounds what may go.
          SHRIMP_ASSIGN_OR_RETURN(int64_t fanned_out, partners::FanOutDoneUpTo(connection));
          SHRIMP_ASSIGN_OR_RETURN(int64_t folded, analytics::OutboxCursor(connection));
          SHRIMP_ASSIGN_OR_RETURN(partners::PruneResult pruned,
                                  partners::PruneOutbox(connection, raw->options_.outbox_retention,
                                                        raw->clock_.NowMs(),
                                                        std::min(fanned_out, folded),
                                                        raw->outbox_prune_from_));
          raw->outbox_prune_from_ = pruned.next_scan_from;
          return pruned.events + pruned.deliveries + pruned.attempts;
        });
    if (app->options_.timer_interval_ms > 0 && retention.interval_ms > 0) {
      app->outbox_retention_->Start();
    }
  }
  return app;
}

App::~App() { Stop(); }

Status App::LoadHotState(store::Connection& locked) {
  // Each step is logged with its time: at scale, start-up is the sum of
  // these. Later reloads (several servers, store/cluster.h) log at debug.
  spdlog::level::level_enum level =
      hot_state_loads_ == 0 ? spdlog::level::info : spdlog::level::debug;
  auto timed = [level](std::string_view what, auto&& load) -> Status {
    auto start = std::chrono::steady_clock::now();
    Status status = load();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    if (status.ok()) spdlog::log(level, "loaded {} in {} ms", what, ms);
    return status;
  };
  SHRIMP_RETURN_IF_ERROR(
      timed("idempotency keys", [&] { return idempotency_->Load(locked, clock_.NowMs()); }));
  SHRIMP_RETURN_IF_ERROR(timed("API keys", [&] { return api_keys_->Load(locked); }));
  SHRIMP_RETURN_IF_ERROR(timed("stock", [&] { return stock_.Load(locked); }));
  SHRIMP_RETURN_IF_ERROR(timed("ledger", [&] { return ledger_->Load(locked); }));
  SHRIMP_RETURN_IF_ERROR(timed("commission", [&] { return commission_.Load(locked); }));
  SHRIMP_RETURN_IF_ERROR(timed("open orders", [&] { return orders_->Load(locked); }));
  SHRIMP_RETURN_IF_ERROR(timed("credit", [&] { return credit_->Load(locked); }));
  SHRIMP_RETURN_IF_ERROR(timed("reputation", [&] { return reputation_.LoadFromSnapshot(locked); }));

  hot_state_loads_ += 1;
  return OkStatus();
}

bool App::StartInvariantCheck(std::function<void(Result<std::vector<std::string>>)> done) {
  std::lock_guard lock(check_mutex_);
  if (check_running_) return false;
  // The last check has finished (check_running_ is false): only its final
  // unlock may still be running, so this join is immediate.
  if (check_thread_.joinable()) check_thread_.join();
  check_running_ = true;
  check_thread_ = std::thread([this, done = std::move(done)] {
    NameThisThread("shrimp-check");
    done(CheckInvariants());
    std::lock_guard finished(check_mutex_);
    check_running_ = false;
  });
  return true;
}

void App::Stop() {
  // A running check needs the writer: let it finish first. Joined outside
  // the lock, which the check takes when it ends.
  std::thread check;
  {
    std::lock_guard lock(check_mutex_);
    check = std::move(check_thread_);
  }
  if (check.joinable()) check.join();
  if (timers_) timers_->Stop();
  if (credit_timers_) credit_timers_->Stop();
  if (snapshots_) snapshots_->Stop();
  if (search_indexer_) search_indexer_->Stop();
  if (key_use_) key_use_->Stop();
  if (analytics_) analytics_->Stop();
  if (outbox_retention_) outbox_retention_->Stop();
  // Before the writer: the dispatcher records its attempts through it.
  if (webhooks_) webhooks_->Stop();
  // Hashing work still queued is refused; what runs finishes and commits.
  if (accounts_) accounts_->Stop();
  if (writer_) writer_->Stop();
}

Result<int64_t> App::RunTimersOnce() { return timers_->RunOnce(); }

Result<int64_t> App::FlushKeyUseOnce() { return key_use_->RunOnce(); }
Result<int64_t> App::RunAnalyticsOnce() { return analytics_->RunOnce(); }
Result<int64_t> App::RunCreditTimersOnce() { return credit_timers_->RunOnce(); }
Result<int64_t> App::RunOutboxRetentionOnce() {
  if (!outbox_retention_) return Conflict("retention_off", "outbox retention is off");
  return outbox_retention_->RunOnce();
}

void App::RegisterRoutes() {
  RegisterSystemRoutes(*this);
  RegisterAccountRoutes(*this);
  RegisterCatalogRoutes(*this);
  RegisterOrderRoutes(*this);
  RegisterPaymentRoutes(*this);
  RegisterAdminRoutes(*this);
  RegisterReputationRoutes(*this);
  RegisterSearchRoutes(*this);
  RegisterApiKeyRoutes(*this);
  RegisterLogisticsRoutes(*this);
  RegisterShipmentRoutes(*this);
  RegisterPartnerRoutes(*this);
  RegisterAnalyticsRoutes(*this);
  RegisterCreditRoutes(*this);
  RegisterWebRoutes(*this);
  if (options_.check_schemas) CheckRoutesAgainstSchemas(router_);
}

namespace {

struct HotCopy {
  ledger::LedgerCopy ledger;
  catalog::StockCopy stock;
  credit::CreditCopy credit;
};

// REQUIRES: nothing changes the ledger or the stock meanwhile (a writer job).
Result<HotCopy> CopyHot(store::Connection& connection, const ledger::Ledger& ledger,
                        const catalog::StockBook& stock, const credit::CreditService& credit) {
  HotCopy copy;
  SHRIMP_ASSIGN_OR_RETURN(copy.ledger, ledger::CopyLedger(connection, ledger));
  SHRIMP_ASSIGN_OR_RETURN(copy.stock, catalog::CopyStock(connection, stock));
  SHRIMP_ASSIGN_OR_RETURN(copy.credit, credit::CopyCredit(connection, credit, ledger));
  return copy;
}

}  // namespace

Result<std::vector<std::string>> App::CheckInvariants() {
  // The writer only copies the hot values (balances, stock per SKU) and the
  // newest transfer and movement ids: O(accounts + SKUs), no history. Every
  // scan of history then runs on a read snapshot opened after that job
  // committed, restricted for the memory comparisons to the rows up to those
  // ids, which are exactly what the copies describe (ids follow job order and
  // the rows are append-only). Writes keep flowing while the scan runs.
  SHRIMP_ASSIGN_OR_RETURN(HotCopy copy,
                          writer_->Run<HotCopy>([this](store::Connection& connection) {
                            return CopyHot(connection, *ledger_, stock_, *credit_);
                          }));
  auto problems = db_->Read([&](store::Connection& snapshot) -> Result<std::vector<std::string>> {
    // One read transaction: every check sees the same committed state.
    SHRIMP_RETURN_IF_ERROR(snapshot.Exec("BEGIN"));
    std::vector<std::string> problems;
    auto checked = [&]() -> Status {
      SHRIMP_ASSIGN_OR_RETURN(auto ledger_problems,
                              ledger::FindLedgerProblems(snapshot, copy.ledger));
      problems.insert(problems.end(), ledger_problems.begin(), ledger_problems.end());
      SHRIMP_ASSIGN_OR_RETURN(auto credit_problems, credit::CheckCreditCopy(snapshot, copy.credit));
      problems.insert(problems.end(), credit_problems.begin(), credit_problems.end());
      for (const Status& status : {catalog::CheckStockCopy(snapshot, copy.stock),
                                   orders::CheckOrders(snapshot, *ledger_)}) {
        if (!status.ok()) problems.push_back(status.error().message);
      }
      return OkStatus();
    }();
    (void)snapshot.Exec("ROLLBACK");  // read only: nothing to keep
    SHRIMP_RETURN_IF_ERROR(checked);
    return problems;
  });
  if (!problems.ok()) return problems;
  SHRIMP_ASSIGN_OR_RETURN(std::string reputation, CheckReputation());
  if (!reputation.empty()) problems->push_back("reputation: " + reputation);
  return problems;
}

SnapshotBooks App::snapshot_books() {
  return SnapshotBooks{*ledger_, stock_, credit_->features(), reputation_};
}

Result<std::string> App::CheckReputation() {
  // The writer copies the live tallies (O(shops)) and their version; a read
  // snapshot opened after that job committed rebuilds them from the tables.
  // If no reputation change committed in between (the version is the same
  // afterwards), the snapshot shows exactly what the copy describes. Busy
  // writers get a few tries.
  constexpr int kTries = 5;
  for (int attempt = 0; attempt < kTries; ++attempt) {
    auto live = std::make_shared<reputation::ReputationBook>();
    SHRIMP_ASSIGN_OR_RETURN(uint64_t before,
                            writer_->Run<uint64_t>([this, live](store::Connection&) {
                              live->CopyFrom(reputation_);
                              return Result<uint64_t>(reputation_.version());
                            }));
    reputation::ReputationBook rebuilt;
    SHRIMP_RETURN_IF_ERROR(db_->Read([&](store::Connection& snapshot) -> Status {
      SHRIMP_RETURN_IF_ERROR(snapshot.Exec("BEGIN"));
      Status loaded = rebuilt.Load(snapshot);
      (void)snapshot.Exec("ROLLBACK");
      return loaded;
    }));
    SHRIMP_ASSIGN_OR_RETURN(uint64_t after, writer_->Run<uint64_t>([this](store::Connection&) {
      return Result<uint64_t>(reputation_.version());
    }));
    if (before == after) return live->Difference(rebuilt);
  }
  return std::string();  // always busy: nothing could be compared, nothing found
}

std::optional<double> ReputationSignals::Reputation(int64_t shop_id) const {
  reputation::ShopScore score = book_.Score(shop_id, clock_.NowMs());
  if (score.reviews == 0) return std::nullopt;
  return score.score;
}

}  // namespace shrimp::api
