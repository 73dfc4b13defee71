#include "logistics/simulation.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <tuple>

namespace shrimp::logistics {
namespace {

struct Parcel {
  int from = 0, to = 0;
  Service service = Service::kStandard;
  int64_t ready_at = 0;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

SimulationReport Simulate(const Router& router, const PromiseTable& table, int64_t week,
                          const SimulationOptions& options,
                          const std::function<void(int64_t, int64_t)>& progress) {
  const Network& network = router.network();
  std::vector<int> origins;
  for (const std::string& name : options.origins) {
    if (auto city = network.FindCity(name)) origins.push_back(*city);
  }
  if (origins.empty()) {
    for (size_t city = 0; city < network.cities.size(); ++city) origins.push_back(int(city));
  }
  std::mt19937_64 random(options.seed);
  std::vector<Parcel> parcels(static_cast<size_t>(options.packages));
  for (Parcel& parcel : parcels) {
    parcel.from = origins[random() % origins.size()];
    parcel.to = static_cast<int>(random() % network.cities.size());
    parcel.service = random() % 10 < 3 ? Service::kExpress : Service::kStandard;
    // Leaves room at the end of the week for the slot rounding.
    parcel.ready_at = WeekStart(week) + static_cast<int64_t>(random() % (kMinutesPerWeek - 60));
  }
  SimulationReport report;
  report.packages = options.packages;
  int carriers = static_cast<int>(network.carriers.size());

  // Promises: the table lookup, best over the carriers.
  std::vector<int> chosen(parcels.size(), -1);
  auto started = std::chrono::steady_clock::now();
  for (size_t index = 0; index < parcels.size(); ++index) {
    const Parcel& parcel = parcels[index];
    int64_t best = INT64_MAX;
    for (int carrier = 0; carrier < carriers; ++carrier) {
      auto delivered =
          table.Lookup(carrier, parcel.service, parcel.from, parcel.to, parcel.ready_at);
      if (delivered && *delivered < best) {
        best = *delivered;
        chosen[index] = carrier;
      }
    }
    if (chosen[index] < 0) {
      report.unroutable += 1;
      continue;
    }
    int64_t hours = (best - parcel.ready_at + 59) / 60;
    int bucket = hours <= 24 ? 0 : hours <= 48 ? 1 : hours <= 72 ? 2 : hours <= 120 ? 3 : 4;
    report.transit_buckets[bucket] += 1;
    bool domestic = network.cities[parcel.from].country == network.cities[parcel.to].country;
    if (domestic) {
      report.domestic += 1;
      if (hours <= 24) report.domestic_within_24h += 1;
    } else {
      report.cross_border += 1;
      if (hours <= 72) report.cross_border_within_72h += 1;
    }
  }
  report.promise_seconds = SecondsSince(started);

  // Routes: the online search with the chosen carrier; departures per hub-hour.
  std::map<std::pair<int, int64_t>, int64_t> departures;
  started = std::chrono::steady_clock::now();
  int64_t progress_every = std::max<int64_t>(1, options.packages / 100);
  for (size_t index = 0; index < parcels.size(); ++index) {
    if (static_cast<int64_t>(index) % progress_every == 0)
      progress(int64_t(index), options.packages);
    if (chosen[index] < 0) continue;
    const Parcel& parcel = parcels[index];
    auto route =
        router.EarliestArrival(RouteQuery{chosen[index], parcel.service, parcel.to, parcel.ready_at,
                                          parcel.from, -1, kJourneyMinutesMax});
    if (!route) continue;
    for (const RouteStep& step : route->steps) {
      if (step.kind != RouteStep::Kind::kLinehaul) continue;
      departures[{step.from_hub, FloorDiv(step.departs, 60) * 60}] += 1;
    }
  }
  progress(options.packages, options.packages);
  report.route_seconds = SecondsSince(started);
  std::vector<HubHour> all;
  for (const auto& [key, count] : departures) {
    all.push_back(HubHour{network.hubs[key.first].id, key.second, count});
  }
  std::sort(all.begin(), all.end(), [](const HubHour& a, const HubHour& b) {
    return std::tie(b.parcels, a.hour_start, a.hub) < std::tie(a.parcels, b.hour_start, b.hub);
  });
  if (all.size() > 10) all.resize(10);
  report.busiest = std::move(all);
  return report;
}

}  // namespace shrimp::logistics
