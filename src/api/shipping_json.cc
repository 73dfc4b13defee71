#include "api/shipping_json.h"

#include <cstdio>

namespace shrimp::api {

std::string IsoLocal(const logistics::City& city, int64_t utc_minutes) {
  return logistics::FormatIsoMinutes(utc_minutes, city.time_zone.OffsetAt(utc_minutes), false);
}

std::string LocalDayText(const logistics::City& city, int64_t utc_minutes) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t local = city.time_zone.ToLocal(utc_minutes);
  int64_t day = logistics::FloorDiv(local, logistics::kMinutesPerDay);
  std::string iso = logistics::FormatIsoMinutes(day * logistics::kMinutesPerDay);
  int month = std::stoi(iso.substr(5, 2));
  int day_of_month = std::stoi(iso.substr(8, 2));
  char text[32];
  std::snprintf(text, sizeof text, "%s %d %s", kDays[logistics::IsoWeekday(day) - 1], day_of_month,
                kMonths[month - 1]);
  return text;
}

void WriteShippingOption(http::JsonWriter& json, const logistics::Network& network,
                         const logistics::ShippingOption& option, int to_city, int64_t ready_at) {
  const logistics::City& destination = network.cities[to_city];
  const logistics::Carrier& carrier = network.carriers[option.carrier];
  json.StartObject();
  json.Key("carrier");
  json.StartObject();
  json.Field("id", carrier.id);
  json.Field("name", carrier.name);
  json.EndObject();
  json.Field("service", logistics::ServiceName(option.service));
  json.Field("price", option.price);
  json.Field("arrives_by", logistics::FormatIsoMinutes(option.arrives_by));
  json.Field("arrives_by_local", IsoLocal(destination, option.arrives_by));
  json.Field("arrives_by_text", "Arrives by " + LocalDayText(destination, option.arrives_by) +
                                    " in " + destination.name_en);
  json.Field("transit_hours", (option.arrives_by - ready_at + 59) / 60);
  json.EndObject();
}

}  // namespace shrimp::api
