#include "logistics/demo_network.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "catalog/demo.h"
#include "logistics/promise.h"

namespace shrimp::logistics {
namespace {

int64_t Utc(const char* iso) { return *ParseIsoMinutes(iso); }

TEST(DemoNetwork, CoversChinaEuropeAndSouthEastAsiaAndEveryDemoShopCity) {
  Network network = DemoNetwork();
  EXPECT_GE(network.cities.size(), 125u);
  std::set<std::string> countries;
  for (const City& city : network.cities) countries.insert(city.country);
  for (const char* country :
       {"CN", "FR", "DE", "GB", "MY", "SG", "TH", "VN", "ID", "PH", "RU", "AE", "JP", "KR", "US"}) {
    EXPECT_TRUE(countries.contains(country)) << country;
  }
  for (std::string_view city : catalog::DemoShopCityNames()) {
    EXPECT_TRUE(network.FindCity(city).has_value()) << city;
  }
  for (const char* gateway : {"HGH", "HKG", "KUL", "LGG", "DXB", "SVO"}) {
    EXPECT_TRUE(network.FindHub(gateway).has_value()) << gateway;
  }
  EXPECT_GE(network.carriers.size(), 3u);
  for (int carrier = 0; carrier < static_cast<int>(network.carriers.size()); ++carrier) {
    EXPECT_TRUE(network.Offers(carrier, Service::kExpress));
    EXPECT_TRUE(network.Offers(carrier, Service::kStandard));
  }
}

TEST(DemoNetwork, IsDeterministic) {
  Network first = DemoNetwork();
  Network second = DemoNetwork();
  ASSERT_EQ(first.legs.size(), second.legs.size());
  for (size_t index = 0; index < first.legs.size(); ++index) {
    EXPECT_EQ(first.legs[index].departure_minute, second.legs[index].departure_minute);
    EXPECT_EQ(first.legs[index].duration_minutes, second.legs[index].duration_minutes);
  }
}

TEST(DemoNetwork, EveryCityReachesEveryOtherWithBothServices) {
  auto network = std::make_shared<const Network>(DemoNetwork());
  Timetable timetable(network);
  Router router(timetable);
  int64_t ready_at = Utc("2026-11-16T08:00:00Z");  // a Monday morning
  int64_t domestic_within_day = 0, domestic = 0;
  for (Service service : {Service::kExpress, Service::kStandard}) {
    for (size_t from = 0; from < network->cities.size(); ++from) {
      auto delivered =
          router.EarliestToAll(0, service, static_cast<int>(from), ready_at, kJourneyMinutesMax);
      for (size_t to = 0; to < network->cities.size(); ++to) {
        ASSERT_NE(delivered[to], Router::kNoRoute)
            << network->cities[from].id << " -> " << network->cities[to].id << " "
            << ServiceName(service);
        if (service == Service::kExpress && from != to &&
            network->cities[from].country == network->cities[to].country) {
          domestic += 1;
          if (delivered[to] - ready_at <= 36 * 60) domestic_within_day += 1;
        }
      }
    }
  }
  // Most domestic express parcels handed over on a Monday morning arrive
  // within a day and a half (the share is printed; `shrimp logistics
  // simulate` measures it over a whole week).
  std::printf("domestic express within 36 h of Monday 08:00 UTC: %.1f%% of %lld pairs\n",
              100.0 * domestic_within_day / domestic, static_cast<long long>(domestic));
  EXPECT_GT(domestic_within_day * 10, domestic * 6);
}

}  // namespace
}  // namespace shrimp::logistics
