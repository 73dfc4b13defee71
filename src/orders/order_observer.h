// OrderObserver: how other domains learn that an order closed, without the
// orders domain knowing them (reputation counts refunds, disputes and late
// shipping per shop). OrderService calls the observer inside the writer job
// that closed the order, after every fallible step: the observer changes
// only memory and must record its undo in `journal` (store/journal.h).
#pragma once

#include <cstdint>
#include <functional>

#include "core/result.h"
#include "orders/order.h"
#include "store/db.h"
#include "store/journal.h"

namespace shrimp::orders {

// What a closed order's timeline says, for outcome statistics.
struct OrderFacts {
  int64_t shop_id = 0;
  bool paid = false;
  bool refunded = false;  // a refund was accepted, or a dispute resolved as a refund
  bool disputed = false;
  int64_t paid_at_ms = 0;     // 0: never paid
  int64_t shipped_at_ms = 0;  // 0: never shipped
};

OrderFacts FactsOf(const Order& order);

// Every closed order's facts, in order id order. Any connection.
[[nodiscard]] Status ScanClosedOrderFacts(store::Connection& connection,
                                          const std::function<void(const OrderFacts&)>& visit);

class OrderObserver {
 public:
  virtual ~OrderObserver() = default;
  // Writer thread, inside the job that closed `order`. Must not fail.
  virtual void OrderClosed(store::Journal& journal, const Order& order) = 0;
};

}  // namespace shrimp::orders
