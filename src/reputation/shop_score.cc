#include "reputation/shop_score.h"

#include <algorithm>
#include <cmath>

namespace shrimp::reputation {

void RatingSums::Add(const RatingSums& other, int64_t sign) {
  reviews += sign * other.reviews;
  positive += sign * other.positive;
  for (int d = 0; d < kDimensions; ++d) sums[d] += sign * other.sums[d];
}

void OrderTallies::Add(const OrderTallies& other, int64_t sign) {
  closed += sign * other.closed;
  refunded += sign * other.refunded;
  disputed += sign * other.disputed;
  shipped += sign * other.shipped;
  late += sign * other.late;
}

RatingSums ShopTallies::Total() const {
  RatingSums total;
  for (const auto& [month, sums] : by_month) total.Add(sums);
  return total;
}

Level LevelFor(int64_t positive_reviews) {
  static constexpr std::array<std::string_view, 3> kTiers = {"hearts", "diamonds", "crowns"};
  int64_t reached = 0;
  for (int64_t threshold : kLevelThresholds) {
    if (positive_reviews >= threshold) ++reached;
  }
  if (reached == 0) return {"none", 0};
  return {kTiers[(reached - 1) / 5], (reached - 1) % 5 + 1};
}

int64_t RecencyWeightPercent(int64_t age_months) {
  if (age_months < kRecentMonths) return 100;
  if (age_months < kOldMonths) return kOlderWeightPercent;
  return kOldWeightPercent;
}

ShopScore ComputeScore(const ShopTallies& tallies, double prior_mean, int64_t now_ms) {
  ShopScore score;
  int64_t now_month = now_ms / kMonthMs;
  // Weighted sums in percent-review units: integers until the final division.
  int64_t weight_sum = 0;
  std::array<int64_t, kDimensions> weighted{};
  for (const auto& [month, sums] : tallies.by_month) {
    int64_t weight = RecencyWeightPercent(std::max<int64_t>(0, now_month - month));
    weight_sum += weight * sums.reviews;
    for (int d = 0; d < kDimensions; ++d) weighted[d] += weight * sums.sums[d];
    score.reviews += sums.reviews;
    score.positive += sums.positive;
  }
  double weighted_stars = 0;  // sum of w * (mean of three), in percent units
  for (int d = 0; d < kDimensions; ++d) {
    score.dimensions[d] =
        weight_sum > 0 ? static_cast<double>(weighted[d]) / static_cast<double>(weight_sum) : 0;
    weighted_stars += static_cast<double>(weighted[d]) / kDimensions;
  }
  double weight_reviews = static_cast<double>(weight_sum) / 100.0;
  score.bayesian = (kPriorWeightReviews * prior_mean + weighted_stars / 100.0) /
                   (kPriorWeightReviews + weight_reviews);
  const OrderTallies& orders = tallies.orders;
  score.orders = orders.closed;
  double closed = static_cast<double>(orders.closed) + kRatePriorOrders;
  double shipped = static_cast<double>(orders.shipped) + kRatePriorOrders;
  score.penalty = kRefundPenaltyStars * static_cast<double>(orders.refunded) / closed +
                  kDisputePenaltyStars * static_cast<double>(orders.disputed) / closed +
                  kLatePenaltyStars * static_cast<double>(orders.late) / shipped;
  double raw = std::clamp(score.bayesian - score.penalty, static_cast<double>(kRatingMin),
                          static_cast<double>(kRatingMax));
  score.score = std::round(raw * 100.0) / 100.0;
  score.level = LevelFor(score.positive);
  return score;
}

}  // namespace shrimp::reputation
