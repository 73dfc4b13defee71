// OrderBook: the hot state of every open order, owned by the writer thread.
//
// Only orders that can still change are held (a final order needs nothing in
// memory), which bounds memory by open orders, not history. Two min-heaps
// hold the next deadlines: unpaid orders expiring, and shipped or delivered
// orders auto-completing. Entries are checked against the order when popped,
// so a stale entry (the order moved on) is skipped.
//
// Rebuilt at start from orders + order_events (see Load).
//
// Every mutator records its undo in the writer's journal (store/journal.h),
// so a writer job that fails leaves the book as it was.
#pragma once

#include <cstdint>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/money.h"
#include "core/result.h"
#include "orders/order_status.h"
#include "store/db.h"
#include "store/journal.h"

namespace shrimp::orders {

struct OrderTimers {
  int64_t unpaid_ttl_ms = 30 * 60'000;             // unpaid orders release stock after 30 min
  int64_t delivered_complete_ms = 10 * kMsPerDay;  // DESIGN.md: 10 days, as on 1688
  int64_t shipped_complete_ms = 30 * kMsPerDay;    // shipped, never marked delivered
};

struct OpenOrder {
  int64_t buyer_id = 0;
  int64_t shop_id = 0;
  OrderStatus status = OrderStatus::kPendingPayment;
  OrderStatus before_refund = OrderStatus::kPaid;
  Money total;
  int64_t expires_at_ms = 0;
  int64_t shipped_at_ms = 0;
  int64_t delivered_at_ms = 0;
  int64_t paused_since_ms = 0;  // when a refund request or dispute paused the clock
  int64_t paused_total_ms = 0;
  int64_t hold_transfer_id = 0;  // the pending escrow transfer, once paid
  int64_t refund_amount = 0;     // requested refund, minor units
  // (sku_id, units) of each line; kept only while unpaid, for the holds.
  std::vector<std::pair<int64_t, int64_t>> unpaid_lines;
};

// What one buyer holds in orders still waiting for payment.
struct UnpaidHolds {
  int64_t orders = 0;
  std::unordered_map<int64_t, int64_t> units_by_sku;
};

// The auto-complete deadline an order's events imply (nullopt: no clock
// runs), computed the same way the writer's OrderBook does.
std::optional<int64_t> AutoCompleteAtFromEvents(const std::vector<struct OrderEventRecord>& events,
                                                const OrderTimers& timers);

// Start-up reads of the open orders' events and lines. Each order's events
// come in order (orders are independent of each other). The CROSS JOIN
// makes SQLite walk the open orders (partial index orders_open) into their
// rows, so start-up never scans the events or lines of closed orders.
inline constexpr const char* kOpenOrderEventsSql =
    "SELECT e.order_id, e.event, e.status, e.created_at, e.amount, e.transfer_id"
    " FROM orders o CROSS JOIN order_events e ON e.order_id = o.id"
    " WHERE o.closed = 0 ORDER BY o.id, e.id";
inline constexpr const char* kOpenOrderLinesSql =
    "SELECT l.order_id, l.sku_id, l.quantity FROM orders o"
    " CROSS JOIN order_lines l ON l.order_id = o.id WHERE o.closed = 0";

class OrderBook {
 public:
  explicit OrderBook(OrderTimers timers) : timers_(timers) {}

  // Writer thread, at start: rebuilds open orders and their deadlines.
  [[nodiscard]] Status Load(store::Connection& connection);

  // Writer thread; each mutator records its undo in `journal`.
  OpenOrder* Find(int64_t order_id);
  void Add(store::Journal& journal, int64_t order_id, OpenOrder order);
  // Records a transition already written to order_events; drops final orders.
  void Apply(store::Journal& journal, int64_t order_id, OrderEvent event, OrderStatus next,
             int64_t now_ms);
  // Saves the order for the undo; call before changing its fields directly.
  void Touch(store::Journal& journal, int64_t order_id);
  // Puts an open order's deadlines back in the heaps (a timer action that
  // failed is retried). Needs no undo: a stale or duplicate entry is skipped.
  void Reschedule(int64_t order_id);
  // What `buyer_id` holds unpaid; empty holds for none.
  UnpaidHolds Unpaid(int64_t buyer_id) const;

  // When the auto-complete clock of an order fires (nullopt: no clock runs).
  std::optional<int64_t> AutoCompleteAt(const OpenOrder& order) const;

  // Orders whose deadline passed, at most `limit`, popped from the heaps.
  std::vector<int64_t> DueExpiries(store::Journal& journal, int64_t now_ms, size_t limit);
  std::vector<int64_t> DueCompletions(store::Journal& journal, int64_t now_ms, size_t limit);

  size_t open_count() const { return open_.size(); }
  // Compares two books' open orders and holds (a live book against
  // a fresh Load): the first difference, or OK.
  [[nodiscard]] Status CompareWith(const OrderBook& other) const;
  const OrderTimers& timers() const { return timers_; }

 private:
  using Deadline = std::pair<int64_t, int64_t>;  // (due_ms, order_id)
  using MinHeap = std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>>;
  void Schedule(int64_t order_id, const OpenOrder& order);
  // Adds (sign +1) or removes (-1) an unpaid order's holds.
  void Hold(const OpenOrder& order, int sign);
  std::vector<int64_t> PopDue(store::Journal& journal, MinHeap& heap, int64_t now_ms, size_t limit,
                              bool expiry);

  OrderTimers timers_;
  std::unordered_map<int64_t, OpenOrder> open_;
  MinHeap expiries_;
  MinHeap completions_;
  std::unordered_map<int64_t, UnpaidHolds> unpaid_;  // by buyer
};

}  // namespace shrimp::orders
