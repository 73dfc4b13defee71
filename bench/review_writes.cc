// shrimp_review_bench: durable review writes per second, in-process.
//
//   shrimp_review_bench --reviews 5000 --dir /tmp/reviews
//
// Seeds a small demo catalogue and one buyer's completed orders through the
// real services, then submits one CreateReview writer job per order at once
// (as concurrent HTTP requests would) and times them until the last is
// durable (group commit, fdatasync). Each review updates the shop's hot
// tallies; the bench then proves them equal to a rebuild from the tables.
// Prints one key=value line for scripts/bench.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "api/app.h"
#include "catalog/demo.h"
#include "catalog/products.h"
#include "catalog/shops.h"

using namespace shrimp;

int main(int argc, char** argv) {
  int64_t reviews = 5000;
  std::string dir = "/tmp/shrimp-review-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--reviews")) reviews = std::stoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  std::filesystem::remove_all(dir);
  SystemClock clock;
  api::AppOptions options;
  options.data_dir = dir;
  options.sandbox_provider = true;
  options.timer_interval_ms = 0;
  options.search_indexer_thread = false;
  options.accounts.password_ops = 1;
  options.accounts.password_memory_bytes = 64 * 1024;
  auto opened = api::App::Open(options, clock);
  if (!opened.ok()) {
    std::fprintf(stderr, "open: %s\n", opened.error().message.c_str());
    return 1;
  }
  api::App& app = **opened;
  auto buyer = app.accounts().SignUp("bench-buyer@example.com", "correct horse battery", "Bench",
                                     accounts::Role::kBuyer);
  auto hash = app.accounts().HashPassword("correct horse battery");
  if (!buyer.ok() || !hash.ok()) return 1;
  int64_t buyer_id = buyer->id;
  // Orders, in jobs of a few hundred: checkout, pay, ship, deliver, confirm.
  std::vector<int64_t> order_ids;
  auto seeded = app.writer().Run<Ok>([&](store::Connection& connection) -> Status {
    catalog::DemoOptions demo;
    demo.shops = 200;
    demo.products = 2000;
    SHRIMP_RETURN_IF_ERROR(
        catalog::SeedDemoCatalog(connection, demo, clock.NowMs(), *hash, 0).status());
    SHRIMP_RETURN_IF_ERROR(app.stock().Load(connection));
    for (const char* code : {"CNY", "EUR", "JPY", "GBP", "USD", "KRW"}) {
      Currency currency = *Currency::Parse(code);
      SHRIMP_RETURN_IF_ERROR(app.wallets()
                                 .CreateTopUp(connection, buyer_id,
                                              Money{payments::kTopUpAmountMax, currency}, "sandbox")
                                 .status());
    }
    return OkStatus();
  });
  if (!seeded.ok()) {
    std::fprintf(stderr, "seed: %s\n", seeded.error().message.c_str());
    return 1;
  }
  auto made = app.writer().Run<Ok>([&](store::Connection& connection) -> Status {
    catalog::ShopFilter filter;
    filter.limit = 200;
    SHRIMP_ASSIGN_OR_RETURN(auto shops, catalog::ListShops(connection, filter));
    orders::ShippingAddress address{"Bench", "1 Bench Road", "", "Paris", "75001", "FR", ""};
    for (size_t round = 0; static_cast<int64_t>(order_ids.size()) < reviews && round < 100;
         ++round) {
      for (const catalog::Shop& shop : shops) {
        if (static_cast<int64_t>(order_ids.size()) >= reviews) break;
        catalog::ProductQuery query;
        query.shop_id = shop.id;
        query.limit = 1;
        SHRIMP_ASSIGN_OR_RETURN(auto page, app.products().Search(connection, query));
        if (page.items.empty() || page.items[0].skus.empty()) continue;
        const catalog::Sku& sku = page.items[0].skus[0];
        if (app.stock().Available(sku.id) < 1) continue;
        orders::Actor buyer_actor{buyer_id, false}, merchant{shop.owner_id, false};
        auto created = app.orders().Checkout(connection, buyer_id, address, {{sku.id, 1}});
        if (!created.ok()) continue;
        int64_t id = created->at(0).id;
        SHRIMP_RETURN_IF_ERROR(app.orders().Pay(connection, buyer_actor, id).status());
        SHRIMP_RETURN_IF_ERROR(app.orders().Ship(connection, merchant, id, "SF", "SF1").status());
        SHRIMP_RETURN_IF_ERROR(
            app.orders().Deliver(connection, orders::Actor{0, true}, id).status());
        SHRIMP_RETURN_IF_ERROR(app.orders().Confirm(connection, buyer_actor, id).status());
        order_ids.push_back(id);
      }
    }
    return OkStatus();
  });
  if (!made.ok()) {
    std::fprintf(stderr, "orders: %s\n", made.error().message.c_str());
    return 1;
  }
  std::mutex mutex;
  std::condition_variable finished;
  int64_t done = 0, failed = 0;
  auto started = std::chrono::steady_clock::now();
  for (size_t i = 0; i < order_ids.size(); ++i) {
    reputation::ReviewDraft draft;
    draft.line_id = 1;
    draft.stars = {static_cast<int64_t>(1 + i % 5), 5, 4};
    draft.text = "Très bon, 很好, very good";
    int64_t order_id = order_ids[i];
    app.writer().Submit<reputation::Review>(
        [&app, buyer_id, order_id, draft](store::Connection& connection) {
          return app.reviews().CreateReview(connection, reputation::Actor{buyer_id, false},
                                            order_id, draft);
        },
        [&](Result<reputation::Review> result) {
          std::lock_guard lock(mutex);
          ++done;
          if (!result.ok()) ++failed;
          finished.notify_all();
        });
  }
  {
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return done == static_cast<int64_t>(order_ids.size()); });
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto difference = app.CheckReputation();
  std::printf("reviews written=%zu failed=%lld reviews_per_s=%.0f rebuild_equal=%s\n",
              order_ids.size(), static_cast<long long>(failed),
              static_cast<double>(order_ids.size()) / seconds,
              difference.ok() && difference->empty() ? "yes" : "NO");
  app.Stop();
  opened->reset();
  std::filesystem::remove_all(dir);
  return failed == 0 && difference.ok() && difference->empty() ? 0 : 1;
}
