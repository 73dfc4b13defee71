// Cart totals with checked arithmetic.
//
// A cart line's total is unit price x quantity and a shop group's subtotal is
// the sum of its lines; with prices up to kAmountMax and 100 lines of up to
// 1,000 units, both can exceed int64 (a cart once showed
// -8,446,744,073,709,551,616). Every total is bounded by kAmountMax, the
// largest amount the ledger moves, so a cart that could never be paid says
// so (amount_too_large) instead of showing a wrong number.
#pragma once

#include "core/result.h"
#include "orders/order_service.h"

namespace shrimp::orders {

// Sets item.line_total = item.unit_price x item.quantity and adds it to
// group.subtotal (whose currency it must share). Errors: amount_too_large
// (details: sku_id) when either exceeds kAmountMax; then neither is changed.
[[nodiscard]] Status AddCartLineTotal(CartGroup& group, CartItemView& item);

}  // namespace shrimp::orders
