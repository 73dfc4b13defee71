// Commission: the platform's cut of each sale, in basis points per category,
// operator-managed, with a marketplace-wide default. The rate is fixed on
// each order line at checkout, so a later change never reprices a sale.
//
// Threading: the writer thread owns the rates (Load, Set, RateFor).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::orders {

inline constexpr int64_t kCommissionDefaultBps = 500;  // 5 %
inline constexpr int64_t kBasisPointsMax = 10'000;

class CommissionPolicy {
 public:
  static std::vector<store::Migration> Migrations();
  [[nodiscard]] Status Load(store::Connection& connection);
  // Errors: invalid_field (bps outside 0..10000).
  [[nodiscard]] Status Set(store::Connection& connection, int64_t category_id, int64_t bps,
                           int64_t now_ms);
  int64_t RateFor(int64_t category_id) const;
  int64_t default_bps() const { return default_bps_; }

 private:
  int64_t default_bps_ = kCommissionDefaultBps;
  std::unordered_map<int64_t, int64_t> by_category_;
};

}  // namespace shrimp::orders
