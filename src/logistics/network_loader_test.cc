#include "logistics/network_loader.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "logistics/demo_network.h"

namespace shrimp::logistics {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

Files ValidFiles() {
  return {
      {"cities.csv",
       "id,name_en,name_local,country,lat,lon,time_zone\n"
       "paris,Paris,Paris,FR,48.85,2.35,Europe/Paris\n"
       "hangzhou,Hangzhou,杭州,CN,30.27,120.15,Asia/Shanghai\n"},
      {"hubs.csv",
       "id,city,name,transfer_minutes\nCDG,paris,\"Paris, main hub\",60\nHGH,hangzhou,Hangzhou "
       "hub,90\n"},
      {"carriers.csv", "id,name\nswift,SwiftPost\n"},
      {"legs.csv",
       "carrier,service,from_hub,to_hub,departs,days,duration_minutes,cutoff_minutes\n"
       "# the nightly flight\n"
       "swift,express,HGH,CDG,23:00,daily,780,120\n"
       "swift,standard,CDG,HGH,14:00,135,2000,180\n"},
      {"first_mile.csv",
       "carrier,city,hub,pickup_by,days,duration_minutes\nswift,hangzhou,HGH,18:00,123456,60\n"},
      {"last_mile.csv",
       "carrier,hub,city,duration_minutes,window_start,window_end,days\n"
       "swift,CDG,paris,180,09:00,20:00,daily\n"},
  };
}

Files With(Files files, const std::string& name, const std::string& text) {
  for (auto& [file, contents] : files) {
    if (file == name) contents = text;
  }
  return files;
}

TEST(NetworkLoader, ReadsEveryTable) {
  LoadedNetwork loaded = ParseNetwork(ValidFiles());
  ASSERT_TRUE(loaded.problems.empty()) << loaded.problems[0].ToString();
  const Network& network = loaded.network;
  ASSERT_EQ(network.cities.size(), 2u);
  EXPECT_EQ(network.cities[1].name_local, "杭州");
  EXPECT_EQ(network.hubs[0].name, "Paris, main hub");
  ASSERT_EQ(network.legs.size(), 2u);
  EXPECT_EQ(network.legs[0].departure_minute, 23 * 60);
  EXPECT_EQ(network.legs[1].days, 0b10101);
  EXPECT_EQ(network.first_miles[0].days, 0x3f);
  EXPECT_EQ(network.FindCity("PARIS"), 0);
  EXPECT_EQ(network.FindCity("Hangzhou"), 1);
  EXPECT_FALSE(network.FindCity("Lyon").has_value());
  EXPECT_TRUE(network.Offers(0, Service::kExpress));
}

TEST(NetworkLoader, NamesTheFileLineAndFieldOfEveryProblem) {
  struct Case {
    std::string file;
    std::string text;
    std::string expected;
  };
  std::string city_header = "id,name_en,name_local,country,lat,lon,time_zone\n";
  std::string leg_header =
      "carrier,service,from_hub,to_hub,departs,days,duration_minutes,cutoff_minutes\n";
  std::vector<Case> cases = {
      {"cities.csv",
       city_header + "paris,Paris,Paris,FR,48.85,2.35,Europe/Paris\nx,X,X,FR,91,0,UTC\n",
       "cities.csv:3: lat: expected degrees from -90 to 90, got '91'"},
      {"cities.csv", city_header + "paris,Paris,Paris,FR,48.85,2.35,Europe/Lutetia\n",
       "cities.csv:2: time_zone: not an IANA time zone known to the system's tzdata: "
       "'Europe/Lutetia'"},
      {"cities.csv", city_header + "paris,Paris,Paris,France,48.85,2.35,Europe/Paris\n",
       "cities.csv:2: country: expected an ISO 3166 country code like FR, got 'France'"},
      {"cities.csv", "id,name\n",
       "cities.csv:1: the first line must be the header "
       "id,name_en,name_local,country,lat,lon,time_zone"},
      {"legs.csv", leg_header + "swift,express,HGH,CDG,25:00,daily,780,120\n",
       "legs.csv:2: departs: expected a local time HH:MM from 00:00 to 23:59, got '25:00'"},
      {"legs.csv", leg_header + "swift,overnight,HGH,CDG,23:00,daily,780,120\n",
       "legs.csv:2: service: expected express or standard, got 'overnight'"},
      {"legs.csv", leg_header + "swift,express,HGH,ORY,23:00,daily,780,120\n",
       "legs.csv:2: to_hub: no hub has the id 'ORY'"},
      {"legs.csv", leg_header + "swift,express,HGH,CDG,23:00,8,780,120\n",
       "legs.csv:2: days: expected ISO weekdays like 12345 (Monday = 1) or daily, got '8'"},
      {"legs.csv", leg_header + "swift,express,HGH,CDG,23:00,daily,0,120\n",
       "legs.csv:2: duration_minutes: expected a whole number from 1 to 10080, got '0'"},
      {"legs.csv", leg_header + "swift,express,HGH,HGH,23:00,daily,60,0\n",
       "legs.csv:2: to_hub: a leg must go to another hub"},
      {"legs.csv", leg_header + "swift,express,HGH,CDG,23:00,daily\n",
       "legs.csv:2: expected 8 fields, got 6"},
      {"legs.csv", leg_header + "swift,\"express,HGH,CDG,23:00,daily,60,0\n",
       "legs.csv:2: a quoted field is not closed"},
      {"hubs.csv", "id,city,name,transfer_minutes\nCDG,paris,Paris,60\nCDG,paris,Again,60\n",
       "hubs.csv:3: id: a second hub with this id"},
      {"last_mile.csv",
       "carrier,hub,city,duration_minutes,window_start,window_end,days\n"
       "swift,CDG,paris,180,20:00,09:00,daily\n",
       "last_mile.csv:2: window_end: the delivery window must end after it starts"},
  };
  for (const Case& test_case : cases) {
    LoadedNetwork loaded = ParseNetwork(With(ValidFiles(), test_case.file, test_case.text));
    ASSERT_FALSE(loaded.problems.empty()) << test_case.expected;
    EXPECT_EQ(loaded.problems[0].ToString(), test_case.expected);
  }
  // Every problem is reported, not only the first.
  LoadedNetwork many = ParseNetwork(
      With(ValidFiles(), "legs.csv",
           leg_header + "swift,express,HGH,CDG,25:00,daily,780,120\nnobody,express,HGH,CDG,"
                        "23:00,daily,780,120\n"));
  ASSERT_EQ(many.problems.size(), 2u);
  EXPECT_EQ(many.problems[1].ToString(), "legs.csv:3: carrier: no carrier has the id 'nobody'");
  // A missing file is named.
  Files missing = ValidFiles();
  missing.pop_back();
  LoadedNetwork incomplete = ParseNetwork(missing);
  ASSERT_EQ(incomplete.problems.size(), 1u);
  EXPECT_EQ(incomplete.problems[0].ToString(), "last_mile.csv: the file is missing");
}

TEST(NetworkLoader, TheDemoNetworkRoundTripsThroughItsFiles) {
  Network demo = DemoNetwork();
  std::string directory =
      (std::filesystem::temp_directory_path() / ("shrimp-network-" + std::to_string(::getpid())))
          .string();
  ASSERT_TRUE(WriteNetwork(demo, directory).ok());
  LoadedNetwork loaded = LoadNetwork(directory);
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
  ASSERT_TRUE(loaded.problems.empty()) << loaded.problems[0].ToString();
  const Network& network = loaded.network;
  ASSERT_EQ(network.cities.size(), demo.cities.size());
  ASSERT_EQ(network.legs.size(), demo.legs.size());
  ASSERT_EQ(network.first_miles.size(), demo.first_miles.size());
  ASSERT_EQ(network.last_miles.size(), demo.last_miles.size());
  for (size_t index = 0; index < demo.legs.size(); ++index) {
    EXPECT_EQ(network.legs[index].departure_minute, demo.legs[index].departure_minute);
    EXPECT_EQ(network.legs[index].duration_minutes, demo.legs[index].duration_minutes);
    EXPECT_EQ(network.legs[index].days, demo.legs[index].days);
  }
  EXPECT_EQ(network.cities[0].name_local, demo.cities[0].name_local);
  EXPECT_EQ(LoadNetwork("/nonexistent-shrimp-network").problems.size(), 6u);
}

}  // namespace
}  // namespace shrimp::logistics
