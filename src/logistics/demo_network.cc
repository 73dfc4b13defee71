#include "logistics/demo_network.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "core/assert.h"

namespace shrimp::logistics {
namespace {

struct DemoCity {
  std::string_view id, name_en, name_local, country;
  double latitude, longitude;
  std::string_view time_zone;
};

constexpr DemoCity kCities[] = {
#include "logistics/demo_cities.inc"
};

// Regions group countries a truck may cross between; parcels leave a
// region only through one of its gateways.
enum class Region { kChina, kEurope, kSouthEastAsia, kMiddleEast, kNorthEastAsia, kAmerica };

Region RegionOf(std::string_view country) {
  for (std::string_view china : {"CN", "HK", "MO", "TW"}) {
    if (country == china) return Region::kChina;
  }
  for (std::string_view asia : {"MY", "SG", "TH", "VN", "ID", "PH", "KH", "LA", "MM", "BN"}) {
    if (country == asia) return Region::kSouthEastAsia;
  }
  if (country == "AE") return Region::kMiddleEast;
  if (country == "JP" || country == "KR") return Region::kNorthEastAsia;
  if (country == "US") return Region::kAmerica;
  return Region::kEurope;
}

struct DemoHub {
  std::string_view id, city, name;
  bool gateway;
};

constexpr DemoHub kHubs[] = {
    {"HGH", "hangzhou", "Hangzhou cross-border hub", true},
    {"HKG", "hongkong", "Hong Kong cross-border hub", true},
    {"SHA", "shanghai", "Shanghai hub", false},
    {"PEK", "beijing", "Beijing hub", false},
    {"CAN", "guangzhou", "Guangzhou hub", false},
    {"CTU", "chengdu", "Chengdu hub", false},
    {"WUH", "wuhan", "Wuhan hub", false},
    {"XIY", "xian", "Xi'an hub", false},
    {"SHE", "shenyang", "Shenyang hub", false},
    {"KMG", "kunming", "Kunming hub", false},
    {"URC", "urumqi", "Urumqi hub", false},
    {"LGG", "liege", "Liège cross-border hub", true},
    {"SVO", "moscow", "Moscow cross-border hub", true},
    {"CDG", "paris", "Paris hub", false},
    {"LYS", "lyon", "Lyon hub", false},
    {"LHR", "london", "London hub", false},
    {"FRA", "frankfurt", "Frankfurt hub", false},
    {"BER", "berlin", "Berlin hub", false},
    {"MAD", "madrid", "Madrid hub", false},
    {"MXP", "milan", "Milan hub", false},
    {"WAW", "warsaw", "Warsaw hub", false},
    {"VIE", "vienna", "Vienna hub", false},
    {"ARN", "stockholm", "Stockholm hub", false},
    {"IST", "istanbul", "Istanbul hub", false},
    {"KUL", "kualalumpur", "Kuala Lumpur cross-border hub", true},
    {"SIN", "singapore", "Singapore hub", false},
    {"BKK", "bangkok", "Bangkok hub", false},
    {"SGN", "hochiminh", "Ho Chi Minh City hub", false},
    {"HAN", "hanoi", "Hanoi hub", false},
    {"CGK", "jakarta", "Jakarta hub", false},
    {"MNL", "manila", "Manila hub", false},
    {"DXB", "dubai", "Dubai cross-border hub", true},
    {"NRT", "tokyo", "Tokyo gateway", true},
    {"KIX", "osaka", "Osaka hub", false},
    {"ICN", "seoul", "Seoul gateway", true},
    {"JFK", "newyork", "New York gateway", true},
    {"SFO", "sanfrancisco", "San Francisco gateway", true},
};

// Long-haul lanes between gateways (both directions).
constexpr std::pair<std::string_view, std::string_view> kLanes[] = {
    {"HGH", "LGG"}, {"HKG", "LGG"}, {"HGH", "SVO"}, {"SVO", "LGG"}, {"HGH", "KUL"}, {"HKG", "KUL"},
    {"KUL", "DXB"}, {"DXB", "LGG"}, {"HKG", "DXB"}, {"HGH", "DXB"}, {"HGH", "NRT"}, {"HKG", "NRT"},
    {"HGH", "ICN"}, {"HKG", "ICN"}, {"NRT", "ICN"}, {"LGG", "JFK"}, {"HKG", "SFO"}, {"JFK", "SFO"},
    {"NRT", "SFO"}, {"HGH", "HKG"}, {"DXB", "SVO"}, {"KUL", "LGG"},
};

struct DemoCarrier {
  std::string_view id, name;
  int departure_shift_minutes;  // added to every departure
  int speed_percent;            // of the reference durations
  int pickup_minute;            // first-mile cut-off
  DayMask last_mile_days;
};

constexpr DemoCarrier kCarriers[] = {
    {"swiftpost", "SwiftPost", 0, 100, 18 * 60, kEveryDay},
    {"silkroute", "Silk Route Logistics", 45, 110, 17 * 60 + 30, kEveryDay},
    {"eurolink", "EuroLink Parcel", 90, 95, 19 * 60, 0x3f},  // Monday to Saturday
};

// The demo rate card, per origin country in its own currency: a carrier
// bills the shop in the money it sells in. Standard service at the reference
// carrier; express costs twice as much, and each carrier applies its own
// percentage (kRatePercent). "*" rows cover every other origin in USD.
struct DemoRateOrigin {
  std::string_view country, currency;
  int64_t domestic_first, domestic_step;  // first 500 g, then each 500 g
  int64_t abroad_first, abroad_step;
};

constexpr DemoRateOrigin kRateOrigins[] = {
    {"CN", "CNY", 800, 200, 6000, 2500},    {"FR", "EUR", 690, 150, 1990, 650},
    {"DE", "EUR", 590, 120, 1890, 600},     {"IT", "EUR", 750, 160, 2090, 700},
    {"ES", "EUR", 650, 150, 1990, 650},     {"NL", "EUR", 595, 120, 1850, 600},
    {"GB", "GBP", 450, 100, 1650, 550},     {"JP", "JPY", 800, 200, 3000, 1000},
    {"KR", "KRW", 4000, 1000, 25000, 9000}, {"US", "USD", 799, 150, 2999, 900},
    {"*", "USD", 999, 200, 2999, 900},
};
constexpr int kRatePercent[] = {100, 90, 110};  // swiftpost, silkroute, eurolink
constexpr int64_t kDemoRateStepGrams = 500;

void AddDemoRates(Network& network) {
  for (int carrier = 0; carrier < static_cast<int>(network.carriers.size()); ++carrier) {
    for (Service service : {Service::kExpress, Service::kStandard}) {
      int percent = kRatePercent[carrier] * (service == Service::kExpress ? 2 : 1);
      for (const DemoRateOrigin& origin : kRateOrigins) {
        auto currency = Currency::Parse(origin.currency);
        SHRIMP_ASSERT(currency.ok(), "a demo rate currency is unknown");
        auto add = [&](std::string_view to_zone, int64_t first, int64_t step) {
          Rate rate;
          rate.carrier = carrier;
          rate.service = static_cast<uint8_t>(service);
          rate.from_zone = std::string(origin.country);
          rate.to_zone = std::string(to_zone);
          rate.currency = *currency;
          rate.first_grams = kDemoRateStepGrams;
          rate.first_price = first * percent / 100;
          rate.step_grams = kDemoRateStepGrams;
          rate.step_price = step * percent / 100;
          network.rates.push_back(std::move(rate));
        };
        if (origin.country != kAnyZone)
          add(origin.country, origin.domestic_first, origin.domestic_step);
        add(kAnyZone, origin.abroad_first, origin.abroad_step);
      }
    }
  }
}

double DistanceKm(const City& a, const City& b) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRadians = 3.14159265358979323846 / 180.0;
  double dlat = (b.latitude - a.latitude) * kRadians;
  double dlon = (b.longitude - a.longitude) * kRadians;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(a.latitude * kRadians) *
                                                           std::cos(b.latitude * kRadians) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(h));
}

