// Every kind of writer job, with each of its statements failing in turn:
// the request is refused, memory equals disk afterwards (every invariant,
// the hot state against a fresh rebuild), and the same request then succeeds.
// This is the proof of the write discipline (store/journal.h).
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "api/snapshots.h"
#include "catalog/stock_book.h"
#include "credit/model_store.h"
#include "credit/offer_store.h"
#include "credit/training.h"
#include "ledger/ledger.h"
#include "logistics/time_zone.h"
#include "orders/order_book.h"
#include "testing/faulty_connection.h"
#include "testing/market.h"
#include "testing/test_server.h"
#include "testing/webhook_receiver.h"

namespace shrimp {
namespace {

using testing::FaultyConnection;
using testing::HttpResult;

constexpr int64_t kStatementsPerJobMax = 400;

class FaultTest : public ::testing::TestWithParam<bool> {
 protected:
  static api::AppOptions Options(FaultyConnection** faulty) {
    api::AppOptions options = testing::FastTestOptions();
    options.provider_webhook_secret = "whsec_fault_test_secret_0123456789";
    options.timer_interval_ms = 0;
    // Webhooks are dispatched by the test (RunOnce), to the loopback receiver.
    options.webhooks.poll_interval_ms = 0;
    options.webhooks.allowed_hosts = {"127.0.0.1"};
    // The credit steps move the clock by months; sessions must outlive them.
    options.accounts.session_ttl_ms = 400 * kMsPerDay;
    // Small retention batches: each failing statement reruns the whole job.
    options.outbox_retention.batch_max = 5;
    options.outbox_retention.scan_max = 10;
    options.wrap_write_connection = [faulty](std::unique_ptr<store::Connection> inner) {
      auto wrapped = std::make_unique<FaultyConnection>(std::move(inner));
      *faulty = wrapped.get();
      return std::unique_ptr<store::Connection>(std::move(wrapped));
    };
    return options;
  }

  FaultTest() : server_(Options(&faulty_)), market_(server_.port()) {}
  int64_t options_retention_ms() const { return api::AppOptions().outbox_retention.retention_ms; }

  // Memory equals disk: the invariant checks (which compare the ledger's and
  // the stock book's memory with the tables) and a fresh rebuild of the
  // ledger and the order book from the tables.
  void ExpectMemoryEqualsDisk(const std::string& step, int64_t n) {
    SCOPED_TRACE(step + ", statement " + std::to_string(n) + " failed");
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok()) << problems.error().message;
    for (const std::string& problem : *problems) ADD_FAILURE() << problem;
    auto same = server_.app().writer().Run<Ok>([&](store::Connection& connection) -> Status {
      ledger::Ledger fresh(server_.clock());
      SHRIMP_RETURN_IF_ERROR(fresh.Load(connection));
      auto live = server_.app().ledger().Accounts();
      auto rebuilt = fresh.Accounts();
      if (live.size() != rebuilt.size()) return Internal("ledger accounts differ in number");
      for (size_t index = 0; index < live.size(); ++index) {
        if (live[index].account.id != rebuilt[index].account.id ||
            !(live[index].balance == rebuilt[index].balance)) {
          return Internal("ledger account " + std::to_string(live[index].account.id) +
                          " differs from its rebuild");
        }
      }
      if (fresh.next_transfer_id() != server_.app().ledger().next_transfer_id()) {
        return Internal("ledger transfer ids differ from their rebuild");
      }
      if (fresh.ActivePendingIds() != server_.app().ledger().ActivePendingIds()) {
        return Internal("ledger pending transfers differ from their rebuild");
      }
      if (fresh.transfers_since_snapshot() != server_.app().ledger().transfers_since_snapshot()) {
        return Internal("ledger snapshot position differs from its rebuild");
      }
      // The stock book, rebuilt from its newest snapshot and the tail.
      catalog::StockBook stock;
      SHRIMP_RETURN_IF_ERROR(stock.Load(connection));
      if (stock.size() != server_.app().stock().size()) return Internal("SKU count differs");
      store::Query skus(connection, "SELECT id FROM skus");
      while (skus.Next()) {
        catalog::StockLevel live = server_.app().stock().Level(skus.Int(0));
        catalog::StockLevel rebuilt = stock.Level(skus.Int(0));
        if (live.on_hand != rebuilt.on_hand || live.reserved != rebuilt.reserved) {
          return Internal("stock of sku " + std::to_string(skus.Int(0)) + " differs");
        }
      }
      SHRIMP_RETURN_IF_ERROR(skus.status());
      // The API keys that authenticate: exactly the unrevoked rows.
      accounts::ApiKeyService keys(server_.app().db(), server_.app().writer(), server_.clock());
      SHRIMP_RETURN_IF_ERROR(keys.Load(connection));
      if (keys.active_keys() != server_.app().api_keys().active_keys()) {
        return Internal("active API keys differ from their rebuild");
      }
      SHRIMP_RETURN_IF_ERROR(server_.app().credit().CheckBooks(connection));
      return server_.app().orders().CheckBook(connection);
    });
    EXPECT_TRUE(same.ok()) << same.error().message;
    // Retention deletes old events by design: from then on the outbox holds
    // only the recent ones (its own step checks it is all or none).
    if (!outbox_pruned_) ExpectEveryChangeHasItsEvent();
  }

