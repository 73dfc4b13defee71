#include "logistics/network_loader.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

namespace shrimp::logistics {
namespace {

struct Table {
  std::string file;
  std::vector<std::string> columns;
};

const Table kCities{"cities.csv",
                    {"id", "name_en", "name_local", "country", "lat", "lon", "time_zone"}};
const Table kHubs{"hubs.csv", {"id", "city", "name", "transfer_minutes"}};
const Table kCarriers{"carriers.csv", {"id", "name"}};
const Table kLegs{"legs.csv",
                  {"carrier", "service", "from_hub", "to_hub", "departs", "days",
                   "duration_minutes", "cutoff_minutes"}};
const Table kFirstMile{"first_mile.csv",
                       {"carrier", "city", "hub", "pickup_by", "days", "duration_minutes"}};
const Table kLastMile{"last_mile.csv",
                      {"carrier", "hub", "city", "duration_minutes", "window_start", "window_end",
                       "days"}};
// Optional: a network without rates.csv prices nothing (no shipping options).
const Table kRates{"rates.csv",
                   {"carrier", "service", "from_zone", "to_zone", "currency", "first_grams",
                    "first_price", "step_grams", "step_price"}};

// One row: its fields by column name, and where it came from.
class Row {
 public:
  Row(const Table& table, int line, std::vector<std::string> fields,
      std::vector<NetworkProblem>& problems)
      : table_(table), line_(line), fields_(std::move(fields)), problems_(problems) {}

  const std::string& Text(size_t column) const { return fields_[column]; }

  void Problem(size_t column, std::string message) {
    if (problems_.size() >= kNetworkProblemsMax) return;
    problems_.push_back({table_.file, line_, table_.columns[column], std::move(message)});
  }

  std::string Quoted(size_t column) const { return "'" + fields_[column] + "'"; }

  std::string Id(size_t column) {
    const std::string& text = fields_[column];
    bool valid = !text.empty() && text.size() <= 32;
    for (char c : text) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) valid = false;
    }
    if (!valid)
      Problem(column,
              "expected an id of 1 to 32 letters, digits, '_' or '-', got " + Quoted(column));
    return text;
  }

  std::string NonEmpty(size_t column) {
    if (fields_[column].empty()) Problem(column, "must not be empty");
    return fields_[column];
  }

  int Int(size_t column, int min, int max) {
    const std::string& text = fields_[column];
    int value = 0;
    bool valid = !text.empty() && text.size() <= 9;
    for (char c : text) {
      if (c < '0' || c > '9') valid = false;
    }
    if (valid) value = std::stoi(text);
    if (!valid || value < min || value > max) {
      Problem(column, "expected a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max) + ", got " + Quoted(column));
      return min;
    }
    return value;
  }

  double Degrees(size_t column, double limit) {
    const std::string& text = fields_[column];
    char* end = nullptr;
    double value = text.empty() ? NAN : std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value) ||
        std::fabs(value) > limit) {
      Problem(column, "expected degrees from -" + std::to_string(int(limit)) + " to " +
                          std::to_string(int(limit)) + ", got " + Quoted(column));
      return 0;
    }
    return value;
  }

  int MinuteOfDay(size_t column) {
    const std::string& text = fields_[column];
    bool valid = text.size() == 5 && text[2] == ':' && std::isdigit(text[0]) &&
                 std::isdigit(text[1]) && std::isdigit(text[3]) && std::isdigit(text[4]);
    int hours = valid ? (text[0] - '0') * 10 + (text[1] - '0') : 0;
    int minutes = valid ? (text[3] - '0') * 10 + (text[4] - '0') : 0;
    if (!valid || hours > 23 || minutes > 59) {
      Problem(column, "expected a local time HH:MM from 00:00 to 23:59, got " + Quoted(column));
      return 0;
    }
    return hours * 60 + minutes;
  }

  DayMask Days(size_t column) {
    const std::string& text = fields_[column];
    if (text == "daily") return kEveryDay;
    DayMask days = 0;
    bool valid = !text.empty() && text.size() <= 7;
    for (char c : text) {
      if (c < '1' || c > '7' || (days >> (c - '1')) & 1) {
        valid = false;
        break;
      }
      days |= static_cast<DayMask>(1u << (c - '1'));
    }
    if (!valid) {
      Problem(column,
              "expected ISO weekdays like 12345 (Monday = 1) or daily, got " + Quoted(column));
      return kEveryDay;
    }
    return days;
  }

  // An ISO 3166-1 country code (upper case) or "*".
  std::string Zone(size_t column) {
    const std::string& text = fields_[column];
    bool valid = text == kAnyZone ||
                 (text.size() == 2 && std::isupper(static_cast<unsigned char>(text[0])) &&
                  std::isupper(static_cast<unsigned char>(text[1])));
    if (!valid) {
      Problem(column,
              "expected an ISO 3166 country code like FR or * for any, got " + Quoted(column));
    }
    return text;
  }

  template <class Lookup>
  int Reference(size_t column, const char* what, Lookup&& lookup) {
    std::optional<int> found = lookup(fields_[column]);
    if (!found) {
      Problem(column, std::string("no ") + what + " has the id " + Quoted(column));
      return 0;
    }
    return *found;
  }

 private:
  const Table& table_;
  int line_;
  std::vector<std::string> fields_;
  std::vector<NetworkProblem>& problems_;
};

