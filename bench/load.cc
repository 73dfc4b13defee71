// shrimp_load: the load generator. Seeds its own shops, products and funded
// buyers through the API, runs each scenario for a bounded time, prints
// throughput and latency percentiles per step, and checks afterwards that
// what the server holds matches what it counted.
//
// Scenarios: healthz (the HTTP ceiling), checkout (add to cart + checkout +
// pay into escrow: three durable requests), flash (many attempts at the
// last units of one SKU, buy-now checkout), product (product page reads),
// all (each in turn, one seeding), tracking (a carrier's events on seeded
// shipments), credit (offer, loan, early repayment on
// shops shrimp_credit_seed prepared; --credit-shops). Output lines are "key=value" so
// scripts/bench can build its table from them.
#include <CLI/CLI.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <optional>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "load_client.h"

namespace shrimp::bench {
namespace {

constexpr const char* kAddress =
    R"({"name":"Load Test","line1":"1 Bench Road","city":"Hangzhou","postal_code":"310000","country":"CN"})";
constexpr const char* kPassword = "load-test-password";
constexpr int64_t kPrice = 1000;                 // 10.00 CNY per unit
constexpr int64_t kPlentyStock = 100'000'000;    // checkout SKUs never run out
constexpr int64_t kBuyerFunds = 10'000'000'000;  // the top-up maximum

struct Market {
  std::vector<std::string> buyer_tokens;
  std::vector<int64_t> sku_ids;      // plenty of stock
  std::vector<int64_t> product_ids;  // for page reads
  int64_t flash_sku = 0;
  int64_t flash_product = 0;
  std::string operator_token;
  std::string merchant_token;
};

rapidjson::Document Parse(const std::string& body) {
  rapidjson::Document json;
  json.Parse(body.c_str(), body.size());
  return json;
}

[[noreturn]] void Die(const std::string& what, const HttpReply& reply) {
  std::fprintf(stderr, "load: %s failed: %d %s\n", what.c_str(), reply.status, reply.body.c_str());
  std::exit(1);
}

std::string LogIn(SyncClient& client, const std::string& email, const std::string& password) {
  auto reply = client.Request("POST", "/api/v1/sessions",
                              R"({"email":")" + email + R"(","password":")" + password + R"("})");
  if (reply.status != 201) Die("log-in " + email, reply);
  return Parse(reply.body)["token"].GetString();
}

std::string SignUp(SyncClient& client, const std::string& email) {
  auto reply = client.Request("POST", "/api/v1/users",
                              R"({"email":")" + email + R"(","password":")" + kPassword +
                                  R"(","name":"Load"})");
  if (reply.status != 201) Die("sign-up " + email, reply);
  return LogIn(client, email, kPassword);
}

