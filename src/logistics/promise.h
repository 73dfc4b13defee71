// Promises: "arrives by" answered from precomputed earliest-arrival
// profiles, cheap enough for every product page and every checkout.
//
// A PromiseTable covers one UTC week. For every carrier and service, every
// origin city and every departure slot of the week (kSlotMinutes each) it
// holds the earliest delivery to every city for a parcel handed over at the
// slot's start. A parcel ready at time t is promised the delivery of the
// first slot starting at or after t: the router is monotone (a later start
// never arrives earlier), so the promise is never earlier than the route the
// online search finds for t itself — a promise the network can keep.
//
// Building: slots whose first-mile arrivals at every hub are the same (all
// the slots between two pickups) share one scan, so a week costs one
// Connection Scan per pickup, not per slot.
//
// PromiseService keeps the tables of the current and the next week, built
// on a background thread and swapped in atomically; a promise whose week has
// no table (not built yet, or far in the future) is answered by the online
// search instead, with the same answer up to the slot rounding.
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "logistics/router.h"

namespace shrimp::logistics {

inline constexpr int64_t kSlotMinutes = 60;
inline constexpr int64_t kSlotsPerWeek = kMinutesPerWeek / kSlotMinutes;
// Transit minutes stored per entry; kNoPromise where no route (or longer).
inline constexpr uint16_t kNoPromise = UINT16_MAX;

class PromiseTable {
 public:
  // REQUIRES: the router's network outlives the table.
  static std::unique_ptr<PromiseTable> Build(const Router& router, int64_t week);

  int64_t week() const { return week_; }
  // The promised delivery (UTC minutes) for a parcel ready at `ready_at`,
  // nullopt when no route; ready_at must lie in the table's week with its
  // slot's start inside it (else nullopt too: use the online search).
  // Lock-free and allocation-free: this is the hot path.
  std::optional<int64_t> Lookup(int carrier, Service service, int from_city, int to_city,
                                int64_t ready_at) const;
  // Whether Lookup can answer for `ready_at`.
  bool Covers(int64_t ready_at) const;

  size_t bytes() const { return transit_.size() * sizeof(uint16_t); }
  int64_t scans() const { return scans_; }

 private:
  PromiseTable() = default;
  size_t Index(int pair, int from_city, int64_t slot, int to_city) const {
    return ((static_cast<size_t>(pair) * cities_ + from_city) * kSlotsPerWeek + slot) * cities_ +
           to_city;
  }
  int64_t week_ = 0;
  int carriers_ = 0;
  size_t cities_ = 0;
  int64_t scans_ = 0;
  std::vector<uint16_t> transit_;  // minutes from the slot's start
};

struct Promise {
  int carrier = 0;
  Service service = Service::kStandard;
  int64_t delivered_at = 0;  // UTC minutes
  bool from_profile = false;
};

class PromiseService {
 public:
  // `build_profiles` false: every promise uses the online search (tests
  // that start many servers skip the background work).
  PromiseService(std::shared_ptr<const Network> network, const Clock& clock, bool build_profiles);
  ~PromiseService();

  // The best promise over carriers offering `service` (or only `carrier`
  // when >= 0), nullopt when none reaches `to_city`.
  std::optional<Promise> Best(int from_city, int to_city, int64_t ready_at, Service service,
                              int carrier = -1) const;
  // The route itself (the online search), for shipments and for checking.
  std::optional<Route> BestRoute(int from_city, int to_city, int64_t ready_at, Service service,
                                 int carrier = -1) const;

  // Builds the tables for the weeks of now and now + 1 week if missing;
  // returns when done. The background thread calls it; tests may too.
  void BuildNow();
  // Whether a table covers `ready_at` (tests, benchmarks).
  bool HasProfileFor(int64_t ready_at) const;

  const Network& network() const { return *network_; }
  const Router& router() const { return router_; }

 private:
  void Loop();

  std::shared_ptr<const Network> network_;
  const Clock& clock_;
  mutable Timetable timetable_;
  Router router_;
  // Two tables: [week % 2]. Readers load, the builder stores.
  std::shared_ptr<const PromiseTable> tables_[2];
  mutable std::mutex tables_mutex_;  // guards tables_ pointer copies
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread builder_;
};

}  // namespace shrimp::logistics
