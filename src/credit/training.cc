#include "credit/training.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace shrimp::credit {
namespace {

constexpr double kRidge = 1e-3;
constexpr double kConverged = 1e-9;
constexpr int kDeciles = 10;

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

Result<Model> Fit(const Model& base, const std::vector<Example>& examples,
                  const std::string& version) {
  size_t defaults = 0;
  for (const Example& example : examples) defaults += example.defaulted ? 1 : 0;
  if (examples.size() < kTrainingExamplesMin || defaults == 0 || defaults == examples.size()) {
    return InvalidArgument("not_enough_outcomes",
                           "training needs at least " + std::to_string(kTrainingExamplesMin) +
                               " finished loans with both defaults and repayments")
        .With("examples", static_cast<int64_t>(examples.size()))
        .With("defaults", static_cast<int64_t>(defaults));
  }
  const auto rows = static_cast<Eigen::Index>(examples.size());
  const auto columns = static_cast<Eigen::Index>(base.characteristics.size() + 1);
  Eigen::MatrixXd design(rows, columns);
  Eigen::VectorXd outcome(rows);
  for (Eigen::Index row = 0; row < rows; ++row) {
    const Example& example = examples[static_cast<size_t>(row)];
    std::vector<double> risks = RiskRow(base, example.features);
    design(row, 0) = 1.0;
    for (size_t column = 0; column < risks.size(); ++column) {
      design(row, static_cast<Eigen::Index>(column) + 1) = risks[column];
    }
    outcome(row) = example.defaulted ? 1.0 : 0.0;
  }
  // Newton's method on the penalised log-likelihood (the intercept unpenalised).
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(columns);
  double rate = static_cast<double>(defaults) / static_cast<double>(examples.size());
  beta(0) = std::log(rate / (1.0 - rate));
  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(columns, kRidge * static_cast<double>(rows));
  penalty(0) = 0;
  bool converged = false;
  for (int iteration = 0; iteration < kFitIterationsMax; ++iteration) {
    Eigen::VectorXd linear = design * beta;
    Eigen::VectorXd predicted = linear.unaryExpr([](double x) { return Sigmoid(x); });
    Eigen::VectorXd weights = predicted.cwiseProduct(Eigen::VectorXd::Ones(rows) - predicted);
    Eigen::MatrixXd hessian = design.transpose() * weights.asDiagonal() * design;
    hessian.diagonal() += penalty;
    Eigen::VectorXd gradient =
        design.transpose() * (outcome - predicted) - penalty.cwiseProduct(beta);
    Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    if (!step.allFinite()) break;
    beta += step;
    if (step.cwiseAbs().maxCoeff() < kConverged) {
      converged = true;
      break;
    }
  }
  if (!converged || !beta.allFinite()) {
    return Internal("the fit did not converge").With("code", "fit_failed");
  }
  Model model = base;
  model.version = version;
  model.intercept = beta(0);
  for (size_t index = 0; index < model.coefficients.size(); ++index) {
    model.coefficients[index] = beta(static_cast<Eigen::Index>(index) + 1);
  }
  SHRIMP_RETURN_IF_ERROR(Validate(model));
  return model;
}

Evaluation EvaluateScores(const std::vector<double>& scores, const std::vector<bool>& defaulted) {
  Evaluation evaluation;
  evaluation.count = scores.size();
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  for (bool bad : defaulted) evaluation.defaults += bad ? 1 : 0;
  size_t goods = evaluation.count - evaluation.defaults;
  if (evaluation.defaults == 0 || goods == 0) return evaluation;
  // AUC by the rank sum of the defaulters (ties share their mean rank).
  double rank_sum = 0;
  for (size_t start = 0; start < order.size();) {
    size_t end = start;
    while (end < order.size() && scores[order[end]] == scores[order[start]]) ++end;
    double mean_rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (size_t index = start; index < end; ++index) {
      if (defaulted[order[index]]) rank_sum += mean_rank;
    }
    start = end;
  }
  double bads = static_cast<double>(evaluation.defaults);
  evaluation.auc = (rank_sum - bads * (bads + 1) / 2.0) / (bads * static_cast<double>(goods));
  // KS: the largest gap between the two cumulative distributions.
  double seen_bad = 0;
  double seen_good = 0;
  for (size_t start = 0; start < order.size();) {
    size_t end = start;
    while (end < order.size() && scores[order[end]] == scores[order[start]]) {
      (defaulted[order[end]] ? seen_bad : seen_good) += 1;
      ++end;
    }
    evaluation.ks =
        std::max(evaluation.ks, std::abs(seen_good / static_cast<double>(goods) - seen_bad / bads));
    start = end;
  }
  // Calibration by decile of the score (when the scores are PDs).
  for (int decile = 0; decile < kDeciles; ++decile) {
    size_t begin = order.size() * static_cast<size_t>(decile) / kDeciles;
    size_t end = order.size() * static_cast<size_t>(decile + 1) / kDeciles;
    CalibrationRow row;
    for (size_t index = begin; index < end; ++index) {
      row.count += 1;
      row.predicted += scores[order[index]];
      row.observed += defaulted[order[index]] ? 1 : 0;
    }
    if (row.count > 0) {
      row.predicted /= static_cast<double>(row.count);
      row.observed /= static_cast<double>(row.count);
    }
    evaluation.calibration.push_back(row);
  }
  return evaluation;
}

Evaluation Evaluate(const Model& model, const std::vector<Example>& examples) {
  std::vector<double> scores;
  std::vector<bool> defaulted;
  scores.reserve(examples.size());
  for (const Example& example : examples) {
    scores.push_back(ScoreFeatures(model, example.features).pd);
    defaulted.push_back(example.defaulted);
  }
  return EvaluateScores(scores, defaulted);
}

void SplitHeldOut(const std::vector<Example>& all, std::vector<Example>& train,
                  std::vector<Example>& held_out) {
  for (size_t index = 0; index < all.size(); ++index) {
    (index % 5 == 4 ? held_out : train).push_back(all[index]);
  }
}

std::vector<Example> GenerateShops(size_t count, uint64_t seed) {
  // Two years of months ending at a fixed "now"; each shop is a latent health
  // h ~ N(0, 1) and a trajectory. Its counters are built as the FeatureBook
  // would have counted its orders, then derived as a decision would.
  constexpr int64_t kNowMs = 1'795'910'400'000;  // 2026-11-29
  constexpr int kMonths = 24;
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto poisson = [&](double mean) -> int64_t {
    if (mean <= 0) return 0;
    if (mean < 30) return std::poisson_distribution<int64_t>(mean)(random);
    return std::max<int64_t>(0, std::llround(mean + std::sqrt(mean) * normal(random)));
  };
  auto binomial = [&](int64_t trials, double p) -> int64_t {
    if (trials <= 0) return 0;
    return std::binomial_distribution<int64_t>(trials, std::clamp(p, 0.0, 1.0))(random);
  };
  int32_t now_month = MonthIndex(kNowMs);
  std::vector<Example> examples;
  examples.reserve(count);
  for (size_t shop_index = 0; shop_index < count; ++shop_index) {
    double health = normal(random);
    double pick = unit(random);
    enum {
      kGrow,
      kSteady,
      kDecline,
      kChurn
    } trajectory = pick < 0.25   ? kGrow
                   : pick < 0.65 ? kSteady
                   : pick < 0.85 ? kDecline
                                 : kChurn;
    int tenure_months = 3 + static_cast<int>(unit(random) * (kMonths - 3));
    double base_orders = std::exp(2.3 + 0.5 * health + 0.6 * normal(random));
    double price = 3000 * std::exp(0.4 * normal(random));
    double refund_p = Sigmoid(-3.3 - 0.6 * health + 0.3 * normal(random));
    double dispute_p = Sigmoid(-5.0 - 0.7 * health + 0.3 * normal(random));
    double on_time_p = Sigmoid(2.3 + 0.8 * health + 0.3 * normal(random));
    double repeat_p = Sigmoid(-1.3 + 0.5 * health + 0.3 * normal(random));
    int churn_month = tenure_months - 1 - static_cast<int>(unit(random) * 3);
    ShopFeatures shop;
    shop.currency = *Currency::Parse("CNY");
    int32_t first_month = now_month - tenure_months;
    shop.first_sale_ms = kNowMs - static_cast<int64_t>(tenure_months) * 30 * kMsPerDay;
    shop.last_month = now_month;
    int64_t buyers = 0;
    for (int month = 0; month <= tenure_months; ++month) {
      double factor = 1.0;
      if (trajectory == kGrow) factor = std::pow(1.06, month);
      if (trajectory == kDecline) factor = std::pow(0.93, month);
      if (trajectory == kChurn && month >= churn_month) factor = 0.15;
      int64_t orders = poisson(base_orders * factor);
      int64_t sales = std::llround(static_cast<double>(orders) * price);
      int32_t month_index = first_month + month;
      if (now_month - month_index < kFeatureMonths) {
        shop.sales[month_index % kFeatureMonths] = sales;
        shop.orders[month_index % kFeatureMonths] = static_cast<int32_t>(orders);
      }
      int64_t refunded = binomial(orders, refund_p);
      shop.paid_orders += orders;
      shop.shipped_orders += orders;
      shop.shipped_on_time += binomial(orders, on_time_p);
      shop.settled_orders += orders;
      shop.refunded_orders += refunded;
      shop.disputed_orders += binomial(orders, dispute_p);
      buyers += orders;
    }
    shop.repeat_buyers = binomial(buyers / 2, repeat_p);
    shop.distinct_buyers = std::max<int64_t>(buyers - shop.repeat_buyers, shop.repeat_buyers);
    Example example;
    example.features = FeatureBook::Derive(shop, kNowMs);
    // The known default process.
    double logit = -3.4 - 1.1 * health;
    if (trajectory == kDecline) logit += 0.8;
    if (trajectory == kChurn) logit += 1.5;
    if (trajectory == kGrow) logit -= 0.3;
    if (tenure_months < 6) logit += 0.5;
    example.true_pd = Sigmoid(logit);
    example.defaulted = unit(random) < example.true_pd;
    examples.push_back(std::move(example));
  }
  return examples;
}

}  // namespace shrimp::credit