// A product with one SKU; returns {product id, sku id}.
std::pair<int64_t, int64_t> AddProduct(SyncClient& client, const std::string& token,
                                       int64_t shop_id, const std::string& title, int64_t stock) {
  auto reply = client.Request(
      "POST", "/api/v1/shops/" + std::to_string(shop_id) + "/products",
      R"({"title":")" + title +
          R"(","description":"load test","category":"tea","skus":[{"price":{"amount":)" +
          std::to_string(kPrice) + R"(,"currency":"CNY"},"stock":)" + std::to_string(stock) +
          R"(,"attrs":{"weight":"100 g"}}]})",
      token);
  if (reply.status != 201) Die("add product", reply);
  auto json = Parse(reply.body);
  return {json["id"].GetInt64(), json["skus"][0]["id"].GetInt64()};
}

Market Seed(const RunOptions& options, const std::string& run_id, int buyers, int flash_units,
            const std::string& operator_email, const std::string& operator_password) {
  SyncClient client(options.host, options.port);
  Market market;
  if (!operator_email.empty())
    market.operator_token = LogIn(client, operator_email, operator_password);
  std::string merchant = SignUp(client, "merchant-" + run_id + "@load.test");
  market.merchant_token = merchant;
  constexpr int kShops = 10, kProductsPerShop = 20;
  for (int s = 0; s < kShops; ++s) {
    auto shop = client.Request("POST", "/api/v1/shops",
                               R"({"name":"Load Shop )" + run_id + "-" + std::to_string(s) +
                                   R"(","city":"Hangzhou","country":"CN","currency":"CNY"})",
                               merchant);
    if (shop.status != 201) Die("open shop", shop);
    int64_t shop_id = Parse(shop.body)["id"].GetInt64();
    for (int p = 0; p < kProductsPerShop; ++p) {
      auto [product, sku] =
          AddProduct(client, merchant, shop_id, "Load tea " + std::to_string(p), kPlentyStock);
      market.product_ids.push_back(product);
      market.sku_ids.push_back(sku);
    }
    if (s == 0) {
      std::tie(market.flash_product, market.flash_sku) =
          AddProduct(client, merchant, shop_id, "Flash sale tea", flash_units);
    }
  }
  // The server allows accounts::kSignUpsPerAddressMax (100) sign-ups an hour
  // per address; on loopback, buyers sign up from 127.0.0.2, .3, ... in groups
  // well under it.
  constexpr int kSignUpsPerSourceAddress = 50;
  bool loopback = options.host == "127.0.0.1";
  std::optional<SyncClient> buyer_client;
  for (int b = 0; b < buyers; ++b) {
    if (b % kSignUpsPerSourceAddress == 0) {
      std::string source =
          loopback ? "127.0.0." + std::to_string(2 + (b / kSignUpsPerSourceAddress) % 250) : "";
      buyer_client.emplace(options.host, options.port, source);
    }
    std::string token =
        SignUp(*buyer_client, "buyer-" + run_id + "-" + std::to_string(b) + "@load.test");
    auto topped = buyer_client->Request("POST", "/api/v1/wallet/top-ups",
                                        R"({"amount":{"amount":)" + std::to_string(kBuyerFunds) +
                                            R"(,"currency":"CNY"},"provider":"sandbox"})",
                                        token, "top-up-" + run_id + "-" + std::to_string(b));
    if (topped.status != 201) Die("top-up", topped);
    market.buyer_tokens.push_back(token);
  }
  std::printf("seeded shops=%d products=%zu buyers=%d flash_units=%d\n", kShops,
              market.product_ids.size() + 1, buyers, flash_units);
  return market;
}

int64_t FirstOrderId(const std::string& body) {
  // {"orders":[{"id":123,...: the first "id" is the order's.
  size_t at = body.find("\"id\":");
  return at == std::string::npos ? 0 : std::atoll(body.c_str() + at + 5);
}

std::vector<Step> HealthzScenario() {
  Step step;
  step.name = "healthz";
  step.method = "GET";
  step.target = [](int, uint64_t, const std::string&) { return std::string("/healthz"); };
  return {step};
}

std::vector<Step> CheckoutScenario(const Market& market) {
  auto token = [&market](int worker) {
    return market.buyer_tokens[worker % market.buyer_tokens.size()];
  };
  Step add;
  add.name = "1_cart_add";
  add.method = "POST";
  add.token = token;
  add.target = [](int, uint64_t, const std::string&) { return std::string("/api/v1/cart/items"); };
  add.body = [&market](int worker, uint64_t iteration, const std::string&) {
    int64_t sku = market.sku_ids[(worker * 7 + iteration) % market.sku_ids.size()];
    return R"({"sku_id":)" + std::to_string(sku) + R"(,"quantity":1})";
  };
  Step checkout;
  checkout.name = "2_checkout";
  checkout.method = "POST";
  checkout.token = token;
  checkout.idempotency_key = true;
  checkout.target = [](int, uint64_t, const std::string&) {
    return std::string("/api/v1/checkout");
  };
  checkout.body = [](int, uint64_t, const std::string&) {
    return std::string(R"({"shipping_address":)") + kAddress + "}";
  };
  Step pay;
  pay.name = "3_pay";
  pay.method = "POST";
  pay.token = token;
  pay.idempotency_key = true;
  pay.target = [](int, uint64_t, const std::string& last_body) {
    return "/api/v1/orders/" + std::to_string(FirstOrderId(last_body)) + "/pay";
  };
  pay.body = [](int, uint64_t, const std::string&) {
    return std::string(R"({"method":"wallet"})");
  };
  return {add, checkout, pay};
}

