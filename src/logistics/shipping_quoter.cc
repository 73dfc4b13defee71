#include "logistics/shipping_quoter.h"

#include "catalog/catalog_lookup.h"
#include "logistics/shipping_options.h"

namespace shrimp::logistics {
namespace {

// Categories nest a few levels at most; a longer chain is a loop in bad data.
constexpr int kCategoryDepthMax = 8;

// The duty class of a category: its own slug's, else its nearest ancestor's.
Result<DutyClass> DutyClassOfCategory(store::Connection& connection, int64_t category_id) {
  for (int depth = 0; depth < kCategoryDepthMax && category_id != 0; ++depth) {
    store::Query query(connection, "SELECT slug, parent_id FROM categories WHERE id = ?");
    query.Bind(category_id);
    if (!query.Next()) {
      SHRIMP_RETURN_IF_ERROR(query.status());
      break;
    }
    DutyClass found = DutyClassOfSlug(query.Text(0));
    if (found != DutyClass::kOther) return found;
    category_id = query.IsNull(1) ? 0 : query.Int(1);
  }
  return DutyClass::kOther;
}

}  // namespace

Result<std::optional<LandedCost>> QuoteLandedCost(store::Connection& connection,
                                                  const ledger::FxRates& fx,
                                                  std::string_view origin,
                                                  std::string_view destination, Currency currency,
                                                  const std::vector<orders::ParcelLine>& lines) {
  if (!CrossesCustomsBorder(origin, destination)) return std::optional<LandedCost>();
  const CustomsRule* rule = FindCustomsRule(destination);
  if (rule == nullptr) return std::optional<LandedCost>();
  std::vector<DutiableLine> dutiable;
  int64_t value = 0;  // the order's total was checked: the lines' sum fits
  for (const orders::ParcelLine& line : lines) {
    SHRIMP_ASSIGN_OR_RETURN(DutyClass duty_class,
                            DutyClassOfCategory(connection, line.category_id));
    dutiable.push_back({line.amount, duty_class});
    value += line.amount;
  }
  SHRIMP_ASSIGN_OR_RETURN(Currency rule_currency, Currency::Parse(rule->currency));
  auto rate_ppm = fx.RatePpm(currency, rule_currency);
  if (!rate_ppm.ok()) {
    return Conflict("fx_rate_not_found", "the landed cost needs the marketplace's " +
                                             std::string(currency.code()) + " to " +
                                             std::string(rule_currency.code()) +
                                             " exchange rate, which is not set")
        .With("base", std::string(currency.code()))
        .With("quote", std::string(rule_currency.code()));
  }
  SHRIMP_ASSIGN_OR_RETURN(int64_t converted,
                          ledger::ConvertAmount(value, currency, rule_currency, *rate_ppm));
  SHRIMP_ASSIGN_OR_RETURN(LandedCost cost, ComputeLandedCost(*rule, dutiable, converted));
  return std::optional<LandedCost>(std::move(cost));
}

orders::ShippingQuoter MakeShippingQuoter(const PromiseService& promises, const ledger::FxRates& fx,
                                          const Clock& clock) {
  return [&promises, &fx,
          &clock](store::Connection& connection, int64_t shop_id,
                  const orders::ShippingAddress& address, int64_t weight_grams,
                  const std::vector<orders::ParcelLine>& lines,
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
    orders::ShippingQuote quote{option->price, option->arrives_by};
    // Customs sees where the parcel goes: the network city's country.
    SHRIMP_ASSIGN_OR_RETURN(auto landed,
                            QuoteLandedCost(connection, fx, shop->country,
                                            network.cities[*to].country, shop->currency, lines));
    if (landed) {
      quote.duty = landed->duty;
      quote.import_vat = landed->vat;
      quote.customs_country = landed->country;
    }
    return quote;
  };
}

}  // namespace shrimp::logistics
