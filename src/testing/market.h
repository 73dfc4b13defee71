// Market: a small marketplace built over real HTTP for API tests: merchants
// with shops and products, buyers with funded wallets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "testing/http_client.h"
#include "testing/test_server.h"

namespace shrimp::testing {

struct ShopFixture {
  std::string merchant_token;
  int64_t merchant_id = 0;
  int64_t shop_id = 0;
  std::vector<int64_t> sku_ids;
  std::vector<int64_t> product_ids;
};

class Market {
 public:
  explicit Market(uint16_t port) : port_(port) {}

  HttpClient Client() const { return HttpClient("127.0.0.1", port_); }

  // A merchant with a shop and one product per entry of `stocks`, each with
  // one SKU at `price` minor units.
  ShopFixture OpenShop(const std::string& name, const std::string& currency,
                       std::vector<int64_t> stocks, int64_t price = 1000);
  // A buyer whose wallet holds `amount` of `currency` (sandbox top-up).
  std::string Buyer(const std::string& email, int64_t amount = 0,
                    const std::string& currency = "CNY");
  void TopUp(const std::string& token, int64_t amount, const std::string& currency);

  // Adds to cart, checks out, and returns the orders JSON array's ids.
  std::vector<int64_t> BuyNow(const std::string& token, int64_t sku_id, int64_t quantity,
                              int* status = nullptr, std::string* body = nullptr);
  // One completed sale of `sku_id` to `buyer_token`: checkout, pay, ship at
  // once, confirm. Returns the order id (0 on failure, with a test failure).
  int64_t SellCompleted(const ShopFixture& shop, const std::string& buyer_token, int64_t sku_id);
  static std::string Address();

  // Wallet "available" in `currency`, minor units.
  int64_t WalletAvailable(const std::string& token, const std::string& currency);
  // Shop balance (available, pending) in its currency.
  std::pair<int64_t, int64_t> ShopBalance(const std::string& token, int64_t shop_id);

  std::string Login(const std::string& email,
                    const std::string& password = "correct horse battery");
  std::string SignUp(const std::string& email,
                     const std::string& password = "correct horse battery");

 private:
  uint16_t port_;
  int counter_ = 0;
};

}  // namespace shrimp::testing