std::vector<Step> FlashScenario(const Market& market) {
  Step attempt;
  attempt.name = "flash_attempt";
  attempt.method = "POST";
  attempt.token = [&market](int worker) {
    return market.buyer_tokens[worker % market.buyer_tokens.size()];
  };
  attempt.idempotency_key = true;  // checkout requires one
  attempt.target = [](int, uint64_t, const std::string&) {
    return std::string("/api/v1/checkout");
  };
  attempt.body = [&market](int, uint64_t, const std::string&) {
    return std::string(R"({"shipping_address":)") + kAddress + R"(,"items":[{"sku_id":)" +
           std::to_string(market.flash_sku) + R"(,"quantity":1}]})";
  };
  attempt.judge = [](const HttpReply& reply) {
    if (reply.status == 201) return 0;
    if (reply.status == 409 && reply.body.find("out_of_stock") != std::string::npos) return 1;
    return 2;
  };
  return {attempt};
}

// Keyed writes: every cart edit carries a fresh Idempotency-Key, each of
// which the server keeps for its retention period. Measures that memory and
// disk stay bounded (RSS is read by scripts/bench around it).
std::vector<Step> KeyedScenario(const Market& market) {
  Step edit;
  edit.name = "keyed_cart_edit";
  edit.method = "PATCH";
  edit.token = [&market](int worker) {
    return market.buyer_tokens[worker % market.buyer_tokens.size()];
  };
  edit.idempotency_key = true;
  edit.target = [&market](int worker, uint64_t iteration, const std::string&) {
    // A few SKUs per buyer, well inside the cart's 100 lines.
    return "/api/v1/cart/items/" +
           std::to_string(market.sku_ids[(worker + iteration % 5) % market.sku_ids.size()]);
  };
  edit.body = [](int, uint64_t iteration, const std::string&) {
    return R"({"quantity":)" + std::to_string(1 + iteration % 5) + "}";
  };
  return {edit};
}

std::vector<Step> ProductScenario(const Market& market) {
  Step read;
  read.name = "product_page";
  read.method = "GET";
  read.target = [&market](int worker, uint64_t iteration, const std::string&) {
    return "/api/v1/products/" +
           std::to_string(
               market.product_ids[(worker * 13 + iteration) % market.product_ids.size()]);
  };
  return {read};
}

// Tracking: a carrier posts arrived_hub events with its API key, each applied
// once by its event id and recomputing the shipment's ETA from that hub.
// Iteration i posts to shipment i mod N: kTrackedShipmentsPerWorker per
// connection, seeded by buying, paying and shipping with the carrier, each
// taking at most kEventsPerTrackedShipment (the server holds 200).
constexpr int kTrackedShipmentsPerWorker = 8;
constexpr uint64_t kEventsPerTrackedShipment = 190;

struct Tracked {
  std::string carrier_key;
  std::vector<std::pair<int64_t, std::string>> shipments;  // {id, a hub on its route}
};

Tracked SeedTracking(const RunOptions& options, const Market& market) {
  SyncClient client(options.host, options.port);
  Tracked tracked;
  auto key =
      client.Request("POST", "/api/v1/admin/carriers/swiftpost/keys", "{}", market.operator_token);
  if (key.status != 201) Die("carrier key", key);
  tracked.carrier_key = Parse(key.body)["key"].GetString();
  for (int worker = 0; worker < options.connections; ++worker) {
    const std::string& buyer = market.buyer_tokens[worker % market.buyer_tokens.size()];
    for (int n = 0; n < kTrackedShipmentsPerWorker; ++n) {
      std::string tag =
          options.idempotency_prefix + "-seed-" + std::to_string(worker) + "-" + std::to_string(n);
      auto placed =
          client.Request("POST", "/api/v1/checkout",
                         std::string(R"({"shipping_address":)") + kAddress +
                             R"(,"items":[{"sku_id":)" +
                             std::to_string(market.sku_ids[(worker + n) % market.sku_ids.size()]) +
                             R"(,"quantity":1}]})",
                         buyer, tag + "-checkout");
      if (placed.status != 201) Die("tracking checkout", placed);
      std::string order = "/api/v1/orders/" + std::to_string(FirstOrderId(placed.body));
      auto paid = client.Request("POST", order + "/pay", "{}", buyer, tag + "-pay");
      if (paid.status != 200) Die("tracking pay", paid);
      auto shipped =
          client.Request("POST", order + "/ship", R"({"carrier":"swiftpost","service":"standard"})",
                         market.merchant_token);
      if (shipped.status != 200) Die("tracking ship", shipped);
      auto tracking = client.Request("GET", order + "/tracking", "", market.merchant_token);
      auto json = Parse(tracking.body);
      if (tracking.status != 200 || !json.IsObject() || !json["shipment"].IsObject() ||
          !json["shipment"]["legs"].IsArray() || json["shipment"]["legs"].Empty()) {
        Die("tracking read", tracking);
      }
      const auto& shipment = json["shipment"];
      tracked.shipments.emplace_back(shipment["id"].GetInt64(),
                                     shipment["legs"][0]["to"].GetString());
    }
  }
  std::printf("seeded tracked_shipments=%d\n", options.connections * kTrackedShipmentsPerWorker);
  return tracked;
}

