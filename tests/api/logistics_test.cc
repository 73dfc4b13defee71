// The delivery network over real HTTP: cities, promises and their errors,
// the operator's view, and a server started on a network directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "logistics/demo_network.h"
#include "logistics/network_loader.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::TestServer;

TEST(Logistics, ListsTheDemoNetworksCities) {
  TestServer server(testing::FastTestOptions());
  auto cities = server.Client().Get("/api/v1/cities");
  ASSERT_EQ(cities.status, 200) << cities.body;
  ASSERT_GE(cities.json["cities"].Size(), 125u);
  bool found = false;
  for (const auto& city : cities.json["cities"].GetArray()) {
    if (std::string(city["id"].GetString()) == "hangzhou") {
      found = true;
      EXPECT_STREQ(city["name_local"].GetString(), "杭州");
      EXPECT_STREQ(city["time_zone"].GetString(), "Asia/Shanghai");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_FALSE(cities.json.HasMember("hubs"));
  // With ?hubs=1, the hubs a shipment's legs name, each in one of the cities.
  auto with_hubs = server.Client().Get("/api/v1/cities?hubs=1");
  ASSERT_EQ(with_hubs.status, 200) << with_hubs.body;
  std::set<std::string> hubs;
  for (const auto& hub : with_hubs.json["hubs"].GetArray()) {
    hubs.insert(hub["id"].GetString());
    std::string city = hub["city"].GetString();
    EXPECT_NE(cities.body.find(R"("id":")" + city + "\""), std::string::npos) << city;
  }
  for (const char* cross_border : {"HGH", "HKG", "KUL", "LGG", "DXB", "SVO"}) {
    EXPECT_TRUE(hubs.count(cross_border)) << cross_border << " in " << with_hubs.body;
  }
}

TEST(Logistics, PromisesADeliveryWithItsRoute) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  auto estimate = client.Get(
      "/api/v1/delivery-estimate?from_city=Hangzhou&to_city=paris&at=2026-11-16T02:00:00Z"
      "&service=express");
  ASSERT_EQ(estimate.status, 200) << estimate.body;
  EXPECT_STREQ(estimate.json["from_city"].GetString(), "hangzhou");
  EXPECT_STREQ(estimate.json["to_city"].GetString(), "paris");
  EXPECT_STREQ(estimate.json["service"].GetString(), "express");
  std::string arrives_by = estimate.json["arrives_by"].GetString();
  EXPECT_GT(arrives_by, "2026-11-16T02:00:00Z");
  EXPECT_EQ(arrives_by.back(), 'Z');
  // Paris is UTC+1 in November.
  std::string local = estimate.json["arrives_by_local"].GetString();
  EXPECT_EQ(local.substr(local.size() - 6), "+01:00");
  EXPECT_NE(std::string(estimate.json["arrives_by_text"].GetString()).find("in Paris"),
            std::string::npos);
  int64_t hours = estimate.json["transit_hours"].GetInt64();
  EXPECT_GT(hours, 12);
  EXPECT_LE(hours, 120);
  const auto& legs = estimate.json["legs"];
  ASSERT_GE(legs.Size(), 3u);
  EXPECT_STREQ(legs[0]["kind"].GetString(), "first_mile");
  EXPECT_STREQ(legs[0]["from"].GetString(), "hangzhou");
  EXPECT_STREQ(legs[legs.Size() - 1]["kind"].GetString(), "last_mile");
  EXPECT_STREQ(legs[legs.Size() - 1]["to"].GetString(), "paris");
  // Cross-border through a gateway: some linehaul leg leaves Hangzhou or Hong Kong.
  bool through_gateway = false;
  for (const auto& leg : legs.GetArray()) {
    std::string from = leg["from"].GetString();
    if (from == "HGH" || from == "HKG") through_gateway = true;
  }
  EXPECT_TRUE(through_gateway);

  // Standard is slower than express; a later hand-over never arrives earlier.
  auto standard = client.Get(
      "/api/v1/delivery-estimate?from_city=hangzhou&to_city=paris&at=2026-11-16T02:00:00Z");
  ASSERT_EQ(standard.status, 200) << standard.body;
  EXPECT_GE(std::string(standard.json["arrives_by"].GetString()), arrives_by);
  auto later = client.Get(
      "/api/v1/delivery-estimate?from_city=hangzhou&to_city=paris&at=2026-11-16T12:00:00Z"
      "&service=express");
  ASSERT_EQ(later.status, 200);
  EXPECT_GE(std::string(later.json["arrives_by"].GetString()), arrives_by);
  // Without `at`, from now.
  EXPECT_EQ(client.Get("/api/v1/delivery-estimate?from_city=Paris&to_city=Lyon").status, 200);
  // A city by its English name with a space, URL-encoded.
  EXPECT_EQ(
      client.Get("/api/v1/delivery-estimate?from_city=New%20York&to_city=Kuala%20Lumpur").status,
      200);
}

