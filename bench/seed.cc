// shrimp_seed: fills a data directory with N completed orders, fast and
// deterministically, for measuring start-up time and memory at scale
// (`scripts/bench-startup`, README "Performance").
//
//   shrimp_seed --data DIR --orders 10000000 [--buyers 100000] [--seed 1]
//
// Run again on a directory whose seeding stopped, it goes on until DIR holds
// --orders seeded orders.
//
// The demo catalogue (catalog/demo.h) comes first, through the ordinary
// code; then every order is written directly by SQL, as a real one would
// leave its rows: the order, one line, five events (create, pay, ship,
// deliver, confirm), stock reserved then shipped (with a merchant's restock
// whenever a SKU runs low), and in the ledger the escrow hold (pending), its
// post, and the platform's commission; each buyer's wallet is funded by
// top-ups as it needs. Rows go in by large transactions of kOrdersPerJob
// orders. Nothing here is hot state: the process exits when done, and the
// next `shrimp serve` rebuilds everything from the rows (so `shrimp check`
// passes on the result).
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/app.h"
#include "catalog/stock_book.h"
#include "cli/commands.h"
#include "ledger/ledger.h"
#include "ledger/transfer.h"
#include "orders/commission.h"

namespace shrimp {
namespace {

constexpr int64_t kOrdersPerJob = 20'000;
constexpr int64_t kRestockUnits = 10'000;
constexpr int64_t kWalletFundingUnits = 1'000'000;  // per top-up, in major units
constexpr int64_t kCommissionBps = orders::kCommissionDefaultBps;

struct Sku {
  int64_t id = 0;
  int64_t shop_id = 0;
  int64_t product_id = 0;
  int64_t price = 0;
  Currency currency;
  std::string title;
  std::string attrs;
};

struct Options {
  std::string data_dir;
  int64_t orders = 0;
  int64_t buyers = 100'000;
  uint64_t seed = 1;
};

// State of the generation that spans jobs: ids, levels and balances as the
// rows leave them.
struct Generation {
  std::vector<Sku> skus;
  std::vector<int64_t> buyer_ids;
  std::unordered_map<int64_t, catalog::StockLevel> stock;  // by sku
  std::unordered_map<int64_t, int64_t> wallet_available;   // by ledger account
  int64_t next_order_id = 1;
  int64_t next_transfer_id = 1;
  int64_t start_ms = 0;
  std::mt19937_64 random;
};

Result<std::vector<Sku>> LoadSkus(store::Connection& connection) {
  store::Query query(connection,
                     "SELECT k.id, k.shop_id, k.product_id, k.price, k.currency, k.attrs, p.title"
                     " FROM skus k JOIN products p ON p.id = k.product_id"
                     " WHERE k.price > 0 AND k.status = 'active' ORDER BY k.id");
  std::vector<Sku> skus;
  while (query.Next()) {
    auto currency = Currency::Parse(query.Text(4));
    if (!currency.ok()) continue;
    skus.push_back(Sku{query.Int(0), query.Int(1), query.Int(2), query.Int(3), *currency,
                       query.Text(6), query.Text(5)});
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  return skus;
}

Status InsertBuyers(store::Connection& connection, Generation& generation, int64_t count,
                    const std::string& hash, int64_t now_ms) {
  for (int64_t index = 0; index < count; ++index) {
    store::Query insert(connection,
                        "INSERT INTO users (email, name, password_hash, role, created_at)"
                        " VALUES (?, ?, ?, 'buyer', ?) RETURNING id");
    insert.Bind("bench-buyer-" + std::to_string(index) + "@bench.test",
                "Bench Buyer " + std::to_string(index), hash, now_ms);
    SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> id, insert.ScalarInt());
    generation.buyer_ids.push_back(id.value_or(0));
  }
  return OkStatus();
}

Status InsertTransfer(store::Connection& connection, Generation& generation,
                      ledger::Transfer transfer) {
  transfer.id = generation.next_transfer_id++;
  return ledger::InsertTransfer(connection, transfer);
}

Status InsertMovement(store::Connection& connection, const Sku& sku, int64_t delta,
                      std::string_view reason, int64_t order_id, int64_t at_ms) {
  store::Query insert(connection,
                      "INSERT INTO stock_movements (sku_id, shop_id, delta, reason, reference_id,"
                      " created_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(sku.id, sku.shop_id, delta, reason, order_id, at_ms);
  return insert.Run();
}

Status InsertEvent(store::Connection& connection, int64_t order_id, int64_t shop_id,
                   const char* event, const char* status, int64_t actor_id, int64_t at_ms,
                   int64_t transfer_id) {
  store::Query insert(connection,
                      "INSERT INTO order_events (order_id, shop_id, event, status, actor_id,"
                      " created_at, carrier, tracking_number, transfer_id)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bool ship = std::string_view(event) == "ship";
  std::optional<std::string> carrier, tracking;
  if (ship) {
    carrier = "SF";
    tracking = "SF" + std::to_string(order_id);
  }
  insert.Bind(order_id, shop_id, event, status, actor_id, at_ms, carrier, tracking, transfer_id);
  return insert.Run();
}

// One completed order, every row it leaves.
Status WriteOrder(store::Connection& connection, api::App& app, Generation& generation) {
  const Sku& sku = generation.skus[generation.random() % generation.skus.size()];
  int64_t buyer_id = generation.buyer_ids[generation.random() % generation.buyer_ids.size()];
  int64_t quantity = 1 + static_cast<int64_t>(generation.random() % 3);
  int64_t total = sku.price * quantity;
  int64_t order_id = generation.next_order_id++;
  int64_t at_ms = generation.start_ms + order_id * 10;
  ledger::Ledger& ledger = app.ledger();
  using ledger::AccountKind;
  SHRIMP_ASSIGN_OR_RETURN(int64_t wallet,
                          ledger.EnsureAccount(connection, AccountKind::kWallet, buyer_id,
                                               sku.currency,
                                               ledger::DefaultAccountFlags(AccountKind::kWallet)));
  SHRIMP_ASSIGN_OR_RETURN(
      int64_t revenue,
      ledger.EnsureAccount(connection, AccountKind::kShopRevenue, sku.shop_id, sku.currency,
                           ledger::DefaultAccountFlags(AccountKind::kShopRevenue)));
  SHRIMP_ASSIGN_OR_RETURN(
      int64_t fees, ledger.EnsureAccount(connection, AccountKind::kPlatformFees, 0, sku.currency,
                                         ledger::DefaultAccountFlags(AccountKind::kPlatformFees)));
  SHRIMP_ASSIGN_OR_RETURN(
      int64_t provider,
      ledger.EnsureAccount(connection, AccountKind::kProviderFunding, 0, sku.currency,
                           ledger::DefaultAccountFlags(AccountKind::kProviderFunding)));
  auto transfer = [&](std::string key, int64_t debit, int64_t credit, int64_t amount,
                      ledger::TransferCode code, uint32_t flags, int64_t pending_id,
                      ledger::ReferenceKind kind, int64_t reference_id) {
    ledger::Transfer row;
    row.idempotency_key = std::move(key);
    row.debit_account_id = debit;
    row.credit_account_id = credit;
    row.amount = amount;
    row.currency = sku.currency;
    row.code = code;
    row.flags = flags;
    row.pending_id = pending_id;
    row.reference_kind = kind;
    row.reference_id = reference_id;
    row.created_at_ms = at_ms;
    return InsertTransfer(connection, generation, std::move(row));
  };
  int64_t& available = generation.wallet_available[wallet];
  if (available < total) {
    int64_t funding = kWalletFundingUnits * 100 + total;
    SHRIMP_RETURN_IF_ERROR(transfer("bench/top-up/" + std::to_string(generation.next_transfer_id),
                                    provider, wallet, funding, ledger::TransferCode::kTopUp, 0, 0,
                                    ledger::ReferenceKind::kNone, 0));
    available += funding;
  }
  catalog::StockLevel& level = generation.stock[sku.id];
  if (level.available() < quantity) {
    int64_t restock = std::min(kRestockUnits, catalog::kStockMax - level.on_hand);
    SHRIMP_RETURN_IF_ERROR(InsertMovement(connection, sku, restock, "adjusted", 0, at_ms));
    level.on_hand += restock;
  }

  store::Query order(connection,
                     "INSERT INTO orders (id, shop_id, buyer_id, checkout_id, currency, total,"
                     " shipping_address, created_at, expires_at, closed)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
  order.Bind(
      order_id, sku.shop_id, buyer_id, order_id, sku.currency.code(), total,
      R"({"name":"Bench Buyer","line1":"1 Bench Road","city":"Hangzhou","postcode":"310000","country":"CN"})",
      at_ms, at_ms + 30 * 60'000);
  SHRIMP_RETURN_IF_ERROR(order.Run());
  store::Query line(connection,
                    "INSERT INTO order_lines (order_id, line_no, shop_id, sku_id, product_id,"
                    " title, attrs, quantity, unit_price, commission_bps)"
                    " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)");
  line.Bind(order_id, sku.shop_id, sku.id, sku.product_id, sku.title, sku.attrs, quantity,
            sku.price, kCommissionBps);
  SHRIMP_RETURN_IF_ERROR(line.Run());
  SHRIMP_RETURN_IF_ERROR(InsertEvent(connection, order_id, sku.shop_id, "create", "pending_payment",
                                     buyer_id, at_ms, 0));
  SHRIMP_RETURN_IF_ERROR(InsertMovement(connection, sku, -quantity, "reserved", order_id, at_ms));

  std::string prefix = "order/" + std::to_string(order_id);
  int64_t hold_id = generation.next_transfer_id;
  SHRIMP_RETURN_IF_ERROR(transfer(prefix + "/hold", wallet, revenue, total,
                                  ledger::TransferCode::kOrderPayment, ledger::kTransferPending, 0,
                                  ledger::ReferenceKind::kOrder, order_id));
  SHRIMP_RETURN_IF_ERROR(
      InsertEvent(connection, order_id, sku.shop_id, "pay", "paid", buyer_id, at_ms + 1, hold_id));
  SHRIMP_RETURN_IF_ERROR(
      InsertEvent(connection, order_id, sku.shop_id, "ship", "shipped", 0, at_ms + 2, 0));
  SHRIMP_RETURN_IF_ERROR(
      InsertMovement(connection, sku, -quantity, "shipped", order_id, at_ms + 2));
  SHRIMP_RETURN_IF_ERROR(
      InsertEvent(connection, order_id, sku.shop_id, "deliver", "delivered", 0, at_ms + 3, 0));
  SHRIMP_RETURN_IF_ERROR(transfer(prefix + "/release", wallet, revenue, total,
                                  ledger::TransferCode::kOrderPayment, ledger::kTransferPostPending,
                                  hold_id, ledger::ReferenceKind::kOrder, order_id));
  int64_t commission = total * kCommissionBps / 10'000;
  if (commission > 0) {
    SHRIMP_RETURN_IF_ERROR(transfer(prefix + "/commission", revenue, fees, commission,
                                    ledger::TransferCode::kCommission, 0, 0,
                                    ledger::ReferenceKind::kOrder, order_id));
  }
  SHRIMP_RETURN_IF_ERROR(InsertEvent(connection, order_id, sku.shop_id, "confirm", "completed",
                                     buyer_id, at_ms + 4, 0));
  available -= total;
  level.on_hand -= quantity;  // reserved, then shipped: reserved is back where it was
  return OkStatus();
}

int Main(const Options& options) {
  SystemClock clock;
  api::AppOptions app_options;
  app_options.data_dir = options.data_dir;
  app_options.sandbox_provider = true;
  app_options.timer_interval_ms = 0;
  auto opened = api::App::Open(app_options, clock);
  if (!opened.ok()) {
    std::cerr << "shrimp_seed: " << opened.error().message << "\n";
    return 1;
  }
  api::App& app = **opened;
  auto fail = [&](const Error& error) {
    std::cerr << "shrimp_seed: " << error.message << "\n";
    app.Stop();
    return 1;
  };
  auto started = std::chrono::steady_clock::now();
  if (auto seeded = cli::SeedDemoIfEmpty(app, options.seed); !seeded.ok()) {
    return fail(seeded.error());
  }
  Generation generation;
  generation.random.seed(options.seed);
  generation.start_ms = clock.NowMs() - options.orders * 10 - 60'000;
  auto hash = app.accounts().HashPassword("bench-buyer-password");
  if (!hash.ok()) return fail(hash.error());
  int64_t done = 0;
  auto prepared = app.writer().Run<Ok>([&](store::Connection& connection) -> Status {
    store::Query seeded(connection,
                        "SELECT id FROM users WHERE email LIKE 'bench-buyer-%@bench.test'"
                        " ORDER BY id");
    while (seeded.Next()) generation.buyer_ids.push_back(seeded.Int(0));
    SHRIMP_RETURN_IF_ERROR(seeded.status());
    if (!generation.buyer_ids.empty()) {
      // A seeding that stopped (its jobs are whole transactions): count what
      // it wrote and go on. Wallets it funded are funded again as they need.
      store::Query written(connection, "SELECT COUNT(*) FROM orders WHERE shipping_address LIKE ?");
      written.Bind("%\"Bench Buyer\"%");
      SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> count, written.ScalarInt());
      done = count.value_or(0);
      std::cout << "resuming after " << done << " seeded orders" << std::endl;
    }
    // The demo marketplace has orders of its own: continue after them.
    store::Query last(
        connection, "SELECT MAX(COALESCE(MAX(id), 0), COALESCE(MAX(checkout_id), 0)) FROM orders");
    SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> last_id, last.ScalarInt());
    generation.next_order_id = last_id.value_or(0) + 1;
    SHRIMP_ASSIGN_OR_RETURN(generation.skus, LoadSkus(connection));
    if (generation.skus.empty()) return Internal("no SKUs to order");
    // Seeding only: a page cache that holds the growing indexes (10 M orders
    // make a 13 GB file), instead of the server's 64 MiB.
    SHRIMP_RETURN_IF_ERROR(connection.Exec("PRAGMA cache_size=-4194304"));
    for (const Sku& sku : generation.skus) generation.stock[sku.id] = app.stock().Level(sku.id);
    if (generation.buyer_ids.empty()) {
      SHRIMP_RETURN_IF_ERROR(
          InsertBuyers(connection, generation, options.buyers, *hash, clock.NowMs()));
    }
    generation.next_transfer_id = app.ledger().next_transfer_id();
    return OkStatus();
  });
  if (!prepared.ok()) return fail(prepared.error());
  while (done < options.orders) {
    int64_t count = std::min(kOrdersPerJob, options.orders - done);
    auto written = app.writer().Run<Ok>([&](store::Connection& connection) -> Status {
      for (int64_t index = 0; index < count; ++index) {
        SHRIMP_RETURN_IF_ERROR(WriteOrder(connection, app, generation));
      }
      return OkStatus();
    });
    if (!written.ok()) return fail(written.error());
    done += count;
    if (done % 1'000'000 == 0 || done == options.orders) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cout << "seeded " << done << " orders (" << static_cast<int64_t>(seconds) << " s)"
                << std::endl;
    }
  }
  app.Stop();
  return 0;
}

}  // namespace
}  // namespace shrimp

int main(int argc, char** argv) {
  shrimp::Options options;
  for (int index = 1; index + 1 < argc; index += 2) {
    std::string flag = argv[index];
    std::string value = argv[index + 1];
    if (flag == "--data") {
      options.data_dir = value;
    } else if (flag == "--orders") {
      options.orders = std::atoll(value.c_str());
    } else if (flag == "--buyers") {
      options.buyers = std::atoll(value.c_str());
    } else if (flag == "--seed") {
      options.seed = std::strtoull(value.c_str(), nullptr, 10);
    } else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  if (options.data_dir.empty() || options.orders <= 0 || options.buyers <= 0) {
    std::cerr << "usage: shrimp_seed --data DIR --orders N [--buyers N] [--seed N]\n";
    return 2;
  }
  return shrimp::Main(options);
}