// The current minute as ISO 8601 UTC: events may not be in the future.
std::string NowMinuteIso() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:00Z", &utc);
  return text;
}

std::vector<Step> TrackingScenario(const Tracked& tracked, const std::string& run_id) {
  Step post;
  post.name = "tracking_event";
  post.method = "POST";
  post.token = [&tracked](int) { return tracked.carrier_key; };
  post.target = [&tracked](int, uint64_t iteration, const std::string&) {
    return "/api/v1/shipments/" +
           std::to_string(tracked.shipments[iteration % tracked.shipments.size()].first) +
           "/events";
  };
  post.body = [&tracked, run_id](int, uint64_t iteration, const std::string&) {
    const std::string& hub = tracked.shipments[iteration % tracked.shipments.size()].second;
    return R"({"event_id":")" + run_id + "-" + std::to_string(iteration) +
           R"(","type":"arrived_hub","at":")" + NowMinuteIso() + R"(","hub":")" + hub + R"("})";
  };
  return {post};
}

// Working capital: each worker owns one shop seeded with months of sales
// (shrimp_credit_seed) and loops: its live offer, a loan decided and
// disbursed, the loan repaid early (so the next loan can be decided).
struct CreditShop {
  int64_t shop_id = 0;
  std::string token;
};
constexpr int64_t kCreditLoanAmount = 10'000;  // 100.00 CNY

std::vector<CreditShop> ReadCreditShops(const std::string& path) {
  std::vector<CreditShop> shops;
  std::FILE* file = std::fopen(path.c_str(), "r");
  if (!file) return shops;
  long long shop_id = 0;
  char token[512];
  while (std::fscanf(file, "%lld %511s", &shop_id, token) == 2) {
    shops.push_back({static_cast<int64_t>(shop_id), token});
  }
  std::fclose(file);
  return shops;
}

std::vector<Step> CreditScenario(const std::vector<CreditShop>& shops) {
  auto shop = [&shops](int worker) -> const CreditShop& { return shops[worker % shops.size()]; };
  auto token = [shop](int worker) { return shop(worker).token; };
  Step offer;
  offer.name = "1_credit_offer";
  offer.method = "GET";
  offer.token = token;
  offer.target = [shop](int worker, uint64_t, const std::string&) {
    return "/api/v1/shops/" + std::to_string(shop(worker).shop_id) + "/credit-offer";
  };
  offer.judge = [](const HttpReply& reply) {
    return reply.status == 200 && reply.body.find("\"decision\":\"approved\"") != std::string::npos
               ? 0
               : 2;
  };
  Step loan;
  loan.name = "2_loan_decision";
  loan.method = "POST";
  loan.token = token;
  loan.idempotency_key = true;
  loan.target = [](int, uint64_t, const std::string&) { return std::string("/api/v1/loans"); };
  loan.body = [shop](int worker, uint64_t, const std::string&) {
    return R"({"shop_id":)" + std::to_string(shop(worker).shop_id) + R"(,"amount":{"amount":)" +
           std::to_string(kCreditLoanAmount) + R"(,"currency":"CNY"}})";
  };
  Step repay;
  repay.name = "3_loan_repaid";
  repay.method = "POST";
  repay.token = token;
  repay.idempotency_key = true;
  repay.target = [](int, uint64_t, const std::string& last_body) {
    return "/api/v1/loans/" + std::to_string(FirstOrderId(last_body)) + "/repayments";
  };
  repay.body = [](int, uint64_t, const std::string&) { return std::string("{}"); };
  return {offer, loan, repay};
}

