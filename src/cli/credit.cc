// shrimp credit train | batch: fitting the scorecard on outcomes, and
// re-scoring every shop.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <algorithm>
#include <span>

#include "cli/commands.h"
#include "credit/model_store.h"
#include "credit/offer_store.h"
#include "credit/training.h"

namespace shrimp::cli {
namespace {

Result<std::unique_ptr<api::App>> OpenQuiet(const StoreLocation& store, const Clock& clock) {
  api::AppOptions options;
  store.ApplyTo(options);
  options.timer_interval_ms = 0;  // look, do not act
  return api::App::Open(options, clock);
}

// Finished loans (repaid in full, or written off) with the inputs of the
// decision that made them: the platform's own outcomes.
Result<std::vector<credit::Example>> LoanOutcomes(api::App& app) {
  return app.db().Read([](store::Connection& connection) -> Result<std::vector<credit::Example>> {
    store::Query query(connection,
                       "SELECT l.inputs, EXISTS (SELECT 1 FROM loan_events e WHERE e.loan_id = l.id"
                       "  AND e.kind = 'written_off'),"
                       " l.principal + l.fee - COALESCE((SELECT SUM(e.amount) FROM loan_events e"
                       "  WHERE e.loan_id = l.id AND e.kind = 'repayment'), 0)"
                       " FROM loans l ORDER BY l.id");
    std::vector<credit::Example> examples;
    while (query.Next()) {
      bool written_off = query.Int(1) != 0;
      bool repaid = query.Int(2) == 0;
      if (!written_off && !repaid) continue;  // still running: no outcome yet
      SHRIMP_ASSIGN_OR_RETURN(auto inputs, credit::InputsFromJson(query.Text(0)));
      examples.push_back({inputs, written_off, -1});
    }
    SHRIMP_RETURN_IF_ERROR(query.status());
    return examples;
  });
}

void PrintEvaluation(const char* name, const credit::Evaluation& evaluation) {
  std::printf("%-28s AUC %.3f  KS %.3f  (%zu examples, %zu defaults)\n", name, evaluation.auc,
              evaluation.ks, evaluation.count, evaluation.defaults);
}

}  // namespace

int CreditTrain(const CreditTrainOptions& options) {
  SystemClock clock;
  auto app = OpenQuiet(options.store, clock);
  if (!app.ok()) {
    std::cerr << "credit train: cannot open store: " << app.error().message << "\n";
    return 1;
  }
  std::vector<credit::Example> examples;
  if (options.synthetic > 0) {
    examples = credit::GenerateShops(options.synthetic, options.seed);
    std::printf("training on %zu synthetic shops (seed %llu, known default process)\n",
                examples.size(), static_cast<unsigned long long>(options.seed));
  } else {
    auto outcomes = LoanOutcomes(**app);
    if (!outcomes.ok()) {
      std::cerr << "credit train: " << outcomes.error().message << "\n";
      return 1;
    }
    examples = std::move(*outcomes);
    std::printf("training on %zu finished loans\n", examples.size());
  }
  std::vector<credit::Example> train;
  std::vector<credit::Example> held_out;
  credit::SplitHeldOut(examples, train, held_out);
  std::string version = options.version.empty()
                            ? "trained-" + FormatIso8601(clock.NowMs()).substr(0, 19)
                            : options.version;
  auto fitted = credit::Fit(credit::DefaultModel(), train, version);
  if (!fitted.ok()) {
    std::cerr << "credit train: " << fitted.error().message << "\n";
    return 1;
  }
  credit::Evaluation trained = credit::Evaluate(*fitted, held_out);
  credit::Evaluation active = credit::Evaluate((*app)->credit().model(), held_out);
  std::printf("held out: %zu (every fifth)\n", held_out.size());
  PrintEvaluation(("active " + (*app)->credit().model().version).c_str(), active);
  PrintEvaluation(("trained " + version).c_str(), trained);
  std::printf("\ncalibration of %s on held-out data (PD deciles)\n", version.c_str());
  std::printf("  decile   count   predicted   observed\n");
  for (size_t decile = 0; decile < trained.calibration.size(); ++decile) {
    const credit::CalibrationRow& row = trained.calibration[decile];
    std::printf("  %6zu %7zu   %8.2f %%  %8.2f %%\n", decile + 1, row.count, row.predicted * 100,
                row.observed * 100);
  }
  std::printf("\ncoefficients: intercept %.3f", fitted->intercept);
  for (size_t index = 0; index < fitted->coefficients.size(); ++index) {
    std::printf(", %s %.3f",
                std::string(
                    credit::CharacteristicName(fitted->characteristics[index].characteristic))
                    .c_str(),
                fitted->coefficients[index]);
  }
  std::printf("\n");
  credit::Model model = *fitted;
  int64_t count = static_cast<int64_t>(train.size());
  auto saved = (*app)->writer().Run<Ok>([&](store::Connection& connection) -> Result<Ok> {
    SHRIMP_RETURN_IF_ERROR(credit::SaveModel(connection, model, trained, count, clock.NowMs()));
    return Ok{};
  });
  (*app)->Stop();
  if (!saved.ok()) {
    std::cerr << "credit train: " << saved.error().message << "\n";
    return 1;
  }
  std::printf(
      "\nsaved model %s; it decides nothing until an operator activates it:\n"
      "  POST /api/v1/admin/credit/models/%s/activate\n",
      version.c_str(), version.c_str());
  return 0;
}

// Re-scores every shop with the active model and stores each offer
// (credit_offers, credit/offer_store.h) in writer jobs of
// credit::kBatchShopsPerJob shops, so each job stays short and a stopped
// batch keeps what it stored.
int CreditBatch(const StoreLocation& store) {
  SystemClock clock;
  auto app = OpenQuiet(store, clock);
  if (!app.ok()) {
    std::cerr << "credit batch: cannot open store: " << app.error().message << "\n";
    return 1;
  }
  auto shops = (*app)->db().Read(
      [](store::Connection& connection) { return credit::ListBatchShops(connection); });
  if (!shops.ok()) {
    std::cerr << "credit batch: " << shops.error().message << "\n";
    (*app)->Stop();
    return 1;
  }
  credit::BatchTally tally;
  auto start = std::chrono::steady_clock::now();
  const std::vector<credit::BatchShop>& all = *shops;
  for (size_t from = 0; from < all.size(); from += credit::kBatchShopsPerJob) {
    std::span<const credit::BatchShop> chunk(all.data() + from, std::min(credit::kBatchShopsPerJob,
                                                                         all.size() - from));
    int64_t now_ms = clock.NowMs();
    auto done = (*app)->writer().Run<credit::BatchTally>(
        [&](store::Connection& connection) -> Result<credit::BatchTally> {
          return credit::RefreshOffers(connection, (*app)->credit(), chunk, now_ms);
        });
    if (!done.ok()) {
      std::fprintf(stderr, "\n");
      std::cerr << "credit batch: " << done.error().message << "\n";
      (*app)->Stop();
      return 1;
    }
    tally.Add(*done);
    size_t finished = from + chunk.size();
    std::fprintf(stderr, "\r[%-50s] %zu/%zu", std::string(finished * 50 / all.size(), '#').c_str(),
                 finished, all.size());
  }
  std::fprintf(stderr, "\n");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string version = (*app)->credit().model().version;
  (*app)->Stop();
  std::printf("scored and stored %lld shops in %.3f s with %s: %lld approved",
              static_cast<long long>(tally.shops), seconds, version.c_str(),
              static_cast<long long>(tally.approved));
  for (const auto& [band, count] : tally.bands) {
    std::printf(", %s %lld", band.c_str(), static_cast<long long>(count));
  }
  std::printf("\n");
  return 0;
}

}  // namespace shrimp::cli
