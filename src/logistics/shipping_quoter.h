// The checkout's shipping quoter (orders/order_service.h, ShippingQuoter) on
// the delivery network: finds the shop's and the address's cities, prices the
// parcel with the rate cards and promises it with the profiles
// (logistics/shipping_options.h), adds its landed cost when it crosses a
// customs border (logistics/landed_cost.h), and answers the buyer's chosen
// carrier and service, or why it cannot be had.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "ledger/fx.h"
#include "logistics/landed_cost.h"
#include "logistics/promise.h"
#include "orders/order_service.h"
#include "store/db.h"

namespace shrimp::logistics {

// The landed cost of a parcel of `lines` (priced in `currency`) from
// `origin` to `destination` (ISO countries): none when it crosses no customs
// border or the destination has no rule. Reads the categories of the lines;
// any thread with a connection. Errors: fx_rate_not_found (the marketplace
// has no rate from `currency` to the rule's), amount_too_large.
[[nodiscard]] Result<std::optional<LandedCost>> QuoteLandedCost(
    store::Connection& connection, const ledger::FxRates& fx, std::string_view origin,
    std::string_view destination, Currency currency, const std::vector<orders::ParcelLine>& lines);

// REQUIRES: `promises`, `fx` and `clock` outlive the quoter.
orders::ShippingQuoter MakeShippingQuoter(const PromiseService& promises, const ledger::FxRates& fx,
                                          const Clock& clock);

}  // namespace shrimp::logistics
