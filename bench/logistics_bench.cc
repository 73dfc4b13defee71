// Micro-benchmarks of delivery promises on the demo network (135 cities):
// the lookup path every product page and checkout takes, and the online
// Connection Scan search used for shipment routes.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>

#include "logistics/demo_network.h"
#include "logistics/promise.h"

namespace shrimp::logistics {
namespace {

// 2026-11-16 08:00 UTC, a Monday.
constexpr int64_t kMonday = 29'913'120 + 8 * 60;

struct Fixture {
  std::shared_ptr<const Network> network = std::make_shared<const Network>(DemoNetwork());
  Timetable timetable{network};
  Router router{timetable};
  std::unique_ptr<PromiseTable> table = PromiseTable::Build(router, WeekOf(kMonday));
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

// Promises per second: city pair, service, carrier and hand-over time vary.
void BM_PromiseLookup(benchmark::State& state) {
  Fixture& fixture = Shared();
  int cities = static_cast<int>(fixture.network->cities.size());
  int carriers = static_cast<int>(fixture.network->carriers.size());
  std::mt19937 random(7);
  constexpr int kQueries = 4096;
  struct Query {
    int carrier, from, to;
    Service service;
    int64_t ready_at;
  };
  std::vector<Query> queries;
  for (int index = 0; index < kQueries; ++index) {
    queries.push_back(Query{static_cast<int>(random() % carriers),
                            static_cast<int>(random() % cities),
                            static_cast<int>(random() % cities), static_cast<Service>(random() % 2),
                            WeekStart(WeekOf(kMonday)) + static_cast<int64_t>(random() % 10000)});
  }
  int64_t found = 0;
  size_t next = 0;
  for (auto _ : state) {
    const Query& query = queries[next++ & (kQueries - 1)];
    auto promised =
        fixture.table->Lookup(query.carrier, query.service, query.from, query.to, query.ready_at);
    found += promised.has_value();
    benchmark::DoNotOptimize(promised);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["found_share"] = static_cast<double>(found) / state.iterations();
}
BENCHMARK(BM_PromiseLookup)->MinTime(1.0);

// Online route queries per second (one carrier and service each).
void BM_RouteQuery(benchmark::State& state) {
  Fixture& fixture = Shared();
  int cities = static_cast<int>(fixture.network->cities.size());
  std::mt19937 random(11);
  for (auto _ : state) {
    RouteQuery query;
    query.carrier = static_cast<int>(random() % fixture.network->carriers.size());
    query.service = static_cast<Service>(random() % 2);
    query.from_city = static_cast<int>(random() % cities);
    query.to_city = static_cast<int>(random() % cities);
    query.ready_at = kMonday + static_cast<int64_t>(random() % 10000);
    auto route = fixture.router.EarliestArrival(query);
    benchmark::DoNotOptimize(route);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RouteQuery)->MinTime(1.0);

// Building one week's promise table for the whole demo network.
void BM_PromiseTableBuild(benchmark::State& state) {
  Fixture& fixture = Shared();
  for (auto _ : state) {
    auto table = PromiseTable::Build(fixture.router, WeekOf(kMonday) + 1);
    benchmark::DoNotOptimize(table);
  }
}
BENCHMARK(BM_PromiseTableBuild)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace shrimp::logistics
