#include "analytics/shop_stats.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "partners/outbox.h"

namespace shrimp::analytics {
namespace {

// Howard Hinnant's civil-calendar algorithms (days since 1970-01-01).
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void CivilFromDays(int64_t days, int64_t* year, int64_t* month, int64_t* day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  *day = day_of_year - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = year_of_era + era * 400 + (*month <= 2);
}

int64_t MemberInt(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return 0;
  auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsInt64()) return 0;
  return found->value.GetInt64();
}

std::string MemberString(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return "";
  auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsString()) return "";
  return std::string(found->value.GetString(), found->value.GetStringLength());
}

const rapidjson::Value& Member(const rapidjson::Value& object, const char* key) {
  static const rapidjson::Value kNull;
  if (!object.IsObject()) return kNull;
  auto found = object.FindMember(key);
  return found == object.MemberEnd() ? kNull : found->value;
}

struct DailyDelta {
  int64_t orders = 0, sales = 0, repeat_orders = 0, refunds = 0, refunded = 0, cancelled = 0,
          disputes = 0, completed = 0;
};

Status AddDaily(store::Connection& connection, int64_t shop_id, int64_t day,
                const std::string& currency, const DailyDelta& delta) {
  store::Query upsert(
      connection,
      "INSERT INTO shop_daily (shop_id, day, currency, orders, sales, repeat_orders, refunds,"
      " refunded, cancelled, disputes, completed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (shop_id, day) DO UPDATE SET"
      " orders = shop_daily.orders + excluded.orders,"
      " sales = shop_daily.sales + excluded.sales,"
      " repeat_orders = shop_daily.repeat_orders + excluded.repeat_orders,"
      " refunds = shop_daily.refunds + excluded.refunds,"
      " refunded = shop_daily.refunded + excluded.refunded,"
      " cancelled = shop_daily.cancelled + excluded.cancelled,"
      " disputes = shop_daily.disputes + excluded.disputes,"
      " completed = shop_daily.completed + excluded.completed");
  upsert.Bind(shop_id, day, currency, delta.orders, delta.sales, delta.repeat_orders, delta.refunds,
              delta.refunded, delta.cancelled, delta.disputes, delta.completed);
  return upsert.Run();
}

Status FoldPaid(store::Connection& connection, const partners::Event& event,
                const rapidjson::Value& order, int64_t day, const std::string& currency) {
  int64_t buyer_id = MemberInt(order, "buyer_id");
  DailyDelta delta;
  delta.orders = 1;
  delta.sales = MemberInt(Member(order, "total"), "amount");
  store::Query before(connection,
                      "SELECT paid_orders FROM shop_buyers WHERE shop_id = ? AND buyer_id = ?");
  before.Bind(event.shop_id, buyer_id);
  SHRIMP_ASSIGN_OR_RETURN(auto paid_before, before.ScalarInt());
  if (paid_before.value_or(0) > 0) delta.repeat_orders = 1;
  store::Query buyer(connection,
                     "INSERT INTO shop_buyers (shop_id, buyer_id, paid_orders, first_day)"
                     " VALUES (?, ?, 1, ?) ON CONFLICT (shop_id, buyer_id)"
                     " DO UPDATE SET paid_orders = shop_buyers.paid_orders + 1");
  buyer.Bind(event.shop_id, buyer_id, day);
  SHRIMP_RETURN_IF_ERROR(buyer.Run());
  store::Query daily_buyer(connection,
                           "INSERT OR IGNORE INTO shop_daily_buyers (shop_id, day, buyer_id)"
                           " VALUES (?, ?, ?)");
  daily_buyer.Bind(event.shop_id, day, buyer_id);
  SHRIMP_RETURN_IF_ERROR(daily_buyer.Run());
  SHRIMP_RETURN_IF_ERROR(AddDaily(connection, event.shop_id, day, currency, delta));
  const rapidjson::Value& lines = Member(order, "lines");
  if (lines.IsArray()) {
    for (const auto& line : lines.GetArray()) {
      store::Query product(
          connection,
          "INSERT INTO shop_daily_products (shop_id, day, product_id, title, units, sales)"
          " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (shop_id, day, product_id) DO UPDATE SET"
          " units = shop_daily_products.units + excluded.units,"
          " sales = shop_daily_products.sales + excluded.sales,"
          " title = excluded.title");
      product.Bind(event.shop_id, day, MemberInt(line, "product_id"), MemberString(line, "title"),
                   MemberInt(line, "quantity"), MemberInt(Member(line, "line_total"), "amount"));
      SHRIMP_RETURN_IF_ERROR(product.Run());
    }
  }
  const rapidjson::Value& address = Member(order, "shipping_address");
  store::Query city(connection,
                    "INSERT INTO shop_daily_cities (shop_id, day, country, city, orders, sales)"
                    " VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (shop_id, day, country, city)"
                    " DO UPDATE SET orders = shop_daily_cities.orders + 1,"
                    " sales = shop_daily_cities.sales + excluded.sales");
  city.Bind(event.shop_id, day, MemberString(address, "country"), MemberString(address, "city"),
            delta.sales);
  SHRIMP_RETURN_IF_ERROR(city.Run());
  store::Query first(connection,
                     "INSERT OR IGNORE INTO shop_first_sale (shop_id, day, currency)"
                     " VALUES (?, ?, ?)");
  first.Bind(event.shop_id, day, currency);
  return first.Run();
}

