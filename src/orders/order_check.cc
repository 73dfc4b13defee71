#include "orders/order_check.h"

#include <string>
#include <vector>

#include "orders/order_status.h"

namespace shrimp::orders {
namespace {

constexpr size_t kProblemsMax = 20;

}  // namespace

Status CheckOrders(store::Connection& connection, const ledger::Ledger& ledger) {
  std::vector<std::string> problems;
  auto problem = [&](int64_t order_id, const std::string& text) {
    if (problems.size() < kProblemsMax)
      problems.push_back("order " + std::to_string(order_id) + ": " + text);
  };
  store::Query orders(
      connection,
      "SELECT o.id, o.total,"
      " (SELECT e.status FROM order_events e WHERE e.order_id = o.id ORDER BY e.id DESC LIMIT 1),"
      " (SELECT e.transfer_id FROM order_events e WHERE e.order_id = o.id AND e.event = 'pay'),"
      " (SELECT COUNT(*) FROM order_events e WHERE e.order_id = o.id AND e.event = 'ship')"
      " FROM orders o ORDER BY o.id");
  while (orders.Next()) {
    int64_t order_id = orders.Int(0);
    int64_t total = orders.Int(1);
    auto status = ParseStatus(orders.Text(2));
    int64_t hold_id = orders.IsNull(3) ? 0 : orders.Int(3);
    bool shipped = orders.Int(4) > 0;
    if (!status) {
      problem(order_id, "unknown status");
      continue;
    }
    if (*status == OrderStatus::kPendingPayment && hold_id != 0)
      problem(order_id, "unpaid but has a hold");
    if (hold_id != 0) {
      auto hold = ledger::FindTransfer(connection, hold_id);
      auto resolution = ledger::FindResolution(connection, hold_id);
      if (!hold.ok() || !resolution.ok()) return !hold.ok() ? hold.error() : resolution.error();
      if (!*hold || !(*hold)->is_pending()) {
        problem(order_id, "hold transfer missing");
      } else if ((*hold)->amount != total) {
        problem(order_id, "hold amount differs from the order total");
      }
      bool open = !resolution->has_value();
      if (HoldsEscrow(*status) && !open) problem(order_id, "holds escrow but its hold is settled");
      if (IsFinal(*status) && open) problem(order_id, "settled but its hold is still open");
    } else if (HoldsEscrow(*status) || *status == OrderStatus::kCompleted) {
      problem(order_id, "paid status without a hold");
    }
    // Stock: reserved per line; released when the goods came back unshipped,
    // consumed when they shipped.
    store::Query stock(connection,
                       "SELECT COALESCE(SUM(CASE WHEN reason = 'reserved' THEN -delta END), 0),"
                       " COALESCE(SUM(CASE WHEN reason = 'released' THEN delta END), 0),"
                       " COALESCE(SUM(CASE WHEN reason = 'shipped' THEN -delta END), 0)"
                       " FROM stock_movements WHERE reference_id = ?"
                       " AND reason IN ('reserved', 'released', 'shipped')");
    stock.Bind(order_id);
    store::Query lines(connection,
                       "SELECT COALESCE(SUM(quantity), 0) FROM order_lines WHERE order_id = ?");
    lines.Bind(order_id);
    if (!stock.Next() || !lines.Next()) {
      return !stock.ok() ? stock.error() : lines.status();
    }
    int64_t reserved = stock.Int(0), released = stock.Int(1), consumed = stock.Int(2);
    int64_t ordered = lines.Int(0);
    if (reserved != ordered) problem(order_id, "reserved stock differs from the ordered quantity");
    if (released != 0 && released != reserved) problem(order_id, "released part of its stock");
    if (*status == OrderStatus::kCancelled && released != reserved) {
      problem(order_id, "cancelled without releasing its stock");
    }
    if (shipped != (consumed != 0)) problem(order_id, "shipped stock does not match shipping");
    if (consumed != 0 && consumed != reserved) problem(order_id, "shipped part of its stock");
    if (shipped && released != 0) problem(order_id, "released stock after shipping");
  }
  SHRIMP_RETURN_IF_ERROR(orders.status());
  if (problems.empty()) return OkStatus();
  std::string message;
  for (const std::string& text : problems) message += (message.empty() ? "" : "; ") + text;
  return Internal(message);
}

}  // namespace shrimp::orders
