// JSON for delivery promises and shipping options, shared by
// /delivery-estimate, /shipping-options, the cart and the order.
#pragma once

#include <cstdint>
#include <string>

#include "http/json.h"
#include "logistics/shipping_options.h"

namespace shrimp::api {

// "Thu 14 Nov", the city's own calendar day of `utc_minutes`.
std::string LocalDayText(const logistics::City& city, int64_t utc_minutes);
// "2026-11-14T18:00:00+01:00".
std::string IsoLocal(const logistics::City& city, int64_t utc_minutes);

// {"carrier":{"id","name"},"service","price":{...},"arrives_by","arrives_by_local",
//  "arrives_by_text","transit_hours"}
void WriteShippingOption(http::JsonWriter& json, const logistics::Network& network,
                         const logistics::ShippingOption& option, int to_city, int64_t ready_at);

}  // namespace shrimp::api