int Scaled(double minutes, int percent) {
  return std::max(1, static_cast<int>(std::lround(minutes * percent / 100.0)));
}

// Reference durations: trucks at 65 km/h plus loading; planes at 750 km/h
// plus taxi and handling.
double TruckMinutes(double km) { return 60 + km / 65.0 * 60; }
double FlightMinutes(double km) { return 150 + km / 750.0 * 60; }

}  // namespace

Network DemoNetwork() {
  Network network;
  for (const DemoCity& demo : kCities) {
    City city;
    city.id = demo.id;
    city.name_en = demo.name_en;
    city.name_local = demo.name_local;
    city.country = demo.country;
    city.latitude = demo.latitude;
    city.longitude = demo.longitude;
    auto zone = TimeZone::Find(demo.time_zone);
    SHRIMP_ASSERT(zone.ok(), "a demo city has an unknown time zone");
    city.time_zone = *zone;
    network.cities.push_back(std::move(city));
  }
  auto city_index = [&](std::string_view id) {
    for (size_t index = 0; index < network.cities.size(); ++index) {
      if (network.cities[index].id == id) return static_cast<int>(index);
    }
    SHRIMP_ASSERT(false, "a demo id refers to nothing");
    return 0;
  };
  for (const DemoHub& demo : kHubs) {
    network.hubs.push_back(Hub{std::string(demo.id), std::string(demo.name), city_index(demo.city),
                               demo.gateway ? 60 : 45});
  }
  for (const DemoCarrier& demo : kCarriers) {
    network.carriers.push_back(Carrier{std::string(demo.id), std::string(demo.name)});
  }
  auto hub_index = [&](std::string_view id) {
    for (size_t index = 0; index < network.hubs.size(); ++index) {
      if (network.hubs[index].id == id) return static_cast<int>(index);
    }
    SHRIMP_ASSERT(false, "a demo id refers to nothing");
    return 0;
  };
  auto hub_city = [&](int hub) -> const City& { return network.cities[network.hubs[hub].city]; };
  auto region_of_hub = [&](int hub) { return RegionOf(hub_city(hub).country); };

  // Pairs of hubs linked inside a region: each hub to its three nearest
  // neighbours and to every gateway of its region.
  std::vector<std::pair<int, int>> regional;
  int hub_count = static_cast<int>(network.hubs.size());
  for (int from = 0; from < hub_count; ++from) {
    std::vector<std::pair<double, int>> near;
    for (int to = 0; to < hub_count; ++to) {
      if (to == from || region_of_hub(to) != region_of_hub(from)) continue;
      near.emplace_back(DistanceKm(hub_city(from), hub_city(to)), to);
      if (kHubs[to].gateway) regional.emplace_back(std::min(from, to), std::max(from, to));
    }
    std::sort(near.begin(), near.end());
    for (size_t index = 0; index < near.size() && index < 3; ++index) {
      regional.emplace_back(std::min(from, near[index].second), std::max(from, near[index].second));
    }
  }
  std::sort(regional.begin(), regional.end());
  regional.erase(std::unique(regional.begin(), regional.end()), regional.end());

  for (int carrier = 0; carrier < static_cast<int>(network.carriers.size()); ++carrier) {
    const DemoCarrier& demo = kCarriers[carrier];
    auto add = [&](int from, int to, Service service, int departure, DayMask days, double minutes,
                   int cutoff) {
      network.legs.push_back(
          Leg{carrier, service, from, to,
              static_cast<int>((departure + demo.departure_shift_minutes) % kMinutesPerDay), days,
              Scaled(minutes, demo.speed_percent), cutoff});
    };
    for (auto [first, second] : regional) {
      for (auto [from, to] : {std::pair{first, second}, std::pair{second, first}}) {
        double km = DistanceKm(hub_city(from), hub_city(to));
        // Standard: the night truck. Express: a plane when far, else an
        // evening and a morning van.
        add(from, to, Service::kStandard, 22 * 60, kEveryDay, TruckMinutes(km) * 1.2, 60);
        if (km > 700) {
          add(from, to, Service::kExpress, 22 * 60 + 30, kEveryDay, FlightMinutes(km), 90);
          add(from, to, Service::kExpress, 7 * 60, kEveryDay, FlightMinutes(km), 90);
          add(from, to, Service::kExpress, 13 * 60, kEveryDay, FlightMinutes(km), 90);
        } else {
          add(from, to, Service::kExpress, 21 * 60, kEveryDay, TruckMinutes(km), 45);
          add(from, to, Service::kExpress, 10 * 60, kEveryDay, TruckMinutes(km), 45);
          add(from, to, Service::kExpress, 15 * 60, kEveryDay, TruckMinutes(km), 45);
        }
      }
    }
    for (auto [first_id, second_id] : kLanes) {
      int first = hub_index(first_id), second = hub_index(second_id);
      for (auto [from, to] : {std::pair{first, second}, std::pair{second, first}}) {
        double km = DistanceKm(hub_city(from), hub_city(to));
        add(from, to, Service::kExpress, 23 * 60, kEveryDay, FlightMinutes(km), 120);
        // Standard long haul: consolidated, three times a week, slower.
        add(from, to, Service::kStandard, 14 * 60, carrier == 1 ? 0x2a : 0x15,
            FlightMinutes(km) * 1.5 + 24 * 60, 180);
      }
    }
    // First and last mile: every city to and from its nearest hub (in its
    // own country when there is one, else in its region).
    for (int city = 0; city < static_cast<int>(network.cities.size()); ++city) {
      const City& here = network.cities[city];
      int best = -1;
      double best_km = 0;
      bool best_same_country = false;
      for (int hub = 0; hub < hub_count; ++hub) {
        if (region_of_hub(hub) != RegionOf(here.country)) continue;
        bool same_country = hub_city(hub).country == here.country;
        double km = DistanceKm(here, hub_city(hub));
        if (best < 0 || (same_country && !best_same_country) ||
            (same_country == best_same_country && km < best_km)) {
          best = hub;
          best_km = km;
          best_same_country = same_country;
        }
      }
      SHRIMP_ASSERT(best >= 0, "a demo city has no hub in its region");
      int drive = static_cast<int>(std::lround(TruckMinutes(best_km)));
      network.first_miles.push_back(FirstMile{carrier, city, best, demo.pickup_minute, 0x3f,
                                              Scaled(drive, demo.speed_percent)});
      network.last_miles.push_back(LastMile{carrier, best, city,
                                            Scaled(drive + 60, demo.speed_percent), 9 * 60, 20 * 60,
                                            demo.last_mile_days});
    }
  }
  AddDemoRates(network);
  network.Index();
  return network;
}

}  // namespace shrimp::logistics
