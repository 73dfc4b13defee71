// /api/v1/cities, /api/v1/delivery-estimate, /api/v1/shipping-options and
// /api/v1/admin/network: the delivery network, its promises and its prices.
// Reads only: the network is immutable once loaded, so these answer on the io
// thread without the store, except shipping options, which read the SKU or
// the cart.
#include <algorithm>
#include <cstdio>
#include <string>

#include "api/app.h"
#include "api/auth.h"
#include "api/respond.h"
#include "api/shipping_json.h"
#include "catalog/catalog_lookup.h"
#include "logistics/network_loader.h"
#include "logistics/promise.h"
#include "logistics/shipping_options.h"
#include "logistics/shipping_quoter.h"
#include "orders/order_service.h"

namespace shrimp::api {
namespace {

using logistics::Network;

// How far from now `at` may be: the timetable repeats weekly, but a promise
// a year out means nothing.
constexpr int64_t kEstimateRangeMinutes = 366 * logistics::kMinutesPerDay;

void WriteCity(http::JsonWriter& json, const logistics::City& city) {
  json.StartObject();
  json.Field("id", city.id);
  json.Field("name", city.name_en);
  json.Field("name_local", city.name_local);
  json.Field("country", city.country);
  json.Key("lat");
  json.Double(city.latitude);
  json.Key("lon");
  json.Double(city.longitude);
  json.Field("time_zone", city.time_zone.name());
  json.EndObject();
}

std::string Iso(int64_t utc_minutes) { return logistics::FormatIsoMinutes(utc_minutes); }

Result<int> CityParam(const Network& network, const http::Request& request, std::string_view name) {
  auto raw = request.Query(name);
  if (!raw || raw->empty()) {
    return InvalidArgument("missing_field", std::string(name) + " is required")
        .With("field", std::string(name));
  }
  auto city = network.FindCity(raw->substr(0, 200));
  if (!city) {
    return NotFound("unknown_city", "the network has no city with this id or name")
        .With("field", std::string(name));
  }
  return *city;
}

void WriteStep(http::JsonWriter& json, const Network& network, const logistics::Route& route,
               const logistics::RouteStep& step) {
  json.StartObject();
  using Kind = logistics::RouteStep::Kind;
  const char* kind = step.kind == Kind::kFirstMile  ? "first_mile"
                     : step.kind == Kind::kLastMile ? "last_mile"
                                                    : "linehaul";
  json.Field("kind", kind);
  json.Key("from");
  if (step.from_hub >= 0) {
    json.String(network.hubs[step.from_hub].id);
  } else if (route.from_city >= 0) {
    json.String(network.cities[route.from_city].id);
  } else {
    json.Null();
  }
  json.Key("to");
  if (step.to_hub >= 0)
    json.String(network.hubs[step.to_hub].id);
  else
    json.String(network.cities[route.to_city].id);
  json.Field("departs_at", Iso(step.departs));
  json.Field("arrives_at", Iso(step.arrives));
  json.EndObject();
}

void WriteHub(http::JsonWriter& json, const Network& network, const logistics::Hub& hub) {
  json.StartObject();
  json.Field("id", hub.id);
  json.Field("name", hub.name);
  json.Field("city", network.cities[hub.city].id);
  json.Field("transfer_minutes", hub.transfer_minutes);
  json.EndObject();
}

// `?hubs=1` adds the hubs, so a client can draw a shipment's legs.
http::Response Cities(App& app, const http::Request& request) {
  const Network& network = app.promises().network();
  http::JsonWriter json;
  json.StartObject();
  json.Key("cities");
  json.StartArray();
  for (const logistics::City& city : network.cities) WriteCity(json, city);
  json.EndArray();
  if (request.Query("hubs") == "1") {
    json.Key("hubs");
    json.StartArray();
    for (const logistics::Hub& hub : network.hubs) WriteHub(json, network, hub);
    json.EndArray();
  }
  json.EndObject();
  return JsonReply(200, json.Take());
}

http::Response DeliveryEstimate(App& app, const http::Request& request) {
  const logistics::PromiseService& promises = app.promises();
  const Network& network = promises.network();
  auto from = CityParam(network, request, "from_city");
  if (!from.ok()) return ErrorReply(from.error());
  auto to = CityParam(network, request, "to_city");
  if (!to.ok()) return ErrorReply(to.error());
  logistics::Service service = logistics::Service::kStandard;
  if (auto raw = request.Query("service"); raw && !raw->empty()) {
    auto parsed = logistics::ParseService(*raw);
    if (!parsed) {
      return ErrorReply(InvalidArgument("invalid_service", "service is express or standard")
                            .With("field", "service"));
    }
    service = *parsed;
  }
  int carrier = -1;
  if (auto raw = request.Query("carrier"); raw && !raw->empty()) {
    auto found = network.FindCarrier(*raw);
    if (!found) {
      return ErrorReply(
          NotFound("unknown_carrier", "no carrier has this id").With("field", "carrier"));
    }
    carrier = *found;
  }
  int64_t now = app.clock().NowMs() / 60'000;
  int64_t at = now;
  if (auto raw = request.Query("at"); raw && !raw->empty()) {
    auto parsed = logistics::ParseIsoMinutes(*raw);
    if (!parsed.ok()) return ErrorReply(Error(parsed.error()).With("field", "at"));
    if (*parsed < now - kEstimateRangeMinutes || *parsed > now + kEstimateRangeMinutes) {
      return ErrorReply(
          InvalidArgument("invalid_time", "at must be within a year of now").With("field", "at"));
    }
    at = *parsed;
  }
  auto promise = promises.Best(*from, *to, at, service, carrier);
  auto route = promises.BestRoute(*from, *to, at, service, promise ? promise->carrier : carrier);
  if (!promise || !route) {
    return ErrorReply(
        NotFound("no_route", "the network cannot deliver between these cities with this service")
            .With("from_city", network.cities[*from].id)
            .With("to_city", network.cities[*to].id)
            .With("service", std::string(logistics::ServiceName(service))));
  }
  const logistics::City& destination = network.cities[*to];
  // The promise rounds the hand-over up to its slot: never before the route.
  int64_t arrives_by = std::max(promise->delivered_at, route->delivered_at);
  http::JsonWriter json;
  json.StartObject();
  json.Field("from_city", network.cities[*from].id);
  json.Field("to_city", destination.id);
  json.Field("service", logistics::ServiceName(service));
  json.Key("carrier");
  json.StartObject();
  json.Field("id", network.carriers[promise->carrier].id);
  json.Field("name", network.carriers[promise->carrier].name);
  json.EndObject();
  json.Field("ready_at", Iso(at));
  json.Field("arrives_by", Iso(arrives_by));
  json.Field("arrives_by_local", IsoLocal(destination, arrives_by));
  json.Field("arrives_by_text",
             "Arrives by " + LocalDayText(destination, arrives_by) + " in " + destination.name_en);
  json.Field("transit_hours", (arrives_by - at + 59) / 60);
  json.Field("source", promise->from_profile ? "profile" : "search");
  json.Key("legs");
  json.StartArray();
  for (const auto& step : route->steps) WriteStep(json, network, *route, step);
  json.EndArray();
  json.EndObject();
  return JsonReply(200, json.Take());
}

// The parcel of `quantity` units of a SKU from its shop's city.
struct SkuParcel {
  catalog::SkuForSale sku;
  std::string shop_city;
};

void ShippingOptions(App& app, const http::RequestPtr& request, http::Reply reply) {
  const logistics::PromiseService& promises = app.promises();
  const Network& network = promises.network();
  auto sku_id = QueryInt(*request, "sku_id", 1, INT64_MAX);
  if (!sku_id.ok()) return reply(ErrorReply(sku_id.error()));
  if (!*sku_id) {
    return reply(
        ErrorReply(InvalidArgument("missing_field", "sku_id is required").With("field", "sku_id")));
  }
  auto quantity = QueryInt(*request, "quantity", 1, orders::kLineQuantityMax);
  if (!quantity.ok()) return reply(ErrorReply(quantity.error()));
  auto to = CityParam(network, *request, "to_city");
  if (!to.ok()) return reply(ErrorReply(to.error()));
  auto parcel = app.db().Read([&](store::Connection& connection) -> Result<SkuParcel> {
    SHRIMP_ASSIGN_OR_RETURN(auto sku, catalog::LoadSkuForSale(connection, **sku_id));
    if (!sku || !sku->purchasable) {
      return NotFound("sku_not_found", "no SKU for sale has this id").With("field", "sku_id");
    }
    SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, sku->shop_id));
    if (!shop) return NotFound("sku_not_found", "no SKU for sale has this id");
    return SkuParcel{std::move(*sku), shop->city};
  });
  if (!parcel.ok()) return reply(ErrorReply(parcel.error()));
  auto from = network.FindCity(parcel->shop_city);
  if (!from) {
    return reply(ErrorReply(Conflict("unknown_city", "the shop's city is not on the network")
                                .With("field", "shop.city")));
  }
  int64_t units = quantity->value_or(1);
  int64_t ready_at = app.clock().NowMs() / 60'000;
  // Bounded: 100,000 g per unit x 1,000 units, far from overflow.
  logistics::Parcel wanted{*from, *to, parcel->sku.weight_grams * units, ready_at};
  auto options = logistics::FindShippingOptions(promises, wanted);
  if (!options.ok()) {
    return reply(ErrorReply(Error(options.error())
                                .With("from_city", network.cities[*from].id)
                                .With("to_city", network.cities[*to].id)));
  }
  http::JsonWriter json;
  json.StartObject();
  json.Field("sku_id", parcel->sku.sku_id);
  json.Field("quantity", units);
  json.Field("weight_grams", wanted.weight_grams);
  json.Field("from_city", network.cities[*from].id);
  json.Field("to_city", network.cities[*to].id);
  json.Field("ready_at", Iso(ready_at));
  json.Key("options");
  json.StartArray();
  for (const logistics::ShippingOption& option : *options) {
    WriteShippingOption(json, network, option, *to, ready_at);
  }
  json.EndArray();
  json.EndObject();
  reply(JsonReply(200, json.Take()));
}

