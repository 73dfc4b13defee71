#include "orders/commission.h"

namespace shrimp::orders {

std::vector<store::Migration> CommissionPolicy::Migrations() {
  return {{"commission", 1, "commission rates per category (0 = default)",
           R"sql(
CREATE TABLE commission_rates (
  category_id INTEGER PRIMARY KEY,
  bps INTEGER NOT NULL CHECK (bps BETWEEN 0 AND 10000),
  updated_at INTEGER NOT NULL
);
)sql"}};
}

Status CommissionPolicy::Load(store::Connection& connection) {
  by_category_.clear();
  default_bps_ = kCommissionDefaultBps;
  store::Query query(connection, "SELECT category_id, bps FROM commission_rates");
  while (query.Next()) {
    if (query.Int(0) == 0) {
      default_bps_ = query.Int(1);
    } else {
      by_category_[query.Int(0)] = query.Int(1);
    }
  }
  return query.status();
}

Status CommissionPolicy::Set(store::Connection& connection, int64_t category_id, int64_t bps,
                             int64_t now_ms) {
  if (bps < 0 || bps > kBasisPointsMax) {
    return InvalidArgument("invalid_field", "bps must be between 0 and 10000").With("field", "bps");
  }
  store::Query upsert(connection,
                      "INSERT INTO commission_rates (category_id, bps, updated_at) VALUES (?, ?, ?)"
                      " ON CONFLICT (category_id) DO UPDATE SET bps = excluded.bps,"
                      " updated_at = excluded.updated_at");
  upsert.Bind(category_id, bps, now_ms);
  SHRIMP_RETURN_IF_ERROR(upsert.Run());
  if (category_id == 0) {
    default_bps_ = bps;
  } else {
    by_category_[category_id] = bps;
  }
  return OkStatus();
}

int64_t CommissionPolicy::RateFor(int64_t category_id) const {
  auto it = by_category_.find(category_id);
  return it == by_category_.end() ? default_bps_ : it->second;
}

}  // namespace shrimp::orders
