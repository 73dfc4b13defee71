// OrderStore: the SQL for orders, order lines, order events and carts.
//
// Writes happen inside writer jobs (orders/order_service.cc); reads run on
// pooled read connections. Orders and lines are inserted once; every later
// change appends an order_events row. The one in-place update is the
// `closed` flag, set once when an order reaches a final status so start-up
// loads only open orders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "orders/order.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::orders {

std::vector<store::Migration> OrderMigrations();

// Writes (writer thread).
[[nodiscard]] Status InsertOrder(store::Connection& connection, const Order& order,
                                 int64_t checkout_id);
[[nodiscard]] Status AppendEvent(store::Connection& connection, int64_t order_id, int64_t shop_id,
                                 const OrderEventRecord& event, int64_t transfer_id);
[[nodiscard]] Status MarkClosed(store::Connection& connection, int64_t order_id);

// Reads (any connection).
[[nodiscard]] Result<std::optional<Order>> LoadOrder(store::Connection& connection,
                                                     int64_t order_id);

struct OrderFilter {
  std::optional<int64_t> buyer_id;
  std::optional<int64_t> shop_id;
  std::optional<OrderStatus> status;
  int64_t after_id = 0;  // cursor: orders with a smaller id (newest first)
  int64_t limit = 20;
};
[[nodiscard]] Result<std::vector<Order>> ListOrders(store::Connection& connection,
                                                    const OrderFilter& filter);

// Address <-> JSON text, as stored.
std::string AddressToJson(const ShippingAddress& address);
ShippingAddress AddressFromJson(const std::string& json);

// Carts: one row per (user, sku).
struct CartRow {
  int64_t sku_id = 0;
  int64_t quantity = 0;
  int64_t added_at_ms = 0;
};
[[nodiscard]] Result<std::vector<CartRow>> LoadCart(store::Connection& connection, int64_t user_id);
[[nodiscard]] Status SetCartQuantity(store::Connection& connection, int64_t user_id, int64_t sku_id,
                                     int64_t quantity, int64_t now_ms);
[[nodiscard]] Status RemoveCartItem(store::Connection& connection, int64_t user_id, int64_t sku_id);
[[nodiscard]] Status ClearCart(store::Connection& connection, int64_t user_id);

}  // namespace shrimp::orders
