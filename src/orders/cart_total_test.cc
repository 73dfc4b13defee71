#include "orders/cart_total.h"

#include <gtest/gtest.h>

namespace shrimp::orders {
namespace {

CartItemView Line(int64_t sku_id, int64_t price, int64_t quantity) {
  CartItemView item;
  item.sku_id = sku_id;
  item.unit_price = Money{price, *Currency::Parse("CNY")};
  item.quantity = quantity;
  return item;
}

TEST(AddCartLineTotal, SumsLinesIntoTheSubtotal) {
  CartGroup group;
  group.subtotal = Money{0, *Currency::Parse("CNY")};
  CartItemView first = Line(1, 1'999, 3), second = Line(2, 500, 1);
  ASSERT_TRUE(AddCartLineTotal(group, first).ok());
  ASSERT_TRUE(AddCartLineTotal(group, second).ok());
  EXPECT_EQ(first.line_total.amount, 5'997);
  EXPECT_EQ(second.line_total.amount, 500);
  EXPECT_EQ(group.subtotal.amount, 6'497);
}

TEST(AddCartLineTotal, RefusesTotalsBeyondTheLargestAmountWithoutWrapping) {
  CartGroup group;
  group.subtotal = Money{0, *Currency::Parse("CNY")};
  // One line of kAmountMax x 1000 fits int64 but is beyond any payment.
  CartItemView huge = Line(7, kAmountMax, kLineQuantityMax);
  auto refused = AddCartLineTotal(group, huge);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "amount_too_large");
  EXPECT_EQ(group.subtotal.amount, 0);
  // Lines that fit one by one but not together: the sum is refused, not wrapped.
  CartItemView half = Line(8, kAmountMax / 2 + 1, 1);
  ASSERT_TRUE(AddCartLineTotal(group, half).ok());
  CartItemView other_half = Line(9, kAmountMax / 2 + 1, 1);
  EXPECT_EQ(AddCartLineTotal(group, other_half).error().code, "amount_too_large");
  EXPECT_EQ(group.subtotal.amount, kAmountMax / 2 + 1);
  // int64 overflow itself is caught.
  CartItemView wrap = Line(10, INT64_MAX, 2);
  EXPECT_EQ(AddCartLineTotal(group, wrap).error().code, "amount_too_large");
}

}  // namespace
}  // namespace shrimp::orders
