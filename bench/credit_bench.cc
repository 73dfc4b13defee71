// shrimp_credit_bench: the credit model against a known truth, and its speed.
//
//   - AUC and KS on held-out synthetic shops (credit::GenerateShops: two
//     years of monthly history, a known logistic default process) of the
//     shipped default model, of a model fitted on the rest, and of the true
//     PD itself (the ceiling any model could reach on these labels);
//   - decision latency in-process: CreditService::MakeOffer (features
//     derived from the live counters, scored, banded), p50 and p99;
//   - a batch re-scoring of --batch synthetic shops (default 5,000,000),
//     derive + score per shop, timed without the generation.
// Prints key=value lines for scripts/bench.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/clock.h"
#include "credit/credit_service.h"
#include "credit/training.h"
#include "ledger/ledger.h"
#include "store/journal.h"

namespace shrimp::credit {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void ModelFigures(size_t shops) {
  std::vector<Example> all = GenerateShops(shops, 20261129);
  std::vector<Example> train;
  std::vector<Example> held_out;
  SplitHeldOut(all, train, held_out);
  Evaluation shipped = Evaluate(DefaultModel(), held_out);
  auto fitted = Fit(DefaultModel(), train, "bench");
  Evaluation trained = fitted.ok() ? Evaluate(*fitted, held_out) : Evaluation{};
  std::vector<double> truth;
  std::vector<bool> defaulted;
  for (const Example& example : held_out) {
    truth.push_back(example.true_pd);
    defaulted.push_back(example.defaulted);
  }
  Evaluation ceiling = EvaluateScores(truth, defaulted);
  std::printf(
      "credit_model shops=%zu held_out=%zu defaults=%zu default_auc=%.3f default_ks=%.3f"
      " trained_auc=%.3f trained_ks=%.3f truth_auc=%.3f truth_ks=%.3f\n",
      shops, held_out.size(), shipped.defaults, shipped.auc, shipped.ks, trained.auc, trained.ks,
      ceiling.auc, ceiling.ks);
}

void DecisionLatency(size_t shops) {
  FakeClock clock(1'795'910'400'000);
  ledger::Ledger ledger(clock);
  CreditService credit(ledger, clock);
  store::Journal journal;  // inactive: the bench has no writer batch
  std::mt19937_64 random(3);
  Currency cny = *Currency::Parse("CNY");
  int64_t order_id = 1;
  for (size_t shop = 1; shop <= shops; ++shop) {
    int sales = 20 + static_cast<int>(random() % 200);
    for (int sale = 0; sale < sales; ++sale) {
      orders::OrderFact fact;
      fact.order_id = order_id++;
      fact.shop_id = static_cast<int64_t>(shop);
      fact.buyer_id = static_cast<int64_t>(random() % 500);
      fact.total = Money{1000 + static_cast<int64_t>(random() % 9000), cny};
      fact.at_ms = clock.NowMs() - static_cast<int64_t>(random() % 600) * kMsPerDay;
      fact.event = orders::OrderEvent::kPay;
      credit.features().OnOrderEvent(journal, fact);
      fact.event = orders::OrderEvent::kShip;
      credit.features().OnOrderEvent(journal, fact);
      fact.event = orders::OrderEvent::kConfirm;
      fact.amount = random() % 20 == 0 ? fact.total.amount : 0;
      credit.features().OnOrderEvent(journal, fact);
    }
  }
  std::vector<double> micros;
  micros.reserve(shops * 10);
  int64_t approved = 0;
  for (int round = 0; round < 10; ++round) {
    for (size_t shop = 1; shop <= shops; ++shop) {
      auto start = Clock::now();
      Offer offer = credit.MakeOffer(static_cast<int64_t>(shop), cny);
      micros.push_back(Seconds(start) * 1e6);
      approved += offer.approved ? 1 : 0;
    }
  }
  std::sort(micros.begin(), micros.end());
  double total = 0;
  for (double value : micros) total += value;
  std::printf(
      "credit_decision decisions=%zu approved=%lld p50_us=%.2f p99_us=%.2f"
      " decisions_per_s=%.0f\n",
      micros.size(), static_cast<long long>(approved), micros[micros.size() / 2],
      micros[micros.size() * 99 / 100], static_cast<double>(micros.size()) / (total / 1e6));
}

void Batch(size_t shops) {
  // Counters for a chunk of shops, generated untimed; then derive + score, timed.
  constexpr size_t kChunk = 200'000;
  constexpr int64_t kNowMs = 1'795'910'400'000;
  Model model = DefaultModel();
  std::mt19937_64 random(5);
  std::vector<ShopFeatures> chunk(kChunk);
  double scoring_s = 0;
  int64_t under_threshold = 0;
  int32_t now_month = MonthIndex(kNowMs);
  for (size_t done = 0; done < shops; done += kChunk) {
    size_t count = std::min(kChunk, shops - done);
    for (size_t index = 0; index < count; ++index) {
      ShopFeatures& shop = chunk[index];
      uint64_t bits = random();
      shop.first_sale_ms = kNowMs - static_cast<int64_t>(30 + bits % 700) * kMsPerDay;
      shop.last_month = now_month;
      int64_t base = 5 + static_cast<int64_t>(bits >> 20) % 200;
      for (int month = 0; month < kFeatureMonths; ++month) {
        shop.orders[month] = static_cast<int32_t>(base + static_cast<int64_t>(random() % 20));
        shop.sales[month] = shop.orders[month] * 3000;
      }
      shop.paid_orders = shop.shipped_orders = shop.settled_orders = base * 24;
      shop.shipped_on_time = shop.shipped_orders - static_cast<int64_t>(bits % 10);
      shop.refunded_orders = static_cast<int64_t>((bits >> 8) % 30);
      shop.disputed_orders = static_cast<int64_t>((bits >> 16) % 5);
      shop.distinct_buyers = base * 10;
      shop.repeat_buyers = base * 3;
    }
    auto start = Clock::now();
    for (size_t index = 0; index < count; ++index) {
      Score score = ScoreFeatures(model, FeatureBook::Derive(chunk[index], kNowMs));
      under_threshold += score.pd_ppm < 120'000 ? 1 : 0;
    }
    scoring_s += Seconds(start);
  }
  std::printf("credit_batch shops=%zu seconds=%.2f shops_per_s=%.0f approved=%lld\n", shops,
              scoring_s, static_cast<double>(shops) / scoring_s,
              static_cast<long long>(under_threshold));
}

}  // namespace
}  // namespace shrimp::credit

int main(int argc, char** argv) {
  size_t model_shops = 200'000;
  size_t decision_shops = 20'000;
  size_t batch_shops = 5'000'000;
  for (int index = 1; index + 1 < argc; index += 2) {
    std::string flag = argv[index];
    size_t value = std::strtoull(argv[index + 1], nullptr, 10);
    if (flag == "--model-shops") model_shops = value;
    if (flag == "--decision-shops") decision_shops = value;
    if (flag == "--batch") batch_shops = value;
  }
  shrimp::credit::ModelFigures(model_shops);
  shrimp::credit::DecisionLatency(decision_shops);
  shrimp::credit::Batch(batch_shops);
  return 0;
}
