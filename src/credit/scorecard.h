// Scorecard: features -> bins -> logistic model -> probability of default
// (PD) -> points, with reason codes in a merchant's words.
//
// Each characteristic (tenure, monthly sales, growth, ...) is cut into
// ordered bins. Every bin carries a risk value w (log-odds of default
// relative to a typical shop: positive is riskier) and a sentence saying
// what it means ("refund rate above 8 %"). The bins are monotonic: along a
// characteristic's order, w never changes direction (Scorecard::Validate
// checks it, and a test checks the defaults). A value the shop does not have
// yet (no shipments, no reputation) falls in the characteristic's "unknown"
// bin, outside the order.
//
// The model is logistic on the bins' risk values:
//   logit(PD) = intercept + sum_i coefficient_i * w_i(bin of feature i)
// and the score in points is the usual scaling, 600 points at odds of 50:1
// against default, 20 more points for each doubling of those odds:
//   points = 600 + 20/ln 2 * (ln(1/50) - logit(PD))
// A characteristic's points lost are 20/ln 2 * coefficient * (w - w_best):
// what it costs against its best bin. The reasons of a decision are the
// characteristics that cost the most points, best described by their bins.
//
// Default coefficients ship with shrimp (DefaultModel); `shrimp credit
// train` fits new coefficients on the platform's own outcomes, and a new
// model is used only once an operator activates it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "credit/features.h"

namespace shrimp::credit {

inline constexpr size_t kReasonsMax = 3;

enum class Characteristic : int {
  kTenure = 0,     // days since the first completed sale
  kMonthlyOrders,  // completed sales a month, last 3 complete months
  kGrowth,         // last 3 complete months against the 3 before
  kVolatility,     // coefficient of variation, last 6 complete months
  kRepeatBuyers,   // share of buyers who came back
  kRefundRate,
  kDisputeRate,
  kOnTimeShipping,
  kRepaymentHistory,  // 0 repaid before, 1 never borrowed, 2 paid late, 3 written off
  kReputation,        // 0..5 (reputation domain); unknown until it lands
};
inline constexpr int kCharacteristicCount = 10;
std::string_view CharacteristicName(Characteristic characteristic);

struct Bin {
  double upper = 0;   // the bin holds values < upper (the last bin: everything above)
  double risk = 0;    // w: log-odds of default relative to a typical shop
  std::string label;  // what the bin means, in a merchant's words
};

struct CharacteristicBins {
  Characteristic characteristic;
  std::vector<Bin> bins;  // ordered by `upper`, ascending
  Bin unknown;            // for a value the shop does not have yet
};

struct Model {
  std::string version;  // e.g. "default-2026-11"; recorded with every decision
  double intercept = 0;
  std::vector<CharacteristicBins> characteristics;  // one per Characteristic, in order
  std::vector<double> coefficients;                 // one per characteristic
};

// The model shipped with shrimp.
Model DefaultModel();
// Bins ordered, non-empty labels, risk monotonic along each characteristic,
// one coefficient each, every number finite. Errors: invalid_model.
[[nodiscard]] Status Validate(const Model& model);

// The characteristic's raw value for `features` (nullopt: unknown).
std::optional<double> ValueOf(Characteristic characteristic, const DerivedFeatures& features);
// The index of the bin holding `value`; -1 for unknown.
int BinOf(const CharacteristicBins& bins, std::optional<double> value);

struct Reason {
  Characteristic characteristic;
  std::string text;  // the bin's label
  double points_lost = 0;
};

struct Score {
  double pd = 0;       // probability of default, 0..1
  int64_t pd_ppm = 0;  // the same, parts per million (stored, compared)
  int64_t points = 0;
  std::vector<int> bins;        // per characteristic, -1: unknown
  std::vector<Reason> reasons;  // most points lost first, at most kReasonsMax
};

Score ScoreFeatures(const Model& model, const DerivedFeatures& features);
// The design row the model multiplies: w of each characteristic's bin.
std::vector<double> RiskRow(const Model& model, const DerivedFeatures& features);

}  // namespace shrimp::credit
