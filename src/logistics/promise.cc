#include "logistics/promise.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace shrimp::logistics {
namespace {

// How often the builder looks whether a new week needs its table.
constexpr int64_t kBuilderCheckMs = 60'000;

}  // namespace

std::unique_ptr<PromiseTable> PromiseTable::Build(const Router& router, int64_t week) {
  const Network& network = router.network();
  std::unique_ptr<PromiseTable> table(new PromiseTable());
  table->week_ = week;
  table->carriers_ = static_cast<int>(network.carriers.size());
  table->cities_ = network.cities.size();
  table->transit_.assign(static_cast<size_t>(table->carriers_) * kServiceCount * table->cities_ *
                             kSlotsPerWeek * table->cities_,
                         kNoPromise);
  int64_t week_start = WeekStart(week);
  for (int carrier = 0; carrier < table->carriers_; ++carrier) {
    for (int service_index = 0; service_index < kServiceCount; ++service_index) {
      Service service = static_cast<Service>(service_index);
      if (!network.Offers(carrier, service)) continue;
      int pair = carrier * kServiceCount + service_index;
      for (size_t from = 0; from < table->cities_; ++from) {
        // The first-mile hub arrivals of the previous slot, and its result.
        std::vector<int64_t> previous_arrivals;
        std::vector<int64_t> previous_delivered;
        for (int64_t slot = 0; slot < kSlotsPerWeek; ++slot) {
          int64_t ready_at = week_start + slot * kSlotMinutes;
          std::vector<int64_t> arrivals;
          for (const FirstMile& mile : network.first_miles) {
            if (mile.carrier == carrier && mile.city == static_cast<int>(from)) {
              arrivals.push_back(FirstMileArrival(network, mile, ready_at));
            }
          }
          if (arrivals.empty()) break;
          // The same arrivals give the same deliveries, except that the
          // horizon counts from ready_at: recompute when one could cross it.
          bool same = arrivals == previous_arrivals && !previous_delivered.empty();
          if (!same) {
            previous_delivered = router.EarliestToAll(carrier, service, static_cast<int>(from),
                                                      ready_at, kJourneyMinutesMax);
            previous_arrivals = arrivals;
            table->scans_ += 1;
          }
          for (size_t to = 0; to < table->cities_; ++to) {
            int64_t delivered = previous_delivered[to];
            if (delivered == Router::kNoRoute) continue;
            int64_t transit = delivered - ready_at;
            if (transit < 0 || transit > kJourneyMinutesMax || transit >= kNoPromise) continue;
            table
                ->transit_[table->Index(pair, static_cast<int>(from), slot, static_cast<int>(to))] =
                static_cast<uint16_t>(transit);
          }
        }
      }
    }
  }
  return table;
}

bool PromiseTable::Covers(int64_t ready_at) const {
  int64_t slot = FloorDiv(ready_at - WeekStart(week_) + kSlotMinutes - 1, kSlotMinutes);
  return slot >= 0 && slot < kSlotsPerWeek;
}

std::optional<int64_t> PromiseTable::Lookup(int carrier, Service service, int from_city,
                                            int to_city, int64_t ready_at) const {
  int64_t slot_start_offset = ready_at - WeekStart(week_) + kSlotMinutes - 1;
  int64_t slot = FloorDiv(slot_start_offset, kSlotMinutes);
  if (slot < 0 || slot >= kSlotsPerWeek || carrier < 0 || carrier >= carriers_) {
    return std::nullopt;
  }
  int pair = carrier * kServiceCount + static_cast<int>(service);
  uint16_t transit = transit_[Index(pair, from_city, slot, to_city)];
  if (transit == kNoPromise) return std::nullopt;
  return WeekStart(week_) + slot * kSlotMinutes + transit;
}

PromiseService::PromiseService(std::shared_ptr<const Network> network, const Clock& clock,
                               bool build_profiles)
    : network_(std::move(network)), clock_(clock), timetable_(network_), router_(timetable_) {
  if (build_profiles) builder_ = std::thread([this] { Loop(); });
}

PromiseService::~PromiseService() {
  {
    std::lock_guard lock(wake_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (builder_.joinable()) builder_.join();
}

void PromiseService::Loop() {
  std::unique_lock lock(wake_mutex_);
  while (!stopping_) {
    lock.unlock();
    BuildNow();
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(kBuilderCheckMs), [this] { return stopping_; });
  }
}

void PromiseService::BuildNow() {
  int64_t now = clock_.NowMs() / 60'000;
  for (int64_t week : {WeekOf(now), WeekOf(now) + 1}) {
    {
      std::lock_guard lock(tables_mutex_);
      const auto& current = tables_[week & 1];
      if (current && current->week() == week) continue;
    }
    auto started = std::chrono::steady_clock::now();
    std::shared_ptr<const PromiseTable> built = PromiseTable::Build(router_, week);
    auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
    spdlog::info("delivery promises for week {} built: {} scans, {} MiB, {} ms", week,
                 built->scans(), built->bytes() >> 20, elapsed_ms);
    std::lock_guard lock(tables_mutex_);
    tables_[week & 1] = std::move(built);
  }
}

bool PromiseService::HasProfileFor(int64_t ready_at) const {
  std::lock_guard lock(tables_mutex_);
  for (const auto& table : tables_) {
    if (table && table->Covers(ready_at)) return true;
  }
  return false;
}

std::optional<Promise> PromiseService::Best(int from_city, int to_city, int64_t ready_at,
                                            Service service, int carrier) const {
  std::shared_ptr<const PromiseTable> table;
  {
    std::lock_guard lock(tables_mutex_);
    for (const auto& candidate : tables_) {
      if (candidate && candidate->Covers(ready_at)) table = candidate;
    }
  }
  std::optional<Promise> best;
  int carriers = static_cast<int>(network_->carriers.size());
  for (int index = 0; index < carriers; ++index) {
    if ((carrier >= 0 && index != carrier) || !network_->Offers(index, service)) continue;
    std::optional<int64_t> delivered;
    if (table) {
      delivered = table->Lookup(index, service, from_city, to_city, ready_at);
    } else {
      auto route = router_.EarliestArrival(
          RouteQuery{index, service, to_city, ready_at, from_city, -1, kJourneyMinutesMax});
      if (route) delivered = route->delivered_at;
    }
    if (delivered && (!best || *delivered < best->delivered_at)) {
      best = Promise{index, service, *delivered, table != nullptr};
    }
  }
  return best;
}

std::optional<Route> PromiseService::BestRoute(int from_city, int to_city, int64_t ready_at,
                                               Service service, int carrier) const {
  std::optional<Route> best;
  int carriers = static_cast<int>(network_->carriers.size());
  for (int index = 0; index < carriers; ++index) {
    if ((carrier >= 0 && index != carrier) || !network_->Offers(index, service)) continue;
    auto route = router_.EarliestArrival(
        RouteQuery{index, service, to_city, ready_at, from_city, -1, kJourneyMinutesMax});
    if (route && (!best || route->delivered_at < best->delivered_at)) best = std::move(route);
  }
  return best;
}

}  // namespace shrimp::logistics
