#include "catalog/stock_book.h"

#include <mutex>
#include <string>
#include <vector>

namespace shrimp::catalog {

std::string_view StockReasonName(StockReason reason) {
  switch (reason) {
    case StockReason::kReceived: return "received";
    case StockReason::kAdjusted: return "adjusted";
    case StockReason::kReserved: return "reserved";
    case StockReason::kReleased: return "released";
  }
  return "adjusted";
}

Status StockBook::Load(store::Connection& connection) {
  store::Query query(connection,
                     "SELECT k.id, k.shop_id, COALESCE((SELECT SUM(m.delta) FROM stock_movements m"
                     " WHERE m.sku_id = k.id), 0) FROM skus k");
  std::unordered_map<int64_t, Entry> loaded;
  while (query.Next()) loaded[query.Int(0)] = Entry{query.Int(1), query.Int(2)};
  SHRIMP_RETURN_IF_ERROR(query.status());
  std::unique_lock lock(mutex_);
  entries_ = std::move(loaded);
  return OkStatus();
}

int64_t StockBook::Available(int64_t sku_id) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(sku_id);
  return it == entries_.end() ? 0 : it->second.stock;
}

void StockBook::Register(int64_t sku_id, int64_t shop_id) {
  std::unique_lock lock(mutex_);
  entries_.try_emplace(sku_id, Entry{shop_id, 0});
}

size_t StockBook::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

Status StockBook::Move(store::Connection& connection, int64_t sku_id, int64_t delta,
                       StockReason reason, int64_t reference_id, int64_t now_ms) {
  Entry entry;
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(sku_id);
    if (it == entries_.end()) {
      return NotFound("sku_not_found", "no SKU has this id").With("sku_id", sku_id);
    }
    entry = it->second;
  }
  // Only the writer thread changes entries, so the value read above is
  // still current below.
  int64_t next = entry.stock + delta;
  if (next < 0) {
    return Conflict("out_of_stock", "not enough stock left")
        .With("sku_id", sku_id)
        .With("available", entry.stock);
  }
  if (next > kStockMax) {
    return InvalidArgument("stock_too_large", "stock may not exceed 1,000,000,000 units")
        .With("sku_id", sku_id);
  }
  store::Query insert(connection,
                      "INSERT INTO stock_movements (sku_id, shop_id, delta, reason, reference_id,"
                      " created_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(sku_id, entry.shop_id, delta, StockReasonName(reason), reference_id, now_ms);
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  std::unique_lock lock(mutex_);
  entries_[sku_id].stock = next;
  return OkStatus();
}

Status CheckStock(store::Connection& connection, const StockBook& book) {
  store::Query query(connection,
                     "SELECT k.id, COALESCE((SELECT SUM(m.delta) FROM stock_movements m"
                     " WHERE m.sku_id = k.id), 0) FROM skus k");
  std::vector<std::string> problems;
  int64_t skus = 0;
  while (query.Next()) {
    ++skus;
    int64_t sku_id = query.Int(0), durable = query.Int(1);
    int64_t hot = book.Available(sku_id);
    if (durable < 0) problems.push_back("sku " + std::to_string(sku_id) + " has negative stock");
    if (hot != durable) {
      problems.push_back("sku " + std::to_string(sku_id) + " stock in memory " +
                         std::to_string(hot) + " != movements " + std::to_string(durable));
    }
    if (problems.size() >= 20) break;
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  if (problems.empty() && static_cast<size_t>(skus) != book.size()) {
    problems.push_back("stock book holds " + std::to_string(book.size()) + " SKUs, store " +
                       std::to_string(skus));
  }
  if (problems.empty()) return OkStatus();
  std::string message = "stock: ";
  for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
  return Internal(message);
}

}  // namespace shrimp::catalog
