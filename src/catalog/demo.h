// The demo marketplace: a deterministic seeder that fills an empty store
// with merchants, shops, products, SKUs and their opening stock, so that
// `shrimp demo` and `serve --demo` show a catalogue that looks lived in —
// shops in Chinese, French, Japanese, British, German, American, Italian and
// Spanish cities, priced in their own currency, with titles in Chinese,
// French and English built from per-category vocabularies (demo_text.h).
//
// The same seed and options give the same rows, in the same order, on every
// machine (see DemoRandom). Each shop draws from its own random stream, so
// its name and products do not depend on how many shops come after it.
//
// Thread safety: stateless; the connection belongs to the caller's thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace shrimp::catalog {

// Bounds on what one seeding may insert: enough for a 1 M-product search
// benchmark, not so much that a typo fills the disk.
inline constexpr int kDemoShopsMax = 100'000;
inline constexpr int kDemoProductsMax = 2'000'000;

struct DemoOptions {
  uint64_t seed = 20261111;
  int shops = 240;       // in [1, kDemoShopsMax]
  int products = 12000;  // in [0, kDemoProductsMax], spread unevenly over the shops
};

struct DemoStats {
  int64_t users = 0;  // merchant accounts created
  int64_t shops = 0;
  int64_t products = 0;
  int64_t skus = 0;
  int64_t cities = 0;     // distinct cities with at least one shop
  int64_t countries = 0;  // distinct countries with at least one shop
};

// Inserts the demo catalogue on `connection`. Every shop is active, every
// product published with 1 to 4 active SKUs, and every SKU has exactly one
// 'received' stock movement; a few SKUs are then written down to zero by an
// 'adjusted' movement, so "sold out" and "low stock" appear in the demo.
//
// Shop owners are new merchant users merchant-1@shrimp.test,
// merchant-2@shrimp.test, ... whose password_hash is `password_hash` (hashed
// once by the caller). When `owner_of_first_shops` is not 0, that existing
// user (the caller's demo merchant) owns the first three shops instead.
// Rows are stamped up to `now_ms`; nothing is dated after it.
//
// REQUIRES: the caller opened a transaction on `connection` (this function
// neither begins nor commits) and rolls it back on error; the accounts and
// catalog migrations have run; no writer thread uses `connection`.
// Errors: invalid_argument (options out of range), internal (a demo category
// is missing from the tree, or a write failed, e.g. an email already taken).
// The English names of the cities the demo shops are in (the delivery
// network's demo must cover each).
std::vector<std::string_view> DemoShopCityNames();

Result<DemoStats> SeedDemoCatalog(store::Connection& connection, const DemoOptions& options,
                                  int64_t now_ms, std::string_view password_hash,
                                  int64_t owner_of_first_shops);

// True when the store already holds shops: `serve --demo` seeds only an
// empty store.
Result<bool> HasCatalog(store::Connection& connection);

}  // namespace shrimp::catalog
