// Rate cards: what a carrier charges to carry one parcel, per service and
// per origin and destination zone, by weight. Loaded with the network from
// rates.csv (format in docs/network.md); the demo network has its own.
//
// A zone is an ISO 3166-1 country code or "*" (any country). The rate for a
// parcel is the most specific row of its carrier and service: exact origin
// and destination first, then exact origin with any destination, then any
// origin with exact destination, then "*" to "*".
//
// Price: first_price covers the first first_grams; each further step_grams
// or part of it adds step_price. All bounds below keep the largest quote
// (kRatePriceMax + kParcelGramsMax * kRatePriceMax) far under kAmountMax, so
// quoting never overflows. Immutable values; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/money.h"

namespace shrimp::logistics {

// The heaviest parcel any rate card prices: 1 tonne.
inline constexpr int64_t kParcelGramsMax = 1'000'000;
// The largest price in one rate card field, in minor units.
inline constexpr int64_t kRatePriceMax = 100'000'000;
inline constexpr std::string_view kAnyZone = "*";

struct Rate {
  int carrier = 0;
  uint8_t service = 0;    // logistics::Service
  std::string from_zone;  // ISO 3166-1 alpha-2 or "*"
  std::string to_zone;
  Currency currency;
  int64_t first_grams = 1;  // 1..kParcelGramsMax
  int64_t first_price = 0;  // 0..kRatePriceMax
  int64_t step_grams = 1;   // 1..kParcelGramsMax
  int64_t step_price = 0;   // 0..kRatePriceMax
};

// The price of a parcel of `grams` under `rate`, in its currency's minor
// units. REQUIRES: 1 <= grams <= kParcelGramsMax and the rate's fields in
// their bounds (the loader checks).
int64_t QuoteMinor(const Rate& rate, int64_t grams);

}  // namespace shrimp::logistics
