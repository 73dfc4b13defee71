// Shipping options: what each carrier and service would charge to carry one
// parcel between two cities, and when it would arrive. The price comes from
// the network's rate cards (logistics/rate_card.h), the arrival from the
// promise profiles (logistics/promise.h). Checkout offers these per order and
// charges the one the buyer picks.
//
// Thread-safe: reads only the immutable network and the promise service.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "logistics/promise.h"

namespace shrimp::logistics {

struct ShippingOption {
  int carrier = 0;
  Service service = Service::kStandard;
  Money price;
  int64_t arrives_by = 0;  // UTC minutes, the promise
};

struct Parcel {
  int from_city = 0;
  int to_city = 0;
  int64_t weight_grams = 0;
  int64_t ready_at = 0;  // UTC minutes
};

// Every carrier and service with both a rate and a route for `parcel`,
// cheapest first (then earliest, then by carrier and service, so the order is
// stable). The first option is the default when a buyer picks none.
// Errors: invalid_weight (weight outside 1..kParcelGramsMax); no_route (no
// carrier reaches to_city); no_rate (routes exist but no rate card prices
// them).
[[nodiscard]] Result<std::vector<ShippingOption>> FindShippingOptions(
    const PromiseService& promises, const Parcel& parcel);

// The option of `carrier` and `service` among `options`, nullptr if absent.
const ShippingOption* FindOption(const std::vector<ShippingOption>& options, int carrier,
                                 Service service);

}  // namespace shrimp::logistics
