// JSON for carts and orders, as documented in /openapi.json.
#pragma once

#include <vector>

#include "http/json.h"
#include "orders/order.h"
#include "orders/order_book.h"
#include "orders/order_service.h"

namespace shrimp::api {

void WriteOrder(http::JsonWriter& json, const orders::Order& order,
                const orders::OrderTimers& timers);
void WriteCart(http::JsonWriter& json, const orders::CartView& cart);
// The ship event's carrier, tracking number and time, or null without one.
void WriteShipped(http::JsonWriter& json, const orders::OrderEventRecord* shipped);

}  // namespace shrimp::api
