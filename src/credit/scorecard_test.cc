#include "credit/scorecard.h"

#include <gtest/gtest.h>

#include <random>

namespace shrimp::credit {
namespace {

// A steady, well-run shop: two years open, 50 sales a month, growing a little.
DerivedFeatures Steady() {
  DerivedFeatures features;
  features.tenure_days = 800;
  features.monthly_sales = 5'000'000;
  features.monthly_orders = 50;
  features.growth = 0.05;
  features.volatility = 0.2;
  features.distinct_buyers = 400;
  features.repeat_share = 0.35;
  features.refund_rate = 0.01;
  features.dispute_rate = 0.001;
  features.on_time_rate = 0.97;
  return features;
}

TEST(Scorecard, DefaultModelIsValidAndMonotonic) {
  Model model = DefaultModel();
  Status valid = Validate(model);
  EXPECT_TRUE(valid.ok()) << valid.error().message;
  for (const CharacteristicBins& bins : model.characteristics) {
    EXPECT_FALSE(bins.unknown.label.empty()) << CharacteristicName(bins.characteristic);
  }
}

TEST(Scorecard, ValidateRefusesNonMonotonicBinsAndMissingCoefficients) {
  Model model = DefaultModel();
  model.characteristics[static_cast<int>(Characteristic::kRefundRate)].bins[1].risk = -1.0;
  Status refused = Validate(model);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "invalid_model");
  model = DefaultModel();
  model.coefficients.pop_back();
  EXPECT_FALSE(Validate(model).ok());
  model = DefaultModel();
  model.characteristics[0].bins[2].upper = 10;  // below the bin before it
  EXPECT_FALSE(Validate(model).ok());
}

TEST(Scorecard, ReasonsNameWhatCostsTheMostInAMerchantsWords) {
  Model model = DefaultModel();
  DerivedFeatures features = Steady();
  Score good = ScoreFeatures(model, features);
  EXPECT_LT(good.pd, 0.03);
  EXPECT_GT(good.points, 600);
  features.refund_rate = 0.12;
  features.on_time_rate = 0.8;
  Score worse = ScoreFeatures(model, features);
  EXPECT_GT(worse.pd, good.pd);
  EXPECT_LT(worse.points, good.points);
  ASSERT_GE(worse.reasons.size(), 2u);
  EXPECT_EQ(worse.reasons[0].text, "refund rate above 8 %");
  EXPECT_EQ(worse.reasons[1].text, "fewer than 85 % of orders shipped on time");
  EXPECT_LE(worse.reasons.size(), kReasonsMax);
  // The PD and the points say the same thing.
  EXPECT_EQ(worse.pd_ppm, static_cast<int64_t>(std::llround(worse.pd * 1e6)));
}

TEST(Scorecard, BinsHoldTheirBoundariesAndUnknownValues) {
  Model model = DefaultModel();
  const CharacteristicBins& refunds =
      model.characteristics[static_cast<int>(Characteristic::kRefundRate)];
  EXPECT_EQ(BinOf(refunds, 0.0), 0);
  EXPECT_EQ(BinOf(refunds, 0.02), 1);  // bins hold values below their upper bound
  EXPECT_EQ(BinOf(refunds, 0.0799), 2);
  EXPECT_EQ(BinOf(refunds, 0.08), 3);
  EXPECT_EQ(BinOf(refunds, 5.0), 3);
  EXPECT_EQ(BinOf(refunds, std::nullopt), -1);
  EXPECT_EQ(BinOf(refunds, std::nan("")), -1);
}

// Worse on any one characteristic never lowers the PD (monotonic scorecard).
TEST(Scorecard, WorseFeaturesNeverLowerThePd) {
  Model model = DefaultModel();
  std::mt19937_64 random(12);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int round = 0; round < 2000; ++round) {
    DerivedFeatures features = Steady();
    features.tenure_days = static_cast<int64_t>(unit(random) * 1000);
    features.refund_rate = unit(random) * 0.2;
    features.dispute_rate = unit(random) * 0.05;
    features.on_time_rate = unit(random);
    double pd = ScoreFeatures(model, features).pd;
    DerivedFeatures worse = features;
    worse.refund_rate = *features.refund_rate + unit(random) * 0.1;
    worse.dispute_rate = *features.dispute_rate + unit(random) * 0.02;
    worse.on_time_rate = *features.on_time_rate * unit(random);
    worse.tenure_days = static_cast<int64_t>(features.tenure_days * unit(random));
    ASSERT_GE(ScoreFeatures(model, worse).pd, pd) << "round " << round;
  }
}

}  // namespace
}  // namespace shrimp::credit
