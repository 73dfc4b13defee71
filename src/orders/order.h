// Order: what a buyer bought from one shop, and everything that happened to
// it since. Orders and their lines are written once at checkout; every later
// change is an appended order_events row, so the durable record is
// append-only and the current status is the last event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "orders/order_status.h"

namespace shrimp::orders {

struct ShippingAddress {
  std::string name;
  std::string line1;
  std::string line2;
  std::string city;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2
  std::string phone;
};

struct OrderLine {
  int64_t sku_id = 0;
  int64_t product_id = 0;
  std::string title;       // snapshot at checkout
  std::string attrs_json;  // snapshot at checkout, a JSON object
  int64_t quantity = 0;
  Money unit_price;
  Money line_total;
  int64_t commission_bps = 0;  // the platform's rate for this line, fixed at checkout
};

// The shipping the buyer chose at checkout (logistics/shipping_options.h):
// its fee is part of the order total, held in escrow with the goods, never
// commissioned, and released to shipping_payable. Absent (carrier empty, fee
// 0) when the buyer chose none: the merchant ships at its own cost.
struct OrderShipping {
  std::string carrier;  // a network carrier id
  std::string service;  // "express" | "standard"
  Money fee;
  int64_t promised_by_minutes = 0;  // UTC minutes, the promise at checkout
};

struct OrderEventRecord {
  OrderStatus status;
  OrderEvent event;
  int64_t actor_id = 0;  // 0: the system (expiry, auto-complete)
  int64_t at_ms = 0;
  // Event data: carrier and tracking number, refund amount and reason, ...
  std::string carrier;
  std::string tracking_number;
  std::string reason;
  int64_t amount = 0;
  std::string outcome;
};

struct Order {
  int64_t id = 0;
  int64_t shop_id = 0;
  std::string shop_name;
  int64_t buyer_id = 0;
  OrderStatus status = OrderStatus::kPendingPayment;
  std::vector<OrderLine> lines;
  Money total;  // goods plus shipping.fee
  OrderShipping shipping;
  ShippingAddress shipping_address;
  std::vector<OrderEventRecord> events;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::optional<int64_t> auto_complete_at_ms;

  // What the lines cost: the total less the shipping fee.
  int64_t GoodsAmount() const { return total.amount - shipping.fee.amount; }
  // The platform commission on `amount` of this order's goods, pro rata over
  // its lines' rates (used when only part of the goods is released). The
  // shipping fee is never commissioned.
  int64_t CommissionOn(int64_t amount) const;
};

}  // namespace shrimp::orders