void PrintStats(const std::string& scenario, RunResult& result) {
  double rate = result.elapsed_s > 0 ? result.iterations_completed / result.elapsed_s : 0;
  double attempts =
      result.elapsed_s > 0
          ? (result.iterations_completed + result.iterations_refused) / result.elapsed_s
          : 0;
  auto& whole = result.iteration_latencies_us;
  std::printf(
      "scenario=%s completed=%llu refused=%llu failed=%llu elapsed_s=%.2f rate_per_s=%.0f "
      "attempts_per_s=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      scenario.c_str(), static_cast<unsigned long long>(result.iterations_completed),
      static_cast<unsigned long long>(result.iterations_refused),
      static_cast<unsigned long long>(result.iterations_failed), result.elapsed_s, rate, attempts,
      Percentile(whole, 0.50) / 1e3, Percentile(whole, 0.90) / 1e3, Percentile(whole, 0.99) / 1e3,
      Percentile(whole, 1.0) / 1e3);
  for (auto& [name, stats] : result.steps) {
    std::printf(
        "  step=%-14s ok=%llu refused=%llu failed=%llu p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
        "max_ms=%.2f\n",
        name.c_str(), static_cast<unsigned long long>(stats.ok),
        static_cast<unsigned long long>(stats.refused),
        static_cast<unsigned long long>(stats.failed), Percentile(stats.latencies_us, 0.50) / 1e3,
        Percentile(stats.latencies_us, 0.90) / 1e3, Percentile(stats.latencies_us, 0.99) / 1e3,
        Percentile(stats.latencies_us, 1.0) / 1e3);
  }
  std::fflush(stdout);
}

// Orders by status from the operator overview.
int64_t OrdersWithStatus(const RunOptions& options, const Market& market, const char* status) {
  SyncClient client(options.host, options.port);
  auto reply = client.Request("GET", "/api/v1/admin/overview", "", market.operator_token);
  if (reply.status != 200) Die("overview", reply);
  auto json = Parse(reply.body);
  const auto& by_status = json["orders_by_status"];
  return by_status.HasMember(status) ? by_status[status].GetInt64() : 0;
}

bool CheckLedger(const RunOptions& options, const Market& market) {
  SyncClient client(options.host, options.port);
  auto reply = client.Request("GET", "/api/v1/admin/ledger-check", "", market.operator_token);
  bool ok = reply.status == 200 && Parse(reply.body)["ok"].GetBool();
  std::printf("check=%s\n", ok ? "ok" : reply.body.c_str());
  return ok;
}

}  // namespace
}  // namespace shrimp::bench

