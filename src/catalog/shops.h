// Shops: a merchant's storefront, with a city, a country and the currency
// its prices are in. Functions take a connection: writes run inside writer
// jobs, reads on any connection (the api/ layer chooses).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/actor.h"
#include "core/money.h"
#include "core/result.h"
#include "store/db.h"

namespace shrimp::catalog {

struct Shop {
  int64_t id = 0;
  std::string name;
  std::string description;
  std::string city;
  std::string country;  // ISO 3166-1 alpha-2
  Currency currency;
  int64_t owner_id = 0;
  std::string status;         // active | suspended
  int64_t product_count = 0;  // published products
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

inline constexpr size_t kShopNameLengthMax = 80;
inline constexpr size_t kShopDescriptionLengthMax = 2000;
inline constexpr size_t kCityLengthMax = 80;
// A bound on one merchant's shops: beyond it, an account is running a chain.
inline constexpr int64_t kShopsPerOwnerMax = 20;

struct ShopDraft {
  std::string name;
  std::string description;
  std::string city;
  std::string country;
  std::string currency;
};

struct ShopPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> city;
};

struct ShopFilter {
  std::optional<std::string> city;     // case-insensitive
  std::optional<std::string> country;  // ISO code
  std::optional<int64_t> owner_id;
  int64_t after_id = 0;
  int64_t limit = 20;
};

// REQUIRES: writer job. The caller promotes the owner to merchant in the
// same job (accounts::AccountService::PromoteToMerchant).
// Errors: invalid_country, invalid_currency, invalid_field (blank name or
// city), too_many_shops, shop_name_taken (kConflict).
Result<Shop> CreateShop(store::Connection& connection, int64_t owner_id, const ShopDraft& draft,
                        int64_t now_ms);

// REQUIRES: writer job. Owner or operator. Errors: shop_not_found,
// not_shop_owner, shop_name_taken, invalid_field.
Result<Shop> UpdateShop(store::Connection& connection, const Actor& actor, int64_t shop_id,
                        const ShopPatch& patch, int64_t now_ms);

Result<std::optional<Shop>> LoadShop(store::Connection& connection, int64_t shop_id);

// Ordered by id; returns up to filter.limit + 1 rows so the caller can tell
// whether another page follows.
Result<std::vector<Shop>> ListShops(store::Connection& connection, const ShopFilter& filter);

// Errors: shop_not_found (kNotFound); not_shop_owner (kForbidden).
Status RequireShopOwner(store::Connection& connection, const Actor& actor, int64_t shop_id);

// Lower-cased ASCII with runs of spaces folded: two shops may not differ only
// in case or spacing.
std::string ShopNameKey(std::string_view name);

}  // namespace shrimp::catalog
