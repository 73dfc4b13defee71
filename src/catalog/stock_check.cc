#include "catalog/stock_check.h"

#include <string>

namespace shrimp::catalog {
namespace {

constexpr size_t kStockProblemsMax = 20;

}  // namespace

Result<StockCopy> CopyStock(store::Connection& connection, const StockBook& book) {
  StockCopy copy;
  {
    store::Query newest(connection, "SELECT COALESCE(max(id), 0) FROM stock_movements");
    SHRIMP_ASSIGN_OR_RETURN(auto movement_id_max, newest.ScalarInt());
    copy.movement_id_max = movement_id_max.value_or(0);
  }
  // The primary key alone: a walk of the index, not of history.
  store::Query skus(connection, "SELECT id FROM skus ORDER BY id");
  while (skus.Next()) copy.levels.emplace_back(skus.Int(0), book.Level(skus.Int(0)));
  SHRIMP_RETURN_IF_ERROR(skus.status());
  if (copy.levels.size() != book.size()) {
    return Internal("stock: the book holds " + std::to_string(book.size()) + " SKUs, the store " +
                    std::to_string(copy.levels.size()));
  }
  return copy;
}

Status CheckStockCopy(store::Connection& snapshot, const StockCopy& copy) {
  int64_t sku_id_max = copy.levels.empty() ? 0 : copy.levels.back().first;
  store::Query query(snapshot, kStockLevelsUpToSql);
  query.Bind(copy.movement_id_max, sku_id_max);
  std::vector<std::string> problems;
  size_t index = 0;
  while (query.Next() && problems.size() < kStockProblemsMax) {
    int64_t sku_id = query.Int(0);
    StockLevel durable{query.Int(2), query.Int(3)};
    std::string name = "sku " + std::to_string(sku_id);
    if (durable.reserved < 0 || durable.reserved > durable.on_hand) {
      problems.push_back(name + " has reserved " + std::to_string(durable.reserved) +
                         " outside 0.." + std::to_string(durable.on_hand));
    }
    if (index >= copy.levels.size() || copy.levels[index].first != sku_id) {
      problems.push_back(name + " is in the store but not in the book");
      continue;
    }
    StockLevel hot = copy.levels[index++].second;
    if (hot.on_hand != durable.on_hand || hot.reserved != durable.reserved) {
      problems.push_back(name + " in memory " + std::to_string(hot.on_hand) + "/" +
                         std::to_string(hot.reserved) + " != movements " +
                         std::to_string(durable.on_hand) + "/" + std::to_string(durable.reserved) +
                         " (on hand/reserved)");
    }
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  if (problems.empty() && index != copy.levels.size()) {
    problems.push_back("the book holds SKUs the store does not");
  }
  if (problems.empty()) return OkStatus();
  std::string message = "stock: ";
  for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
  return Internal(message);
}

}  // namespace shrimp::catalog