TEST(Logistics, BadEstimatesGetTheirOwnCodes) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  struct Case {
    std::string query;
    int status;
    std::string code;
  };
  std::vector<Case> cases = {
      {"to_city=paris", 400, "missing_field"},
      {"from_city=paris", 400, "missing_field"},
      {"from_city=atlantis&to_city=paris", 404, "unknown_city"},
      {"from_city=paris&to_city=atlantis", 404, "unknown_city"},
      {"from_city=paris&to_city=lyon&service=overnight", 400, "invalid_service"},
      {"from_city=paris&to_city=lyon&carrier=nobody", 404, "unknown_carrier"},
      {"from_city=paris&to_city=lyon&at=tomorrow", 400, "invalid_time"},
      {"from_city=paris&to_city=lyon&at=2026-11-16T02:00:00", 400, "invalid_time"},
      {"from_city=paris&to_city=lyon&at=2031-01-01T00:00:00Z", 400, "invalid_time"},
  };
  for (const Case& test_case : cases) {
    auto result = client.Get("/api/v1/delivery-estimate?" + test_case.query);
    EXPECT_EQ(result.status, test_case.status) << test_case.query << " " << result.body;
    EXPECT_EQ(result.ErrorCode(), test_case.code) << test_case.query;
  }
}

// A two-city network directory where one city has no last mile: no_route.
std::string WriteSmallNetwork(bool broken) {
  std::string directory = testing::MakeTempDir();
  logistics::Network network = logistics::DemoNetwork();
  EXPECT_TRUE(logistics::WriteNetwork(network, directory).ok());
  std::ofstream cities(directory + "/cities.csv", std::ios::app);
  cities << "island,Island,Island,FR,45.0,5.0,Europe/Paris\n";
  if (broken) cities << "bad,Bad,Bad,FR,45.0,5.0,Europe/Atlantis\n";
  return directory;
}

TEST(Logistics, AServerOnANetworkDirectoryAnswersNoRouteForAnUnservedCity) {
  std::string directory = WriteSmallNetwork(false);
  api::AppOptions options = testing::FastTestOptions();
  options.network_dir = directory;
  {
    TestServer server(options);
    auto result = server.Client().Get(
        "/api/v1/delivery-estimate?from_city=paris&to_city=island&service=express");
    EXPECT_EQ(result.status, 404) << result.body;
    EXPECT_EQ(result.ErrorCode(), "no_route");
  }
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
}

TEST(Logistics, AServerRefusesAMalformedNetworkNamingTheProblem) {
  std::string directory = WriteSmallNetwork(true);
  api::AppOptions options = testing::FastTestOptions();
  options.network_dir = directory;
  options.data_dir = testing::MakeTempDir();
  FakeClock clock(1'795'000'000'000);
  auto app = api::App::Open(options, clock);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().code, "network_invalid");
  EXPECT_NE(app.error().message.find("cities.csv:138: time_zone"), std::string::npos)
      << app.error().message;
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
  std::filesystem::remove_all(options.data_dir, ignored);
}

TEST(Logistics, OperatorsSeeTheWholeNetwork) {
  TestServer server(testing::FastTestOptions());
  auto client = server.Client();
  std::string buyer = server.SignUpAndLogIn("ana@example.com");
  EXPECT_EQ(client.Get("/api/v1/admin/network", buyer).status, 403);
  ASSERT_TRUE(
      server.app()
          .accounts()
          .SignUp("op@example.com", "correct horse battery", "Op", accounts::Role::kOperator)
          .ok());
  auto session = client.Post("/api/v1/sessions",
                             R"({"email":"op@example.com","password":"correct horse battery"})");
  auto network = client.Get("/api/v1/admin/network", session.json["token"].GetString());
  ASSERT_EQ(network.status, 200);
  EXPECT_GE(network.json["hubs"].Size(), 6u);
  EXPECT_EQ(network.json["carriers"].Size(), 3u);
  EXPECT_GT(network.json["legs"].Size(), 100u);
}

}  // namespace
}  // namespace shrimp
