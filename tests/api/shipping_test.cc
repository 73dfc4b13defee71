// Shipping priced and promised before the buyer pays, over real HTTP: SKU
// weights set by the merchant, GET /api/v1/shipping-options priced from the
// demo rate card (logistics/rate_card.h) with the promise of each carrier and
// service, and its errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "ledger/account.h"
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
  EXPECT_EQ(offered.json["weight_grams"].GetInt64(), 500);  // the documented default
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

// The ledger balance of a system account, read on the writer thread.
int64_t SystemBalance(TestServer& server, ledger::AccountKind kind, const std::string& currency) {
  auto balance = server.app().writer().Run<int64_t>([&](store::Connection&) -> Result<int64_t> {
    auto code = Currency::Parse(currency);
    if (!code.ok()) return code.error();
    auto account = server.app().ledger().Lookup(kind, 0, *code);
    if (!account) return int64_t{0};
    SHRIMP_ASSIGN_OR_RETURN(auto found, server.app().ledger().Balance(*account));
    return found.posted();
  });
  EXPECT_TRUE(balance.ok());
  return balance.ok() ? *balance : -1;
}

class ShippingCheckoutTest : public ShippingTest {
 protected:
  ShippingCheckoutTest() { buyer_ = market_.Buyer("parcel-buyer@example.com", 100000); }
  std::string CheckoutBody(int64_t quantity, const std::string& shipping,
                           const std::string& address = Market::Address()) {
    return R"({"shipping_address":)" + address + R"(,"items":[{"sku_id":)" +
           std::to_string(shop_.sku_ids[0]) + R"(,"quantity":)" + std::to_string(quantity) + "}]" +
           (shipping.empty() ? "" : R"(,"shipping":)" + shipping) + "}";
  }
  std::string Choice(const std::string& carrier, const std::string& service, int64_t shop_id = 0) {
    return R"([{"shop_id":)" + std::to_string(shop_id ? shop_id : shop_.shop_id) +
           R"(,"carrier":")" + carrier + R"(","service":")" + service + "\"}]";
  }
  std::string OrderPath(int64_t id, const std::string& action = "") {
    return "/api/v1/orders/" + std::to_string(id) + action;
  }
  std::string buyer_;
};

TEST_F(ShippingCheckoutTest, TheFeeIsHeldWithTheGoodsAndPaidToTheCarriersAccount) {
  // Two units of 500 g: 1,000 g, the first step and one more.
  auto offered = client_.Get(OptionsPath(shop_.sku_ids[0], "&quantity=2&to_city=paris"));
  ASSERT_EQ(offered.status, 200) << offered.body;
  const auto* standard = FindOption(offered.json["options"], "swiftpost", "standard");
  ASSERT_NE(standard, nullptr);
  int64_t fee = (*standard)["price"]["amount"].GetInt64();
  EXPECT_EQ(fee, kCnAbroadStandardFirst + kCnAbroadStandardStep);

  auto checkout =
      client_.Post("/api/v1/checkout", CheckoutBody(2, Choice("swiftpost", "standard")), buyer_);
  ASSERT_EQ(checkout.status, 201) << checkout.body;
  const auto& order = checkout.json["orders"][0];
  int64_t order_id = order["id"].GetInt64();
  EXPECT_EQ(order["goods_total"]["amount"].GetInt64(), 2000);
  EXPECT_EQ(order["total"]["amount"].GetInt64(), 2000 + fee);
  ASSERT_TRUE(order["shipping"].IsObject()) << checkout.body;
  EXPECT_STREQ(order["shipping"]["carrier"].GetString(), "swiftpost");
  EXPECT_STREQ(order["shipping"]["service"].GetString(), "standard");
  EXPECT_EQ(order["shipping"]["fee"]["amount"].GetInt64(), fee);
  EXPECT_STREQ(order["shipping"]["promised_by"].GetString(), (*standard)["arrives_by"].GetString());

  ASSERT_EQ(client_.Post(OrderPath(order_id, "/pay"), "{}", buyer_).status, 200);
  EXPECT_EQ(market_.WalletAvailable(buyer_, "CNY"), 100000 - 2000 - fee);
  EXPECT_EQ(market_.ShopBalance(shop_.merchant_token, shop_.shop_id),
            (std::pair<int64_t, int64_t>(0, 2000 + fee)));
  auto shipped =
      client_.Post(OrderPath(order_id, "/ship"),
                   R"({"carrier":"SF Express","tracking_number":"SF1"})", shop_.merchant_token);
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  auto confirmed = client_.Post(OrderPath(order_id, "/confirm"), "{}", buyer_);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  // 5 % commission on the goods only; the fee goes to shipping_payable.
  EXPECT_EQ(market_.ShopBalance(shop_.merchant_token, shop_.shop_id),
            (std::pair<int64_t, int64_t>(1900, 0)));
  EXPECT_EQ(SystemBalance(server_, ledger::AccountKind::kShippingPayable, "CNY"), fee);
  EXPECT_EQ(SystemBalance(server_, ledger::AccountKind::kPlatformFees, "CNY"), 100);
  auto read = client_.Get(OrderPath(order_id), buyer_);
  EXPECT_EQ(read.json["shipping"]["fee"]["amount"].GetInt64(), fee);
}

