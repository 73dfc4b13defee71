#include "logistics/rate_card.h"

#include <cassert>

namespace shrimp::logistics {

int64_t QuoteMinor(const Rate& rate, int64_t grams) {
  assert(grams >= 1 && grams <= kParcelGramsMax);
  assert(rate.step_grams >= 1 && rate.first_grams >= 1);
  if (grams <= rate.first_grams) return rate.first_price;
  // Every started step is charged: 1 g over the first step costs a step.
  int64_t steps = (grams - rate.first_grams + rate.step_grams - 1) / rate.step_grams;
  return rate.first_price + steps * rate.step_price;
}

}  // namespace shrimp::logistics