Status Fold(store::Connection& connection, const partners::Event& event) {
  if (event.object_type != "order") return OkStatus();
  rapidjson::Document order;
  order.Parse(event.data_json.c_str(), event.data_json.size());
  if (order.HasParseError() || !order.IsObject()) return OkStatus();  // nothing to count
  int64_t day = DayOf(event.created_at_ms);
  std::string currency = MemberString(Member(order, "total"), "currency");
  DailyDelta delta;
  if (event.type == "order.paid") return FoldPaid(connection, event, order, day, currency);
  if (event.type == "order.refunded") {
    delta.refunds = 1;
    delta.refunded = MemberInt(Member(Member(order, "refund"), "amount"), "amount");
  } else if (event.type == "order.cancelled") {
    delta.cancelled = 1;
  } else if (event.type == "dispute.opened") {
    delta.disputes = 1;
  } else if (event.type == "order.completed") {
    delta.completed = 1;
  } else {
    return OkStatus();
  }
  return AddDaily(connection, event.shop_id, day, currency, delta);
}

}  // namespace

bool ParseGranularity(std::string_view text, Granularity* out) {
  if (text == "day")
    *out = Granularity::kDay;
  else if (text == "week")
    *out = Granularity::kWeek;
  else if (text == "month")
    *out = Granularity::kMonth;
  else
    return false;
  return true;
}

int64_t DayOf(int64_t unix_ms) {
  return unix_ms >= 0 ? unix_ms / kMsPerDay : -((-unix_ms + kMsPerDay - 1) / kMsPerDay);
}

std::string FormatDay(int64_t day) {
  int64_t year = 0, month = 0, mday = 0;
  CivilFromDays(day, &year, &month, &mday);
  char text[16];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(mday));
  return text;
}

bool ParseDay(std::string_view text, int64_t* day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto number = [&](size_t from, size_t length, int64_t* value) {
    *value = 0;
    for (size_t index = from; index < from + length; ++index) {
      if (text[index] < '0' || text[index] > '9') return false;
      *value = *value * 10 + (text[index] - '0');
    }
    return true;
  };
  int64_t year = 0, month = 0, mday = 0;
  if (!number(0, 4, &year) || !number(5, 2, &month) || !number(8, 2, &mday)) return false;
  if (year < 1970 || month < 1 || month > 12 || mday < 1) return false;
  int64_t candidate = DaysFromCivil(year, month, mday);
  if (FormatDay(candidate) != text) return false;  // 2026-02-30 and the like
  *day = candidate;
  return true;
}

int64_t BucketStart(int64_t day, Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay: return day;
    // 1970-01-01 was a Thursday: day + 3 counts from a Monday.
    case Granularity::kWeek: return day - (((day + 3) % 7) + 7) % 7;
    case Granularity::kMonth: {
      int64_t year = 0, month = 0, mday = 0;
      CivilFromDays(day, &year, &month, &mday);
      return DaysFromCivil(year, month, 1);
    }
  }
  return day;
}

