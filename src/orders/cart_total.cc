#include "orders/cart_total.h"

namespace shrimp::orders {

Status AddCartLineTotal(CartGroup& group, CartItemView& item) {
  auto line_total = CheckedMul(item.unit_price.amount, item.quantity);
  auto subtotal = line_total ? CheckedAdd(group.subtotal.amount, *line_total) : std::nullopt;
  if (!line_total || *line_total > kAmountMax || !subtotal || *subtotal > kAmountMax) {
    return InvalidArgument("amount_too_large",
                           "the cart's total is larger than any payment can be; lower a quantity")
        .With("sku_id", item.sku_id);
  }
  item.line_total = Money{*line_total, item.unit_price.currency};
  group.subtotal.amount = *subtotal;
  return OkStatus();
}

}  // namespace shrimp::orders
