// `shrimp demo` and `serve --demo`: the demo marketplace — the catalogue
// from catalog/demo.h plus the three accounts the README names, with a
// funded (sandbox, test-mode) wallet for the demo buyer.
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <iostream>
#include <set>

#include "catalog/demo.h"
#include "catalog/shops.h"
#include "cli/commands.h"

namespace shrimp::cli {
namespace {

constexpr const char* kDemoPassword = "shrimp-demo";

Result<int64_t> DemoAccount(api::App& app, const std::string& email, const std::string& name,
                            accounts::Role role) {
  SHRIMP_ASSIGN_OR_RETURN(auto user, app.accounts().SignUp(email, kDemoPassword, name, role));
  return user.id;
}

// Completed orders and their reviews, through the real services, so shops
// show scores, levels and reviews. kDemoReviewers buyers (fewer than the
// review-ring threshold, so no shop looks like a ring) each buy 1 to 3 times
// from each of the first kDemoReviewedShops shops and review what they bought;
// the demo buyer leaves its newest order per shop unreviewed, to try the form.
constexpr int64_t kDemoReviewedShops = 60;
constexpr int64_t kDemoReviewers = reputation::kRingReviewersMin - 1;

struct DemoReviewStats {
  int64_t orders = 0;
  int64_t reviews = 0;
};

Result<DemoReviewStats> SeedDemoReviews(api::App& app, const std::vector<int64_t>& buyers) {
  static constexpr const char* kTexts[][3] = {
      {"质量很好，和描述一致，发货很快！", "Très bon produit, conforme à la description.",
       "Great quality, exactly as described, fast shipping."},
      {"还不错，包装有点简单。", "Correct, mais l'emballage était un peu léger.",
       "Good overall, packaging could be better."},
      {"一般，物流太慢了。", "Livraison trop lente, produit moyen.",
       "Slow delivery, average item."},
  };
  return app.writer().Run<DemoReviewStats>([&](store::Connection& connection)
                                               -> Result<DemoReviewStats> {
    DemoReviewStats stats;
    catalog::ShopFilter filter;
    filter.limit = kDemoReviewedShops;
    SHRIMP_ASSIGN_OR_RETURN(auto shops, catalog::ListShops(connection, filter));
    std::set<std::string> currencies;
    for (const catalog::Shop& shop : shops) currencies.emplace(shop.currency.code());
    for (int64_t buyer : buyers) {
      for (const std::string& code : currencies) {
        Currency currency = *Currency::Parse(code);
        // The largest sandbox top-up: enough in every currency, KRW and JPY included.
        Money funds{payments::kTopUpAmountMax, currency};
        SHRIMP_RETURN_IF_ERROR(app.wallets().CreateTopUp(connection, buyer, funds, "sandbox"));
      }
    }
    orders::ShippingAddress address{"", "8 Demo Road", "", "Hangzhou", "310000", "CN", ""};
    for (size_t shop_index = 0; shop_index < shops.size() && shop_index < kDemoReviewedShops;
         ++shop_index) {
      const catalog::Shop& shop = shops[shop_index];
      catalog::ProductQuery query;
      query.shop_id = shop.id;
      query.limit = 6;
      SHRIMP_ASSIGN_OR_RETURN(auto page, app.products().Search(connection, query));
      std::vector<int64_t> skus;
      for (const catalog::Product& product : page.items) {
        for (const catalog::Sku& sku : product.skus) {
          if (sku.stock > 5) skus.push_back(sku.id);
        }
      }
      if (skus.empty()) continue;
      for (size_t b = 0; b < buyers.size(); ++b) {
        int64_t orders_count = 1 + static_cast<int64_t>((shop_index * 7 + b * 3) % 3);
        for (int64_t k = 0; k < orders_count; ++k) {
          uint64_t mix = shop_index * 131 + b * 17 + static_cast<uint64_t>(k) * 7;
          address.name = std::string(1, static_cast<char>('A' + (mix % 26))) + "ni";
          orders::Actor buyer{buyers[b], false};
          orders::Actor merchant{shop.owner_id, false};
          SHRIMP_ASSIGN_OR_RETURN(auto created,
                                  app.orders().Checkout(connection, buyer.user_id, address,
                                                        {{skus[mix % skus.size()], 1}}));
          int64_t order_id = created.at(0).id;
          SHRIMP_RETURN_IF_ERROR(app.orders().Pay(connection, buyer, order_id).status());
          SHRIMP_RETURN_IF_ERROR(app.orders()
                                     .Ship(connection, merchant, order_id, "SF Express",
                                           "SF" + std::to_string(order_id))
                                     .status());
          SHRIMP_RETURN_IF_ERROR(
              app.orders().Deliver(connection, orders::Actor{0, true}, order_id).status());
          SHRIMP_RETURN_IF_ERROR(app.orders().Confirm(connection, buyer, order_id).status());
          ++stats.orders;
          if (b == 0 && k == orders_count - 1) continue;  // left for the demo buyer to review
          // Mostly happy buyers, some lukewarm, a few unhappy: scores differ.
          int64_t mood = mix % 10 < 7 ? 0 : (mix % 10 < 9 ? 1 : 2);
          reputation::ReviewDraft draft;
          draft.line_id = 1;
          draft.stars = mood == 0 ? std::array<int64_t, 3>{5, 5, static_cast<int64_t>(4 + mix % 2)}
                        : mood == 1 ? std::array<int64_t, 3>{4, 4, 3}
                                    : std::array<int64_t, 3>{2, 3, 1};
          draft.text = kTexts[mood][mix % 3];
          SHRIMP_ASSIGN_OR_RETURN(auto review,
                                  app.reviews().CreateReview(connection,
                                                             reputation::Actor{buyers[b], false},
                                                             order_id, draft));
          ++stats.reviews;
          if (mood != 0 && shop_index % 2 == 0) {
            SHRIMP_RETURN_IF_ERROR(app.reviews()
                                       .Reply(connection, reputation::Actor{shop.owner_id, false},
                                              review.id,
                                              "Thank you for your feedback, we are improving. "
                                              "谢谢您的反馈！")
                                       .status());
          }
        }
      }
    }
    return stats;
  });
}

// Rough mid rates in millionths of a US dollar per major unit, for the
// demo's FX table: the shops' currencies and those of the customs rules
// (landed cost compares a parcel's value with thresholds in the
// destination's currency).
constexpr std::array<std::pair<const char*, int64_t>, 13> kDemoMicroDollars = {{
    {"USD", 1'000'000},
    {"EUR", 1'080'000},
    {"GBP", 1'270'000},
    {"CNY", 138'000},
    {"JPY", 6'700},
    {"KRW", 730},
    {"MYR", 222'000},
    {"AED", 272'000},
    {"SGD", 745'000},
    {"AUD", 655'000},
    {"THB", 28'500},
    {"HKD", 128'000},
    {"CHF", 1'130'000},
}};

// Every direction between the demo's currencies, with a 0.5 % spread each
// way, so a round trip always loses a little (FxRates refuses arbitrage).
Status SeedDemoFxRates(api::App& app, store::Connection& connection) {
  for (const auto& [base, base_value] : kDemoMicroDollars) {
    for (const auto& [quote, quote_value] : kDemoMicroDollars) {
      if (std::string_view(base) == quote) continue;
      // Parts per million of a quote unit per base unit, less the spread.
      int64_t rate_ppm =
          static_cast<int64_t>(static_cast<__int128>(base_value) * 995'000 / quote_value);
      SHRIMP_ASSIGN_OR_RETURN(Currency from, Currency::Parse(base));
      SHRIMP_ASSIGN_OR_RETURN(Currency to, Currency::Parse(quote));
      SHRIMP_RETURN_IF_ERROR(app.ledger().SetFxRate(connection, from, to, rate_ppm));
    }
  }
  return OkStatus();
}

}  // namespace

Result<bool> SeedDemoIfEmpty(api::App& app, uint64_t seed) {
  SHRIMP_ASSIGN_OR_RETURN(bool seeded, app.db().Read([](store::Connection& connection) {
    return catalog::HasCatalog(connection);
  }));
  if (seeded) return false;
  auto started = std::chrono::steady_clock::now();
  std::cout << "seeding the demo marketplace (seed " << seed << ")..." << std::endl;
  SHRIMP_ASSIGN_OR_RETURN(int64_t buyer, DemoAccount(app, "buyer@shrimp.test", "Demo Buyer",
                                                     accounts::Role::kBuyer));
  SHRIMP_ASSIGN_OR_RETURN(int64_t merchant,
                          DemoAccount(app, "merchant@shrimp.test", "Demo Merchant",
                                      accounts::Role::kMerchant));
  SHRIMP_RETURN_IF_ERROR(
      DemoAccount(app, "operator@shrimp.test", "Demo Operator", accounts::Role::kOperator)
          .status());
  // The generated shop owners share one hash: hashing 240 passwords with
  // argon2id would take longer than seeding everything else.
  SHRIMP_ASSIGN_OR_RETURN(std::string hash, app.accounts().HashPassword(kDemoPassword));
  catalog::DemoOptions options;
  options.seed = seed;
  int64_t now_ms = app.clock().NowMs();
  SHRIMP_ASSIGN_OR_RETURN(
      catalog::DemoStats stats,
      app.writer().Run<catalog::DemoStats>([&](store::Connection& connection)
                                               -> Result<catalog::DemoStats> {
        SHRIMP_ASSIGN_OR_RETURN(auto inserted, catalog::SeedDemoCatalog(connection, options, now_ms,
                                                                        hash, merchant));
        for (const char* code : {"CNY", "EUR"}) {
          Money funds{5'000'00, *Currency::Parse(code)};
          SHRIMP_RETURN_IF_ERROR(app.wallets().CreateTopUp(connection, buyer, funds, "sandbox"));
        }
        SHRIMP_RETURN_IF_ERROR(SeedDemoFxRates(app, connection));
        // The rows went in by SQL: rebuild the stock book from them, last, as
        // the reload is not journaled.
        SHRIMP_RETURN_IF_ERROR(app.stock().Load(connection));
        return inserted;
      }));
  std::vector<int64_t> reviewers = {buyer};
  for (int64_t number = 2; number <= kDemoReviewers; ++number) {
    SHRIMP_ASSIGN_OR_RETURN(int64_t reviewer,
                            DemoAccount(app, "buyer" + std::to_string(number) + "@shrimp.test",
                                        "Demo Buyer " + std::to_string(number),
                                        accounts::Role::kBuyer));
    reviewers.push_back(reviewer);
  }
  SHRIMP_ASSIGN_OR_RETURN(DemoReviewStats reviewed, SeedDemoReviews(app, reviewers));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "demo marketplace: " << stats.shops << " shops in " << stats.cities << " cities of "
            << stats.countries << " countries, " << stats.products << " products, " << stats.skus
            << " SKUs, " << reviewed.orders << " completed orders, " << reviewed.reviews
            << " reviews (" << seconds << " s)\n"
            << "  log in as buyer@shrimp.test, merchant@shrimp.test or operator@shrimp.test,"
            << " password " << kDemoPassword << std::endl;
  return true;
}

int Demo(const StoreLocation& store, uint64_t seed) {
  SystemClock clock;
  api::AppOptions options;
  store.ApplyTo(options);
  // Seeding funds the demo buyer with a sandbox top-up; this process serves nothing.
  options.sandbox_provider = true;
  options.search_indexer_thread = false;  // `serve` indexes what was seeded
  auto app = api::App::Open(options, clock);
  if (!app.ok()) {
    std::cerr << "demo: cannot open store: " << app.error().message << "\n";
    return 1;
  }
  auto seeded = SeedDemoIfEmpty(**app, seed);
  (*app)->Stop();
  if (!seeded.ok()) {
    std::cerr << "demo: " << seeded.error().message << "\n";
    return 1;
  }
  if (!*seeded)
    std::cout << "demo: " << (store.db_url.empty() ? store.data_dir : "the database")
              << " already holds a catalogue; nothing seeded\n";
  return 0;
}

}  // namespace shrimp::cli
