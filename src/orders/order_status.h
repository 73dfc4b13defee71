// The order state machine (DESIGN.md, "The flows that must be right").
//
//   pending_payment -> paid -> shipped -> delivered -> completed
//   pending_payment -> cancelled (buyer, merchant, or expiry; stock released)
//   paid -> cancelled (before shipping; escrow voided, stock released)
//   paid | shipped | delivered -> refund_requested (buyer)
//   refund_requested -> refunded (merchant accepts) | back to the prior state (declines)
//   paid | shipped | delivered | refund_requested -> disputed (buyer or merchant)
//   disputed -> resolved (operator: refund or release)
//
// A pure function of (status, event): no storage, no clock.
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"

namespace shrimp::orders {

enum class OrderStatus {
  kPendingPayment,
  kPaid,
  kShipped,
  kDelivered,
  kCompleted,
  kCancelled,
  kRefundRequested,
  kRefunded,
  kDisputed,
  kResolved,
};

enum class OrderEvent {
  kPay,
  kCancel,
  kExpire,
  kShip,
  kDeliver,
  kConfirm,  // buyer confirms receipt, or auto-complete
  kRequestRefund,
  kAcceptRefund,
  kDeclineRefund,  // returns to the status before the request
  kDispute,
  kResolve,
  kCreate,  // checkout created the order; not a transition
};

std::string_view StatusName(OrderStatus status);
std::optional<OrderStatus> ParseStatus(std::string_view name);
std::string_view EventName(OrderEvent event);
std::optional<OrderEvent> ParseEvent(std::string_view name);

// True for statuses in which the buyer's money is held in escrow.
bool HoldsEscrow(OrderStatus status);
// True once nothing more can happen to the order.
bool IsFinal(OrderStatus status);

// The status after `event`, or invalid_transition (kConflict, details.status).
// `before_refund` is the status an order had before refund_requested; it is
// where a declined refund returns to.
Result<OrderStatus> Transition(OrderStatus current, OrderEvent event,
                               OrderStatus before_refund = OrderStatus::kPaid);

}  // namespace shrimp::orders
