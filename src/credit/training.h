// Training and evaluating the scorecard on repayment outcomes.
//
// Fit keeps a model's bins (their risk values and words) and fits its
// intercept and one coefficient per characteristic by logistic regression
// on the bins' risk values (Newton's method / IRLS with a small ridge, in
// Eigen). Evaluate gives the figures an operator judges a model by on
// held-out data: AUC (the chance a defaulter scores riskier than a payer),
// KS (the largest gap between their cumulative PD distributions) and a
// calibration table (predicted against observed default rate by PD decile).
//
// Synthetic histories (GenerateShops) come from a known default process, so
// a fitted model can be compared with the truth: see bench/credit_bench.cc
// and `shrimp credit train --synthetic N`.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "credit/features.h"
#include "credit/scorecard.h"

namespace shrimp::credit {

inline constexpr size_t kTrainingExamplesMin = 100;
inline constexpr int kFitIterationsMax = 50;

struct Example {
  DerivedFeatures features;
  bool defaulted = false;
  double true_pd = -1;  // synthetic data only: the PD the process used
};

struct CalibrationRow {
  size_t count = 0;
  double predicted = 0;  // mean PD of the decile
  double observed = 0;   // its default rate
};

struct Evaluation {
  size_t count = 0;
  size_t defaults = 0;
  double auc = 0;
  double ks = 0;
  std::vector<CalibrationRow> calibration;  // 10 PD deciles, lowest first
};

// Errors: not_enough_outcomes (fewer than kTrainingExamplesMin, or no
// defaults, or no payers), fit_failed (did not converge).
[[nodiscard]] Result<Model> Fit(const Model& base, const std::vector<Example>& examples,
                                const std::string& version);

// AUC and KS of `scores` (higher = riskier) against `defaulted`.
Evaluation EvaluateScores(const std::vector<double>& scores, const std::vector<bool>& defaulted);
Evaluation Evaluate(const Model& model, const std::vector<Example>& examples);

// `count` shops with two years of monthly history each, some growing, some
// declining, some churning, and a default drawn from a known logistic
// process of their latent health. Deterministic for a seed.
std::vector<Example> GenerateShops(size_t count, uint64_t seed);

// Every fifth example (by position) is held out.
void SplitHeldOut(const std::vector<Example>& all, std::vector<Example>& train,
                  std::vector<Example>& held_out);

}  // namespace shrimp::credit
