// OrderObserver: how other domains follow orders as they are written, without
// the orders domain knowing them — credit keeps per-shop features from every
// event; reputation counts refunds, disputes and late shipping per closed
// order.
//
// OrderService calls the observers inside the writer job that records the
// event, after every fallible step of that event. An observer changes only
// its own memory and must record each change in `journal` (store/journal.h):
// when the job fails later, the writer runs the undos and the observer's
// memory goes back with the database. Both hooks must not fail.
//
// The same facts can be rebuilt from order_events joined to orders (ordered
// by event id), which is what an observer's start-up rebuild reads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/money.h"
#include "core/result.h"
#include "orders/order.h"
#include "orders/order_status.h"
#include "store/db.h"
#include "store/journal.h"

namespace shrimp::orders {

// One order event, as written.
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

// Every closed order's facts, in order id order; or, when after_event_id is
// positive, those of the orders that closed after that order event (a final
// status has no transitions out, so an order with an event after it closed
// after it). Any connection.
[[nodiscard]] Status ScanClosedOrderFacts(store::Connection& connection,
                                          const std::function<void(const OrderFacts&)>& visit,
                                          int64_t after_event_id = 0);

// The id of the newest order event (0: none). Any connection.
[[nodiscard]] Result<int64_t> LastOrderEventId(store::Connection& connection);

class OrderObserver {
 public:
  virtual ~OrderObserver() = default;
  // Every event, right after its row is written and before the order book
  // moves. Writer thread, inside the job.
  virtual void OnOrderEvent(store::Journal& /*journal*/, const OrderFact& /*fact*/) {}
  // An order reached a final status; `order` is as reloaded after the event.
  virtual void OrderClosed(store::Journal& /*journal*/, const Order& /*order*/) {}
};

}  // namespace shrimp::orders
