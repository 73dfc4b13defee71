// Timetable: the weekly local timetables of a Network turned into concrete
// departures ("connections") in UTC, one ISO week (Monday 00:00 UTC) at a
// time, per carrier and service, sorted by departure — the input of the
// Connection Scan Algorithm (logistics/router.h).
//
// Local times go through each hub city's TimeZone, so a 22:00 truck leaves
// at 22:00 on the wall clock on both sides of a daylight-saving change (and
// on a spring-forward day a departure inside the skipped hour leaves when
// the clocks jump; on the autumn day, once).
//
// Weeks are expanded on first use and cached (bounded by kCachedWeeksMax;
// past it the cache starts over). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <vector>

#include "logistics/network.h"

namespace shrimp::logistics {

struct Connection {
  int64_t departure = 0;     // UTC minutes
  int64_t arrival = 0;       // UTC minutes
  int64_t latest_ready = 0;  // departure minus the leg's cut-off
  int from_hub = 0;
  int to_hub = 0;
  int leg = 0;  // index into Network::legs
};

using Connections = std::vector<Connection>;

// Monday 1970-01-05 00:00 UTC, the start of week 0.
inline constexpr int64_t kWeekZeroMinutes = 4 * kMinutesPerDay;
inline int64_t WeekOf(int64_t utc_minutes) {
  return FloorDiv(utc_minutes - kWeekZeroMinutes, kMinutesPerWeek);
}
inline int64_t WeekStart(int64_t week) { return kWeekZeroMinutes + week * kMinutesPerWeek; }

inline constexpr size_t kCachedWeeksMax = 256;

class Timetable {
 public:
  explicit Timetable(std::shared_ptr<const Network> network) : network_(std::move(network)) {}

  // The connections of `carrier`'s `service` departing in `week`, by departure.
  std::shared_ptr<const Connections> Week(int carrier, Service service, int64_t week);

  const Network& network() const { return *network_; }

 private:
  std::shared_ptr<const Network> network_;
  std::mutex mutex_;
  std::map<std::tuple<int, int, int64_t>, std::shared_ptr<const Connections>> weeks_;
};

// Expands one week without caching (the Timetable's work; tests call it).
Connections ExpandWeek(const Network& network, int carrier, Service service, int64_t week);

}  // namespace shrimp::logistics
