// The router against a brute-force search over every journey, on seeded
// random small networks (replay one with its seed), plus monotonicity, the
// promise tables against the router, and daylight-saving days.
#include "logistics/router.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <set>

#include "logistics/promise.h"

namespace shrimp::logistics {
namespace {

constexpr int kRandomNetworks = 1000;
constexpr int kQueriesPerNetwork = 6;
constexpr int64_t kTestHorizonMinutes = 5 * kMinutesPerDay;

int64_t Utc(const char* iso) { return *ParseIsoMinutes(iso); }

// Zones with daylight saving on different dates (and a half-hour one), and without.
const char* const kZones[] = {"Europe/Paris", "America/New_York",    "Asia/Shanghai",
                              "UTC",          "Australia/Lord_Howe", "Europe/London"};

Network RandomNetwork(uint64_t seed) {
  std::mt19937_64 random(seed);
  auto pick = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  Network network;
  int cities = pick(2, 4);
  for (int index = 0; index < cities; ++index) {
    City city;
    city.id = "c" + std::to_string(index);
    city.name_en = "City " + std::to_string(index);
    city.country = "FR";
    city.time_zone = *TimeZone::Find(kZones[pick(0, 5)]);
    network.cities.push_back(city);
  }
  int hubs = pick(2, 5);
  for (int index = 0; index < hubs; ++index) {
    network.hubs.push_back(
        Hub{"h" + std::to_string(index), "Hub", pick(0, cities - 1), pick(0, 3) * 30});
  }
  int carriers = pick(1, 2);
  for (int index = 0; index < carriers; ++index) {
    network.carriers.push_back(Carrier{"k" + std::to_string(index), "Carrier"});
  }
  auto days = [&] { return static_cast<DayMask>(pick(1, 127)); };
  int legs = pick(2, 9);
  for (int index = 0; index < legs; ++index) {
    int from = pick(0, hubs - 1);
    int to = (from + pick(1, hubs - 1)) % hubs;
    network.legs.push_back(Leg{pick(0, carriers - 1), static_cast<Service>(pick(0, 1)), from, to,
                               pick(0, 95) * 15, days(), pick(1, 48) * 30, pick(0, 4) * 30});
  }
  int first_miles = pick(1, 5);
  for (int index = 0; index < first_miles; ++index) {
    network.first_miles.push_back(FirstMile{pick(0, carriers - 1), pick(0, cities - 1),
                                            pick(0, hubs - 1), pick(0, 95) * 15, days(),
                                            pick(0, 8) * 30});
  }
  int last_miles = pick(1, 6);
  for (int index = 0; index < last_miles; ++index) {
    int start = pick(0, 23 * 60);
    network.last_miles.push_back(LastMile{pick(0, carriers - 1), pick(0, hubs - 1),
                                          pick(0, cities - 1), pick(0, 8) * 30, start,
                                          pick(start, kMinutesPerDay - 1), days()});
  }
  network.Index();
  return network;
}

// Every journey, explored exhaustively over the expanded connections: no
// ordering argument, only the rules (cut-offs, transfers, windows).
int64_t BruteForce(const Network& network, const RouteQuery& query) {
  if (!network.Offers(query.carrier, query.service)) return INT64_MAX;
  int64_t horizon_end = query.ready_at + query.horizon_minutes;
  Connections all;
  for (int64_t week = WeekOf(query.ready_at) - 1; WeekStart(week) < horizon_end; ++week) {
    Connections more = ExpandWeek(network, query.carrier, query.service, week);
    all.insert(all.end(), more.begin(), more.end());
  }
  int64_t best = INT64_MAX;
  std::set<std::pair<int, int64_t>> seen;
  std::function<void(int, int64_t)> visit = [&](int hub, int64_t ready) {
    if (!seen.insert({hub, ready}).second) return;
    for (const LastMile& mile : network.last_miles) {
      if (mile.carrier != query.carrier || mile.hub != hub || mile.city != query.to_city) continue;
      int64_t delivered = LastMileDelivery(network, mile, ready);
      if (delivered <= horizon_end) best = std::min(best, delivered);
    }
    for (const Connection& connection : all) {
      if (connection.from_hub != hub || connection.latest_ready < ready ||
          connection.departure >= horizon_end) {
        continue;
      }
      visit(connection.to_hub,
            connection.arrival + network.hubs[connection.to_hub].transfer_minutes);
    }
  };
  if (query.from_hub >= 0) {
    visit(query.from_hub, query.ready_at + network.hubs[query.from_hub].transfer_minutes);
  } else {
    for (const FirstMile& mile : network.first_miles) {
      if (mile.carrier != query.carrier || mile.city != query.from_city) continue;
      int64_t arrival = FirstMileArrival(network, mile, query.ready_at);
      if (arrival != INT64_MAX) visit(mile.hub, arrival + network.hubs[mile.hub].transfer_minutes);
    }
  }
  return best;
}

// Ready times around the 2026 daylight-saving changes and in between.
int64_t RandomReadyAt(std::mt19937_64& random) {
  static const int64_t kAnchors[] = {Utc("2026-03-08T00:00:00Z"), Utc("2026-03-27T00:00:00Z"),
                                     Utc("2026-04-03T00:00:00Z"), Utc("2026-10-23T00:00:00Z"),
                                     Utc("2026-10-31T00:00:00Z"), Utc("2026-07-01T00:00:00Z")};
  int64_t anchor = kAnchors[random() % 6];
  return anchor + static_cast<int64_t>(random() % (4 * kMinutesPerDay));
}

TEST(Router, AgreesWithBruteForceOnRandomNetworks) {
  int routes_found = 0;
  for (uint64_t seed = 1; seed <= kRandomNetworks; ++seed) {
    SCOPED_TRACE("replay with RandomNetwork(" + std::to_string(seed) + ")");
    auto network = std::make_shared<const Network>(RandomNetwork(seed));
    Timetable timetable(network);
    Router router(timetable);
    std::mt19937_64 random(seed * 7919);
    for (int index = 0; index < kQueriesPerNetwork; ++index) {
      RouteQuery query;
      query.carrier = static_cast<int>(random() % network->carriers.size());
      query.service = static_cast<Service>(random() % 2);
      query.to_city = static_cast<int>(random() % network->cities.size());
      query.ready_at = RandomReadyAt(random);
      query.horizon_minutes = kTestHorizonMinutes;
      if (random() % 4 == 0) {
        query.from_hub = static_cast<int>(random() % network->hubs.size());
      } else {
        query.from_city = static_cast<int>(random() % network->cities.size());
      }
      int64_t expected = BruteForce(*network, query);
      auto route = router.EarliestArrival(query);
      if (expected == INT64_MAX) {
        EXPECT_FALSE(route.has_value()) << "router found a route brute force did not";
        continue;
      }
      ASSERT_TRUE(route.has_value()) << "router found no route; brute force did";
      EXPECT_EQ(route->delivered_at, expected);
      routes_found += 1;
      // The route is a real journey: steps in time order, each after the last.
      int64_t previous = query.ready_at;
      for (const RouteStep& step : route->steps) {
        EXPECT_GE(step.departs, previous);
        EXPECT_GE(step.arrives, step.departs);
        previous = step.arrives;
      }
      EXPECT_EQ(route->steps.back().arrives, route->delivered_at);
      // A later start never arrives earlier.
      RouteQuery later = query;
      later.ready_at += static_cast<int64_t>(random() % (2 * kMinutesPerDay));
      later.horizon_minutes =
          query.horizon_minutes + (query.ready_at - later.ready_at) + kTestHorizonMinutes;
      auto later_route = router.EarliestArrival(later);
      if (later_route) {
        EXPECT_GE(later_route->delivered_at, route->delivered_at);
      }
    }
  }
  // The generator is not degenerate: many queries have routes.
  EXPECT_GT(routes_found, kRandomNetworks);
}

TEST(PromiseTable, NeverEarlierThanTheRouteAndExactAtSlotStarts) {
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE("replay with RandomNetwork(" + std::to_string(seed) + ")");
    auto network = std::make_shared<const Network>(RandomNetwork(seed));
    Timetable timetable(network);
    Router router(timetable);
    int64_t week = WeekOf(Utc("2026-10-22T00:00:00Z"));  // holds the EU autumn change
    auto table = PromiseTable::Build(router, week);
    std::mt19937_64 random(seed);
    for (int index = 0; index < 40; ++index) {
      int carrier = static_cast<int>(random() % network->carriers.size());
      Service service = static_cast<Service>(random() % 2);
      int from = static_cast<int>(random() % network->cities.size());
      int to = static_cast<int>(random() % network->cities.size());
      int64_t ready_at = WeekStart(week) + static_cast<int64_t>(random() % (kMinutesPerWeek - 60));
      auto promised = table->Lookup(carrier, service, from, to, ready_at);
      auto route = router.EarliestArrival(
          RouteQuery{carrier, service, to, ready_at, from, -1, kJourneyMinutesMax});
      if (promised) {
        ASSERT_TRUE(route.has_value());
        EXPECT_GE(*promised, route->delivered_at);
        int64_t slot_start =
            (FloorDiv(ready_at - WeekStart(week) + kSlotMinutes - 1, kSlotMinutes)) * kSlotMinutes +
            WeekStart(week);
        auto at_slot = router.EarliestArrival(
            RouteQuery{carrier, service, to, slot_start, from, -1, kJourneyMinutesMax});
        ASSERT_TRUE(at_slot.has_value());
        EXPECT_EQ(*promised, at_slot->delivered_at);
      } else if (route) {
        // Slots between two pickups share one scan, whose horizon counts
        // from the first of them: only a journey within a week of the
        // horizon's end may lack a promise.
        EXPECT_GT(route->transit_minutes(), kJourneyMinutesMax - kMinutesPerWeek - kMinutesPerDay);
      }
    }
  }
}

Network OneLegNetwork(const char* zone, int departure_minute) {
  Network network;
  City city;
  city.id = "paris";
  city.name_en = "Paris";
  city.country = "FR";
  city.time_zone = *TimeZone::Find(zone);
  network.cities = {city, city};
  network.cities[1].id = "lyon";
  network.cities[1].name_en = "Lyon";
  network.hubs = {Hub{"A", "A", 0, 0}, Hub{"B", "B", 1, 0}};
  network.carriers = {Carrier{"k", "K"}};
  network.legs = {Leg{0, Service::kExpress, 0, 1, departure_minute, kEveryDay, 60, 0}};
  network.first_miles = {FirstMile{0, 0, 0, 0, kEveryDay, 0}};
  network.last_miles = {LastMile{0, 1, 1, 0, 0, kMinutesPerDay - 1, kEveryDay}};
  network.Index();
  return network;
}

TEST(Router, DeparturesKeepTheirWallClockTimeAcrossDaylightSaving) {
  auto network = std::make_shared<const Network>(OneLegNetwork("Europe/Paris", 22 * 60));
  Timetable timetable(network);
  Router router(timetable);
  // 22:00 in Paris is 21:00 UTC in winter and 20:00 UTC in summer.
  auto winter = router.EarliestArrival(
      RouteQuery{0, Service::kExpress, 1, Utc("2026-03-28T12:00:00Z"), -1, 0});
  ASSERT_TRUE(winter.has_value());
  EXPECT_EQ(winter->steps[0].departs, Utc("2026-03-28T21:00:00Z"));
  auto summer = router.EarliestArrival(
      RouteQuery{0, Service::kExpress, 1, Utc("2026-03-29T12:00:00Z"), -1, 0});
  ASSERT_TRUE(summer.has_value());
  EXPECT_EQ(summer->steps[0].departs, Utc("2026-03-29T20:00:00Z"));
}

TEST(Router, ADepartureInTheSkippedHourLeavesWhenTheClocksJumpAndOnceInTheRepeatedHour) {
  auto network = std::make_shared<const Network>(OneLegNetwork("Europe/Paris", 2 * 60 + 30));
  Connections spring =
      ExpandWeek(*network, 0, Service::kExpress, WeekOf(Utc("2026-03-29T00:00:00Z")));
  // The week of Monday 23 March: 02:30 every day, and 03:00 (01:00 UTC) on Sunday the 29th.
  ASSERT_EQ(spring.size(), 7u);
  EXPECT_EQ(spring.back().departure, Utc("2026-03-29T01:00:00Z"));
  Connections autumn =
      ExpandWeek(*network, 0, Service::kExpress, WeekOf(Utc("2026-10-25T00:00:00Z")));
  ASSERT_EQ(autumn.size(), 7u);
  EXPECT_EQ(autumn.back().departure, Utc("2026-10-25T00:30:00Z"));
}

TEST(Router, CutOffsTransfersAndDeliveryWindows) {
  Network network = OneLegNetwork("UTC", 12 * 60);
  network.legs[0].cutoff_minutes = 60;
  network.hubs[1].transfer_minutes = 30;
  network.last_miles[0].duration_minutes = 60;
  network.last_miles[0].window_start_minute = 9 * 60;
  network.last_miles[0].window_end_minute = 13 * 60;
  network.Index();
  auto shared = std::make_shared<const Network>(network);
  Timetable timetable(shared);
  Router router(timetable);
  // Ready at the hub at 10:59 makes the 11:00 cut-off of the 12:00 leg.
  auto made = router.EarliestArrival(
      RouteQuery{0, Service::kExpress, 1, Utc("2026-06-01T10:59:00Z"), -1, 0});
  ASSERT_TRUE(made.has_value());
  // 12:00 + 60 flight + 30 sorting + 60 van = 14:30, after the 13:00 window: next day 09:00.
  EXPECT_EQ(made->delivered_at, Utc("2026-06-02T09:00:00Z"));
  // At 11:01 it misses the cut-off and takes the next day's leg.
  auto missed = router.EarliestArrival(
      RouteQuery{0, Service::kExpress, 1, Utc("2026-06-01T11:01:00Z"), -1, 0});
  ASSERT_TRUE(missed.has_value());
  EXPECT_EQ(missed->steps[0].departs, Utc("2026-06-02T12:00:00Z"));
  // No leg of the standard service: no route.
  EXPECT_FALSE(
      router
          .EarliestArrival(RouteQuery{0, Service::kStandard, 1, Utc("2026-06-01T10:00:00Z"), -1, 0})
          .has_value());
}

}  // namespace
}  // namespace shrimp::logistics
