// Network: the delivery network as data — cities, hubs, carriers, linehaul
// legs with their weekly timetables, first mile (shop's city -> hub) and last
// mile (hub -> buyer's city). Loaded from a directory of CSV files
// (logistics/network_loader.h, format in docs/network.md) or built by the
// demo (logistics/demo_network.h).
//
// Indexes: every reference between tables is resolved to an index into the
// Network's vectors at load time, so routing never looks up a string.
// Times of day are local to the city they happen in; days of the week are a
// bit mask, bit 0 = Monday ... bit 6 = Sunday.
//
// Immutable once built; safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "logistics/rate_card.h"
#include "logistics/time_zone.h"

namespace shrimp::logistics {

enum class Service : uint8_t { kExpress = 0, kStandard = 1 };
inline constexpr int kServiceCount = 2;
std::string_view ServiceName(Service service);
std::optional<Service> ParseService(std::string_view name);

using DayMask = uint8_t;
inline constexpr DayMask kEveryDay = 0x7f;
inline bool RunsOn(DayMask days, int iso_weekday) { return (days >> (iso_weekday - 1)) & 1; }

struct City {
  std::string id;  // "hangzhou"
  std::string name_en;
  std::string name_local;
  std::string country;  // ISO 3166-1 alpha-2
  double latitude = 0;
  double longitude = 0;
  TimeZone time_zone;
};

struct Hub {
  std::string id;  // "HGH"
  std::string name;
  int city = 0;
  // Sorting time between a parcel's arrival and the first cut-off it can make.
  int transfer_minutes = 0;
};

struct Carrier {
  std::string id;  // "swiftpost"
  std::string name;
};

struct Leg {
  int carrier = 0;
  Service service = Service::kStandard;
  int from_hub = 0;
  int to_hub = 0;
  int departure_minute = 0;  // local time of day at the departure hub
  DayMask days = kEveryDay;  // local days of departure
  int duration_minutes = 1;
  // A parcel must be ready at the hub this long before departure.
  int cutoff_minutes = 0;
};

struct FirstMile {
  int carrier = 0;
  int city = 0;
  int hub = 0;
  // Parcels handed over by this local time on a pickup day are collected
  // then and reach the hub duration_minutes later.
  int pickup_minute = 0;
  DayMask days = kEveryDay;
  int duration_minutes = 0;
};

struct LastMile {
  int carrier = 0;
  int hub = 0;
  int city = 0;
  // Out of the hub to the door; delivered only inside the local window on
  // delivery days, so a parcel ready after it is delivered the next
  // delivery day at window_start_minute.
  int duration_minutes = 0;
  int window_start_minute = 0;
  int window_end_minute = kMinutesPerDay - 1;
  DayMask days = kEveryDay;
};

class Network {
 public:
  std::vector<City> cities;
  std::vector<Hub> hubs;
  std::vector<Carrier> carriers;
  std::vector<Leg> legs;
  std::vector<FirstMile> first_miles;
  std::vector<LastMile> last_miles;
  std::vector<Rate> rates;  // the rate cards (logistics/rate_card.h)

  // Builds the lookup maps. REQUIRES: every index in range (the loader checks).
  void Index();

  // A city by id or English name, case-insensitively ("Paris", "paris").
  std::optional<int> FindCity(std::string_view id_or_name) const;
  std::optional<int> FindHub(std::string_view id) const;
  std::optional<int> FindCarrier(std::string_view id) const;
  // Whether `carrier` runs any leg of `service`.
  bool Offers(int carrier, Service service) const;
  // The most specific rate of `carrier` and `service` for a parcel from
  // `from_country` to `to_country` (see rate_card.h), nullptr when none.
  const Rate* FindRate(int carrier, Service service, std::string_view from_country,
                       std::string_view to_country) const;

 private:
  std::unordered_map<std::string, int> city_by_key_;  // lower-cased id and name
  std::unordered_map<std::string, int> hub_by_id_;
  std::unordered_map<std::string, int> carrier_by_id_;
  std::vector<uint8_t> services_by_carrier_;  // bit per Service
  // "carrier/service/from/to" -> index into rates.
  std::unordered_map<std::string, int> rate_by_key_;
};

std::string Lower(std::string_view text);

}  // namespace shrimp::logistics
