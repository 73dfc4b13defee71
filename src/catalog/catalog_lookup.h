// What other domains need to know about the catalogue, by id, on any
// connection: a SKU as it is sold right now, and a shop's identity.
// Orders snapshot these at checkout; they never write catalogue tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/money.h"
#include "core/result.h"
#include "store/db.h"

namespace shrimp::catalog {

struct SkuForSale {
  int64_t sku_id = 0;
  int64_t product_id = 0;
  int64_t shop_id = 0;
  int64_t category_id = 0;
  std::string title;       // the product's title
  std::string attrs_json;  // the SKU's attributes, a JSON object
  Money price;
  int64_t weight_grams = 0;  // shipping weight of one unit (catalog/products.h)
  bool purchasable = false;  // product published, SKU and shop active
};

struct ShopSummary {
  int64_t id = 0;
  int64_t owner_id = 0;
  std::string name;
  std::string city;
  std::string country;
  Currency currency;
};

[[nodiscard]] Result<std::optional<SkuForSale>> LoadSkuForSale(store::Connection& connection,
                                                               int64_t sku_id);
[[nodiscard]] Result<std::optional<ShopSummary>> LoadShopSummary(store::Connection& connection,
                                                                 int64_t shop_id);
// The owner's user id, or nullopt for an unknown shop.
[[nodiscard]] Result<std::optional<int64_t>> LoadShopOwner(store::Connection& connection,
                                                           int64_t shop_id);

}  // namespace shrimp::catalog
