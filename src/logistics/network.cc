#include "logistics/network.h"

#include <algorithm>
#include <cctype>

namespace shrimp::logistics {

std::string_view ServiceName(Service service) {
  return service == Service::kExpress ? "express" : "standard";
}

std::optional<Service> ParseService(std::string_view name) {
  if (name == "express") return Service::kExpress;
  if (name == "standard") return Service::kStandard;
  return std::nullopt;
}

std::string Lower(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered;
}

namespace {

std::string RateKey(int carrier, Service service, std::string_view from_zone,
                    std::string_view to_zone) {
  std::string key = std::to_string(carrier);
  key += '/';
  key += ServiceName(service);
  key += '/';
  key += from_zone;
  key += '/';
  key += to_zone;
  return key;
}

}  // namespace

void Network::Index() {
  city_by_key_.clear();
  hub_by_id_.clear();
  carrier_by_id_.clear();
  for (size_t index = 0; index < cities.size(); ++index) {
    city_by_key_.emplace(Lower(cities[index].name_en), static_cast<int>(index));
  }
  // Ids win over names when a name equals another city's id.
  for (size_t index = 0; index < cities.size(); ++index) {
    city_by_key_[Lower(cities[index].id)] = static_cast<int>(index);
  }
  for (size_t index = 0; index < hubs.size(); ++index) {
    hub_by_id_.emplace(hubs[index].id, static_cast<int>(index));
  }
  for (size_t index = 0; index < carriers.size(); ++index) {
    carrier_by_id_.emplace(carriers[index].id, static_cast<int>(index));
  }
  rate_by_key_.clear();
  for (size_t index = 0; index < rates.size(); ++index) {
    const Rate& rate = rates[index];
    rate_by_key_.emplace(RateKey(rate.carrier, static_cast<Service>(rate.service), rate.from_zone,
                                 rate.to_zone),
                         static_cast<int>(index));
  }
  services_by_carrier_.assign(carriers.size(), 0);
  for (const Leg& leg : legs) {
    services_by_carrier_[leg.carrier] |= static_cast<uint8_t>(1u << static_cast<int>(leg.service));
  }
}

std::optional<int> Network::FindCity(std::string_view id_or_name) const {
  auto found = city_by_key_.find(Lower(id_or_name));
  if (found == city_by_key_.end()) return std::nullopt;
  return found->second;
}

std::optional<int> Network::FindHub(std::string_view id) const {
  auto found = hub_by_id_.find(std::string(id));
  if (found == hub_by_id_.end()) return std::nullopt;
  return found->second;
}

std::optional<int> Network::FindCarrier(std::string_view id) const {
  auto found = carrier_by_id_.find(std::string(id));
  if (found == carrier_by_id_.end()) return std::nullopt;
  return found->second;
}

bool Network::Offers(int carrier, Service service) const {
  if (carrier < 0 || static_cast<size_t>(carrier) >= services_by_carrier_.size()) return false;
  return (services_by_carrier_[carrier] >> static_cast<int>(service)) & 1;
}

}  // namespace shrimp::logistics

namespace shrimp::logistics {

const Rate* Network::FindRate(int carrier, Service service, std::string_view from_country,
                              std::string_view to_country) const {
  const std::pair<std::string_view, std::string_view> kinds[] = {{from_country, to_country},
                                                                 {from_country, kAnyZone},
                                                                 {kAnyZone, to_country},
                                                                 {kAnyZone, kAnyZone}};
  for (const auto& [from, to] : kinds) {
    auto found = rate_by_key_.find(RateKey(carrier, service, from, to));
    if (found != rate_by_key_.end()) return &rates[found->second];
  }
  return nullptr;
}

}  // namespace shrimp::logistics
