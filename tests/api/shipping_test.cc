// Shipping priced and promised before the buyer pays, over real HTTP: SKU
// weights set by the merchant, GET /api/v1/shipping-options priced from the
// demo rate card (logistics/rate_card.h) with the promise of each carrier and
// service, and its errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "logistics/demo_network.h"
#include "logistics/network_loader.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::TestServer;

// The demo rate card's reference prices from China (CNY minor units): the
// first 500 g, then each further 500 g started (demo_network.cc).
constexpr int64_t kCnAbroadStandardFirst = 6000;
constexpr int64_t kCnAbroadStandardStep = 2500;
constexpr int64_t kCnDomesticStandardFirst = 800;

const rapidjson::Value* FindOption(const rapidjson::Value& options, const std::string& carrier,
                                   const std::string& service) {
  for (const auto& option : options.GetArray()) {
    if (option["carrier"]["id"].GetString() == carrier && option["service"].GetString() == service)
      return &option;
  }
  return nullptr;
}

class ShippingTest : public ::testing::Test {
 protected:
  ShippingTest() : server_(testing::FastTestOptions()), market_(server_.port()) {
    shop_ = market_.OpenShop("Weighed Tea", "CNY", {20}, 1000);
  }
  std::string OptionsPath(int64_t sku_id, const std::string& extra) {
    return "/api/v1/shipping-options?sku_id=" + std::to_string(sku_id) + extra;
  }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
  testing::ShopFixture shop_;
};

TEST_F(ShippingTest, EveryCarrierAndServiceIsPricedByWeightAndPromised) {
  auto offered = client_.Get(OptionsPath(shop_.sku_ids[0], "&to_city=Paris"));
  ASSERT_EQ(offered.status, 200) << offered.body;
  EXPECT_STREQ(offered.json["from_city"].GetString(), "hangzhou");
  EXPECT_STREQ(offered.json["to_city"].GetString(), "paris");
  EXPECT_EQ(offered.json["quantity"].GetInt64(), 1);
  EXPECT_EQ(offered.json["weight_grams"].GetInt64(),
            500);  // the documented default
  const auto& options = offered.json["options"];
  ASSERT_GE(options.Size(), 4u) << offered.body;
  std::string ready_at = offered.json["ready_at"].GetString();
  for (rapidjson::SizeType index = 0; index < options.Size(); ++index) {
    const auto& option = options[index];
    EXPECT_STREQ(option["price"]["currency"].GetString(), "CNY");
    EXPECT_GT(std::string(option["arrives_by"].GetString()), ready_at);
    EXPECT_NE(std::string(option["arrives_by_text"].GetString()).find("in Paris"),
              std::string::npos);
    EXPECT_GT(option["transit_hours"].GetInt64(), 0);
    if (index > 0) {  // cheapest first
      EXPECT_LE(options[index - 1]["price"]["amount"].GetInt64(),
                option["price"]["amount"].GetInt64());
    }
  }
  const auto* standard = FindOption(options, "swiftpost", "standard");
  const auto* express = FindOption(options, "swiftpost", "express");
  ASSERT_TRUE(standard && express) << offered.body;
  EXPECT_EQ((*standard)["price"]["amount"].GetInt64(), kCnAbroadStandardFirst);
  EXPECT_EQ((*express)["price"]["amount"].GetInt64(), 2 * kCnAbroadStandardFirst);
  EXPECT_LE(std::string((*express)["arrives_by"].GetString()),
            std::string((*standard)["arrives_by"].GetString()));

  // Three units weigh 1,500 g: two further steps.
  auto three = client_.Get(OptionsPath(shop_.sku_ids[0], "&quantity=3&to_city=paris"));
  ASSERT_EQ(three.status, 200) << three.body;
  EXPECT_EQ(three.json["weight_grams"].GetInt64(), 1500);
  EXPECT_EQ(
      (*FindOption(three.json["options"], "swiftpost", "standard"))["price"]["amount"].GetInt64(),
      kCnAbroadStandardFirst + 2 * kCnAbroadStandardStep);

  // Domestic parcels use the domestic row.
  auto domestic = client_.Get(OptionsPath(shop_.sku_ids[0], "&to_city=shanghai"));
  ASSERT_EQ(domestic.status, 200) << domestic.body;
  EXPECT_EQ((*FindOption(domestic.json["options"], "swiftpost", "standard"))["price"]["amount"]
                .GetInt64(),
            kCnDomesticStandardFirst);
}

