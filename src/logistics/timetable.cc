#include "logistics/timetable.h"

#include <algorithm>

namespace shrimp::logistics {

Connections ExpandWeek(const Network& network, int carrier, Service service, int64_t week) {
  Connections connections;
  int64_t week_start = WeekStart(week);
  int64_t week_end = week_start + kMinutesPerWeek;
  for (size_t index = 0; index < network.legs.size(); ++index) {
    const Leg& leg = network.legs[index];
    if (leg.carrier != carrier || leg.service != service) continue;
    const TimeZone& zone = network.cities[network.hubs[leg.from_hub].city].time_zone;
    // Every local day that can hold a departure inside the UTC week.
    int64_t first_day = FloorDiv(zone.ToLocal(week_start), kMinutesPerDay) - 1;
    int64_t last_day = FloorDiv(zone.ToLocal(week_end), kMinutesPerDay) + 1;
    for (int64_t day = first_day; day <= last_day; ++day) {
      if (!RunsOn(leg.days, IsoWeekday(day))) continue;
      int64_t departure = zone.ToUtc(day * kMinutesPerDay + leg.departure_minute);
      if (departure < week_start || departure >= week_end) continue;
      connections.push_back(Connection{departure, departure + leg.duration_minutes,
                                       departure - leg.cutoff_minutes, leg.from_hub, leg.to_hub,
                                       static_cast<int>(index)});
    }
  }
  std::sort(connections.begin(), connections.end(), [](const Connection& a, const Connection& b) {
    return std::tie(a.departure, a.leg) < std::tie(b.departure, b.leg);
  });
  return connections;
}

std::shared_ptr<const Connections> Timetable::Week(int carrier, Service service, int64_t week) {
  auto key = std::make_tuple(carrier, static_cast<int>(service), week);
  {
    std::lock_guard lock(mutex_);
    auto found = weeks_.find(key);
    if (found != weeks_.end()) return found->second;
  }
  // Expanded outside the lock; two threads may both expand a week, and the
  // first to store it wins. Both results are the same.
  auto expanded =
      std::make_shared<const Connections>(ExpandWeek(*network_, carrier, service, week));
  std::lock_guard lock(mutex_);
  if (weeks_.size() >= kCachedWeeksMax) weeks_.clear();
  auto [stored, inserted] = weeks_.emplace(key, std::move(expanded));
  return stored->second;
}

}  // namespace shrimp::logistics
