// The checkout's shipping quoter (orders/order_service.h, ShippingQuoter) on
// the delivery network: finds the shop's and the address's cities, prices the
// parcel with the rate cards and promises it with the profiles
// (logistics/shipping_options.h), and answers the buyer's chosen carrier and
// service, or why it cannot be had.
#pragma once

#include "core/clock.h"
#include "logistics/promise.h"
#include "orders/order_service.h"

namespace shrimp::logistics {

// REQUIRES: `promises` and `clock` outlive the quoter.
orders::ShippingQuoter MakeShippingQuoter(const PromiseService& promises, const Clock& clock);

}  // namespace shrimp::logistics
