#include "orders/order_status.h"

#include <gtest/gtest.h>

namespace shrimp::orders {
namespace {

TEST(OrderStatus, HappyPathReachesCompleted) {
  OrderStatus status = OrderStatus::kPendingPayment;
  for (OrderEvent event :
       {OrderEvent::kPay, OrderEvent::kShip, OrderEvent::kDeliver, OrderEvent::kConfirm}) {
    auto next = Transition(status, event);
    ASSERT_TRUE(next.ok()) << EventName(event);
    status = *next;
  }
  EXPECT_EQ(status, OrderStatus::kCompleted);
  EXPECT_TRUE(IsFinal(status));
}

TEST(OrderStatus, CannotCancelAfterShipping) {
  auto result = Transition(OrderStatus::kShipped, OrderEvent::kCancel);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_transition");
  ASSERT_EQ(result.error().details.size(), 1u);
  EXPECT_EQ(result.error().details[0].second, "shipped");
}

TEST(OrderStatus, DeclinedRefundReturnsToPriorStatus) {
  auto declined = Transition(OrderStatus::kRefundRequested, OrderEvent::kDeclineRefund,
                             OrderStatus::kDelivered);
  ASSERT_TRUE(declined.ok());
  EXPECT_EQ(*declined, OrderStatus::kDelivered);
}

TEST(OrderStatus, FinalStatusesAcceptNoEvent) {
  for (OrderStatus status : {OrderStatus::kCompleted, OrderStatus::kCancelled,
                             OrderStatus::kRefunded, OrderStatus::kResolved}) {
    for (int event = 0; event <= static_cast<int>(OrderEvent::kCreate); ++event) {
      EXPECT_FALSE(Transition(status, static_cast<OrderEvent>(event)).ok())
          << StatusName(status) << " " << EventName(static_cast<OrderEvent>(event));
    }
  }
}

TEST(OrderStatus, EscrowIsHeldExactlyBetweenPaymentAndSettlement) {
  EXPECT_FALSE(HoldsEscrow(OrderStatus::kPendingPayment));
  EXPECT_TRUE(HoldsEscrow(OrderStatus::kPaid));
  EXPECT_TRUE(HoldsEscrow(OrderStatus::kDisputed));
  EXPECT_FALSE(HoldsEscrow(OrderStatus::kCompleted));
  EXPECT_FALSE(HoldsEscrow(OrderStatus::kRefunded));
}

TEST(OrderStatus, NamesRoundTrip) {
  for (int index = 0; index <= static_cast<int>(OrderStatus::kResolved); ++index) {
    auto status = static_cast<OrderStatus>(index);
    EXPECT_EQ(ParseStatus(StatusName(status)), status);
  }
  EXPECT_FALSE(ParseStatus("shipping").has_value());
}

}  // namespace
}  // namespace shrimp::orders
