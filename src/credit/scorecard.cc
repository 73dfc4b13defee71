#include "credit/scorecard.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shrimp::credit {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Points scaling: 600 at odds 50:1 against default, 20 points to double them.
constexpr double kPointsAtAnchor = 600;
constexpr double kAnchorOdds = 50;
constexpr double kPointsToDoubleOdds = 20;

double PointsPerLogit() { return kPointsToDoubleOdds / std::log(2.0); }

}  // namespace

std::string_view CharacteristicName(Characteristic characteristic) {
  switch (characteristic) {
    case Characteristic::kTenure: return "tenure";
    case Characteristic::kMonthlyOrders: return "monthly_orders";
    case Characteristic::kGrowth: return "growth";
    case Characteristic::kVolatility: return "volatility";
    case Characteristic::kRepeatBuyers: return "repeat_buyers";
    case Characteristic::kRefundRate: return "refund_rate";
    case Characteristic::kDisputeRate: return "dispute_rate";
    case Characteristic::kOnTimeShipping: return "on_time_shipping";
    case Characteristic::kRepaymentHistory: return "repayment_history";
    case Characteristic::kReputation: return "reputation";
  }
  return "unknown";
}

Model DefaultModel() {
  // Risk values are log-odds against a typical shop, set from lending
  // practice for small merchants: short tenure, falling or irregular sales,
  // refunds, disputes, late shipping and a bad repayment record cost the
  // most. Each list is monotonic in its order.
  Model model;
  model.version = "default-2026-11";
  model.intercept = std::log(0.03 / 0.97);  // a typical shop: PD 3 %
  using C = Characteristic;
  model.characteristics = {
      {C::kTenure,
       {{90, 1.2, "open for less than 3 months"},
        {180, 0.6, "open for less than 6 months"},
        {365, 0.2, "open for less than a year"},
        {730, 0.0, "open for one to two years"},
        {kInfinity, -0.3, "open for more than two years"}},
       {0, 1.2, "no completed sale yet"}},
      {C::kMonthlyOrders,
       {{5, 1.0, "fewer than 5 sales a month"},
        {20, 0.4, "fewer than 20 sales a month"},
        {100, 0.0, "20 to 100 sales a month"},
        {kInfinity, -0.4, "more than 100 sales a month"}},
       {0, 1.0, "no sales in the last 3 months"}},
      {C::kGrowth,
       {{-0.3, 1.0, "sales down more than 30 % on the previous 3 months"},
        {-0.1, 0.5, "sales down more than 10 % on the previous 3 months"},
        {0.1, 0.0, "sales steady"},
        {kInfinity, -0.2, "sales growing"}},
       {0, 0.3, "less than 6 months of sales history"}},
      {C::kVolatility,
       {{0.25, -0.2, "steady monthly sales"},
        {0.5, 0.0, "sales vary somewhat month to month"},
        {1.0, 0.4, "sales vary a lot month to month"},
        {kInfinity, 0.9, "sales very irregular month to month"}},
       {0, 0.3, "no sales history to judge"}},
      {C::kRepeatBuyers,
       {{0.05, 0.4, "fewer than 5 % of buyers come back"},
        {0.15, 0.1, "fewer than 15 % of buyers come back"},
        {0.3, 0.0, "15 to 30 % of buyers come back"},
        {kInfinity, -0.3, "more than 30 % of buyers come back"}},
       {0, 0.4, "no returning buyers yet"}},
      {C::kRefundRate,
       {{0.02, -0.2, "refund rate below 2 %"},
        {0.05, 0.0, "refund rate 2 to 5 %"},
        {0.08, 0.5, "refund rate above 5 %"},
        {kInfinity, 1.1, "refund rate above 8 %"}},
       {0, 0.0, "no settled orders yet"}},
      {C::kDisputeRate,
       {{0.005, 0.0, "disputes on fewer than 0.5 % of orders"},
        {0.02, 0.5, "disputes on more than 0.5 % of orders"},
        {kInfinity, 1.2, "disputes on more than 2 % of orders"}},
       {0, 0.0, "no paid orders yet"}},
      {C::kOnTimeShipping,
       {{0.7, 0.9, "fewer than 70 % of orders shipped on time"},
        {0.85, 0.4, "fewer than 85 % of orders shipped on time"},
        {0.95, 0.0, "85 to 95 % of orders shipped on time"},
        {kInfinity, -0.2, "95 % of orders or more shipped on time"}},
       {0, 0.2, "no shipments yet"}},
      {C::kRepaymentHistory,
       {{1, -0.4, "repaid a loan on time before"},
        {2, 0.0, "first loan"},
        {3, 0.8, "a past loan was paid late"},
        {kInfinity, 2.5, "a past loan was written off"}},
       {0, 0.0, "first loan"}},
      {C::kReputation,
       {{3.5, 0.9, "shop rating below 3.5"},
        {4.0, 0.4, "shop rating below 4"},
        {4.5, 0.0, "shop rating 4 to 4.5"},
        {kInfinity, -0.3, "shop rating 4.5 or more"}},
       {0, 0.0, "no shop rating yet"}},
  };
  model.coefficients.assign(model.characteristics.size(), 1.0);
  return model;
}

