// Simulation: N synthetic parcels from the demo shops' cities to buyers
// across the network, each promised (from the promise table) and routed
// (online search), for `shrimp logistics simulate`. Deterministic per seed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "logistics/promise.h"

namespace shrimp::logistics {

inline constexpr int64_t kSimulatedPackagesMax = 10'000'000;

struct SimulationOptions {
  int64_t packages = 10'000;
  uint64_t seed = 1;
  // Cities parcels leave from (the demo shops'); empty: every city.
  std::vector<std::string> origins;
};

struct HubHour {
  std::string hub;
  int64_t hour_start = 0;  // UTC minutes
  int64_t parcels = 0;
};

struct SimulationReport {
  int64_t packages = 0;
  int64_t unroutable = 0;
  double promise_seconds = 0;  // all promises, from the table
  double route_seconds = 0;    // all routes, online search
  int64_t domestic = 0, domestic_within_24h = 0;
  int64_t cross_border = 0, cross_border_within_72h = 0;
  // Promised transit: <= 24 h, <= 48 h, <= 72 h, <= 120 h, longer.
  int64_t transit_buckets[5] = {};
  std::vector<HubHour> busiest;  // the ten busiest hub-hours by departures
};

// `progress(done, total)` is called now and then from the calling thread.
SimulationReport Simulate(const Router& router, const PromiseTable& table, int64_t week,
                          const SimulationOptions& options,
                          const std::function<void(int64_t, int64_t)>& progress);

}  // namespace shrimp::logistics
