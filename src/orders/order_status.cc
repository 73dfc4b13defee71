#include "orders/order_status.h"

#include <array>
#include <string>

namespace shrimp::orders {
namespace {

constexpr std::array<std::string_view, 10> kStatusNames = {"pending_payment",  "paid",
                                                           "shipped",          "delivered",
                                                           "completed",        "cancelled",
                                                           "refund_requested", "refunded",
                                                           "disputed",         "resolved"};

constexpr std::array<std::string_view, 12> kEventNames = {
    "pay",           "cancel",         "expire",  "ship",    "deliver", "confirm", "request_refund",
    "accept_refund", "decline_refund", "dispute", "resolve", "create"};

}  // namespace

std::string_view StatusName(OrderStatus status) {
  return kStatusNames[static_cast<size_t>(status)];
}

std::optional<OrderStatus> ParseStatus(std::string_view name) {
  for (size_t index = 0; index < kStatusNames.size(); ++index) {
    if (kStatusNames[index] == name) return static_cast<OrderStatus>(index);
  }
  return std::nullopt;
}

std::string_view EventName(OrderEvent event) { return kEventNames[static_cast<size_t>(event)]; }

std::optional<OrderEvent> ParseEvent(std::string_view name) {
  for (size_t index = 0; index < kEventNames.size(); ++index) {
    if (kEventNames[index] == name) return static_cast<OrderEvent>(index);
  }
  return std::nullopt;
}

bool HoldsEscrow(OrderStatus status) {
  switch (status) {
    case OrderStatus::kPaid:
    case OrderStatus::kShipped:
    case OrderStatus::kDelivered:
    case OrderStatus::kRefundRequested:
    case OrderStatus::kDisputed: return true;
    default: return false;
  }
}

bool IsFinal(OrderStatus status) {
  return status == OrderStatus::kCompleted || status == OrderStatus::kCancelled ||
         status == OrderStatus::kRefunded || status == OrderStatus::kResolved;
}

Result<OrderStatus> Transition(OrderStatus current, OrderEvent event, OrderStatus before_refund) {
  using S = OrderStatus;
  using E = OrderEvent;
  std::optional<S> next;
  switch (event) {
    case E::kPay:
      if (current == S::kPendingPayment) next = S::kPaid;
      break;
    case E::kCancel:
      if (current == S::kPendingPayment || current == S::kPaid) next = S::kCancelled;
      break;
    case E::kExpire:
      if (current == S::kPendingPayment) next = S::kCancelled;
      break;
    case E::kShip:
      if (current == S::kPaid) next = S::kShipped;
      break;
    case E::kDeliver:
      if (current == S::kShipped) next = S::kDelivered;
      break;
    case E::kConfirm:
      if (current == S::kShipped || current == S::kDelivered) next = S::kCompleted;
      break;
    case E::kRequestRefund:
      if (current == S::kPaid || current == S::kShipped || current == S::kDelivered) {
        next = S::kRefundRequested;
      }
      break;
    case E::kAcceptRefund:
      if (current == S::kRefundRequested) next = S::kRefunded;
      break;
    case E::kDeclineRefund:
      if (current == S::kRefundRequested) next = before_refund;
      break;
    case E::kDispute:
      if (current == S::kPaid || current == S::kShipped || current == S::kDelivered ||
          current == S::kRefundRequested) {
        next = S::kDisputed;
      }
      break;
    case E::kResolve:
      if (current == S::kDisputed) next = S::kResolved;
      break;
    case E::kCreate: break;
  }
  if (!next) {
    return Conflict("invalid_transition", "cannot " + std::string(EventName(event)) +
                                              " an order that is " +
                                              std::string(StatusName(current)))
        .With("status", std::string(StatusName(current)));
  }
  return *next;
}

}  // namespace shrimp::orders