  // Rows in the outbox tables, to tell a pruning job that failed changed nothing.
  int64_t OutboxRows() {
    auto rows = server_.app().db().Read([](store::Connection& connection) {
      return store::Query(connection,
                          "SELECT (SELECT COUNT(*) FROM events)"
                          " + (SELECT COUNT(*) FROM webhook_deliveries)"
                          " + (SELECT COUNT(*) FROM webhook_attempts)")
          .ScalarInt();
    });
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->value_or(0) : -1;
  }

  // The outbox: an event exists exactly when its change does (an accepted
  // refund writes two: refund.resolved and order.refunded; a settled payout
  // one more than a requested one).
  void ExpectEveryChangeHasItsEvent() {
    auto counts =
        server_.app().db().Read([](store::Connection& connection) -> Result<std::vector<int64_t>> {
          store::Query query(connection,
                             "SELECT (SELECT COUNT(*) FROM order_events)"
                             " + (SELECT COUNT(*) FROM order_events WHERE event = 'accept_refund'),"
                             " (SELECT COUNT(*) FROM events WHERE object_type = 'order'),"
                             " (SELECT COUNT(*) FROM payouts)"
                             " + (SELECT COUNT(*) FROM payouts WHERE status <> 'requested'),"
                             " (SELECT COUNT(*) FROM events WHERE object_type = 'payout')");
          if (!query.Next()) return query.ok() ? Internal("no row") : query.error();
          return std::vector<int64_t>{query.Int(0), query.Int(1), query.Int(2), query.Int(3)};
        });
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    EXPECT_EQ((*counts)[0], (*counts)[1]) << "order changes and their events differ";
    EXPECT_EQ((*counts)[2], (*counts)[3]) << "payout changes and their events differ";
  }

  // Runs `step` with its n-th statement failing, for n = 1, 2, ... until it
  // runs with no failure left to inject; each failed run must be refused and
  // change nothing. Returns the successful result.
  HttpResult EveryStatementFails(const std::string& name, const std::function<HttpResult()>& step) {
    for (int64_t n = 1; n <= kStatementsPerJobMax; ++n) {
      faulty_->FailAt(n, GetParam());
      HttpResult result = step();
      bool fired = faulty_->fired();
      faulty_->Disarm();
      if (!fired) {
        EXPECT_LT(result.status, 300) << name << ": " << result.body;
        return result;
      }
      EXPECT_GE(result.status, 400)
          << name << " succeeded although statement " << n << " failed: " << result.body;
      ExpectMemoryEqualsDisk(name, n);
      if (::testing::Test::HasFailure()) return result;
    }
    ADD_FAILURE() << name << " ran more than " << kStatementsPerJobMax << " statements";
    return {};
  }

  std::string Key() { return "fault-key-" + std::to_string(++keys_); }