std::vector<store::Migration> AnalyticsMigrations() {
  return {
      {"analytics", 1, "daily shop aggregates followed from the outbox",
       R"sql(
CREATE TABLE shop_daily (
  shop_id INTEGER NOT NULL,
  day INTEGER NOT NULL,
  currency TEXT NOT NULL,
  orders INTEGER NOT NULL,
  sales INTEGER NOT NULL,
  repeat_orders INTEGER NOT NULL,
  refunds INTEGER NOT NULL,
  refunded INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  disputes INTEGER NOT NULL,
  completed INTEGER NOT NULL,
  PRIMARY KEY (shop_id, day)
) WITHOUT ROWID;
CREATE INDEX shop_daily_day ON shop_daily(day);
CREATE TABLE shop_buyers (
  shop_id INTEGER NOT NULL,
  buyer_id INTEGER NOT NULL,
  paid_orders INTEGER NOT NULL,
  first_day INTEGER NOT NULL,
  PRIMARY KEY (shop_id, buyer_id)
) WITHOUT ROWID;
CREATE TABLE shop_daily_buyers (
  shop_id INTEGER NOT NULL,
  day INTEGER NOT NULL,
  buyer_id INTEGER NOT NULL,
  PRIMARY KEY (shop_id, day, buyer_id)
) WITHOUT ROWID;
CREATE TABLE shop_daily_products (
  shop_id INTEGER NOT NULL,
  day INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  units INTEGER NOT NULL,
  sales INTEGER NOT NULL,
  PRIMARY KEY (shop_id, day, product_id)
) WITHOUT ROWID;
CREATE TABLE shop_daily_cities (
  shop_id INTEGER NOT NULL,
  day INTEGER NOT NULL,
  country TEXT NOT NULL,
  city TEXT NOT NULL,
  orders INTEGER NOT NULL,
  sales INTEGER NOT NULL,
  PRIMARY KEY (shop_id, day, country, city)
) WITHOUT ROWID;
CREATE TABLE shop_first_sale (
  shop_id INTEGER PRIMARY KEY,
  day INTEGER NOT NULL,
  currency TEXT NOT NULL
);
CREATE INDEX shop_first_sale_day ON shop_first_sale(day);
CREATE TABLE analytics_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_id INTEGER NOT NULL
);
)sql"},
  };
}

Result<int64_t> OutboxCursor(store::Connection& connection) {
  store::Query cursor(connection, "SELECT last_event_id FROM analytics_cursor WHERE id = 1");
  SHRIMP_ASSIGN_OR_RETURN(auto last, cursor.ScalarInt());
  return last.value_or(0);
}

Result<int64_t> FollowOutbox(store::Connection& connection) {
  store::Query cursor(connection, "SELECT last_event_id FROM analytics_cursor WHERE id = 1");
  SHRIMP_ASSIGN_OR_RETURN(auto last, cursor.ScalarInt());
  partners::EventFilter filter;
  filter.after_id = last.value_or(0);
  filter.all = true;
  filter.limit = kFollowBatchMax;
  SHRIMP_ASSIGN_OR_RETURN(auto events, partners::ListEvents(connection, filter));
  if (events.empty()) return 0;
  for (const partners::Event& event : events) SHRIMP_RETURN_IF_ERROR(Fold(connection, event));
  store::Query move(connection,
                    "INSERT INTO analytics_cursor (id, last_event_id) VALUES (1, ?)"
                    " ON CONFLICT (id) DO UPDATE SET last_event_id = excluded.last_event_id");
  move.Bind(events.back().id);
  SHRIMP_RETURN_IF_ERROR(move.Run());
  return static_cast<int64_t>(events.size());
}

