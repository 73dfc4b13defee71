// Products and their SKUs: what a shop sells. A product has a title, a
// category and one or more SKUs (variants with their own attributes, price
// in the shop's currency, and stock). Product pages read everything on any
// connection, stock from the StockBook; writes run inside writer jobs.
//
// Visibility: published products of active shops are public; drafts are
// seen only by the shop's merchant and operators; deleted products are gone
// for everyone (they stay in the store because orders refer to them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/actor.h"
#include "catalog/stock_levels.h"
#include "core/money.h"
#include "core/result.h"
#include "store/db.h"

namespace shrimp::catalog {

inline constexpr size_t kTitleLengthMax = 200;
inline constexpr size_t kDescriptionLengthMax = 5000;
inline constexpr size_t kSkusPerProductMax = 50;
inline constexpr size_t kSkuAttrsMax = 10;
inline constexpr size_t kAttrKeyLengthMax = 40;
inline constexpr size_t kAttrValueLengthMax = 100;
inline constexpr int64_t kProductsPerShopMax = 100'000;
// A SKU's shipping weight in grams, with its packaging: what rate cards price
// (logistics/rate_card.h). A SKU created without one weighs the default.
inline constexpr int64_t kSkuWeightGramsDefault = 500;
inline constexpr int64_t kSkuWeightGramsMin = 1;
inline constexpr int64_t kSkuWeightGramsMax = 100'000;  // 100 kg
inline constexpr size_t kImagesPerProductMax = 10;

struct Sku {
  int64_t id = 0;
  std::string attrs_json;  // a JSON object of strings: {"size":"M"}
  Money price;
  int64_t weight_grams = kSkuWeightGramsDefault;
  int64_t stock = 0;     // available: on_hand - reserved
  int64_t on_hand = 0;   // the merchant's count (see catalog/stock_book.h)
  int64_t reserved = 0;  // held by orders not yet shipped
  std::string status;    // active | retired
};

struct ProductImage {
  int64_t id = 0;
  std::string file_name;  // served at /images/{file_name}
  std::string content_type;
  int64_t size_bytes = 0;
};

struct Product {
  int64_t id = 0;
  int64_t shop_id = 0;
  int64_t shop_owner_id = 0;
  std::string shop_status;  // active | suspended
  std::string shop_name;
  std::string shop_city;
  std::string shop_country;
  std::string title;
  std::string description;
  int64_t category_id = 0;
  std::string category_slug;
  std::string category_name;
  std::string status;  // published | draft
  Money price_min;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  std::vector<Sku> skus;  // active SKUs, by id
  std::vector<ProductImage> images;
};

struct SkuDraft {
  Money price;
  int64_t stock = 0;
  std::string attrs_json = "{}";
  int64_t weight_grams = kSkuWeightGramsDefault;
};

struct ProductDraft {
  std::string title;
  std::string description;
  std::string category_slug;
  std::string status = "published";
  std::vector<SkuDraft> skus;
};

struct ProductPatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> category_slug;
  std::optional<std::string> status;
};

struct SkuPatch {
  std::optional<Money> price;
  std::optional<int64_t> stock;  // the new units on hand; recorded as an adjustment
  std::optional<std::string> attrs_json;
  std::optional<int64_t> weight_grams;
};

enum class ProductSort { kNewest, kPriceAscending, kPriceDescending };

// The marketplace listing (GET /products without a shop) is diverse: no
// shop holds more than kListingPerShopMax of its first kListingDiverseTop
// places. The first page is chosen from a window of limit x
// kListingWindowFactor rows (at most kListingWindowMax); its cursor carries
// the ids it took from beyond the next page's start (kListingShownMax at most).
inline constexpr int64_t kListingDiverseTop = 20;
inline constexpr int64_t kListingPerShopMax = 2;
inline constexpr int64_t kListingWindowFactor = 5;
inline constexpr int64_t kListingWindowMax = 500;
inline constexpr int64_t kListingShownMax = 100;

struct ProductQuery {
  std::optional<std::string> text;     // substring of the title
  std::optional<int64_t> category_id;  // and every category below it
  std::optional<int64_t> price_min;    // minor units, on the lowest SKU price
  std::optional<int64_t> price_max;
  std::optional<std::string> currency;
  std::optional<std::string> city;
  std::optional<std::string> country;
  std::optional<int64_t> shop_id;
  bool include_drafts = false;  // the shop's own listing, for its merchant
  ProductSort sort = ProductSort::kNewest;
  std::string after;  // the cursor of the previous page, "" for the first
  int64_t limit = 20;
};

struct ProductPage {
  std::vector<Product> items;
  std::optional<std::string> next_after;
};

// Statuses a merchant may set.
bool IsProductStatus(std::string_view status);

class ProductCatalog {
 public:
  explicit ProductCatalog(StockLevels& stock) : stock_(stock) {}

  // REQUIRES: writer job. Errors: shop_not_found, not_shop_owner,
  // unknown_category, currency_mismatch, invalid_field, too_many_products.
  Result<Product> Create(store::Connection& connection, const Actor& actor, int64_t shop_id,
                         const ProductDraft& draft, int64_t now_ms);
  // REQUIRES: writer job. Errors: product_not_found, not_shop_owner, unknown_category.
  Result<Product> Update(store::Connection& connection, const Actor& actor, int64_t product_id,
                         const ProductPatch& patch, int64_t now_ms);
  // REQUIRES: writer job. Marks the product deleted; its SKUs stop selling.
  Status Delete(store::Connection& connection, const Actor& actor, int64_t product_id,
                int64_t now_ms);
  // REQUIRES: writer job. Errors as Create, plus too_many_skus.
  Result<Product> AddSku(store::Connection& connection, const Actor& actor, int64_t product_id,
                         const SkuDraft& draft, int64_t now_ms);
  // REQUIRES: writer job. Errors: sku_not_found, not_shop_owner, currency_mismatch.
  Result<Product> UpdateSku(store::Connection& connection, const Actor& actor, int64_t sku_id,
                            const SkuPatch& patch, int64_t now_ms);
  // REQUIRES: writer job. Retires a SKU (it stays on past orders); a product
  // keeps at least one. Errors: sku_not_found, not_shop_owner, last_sku.
  Result<Product> RetireSku(store::Connection& connection, const Actor& actor, int64_t sku_id,
                            int64_t now_ms);
  // REQUIRES: writer job. Records an uploaded image. Errors: product_not_found,
  // not_shop_owner, too_many_images.
  Result<ProductImage> AddImage(store::Connection& connection, const Actor& actor,
                                int64_t product_id, const ProductImage& image, int64_t now_ms);

  // Any connection. nullopt when it does not exist or `viewer` may not see it.
  Result<std::optional<Product>> Get(store::Connection& connection, const Actor& viewer,
                                     int64_t product_id) const;
  // Any connection. Errors: invalid_cursor.
  Result<ProductPage> Search(store::Connection& connection, const ProductQuery& query) const;

 private:
  Result<std::optional<Product>> LoadProduct(store::Connection& connection,
                                             int64_t product_id) const;
  Status FillDetails(store::Connection& connection, std::vector<Product>& products) const;
  Status RefreshPriceMin(store::Connection& connection, int64_t product_id, int64_t now_ms);
  Status InsertSku(store::Connection& connection, const Product& product, const SkuDraft& draft,
                   Currency currency, int64_t now_ms);
  Result<Product> LoadOwned(store::Connection& connection, const Actor& actor, int64_t product_id);

  StockLevels& stock_;
};

}  // namespace shrimp::catalog