  FaultyConnection* faulty_ = nullptr;
  bool outbox_pruned_ = false;
  testing::TestServer server_;
  testing::Market market_;
  testing::HttpClient client_ = server_.Client();
  int keys_ = 0;
};

TEST_P(FaultTest, EveryJobLeavesMemoryEqualToDiskWhateverStatementFails) {
  // Set-up without faults: a merchant, a shop, a product, an operator.
  testing::ShopFixture shop = market_.OpenShop("Fault Tea", "CNY", {50, 5}, 1000);
  std::string buyer = market_.Buyer("buyer@example.com");
  ASSERT_TRUE(
      server_.app()
          .accounts()
          .SignUp("ops@example.com", "correct horse battery", "Ops", accounts::Role::kOperator)
          .ok());
  std::string ops = market_.Login("ops@example.com");
  auto post = [&](const std::string& target, const std::string& body, const std::string& token,
                  const std::string& key) {
    return [=, this] { return client_.Post(target, body, token, {{"Idempotency-Key", key}}); };
  };
  auto with_key = [&](const std::string& target, const std::string& body,
                      const std::string& token) { return post(target, body, token, Key()); };
  auto order_of = [](const HttpResult& result) {
    return std::to_string(result.json["orders"][0]["id"].GetInt64());
  };
  std::string sku = std::to_string(shop.sku_ids[0]);
  std::string small_sku = std::to_string(shop.sku_ids[1]);
  testing::WebhookReceiver receiver;
  HttpResult webhook =
      EveryStatementFails("webhook create",
                          with_key("/api/v1/webhooks", R"({"url":")" + receiver.Url() + "\"}",
                                   shop.merchant_token));
  std::string webhook_path = "/api/v1/webhooks/" + std::to_string(webhook.json["id"].GetInt64());
  auto dispatch = [&] {
    HttpResult result;
    auto attempts = server_.app().webhooks().RunOnce();
    result.status = attempts.ok() ? 200 : 500;
    return result;
  };

  EveryStatementFails("sign up", [&] {
    return client_.Post(
        "/api/v1/users",
        R"({"email":"new@example.com","password":"correct horse battery","name":"N"})");
  });
  EveryStatementFails(
      "open shop",
      with_key("/api/v1/shops",
               R"({"name":"Second","city":"Hangzhou","country":"CN","currency":"CNY"})",
               shop.merchant_token));
  EveryStatementFails(
      "create product",
      with_key(
          "/api/v1/shops/" + std::to_string(shop.shop_id) + "/products",
          R"({"title":"Oolong","description":"d","category":"tea","skus":[{"price":{"amount":700,"currency":"CNY"},"stock":9,"attrs":{"w":"1"}},{"price":{"amount":800,"currency":"CNY"},"stock":3,"attrs":{"w":"2"}}]})",
          shop.merchant_token));
  EveryStatementFails("stock edit", [&] {
    return client_.Patch("/api/v1/skus/" + sku, R"({"stock":60})", shop.merchant_token);
  });
  EveryStatementFails(
      "top-up",
      with_key("/api/v1/wallet/top-ups",
               R"({"amount":{"amount":100000,"currency":"CNY"},"provider":"sandbox"})", buyer));
  EveryStatementFails("set fx rate", [&] {
    return client_.Send("PUT", "/api/v1/admin/fx-rates",
                        R"({"base":"CNY","quote":"EUR","rate_ppm":130000})", ops, {});
  });
  EveryStatementFails("conversion",
                      with_key("/api/v1/wallet/conversions",
                               R"({"amount":{"amount":1000,"currency":"CNY"},"to_currency":"EUR"})",
                               buyer));
  EveryStatementFails("cart add", with_key("/api/v1/cart/items",
                                           R"({"sku_id":)" + sku + R"(,"quantity":2})", buyer));
  std::string checkout_body = R"({"shipping_address":)" + testing::Market::Address() + "}";
  HttpResult checkout =
      EveryStatementFails("checkout from cart", with_key("/api/v1/checkout", checkout_body, buyer));
  std::string paid = order_of(checkout);
  EveryStatementFails("pay", with_key("/api/v1/orders/" + paid + "/pay", "{}", buyer));
  // A snapshot holding the paid order's pending hold: every later rebuild
  // starts from it, and one whose job failed must never be read.
  auto snapshot = [&] {
    HttpResult result;
    auto written = api::WriteSnapshotsNow(server_.app());
    result.status = written.ok() && *written ? 200 : 500;
    return result;
  };
  EveryStatementFails("snapshot", snapshot);
  EveryStatementFails("ship",
                      with_key("/api/v1/orders/" + paid + "/ship",
                               R"({"carrier":"SF","tracking_number":"SF1"})", shop.merchant_token));
  EveryStatementFails("deliver", with_key("/api/v1/orders/" + paid + "/deliver", "{}", ops));
  EveryStatementFails("confirm", with_key("/api/v1/orders/" + paid + "/confirm", "{}", buyer));