Result<ShopAnalytics> LoadShopAnalytics(store::Connection& connection, int64_t shop_id,
                                        int64_t from_day, int64_t to_day, Granularity granularity) {
  ShopAnalytics analytics;
  std::map<int64_t, Bucket> buckets;
  for (int64_t day = BucketStart(from_day, granularity); day <= to_day;) {
    buckets[day].start_day = day;
    int64_t next = day + 1;
    while (next <= to_day && BucketStart(next, granularity) == day) ++next;
    day = next;
  }
  store::Query daily(connection,
                     "SELECT day, currency, orders, sales, repeat_orders, refunds, refunded,"
                     " cancelled, disputes, completed FROM shop_daily"
                     " WHERE shop_id = ? AND day BETWEEN ? AND ? ORDER BY day");
  daily.Bind(shop_id, from_day, to_day);
  while (daily.Next()) {
    Bucket& bucket = buckets[BucketStart(daily.Int(0), granularity)];
    analytics.currency = daily.Text(1);
    for (Bucket* target : {&bucket, &analytics.totals}) {
      target->orders += daily.Int(2);
      target->sales += daily.Int(3);
      target->repeat_orders += daily.Int(4);
      target->refunds += daily.Int(5);
      target->refunded += daily.Int(6);
      target->cancelled += daily.Int(7);
      target->disputes += daily.Int(8);
      target->completed += daily.Int(9);
    }
  }
  SHRIMP_RETURN_IF_ERROR(daily.status());
  std::map<int64_t, std::set<int64_t>> buyers_by_bucket;
  std::set<int64_t> buyers;
  store::Query daily_buyers(connection,
                            "SELECT day, buyer_id FROM shop_daily_buyers"
                            " WHERE shop_id = ? AND day BETWEEN ? AND ?");
  daily_buyers.Bind(shop_id, from_day, to_day);
  while (daily_buyers.Next()) {
    buyers_by_bucket[BucketStart(daily_buyers.Int(0), granularity)].insert(daily_buyers.Int(1));
    buyers.insert(daily_buyers.Int(1));
  }
  SHRIMP_RETURN_IF_ERROR(daily_buyers.status());
  for (auto& [start, bucket] : buckets) {
    bucket.start_day = start;
    bucket.buyers = static_cast<int64_t>(buyers_by_bucket[start].size());
    analytics.buckets.push_back(bucket);
  }
  analytics.totals.start_day = from_day;
  analytics.totals.buyers = static_cast<int64_t>(buyers.size());

  store::Query products(connection,
                        "SELECT product_id, MAX(title), SUM(units), SUM(sales)"
                        " FROM shop_daily_products WHERE shop_id = ? AND day BETWEEN ? AND ?"
                        " GROUP BY product_id ORDER BY SUM(sales) DESC, product_id LIMIT ?");
  products.Bind(shop_id, from_day, to_day, kTopProductsMax);
  while (products.Next()) {
    analytics.top_products.push_back(
        {products.Int(0), products.Text(1), products.Int(2), products.Int(3)});
  }
  SHRIMP_RETURN_IF_ERROR(products.status());
  store::Query cities(connection,
                      "SELECT city, country, SUM(orders), SUM(sales) FROM shop_daily_cities"
                      " WHERE shop_id = ? AND day BETWEEN ? AND ? GROUP BY country, city"
                      " ORDER BY SUM(orders) DESC, country, city LIMIT ?");
  cities.Bind(shop_id, from_day, to_day, kTopCitiesMax);
  while (cities.Next()) {
    analytics.cities.push_back({cities.Text(0), cities.Text(1), cities.Int(2), cities.Int(3)});
  }
  SHRIMP_RETURN_IF_ERROR(cities.status());
  return analytics;
}

Result<MarketOverview> LoadMarketOverview(store::Connection& connection, int64_t today,
                                          int64_t days) {
  MarketOverview overview;
  int64_t from_day = today - days + 1;
  store::Query gmv(connection,
                   "SELECT day, currency, SUM(sales), SUM(orders) FROM shop_daily"
                   " WHERE day BETWEEN ? AND ? GROUP BY day, currency ORDER BY day, currency");
  gmv.Bind(from_day, today);
  while (gmv.Next()) {
    overview.gmv_by_day.push_back({gmv.Int(0), gmv.Text(1), gmv.Int(2), gmv.Int(3)});
  }
  SHRIMP_RETURN_IF_ERROR(gmv.status());
  store::Query active(connection,
                      "SELECT COUNT(DISTINCT shop_id) FROM shop_daily"
                      " WHERE day BETWEEN ? AND ? AND orders > 0");
  active.Bind(from_day, today);
  SHRIMP_ASSIGN_OR_RETURN(auto active_count, active.ScalarInt());
  overview.active_shops = active_count.value_or(0);
  store::Query fresh(connection, "SELECT COUNT(*) FROM shop_first_sale WHERE day BETWEEN ? AND ?");
  fresh.Bind(from_day, today);
  SHRIMP_ASSIGN_OR_RETURN(auto fresh_count, fresh.ScalarInt());
  overview.new_selling_shops = fresh_count.value_or(0);

  // Yearly sales per shop, in bands of major units (minor / 100).
  std::map<std::pair<std::string, std::string>, int64_t> bands;
  store::Query yearly(connection,
                      "SELECT currency, SUM(sales) FROM shop_daily WHERE day BETWEEN ? AND ?"
                      " GROUP BY shop_id, currency");
  yearly.Bind(today - 364, today);
  while (yearly.Next()) {
    std::string currency = yearly.Text(0);
    int64_t sales = yearly.Int(1);
    const char* band = sales <= 0                    ? "0"
                       : sales < 1'000'000           ? "<10k"
                       : sales < 10'000'000          ? "10k-100k"
                       : sales < kDoubleMillionMinor ? "100k-1M"
                                                     : ">=1M";
    bands[{currency, band}] += 1;
    if (currency == "CNY" && sales >= kDoubleMillionMinor) overview.double_million_shops += 1;
  }
  SHRIMP_RETURN_IF_ERROR(yearly.status());
  for (auto& [key, shops] : bands) overview.yearly_bands.push_back({key.first, key.second, shops});
  return overview;
}

}  // namespace shrimp::analytics
