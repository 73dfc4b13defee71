#include "logistics/shipping_quoter.h"

#include "catalog/catalog_lookup.h"
#include "logistics/shipping_options.h"

namespace shrimp::logistics {

orders::ShippingQuoter MakeShippingQuoter(const PromiseService& promises, const Clock& clock) {
  return
      [&promises, &clock](store::Connection& connection, int64_t shop_id,
                          const orders::ShippingAddress& address, int64_t weight_grams,
                          const orders::ShippingChoice& choice) -> Result<orders::ShippingQuote> {
        const Network& network = promises.network();
        auto carrier = network.FindCarrier(choice.carrier);
        if (!carrier) {
          return NotFound("unknown_carrier", "the network has no carrier with this id")
              .With("field", "shipping.carrier");
        }
        auto service = ParseService(choice.service);
        if (!service) {
          return InvalidArgument("invalid_service", "service is express or standard")
              .With("field", "shipping.service");
        }
        SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, shop_id));
        std::optional<int> from = shop ? network.FindCity(shop->city) : std::nullopt;
        if (!from) {
          return Conflict("unknown_city", "the shop's city is not on the delivery network")
              .With("field", "shop.city");
        }
        std::optional<int> to = network.FindCity(address.city);
        if (!to) {
          return Conflict("unknown_city", "the address's city is not on the delivery network")
              .With("field", "shipping_address.city");
        }
        Parcel parcel{*from, *to, weight_grams, clock.NowMs() / 60'000};
        SHRIMP_ASSIGN_OR_RETURN(auto options, FindShippingOptions(promises, parcel));
        const ShippingOption* option = FindOption(options, *carrier, *service);
        if (option == nullptr) {
          return Conflict("shipping_option_unavailable",
                          "this carrier and service do not carry this parcel; "
                          "GET /api/v1/shipping-options lists those that do")
              .With("field", "shipping");
        }
        return orders::ShippingQuote{option->price, option->arrives_by};
      };
}

}  // namespace shrimp::logistics