  // Reviews: each job moves the reputation tallies (CheckInvariants compares
  // them with a rebuild from the tables).
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0');
  HttpResult image = EveryStatementFails("review image", [&] {
    return client_.Send("POST", "/api/v1/review-images", png, buyer, {{"Idempotency-Key", Key()}},
                        "image/png");
  });
  HttpResult review = EveryStatementFails(
      "review", with_key("/api/v1/orders/" + paid + "/review",
                         R"({"line_id":1,"ratings":{"described":5,"service":4,"shipping":3},)"
                         R"("text":"bon","images":[")" +
                             std::string(image.json["name"].GetString()) + R"("]})",
                         buyer));
  std::string review_path = "/api/v1/reviews/" + std::to_string(review.json["id"].GetInt64());
  EveryStatementFails("review reply",
                      with_key(review_path + "/reply", R"({"text":"merci"})", shop.merchant_token));
  EveryStatementFails("review report",
                      with_key(review_path + "/reports", R"({"reason":"rude"})", ops));
  EveryStatementFails("review moderation",
                      with_key(review_path + "/moderation", R"({"action":"uphold"})", ops));

  // Shipping priced at checkout: the fee rides in escrow with the goods and
  // is released to shipping_payable, in the same jobs.
  std::string with_shipping =
      R"({"shipping_address":)" + testing::Market::Address() + R"(,"items":[{"sku_id":)" + sku +
      R"(,"quantity":1}],"shipping":[{"shop_id":)" + std::to_string(shop.shop_id) +
      R"(,"carrier":"swiftpost","service":"standard"}]})";
  std::string carried =
      order_of(EveryStatementFails("checkout with shipping",
                                   with_key("/api/v1/checkout", with_shipping, buyer)));
  EXPECT_EQ(client_.Post("/api/v1/orders/" + carried + "/pay", "{}", buyer).status, 200);
  EXPECT_EQ(client_.Post("/api/v1/orders/" + carried + "/ship", "{}", shop.merchant_token).status,
            200);
  EveryStatementFails("confirm pays the shipping fee",
                      with_key("/api/v1/orders/" + carried + "/confirm", "{}", buyer));

  // Buy-now, pay, then a refund before shipping: stock comes back.
  std::string buy_now = R"({"shipping_address":)" + testing::Market::Address() +
                        R"(,"items":[{"sku_id":)" + small_sku + R"(,"quantity":1}]})";
  std::string refunded =
      order_of(EveryStatementFails("buy now", with_key("/api/v1/checkout", buy_now, buyer)));
  EveryStatementFails("pay again", with_key("/api/v1/orders/" + refunded + "/pay", "{}", buyer));
  EveryStatementFails("second snapshot", snapshot);
  EveryStatementFails("refund request", with_key("/api/v1/orders/" + refunded + "/refund-requests",
                                                 R"({"reason":"changed my mind"})", buyer));
  EveryStatementFails("refund accept",
                      with_key("/api/v1/orders/" + refunded + "/refund-requests/accept", "{}",
                               shop.merchant_token));

  // Cancel an unpaid order; let another expire on the timer.
  std::string cancelled =
      order_of(EveryStatementFails("buy to cancel", with_key("/api/v1/checkout", buy_now, buyer)));
  EveryStatementFails("cancel", with_key("/api/v1/orders/" + cancelled + "/cancel", "{}", buyer));
  std::string expiring =
      order_of(EveryStatementFails("buy to expire", with_key("/api/v1/checkout", buy_now, buyer)));
  server_.clock().AdvanceMs(server_.app().orders().timers().unpaid_ttl_ms + 1);
  EveryStatementFails("expiry timer", [&] {
    HttpResult result;
    auto moved = server_.app().RunTimersOnce();
    result.status = moved.ok() ? 200 : 500;
    // A timer job isolates each order: an injected failure inside one order
    // is logged and skipped, so the job itself may still succeed.
    if (moved.ok() && faulty_->fired()) result.status = 500;
    return result;
  });
  EXPECT_STREQ(client_.Get("/api/v1/orders/" + expiring, buyer).json["status"].GetString(),
               "cancelled");

  // A payout of the merchant's revenue, marked paid by an operator.
  HttpResult payout =
      EveryStatementFails("payout", with_key("/api/v1/payouts",
                                             R"({"shop_id":)" + std::to_string(shop.shop_id) +
                                                 R"(,"amount":{"amount":100,"currency":"CNY"}})",
                                             shop.merchant_token));
  std::string payout_id = std::to_string(payout.json["id"].GetInt64());
  EveryStatementFails("payout paid",
                      with_key("/api/v1/payouts/" + payout_id + "/mark-paid", "{}", ops));

  // A carrier's API key: issued, used, its last use written, revoked.
  HttpResult issued = EveryStatementFails("issue carrier key", [&] {
    return client_.Post("/api/v1/admin/carriers/swiftpost/keys", "", ops);
  });
  std::string carrier_key = issued.json["key"].GetString();
  std::string key_id = std::to_string(issued.json["api_key"]["id"].GetInt64());
  server_.clock().AdvanceMs(5'000);
  ASSERT_EQ(client_.Get("/api/v1/partner/me", carrier_key).status, 200);
  // A failed flush must leave the use to write: the one that succeeds writes it.
  EveryStatementFails("flush key use", [&] {
    HttpResult result;
    auto written = server_.app().FlushKeyUseOnce();
    result.status = !written.ok() || (!faulty_->fired() && *written != 1) ? 500 : 200;
    return result;
  });
  // Shipments: shipped with a network carrier, a tracking event, delivery by
  // the carrier (the order moves), and a lost parcel (the buyer is refunded).
  std::string buy_one = R"({"shipping_address":)" + testing::Market::Address() +
                        R"(,"items":[{"sku_id":)" + sku + R"(,"quantity":1}]})";
  auto carrier_shipment = [&](const std::string& name) {
    std::string order =
        order_of(EveryStatementFails("buy, " + name, with_key("/api/v1/checkout", buy_one, buyer)));
    EveryStatementFails("pay, " + name, with_key("/api/v1/orders/" + order + "/pay", "{}", buyer));
    EveryStatementFails("ship with a carrier, " + name,
                        with_key("/api/v1/orders/" + order + "/ship",
                                 R"({"carrier":"swiftpost","service":"express"})",
                                 shop.merchant_token));
    HttpResult tracking = client_.Get("/api/v1/orders/" + order + "/tracking", buyer);
    return "/api/v1/shipments/" + std::to_string(tracking.json["shipment"]["id"].GetInt64()) +
           "/events";
  };
  auto event = [&](const std::string& id, const std::string& type, const std::string& extra) {
    return R"({"event_id":")" + id + R"(","type":")" + type + R"(","at":")" +
           logistics::FormatIsoMinutes(server_.clock().NowMs() / 60'000) + "\"" + extra + "}";
  };
  std::string delivered_path = carrier_shipment("delivered");
  EveryStatementFails("tracking event",
                      with_key(delivered_path, event("t1", "picked_up", ""), carrier_key));
  EveryStatementFails("carrier delivers",
                      with_key(delivered_path, event("t2", "delivered", ""), carrier_key));
  std::string lost_path = carrier_shipment("lost");
  EveryStatementFails("carrier loses",
                      with_key(lost_path, event("t3", "exception", R"(,"reason":"lost")"),
                               carrier_key));
  EveryStatementFails("revoke carrier key", [&] {
    return client_.Delete("/api/v1/admin/carriers/swiftpost/keys/" + key_id, ops);
  });
  EXPECT_EQ(client_.Get("/api/v1/partner/me", carrier_key).status, 401);
  // Webhooks: fan-out and the recording of attempts, each failing in turn.
  // A failed record leaves the delivery pending, so it is sent again with the
  // same event id: at least once, never lost.
  EveryStatementFails("webhook dispatch", dispatch);
  for (int round = 0; round < 20; ++round) {
    auto attempts = server_.app().webhooks().RunOnce();
    ASSERT_TRUE(attempts.ok());
    if (*attempts == 0) break;
  }
  std::set<std::string> delivered;
  for (const auto& request : receiver.Requests()) {
    delivered.insert(request.headers.at("shrimp-event-id"));
  }
  HttpResult events = client_.Get("/api/v1/events?limit=500", shop.merchant_token);
  EXPECT_EQ(delivered.size(), events.json["items"].Size());
  HttpResult deliveries = client_.Get(webhook_path + "/deliveries", shop.merchant_token);
  std::string delivery_id = std::to_string(deliveries.json["items"][0]["id"].GetInt64());
  EveryStatementFails("webhook retry",
                      with_key(webhook_path + "/deliveries/" + delivery_id + "/retry", "{}",
                               shop.merchant_token));
  EveryStatementFails("webhook disable",
                      with_key(webhook_path + "/disable", "{}", shop.merchant_token));
  EveryStatementFails("webhook enable",
                      with_key(webhook_path + "/enable", "{}", shop.merchant_token));
  EveryStatementFails("webhook delete",
                      [&] { return client_.Delete(webhook_path, shop.merchant_token); });

  // The analytics follower folds the outbox into daily aggregates.
  EveryStatementFails("analytics follow", [&] {
    HttpResult result;
    auto folded = server_.app().RunAnalyticsOnce();
    result.status = folded.ok() ? 200 : 500;
    return result;
  });
  // Credit: months of sales for a line, lending capital, a loan, repayment
  // from a sale's release and early from the balance, then an overdue loan
  // and its write-off on the credit timer.
  std::string regular = market_.Buyer("regular@example.com", 1'000'000);
  for (int month = 0; month < 4; ++month) {
    for (int sale = 0; sale < 8; ++sale) market_.SellCompleted(shop, regular, shop.sku_ids[0]);
    server_.clock().AdvanceMs(30 * kMsPerDay);
  }
  EveryStatementFails("fund lending capital",
                      with_key("/api/v1/admin/credit/capital",
                               R"({"amount":{"amount":100000000,"currency":"CNY"}})", ops));
  std::string shop_id = std::to_string(shop.shop_id);
  HttpResult offer = client_.Get("/api/v1/shops/" + shop_id + "/credit-offer", shop.merchant_token);
  ASSERT_EQ(offer.status, 200) << offer.body;
  int64_t limit = offer.json["limit"]["amount"].GetInt64();
  ASSERT_GT(limit, 1000) << offer.body;
  HttpResult loan =
      EveryStatementFails("loan", with_key("/api/v1/loans",
                                           R"({"shop_id":)" + shop_id + R"(,"amount":{"amount":)" +
                                               std::to_string(limit) + R"(,"currency":"CNY"}})",
                                           shop.merchant_token));
  std::string loan_path = "/api/v1/loans/" + std::to_string(loan.json["id"].GetInt64());
  std::string repaid_order =
      order_of(EveryStatementFails("buy to repay", with_key("/api/v1/checkout", buy_now, regular)));
  EveryStatementFails("pay to repay",
                      with_key("/api/v1/orders/" + repaid_order + "/pay", "{}", regular));
  EveryStatementFails("ship to repay",
                      with_key("/api/v1/orders/" + repaid_order + "/ship",
                               R"({"carrier":"SF","tracking_number":"SF2"})", shop.merchant_token));
  EveryStatementFails("confirm repays the loan from the release",
                      with_key("/api/v1/orders/" + repaid_order + "/confirm", "{}", regular));
  EXPECT_GT(client_.Get(loan_path, shop.merchant_token).json["repaid"]["amount"].GetInt64(), 0);
  EveryStatementFails("early repayment", with_key(loan_path + "/repayments",
                                                  R"({"amount":{"amount":500,"currency":"CNY"}})",
                                                  shop.merchant_token));
  auto credit_timers = [&] {
    HttpResult result;
    auto moved = server_.app().RunCreditTimersOnce();
    result.status = moved.ok() ? 200 : 500;
    return result;
  };
  server_.clock().AdvanceMs(40 * kMsPerDay);
  EveryStatementFails("loan falls overdue", credit_timers);
  server_.clock().AdvanceMs(120 * kMsPerDay);
  EveryStatementFails("loan written off", credit_timers);
  EXPECT_STREQ(client_.Get(loan_path, shop.merchant_token).json["status"].GetString(),
               "written_off");
  // The credit batch's job: stored offers only (no hot state), all or none.
  EveryStatementFails("credit batch stores offers", [&] {
    HttpResult result;
    auto stored = server_.app().writer().Run<credit::BatchTally>(
        [&](store::Connection& connection) -> Result<credit::BatchTally> {
          SHRIMP_ASSIGN_OR_RETURN(auto shops, credit::ListBatchShops(connection));
          return credit::RefreshOffers(connection, server_.app().credit(), shops,
                                       server_.clock().NowMs());
        });
    result.status = stored.ok() ? 200 : 500;
    if (!stored.ok()) {
      auto rows = server_.app().db().Read([](store::Connection& connection) {
        return store::Query(connection, "SELECT COUNT(*) FROM credit_offers").ScalarInt();
      });
      EXPECT_TRUE(rows.ok() && rows->value_or(-1) == 0) << "a failed batch job left offers";
    }
    return result;
  });
  // Activating a trained model swaps the hot model; a failure keeps the old one.
  auto fitted = credit::Fit(credit::DefaultModel(), credit::GenerateShops(2000, 3), "fault-model");
  ASSERT_TRUE(fitted.ok());
  ASSERT_TRUE(server_.app()
                  .writer()
                  .Run<Ok>([&](store::Connection& connection) -> Result<Ok> {
                    SHRIMP_RETURN_IF_ERROR(
                        credit::SaveModel(connection, *fitted, credit::Evaluation{}, 2000, 0));
                    return Ok{};
                  })
                  .ok());
  EveryStatementFails("activate model", [&] {
    HttpResult result = client_.Post("/api/v1/admin/credit/models/fault-model/activate", "{}", ops);
    if (result.status >= 400) {
      EXPECT_EQ(server_.app().credit().model().version, "default-2026-11");
    }
    return result;
  });
  EXPECT_EQ(server_.app().credit().model().version, "fault-model");
  // Outbox retention: SQL only, all or none; then it runs to the end.
  server_.clock().AdvanceMs(options_retention_ms() + kMsPerDay);
  ASSERT_TRUE(server_.app().RunAnalyticsOnce().ok());
  ExpectEveryChangeHasItsEvent();
  outbox_pruned_ = true;
  int64_t outbox_rows = OutboxRows();
  EveryStatementFails("outbox retention", [&] {
    HttpResult result;
    auto deleted = server_.app().RunOutboxRetentionOnce();
    result.status = deleted.ok() ? 200 : 500;
    if (!deleted.ok()) {
      EXPECT_EQ(OutboxRows(), outbox_rows) << "a failed prune deleted rows";
    } else {
      EXPECT_GT(*deleted, 0);
    }
    return result;
  });
  EXPECT_LT(OutboxRows(), outbox_rows);
  ExpectMemoryEqualsDisk("the end", 0);
}

// false: statements fail with an I/O error; true: with a full disk (507).
INSTANTIATE_TEST_SUITE_P(Faults, FaultTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "DiskFull" : "IoError"; });

}  // namespace
}  // namespace shrimp