TEST_F(ShippingTest, TheMerchantSetsTheWeightThatPricesTheParcel) {
  std::string sku_path = "/api/v1/skus/" + std::to_string(shop_.sku_ids[0]);
  auto heavier = client_.Patch(sku_path, R"({"weight_grams":1200})", shop_.merchant_token);
  ASSERT_EQ(heavier.status, 200) << heavier.body;
  auto product = client_.Get("/api/v1/products/" + std::to_string(shop_.product_ids[0]));
  ASSERT_EQ(product.status, 200);
  EXPECT_EQ(product.json["skus"][0]["weight_grams"].GetInt64(), 1200);
  auto offered = client_.Get(OptionsPath(shop_.sku_ids[0], "&to_city=paris"));
  ASSERT_EQ(offered.status, 200) << offered.body;
  EXPECT_EQ(
      (*FindOption(offered.json["options"], "swiftpost", "standard"))["price"]["amount"].GetInt64(),
      kCnAbroadStandardFirst + 2 * kCnAbroadStandardStep);  // 700 g over: two steps

  // Out-of-range weights are refused and change nothing.
  for (const char* body :
       {R"({"weight_grams":0})", R"({"weight_grams":100001})", R"({"weight_grams":"heavy"})"}) {
    auto refused = client_.Patch(sku_path, body, shop_.merchant_token);
    EXPECT_EQ(refused.status, 400) << body << " " << refused.body;
  }
  EXPECT_EQ(client_.Get("/api/v1/products/" + std::to_string(shop_.product_ids[0]))
                .json["skus"][0]["weight_grams"]
                .GetInt64(),
            1200);
  // A new product's SKU takes its weight from the merchant's API too.
  auto created = client_.Post(
      "/api/v1/shops/" + std::to_string(shop_.shop_id) + "/products",
      R"({"title":"Heavy kettle","category":"tea","skus":[{"price":{"amount":9900,"currency":"CNY"},"stock":3,"weight_grams":2500}]})",
      shop_.merchant_token);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json["skus"][0]["weight_grams"].GetInt64(), 2500);
  auto too_heavy = client_.Post(
      "/api/v1/shops/" + std::to_string(shop_.shop_id) + "/products",
      R"({"title":"Anvil","category":"tea","skus":[{"price":{"amount":9900,"currency":"CNY"},"weight_grams":100001}]})",
      shop_.merchant_token);
  EXPECT_EQ(too_heavy.status, 400) << too_heavy.body;
}

TEST_F(ShippingTest, BadRequestsGetTheirOwnCodes) {
  struct Case {
    std::string query;
    int status;
    std::string code;
  };
  std::string sku = std::to_string(shop_.sku_ids[0]);
  std::vector<Case> cases = {
      {"to_city=paris", 400, "missing_field"},
      {"sku_id=abc&to_city=paris", 400, "invalid_query"},
      {"sku_id=" + sku, 400, "missing_field"},
      {"sku_id=" + sku + "&quantity=0&to_city=paris", 400, "invalid_query"},
      {"sku_id=" + sku + "&quantity=1001&to_city=paris", 400, "invalid_query"},
      {"sku_id=999999&to_city=paris", 404, "sku_not_found"},
      {"sku_id=" + sku + "&to_city=atlantis", 404, "unknown_city"},
  };
  for (const Case& test_case : cases) {
    auto result = client_.Get("/api/v1/shipping-options?" + test_case.query);
    EXPECT_EQ(result.status, test_case.status) << test_case.query << " " << result.body;
    EXPECT_EQ(result.ErrorCode(), test_case.code) << test_case.query;
  }
}

// The demo network written to a directory after `change`.
std::string DemoNetworkDirectory(const std::function<void(logistics::Network&)>& change) {
  logistics::Network network = logistics::DemoNetwork();
  change(network);
  std::string directory = testing::MakeTempDir();
  EXPECT_TRUE(logistics::WriteNetwork(network, directory).ok());
  return directory;
}

TEST(Shipping, ANetworkWithoutRatesOrRoutesSaysSo) {
  struct Case {
    std::function<void(logistics::Network&)> change;
    std::string code;
  };
  std::vector<Case> cases = {
      {[](logistics::Network& network) { network.rates.clear(); }, "no_rate"},
      {[](logistics::Network& network) {
         int paris = -1;
         for (size_t index = 0; index < network.cities.size(); ++index) {
           if (network.cities[index].id == "paris") paris = static_cast<int>(index);
         }
         std::erase_if(network.last_miles,
                       [paris](const logistics::LastMile& mile) { return mile.city == paris; });
       },
       "no_route"},
  };
  for (const Case& test_case : cases) {
    std::string directory = DemoNetworkDirectory(test_case.change);
    api::AppOptions options = testing::FastTestOptions();
    options.network_dir = directory;
    {
      TestServer server(options);
      Market market(server.port());
      auto shop = market.OpenShop("Far Tea", "CNY", {5}, 1000);
      auto result = server.Client().Get(
          "/api/v1/shipping-options?sku_id=" + std::to_string(shop.sku_ids[0]) + "&to_city=paris");
      EXPECT_EQ(result.status, 404) << result.body;
      EXPECT_EQ(result.ErrorCode(), test_case.code) << result.body;
    }
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
  }
}

}  // namespace
}  // namespace shrimp
