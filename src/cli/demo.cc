// `shrimp demo` and `serve --demo`: the demo marketplace — the catalogue
// from catalog/demo.h plus the three accounts the README names, with a
// funded (sandbox, test-mode) wallet for the demo buyer.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "catalog/demo.h"
#include "cli/commands.h"

namespace shrimp::cli {
namespace {

constexpr const char* kDemoPassword = "shrimp-demo";

Result<int64_t> DemoAccount(api::App& app, const std::string& email, const std::string& name,
                            accounts::Role role) {
  SHRIMP_ASSIGN_OR_RETURN(auto user, app.accounts().SignUp(email, kDemoPassword, name, role));
  return user.id;
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
        // The rows went in by SQL: rebuild the stock book from them, last, as
        // the reload is not journaled.
        SHRIMP_RETURN_IF_ERROR(app.stock().Load(connection));
        return inserted;
      }));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "demo marketplace: " << stats.shops << " shops in " << stats.cities << " cities of "
            << stats.countries << " countries, " << stats.products << " products, " << stats.skus
            << " SKUs (" << seconds << " s)\n"
            << "  log in as buyer@shrimp.test, merchant@shrimp.test or operator@shrimp.test,"
            << " password " << kDemoPassword << std::endl;
  return true;
}

int Demo(const std::string& data_dir, uint64_t seed) {
  SystemClock clock;
  api::AppOptions options;
  options.data_dir = data_dir;
  // Seeding funds the demo buyer with a sandbox top-up; this process serves nothing.
  options.sandbox_provider = true;
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
  if (!*seeded) std::cout << "demo: " << data_dir << " already holds a catalogue; nothing seeded\n";
  return 0;
}

}  // namespace shrimp::cli