TEST_F(ShippingCheckoutTest, ACancelledOrderReturnsTheFeeToTheBuyer) {
  auto checkout =
      client_.Post("/api/v1/checkout", CheckoutBody(1, Choice("swiftpost", "express")), buyer_);
  ASSERT_EQ(checkout.status, 201) << checkout.body;
  int64_t order_id = checkout.json["orders"][0]["id"].GetInt64();
  int64_t total = checkout.json["orders"][0]["total"]["amount"].GetInt64();
  EXPECT_EQ(total, 1000 + 2 * kCnAbroadStandardFirst);
  ASSERT_EQ(client_.Post(OrderPath(order_id, "/pay"), "{}", buyer_).status, 200);
  EXPECT_EQ(market_.WalletAvailable(buyer_, "CNY"), 100000 - total);
  auto cancelled = client_.Post(OrderPath(order_id, "/cancel"), "{}", buyer_);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(market_.WalletAvailable(buyer_, "CNY"), 100000);
  EXPECT_EQ(SystemBalance(server_, ledger::AccountKind::kShippingPayable, "CNY"), 0);
}

TEST_F(ShippingCheckoutTest, WithoutAChoiceThereIsNoFee) {
  auto checkout = client_.Post("/api/v1/checkout", CheckoutBody(1, ""), buyer_);
  ASSERT_EQ(checkout.status, 201) << checkout.body;
  const auto& order = checkout.json["orders"][0];
  EXPECT_TRUE(order["shipping"].IsNull());
  EXPECT_EQ(order["total"]["amount"].GetInt64(), 1000);
  EXPECT_EQ(order["goods_total"]["amount"].GetInt64(), 1000);
}

TEST_F(ShippingCheckoutTest, BadChoicesAreRefusedAndChangeNothing) {
  auto other = market_.OpenShop("Euro Tea", "EUR", {5}, 1000);
  std::string atlantis =
      R"({"name":"Ana","line1":"1 Deep Street","city":"Atlantis","postal_code":"1","country":"FR"})";
  struct Case {
    std::string body;
    int status;
    std::string code;
  };
  std::vector<Case> cases = {
      {CheckoutBody(1, Choice("swiftpost", "standard", other.shop_id)), 400, "invalid_field"},
      {CheckoutBody(1, R"([{"shop_id":)" + std::to_string(shop_.shop_id) +
                           R"(,"carrier":"swiftpost","service":"express"},{"shop_id":)" +
                           std::to_string(shop_.shop_id) +
                           R"(,"carrier":"swiftpost","service":"standard"}])"),
       400, "invalid_field"},
      {CheckoutBody(1, Choice("nobody", "standard")), 404, "unknown_carrier"},
      {CheckoutBody(1, Choice("swiftpost", "overnight")), 400, "invalid_service"},
      {CheckoutBody(1, Choice("swiftpost", "standard"), atlantis), 409, "unknown_city"},
      {CheckoutBody(1, R"([{"shop_id":1}])"), 400, "missing_field"},
  };
  for (const Case& test_case : cases) {
    auto refused = client_.Post("/api/v1/checkout", test_case.body, buyer_);
    EXPECT_EQ(refused.status, test_case.status) << test_case.body << " " << refused.body;
    EXPECT_EQ(refused.ErrorCode(), test_case.code) << refused.body;
  }
  // The EUR shop's parcel from China is priced in CNY: refused, not converted.
  auto buy_euro =
      client_.Post("/api/v1/checkout",
                   R"({"shipping_address":)" + Market::Address() + R"(,"items":[{"sku_id":)" +
                       std::to_string(other.sku_ids[0]) + R"(,"quantity":1}],"shipping":)" +
                       Choice("swiftpost", "standard", other.shop_id) + "}",
                   buyer_);
  EXPECT_EQ(buy_euro.status, 409) << buy_euro.body;
  EXPECT_EQ(buy_euro.ErrorCode(), "shipping_currency_mismatch");
  auto orders = client_.Get("/api/v1/orders", buyer_);
  ASSERT_EQ(orders.status, 200);
  EXPECT_EQ(orders.json["items"].Size(), 0u) << orders.body;
  EXPECT_EQ(market_.WalletAvailable(buyer_, "CNY"), 100000);
}

