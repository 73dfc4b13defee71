// Stock invariants checked off the writer thread.
//
// Comparing the StockBook with all the movements on the writer thread would
// freeze every write for as long as the scan of history takes. Here the
// writer only copies the book (O(SKUs), no history
// scan) with the newest movement id; the scan runs later on a read snapshot,
// restricted to the movements up to that id. Movement and SKU ids are
// allocated in job order and movements are append-only, so those rows are
// exactly the committed state the copy describes.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "catalog/stock_book.h"
#include "core/result.h"
#include "store/db.h"

namespace shrimp::catalog {

struct StockCopy {
  std::vector<std::pair<int64_t, StockLevel>> levels;  // by sku id
  int64_t movement_id_max = 0;
};

// REQUIRES: writer thread, inside a job, with its connection.
[[nodiscard]] Result<StockCopy> CopyStock(store::Connection& connection, const StockBook& book);

// Every SKU of the copy has the levels (on hand, reserved) the movements up
// to copy.movement_id_max give, with 0 <= reserved <= on hand: the book's
// invariants, on a prefix. `snapshot` must see at
// least what was committed with the copy (a read transaction opened after).
[[nodiscard]] Status CheckStockCopy(store::Connection& snapshot, const StockCopy& copy);

}  // namespace shrimp::catalog
