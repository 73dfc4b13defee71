#include "logistics/router.h"

#include <algorithm>
#include <climits>

namespace shrimp::logistics {
namespace {

constexpr int64_t kNever = INT64_MAX;
// A pickup or a delivery day comes within a week, or never.
constexpr int kDaysSearchedMax = 8;

// How a hub's ready time was reached, to rebuild the route.
struct Label {
  int64_t ready = kNever;
  int64_t arrival = kNever;  // before sorting
  enum class Via { kNone, kStart, kFirstMile, kConnection } via = Via::kNone;
  int first_mile = -1;
  Connection connection;
};

// Runs the scan from labels already set; stops once no departure can beat
// `*bound` (when given), which the caller lowers as targets improve.
template <class OnImproved>
void ScanConnections(Timetable& timetable, const Network& network, int carrier, Service service,
                     int64_t start, int64_t horizon_end, std::vector<Label>& labels,
                     const int64_t* bound, OnImproved&& on_improved) {
  for (int64_t week = WeekOf(start); WeekStart(week) < horizon_end; ++week) {
    auto connections = timetable.Week(carrier, service, week);
    auto first = std::lower_bound(connections->begin(), connections->end(), start,
                                  [](const Connection& connection, int64_t time) {
                                    return connection.departure < time;
                                  });
    for (auto it = first; it != connections->end(); ++it) {
      const Connection& connection = *it;
      if (connection.departure >= horizon_end) return;
      if (bound != nullptr && connection.departure >= *bound) return;
      if (labels[connection.from_hub].ready > connection.latest_ready) continue;
      int64_t ready = connection.arrival + network.hubs[connection.to_hub].transfer_minutes;
      Label& label = labels[connection.to_hub];
      if (ready >= label.ready) continue;
      label.ready = ready;
      label.arrival = connection.arrival;
      label.via = Label::Via::kConnection;
      label.connection = connection;
      on_improved(connection.to_hub);
    }
  }
}

// Sets the start labels; returns the earliest of them (kNever if none).
int64_t StartLabels(const Network& network, int carrier, int from_city, int from_hub,
                    int64_t ready_at, std::vector<Label>& labels) {
  int64_t earliest = kNever;
  if (from_hub >= 0) {
    Label& label = labels[from_hub];
    label.arrival = ready_at;
    label.ready = ready_at + network.hubs[from_hub].transfer_minutes;
    label.via = Label::Via::kStart;
    return label.ready;
  }
  for (size_t index = 0; index < network.first_miles.size(); ++index) {
    const FirstMile& mile = network.first_miles[index];
    if (mile.carrier != carrier || mile.city != from_city) continue;
    int64_t arrival = FirstMileArrival(network, mile, ready_at);
    if (arrival == kNever) continue;
    int64_t ready = arrival + network.hubs[mile.hub].transfer_minutes;
    Label& label = labels[mile.hub];
    if (ready < label.ready) {
      label.ready = ready;
      label.arrival = arrival;
      label.via = Label::Via::kFirstMile;
      label.first_mile = static_cast<int>(index);
    }
    earliest = std::min(earliest, ready);
  }
  return earliest;
}

}  // namespace

int64_t FirstMileArrival(const Network& network, const FirstMile& mile, int64_t ready_at) {
  const TimeZone& zone = network.cities[mile.city].time_zone;
  int64_t day = FloorDiv(zone.ToLocal(ready_at), kMinutesPerDay);
  for (int offset = 0; offset < kDaysSearchedMax; ++offset, ++day) {
    if (!RunsOn(mile.days, IsoWeekday(day))) continue;
    int64_t pickup = zone.ToUtc(day * kMinutesPerDay + mile.pickup_minute);
    if (pickup >= ready_at) return pickup + mile.duration_minutes;
  }
  return kNever;
}

int64_t LastMileDelivery(const Network& network, const LastMile& mile, int64_t ready_at) {
  if (ready_at == kNever) return kNever;
  const TimeZone& zone = network.cities[mile.city].time_zone;
  int64_t out = ready_at + mile.duration_minutes;
  int64_t local = zone.ToLocal(out);
  int64_t day = FloorDiv(local, kMinutesPerDay);
  int64_t minute = local - day * kMinutesPerDay;
  for (int offset = 0; offset < kDaysSearchedMax; ++offset, ++day, minute = 0) {
    if (!RunsOn(mile.days, IsoWeekday(day)) || minute > mile.window_end_minute) continue;
    int64_t delivered =
        zone.ToUtc(day * kMinutesPerDay + std::max<int64_t>(minute, mile.window_start_minute));
    // A wall-clock time in a skipped hour maps forward; never before `out`.
    return std::max(delivered, out);
  }
  return kNever;
}

std::optional<Route> Router::EarliestArrival(const RouteQuery& query) const {
  const Network& net = network();
  // A carrier sells a service only where it runs legs of it: no promise of
  // "express" from a first and a last mile alone.
  if (!net.Offers(query.carrier, query.service)) return std::nullopt;
  std::vector<Label> labels(net.hubs.size());
  int64_t start =
      StartLabels(net, query.carrier, query.from_city, query.from_hub, query.ready_at, labels);
  if (start == kNever) return std::nullopt;
  // The last miles into the destination, and the best delivery so far.
  std::vector<int> into;
  for (size_t index = 0; index < net.last_miles.size(); ++index) {
    const LastMile& mile = net.last_miles[index];
    if (mile.carrier == query.carrier && mile.city == query.to_city) {
      into.push_back(static_cast<int>(index));
    }
  }
  if (into.empty()) return std::nullopt;
  int64_t best = kNever;
  int best_mile = -1;
  auto consider = [&](int hub) {
    for (int index : into) {
      const LastMile& mile = net.last_miles[index];
      if (mile.hub != hub) continue;
      int64_t delivered = LastMileDelivery(net, mile, labels[hub].ready);
      if (delivered < best) {
        best = delivered;
        best_mile = index;
      }
    }
  };
  for (size_t hub = 0; hub < labels.size(); ++hub) {
    if (labels[hub].ready != kNever) consider(static_cast<int>(hub));
  }
  int64_t horizon_end = query.ready_at + query.horizon_minutes;
  ScanConnections(timetable_, net, query.carrier, query.service, start, horizon_end, labels, &best,
                  consider);
  if (best == kNever || best > horizon_end) return std::nullopt;

  Route route;
  route.carrier = query.carrier;
  route.service = query.service;
  route.from_city = query.from_hub >= 0 ? -1 : query.from_city;
  route.to_city = query.to_city;
  route.ready_at = query.ready_at;
  route.delivered_at = best;
  const LastMile& last = net.last_miles[best_mile];
  route.steps.push_back(
      RouteStep{RouteStep::Kind::kLastMile, last.hub, -1, -1, labels[last.hub].ready, best});
  for (int hub = last.hub;;) {
    const Label& label = labels[hub];
    if (label.via == Label::Via::kConnection) {
      const Connection& connection = label.connection;
      route.steps.push_back(RouteStep{RouteStep::Kind::kLinehaul, connection.from_hub,
                                      connection.to_hub, connection.leg, connection.departure,
                                      connection.arrival});
      hub = connection.from_hub;
    } else {
      if (label.via == Label::Via::kFirstMile) {
        const FirstMile& mile = net.first_miles[label.first_mile];
        route.steps.push_back(RouteStep{RouteStep::Kind::kFirstMile, -1, hub, -1,
                                        label.arrival - mile.duration_minutes, label.arrival});
      }
      break;
    }
  }
  std::reverse(route.steps.begin(), route.steps.end());
  return route;
}

std::vector<int64_t> Router::EarliestToAll(int carrier, Service service, int from_city,
                                           int64_t ready_at, int64_t horizon_minutes) const {
  const Network& net = network();
  std::vector<int64_t> delivered(net.cities.size(), kNoRoute);
  if (!net.Offers(carrier, service)) return delivered;
  std::vector<Label> labels(net.hubs.size());
  int64_t start = StartLabels(net, carrier, from_city, -1, ready_at, labels);
  if (start == kNever) return delivered;
  int64_t horizon_end = ready_at + horizon_minutes;
  ScanConnections(timetable_, net, carrier, service, start, horizon_end, labels, nullptr,
                  [](int) {});
  for (const LastMile& mile : net.last_miles) {
    if (mile.carrier != carrier) continue;
    int64_t at = LastMileDelivery(net, mile, labels[mile.hub].ready);
    if (at <= horizon_end) delivered[mile.city] = std::min(delivered[mile.city], at);
  }
  return delivered;
}

}  // namespace shrimp::logistics
