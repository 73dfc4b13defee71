#include "testing/market.h"

#include <gtest/gtest.h>

namespace shrimp::testing {

std::string Market::SignUp(const std::string& email, const std::string& password) {
  auto client = Client();
  auto signed_up = client.Post("/api/v1/users", R"({"email":")" + email + R"(","password":")" +
                                                    password + R"(","name":"Tester"})");
  EXPECT_EQ(signed_up.status, 201) << signed_up.body;
  return Login(email, password);
}

std::string Market::Login(const std::string& email, const std::string& password) {
  auto client = Client();
  auto logged_in = client.Post("/api/v1/sessions",
                               R"({"email":")" + email + R"(","password":")" + password + R"("})");
  EXPECT_EQ(logged_in.status, 201) << logged_in.body;
  if (!logged_in.json.IsObject() || !logged_in.json.HasMember("token")) return "";
  return logged_in.json["token"].GetString();
}

ShopFixture Market::OpenShop(const std::string& name, const std::string& currency,
                             std::vector<int64_t> stocks, int64_t price) {
  ShopFixture fixture;
  auto client = Client();
  std::string email = "merchant" + std::to_string(++counter_) + "-" + name + "@example.com";
  for (char& c : email) {
    if (c == ' ') c = '-';
  }
  fixture.merchant_token = SignUp(email);
  auto me = client.Get("/api/v1/me", fixture.merchant_token);
  fixture.merchant_id = me.json["id"].GetInt64();
  auto shop =
      client.Post("/api/v1/shops",
                  R"({"name":")" + name + R"(","city":"Hangzhou","country":"CN","currency":")" +
                      currency + R"(","description":"test shop"})",
                  fixture.merchant_token);
  EXPECT_EQ(shop.status, 201) << shop.body;
  if (shop.status != 201) return fixture;
  fixture.shop_id = shop.json["id"].GetInt64();
  int index = 0;
  for (int64_t stock : stocks) {
    std::string body =
        R"({"title":"Product )" + std::to_string(++index) +
        R"(","description":"made for tests","category":"tea","skus":[{"price":{"amount":)" +
        std::to_string(price) + R"(,"currency":")" + currency + R"("},"stock":)" +
        std::to_string(stock) + R"(,"attrs":{"size":"M"}}]})";
    auto product = client.Post("/api/v1/shops/" + std::to_string(fixture.shop_id) + "/products",
                               body, fixture.merchant_token);
    EXPECT_EQ(product.status, 201) << product.body;
    if (product.status != 201) continue;
    fixture.product_ids.push_back(product.json["id"].GetInt64());
    fixture.sku_ids.push_back(product.json["skus"][0]["id"].GetInt64());
  }
  return fixture;
}

void Market::TopUp(const std::string& token, int64_t amount, const std::string& currency) {
  auto client = Client();
  auto topped = client.Post("/api/v1/wallet/top-ups",
                            R"({"amount":{"amount":)" + std::to_string(amount) +
                                R"(,"currency":")" + currency + R"("},"provider":"sandbox"})",
                            token);
  EXPECT_EQ(topped.status, 201) << topped.body;
}

std::string Market::Buyer(const std::string& email, int64_t amount, const std::string& currency) {
  std::string token = SignUp(email);
  if (amount > 0) TopUp(token, amount, currency);
  return token;
}

std::string Market::Address() {
  return R"({"name":"Ana","line1":"1 Rue de Rivoli","city":"Paris","postal_code":"75001","country":"FR"})";
}

std::vector<int64_t> Market::BuyNow(const std::string& token, int64_t sku_id, int64_t quantity,
                                    int* status, std::string* body) {
  auto client = Client();
  auto checkout =
      client.Post("/api/v1/checkout",
                  R"({"shipping_address":)" + Address() + R"(,"items":[{"sku_id":)" +
                      std::to_string(sku_id) + R"(,"quantity":)" + std::to_string(quantity) + "}]}",
                  token);
  if (status) *status = checkout.status;
  if (body) *body = checkout.body;
  std::vector<int64_t> ids;
  if (checkout.status == 201) {
    for (const auto& order : checkout.json["orders"].GetArray())
      ids.push_back(order["id"].GetInt64());
  }
  return ids;
}

int64_t Market::SellCompleted(const ShopFixture& shop, const std::string& buyer_token,
                              int64_t sku_id) {
  auto ids = BuyNow(buyer_token, sku_id, 1);
  EXPECT_EQ(ids.size(), 1u);
  if (ids.size() != 1) return 0;
  auto client = Client();
  std::string order = "/api/v1/orders/" + std::to_string(ids[0]);
  auto paid = client.Post(order + "/pay", "{}", buyer_token);
  EXPECT_EQ(paid.status, 200) << paid.body;
  auto shipped = client.Post(order + "/ship", R"({"carrier":"SF","tracking_number":"T1"})",
                             shop.merchant_token);
  EXPECT_EQ(shipped.status, 200) << shipped.body;
  auto confirmed = client.Post(order + "/confirm", "{}", buyer_token);
  EXPECT_EQ(confirmed.status, 200) << confirmed.body;
  return ids[0];
}

int64_t Market::WalletAvailable(const std::string& token, const std::string& currency) {
  auto client = Client();
  auto wallet = client.Get("/api/v1/wallet", token);
  EXPECT_EQ(wallet.status, 200) << wallet.body;
  if (!wallet.json.IsObject()) return -1;
  for (const auto& balance : wallet.json["balances"].GetArray()) {
    if (currency == balance["currency"].GetString())
      return balance["available"]["amount"].GetInt64();
  }
  return 0;
}

std::pair<int64_t, int64_t> Market::ShopBalance(const std::string& token, int64_t shop_id) {
  auto client = Client();
  auto balance = client.Get("/api/v1/shops/" + std::to_string(shop_id) + "/balance", token);
  EXPECT_EQ(balance.status, 200) << balance.body;
  if (!balance.json.IsObject()) return {-1, -1};
  return {balance.json["available"]["amount"].GetInt64(),
          balance.json["pending"]["amount"].GetInt64()};
}

}  // namespace shrimp::testing
