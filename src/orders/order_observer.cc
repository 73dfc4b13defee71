#include "orders/order_observer.h"

#include <string>
#include <string_view>

namespace shrimp::orders {

OrderFacts FactsOf(const Order& order) {
  OrderFacts facts;
  facts.shop_id = order.shop_id;
  for (const OrderEventRecord& event : order.events) {
    switch (event.event) {
      case OrderEvent::kPay:
        facts.paid = true;
        if (facts.paid_at_ms == 0) facts.paid_at_ms = event.at_ms;
        break;
      case OrderEvent::kShip:
        if (facts.shipped_at_ms == 0) facts.shipped_at_ms = event.at_ms;
        break;
      case OrderEvent::kAcceptRefund: facts.refunded = true; break;
      case OrderEvent::kResolve:
        if (event.outcome == "refund") facts.refunded = true;
        break;
      case OrderEvent::kDispute: facts.disputed = true; break;
      default: break;
    }
  }
  return facts;
}

Status ScanClosedOrderFacts(store::Connection& connection,
                            const std::function<void(const OrderFacts&)>& visit,
                            int64_t after_event_id) {
  // The same reading of the timeline as FactsOf, in SQL: start-up must not
  // load every closed order's events into memory.
  constexpr std::string_view kFacts =
      "SELECT o.shop_id,"
      // CASE, not MAX of a comparison: PostgreSQL has no MAX(boolean).
      " MAX(CASE WHEN e.event = 'pay' THEN 1 ELSE 0 END),"
      " MAX(CASE WHEN e.event = 'accept_refund' OR (e.event = 'resolve' AND"
      " e.outcome = 'refund') THEN 1 ELSE 0 END),"
      " MAX(CASE WHEN e.event = 'dispute' THEN 1 ELSE 0 END),"
      " COALESCE(MIN(CASE WHEN e.event = 'pay' THEN e.created_at END), 0),"
      " COALESCE(MIN(CASE WHEN e.event = 'ship' THEN e.created_at END), 0)"
      " FROM orders o JOIN order_events e ON e.order_id = o.id";
  // Two statements, not one with an OR: the tail's must start from the few
  // orders with recent events, and the full one must not build that set.
  std::string sql(kFacts);
  if (after_event_id > 0) {
    sql += " WHERE o.id IN (SELECT order_id FROM order_events WHERE id > ?) AND o.closed = 1";
  } else {
    sql += " WHERE o.closed = 1";
  }
  sql += " GROUP BY o.id ORDER BY o.id";
  store::Query query(connection, sql);
  if (after_event_id > 0) query.Bind(after_event_id);
  while (query.Next()) {
    OrderFacts facts;
    facts.shop_id = query.Int(0);
    facts.paid = query.Int(1) != 0;
    facts.refunded = query.Int(2) != 0;
    facts.disputed = query.Int(3) != 0;
    facts.paid_at_ms = query.Int(4);
    facts.shipped_at_ms = query.Int(5);
    visit(facts);
  }
  return query.status();
}

Result<int64_t> LastOrderEventId(store::Connection& connection) {
  store::Query newest(connection, "SELECT COALESCE(MAX(id), 0) FROM order_events");
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> id, newest.ScalarInt());
  return id.value_or(0);
}

}  // namespace shrimp::orders