// What customs will charge, in the order's currency (order_json.cc writes
// the same object for an order).
void WriteLandedCost(http::JsonWriter& json, const logistics::LandedCost& cost, Currency currency) {
  json.StartObject();
  json.Field("country", cost.country);
  json.Field("duty", Money{cost.duty, currency});
  json.Field("import_vat", Money{cost.vat, currency});
  json.Field("total", Money{cost.Total(), currency});
  json.EndObject();
}

// One shop's part of the cart as a parcel: its weight, its city, and the
// options that carry it (or why none does).
struct CartParcel {
  int64_t shop_id = 0;
  std::string shop_name;
  std::string shop_city;
  std::string shop_country;
  Currency currency;  // the shop's prices: an option in another is not offered
  int64_t weight_grams = 0;
  std::vector<orders::ParcelLine> lines;  // for its landed cost
};

// The cart's parcels, one per shop: what checkout's `shipping` choices price.
Result<std::vector<CartParcel>> LoadCartParcels(App& app, store::Connection& connection,
                                                int64_t buyer_id) {
  SHRIMP_ASSIGN_OR_RETURN(auto cart, app.orders().LoadCartView(connection, buyer_id));
  std::vector<CartParcel> parcels;
  for (const orders::CartGroup& group : cart.groups) {
    CartParcel parcel{group.shop_id, group.shop_name, group.shop_city, "", group.subtotal.currency};
    SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, group.shop_id));
    if (shop) parcel.shop_country = shop->country;
    for (const orders::CartItemView& item : group.items) {
      SHRIMP_ASSIGN_OR_RETURN(auto sku, catalog::LoadSkuForSale(connection, item.sku_id));
      // A SKU gone from sale is checkout's to refuse; it weighs nothing here.
      // Bounded: <= 100 lines x 1,000 units x 100,000 g.
      if (!sku) continue;
      parcel.weight_grams += sku->weight_grams * item.quantity;
      parcel.lines.push_back({sku->category_id, item.line_total.amount});
    }
    parcels.push_back(std::move(parcel));
  }
  return parcels;
}

