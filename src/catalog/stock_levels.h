// StockLevels: every SKU's stock and the only ways it changes, the hot-state
// interface the domains (products, orders) hold.
//
// One implementation today, StockBook (stock_book.h): the levels in memory,
// derived from the append-only stock_movements rows and rebuilt from them at
// start-up, for the single-writer SQLite mode. A store shared by several
// servers implements the same calls with a row per SKU changed by
// conditional updates. The contract is the same for both: mutators run
// inside a writer job and either change nothing (an error) or append their
// movement and change the level, undone with the job if it fails.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "store/db.h"

namespace shrimp::catalog {

// Per SKU; far beyond any small shop's warehouse, and well inside int64.
inline constexpr int64_t kStockMax = 1'000'000'000;

struct StockLevel {
  int64_t on_hand = 0;
  int64_t reserved = 0;
  int64_t available() const { return on_hand - reserved; }
};

class StockLevels {
 public:
  virtual ~StockLevels() = default;

  // Thread-safe. Zero for an unknown SKU.
  virtual StockLevel Level(int64_t sku_id) const = 0;
  int64_t Available(int64_t sku_id) const { return Level(sku_id).available(); }

  // ---- inside a writer job ----

  // Makes a new SKU known with no stock.
  virtual void Register(store::Connection& connection, int64_t sku_id, int64_t shop_id) = 0;
  // The merchant's count: sets on_hand. Errors: sku_not_found;
  // stock_too_large above kStockMax; stock_below_reserved when fewer than
  // the units already promised to open orders (details: reserved).
  [[nodiscard]] virtual Status SetOnHand(store::Connection& connection, int64_t sku_id,
                                         int64_t on_hand, int64_t now_ms) = 0;
  // Errors: sku_not_found; out_of_stock (kConflict, details: available).
  [[nodiscard]] virtual Status Reserve(store::Connection& connection, int64_t sku_id, int64_t units,
                                       int64_t order_id, int64_t now_ms) = 0;
  // Gives back units an order reserved and never shipped.
  // Errors: internal when fewer are reserved (a bug, never user input).
  [[nodiscard]] virtual Status Release(store::Connection& connection, int64_t sku_id, int64_t units,
                                       int64_t order_id, int64_t now_ms) = 0;
  // The reserved units left the warehouse: on_hand and reserved both drop.
  [[nodiscard]] virtual Status Ship(store::Connection& connection, int64_t sku_id, int64_t units,
                                    int64_t order_id, int64_t now_ms) = 0;
};

}  // namespace shrimp::catalog
