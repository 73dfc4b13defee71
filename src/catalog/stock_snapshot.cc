// The stock book's snapshots: writing one, and reading the newest at
// start-up (stock_book.h, "snapshots"). Load replays the movements after it.
#include <mutex>
#include <string>

#include "catalog/stock_book.h"

namespace shrimp::catalog {

Status StockBook::WriteSnapshot(store::Connection& connection, int64_t now_ms) {
  // Inside the job the table and memory agree: every movement up to the
  // newest id is applied to entries_, and none after it exists yet.
  store::Query newest(connection, "SELECT COALESCE(MAX(id), 0) FROM stock_movements");
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> last_movement_id, newest.ScalarInt());
  store::Query header(connection,
                      "INSERT INTO stock_snapshots (last_movement_id, created_at, complete)"
                      " VALUES (?, ?, 0) RETURNING id");
  header.Bind(last_movement_id.value_or(0), now_ms);
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> snapshot_id, header.ScalarInt());
  if (!snapshot_id) return Internal("stock snapshot: no id returned");
  // Only the writer thread changes entries_: reading it needs no lock here.
  for (const auto& [sku_id, entry] : entries_) {
    if (entry.level.on_hand == 0 && entry.level.reserved == 0) continue;
    store::Query row(connection,
                     "INSERT INTO stock_snapshot_levels (snapshot_id, sku_id, on_hand, reserved)"
                     " VALUES (?, ?, ?, ?)");
    row.Bind(*snapshot_id, sku_id, entry.level.on_hand, entry.level.reserved);
    SHRIMP_RETURN_IF_ERROR(row.Run());
  }
  store::Query complete(connection, "UPDATE stock_snapshots SET complete = 1 WHERE id = ?");
  complete.Bind(*snapshot_id);
  SHRIMP_RETURN_IF_ERROR(complete.Run());
  for (const char* sql : {"DELETE FROM stock_snapshot_levels WHERE snapshot_id <= ?",
                          "DELETE FROM stock_snapshots WHERE id <= ?"}) {
    store::Query prune(connection, sql);
    prune.Bind(*snapshot_id - kStockSnapshotsKept);
    SHRIMP_RETURN_IF_ERROR(prune.Run());
  }
  int64_t previous = snapshot_movement_id_;
  snapshot_movement_id_ = last_movement_id.value_or(0);
  connection.journal().Record([this, previous] { snapshot_movement_id_ = previous; });
  return OkStatus();
}

Result<int64_t> StockBook::MovementsSinceSnapshot(store::Connection& connection) const {
  store::Query newest(connection, "SELECT COALESCE(MAX(id), 0) FROM stock_movements");
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> last_movement_id, newest.ScalarInt());
  return last_movement_id.value_or(0) - snapshot_movement_id_;
}

Result<std::pair<int64_t, int64_t>> StockBook::NewestSnapshot(store::Connection& connection) {
  store::Query query(connection,
                     "SELECT id, last_movement_id FROM stock_snapshots WHERE complete = 1"
                     " ORDER BY id DESC LIMIT 1");
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return std::pair<int64_t, int64_t>(0, 0);
  }
  return std::pair<int64_t, int64_t>(query.Int(0), query.Int(1));
}

Status StockBook::ReadSnapshot(store::Connection& connection, int64_t id, EntryMap& entries) {
  store::Query query(connection,
                     "SELECT sku_id, on_hand, reserved FROM stock_snapshot_levels"
                     " WHERE snapshot_id = ?");
  query.Bind(id);
  while (query.Next()) {
    auto entry = entries.find(query.Int(0));
    if (entry == entries.end()) {
      return Internal("stock snapshot " + std::to_string(id) + ": unknown sku " +
                      std::to_string(query.Int(0)));
    }
    entry->second.level = StockLevel{query.Int(1), query.Int(2)};
  }
  return query.status();
}

}  // namespace shrimp::catalog
