// /api/v1/shops/{id}/analytics and /api/v1/admin/analytics: a shop's sales
// data, and the marketplace overview, from the daily aggregates
// (analytics/shop_stats.h). JSON or, with ?format=csv, a CSV download.
#include "analytics/shop_stats.h"
#include "api/app.h"
#include "api/auth.h"
#include "api/respond.h"
#include "catalog/catalog_lookup.h"

namespace shrimp::api {
namespace {

inline constexpr int64_t kDefaultRangeDays = 30;
inline constexpr int64_t kOverviewDaysMax = 366;

struct Range {
  int64_t from_day = 0;
  int64_t to_day = 0;
  analytics::Granularity granularity = analytics::Granularity::kDay;
  bool csv = false;
};

Error BadQuery(std::string field, std::string message) {
  return InvalidArgument("invalid_query", std::move(message)).With("field", std::move(field));
}

Result<Range> ParseRange(const http::Request& request, int64_t today) {
  Range range;
  range.to_day = today;
  if (auto to = request.Query("to"); to && !to->empty()) {
    if (!analytics::ParseDay(*to, &range.to_day)) return BadQuery("to", "to must be YYYY-MM-DD");
  }
  range.from_day = range.to_day - (kDefaultRangeDays - 1);
  if (auto from = request.Query("from"); from && !from->empty()) {
    if (!analytics::ParseDay(*from, &range.from_day)) {
      return BadQuery("from", "from must be YYYY-MM-DD");
    }
  }
  if (range.from_day > range.to_day) return BadQuery("from", "from must not be after to");
  if (range.to_day - range.from_day >= analytics::kRangeDaysMax) {
    return BadQuery("from",
                    "a range spans at most " + std::to_string(analytics::kRangeDaysMax) + " days");
  }
  if (auto granularity = request.Query("granularity"); granularity && !granularity->empty()) {
    if (!analytics::ParseGranularity(*granularity, &range.granularity)) {
      return BadQuery("granularity", "granularity must be day, week or month");
    }
  }
  if (auto format = request.Query("format"); format && !format->empty()) {
    if (*format != "csv" && *format != "json") {
      return BadQuery("format", "format must be json or csv");
    }
    range.csv = *format == "csv";
  }
  return range;
}

Currency CurrencyOf(const std::string& code) {
  auto parsed = Currency::Parse(code);
  return parsed.ok() ? *parsed : Currency();
}

// Basis points of `part` in `whole`, 0 when whole is 0 (no floats in money).
int64_t Bps(int64_t part, int64_t whole) { return whole > 0 ? part * 10'000 / whole : 0; }

void WriteBucket(http::JsonWriter& json, const analytics::Bucket& bucket,
                 const std::string& currency) {
  json.Field("orders", bucket.orders);
  json.Field("sales", Money{bucket.sales, CurrencyOf(currency)});
  json.Field("average_order_value",
             Money{bucket.orders > 0 ? bucket.sales / bucket.orders : 0, CurrencyOf(currency)});
  json.Field("buyers", bucket.buyers);
  json.Field("repeat_orders", bucket.repeat_orders);
  json.Field("repeat_order_share_bps", Bps(bucket.repeat_orders, bucket.orders));
  json.Field("refunds", bucket.refunds);
  json.Field("refunded", Money{bucket.refunded, CurrencyOf(currency)});
  json.Field("refund_rate_bps", Bps(bucket.refunds, bucket.orders));
  json.Field("cancelled", bucket.cancelled);
  json.Field("disputes", bucket.disputes);
  json.Field("completed", bucket.completed);
}

std::string Csv(const analytics::ShopAnalytics& data, const Range& range) {
  (void)range;
  std::string csv =
      "period_start,currency,orders,sales_minor,average_order_value_minor,buyers,repeat_orders,"
      "refunds,refunded_minor,cancelled,disputes,completed\n";
  for (const analytics::Bucket& bucket : data.buckets) {
    csv += analytics::FormatDay(bucket.start_day) + "," + data.currency + "," +
           std::to_string(bucket.orders) + "," + std::to_string(bucket.sales) + "," +
           std::to_string(bucket.orders > 0 ? bucket.sales / bucket.orders : 0) + "," +
           std::to_string(bucket.buyers) + "," + std::to_string(bucket.repeat_orders) + "," +
           std::to_string(bucket.refunds) + "," + std::to_string(bucket.refunded) + "," +
           std::to_string(bucket.cancelled) + "," + std::to_string(bucket.disputes) + "," +
           std::to_string(bucket.completed) + "\n";
  }
  return csv;
}

http::Response ShopAnalyticsRoute(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  auto shop_id = PathId(request, "id");
  if (!shop_id.ok()) return ErrorReply(shop_id.error());
  auto range = ParseRange(request, analytics::DayOf(app.clock().NowMs()));
  if (!range.ok()) return ErrorReply(range.error());
  auto data = app.db().Read([&](store::Connection& connection) -> Result<analytics::ShopAnalytics> {
    SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, *shop_id));
    if (!shop) return NotFound("shop_not_found", "no such shop");
    if (shop->owner_id != principal->user_id && !principal->is_operator()) {
      return Forbidden("not_shop_owner", "only the shop's merchant sees its analytics");
    }
    SHRIMP_ASSIGN_OR_RETURN(auto loaded,
                            analytics::LoadShopAnalytics(connection, *shop_id, range->from_day,
                                                         range->to_day, range->granularity));
    if (loaded.currency.empty()) loaded.currency = std::string(shop->currency.code());
    return loaded;
  });
  if (!data.ok()) return ErrorReply(data.error());
  if (range->csv) {
    http::Response response = JsonReply(200, Csv(*data, *range));
    response.content_type = "text/csv; charset=utf-8";
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"shop-" + std::to_string(*shop_id) +
                                      "-analytics-" + analytics::FormatDay(range->from_day) +
                                      ".csv\"");
    return response;
  }
  http::JsonWriter json;
  json.StartObject();
  json.Field("shop_id", *shop_id);
  json.Field("from", analytics::FormatDay(range->from_day));
  json.Field("to", analytics::FormatDay(range->to_day));
  json.Field("currency", data->currency);
  json.Key("totals");
  json.StartObject();
  WriteBucket(json, data->totals, data->currency);
  json.EndObject();
  json.Key("series");
  json.StartArray();
  for (const analytics::Bucket& bucket : data->buckets) {
    json.StartObject();
    json.Field("period_start", analytics::FormatDay(bucket.start_day));
    WriteBucket(json, bucket, data->currency);
    json.EndObject();
  }
  json.EndArray();
  Currency currency = CurrencyOf(data->currency);
  json.Key("top_products");
  json.StartArray();
  for (const analytics::ProductSales& product : data->top_products) {
    json.StartObject();
    json.Field("product_id", product.product_id);
    json.Field("title", product.title);
    json.Field("units", product.units);
    json.Field("sales", Money{product.sales, currency});
    json.EndObject();
  }
  json.EndArray();
  json.Key("cities");
  json.StartArray();
  for (const analytics::CitySales& city : data->cities) {
    json.StartObject();
    json.Field("city", city.city);
    json.Field("country", city.country);
    json.Field("orders", city.orders);
    json.Field("sales", Money{city.sales, currency});
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return JsonReply(200, json.Take());
}

http::Response MarketAnalyticsRoute(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  if (!principal->is_operator()) {
    return ErrorReply(Forbidden("operator_only", "only an operator sees the marketplace"));
  }
  auto days = QueryInt(request, "days", 1, kOverviewDaysMax);
  if (!days.ok()) return ErrorReply(days.error());
  int64_t today = analytics::DayOf(app.clock().NowMs());
  auto overview = app.db().Read([&](store::Connection& connection) {
    return analytics::LoadMarketOverview(connection, today, days->value_or(kDefaultRangeDays));
  });
  if (!overview.ok()) return ErrorReply(overview.error());
  http::JsonWriter json;
  json.StartObject();
  json.Key("gmv_by_day");
  json.StartArray();
  for (const analytics::DaySales& day : overview->gmv_by_day) {
    json.StartObject();
    json.Field("day", analytics::FormatDay(day.day));
    json.Field("orders", day.orders);
    json.Field("sales", Money{day.sales, CurrencyOf(day.currency)});
    json.EndObject();
  }
  json.EndArray();
  json.Field("active_shops", overview->active_shops);
  json.Field("new_selling_shops", overview->new_selling_shops);
  json.Key("yearly_sales_bands");
  json.StartArray();
  for (const analytics::SalesBand& band : overview->yearly_bands) {
    json.StartObject();
    json.Field("currency", band.currency);
    json.Field("band", band.band);
    json.Field("shops", band.shops);
    json.EndObject();
  }
  json.EndArray();
  json.Field("double_million_shops", overview->double_million_shops);
  json.EndObject();
  return JsonReply(200, json.Take());
}

}  // namespace

void RegisterAnalyticsRoutes(App& app) {
  app.router().AddSync(
      "GET", "/api/v1/shops/{id}/analytics",
      [&app](const http::Request& r) { return ShopAnalyticsRoute(app, r); },
      {.summary = "A shop's sales data (?from=&to=YYYY-MM-DD, ?granularity=day|week|month, "
                  "?format=csv): orders, sales, average order value, buyers, repeat share, "
                  "refund rate, top products, buyer cities",
       .tag = "analytics",
       .auth = true});
  app.router().AddSync("GET", "/api/v1/admin/analytics",
                       [&app](const http::Request& r) { return MarketAnalyticsRoute(app, r); },
                       {.summary =
                            "Operator: GMV by day (?days=), active and new selling shops, shops by "
                            "yearly sales band, and the double-million tracker",
                        .tag = "analytics",
                        .auth = true});
}

}  // namespace shrimp::api
