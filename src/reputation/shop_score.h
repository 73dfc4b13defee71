// Shop score: what a buyer reads about a shop at a glance, computed from
// integer tallies so that the live score and a rebuild from the reviews are
// bit-for-bit the same (reputation/reputation_book.h keeps the tallies).
//
// The score (1.00 to 5.00) is
//   bayesian = (kPriorWeightReviews * prior + sum(w * r)) / (kPriorWeightReviews + sum(w))
//   score    = bayesian - penalties
// where r is a review's mean of its three ratings, w its recency weight
// (RecencyWeight: recent months count fully, older ones less), and prior the
// marketplace's mean rating (kPriorMeanDefault until the marketplace has
// kPriorReviewsMin reviews). A shop with three 5-star reviews therefore sits
// close to the marketplace mean, not at 5.0: small samples cannot game it.
// The penalties come from the shop's closed orders:
//   kRefundPenaltyStars  * refunded / (closed + kRatePriorOrders)
//   kDisputePenaltyStars * disputed / (closed + kRatePriorOrders)
//   kLatePenaltyStars    * late     / (shipped + kRatePriorOrders)
// (the prior orders damp one bad order among few).
//
// Levels: by the count of positive reviews (mean rating >= kPositiveMeanMin),
// hearts 1-5, then diamonds 1-5, then crowns 1-5 (kLevelThresholds, the
// familiar Taobao steps).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace shrimp::reputation {

inline constexpr int64_t kRatingMin = 1;
inline constexpr int64_t kRatingMax = 5;
inline constexpr int kDimensions = 3;  // described, service, shipping
inline constexpr std::array<std::string_view, kDimensions> kDimensionNames = {"described",
                                                                              "service",
                                                                              "shipping"};

// Reviews are tallied by calendar-free 30-day "months" since the epoch.
inline constexpr int64_t kMonthMs = 30LL * 24 * 3600 * 1000;
// A review's weight by its age in months: full for kRecentMonths, then
// kOlderWeightPercent until kOldMonths, then kOldWeightPercent.
inline constexpr int64_t kRecentMonths = 6;
inline constexpr int64_t kOldMonths = 12;
inline constexpr int64_t kOlderWeightPercent = 50;
inline constexpr int64_t kOldWeightPercent = 25;

// Bayesian prior: as many virtual reviews at the marketplace mean.
inline constexpr double kPriorWeightReviews = 10.0;
inline constexpr double kPriorMeanDefault = 4.5;
inline constexpr int64_t kPriorReviewsMin = 50;

// A positive review: mean of its three ratings at least 4 (sum >= 12).
inline constexpr int64_t kPositiveRatingSumMin = 12;

// Penalties in stars for a rate of 100 %, and the virtual clean orders that
// damp the rates of shops with few orders.
inline constexpr double kRefundPenaltyStars = 2.0;
inline constexpr double kDisputePenaltyStars = 3.0;
inline constexpr double kLatePenaltyStars = 1.0;
inline constexpr double kRatePriorOrders = 10.0;
// Shipped later than this after payment counts as late shipping.
inline constexpr int64_t kShipWithinMs = 72LL * 3600 * 1000;

// Positive reviews needed for each level, lowest first: 5 hearts,
// 5 diamonds, 5 crowns.
inline constexpr std::array<int64_t, 15> kLevelThresholds = {4,     11,    41,    91,     151,
                                                             251,   501,   1001,  2001,   5001,
                                                             10001, 20001, 50001, 100001, 200001};

// The tallies of one recency bucket (or of a whole shop).
struct RatingSums {
  int64_t reviews = 0;
  int64_t positive = 0;
  std::array<int64_t, kDimensions> sums{};  // sum of each dimension's stars

  void Add(const RatingSums& other, int64_t sign = 1);
  bool operator==(const RatingSums&) const = default;
};

// What the shop's closed orders say.
struct OrderTallies {
  int64_t closed = 0;    // orders that were paid and reached a final status
  int64_t refunded = 0;  // of those, refunded in whole or part
  int64_t disputed = 0;  // of those, ever disputed
  int64_t shipped = 0;   // of those, shipped
  int64_t late = 0;      // of the shipped, later than kShipWithinMs after payment

  void Add(const OrderTallies& other, int64_t sign = 1);
  bool operator==(const OrderTallies&) const = default;
};

// Every tally of one shop: reviews by month, order outcomes.
struct ShopTallies {
  std::map<int64_t, RatingSums> by_month;  // month index -> sums
  OrderTallies orders;

  RatingSums Total() const;
  bool operator==(const ShopTallies&) const = default;
};

struct Level {
  std::string_view tier;  // "none" | "hearts" | "diamonds" | "crowns"
  int64_t count = 0;      // 1..5 (0 for none)
};
Level LevelFor(int64_t positive_reviews);

// Percent weight of a bucket `age_months` old.
int64_t RecencyWeightPercent(int64_t age_months);

struct ShopScore {
  double score = 0;                              // 1..5, rounded to hundredths
  double bayesian = 0;                           // before penalties
  std::array<double, kDimensions> dimensions{};  // weighted means; 0 without reviews
  double penalty = 0;
  int64_t reviews = 0;
  int64_t positive = 0;
  int64_t orders = 0;  // closed, paid orders
  Level level;
};

// REQUIRES: prior_mean in [1, 5].
ShopScore ComputeScore(const ShopTallies& tallies, double prior_mean, int64_t now_ms);

}  // namespace shrimp::reputation
