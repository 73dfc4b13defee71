// OrderObserver: how another domain follows every order transition as it is
// written, without a scan of history (credit features, later analytics).
//
// OrderService calls OnOrderEvent inside the writer job that appends the
// event row, right after the row is written and before the order book moves.
// The observer keeps its own hot state and must record every change in
// `journal` (store/journal.h): when the job fails later, the writer runs the
// undos and the observer's memory goes back with the database.
//
// The same facts can be rebuilt from order_events joined to orders (ordered
// by event id), which is what an observer's start-up rebuild reads.
#pragma once

#include <cstdint>
#include <string>

#include "core/money.h"
#include "orders/order_status.h"
#include "store/journal.h"

namespace shrimp::orders {

struct OrderFact {
  int64_t order_id = 0;
  int64_t shop_id = 0;
  int64_t buyer_id = 0;
  Money total;
  OrderEvent event = OrderEvent::kCreate;
  OrderStatus next = OrderStatus::kPendingPayment;
  int64_t at_ms = 0;
  // The event's amount: the total when paid, the refund on a refund request,
  // acceptance or resolution (what went back to the buyer), else 0.
  int64_t amount = 0;
  std::string outcome;  // resolve: "refund" | "release"; auto-complete: "auto_complete"
};

class OrderObserver {
 public:
  virtual ~OrderObserver() = default;
  // Writer thread, inside the job. Cannot fail: keep it to memory.
  virtual void OnOrderEvent(store::Journal& journal, const OrderFact& fact) = 0;
};

}  // namespace shrimp::orders
