// shrimp_credit_seed: shops that qualify for working capital, for the loan
// rows of `make bench`. A shop qualifies only after 90 days of sales, so the
// history is written through the real HTTP API of an in-process server whose
// clock starts 125 days ago and steps forward a month at a time (four
// months of completed sales per shop), ending at the present; the lending
// capital is funded last. The data directory is then served by a real
// `shrimp serve`, on the system clock.
//
//   shrimp_credit_seed --data DIR --shops 32 --out DIR/credit-shops.txt
//
// --out gets one line per shop: "<shop_id> <merchant session token>".
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "testing/market.h"
#include "testing/test_server.h"

int main(int argc, char** argv) {
  using namespace shrimp;
  CLI::App app{"shrimp credit seed: shops with four months of sales and lending capital"};
  std::string data_dir;
  std::string out;
  int shops = 32;
  app.add_option("--data", data_dir)->required();
  app.add_option("--out", out)->required();
  app.add_option("--shops", shops)->check(CLI::Range(1, 90))->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  constexpr int64_t kPrice = 100'000;  // 1,000.00 CNY a sale: balance for many loan fees
  constexpr int kMonths = 4;
  constexpr int kSalesPerMonth = 4;
  int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  api::AppOptions options = testing::FastTestOptions();
  options.data_dir = data_dir;
  options.timer_interval_ms = 0;
  options.search_indexer_thread = false;
  options.accounts.session_ttl_ms = 400 * kMsPerDay;  // the tokens outlive the back-dating
  testing::TestServer server(options);
  server.clock().SetMs(now_ms - (kMonths * 30 + 5) * kMsPerDay);
  testing::Market market(server.port());
  std::vector<testing::ShopFixture> fixtures;
  for (int index = 0; index < shops; ++index) {
    fixtures.push_back(
        market.OpenShop("Credit Bench " + std::to_string(index), "CNY", {1'000'000}, kPrice));
  }
  std::vector<std::string> buyers;
  for (int index = 0; index < 4; ++index) {
    buyers.push_back(market.Buyer("credit-buyer" + std::to_string(index) + "@bench.test",
                                  100'000'000));  // the top-up maximum
  }
  for (int month = 0; month < kMonths; ++month) {
    for (const testing::ShopFixture& shop : fixtures) {
      for (int sale = 0; sale < kSalesPerMonth; ++sale) {
        if (market.SellCompleted(shop, buyers[sale % buyers.size()], shop.sku_ids[0]) == 0) {
          std::fprintf(stderr, "credit seed: a sale failed\n");
          return 1;
        }
      }
    }
    server.clock().AdvanceMs(30 * kMsPerDay);
  }
  server.clock().SetMs(now_ms);
  auto created = server.app().accounts().SignUp("credit-ops@bench.test", "credit-bench-operator",
                                                "Ops", accounts::Role::kOperator);
  if (!created.ok()) {
    std::fprintf(stderr, "credit seed: %s\n", created.error().message.c_str());
    return 1;
  }
  auto client = server.Client();
  auto funded = client.Post("/api/v1/admin/credit/capital",
                            R"({"amount":{"amount":1000000000000,"currency":"CNY"}})",
                            market.Login("credit-ops@bench.test", "credit-bench-operator"));
  if (funded.status != 201) {
    std::fprintf(stderr, "credit seed: funding failed: %d %s\n", funded.status,
                 funded.body.c_str());
    return 1;
  }
  // Fresh sessions at the present: the server checks a session against its
  // own lifetime, and the seeding ones began months ago.
  for (int index = 0; index < shops; ++index) {
    fixtures[index].merchant_token =
        market.Login("merchant" + std::to_string(index + 1) + "-Credit-Bench-" +
                     std::to_string(index) + "@example.com");
  }
  std::ofstream file(out);
  int approved = 0;
  for (const testing::ShopFixture& shop : fixtures) {
    auto offer = client.Get("/api/v1/shops/" + std::to_string(shop.shop_id) + "/credit-offer",
                            shop.merchant_token);
    if (offer.status == 200 && std::string(offer.json["decision"].GetString()) == "approved") {
      ++approved;
    }
    file << shop.shop_id << ' ' << shop.merchant_token << '\n';
  }
  std::printf("credit_seed shops=%d approved=%d orders=%d\n", shops, approved,
              shops * kMonths * kSalesPerMonth);
  return approved == shops ? 0 : 1;
}
