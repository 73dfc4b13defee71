#include "catalog/stock_book.h"

#include "core/assert.h"

#include <mutex>
#include <string>
#include <vector>

namespace shrimp::catalog {
namespace {

Error SkuNotFound(int64_t sku_id) {
  return NotFound("sku_not_found", "no SKU has this id").With("sku_id", sku_id);
}

}  // namespace

std::string_view StockReasonName(StockReason reason) {
  switch (reason) {
    case StockReason::kReceived: return "received";
    case StockReason::kAdjusted: return "adjusted";
    case StockReason::kReserved: return "reserved";
    case StockReason::kReleased: return "released";
    case StockReason::kShipped: return "shipped";
  }
  return "adjusted";
}

Status StockBook::Load(store::Connection& connection) {
  SHRIMP_ASSIGN_OR_RETURN(auto snapshot, NewestSnapshot(connection));
  auto [snapshot_id, snapshot_movement_id] = snapshot;
  EntryMap loaded;
  {
    store::Query skus(connection, "SELECT id, shop_id FROM skus");
    while (skus.Next()) loaded[skus.Int(0)] = Entry{skus.Int(1), {}};
    SHRIMP_RETURN_IF_ERROR(skus.status());
  }
  if (snapshot_id != 0) SHRIMP_RETURN_IF_ERROR(ReadSnapshot(connection, snapshot_id, loaded));
  // Replay the movements after the snapshot (all of them without one), by
  // the rules in stock_book.h; the stock check derives the same levels in
  // SQL (kStockLevelsUpToSql), independently.
  store::Query movements(connection,
                         "SELECT id, sku_id, delta, reason FROM stock_movements WHERE id > ?"
                         " ORDER BY id");
  movements.Bind(snapshot_movement_id);
  while (movements.Next()) {
    auto entry = loaded.find(movements.Int(1));
    if (entry == loaded.end()) {
      return Internal("stock movement " + std::to_string(movements.Int(0)) + " of unknown sku");
    }
    StockLevel& level = entry->second.level;
    int64_t delta = movements.Int(2);
    std::string reason = movements.Text(3);
    if (reason == "reserved" || reason == "released") {
      level.reserved -= delta;
    } else if (reason == "shipped") {
      level.on_hand += delta;
      level.reserved += delta;
    } else {
      level.on_hand += delta;  // received, adjusted
    }
  }
  SHRIMP_RETURN_IF_ERROR(movements.status());
  std::unique_lock lock(mutex_);
  entries_ = std::move(loaded);
  snapshot_movement_id_ = snapshot_movement_id;
  return OkStatus();
}

StockLevel StockBook::Level(int64_t sku_id) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(sku_id);
  return it == entries_.end() ? StockLevel{} : it->second.level;
}

size_t StockBook::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

Result<StockBook::Entry> StockBook::Find(int64_t sku_id) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(sku_id);
  if (it == entries_.end()) return SkuNotFound(sku_id);
  return it->second;
}

void StockBook::Register(store::Connection& connection, int64_t sku_id, int64_t shop_id) {
  bool inserted = false;
  {
    std::unique_lock lock(mutex_);
    inserted = entries_.try_emplace(sku_id, Entry{shop_id, {}}).second;
  }
  // A rolled-back SKU's rowid is reused by the next one: forget it, so the
  // next SKU cannot inherit its stock.
  if (inserted) {
    connection.journal().Record([this, sku_id] {
      std::unique_lock lock(mutex_);
      entries_.erase(sku_id);
    });
  }
}

Status StockBook::SetOnHand(store::Connection& connection, int64_t sku_id, int64_t on_hand,
                            int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(Entry entry, Find(sku_id));
  if (on_hand < 0 || on_hand > kStockMax) {
    return InvalidArgument("stock_too_large", "stock must be between 0 and 1,000,000,000 units")
        .With("sku_id", sku_id);
  }
  if (on_hand < entry.level.reserved) {
    return Conflict("stock_below_reserved",
                    "open orders already hold more units than this; ship or cancel them first")
        .With("sku_id", sku_id)
        .With("reserved", entry.level.reserved);
  }
  int64_t delta = on_hand - entry.level.on_hand;
  if (delta == 0) return OkStatus();
  StockReason reason = entry.level.on_hand == 0 && entry.level.reserved == 0 && delta > 0
                           ? StockReason::kReceived
                           : StockReason::kAdjusted;
  return Apply(connection, sku_id, entry, {on_hand, entry.level.reserved}, delta, reason, 0,
               now_ms);
}

Status StockBook::Reserve(store::Connection& connection, int64_t sku_id, int64_t units,
                          int64_t order_id, int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(Entry entry, Find(sku_id));
  if (units < 1 || units > entry.level.available()) {
    return Conflict("out_of_stock", "not enough stock left")
        .With("sku_id", sku_id)
        .With("available", std::max<int64_t>(0, entry.level.available()));
  }
  return Apply(connection, sku_id, entry, {entry.level.on_hand, entry.level.reserved + units},
               -units, StockReason::kReserved, order_id, now_ms);
}

Status StockBook::Release(store::Connection& connection, int64_t sku_id, int64_t units,
                          int64_t order_id, int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(Entry entry, Find(sku_id));
  if (units < 1 || units > entry.level.reserved) {
    return Internal("release of " + std::to_string(units) + " units of sku " +
                    std::to_string(sku_id) + " exceeds the " +
                    std::to_string(entry.level.reserved) + " reserved");
  }
  return Apply(connection, sku_id, entry, {entry.level.on_hand, entry.level.reserved - units},
               units, StockReason::kReleased, order_id, now_ms);
}

Status StockBook::Ship(store::Connection& connection, int64_t sku_id, int64_t units,
                       int64_t order_id, int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(Entry entry, Find(sku_id));
  if (units < 1 || units > entry.level.reserved || units > entry.level.on_hand) {
    return Internal("shipping " + std::to_string(units) + " units of sku " +
                    std::to_string(sku_id) + " that are not reserved");
  }
  return Apply(connection, sku_id, entry,
               {entry.level.on_hand - units, entry.level.reserved - units}, -units,
               StockReason::kShipped, order_id, now_ms);
}

Status StockBook::Apply(store::Connection& connection, int64_t sku_id, const Entry& entry,
                        StockLevel next, int64_t delta, StockReason reason, int64_t reference_id,
                        int64_t now_ms) {
  // Both sides of every write: the invariants hold before and after (the
  // mutators refuse anything else before they get here).
  auto holds = [](const StockLevel& level) {
    return 0 <= level.reserved && level.reserved <= level.on_hand && level.on_hand <= kStockMax;
  };
  SHRIMP_ASSERT(holds(entry.level), "stock broke 0 <= reserved <= on_hand <= max");
  SHRIMP_ASSERT(holds(next), "a stock movement would break 0 <= reserved <= on_hand <= max");
  store::Query insert(connection,
                      "INSERT INTO stock_movements (sku_id, shop_id, delta, reason, reference_id,"
                      " created_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(sku_id, entry.shop_id, delta, StockReasonName(reason), reference_id, now_ms);
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  {
    std::unique_lock lock(mutex_);
    entries_[sku_id].level = next;
  }
  connection.journal().Record([this, sku_id, previous = entry.level] {
    std::unique_lock lock(mutex_);
    entries_[sku_id].level = previous;
  });
  return OkStatus();
}

}  // namespace shrimp::catalog
