// shrimp_load: the load generator. Seeds its own shops, products and funded
// buyers through the API, runs a scenario for a bounded time, and prints
// throughput and latency percentiles per step.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "load_client.h"

namespace shrimp::bench {
namespace {

void PrintStats(const std::string& scenario, RunResult& result) {
  double rate = result.elapsed_s > 0 ? result.iterations_completed / result.elapsed_s : 0;
  std::printf("scenario=%s completed=%llu refused=%llu failed=%llu elapsed_s=%.2f rate_per_s=%.0f\n",
              scenario.c_str(), static_cast<unsigned long long>(result.iterations_completed),
              static_cast<unsigned long long>(result.iterations_refused),
              static_cast<unsigned long long>(result.iterations_failed), result.elapsed_s, rate);
  for (auto& [name, stats] : result.steps) {
    std::printf("  step=%-12s ok=%llu refused=%llu failed=%llu p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
                name.c_str(), static_cast<unsigned long long>(stats.ok),
                static_cast<unsigned long long>(stats.refused),
                static_cast<unsigned long long>(stats.failed),
                Percentile(stats.latencies_us, 0.50) / 1e3, Percentile(stats.latencies_us, 0.90) / 1e3,
                Percentile(stats.latencies_us, 0.99) / 1e3, Percentile(stats.latencies_us, 1.0) / 1e3);
  }
  auto& whole = result.iteration_latencies_us;
  std::printf("  whole        p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
              Percentile(whole, 0.50) / 1e3, Percentile(whole, 0.90) / 1e3,
              Percentile(whole, 0.99) / 1e3, Percentile(whole, 1.0) / 1e3);
}

std::vector<Step> HealthzScenario() {
  Step step;
  step.name = "healthz";
  step.method = "GET";
  step.target = [](int, uint64_t) { return std::string("/healthz"); };
  return {step};
}

}  // namespace
}  // namespace shrimp::bench

int main(int argc, char** argv) {
  using namespace shrimp::bench;
  CLI::App app{"shrimp load generator"};
  RunOptions options;
  std::string scenario = "healthz";
  app.add_option("--host", options.host)->capture_default_str();
  app.add_option("--port", options.port)->required();
  app.add_option("--connections", options.connections)->capture_default_str();
  app.add_option("--duration", options.duration_s, "seconds")->capture_default_str();
  app.add_option("--iterations", options.iterations_max, "stop after this many (0: no bound)");
  app.add_option("--rate", options.rate_per_s, "open-loop target rate per second (0: flat out)");
  app.add_option("--scenario", scenario, "healthz")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  std::vector<Step> steps;
  if (scenario == "healthz") {
    steps = HealthzScenario();
  } else {
    std::fprintf(stderr, "unknown scenario %s\n", scenario.c_str());
    return 2;
  }
  RunResult result = RunScenario(options, steps);
  PrintStats(scenario, result);
  return result.iterations_failed > 0 ? 1 : 0;
}
