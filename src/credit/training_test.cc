#include "credit/training.h"

#include <gtest/gtest.h>

namespace shrimp::credit {
namespace {

TEST(Evaluate, PerfectAndUselessScores) {
  std::vector<bool> defaulted = {false, false, true, false, true, true};
  Evaluation perfect = EvaluateScores({0.1, 0.2, 0.8, 0.3, 0.9, 0.7}, defaulted);
  EXPECT_DOUBLE_EQ(perfect.auc, 1.0);
  EXPECT_DOUBLE_EQ(perfect.ks, 1.0);
  Evaluation reversed = EvaluateScores({0.9, 0.8, 0.1, 0.7, 0.2, 0.3}, defaulted);
  EXPECT_DOUBLE_EQ(reversed.auc, 0.0);
  Evaluation ties = EvaluateScores({0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, defaulted);
  EXPECT_DOUBLE_EQ(ties.auc, 0.5);
  EXPECT_DOUBLE_EQ(ties.ks, 0.0);
  EXPECT_EQ(perfect.calibration.size(), 10u);
}

TEST(Fit, RefusesTooFewOutcomes) {
  std::vector<Example> few(10);
  auto fitted = Fit(DefaultModel(), few, "tiny");
  ASSERT_FALSE(fitted.ok());
  EXPECT_EQ(fitted.error().code, "not_enough_outcomes");
}

TEST(Fit, LearnsTheKnownProcessAndBeatsNothing) {
  std::vector<Example> all = GenerateShops(6000, 42);
  std::vector<Example> train;
  std::vector<Example> held_out;
  SplitHeldOut(all, train, held_out);
  EXPECT_EQ(held_out.size(), 1200u);
  auto fitted = Fit(DefaultModel(), train, "fitted-test");
  ASSERT_TRUE(fitted.ok()) << fitted.error().message;
  EXPECT_EQ(fitted->version, "fitted-test");
  Evaluation trained = Evaluate(*fitted, held_out);
  Evaluation shipped = Evaluate(DefaultModel(), held_out);
  EXPECT_GT(trained.auc, 0.65);
  EXPECT_GT(shipped.auc, 0.6);
  EXPECT_GT(trained.ks, 0.2);
  // Calibrated: the fitted PDs average to the observed default rate.
  double predicted = 0;
  for (const CalibrationRow& row : trained.calibration) {
    predicted += row.predicted * static_cast<double>(row.count);
  }
  predicted /= static_cast<double>(trained.count);
  double observed = static_cast<double>(trained.defaults) / static_cast<double>(trained.count);
  EXPECT_NEAR(predicted, observed, 0.03);
  // The same seed, the same shops.
  EXPECT_EQ(GenerateShops(50, 42)[7].defaulted, all[7].defaulted);
}

}  // namespace
}  // namespace shrimp::credit
