#include "reputation/shop_score.h"

#include <gtest/gtest.h>

namespace shrimp::reputation {
namespace {

RatingSums Reviews(int64_t count, int64_t stars) {
  RatingSums sums;
  sums.reviews = count;
  sums.positive = stars * kDimensions >= kPositiveRatingSumMin ? count : 0;
  for (int64_t& sum : sums.sums) sum = count * stars;
  return sums;
}

TEST(ShopScore, NoReviewsSitsAtThePrior) {
  ShopScore score = ComputeScore({}, 4.5, 0);
  EXPECT_DOUBLE_EQ(score.score, 4.5);
  EXPECT_EQ(score.reviews, 0);
  EXPECT_EQ(score.level.tier, "none");
}

TEST(ShopScore, SmallSamplesStayNearThePrior) {
  ShopTallies three_fives;
  three_fives.by_month[0] = Reviews(3, 5);
  ShopTallies many_fours;
  many_fours.by_month[0] = Reviews(200, 4);
  // Three perfect reviews do not beat a long record of good ones by much,
  // and land well below 5.
  double small = ComputeScore(three_fives, 4.0, 0).score;
  EXPECT_LT(small, 4.3);
  EXPECT_GT(small, 4.0);
  EXPECT_NEAR(ComputeScore(many_fours, 4.5, 0).score, 4.02, 0.01);
}

TEST(ShopScore, RecentReviewsWeighMore) {
  ShopTallies tallies;
  int64_t now_month = 100;
  tallies.by_month[now_month] = Reviews(50, 5);               // recent: weight 100 %
  tallies.by_month[now_month - kOldMonths] = Reviews(50, 1);  // old: weight 25 %
  ShopScore score = ComputeScore(tallies, 3.0, now_month * kMonthMs);
  // Unweighted the mean would be 3.0; weighted it is (5*100 + 1*25)/125 = 4.2.
  EXPECT_NEAR(score.dimensions[0], 4.2, 1e-9);
  EXPECT_EQ(RecencyWeightPercent(0), 100);
  EXPECT_EQ(RecencyWeightPercent(kRecentMonths - 1), 100);
  EXPECT_EQ(RecencyWeightPercent(kRecentMonths), kOlderWeightPercent);
  EXPECT_EQ(RecencyWeightPercent(kOldMonths), kOldWeightPercent);
}

TEST(ShopScore, RefundsDisputesAndLateShippingLowerTheScore) {
  ShopTallies clean;
  clean.by_month[0] = Reviews(100, 5);
  clean.orders = {.closed = 100, .refunded = 0, .disputed = 0, .shipped = 100, .late = 0};
  ShopTallies troubled = clean;
  troubled.orders = {.closed = 100, .refunded = 10, .disputed = 5, .shipped = 100, .late = 20};
  ShopScore good = ComputeScore(clean, 4.5, 0);
  ShopScore bad = ComputeScore(troubled, 4.5, 0);
  EXPECT_DOUBLE_EQ(good.penalty, 0);
  double expected = kRefundPenaltyStars * 10 / 110 + kDisputePenaltyStars * 5 / 110 +
                    kLatePenaltyStars * 20 / 110;
  EXPECT_NEAR(bad.penalty, expected, 1e-9);
  EXPECT_LT(bad.score, good.score);
}

TEST(ShopScore, ScoreStaysWithinOneToFive) {
  ShopTallies awful;
  awful.by_month[0] = Reviews(1000, 1);
  awful.orders = {
      .closed = 1000, .refunded = 1000, .disputed = 1000, .shipped = 1000, .late = 1000};
  EXPECT_DOUBLE_EQ(ComputeScore(awful, 4.5, 0).score, 1.0);
}

TEST(ShopScore, LevelsClimbHeartsDiamondsCrowns) {
  EXPECT_EQ(LevelFor(0).tier, "none");
  EXPECT_EQ(LevelFor(kLevelThresholds[0] - 1).tier, "none");
  EXPECT_EQ(LevelFor(kLevelThresholds[0]).tier, "hearts");
  EXPECT_EQ(LevelFor(kLevelThresholds[0]).count, 1);
  EXPECT_EQ(LevelFor(kLevelThresholds[4]).count, 5);
  EXPECT_EQ(LevelFor(kLevelThresholds[5]).tier, "diamonds");
  EXPECT_EQ(LevelFor(kLevelThresholds[5]).count, 1);
  EXPECT_EQ(LevelFor(kLevelThresholds[10]).tier, "crowns");
  EXPECT_EQ(LevelFor(kLevelThresholds[14]).count, 5);
  EXPECT_EQ(LevelFor(INT64_MAX).tier, "crowns");
}

TEST(ShopScore, TalliesAddAndRemoveExactly) {
  RatingSums sums = Reviews(3, 4);
  RatingSums total;
  total.Add(sums);
  total.Add(sums, -1);
  EXPECT_EQ(total, RatingSums{});
}

}  // namespace
}  // namespace shrimp::reputation