TEST_F(ShippingCheckoutTest, TheCartOffersOneParcelPerShopAndCheckoutChargesTheChosenOne) {
  auto euro = market_.OpenShop("Euro Tea", "EUR", {5}, 1000);
  for (auto [sku, quantity] : {std::pair{shop_.sku_ids[0], 2}, std::pair{euro.sku_ids[0], 1}}) {
    auto added = client_.Post("/api/v1/cart/items",
                              R"({"sku_id":)" + std::to_string(sku) + R"(,"quantity":)" +
                                  std::to_string(quantity) + "}",
                              buyer_);
    ASSERT_EQ(added.status, 200) << added.body;
  }
  auto offered = client_.Get("/api/v1/cart/shipping-options?to_city=Paris", buyer_);
  ASSERT_EQ(offered.status, 200) << offered.body;
  EXPECT_STREQ(offered.json["to_city"].GetString(), "paris");
  const auto& groups = offered.json["groups"];
  ASSERT_EQ(groups.Size(), 2u) << offered.body;
  const rapidjson::Value* tea = nullptr;
  const rapidjson::Value* euro_group = nullptr;
  for (const auto& group : groups.GetArray()) {
    (group["shop_id"].GetInt64() == shop_.shop_id ? tea : euro_group) = &group;
  }
  ASSERT_TRUE(tea && euro_group);
  // The same parcel as the SKU's own options for two units.
  EXPECT_EQ((*tea)["weight_grams"].GetInt64(), 1000);
  EXPECT_TRUE((*tea)["error"].IsNull());
  auto alone = client_.Get(OptionsPath(shop_.sku_ids[0], "&quantity=2&to_city=paris"));
  ASSERT_EQ(alone.status, 200);
  EXPECT_EQ((*tea)["options"].Size(), alone.json["options"].Size());
  const auto* express = FindOption((*tea)["options"], "swiftpost", "express");
  ASSERT_NE(express, nullptr) << offered.body;
  EXPECT_EQ(
      (*express)["price"]["amount"].GetInt64(),
      (*FindOption(alone.json["options"], "swiftpost", "express"))["price"]["amount"].GetInt64());
  // The EUR shop's parcel is priced only in CNY: no option, and why.
  EXPECT_EQ((*euro_group)["options"].Size(), 0u);
  EXPECT_STREQ((*euro_group)["error"]["code"].GetString(), "shipping_currency_mismatch");

  // Checkout with the tea shop's express option: its order carries that fee;
  // the other shop's order has none.
  auto checkout = client_.Post("/api/v1/checkout",
                               R"({"shipping_address":)" + Market::Address() + R"(,"shipping":)" +
                                   Choice("swiftpost", "express") + "}",
                               buyer_);
  ASSERT_EQ(checkout.status, 201) << checkout.body;
  ASSERT_EQ(checkout.json["orders"].Size(), 2u);
  for (const auto& order : checkout.json["orders"].GetArray()) {
    if (order["shop_id"].GetInt64() == shop_.shop_id) {
      EXPECT_EQ(order["shipping"]["fee"]["amount"].GetInt64(),
                (*express)["price"]["amount"].GetInt64());
      EXPECT_EQ(order["total"]["amount"].GetInt64(),
                2000 + (*express)["price"]["amount"].GetInt64());
    } else {
      EXPECT_TRUE(order["shipping"].IsNull());
    }
  }

  // Bad input: no city, a city off the network, no session.
  EXPECT_EQ(client_.Get("/api/v1/cart/shipping-options", buyer_).ErrorCode(), "missing_field");
  EXPECT_EQ(client_.Get("/api/v1/cart/shipping-options?to_city=Atlantis", buyer_).ErrorCode(),
            "unknown_city");
  EXPECT_EQ(client_.Get("/api/v1/cart/shipping-options?to_city=paris").status, 401);
}

}  // namespace
}  // namespace shrimp