void CartShippingOptions(App& app, const http::RequestPtr& request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    const logistics::PromiseService& promises = app.promises();
    const Network& network = promises.network();
    auto to = CityParam(network, *request, "to_city");
    if (!to.ok()) return reply(ErrorReply(to.error()));
    // Each parcel with its landed cost (duty and import VAT), or why it
    // cannot be had (fx_rate_not_found): checkout would refuse it alike.
    using Landed = Result<std::optional<logistics::LandedCost>>;
    std::vector<Landed> landed;
    auto parcels = app.db().Read([&](store::Connection& connection) {
      landed.clear();  // one per parcel of this read, whatever ran before
      auto loaded = LoadCartParcels(app, connection, principal.user_id);
      if (!loaded.ok()) return loaded;
      for (const CartParcel& parcel : *loaded) {
        landed.push_back(
            logistics::QuoteLandedCost(connection, app.ledger().fx(), parcel.shop_country,
                                       network.cities[*to].country, parcel.currency, parcel.lines));
      }
      return loaded;
    });
    if (!parcels.ok()) return reply(ErrorReply(parcels.error()));
    int64_t ready_at = app.clock().NowMs() / 60'000;
    http::JsonWriter json;
    json.StartObject();
    json.Field("to_city", network.cities[*to].id);
    json.Field("ready_at", Iso(ready_at));
    json.Key("groups");
    json.StartArray();
    for (size_t index = 0; index < parcels->size(); ++index) {
      const CartParcel& parcel = (*parcels)[index];
      json.StartObject();
      json.Field("shop_id", parcel.shop_id);
      json.Field("shop_name", parcel.shop_name);
      json.Field("weight_grams", parcel.weight_grams);
      auto from = network.FindCity(parcel.shop_city);
      Result<std::vector<logistics::ShippingOption>> options =
          from ? logistics::FindShippingOptions(promises,
                                                logistics::Parcel{*from, *to, parcel.weight_grams,
                                                                  ready_at})
               : Result<std::vector<logistics::ShippingOption>>(
                     Conflict("unknown_city", "the shop's city is not on the network"));
      // Checkout refuses an option priced in another currency than the order's.
      if (options.ok()) {
        std::erase_if(*options, [&](const logistics::ShippingOption& option) {
          return !(option.price.currency == parcel.currency);
        });
        if (options->empty()) {
          options = Conflict("shipping_currency_mismatch",
                             "no option here is priced in the shop's currency");
        }
      }
      const Landed& cost = landed[index];
      if (options.ok() && !cost.ok()) options = cost.error();
      json.Key("landed_cost");
      if (cost.ok() && *cost) {
        WriteLandedCost(json, **cost, parcel.currency);
      } else {
        json.Null();
      }
      json.Key("from_city");
      if (from)
        json.String(network.cities[*from].id);
      else
        json.Null();
      json.Key("options");
      json.StartArray();
      if (options.ok()) {
        for (const auto& option : *options) {
          WriteShippingOption(json, network, option, *to, ready_at);
        }
      }
      json.EndArray();
      json.Key("error");
      if (options.ok()) {
        json.Null();
      } else {
        json.StartObject();
        json.Field("code", options.error().code);
        json.Field("message", options.error().message);
        json.EndObject();
      }
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    reply(JsonReply(200, json.Take()));
  });
}

