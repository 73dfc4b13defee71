// Router: earliest arrival on the timetable with the Connection Scan
// Algorithm (Dibbelt, Pajor, Strasser, Wagner, "Connection Scan Algorithm",
// 2013/2017), one carrier and service at a time.
//
// The journey of a parcel:
//   first mile  the carrier collects at the shop's city at its pickup
//               cut-off on a pickup day, and it reaches the hub later;
//   hubs        after arriving, a parcel is sorted for the hub's transfer
//               minutes; it makes a departure if it is ready by the
//               departure's cut-off (departure - cutoff_minutes);
//   last mile   out of the last hub for duration_minutes, delivered inside
//               the city's local delivery window on a delivery day.
// Connections are scanned in departure order: a parcel ready at a hub can
// only take a connection departing after its arrival (durations >= 1 minute,
// cut-offs and transfers >= 0), so one pass finds every hub's earliest ready
// time. The result is monotone: a later start never arrives earlier.
//
// Thread-safe (the Timetable is); each query allocates its own labels.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "logistics/network.h"
#include "logistics/timetable.h"

namespace shrimp::logistics {

// Journeys longer than this are not offered.
inline constexpr int64_t kJourneyMinutesMax = 21 * kMinutesPerDay;

struct RouteStep {
  enum class Kind { kFirstMile, kLinehaul, kLastMile };
  Kind kind = Kind::kLinehaul;
  int from_hub = -1;    // -1 for the first mile (from the city)
  int to_hub = -1;      // -1 for the last mile (to the city)
  int leg = -1;         // Network::legs index, for a linehaul step
  int64_t departs = 0;  // UTC minutes
  int64_t arrives = 0;
};

struct Route {
  int carrier = 0;
  Service service = Service::kStandard;
  int from_city = -1;  // -1 when the route starts at a hub
  int to_city = 0;
  int64_t ready_at = 0;      // when the parcel was handed over (or was at the hub)
  int64_t delivered_at = 0;  // UTC minutes
  std::vector<RouteStep> steps;
  int64_t transit_minutes() const { return delivered_at - ready_at; }
};

struct RouteQuery {
  int carrier = 0;
  Service service = Service::kStandard;
  int to_city = 0;
  int64_t ready_at = 0;  // UTC minutes
  // Where the parcel starts: at a city (before the first mile) or already
  // at a hub (a shipment in transit), ready there at ready_at.
  int from_city = -1;
  int from_hub = -1;
  int64_t horizon_minutes = kJourneyMinutesMax;
};

class Router {
 public:
  explicit Router(Timetable& timetable) : timetable_(timetable) {}

  // The earliest delivery, or nullopt when none within the horizon or the
  // carrier runs no leg of the service (Network::Offers).
  // REQUIRES: indices in range; exactly one of from_city and from_hub set.
  std::optional<Route> EarliestArrival(const RouteQuery& query) const;

  // Earliest delivery to every city from one start, in UTC minutes
  // (kNoRoute where none): one scan for all destinations, for the profiles.
  static constexpr int64_t kNoRoute = INT64_MAX;
  std::vector<int64_t> EarliestToAll(int carrier, Service service, int from_city, int64_t ready_at,
                                     int64_t horizon_minutes) const;

  const Network& network() const { return timetable_.network(); }

 private:
  Timetable& timetable_;
};

// The hub arrival of a first mile for a parcel handed over at `ready_at`.
int64_t FirstMileArrival(const Network& network, const FirstMile& mile, int64_t ready_at);
// The delivery time of a last mile for a parcel ready at its hub at `ready_at`.
int64_t LastMileDelivery(const Network& network, const LastMile& mile, int64_t ready_at);

}  // namespace shrimp::logistics
