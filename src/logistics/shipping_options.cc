#include "logistics/shipping_options.h"

#include <algorithm>
#include <tuple>

namespace shrimp::logistics {

Result<std::vector<ShippingOption>> FindShippingOptions(const PromiseService& promises,
                                                        const Parcel& parcel) {
  if (parcel.weight_grams < 1 || parcel.weight_grams > kParcelGramsMax) {
    return InvalidArgument("invalid_weight",
                           "a parcel weighs from 1 g to 1,000,000 g; this one weighs " +
                               std::to_string(parcel.weight_grams) + " g");
  }
  const Network& network = promises.network();
  const std::string& from_country = network.cities[parcel.from_city].country;
  const std::string& to_country = network.cities[parcel.to_city].country;
  std::vector<ShippingOption> options;
  bool any_route = false;
  for (int carrier = 0; carrier < static_cast<int>(network.carriers.size()); ++carrier) {
    for (Service service : {Service::kExpress, Service::kStandard}) {
      if (!network.Offers(carrier, service)) continue;
      auto promise =
          promises.Best(parcel.from_city, parcel.to_city, parcel.ready_at, service, carrier);
      if (!promise) continue;
      any_route = true;
      const Rate* rate = network.FindRate(carrier, service, from_country, to_country);
      if (rate == nullptr) continue;
      options.push_back(
          ShippingOption{carrier, service,
                         Money{QuoteMinor(*rate, parcel.weight_grams), rate->currency},
                         promise->delivered_at});
    }
  }
  if (!any_route) {
    return NotFound("no_route", "no carrier delivers between these cities");
  }
  if (options.empty()) {
    return NotFound("no_rate", "no rate card prices a parcel between these countries");
  }
  std::sort(options.begin(), options.end(), [](const ShippingOption& a, const ShippingOption& b) {
    return std::tuple(a.price.amount, a.arrives_by, a.carrier, a.service) <
           std::tuple(b.price.amount, b.arrives_by, b.carrier, b.service);
  });
  return options;
}

const ShippingOption* FindOption(const std::vector<ShippingOption>& options, int carrier,
                                 Service service) {
  for (const ShippingOption& option : options) {
    if (option.carrier == carrier && option.service == service) return &option;
  }
  return nullptr;
}

}  // namespace shrimp::logistics