// The customs rules checkout applies (logistics/landed_cost.h).
http::Response LandedCostRules(App&, const http::Request&) {
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const logistics::CustomsRule& rule : logistics::CustomsRules()) {
    auto currency = Currency::Parse(rule.currency);
    if (!currency.ok()) return ErrorReply(currency.error());
    json.StartObject();
    json.Field("country", rule.country);
    json.Key("customs_union");
    if (rule.union_id.empty())
      json.Null();
    else
      json.String(rule.union_id);
    json.Field("duty_free_up_to", Money{rule.duty_free_up_to, *currency});
    json.Key("vat_free_up_to");
    if (rule.vat_free_up_to < 0)
      json.Null();
    else
      json.Money(Money{rule.vat_free_up_to, *currency});
    json.Field("vat_bps", rule.vat_bps);
    json.Key("duty_bps");
    json.StartObject();
    for (auto duty_class : {logistics::DutyClass::kOther, logistics::DutyClass::kTextiles,
                            logistics::DutyClass::kElectronics, logistics::DutyClass::kFood,
                            logistics::DutyClass::kBooks, logistics::DutyClass::kCosmetics,
                            logistics::DutyClass::kToys, logistics::DutyClass::kHome}) {
      json.Field(std::string(logistics::DutyClassName(duty_class)), rule.DutyBps(duty_class));
    }
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return JsonReply(200, json.Take());
}