Status Validate(const Model& model) {
  auto invalid = [](std::string message) { return InvalidArgument("invalid_model", message); };
  if (model.version.empty() || model.version.size() > 64) return invalid("bad version name");
  if (!std::isfinite(model.intercept)) return invalid("intercept is not finite");
  if (model.characteristics.size() != static_cast<size_t>(kCharacteristicCount) ||
      model.coefficients.size() != model.characteristics.size()) {
    return invalid("one set of bins and one coefficient per characteristic");
  }
  for (size_t index = 0; index < model.characteristics.size(); ++index) {
    const CharacteristicBins& bins = model.characteristics[index];
    std::string name(CharacteristicName(bins.characteristic));
    if (static_cast<size_t>(bins.characteristic) != index) return invalid("out of order: " + name);
    if (!std::isfinite(model.coefficients[index])) return invalid("coefficient of " + name);
    if (bins.bins.empty() || !std::isfinite(bins.unknown.risk)) return invalid("bins of " + name);
    int direction = 0;
    for (size_t bin = 0; bin < bins.bins.size(); ++bin) {
      const Bin& current = bins.bins[bin];
      if (current.label.empty() || !std::isfinite(current.risk)) return invalid("bin of " + name);
      if (bin == 0) continue;
      const Bin& previous = bins.bins[bin - 1];
      if (!(current.upper > previous.upper)) return invalid("bins of " + name + " not ordered");
      int step = current.risk > previous.risk ? 1 : current.risk < previous.risk ? -1 : 0;
      if (step != 0 && direction != 0 && step != direction) {
        return invalid("risk of " + name + " is not monotonic");
      }
      if (step != 0) direction = step;
    }
  }
  return OkStatus();
}

std::optional<double> ValueOf(Characteristic characteristic, const DerivedFeatures& features) {
  switch (characteristic) {
    case Characteristic::kTenure:
      if (features.tenure_days == 0 && features.monthly_sales == 0) return std::nullopt;
      return static_cast<double>(features.tenure_days);
    case Characteristic::kMonthlyOrders:
      if (features.monthly_orders <= 0) return std::nullopt;
      return features.monthly_orders;
    case Characteristic::kGrowth: return features.growth;
    case Characteristic::kVolatility: return features.volatility;
    case Characteristic::kRepeatBuyers:
      if (features.distinct_buyers == 0) return std::nullopt;
      return features.repeat_share;
    case Characteristic::kRefundRate: return features.refund_rate;
    case Characteristic::kDisputeRate: return features.dispute_rate;
    case Characteristic::kOnTimeShipping: return features.on_time_rate;
    case Characteristic::kRepaymentHistory:
      if (features.ever_written_off) return 3;
      if (features.ever_late) return 2;
      if (features.loans_repaid > 0) return 0;
      return 1;
    case Characteristic::kReputation: return features.reputation;
  }
  return std::nullopt;
}

int BinOf(const CharacteristicBins& bins, std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return -1;
  for (size_t index = 0; index + 1 < bins.bins.size(); ++index) {
    if (*value < bins.bins[index].upper) return static_cast<int>(index);
  }
  return static_cast<int>(bins.bins.size()) - 1;
}

std::vector<double> RiskRow(const Model& model, const DerivedFeatures& features) {
  std::vector<double> row;
  row.reserve(model.characteristics.size());
  for (const CharacteristicBins& bins : model.characteristics) {
    int bin = BinOf(bins, ValueOf(bins.characteristic, features));
    row.push_back(bin < 0 ? bins.unknown.risk : bins.bins[bin].risk);
  }
  return row;
}

Score ScoreFeatures(const Model& model, const DerivedFeatures& features) {
  Score score;
  double logit = model.intercept;
  std::vector<Reason> reasons;
  for (size_t index = 0; index < model.characteristics.size(); ++index) {
    const CharacteristicBins& bins = model.characteristics[index];
    int bin = BinOf(bins, ValueOf(bins.characteristic, features));
    score.bins.push_back(bin);
    const Bin& chosen = bin < 0 ? bins.unknown : bins.bins[bin];
    double coefficient = model.coefficients[index];
    logit += coefficient * chosen.risk;
    double best = chosen.risk;
    for (const Bin& candidate : bins.bins) best = std::min(best, candidate.risk);
    double lost = PointsPerLogit() * coefficient * (chosen.risk - best);
    if (lost > 0.5) reasons.push_back({bins.characteristic, chosen.label, lost});
  }
  score.pd = 1.0 / (1.0 + std::exp(-logit));
  score.pd_ppm = std::clamp<int64_t>(std::llround(score.pd * 1e6), 0, 1'000'000);
  double points = kPointsAtAnchor + PointsPerLogit() * (std::log(1.0 / kAnchorOdds) - logit);
  score.points = std::llround(points);
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const Reason& a, const Reason& b) { return a.points_lost > b.points_lost; });
  if (reasons.size() > kReasonsMax) reasons.resize(kReasonsMax);
  score.reasons = std::move(reasons);
  return score;
}

}  // namespace shrimp::credit
