#include "orders/order_book.h"

#include "orders/order.h"

namespace shrimp::orders {

OpenOrder* OrderBook::Find(int64_t order_id) {
  auto it = open_.find(order_id);
  return it == open_.end() ? nullptr : &it->second;
}

void OrderBook::Add(store::Journal& journal, int64_t order_id, OpenOrder order) {
  Schedule(order_id, order);
  Hold(order, +1);
  open_[order_id] = std::move(order);
  // A stale heap entry is harmless: PopDue checks each against the order.
  journal.Record([this, order_id] {
    auto it = open_.find(order_id);
    if (it != open_.end()) {
      Hold(it->second, -1);
      open_.erase(it);
    }
  });
}

void OrderBook::Reschedule(int64_t order_id) {
  if (const OpenOrder* order = Find(order_id)) Schedule(order_id, *order);
}

void OrderBook::Touch(store::Journal& journal, int64_t order_id) {
  auto it = open_.find(order_id);
  if (it == open_.end() || !journal.active()) return;
  journal.Record([this, order_id, saved = it->second] { open_[order_id] = saved; });
}

void OrderBook::Hold(const OpenOrder& order, int sign) {
  if (order.status != OrderStatus::kPendingPayment) return;
  UnpaidHolds& holds = unpaid_[order.buyer_id];
  holds.orders += sign;
  for (auto [sku_id, units] : order.unpaid_lines) {
    int64_t& held = holds.units_by_sku[sku_id];
    held += sign * units;
    if (held == 0) holds.units_by_sku.erase(sku_id);
  }
  if (holds.orders == 0) unpaid_.erase(order.buyer_id);
}

UnpaidHolds OrderBook::Unpaid(int64_t buyer_id) const {
  auto it = unpaid_.find(buyer_id);
  return it == unpaid_.end() ? UnpaidHolds{} : it->second;
}

std::optional<int64_t> OrderBook::AutoCompleteAt(const OpenOrder& order) const {
  if (order.status == OrderStatus::kDelivered) {
    return order.delivered_at_ms + timers_.delivered_complete_ms + order.paused_total_ms;
  }
  if (order.status == OrderStatus::kShipped) {
    return order.shipped_at_ms + timers_.shipped_complete_ms + order.paused_total_ms;
  }
  return std::nullopt;  // unpaid, paid-not-shipped, or paused by a refund or dispute
}

void OrderBook::Schedule(int64_t order_id, const OpenOrder& order) {
  if (order.status == OrderStatus::kPendingPayment)
    expiries_.emplace(order.expires_at_ms, order_id);
  if (auto due = AutoCompleteAt(order)) completions_.emplace(*due, order_id);
}

namespace {

// Moves an open order to `next`, keeping the timestamps and the pause clock
// the auto-complete deadline is computed from.
void Advance(OpenOrder& order, OrderEvent event, OrderStatus next, int64_t at_ms) {
  switch (event) {
    case OrderEvent::kShip: order.shipped_at_ms = at_ms; break;
    case OrderEvent::kDeliver: order.delivered_at_ms = at_ms; break;
    case OrderEvent::kRequestRefund:
    case OrderEvent::kDispute:
      if (order.paused_since_ms == 0) order.paused_since_ms = at_ms;
      if (event == OrderEvent::kRequestRefund) order.before_refund = order.status;
      break;
    case OrderEvent::kDeclineRefund:
      // The clock resumes, extended by the time the request kept it paused.
      order.paused_total_ms += at_ms - order.paused_since_ms;
      order.paused_since_ms = 0;
      break;
    default: break;
  }
  order.status = next;
}

}  // namespace

std::optional<int64_t> AutoCompleteAtFromEvents(const std::vector<OrderEventRecord>& events,
                                                const OrderTimers& timers) {
  OpenOrder order;
  for (const OrderEventRecord& event : events) {
    if (event.event == OrderEvent::kCreate) continue;
    Advance(order, event.event, event.status, event.at_ms);
  }
  OrderBook book(timers);
  return book.AutoCompleteAt(order);
}

void OrderBook::Apply(store::Journal& journal, int64_t order_id, OrderEvent event, OrderStatus next,
                      int64_t now_ms) {
  auto it = open_.find(order_id);
  if (it == open_.end()) return;
  OpenOrder saved = it->second;
  Hold(it->second, -1);
  Advance(it->second, event, next, now_ms);
  if (IsFinal(next)) {
    open_.erase(it);
  } else {
    if (next != OrderStatus::kPendingPayment) it->second.unpaid_lines.clear();
    Hold(it->second, +1);
    Schedule(order_id, it->second);
  }
  journal.Record([this, order_id, saved = std::move(saved)] {
    if (auto current = open_.find(order_id); current != open_.end()) Hold(current->second, -1);
    Hold(saved, +1);
    open_[order_id] = saved;
    // Its heap entries need nothing: entries this job popped are pushed back
    // by PopDue's own undo, and the ones pushed since are skipped as stale.
  });
}

std::vector<int64_t> OrderBook::PopDue(store::Journal& journal, MinHeap& heap, int64_t now_ms,
                                       size_t limit, bool expiry) {
  std::vector<int64_t> due;
  std::vector<Deadline> popped;
  while (!heap.empty() && heap.top().first <= now_ms && due.size() < limit) {
    Deadline entry = heap.top();
    heap.pop();
    popped.push_back(entry);
    auto [due_ms, order_id] = entry;
    OpenOrder* order = Find(order_id);
    bool current = expiry ? order && order->status == OrderStatus::kPendingPayment &&
                                order->expires_at_ms == due_ms
                          : order && AutoCompleteAt(*order) == due_ms;
    if (current) due.push_back(order_id);
  }
  if (!popped.empty()) {
    journal.Record([&heap, popped = std::move(popped)] {
      for (const Deadline& entry : popped) heap.push(entry);
    });
  }
  return due;
}

std::vector<int64_t> OrderBook::DueExpiries(store::Journal& journal, int64_t now_ms, size_t limit) {
  return PopDue(journal, expiries_, now_ms, limit, true);
}

std::vector<int64_t> OrderBook::DueCompletions(store::Journal& journal, int64_t now_ms,
                                               size_t limit) {
  return PopDue(journal, completions_, now_ms, limit, false);
}

Status OrderBook::CompareWith(const OrderBook& other) const {
  auto differ = [](int64_t order_id, std::string_view what) {
    return Internal("open order " + std::to_string(order_id) + ": " + std::string(what) +
                    " differs");
  };
  if (open_.size() != other.open_.size()) return Internal("open order count differs");
  for (const auto& [order_id, order] : open_) {
    auto found = other.open_.find(order_id);
    if (found == other.open_.end()) return differ(order_id, "presence");
    const OpenOrder& theirs = found->second;
    if (order.status != theirs.status) return differ(order_id, "status");
    if (order.hold_transfer_id != theirs.hold_transfer_id) return differ(order_id, "hold");
    if (order.refund_amount != theirs.refund_amount) return differ(order_id, "refund amount");
    if (AutoCompleteAt(order) != other.AutoCompleteAt(theirs)) return differ(order_id, "deadline");
  }
  if (unpaid_.size() != other.unpaid_.size()) return Internal("unpaid buyers differ");
  for (const auto& [buyer_id, holds] : unpaid_) {
    auto found = other.unpaid_.find(buyer_id);
    if (found == other.unpaid_.end() || found->second.orders != holds.orders ||
        found->second.units_by_sku != holds.units_by_sku) {
      return Internal("unpaid holds of buyer " + std::to_string(buyer_id) + " differ");
    }
  }
  return OkStatus();
}

Status OrderBook::Load(store::Connection& connection) {
  open_.clear();
  unpaid_.clear();
  expiries_ = {};
  completions_ = {};
  // Open orders are those whose last event is not final. Replaying each open
  // order's events restores timestamps and the pause clock exactly.
  store::Query orders(connection,
                      "SELECT o.id, o.buyer_id, o.shop_id, o.total, o.currency, o.expires_at"
                      " FROM orders o WHERE o.closed = 0");
  while (orders.Next()) {
    OpenOrder order;
    int64_t order_id = orders.Int(0);
    order.buyer_id = orders.Int(1);
    order.shop_id = orders.Int(2);
    auto currency = Currency::Parse(orders.Text(4));
    if (!currency.ok())
      return Internal("order " + std::to_string(order_id) + " has a bad currency");
    order.total = Money{orders.Int(3), *currency};
    order.expires_at_ms = orders.Int(5);
    open_[order_id] = order;
  }
  if (!orders.ok()) return orders.error();
  store::Query events(connection, kOpenOrderEventsSql);
  while (events.Next()) {
    int64_t order_id = events.Int(0);
    OpenOrder* order = Find(order_id);
    if (!order) continue;
    auto status = ParseStatus(events.Text(2));
    if (!status) return Internal("order event with unknown status");
    std::optional<OrderEvent> event = ParseEvent(events.Text(1));
    if (!event) return Internal("order event with unknown name " + events.Text(1));
    if (*event == OrderEvent::kCreate) {
      order->status = *status;
      continue;
    }
    if (*event == OrderEvent::kPay) order->hold_transfer_id = events.Int(5);
    if (*event == OrderEvent::kRequestRefund) order->refund_amount = events.Int(4);
    // Advance without scheduling; deadlines are scheduled once below.
    Advance(*order, *event, *status, events.Int(3));
  }
  if (!events.ok()) return events.error();
  store::Query lines(connection, kOpenOrderLinesSql);
  while (lines.Next()) {
    OpenOrder* order = Find(lines.Int(0));
    if (order && order->status == OrderStatus::kPendingPayment) {
      order->unpaid_lines.emplace_back(lines.Int(1), lines.Int(2));
    }
  }
  if (!lines.ok()) return lines.error();
  for (auto it = open_.begin(); it != open_.end();) {
    if (IsFinal(it->second.status)) {
      it = open_.erase(it);  // closed flag lagging behind: cannot happen, but be safe
      continue;
    }
    Schedule(it->first, it->second);
    Hold(it->second, +1);
    ++it;
  }
  return OkStatus();
}

}  // namespace shrimp::orders
