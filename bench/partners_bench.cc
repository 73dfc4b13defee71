// Micro-benchmarks of partners and merchant data in-process: webhook
// deliveries per second to a loopback receiver (fan-out, signed POSTs with
// libcurl, attempts recorded through the writer), and one shop's analytics
// read over a year of daily aggregates.
#include <benchmark/benchmark.h>

#include <string>

#include "analytics/shop_stats.h"
#include "partners/outbox.h"
#include "testing/market.h"
#include "testing/test_server.h"
#include "testing/webhook_receiver.h"

namespace shrimp {
namespace {

constexpr int kEventsPerRound = 256;

api::AppOptions BenchOptions() {
  api::AppOptions options = testing::FastTestOptions();
  options.timer_interval_ms = 0;
  options.webhooks.poll_interval_ms = 0;
  options.webhooks.allowed_hosts = {"127.0.0.1"};
  return options;
}

// Events of distinct orders (no per-object ordering wait), delivered to one
// endpoint, 16 requests in flight.
void BM_WebhookDeliveries(benchmark::State& state) {
  testing::TestServer server(BenchOptions());
  testing::Market market(server.port());
  testing::WebhookReceiver receiver;
  testing::ShopFixture shop = market.OpenShop("Bench Tea", "CNY", {1});
  auto client = server.Client();
  auto created =
      client.Post("/api/v1/webhooks", R"({"url":")" + receiver.Url() + "\"}", shop.merchant_token);
  if (created.status != 201) return state.SkipWithError("cannot subscribe");
  int64_t object = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto appended = server.app().writer().Run<Ok>([&](store::Connection& connection) -> Status {
      for (int index = 0; index < kEventsPerRound; ++index) {
        partners::Event event;
        event.type = "order.paid";
        event.object_type = "order";
        event.object_id = ++object;
        event.shop_id = shop.shop_id;
        event.data_json = R"({"id":)" + std::to_string(object) + R"(,"status":"paid"})";
        SHRIMP_RETURN_IF_ERROR(
            partners::AppendEvent(connection, event, server.clock().NowMs()).status());
      }
      return OkStatus();
    });
    if (!appended.ok()) return state.SkipWithError("cannot append events");
    state.ResumeTiming();
    int64_t delivered = 0;
    while (delivered < kEventsPerRound) {
      auto attempts = server.app().webhooks().RunOnce();
      if (!attempts.ok() || *attempts == 0) return state.SkipWithError("delivery stalled");
      delivered += *attempts;
    }
  }
  state.SetItemsProcessed(state.iterations() * kEventsPerRound);
}
BENCHMARK(BM_WebhookDeliveries)->Unit(benchmark::kMillisecond)->UseRealTime();

// A year of one shop's daily aggregates (20 products and 10 cities a day, 30
// buyers a day), read back by day: what GET /shops/{id}/analytics costs.
void BM_ShopAnalyticsYearByDay(benchmark::State& state) {
  testing::TestServer server(BenchOptions());
  int64_t today = analytics::DayOf(server.clock().NowMs());
  auto seeded = server.app().writer().Run<Ok>([&](store::Connection& connection) -> Status {
    for (int64_t day = today - 364; day <= today; ++day) {
      store::Query daily(connection,
                         "INSERT INTO shop_daily VALUES (1, ?, 'CNY', 40, 400000, 10, 1, 5000,"
                         " 2, 0, 30)");
      daily.Bind(day);
      SHRIMP_RETURN_IF_ERROR(daily.Run());
      for (int64_t product = 1; product <= 20; ++product) {
        store::Query row(connection,
                         "INSERT INTO shop_daily_products VALUES (1, ?, ?, 'Tea', 2, 20000)");
        row.Bind(day, product);
        SHRIMP_RETURN_IF_ERROR(row.Run());
      }
      for (int64_t city = 1; city <= 10; ++city) {
        store::Query row(connection,
                         "INSERT INTO shop_daily_cities VALUES (1, ?, 'CN', ?, 4, 40000)");
        row.Bind(day, "City " + std::to_string(city));
        SHRIMP_RETURN_IF_ERROR(row.Run());
      }
      for (int64_t buyer = 1; buyer <= 30; ++buyer) {
        store::Query row(connection, "INSERT INTO shop_daily_buyers VALUES (1, ?, ?)");
        row.Bind(day, (day * 7 + buyer) % 2000);
        SHRIMP_RETURN_IF_ERROR(row.Run());
      }
    }
    return OkStatus();
  });
  if (!seeded.ok()) return state.SkipWithError("cannot seed");
  for (auto _ : state) {
    auto loaded = server.app().db().Read([&](store::Connection& connection) {
      return analytics::LoadShopAnalytics(connection, 1, today - 364, today,
                                          analytics::Granularity::kDay);
    });
    if (!loaded.ok() || loaded->totals.orders != 365 * 40) state.SkipWithError("wrong totals");
  }
}
BENCHMARK(BM_ShopAnalyticsYearByDay)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace shrimp