int main(int argc, char** argv) {
  using namespace shrimp::bench;
  CLI::App app{"shrimp load generator"};
  RunOptions options;
  std::string scenario = "healthz";
  std::string run_id = std::to_string(::time(nullptr));
  std::string operator_email, operator_password;
  int flash_units = 1000;
  uint64_t flash_attempts = 100'000;
  double half_rate = 0;
  app.add_option("--host", options.host)->capture_default_str();
  app.add_option("--port", options.port)->required();
  app.add_option("--connections", options.connections)->capture_default_str();
  app.add_option("--duration", options.duration_s, "seconds per scenario")->capture_default_str();
  app.add_option("--iterations", options.iterations_max, "stop after this many (0: no bound)");
  app.add_option("--rate", options.rate_per_s, "open-loop target rate per second (0: flat out)");
  std::string credit_shops;
  app.add_option("--credit-shops", credit_shops,
                 "credit: the file shrimp_credit_seed wrote (\"<shop_id> <token>\" lines)");
  app.add_option("--scenario", scenario, "healthz|checkout|flash|product|keyed|credit|tracking|all")
      ->capture_default_str();
  app.add_option("--run-id", run_id, "makes seeded names unique");
  app.add_option("--operator-email", operator_email, "operator for the after-run checks");
  app.add_option("--operator-password", operator_password);
  app.add_option("--flash-units", flash_units)->capture_default_str();
  app.add_option("--flash-attempts", flash_attempts)->capture_default_str();
  app.add_option("--latency-rate", half_rate,
                 "all: the open-loop rate for the latency run (0: half the measured throughput)");
  CLI11_PARSE(app, argc, argv);

  if (scenario == "credit") {
    // Seeded elsewhere (back-dated history); one connection per shop.
    std::vector<CreditShop> shops = ReadCreditShops(credit_shops);
    if (shops.empty()) {
      std::fprintf(stderr, "load: --credit-shops names no shops\n");
      return 2;
    }
    RunOptions credit = options;
    credit.connections = std::min<int>(options.connections, static_cast<int>(shops.size()));
    credit.idempotency_prefix = run_id + "-credit";
    RunResult result = RunScenario(credit, CreditScenario(shops));
    PrintStats("credit", result);
    return result.iterations_failed == 0 ? 0 : 1;
  }
  bool needs_market = scenario != "healthz";
  if (needs_market && operator_email.empty()) {
    std::fprintf(stderr,
                 "load: --operator-email/--operator-password are needed to check the results\n");
    return 2;
  }
  Market market;
  if (needs_market) {
    market =
        Seed(options, run_id, options.connections, flash_units, operator_email, operator_password);
  }
  bool ok = true;
  auto run = [&](const std::string& name, const std::vector<Step>& steps, RunOptions run_options) {
    run_options.idempotency_prefix = run_id + "-" + name;
    RunResult result = RunScenario(run_options, steps);
    PrintStats(name, result);
    ok = ok && result.iterations_failed == 0;
    return result;
  };
  uint64_t paid_expected = 0;
  if (scenario == "healthz" || scenario == "all") run("healthz", HealthzScenario(), options);
  if (scenario == "checkout" || scenario == "all") {
    RunResult flat = run("checkout", CheckoutScenario(market), options);
    paid_expected += flat.iterations_completed;
    if (scenario == "all") {
      RunOptions paced = options;
      paced.rate_per_s = half_rate > 0 ? half_rate : flat.iterations_completed / flat.elapsed_s / 2;
      std::printf("latency run at rate_per_s=%.0f\n", paced.rate_per_s);
      RunResult half = run("checkout_half_rate", CheckoutScenario(market), paced);
      paid_expected += half.iterations_completed;
    }
    int64_t paid = OrdersWithStatus(options, market, "paid");
    std::printf("paid_orders=%lld counted=%llu %s\n", static_cast<long long>(paid),
                static_cast<unsigned long long>(paid_expected),
                paid == static_cast<int64_t>(paid_expected) ? "match" : "MISMATCH");
    ok = ok && paid == static_cast<int64_t>(paid_expected);
  }
  if (scenario == "flash" || scenario == "all") {
    RunOptions flash = options;
    flash.iterations_max = flash_attempts;
    flash.duration_s = 120;
    RunResult result = run("flash", FlashScenario(market), flash);
    SyncClient client(options.host, options.port);
    auto product =
        client.Request("GET", "/api/v1/products/" + std::to_string(market.flash_product), "");
    int64_t left = Parse(product.body)["skus"][0]["stock"].GetInt64();
    bool exact = static_cast<int64_t>(result.iterations_completed) == flash_units && left == 0;
    std::printf("flash_sold=%llu flash_units=%d stock_left=%lld %s\n",
                static_cast<unsigned long long>(result.iterations_completed), flash_units,
                static_cast<long long>(left), exact ? "exact" : "OVERSOLD_OR_UNDERSOLD");
    ok = ok && exact;
  }
  if (scenario == "keyed") run("keyed", KeyedScenario(market), options);
  if (scenario == "tracking") {
    RunOptions tracking = options;
    tracking.idempotency_prefix = run_id + "-tracking";
    Tracked tracked = SeedTracking(tracking, market);
    // Each shipment takes at most kEventsPerTrackedShipment of them.
    uint64_t capacity = tracked.shipments.size() * kEventsPerTrackedShipment;
    tracking.iterations_max =
        options.iterations_max ? std::min(options.iterations_max, capacity) : capacity;
    run("tracking", TrackingScenario(tracked, run_id), tracking);
  }
  if (scenario == "product" || scenario == "all") {
    run("product", ProductScenario(market), options);
    // Latency at a concurrency a page cache would see, not the saturation run's queueing.
    RunOptions fewer = options;
    fewer.connections = std::min(options.connections, 32);
    run("product_32", ProductScenario(market), fewer);
  }
  if (needs_market) ok = CheckLedger(options, market) && ok;
  return ok ? 0 : 1;
}
