// StockBook: every SKU's stock, hot in memory: the StockLevels
// (stock_levels.h) of the single-writer SQLite mode.
//
// Stock is never a column: it is derived from the append-only
// stock_movements rows. A SKU has
//   on_hand   units the merchant holds (set by the merchant's stock edits,
//             lowered when an order ships),
//   reserved  units held by orders not yet shipped (checkout reserves,
//             cancel and expiry release, shipping consumes),
//   available = on_hand - reserved, what may still be sold.
// Each movement row's `delta` changes them by its reason:
//   received, adjusted: on_hand += delta
//   reserved (delta -q), released (delta +q): reserved -= delta
//   shipped (delta -q): on_hand += delta and reserved += delta
// so available is the sum of every delta except shipped ones. The invariants
// 0 <= reserved <= on_hand <= kStockMax hold after every movement: a release
// can never push available above what the merchant set, and nothing a user
// does can push a SKU past the cap (the merchant's edit is refused instead).
//
// Mutators run on the writer thread inside writer jobs: each validates,
// appends its row, then changes memory and records the undo in the
// connection's journal, so a failed job leaves memory and disk as they were.
// Reads (Level, Available) are safe from any thread: product pages read stock
// without touching the database.
#pragma once

#include <cstdint>
#include <shared_mutex>
#include <string_view>
#include <utility>
#include <unordered_map>

#include "catalog/stock_levels.h"
#include "core/result.h"
#include "store/db.h"

namespace shrimp::catalog {

enum class StockReason { kReceived, kAdjusted, kReserved, kReleased, kShipped };
std::string_view StockReasonName(StockReason reason);

// Snapshots kept: the newest and the one before it.
inline constexpr int64_t kStockSnapshotsKept = 2;

class StockBook final : public StockLevels {
 public:
  // Rebuilds the book from skus, the newest complete snapshot of the levels
  // (if any) and the stock_movements after it. Call before the writer starts.
  [[nodiscard]] Status Load(store::Connection& connection);

  // ---- snapshots (stock_snapshot.cc) ----
  //
  // A snapshot is every SKU's level (on hand, reserved) as of one movement
  // id, in stock_snapshots and stock_snapshot_levels. WriteSnapshot writes
  // one in the caller's job (header first, levels, then the mark that makes
  // it complete) and deletes all but the newest kStockSnapshotsKept; a job
  // that fails leaves none of it. Writer thread.
  [[nodiscard]] Status WriteSnapshot(store::Connection& connection, int64_t now_ms);
  // Movements appended after the newest snapshot (all of them when none).
  [[nodiscard]] Result<int64_t> MovementsSinceSnapshot(store::Connection& connection) const;

  // ---- StockLevels (stock_levels.h) ----
  StockLevel Level(int64_t sku_id) const override;
  void Register(store::Connection& connection, int64_t sku_id, int64_t shop_id) override;
  [[nodiscard]] Status SetOnHand(store::Connection& connection, int64_t sku_id, int64_t on_hand,
                                 int64_t now_ms) override;
  [[nodiscard]] Status Reserve(store::Connection& connection, int64_t sku_id, int64_t units,
                               int64_t order_id, int64_t now_ms) override;
  [[nodiscard]] Status Release(store::Connection& connection, int64_t sku_id, int64_t units,
                               int64_t order_id, int64_t now_ms) override;
  [[nodiscard]] Status Ship(store::Connection& connection, int64_t sku_id, int64_t units,
                            int64_t order_id, int64_t now_ms) override;

  size_t size() const;

 private:
  struct Entry {
    int64_t shop_id = 0;
    StockLevel level;
  };
  // Appends the movement and applies `next`; journals the undo.
  Status Apply(store::Connection& connection, int64_t sku_id, const Entry& entry, StockLevel next,
               int64_t delta, StockReason reason, int64_t reference_id, int64_t now_ms);
  Result<Entry> Find(int64_t sku_id) const;

  using EntryMap = std::unordered_map<int64_t, Entry>;
  // The newest complete snapshot's (id, last movement id); (0, 0) when none.
  static Result<std::pair<int64_t, int64_t>> NewestSnapshot(store::Connection& connection);
  static Status ReadSnapshot(store::Connection& connection, int64_t id, EntryMap& entries);

  mutable std::shared_mutex mutex_;  // guards entries_ against concurrent readers
  std::unordered_map<int64_t, Entry> entries_;
  // Writer thread: the last movement id of the newest snapshot; 0 when none.
  int64_t snapshot_movement_id_ = 0;
};

// (sku id, shop id, on hand, reserved) per SKU from the movements with
// id <= ?1, for SKUs with id <= ?2, in id order: the one derivation of the
// levels from the rows, used by Load and by the stock check.
inline constexpr const char* kStockLevelsUpToSql =
    "SELECT k.id, k.shop_id,"
    " COALESCE((SELECT SUM(m.delta) FROM stock_movements m WHERE m.sku_id = k.id AND m.id <= ?1"
    "   AND m.reason IN ('received', 'adjusted', 'shipped')), 0),"
    " COALESCE((SELECT -SUM(m.delta) FROM stock_movements m WHERE m.sku_id = k.id AND m.id <= ?1"
    "   AND m.reason IN ('reserved', 'released')), 0)"
    " + COALESCE((SELECT SUM(m.delta) FROM stock_movements m WHERE m.sku_id = k.id AND m.id <= ?1"
    "   AND m.reason = 'shipped'), 0)"
    " FROM skus k WHERE k.id <= ?2 ORDER BY k.id";

}  // namespace shrimp::catalog