// Splits one CSV record (RFC 4180: quoted fields may hold commas and "").
// Returns false for an unterminated quote.
bool SplitCsv(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  for (size_t index = 0; index < line.size(); ++index) {
    char c = line[index];
    if (quoted) {
      if (c == '"' && index + 1 < line.size() && line[index + 1] == '"') {
        field += '"';
        index += 1;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return !quoted;
}

// Calls `row` for every data row of `text`, after checking the header.
void ForEachRow(const Table& table, const std::string* text, std::vector<NetworkProblem>& problems,
                const std::function<void(Row&)>& row) {
  if (text == nullptr) {
    problems.push_back({table.file, 0, "", "the file is missing"});
    return;
  }
  std::istringstream lines(*text);
  std::string line;
  int number = 0;
  std::vector<std::string> fields;
  size_t rows = 0;
  while (std::getline(lines, line)) {
    number += 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a BOM
    if (line.empty() || line[0] == '#') continue;
    if (!SplitCsv(line, fields)) {
      problems.push_back({table.file, number, "", "a quoted field is not closed"});
      continue;
    }
    if (rows == 0 && fields == table.columns) {
      rows += 1;
      continue;
    }
    if (rows == 0) {
      std::string expected;
      for (const std::string& column : table.columns)
        expected += (expected.empty() ? "" : ",") + column;
      problems.push_back({table.file, number, "", "the first line must be the header " + expected});
      return;
    }
    if (++rows > kNetworkRowsMax) {
      problems.push_back({table.file, number, "", "more rows than the limit of 200000"});
      return;
    }
    if (fields.size() != table.columns.size()) {
      problems.push_back({table.file, number, "",
                          "expected " + std::to_string(table.columns.size()) + " fields, got " +
                              std::to_string(fields.size())});
      continue;
    }
    bool too_long = false;
    for (size_t column = 0; column < fields.size(); ++column) {
      if (fields[column].size() > kNetworkFieldBytesMax) {
        problems.push_back({table.file, number, table.columns[column], "longer than 200 bytes"});
        too_long = true;
      }
    }
    if (too_long) continue;
    Row parsed(table, number, fields, problems);
    row(parsed);
    if (problems.size() >= kNetworkProblemsMax) return;
  }
  if (rows == 0) problems.push_back({table.file, 0, "", "the file has no header"});
}

template <class T>
void Unique(Row& row, size_t column, std::set<T>& seen, const T& key, const char* what) {
  if (!seen.insert(key).second)
    row.Problem(column, std::string("a second ") + what + " with this id");
}

std::string Escape(const std::string& field) {
  if (field.find_first_of(",\"\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::string NetworkProblem::ToString() const {
  std::string text = file;
  if (line > 0) text += ":" + std::to_string(line);
  text += ": ";
  if (!field.empty()) text += field + ": ";
  return text + message;
}

std::string FormatDays(DayMask days) {
  if (days == kEveryDay) return "daily";
  std::string text;
  for (int day = 1; day <= 7; ++day) {
    if (RunsOn(days, day)) text += static_cast<char>('0' + day);
  }
  return text;
}

std::string FormatMinuteOfDay(int minute) {
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
  return text;
}

LoadedNetwork ParseNetwork(const std::vector<std::pair<std::string, std::string>>& files) {
  LoadedNetwork loaded;
  Network& network = loaded.network;
  std::vector<NetworkProblem>& problems = loaded.problems;
  auto text_of = [&](const Table& table) -> const std::string* {
    for (const auto& [name, text] : files) {
      if (name == table.file) return &text;
    }
    return nullptr;
  };
  auto city = [&](const std::string& id) -> std::optional<int> {
    for (size_t index = 0; index < network.cities.size(); ++index) {
      if (network.cities[index].id == id) return static_cast<int>(index);
    }
    return std::nullopt;
  };
  std::unordered_map<std::string, int> hubs, carriers;
  auto hub = [&](const std::string& id) -> std::optional<int> {
    auto found = hubs.find(id);
    return found == hubs.end() ? std::nullopt : std::optional<int>(found->second);
  };
  auto carrier = [&](const std::string& id) -> std::optional<int> {
    auto found = carriers.find(id);
    return found == carriers.end() ? std::nullopt : std::optional<int>(found->second);
  };

  std::set<std::string> city_ids, city_names;
  ForEachRow(kCities, text_of(kCities), problems, [&](Row& row) {
    City parsed;
    parsed.id = row.Id(0);
    Unique(row, 0, city_ids, Lower(parsed.id), "city");
    parsed.name_en = row.NonEmpty(1);
    if (!city_names.insert(Lower(parsed.name_en)).second)
      row.Problem(1, "a second city with this name");
    parsed.name_local = row.NonEmpty(2);
    parsed.country = row.Text(3);
    if (parsed.country.size() != 2 ||
        !std::isupper(static_cast<unsigned char>(parsed.country[0])) ||
        !std::isupper(static_cast<unsigned char>(parsed.country[1]))) {
      row.Problem(3, "expected an ISO 3166 country code like FR, got " + row.Quoted(3));
    }
    parsed.latitude = row.Degrees(4, 90);
    parsed.longitude = row.Degrees(5, 180);
    auto zone = TimeZone::Find(row.Text(6));
    if (!zone.ok()) {
      row.Problem(6, "not an IANA time zone known to the system's tzdata: " + row.Quoted(6));
    } else {
      parsed.time_zone = *zone;
    }
    network.cities.push_back(std::move(parsed));
  });
  ForEachRow(kHubs, text_of(kHubs), problems, [&](Row& row) {
    Hub parsed;
    parsed.id = row.Id(0);
    if (!hubs.emplace(parsed.id, static_cast<int>(network.hubs.size())).second) {
      row.Problem(0, "a second hub with this id");
    }
    parsed.city = row.Reference(1, "city", city);
    parsed.name = row.NonEmpty(2);
    parsed.transfer_minutes = row.Int(3, 0, kTransferMinutesMax);
    network.hubs.push_back(std::move(parsed));
  });
  ForEachRow(kCarriers, text_of(kCarriers), problems, [&](Row& row) {
    Carrier parsed;
    parsed.id = row.Id(0);
    if (!carriers.emplace(parsed.id, static_cast<int>(network.carriers.size())).second) {
      row.Problem(0, "a second carrier with this id");
    }
    parsed.name = row.NonEmpty(1);
    network.carriers.push_back(std::move(parsed));
  });
  auto service = [](Row& row, size_t column) {
    auto parsed = ParseService(row.Text(column));
    if (!parsed) row.Problem(column, "expected express or standard, got " + row.Quoted(column));
    return parsed.value_or(Service::kStandard);
  };
  ForEachRow(kLegs, text_of(kLegs), problems, [&](Row& row) {
    Leg leg;
    leg.carrier = row.Reference(0, "carrier", carrier);
    leg.service = service(row, 1);
    leg.from_hub = row.Reference(2, "hub", hub);
    leg.to_hub = row.Reference(3, "hub", hub);
    if (row.Text(2) == row.Text(3)) row.Problem(3, "a leg must go to another hub");
    leg.departure_minute = row.MinuteOfDay(4);
    leg.days = row.Days(5);
    leg.duration_minutes = row.Int(6, 1, kDurationMinutesMax);
    leg.cutoff_minutes = row.Int(7, 0, kTransferMinutesMax);
    network.legs.push_back(leg);
  });
  ForEachRow(kFirstMile, text_of(kFirstMile), problems, [&](Row& row) {
    FirstMile mile;
    mile.carrier = row.Reference(0, "carrier", carrier);
    mile.city = row.Reference(1, "city", city);
    mile.hub = row.Reference(2, "hub", hub);
    mile.pickup_minute = row.MinuteOfDay(3);
    mile.days = row.Days(4);
    mile.duration_minutes = row.Int(5, 0, kDurationMinutesMax);
    network.first_miles.push_back(mile);
  });
  ForEachRow(kLastMile, text_of(kLastMile), problems, [&](Row& row) {
    LastMile mile;
    mile.carrier = row.Reference(0, "carrier", carrier);
    mile.hub = row.Reference(1, "hub", hub);
    mile.city = row.Reference(2, "city", city);
    mile.duration_minutes = row.Int(3, 0, kDurationMinutesMax);
    mile.window_start_minute = row.MinuteOfDay(4);
    mile.window_end_minute = row.MinuteOfDay(5);
    if (mile.window_end_minute < mile.window_start_minute) {
      row.Problem(5, "the delivery window must end after it starts");
    }
    mile.days = row.Days(6);
    network.last_miles.push_back(mile);
  });
  std::set<std::string> rate_keys;
  const std::string* rates_text = text_of(kRates);
  if (rates_text != nullptr) {
    ForEachRow(kRates, rates_text, problems, [&](Row& row) {
      Rate rate;
      rate.carrier = row.Reference(0, "carrier", carrier);
      rate.service = static_cast<uint8_t>(service(row, 1));
      rate.from_zone = row.Zone(2);
      rate.to_zone = row.Zone(3);
      if (!rate_keys
               .insert(row.Text(0) + "/" + row.Text(1) + "/" + rate.from_zone + "/" + rate.to_zone)
               .second) {
        row.Problem(3, "a second rate for this carrier, service, from_zone and to_zone");
      }
      auto currency = Currency::Parse(row.Text(4));
      if (!currency.ok()) {
        row.Problem(4, "expected an ISO 4217 currency code like EUR, got " + row.Quoted(4));
      } else {
        rate.currency = *currency;
      }
      rate.first_grams = row.Int(5, 1, static_cast<int>(kParcelGramsMax));
      rate.first_price = row.Int(6, 0, static_cast<int>(kRatePriceMax));
      rate.step_grams = row.Int(7, 1, static_cast<int>(kParcelGramsMax));
      rate.step_price = row.Int(8, 0, static_cast<int>(kRatePriceMax));
      network.rates.push_back(std::move(rate));
    });
  }
  if (problems.empty() && network.cities.empty()) {
    problems.push_back({kCities.file, 0, "", "a network needs at least one city"});
  }
  if (problems.empty()) network.Index();
  return loaded;
}

LoadedNetwork LoadNetwork(const std::string& directory) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const Table* table :
       {&kCities, &kHubs, &kCarriers, &kLegs, &kFirstMile, &kLastMile, &kRates}) {
    std::filesystem::path path = std::filesystem::path(directory) / table->file;
    std::error_code error;
    auto size = std::filesystem::file_size(path, error);
    if (error) continue;  // reported as missing
    if (size > kNetworkRowsMax * 256) {
      LoadedNetwork refused;
      refused.problems.push_back({table->file, 0, "", "the file is larger than 51 MB"});
      return refused;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files.emplace_back(table->file, text.str());
  }
  return ParseNetwork(files);
}

Status WriteNetwork(const Network& network, const std::string& directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) return Internal("cannot create " + directory + ": " + error.message());
  auto write = [&](const Table& table, const std::function<void(std::ostream&)>& rows) -> Status {
    std::ofstream out(std::filesystem::path(directory) / table.file, std::ios::binary);
    for (size_t column = 0; column < table.columns.size(); ++column) {
      out << (column ? "," : "") << table.columns[column];
    }
    out << "\n";
    rows(out);
    out.flush();
    if (!out) return Internal("cannot write " + table.file + " in " + directory);
    return OkStatus();
  };
  const auto& hubs = network.hubs;
  const auto& cities = network.cities;
  const auto& carriers = network.carriers;
  SHRIMP_RETURN_IF_ERROR(write(kCities, [&](std::ostream& out) {
    for (const City& city : cities) {
      char coordinates[64];
      std::snprintf(coordinates, sizeof coordinates, "%.4f,%.4f", city.latitude, city.longitude);
      out << city.id << "," << Escape(city.name_en) << "," << Escape(city.name_local) << ","
          << city.country << "," << coordinates << "," << city.time_zone.name() << "\n";
    }
  }));
  SHRIMP_RETURN_IF_ERROR(write(kHubs, [&](std::ostream& out) {
    for (const Hub& hub : hubs) {
      out << hub.id << "," << cities[hub.city].id << "," << Escape(hub.name) << ","
          << hub.transfer_minutes << "\n";
    }
  }));
  SHRIMP_RETURN_IF_ERROR(write(kCarriers, [&](std::ostream& out) {
    for (const Carrier& carrier : carriers)
      out << carrier.id << "," << Escape(carrier.name) << "\n";
  }));
  SHRIMP_RETURN_IF_ERROR(write(kLegs, [&](std::ostream& out) {
    for (const Leg& leg : network.legs) {
      out << carriers[leg.carrier].id << "," << ServiceName(leg.service) << ","
          << hubs[leg.from_hub].id << "," << hubs[leg.to_hub].id << ","
          << FormatMinuteOfDay(leg.departure_minute) << "," << FormatDays(leg.days) << ","
          << leg.duration_minutes << "," << leg.cutoff_minutes << "\n";
    }
  }));
  SHRIMP_RETURN_IF_ERROR(write(kFirstMile, [&](std::ostream& out) {
    for (const FirstMile& mile : network.first_miles) {
      out << carriers[mile.carrier].id << "," << cities[mile.city].id << "," << hubs[mile.hub].id
          << "," << FormatMinuteOfDay(mile.pickup_minute) << "," << FormatDays(mile.days) << ","
          << mile.duration_minutes << "\n";
    }
  }));
  SHRIMP_RETURN_IF_ERROR(write(kRates, [&](std::ostream& out) {
    for (const Rate& rate : network.rates) {
      out << carriers[rate.carrier].id << "," << ServiceName(static_cast<Service>(rate.service))
          << "," << rate.from_zone << "," << rate.to_zone << "," << rate.currency.code() << ","
          << rate.first_grams << "," << rate.first_price << "," << rate.step_grams << ","
          << rate.step_price << "\n";
    }
  }));
  return write(kLastMile, [&](std::ostream& out) {
    for (const LastMile& mile : network.last_miles) {
      out << carriers[mile.carrier].id << "," << hubs[mile.hub].id << "," << cities[mile.city].id
          << "," << mile.duration_minutes << "," << FormatMinuteOfDay(mile.window_start_minute)
          << "," << FormatMinuteOfDay(mile.window_end_minute) << "," << FormatDays(mile.days)
          << "\n";
    }
  });
}

}  // namespace shrimp::logistics
