// StockBook: every SKU's available stock, hot in memory.
//
// Stock is never a column: it is the sum of the append-only stock_movements
// rows (received, adjusted, reserved, released). The book is rebuilt from
// them at start and changed only by Move, on the writer thread, which appends
// the row and applies the delta in the same job, so the book always equals
// what is committed (CheckStock proves it).
//
// Reads (Available) are safe from any thread: product pages read stock
// without touching the database.
#pragma once

#include <cstdint>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "store/db.h"

namespace shrimp::catalog {

enum class StockReason { kReceived, kAdjusted, kReserved, kReleased };
std::string_view StockReasonName(StockReason reason);

// Per SKU; far beyond any small shop's warehouse, and well inside int64.
inline constexpr int64_t kStockMax = 1'000'000'000;

class StockBook {
 public:
  // Rebuilds the book from skus and stock_movements. Call before the writer starts.
  Status Load(store::Connection& connection);

  // Units that may still be sold; 0 for an unknown SKU. Thread-safe.
  int64_t Available(int64_t sku_id) const;

  // REQUIRES: writer thread. Makes a new SKU known with zero stock.
  void Register(int64_t sku_id, int64_t shop_id);

  // REQUIRES: writer thread. Appends a movement and applies it.
  // Errors: sku_not_found (kNotFound); out_of_stock (kConflict) when the
  // stock would go below zero; stock_too_large when above kStockMax.
  // Nothing changes on error.
  Status Move(store::Connection& connection, int64_t sku_id, int64_t delta, StockReason reason,
              int64_t reference_id, int64_t now_ms);

  size_t size() const;

 private:
  struct Entry {
    int64_t shop_id = 0;
    int64_t stock = 0;
  };
  mutable std::shared_mutex mutex_;  // guards entries_ against concurrent readers
  std::unordered_map<int64_t, Entry> entries_;
};

// Compares the book with the durable movements: every SKU's stock equals the
// sum of its movements and none is negative. REQUIRES: writer thread.
Status CheckStock(store::Connection& connection, const StockBook& book);

}  // namespace shrimp::catalog
