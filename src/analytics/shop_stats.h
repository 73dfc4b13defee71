// ShopStats: a shop's own sales turned into numbers it can act on, and the
// marketplace's overview, as daily aggregates kept incrementally.
//
// The aggregates follow the outbox (partners/outbox.h): a writer job reads
// the events after its cursor, folds each into per-shop daily rows (orders,
// sales, repeat orders, refunds, cancellations, disputes; products; buyer
// cities; distinct buyers) and moves the cursor in the same transaction, so
// every event is counted exactly once, whatever fails or restarts. A read
// never scans the orders: it sums the daily rows of its range.
//
// Sales count paid orders on the day they were paid (order.paid); refunds
// count on the day they were accepted (order.refunded) and the refunded
// amount. Days are UTC days.
//
// Threading: FollowOutbox on the writer thread (a job); reads on any
// connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::analytics {

inline constexpr int64_t kFollowBatchMax = 1000;  // events per job
inline constexpr int64_t kRangeDaysMax = 3 * 366;
inline constexpr int64_t kTopProductsMax = 10;
inline constexpr int64_t kTopCitiesMax = 20;
// The marketplace's "double million" mark: a shop selling more than
// ¥1,000,000 in a year (in CNY minor units).
inline constexpr int64_t kDoubleMillionMinor = 100'000'000;

enum class Granularity { kDay, kWeek, kMonth };
bool ParseGranularity(std::string_view text, Granularity* out);

// Days since 1970-01-01 (UTC) <-> "YYYY-MM-DD".
int64_t DayOf(int64_t unix_ms);
std::string FormatDay(int64_t day);
// False when `text` is not a valid YYYY-MM-DD date.
bool ParseDay(std::string_view text, int64_t* day);
// The first day of the bucket holding `day` (weeks start on Monday).
int64_t BucketStart(int64_t day, Granularity granularity);

std::vector<store::Migration> AnalyticsMigrations();

// Writer thread: folds up to kFollowBatchMax new events; returns how many.
[[nodiscard]] Result<int64_t> FollowOutbox(store::Connection& connection);
// The last outbox event folded (0: none yet); outbox retention keeps every
// event after it (partners/retention.h).
[[nodiscard]] Result<int64_t> OutboxCursor(store::Connection& connection);

struct Bucket {
  int64_t start_day = 0;
  int64_t orders = 0;         // paid
  int64_t sales = 0;          // minor units, paid orders' totals
  int64_t repeat_orders = 0;  // paid by a buyer who had paid the shop before
  int64_t buyers = 0;         // distinct paying buyers in the bucket
  int64_t refunds = 0;
  int64_t refunded = 0;  // minor units
  int64_t cancelled = 0;
  int64_t disputes = 0;
  int64_t completed = 0;
};

struct ProductSales {
  int64_t product_id = 0;
  std::string title;
  int64_t units = 0;
  int64_t sales = 0;
};

struct CitySales {
  std::string city;
  std::string country;
  int64_t orders = 0;
  int64_t sales = 0;
};

struct ShopAnalytics {
  std::string currency;         // "" when the shop sold nothing yet
  std::vector<Bucket> buckets;  // every bucket of the range, oldest first
  Bucket totals;                // the whole range (buyers: distinct over it)
  std::vector<ProductSales> top_products;
  std::vector<CitySales> cities;
};

// REQUIRES: from_day <= to_day, to_day - from_day < kRangeDaysMax.
[[nodiscard]] Result<ShopAnalytics> LoadShopAnalytics(store::Connection& connection,
                                                      int64_t shop_id, int64_t from_day,
                                                      int64_t to_day, Granularity granularity);

struct DaySales {
  int64_t day = 0;
  std::string currency;
  int64_t sales = 0;
  int64_t orders = 0;
};

struct SalesBand {
  std::string currency;
  std::string band;  // "0", "<10k", "10k-100k", "100k-1M", ">=1M" (major units)
  int64_t shops = 0;
};

struct MarketOverview {
  std::vector<DaySales> gmv_by_day;     // the last `days` days
  int64_t active_shops = 0;             // with a paid order in those days
  int64_t new_selling_shops = 0;        // whose first paid order is in those days
  std::vector<SalesBand> yearly_bands;  // sales over the trailing 365 days
  int64_t double_million_shops = 0;     // CNY shops past kDoubleMillionMinor a year
};

[[nodiscard]] Result<MarketOverview> LoadMarketOverview(store::Connection& connection,
                                                        int64_t today, int64_t days);

}  // namespace shrimp::analytics