http::Response NetworkView(App& app, const http::Request& request) {
  auto principal = RequireOperator(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  const Network& network = app.promises().network();
  http::JsonWriter json;
  json.StartObject();
  json.Key("cities");
  json.StartArray();
  for (const logistics::City& city : network.cities) WriteCity(json, city);
  json.EndArray();
  json.Key("hubs");
  json.StartArray();
  for (const logistics::Hub& hub : network.hubs) WriteHub(json, network, hub);
  json.EndArray();
  json.Key("carriers");
  json.StartArray();
  for (const logistics::Carrier& carrier : network.carriers) {
    json.StartObject();
    json.Field("id", carrier.id);
    json.Field("name", carrier.name);
    json.EndObject();
  }
  json.EndArray();
  json.Key("legs");
  json.StartArray();
  for (const logistics::Leg& leg : network.legs) {
    json.StartObject();
    json.Field("carrier", network.carriers[leg.carrier].id);
    json.Field("service", logistics::ServiceName(leg.service));
    json.Field("from_hub", network.hubs[leg.from_hub].id);
    json.Field("to_hub", network.hubs[leg.to_hub].id);
    json.Field("departs", logistics::FormatMinuteOfDay(leg.departure_minute));
    json.Field("days", logistics::FormatDays(leg.days));
    json.Field("duration_minutes", leg.duration_minutes);
    json.Field("cutoff_minutes", leg.cutoff_minutes);
    json.EndObject();
  }
  json.EndArray();
  json.Key("rates");
  json.StartArray();
  for (const logistics::Rate& rate : network.rates) {
    json.StartObject();
    json.Field("carrier", network.carriers[rate.carrier].id);
    json.Field("service", logistics::ServiceName(static_cast<logistics::Service>(rate.service)));
    json.Field("from_zone", rate.from_zone);
    json.Field("to_zone", rate.to_zone);
    json.Field("currency", rate.currency.code());
    json.Field("first_grams", rate.first_grams);
    json.Field("first_price", rate.first_price);
    json.Field("step_grams", rate.step_grams);
    json.Field("step_price", rate.step_price);
    json.EndObject();
  }
  json.EndArray();
  json.Field("first_miles", static_cast<int64_t>(network.first_miles.size()));
  json.Field("last_miles", static_cast<int64_t>(network.last_miles.size()));
  json.EndObject();
  return JsonReply(200, json.Take());
}

}  // namespace

void RegisterLogisticsRoutes(App& app) {
  http::Router& router = app.router();
  router.AddSync("GET", "/api/v1/cities", [&app](const http::Request& r) { return Cities(app, r); },
                 {.summary = "The delivery network's cities (id, names, country, coordinates, "
                             "time zone); with ?hubs=1 also its hubs (id, name, city), to draw "
                             "a shipment's legs",
                  .tag = "logistics"});
  router.AddSync("GET", "/api/v1/delivery-estimate",
                 [&app](const http::Request& r) { return DeliveryEstimate(app, r); },
                 {.summary =
                      "Promise and route: ?from_city=&to_city= (id or English name), &at= (ISO "
                      "time, default now), &service=express|standard (default standard), "
                      "&carrier=; errors unknown_city, no_route",
                  .tag = "logistics"});
  router.Add("GET", "/api/v1/shipping-options",
             [&app](http::RequestPtr r, http::Reply reply) {
               ShippingOptions(app, r, std::move(reply));
             },
             {.summary = "Shipping options for a SKU: ?sku_id=&quantity= (default 1)&to_city= (id "
                         "or English name) -> options, cheapest first, each with carrier, "
                         "service, price (rate card, by weight) and the promise (arrives_by). "
                         "Errors missing_field, invalid_query, sku_not_found, unknown_city, "
                         "no_route, no_rate, invalid_weight",
              .tag = "logistics"});
  router.Add("GET", "/api/v1/cart/shipping-options",
             [&app](http::RequestPtr r, http::Reply reply) {
               CartShippingOptions(app, r, std::move(reply));
             },
             {.summary = "Shipping options for the caller's cart, one group per shop (its "
                         "parcel's weight from the SKUs' weights): ?to_city= (id or English "
                         "name) -> groups[{shop_id, options, error}], options cheapest first; "
                         "checkout's `shipping` picks one per shop. A shop that cannot ship "
                         "there has no options and an error (unknown_city, no_route, no_rate). "
                         "Errors missing_field, unknown_city",
              .tag = "logistics",
              .auth = true});
  router.AddSync("GET", "/api/v1/landed-cost-rules",
                 [&app](const http::Request& r) { return LandedCostRules(app, r); },
                 {.summary = "The customs rules checkout applies to a parcel that crosses a "
                             "border, one per destination country: duty and VAT thresholds (de "
                             "minimis, exclusive), VAT rate, duty rate per class of goods (bps)",
                  .tag = "logistics"});
  router.AddSync("GET", "/api/v1/admin/network",
                 [&app](const http::Request& r) { return NetworkView(app, r); },
                 {.summary =
                      "Operator: the whole network (cities, hubs, carriers, legs, rate cards)",
                  .tag = "logistics",
                  .auth = true});
}

}  // namespace shrimp::api
