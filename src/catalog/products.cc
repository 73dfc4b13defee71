#include "catalog/products.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <unordered_map>
#include <vector>

#include "catalog/category.h"
#include "catalog/shops.h"
#include "store/writer.h"

namespace shrimp::catalog {
namespace {

constexpr const char* kProductSelect =
    "SELECT p.id, p.shop_id, s.owner_id, s.status, s.name, s.city, s.country, p.title,"
    " p.description, p.category_id, c.slug, c.name, p.status, p.price_min, p.currency,"
    " p.created_at, p.updated_at"
    " FROM products p JOIN shops s ON s.id = p.shop_id JOIN categories c ON c.id = p.category_id";

Result<Product> ReadProduct(store::Query& query) {
  Product product;
  product.id = query.Int(0);
  product.shop_id = query.Int(1);
  product.shop_owner_id = query.Int(2);
  product.shop_status = query.Text(3);
  product.shop_name = query.Text(4);
  product.shop_city = query.Text(5);
  product.shop_country = query.Text(6);
  product.title = query.Text(7);
  product.description = query.Text(8);
  product.category_id = query.Int(9);
  product.category_slug = query.Text(10);
  product.category_name = query.Text(11);
  product.status = query.Text(12);
  SHRIMP_ASSIGN_OR_RETURN(Currency currency, Currency::Parse(query.Text(14)));
  product.price_min = Money{query.Int(13), currency};
  product.created_at_ms = query.Int(15);
  product.updated_at_ms = query.Int(16);
  return product;
}

bool MayView(const Actor& viewer, const Product& product) {
  if (viewer.is_operator || (!viewer.anonymous() && viewer.user_id == product.shop_owner_id)) {
    return true;
  }
  return product.status == "published" && product.shop_status == "active";
}

// IN lists are padded to a few fixed sizes (repeating the last id), so the
// per-connection statement cache holds a handful of texts, not one per size.
constexpr std::array<size_t, 4> kInListSizes = {1, 4, 16, 101};

std::string Placeholders(size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) text += i ? ", ?" : "?";
  return text;
}

template <class F>
Status ForIdChunks(const std::vector<int64_t>& ids, const std::string& sql_before,
                   const std::string& sql_after, store::Connection& connection, F&& on_row) {
  for (size_t start = 0; start < ids.size(); start += kInListSizes.back()) {
    size_t count = std::min(ids.size() - start, kInListSizes.back());
    size_t padded = *std::lower_bound(kInListSizes.begin(), kInListSizes.end(), count);
    store::Query query(connection, sql_before + "(" + Placeholders(padded) + ")" + sql_after);
    for (size_t i = 0; i < padded; ++i) {
      query.BindAt(static_cast<int>(i + 1), ids[start + std::min(i, count - 1)]);
    }
    while (query.Next()) SHRIMP_RETURN_IF_ERROR(on_row(query));
    SHRIMP_RETURN_IF_ERROR(query.status());
  }
  return OkStatus();
}

Status CheckSkuDraft(const SkuDraft& draft, Currency currency, const std::string& field) {
  if (!(draft.price.currency == currency)) {
    return InvalidArgument("currency_mismatch",
                           "prices must be in the shop's currency, " + std::string(currency.code()))
        .With("field", field + "price");
  }
  if (draft.price.amount <= 0 || draft.price.amount > kAmountMax) {
    return InvalidArgument("invalid_field", "price must be positive")
        .With("field", field + "price");
  }
  if (draft.stock < 0 || draft.stock > kStockMax) {
    return InvalidArgument("invalid_field", "stock must be between 0 and 1,000,000,000")
        .With("field", field + "stock");
  }
  if (draft.weight_grams < kSkuWeightGramsMin || draft.weight_grams > kSkuWeightGramsMax) {
    return InvalidArgument("invalid_field", "weight_grams must be between 1 and 100,000")
        .With("field", field + "weight_grams");
  }
  return OkStatus();
}

Result<int64_t> CategoryIdFor(store::Connection& connection, const std::string& slug) {
  SHRIMP_ASSIGN_OR_RETURN(auto category, CategoryService::FindBySlug(connection, slug));
  if (!category) {
    return InvalidArgument("unknown_category", "no category has the slug " + slug)
        .With("field", "category");
  }
  return category->id;
}

// "123" for newest first; "1999.123" (price, then id) for the price orders.
struct Cursor {
  int64_t price = 0;
  int64_t id = 0;
  // Products the diverse first page took from beyond the cursor: later
  // pages leave them out ("<cursor>~<id>,<id>...").
  std::vector<int64_t> shown;
};

std::string FormatCursor(const Product& last, bool with_price, const std::vector<int64_t>& shown) {
  std::string text = with_price
                         ? std::to_string(last.price_min.amount) + "." + std::to_string(last.id)
                         : std::to_string(last.id);
  for (size_t i = 0; i < shown.size(); ++i) {
    text += (i == 0 ? "~" : ",") + std::to_string(shown[i]);
  }
  return text;
}

std::optional<Cursor> ParseCursor(std::string_view text, bool with_price) {
  auto parse = [](std::string_view part, int64_t& out) {
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && end == part.data() + part.size() && out >= 0;
  };
  Cursor cursor;
  if (size_t tilde = text.find('~'); tilde != std::string_view::npos) {
    std::string_view list = text.substr(tilde + 1);
    text = text.substr(0, tilde);
    while (true) {
      size_t comma = list.find(',');
      int64_t id = 0;
      if (!parse(list.substr(0, comma), id) ||
          static_cast<int64_t>(cursor.shown.size()) >= kListingShownMax) {
        return std::nullopt;
      }
      cursor.shown.push_back(id);
      if (comma == std::string_view::npos) break;
      list = list.substr(comma + 1);
    }
  }
  if (!with_price) return parse(text, cursor.id) ? std::optional(cursor) : std::nullopt;
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  if (!parse(text.substr(0, dot), cursor.price) || !parse(text.substr(dot + 1), cursor.id)) {
    return std::nullopt;
  }
  return cursor;
}

std::string EscapeLike(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

}  // namespace

bool IsProductStatus(std::string_view status) { return status == "published" || status == "draft"; }

Result<std::optional<Product>> ProductCatalog::LoadProduct(store::Connection& connection,
                                                           int64_t product_id) const {
  store::Query query(connection,
                     std::string(kProductSelect) + " WHERE p.id = ? AND p.status <> 'deleted'");
  query.Bind(product_id);
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return std::optional<Product>();
  }
  SHRIMP_ASSIGN_OR_RETURN(Product product, ReadProduct(query));
  std::vector<Product> one;
  one.push_back(std::move(product));
  SHRIMP_RETURN_IF_ERROR(FillDetails(connection, one));
  return std::optional<Product>(std::move(one.front()));
}

Status ProductCatalog::FillDetails(store::Connection& connection,
                                   std::vector<Product>& products) const {
  if (products.empty()) return OkStatus();
  std::map<int64_t, Product*> by_id;
  std::vector<int64_t> ids;
  for (Product& product : products) {
    by_id[product.id] = &product;
    ids.push_back(product.id);
  }
  SHRIMP_RETURN_IF_ERROR(
      ForIdChunks(ids,
                  "SELECT id, product_id, attrs, price, currency, status, weight_grams FROM skus"
                  " WHERE product_id IN ",
                  " AND status = 'active' ORDER BY id", connection,
                  [&](store::Query& row) -> Status {
                    Sku sku;
                    sku.id = row.Int(0);
                    sku.attrs_json = row.Text(2);
                    SHRIMP_ASSIGN_OR_RETURN(Currency currency, Currency::Parse(row.Text(4)));
                    sku.price = Money{row.Int(3), currency};
                    sku.status = row.Text(5);
                    sku.weight_grams = row.Int(6);
                    StockLevel level = stock_.Level(sku.id);
                    sku.stock = level.available();
                    sku.on_hand = level.on_hand;
                    sku.reserved = level.reserved;
                    by_id[row.Int(1)]->skus.push_back(std::move(sku));
                    return OkStatus();
                  }));
  return ForIdChunks(
      ids,
      "SELECT id, product_id, file_name, content_type, size_bytes FROM product_images"
      " WHERE product_id IN ",
      " ORDER BY id", connection, [&](store::Query& row) -> Status {
        by_id[row.Int(1)]->images.push_back(
            ProductImage{row.Int(0), row.Text(2), row.Text(3), row.Int(4)});
        return OkStatus();
      });
}

Result<std::optional<Product>> ProductCatalog::Get(store::Connection& connection,
                                                   const Actor& viewer, int64_t product_id) const {
  SHRIMP_ASSIGN_OR_RETURN(auto product, LoadProduct(connection, product_id));
  if (!product || !MayView(viewer, *product)) return std::optional<Product>();
  return product;
}

Result<Product> ProductCatalog::LoadOwned(store::Connection& connection, const Actor& actor,
                                          int64_t product_id) {
  SHRIMP_ASSIGN_OR_RETURN(auto product, LoadProduct(connection, product_id));
  // A product the actor may not even see is "not found", not "forbidden".
  if (!product || !MayView(actor, *product)) {
    return NotFound("product_not_found", "no product has this id");
  }
  if (product->shop_owner_id != actor.user_id && !actor.is_operator) {
    return Forbidden("not_shop_owner", "only the shop's merchant may change its products");
  }
  return std::move(*product);
}

Status ProductCatalog::InsertSku(store::Connection& connection, const Product& product,
                                 const SkuDraft& draft, Currency currency, int64_t now_ms) {
  store::Query insert(connection,
                      "INSERT INTO skus (product_id, shop_id, price, currency, attrs, weight_grams,"
                      " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(product.id, product.shop_id, draft.price.amount, currency.code(), draft.attrs_json,
              draft.weight_grams, now_ms, now_ms);
  if (!insert.Next()) return insert.ok() ? Internal("sku insert returned no id") : insert.error();
  int64_t sku_id = insert.Int(0);
  stock_.Register(connection, sku_id, product.shop_id);
  if (draft.stock > 0)
    SHRIMP_RETURN_IF_ERROR(stock_.SetOnHand(connection, sku_id, draft.stock, now_ms));
  return OkStatus();
}

Status ProductCatalog::RefreshPriceMin(store::Connection& connection, int64_t product_id,
                                       int64_t now_ms) {
  store::Query update(connection,
                      "UPDATE products SET updated_at = ?, price_min = COALESCE((SELECT min(price)"
                      " FROM skus WHERE product_id = ? AND status = 'active'), price_min)"
                      " WHERE id = ?");
  update.Bind(now_ms, product_id, product_id);
  return update.Run();
}

Result<Product> ProductCatalog::Create(store::Connection& connection, const Actor& actor,
                                       int64_t shop_id, const ProductDraft& draft, int64_t now_ms) {
  SHRIMP_RETURN_IF_ERROR(RequireShopOwner(connection, actor, shop_id));
  SHRIMP_ASSIGN_OR_RETURN(auto shop, LoadShop(connection, shop_id));
  if (!shop) return NotFound("shop_not_found", "no shop has this id");
  if (!IsProductStatus(draft.status)) {
    return InvalidArgument("invalid_field", "status must be published or draft")
        .With("field", "status");
  }
  if (draft.skus.empty() || draft.skus.size() > kSkusPerProductMax) {
    return InvalidArgument("invalid_field", "a product has 1 to 50 SKUs").With("field", "skus");
  }
  for (size_t i = 0; i < draft.skus.size(); ++i) {
    SHRIMP_RETURN_IF_ERROR(
        CheckSkuDraft(draft.skus[i], shop->currency, "skus[" + std::to_string(i) + "]."));
  }
  SHRIMP_ASSIGN_OR_RETURN(int64_t category_id, CategoryIdFor(connection, draft.category_slug));
  store::Query count(connection, "SELECT count(*) FROM products WHERE shop_id = ?");
  count.Bind(shop_id);
  SHRIMP_ASSIGN_OR_RETURN(auto products, count.ScalarInt());
  if (products.value_or(0) >= kProductsPerShopMax) {
    return Conflict("too_many_products", "a shop may list at most 100,000 products");
  }
  int64_t price_min = draft.skus.front().price.amount;
  for (const SkuDraft& sku : draft.skus) price_min = std::min(price_min, sku.price.amount);

  // Everything is validated: from here on a failure is the store's, not the caller's.
  store::Query insert(connection,
                      "INSERT INTO products (shop_id, title, description, category_id, status,"
                      " price_min, currency, created_at, updated_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(shop_id, draft.title, draft.description, category_id, draft.status, price_min,
              shop->currency.code(), now_ms, now_ms);
  if (!insert.Next())
    return insert.ok() ? Internal("product insert returned no id") : insert.error();
  Product product;
  product.id = insert.Int(0);
  product.shop_id = shop_id;
  product.shop_owner_id = shop->owner_id;
  for (const SkuDraft& sku : draft.skus) {
    SHRIMP_RETURN_IF_ERROR(InsertSku(connection, product, sku, shop->currency, now_ms));
  }
  SHRIMP_ASSIGN_OR_RETURN(auto created, LoadProduct(connection, product.id));
  if (!created) return Internal("product vanished after insert");
  return std::move(*created);
}

Result<Product> ProductCatalog::Update(store::Connection& connection, const Actor& actor,
                                       int64_t product_id, const ProductPatch& patch,
                                       int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(Product product, LoadOwned(connection, actor, product_id));
  int64_t category_id = product.category_id;
  if (patch.category_slug) {
    SHRIMP_ASSIGN_OR_RETURN(category_id, CategoryIdFor(connection, *patch.category_slug));
  }
  if (patch.status && !IsProductStatus(*patch.status)) {
    return InvalidArgument("invalid_field", "status must be published or draft")
        .With("field", "status");
  }
  store::Query update(connection,
                      "UPDATE products SET title = ?, description = ?, category_id = ?, status = ?,"
                      " updated_at = ? WHERE id = ?");
  update.Bind(patch.title.value_or(product.title), patch.description.value_or(product.description),
              category_id, patch.status.value_or(product.status), now_ms, product_id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  SHRIMP_ASSIGN_OR_RETURN(auto updated, LoadProduct(connection, product_id));
  if (!updated) return Internal("product vanished after update");
  return std::move(*updated);
}

Status ProductCatalog::Delete(store::Connection& connection, const Actor& actor, int64_t product_id,
                              int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(Product product, LoadOwned(connection, actor, product_id));
  store::Query update(connection,
                      "UPDATE products SET status = 'deleted', updated_at = ? WHERE id = ?");
  update.Bind(now_ms, product.id);
  return update.Run();
}

Result<Product> ProductCatalog::AddSku(store::Connection& connection, const Actor& actor,
                                       int64_t product_id, const SkuDraft& draft, int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(Product product, LoadOwned(connection, actor, product_id));
  if (product.skus.size() >= kSkusPerProductMax) {
    return Conflict("too_many_skus", "a product has at most 50 SKUs");
  }
  SHRIMP_RETURN_IF_ERROR(CheckSkuDraft(draft, product.price_min.currency, ""));
  SHRIMP_RETURN_IF_ERROR(InsertSku(connection, product, draft, product.price_min.currency, now_ms));
  SHRIMP_RETURN_IF_ERROR(RefreshPriceMin(connection, product_id, now_ms));
  SHRIMP_ASSIGN_OR_RETURN(auto updated, LoadProduct(connection, product_id));
  if (!updated) return Internal("product vanished after update");
  return std::move(*updated);
}

Result<Product> ProductCatalog::UpdateSku(store::Connection& connection, const Actor& actor,
                                          int64_t sku_id, const SkuPatch& patch, int64_t now_ms) {
  store::Query find(connection, "SELECT product_id FROM skus WHERE id = ? AND status = 'active'");
  find.Bind(sku_id);
  SHRIMP_ASSIGN_OR_RETURN(auto product_id, find.ScalarInt());
  if (!product_id) return NotFound("sku_not_found", "no SKU has this id");
  auto owned = LoadOwned(connection, actor, *product_id);
  if (!owned.ok()) {
    if (owned.error().code == "product_not_found")
      return NotFound("sku_not_found", "no SKU has this id");
    return owned.error();
  }
  Currency currency = owned->price_min.currency;
  SkuDraft checked{patch.price.value_or(Money{1, currency}), patch.stock.value_or(0), "",
                   patch.weight_grams.value_or(kSkuWeightGramsDefault)};
  SHRIMP_RETURN_IF_ERROR(CheckSkuDraft(checked, currency, ""));
  if (patch.price || patch.attrs_json || patch.weight_grams) {
    store::Query update(connection,
                        "UPDATE skus SET price = COALESCE(?, price), attrs = COALESCE(?, attrs),"
                        " weight_grams = COALESCE(?, weight_grams), updated_at = ? WHERE id = ?");
    std::optional<int64_t> price;
    if (patch.price) price = patch.price->amount;
    update.Bind(price, patch.attrs_json, patch.weight_grams, now_ms, sku_id);
    SHRIMP_RETURN_IF_ERROR(update.Run());
    SHRIMP_RETURN_IF_ERROR(RefreshPriceMin(connection, *product_id, now_ms));
  }
  // The merchant's figure is units on hand; what is available follows.
  if (patch.stock)
    SHRIMP_RETURN_IF_ERROR(stock_.SetOnHand(connection, sku_id, *patch.stock, now_ms));
  SHRIMP_ASSIGN_OR_RETURN(auto updated, LoadProduct(connection, *product_id));
  if (!updated) return Internal("product vanished after update");
  return std::move(*updated);
}

Result<Product> ProductCatalog::RetireSku(store::Connection& connection, const Actor& actor,
                                          int64_t sku_id, int64_t now_ms) {
  store::Query find(connection, "SELECT product_id FROM skus WHERE id = ? AND status = 'active'");
  find.Bind(sku_id);
  SHRIMP_ASSIGN_OR_RETURN(auto product_id, find.ScalarInt());
  if (!product_id) return NotFound("sku_not_found", "no SKU has this id");
  SHRIMP_ASSIGN_OR_RETURN(Product product, LoadOwned(connection, actor, *product_id));
  if (product.skus.size() <= 1) {
    return Conflict("last_sku", "a product keeps at least one SKU; delete the product instead");
  }
  store::Query update(connection,
                      "UPDATE skus SET status = 'retired', updated_at = ? WHERE id = ?");
  update.Bind(now_ms, sku_id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  SHRIMP_RETURN_IF_ERROR(RefreshPriceMin(connection, *product_id, now_ms));
  SHRIMP_ASSIGN_OR_RETURN(auto updated, LoadProduct(connection, *product_id));
  if (!updated) return Internal("product vanished after update");
  return std::move(*updated);
}

Result<ProductImage> ProductCatalog::AddImage(store::Connection& connection, const Actor& actor,
                                              int64_t product_id, const ProductImage& image,
                                              int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(Product product, LoadOwned(connection, actor, product_id));
  if (product.images.size() >= kImagesPerProductMax) {
    return Conflict("too_many_images", "a product has at most 10 images");
  }
  store::Query insert(connection,
                      "INSERT INTO product_images (product_id, shop_id, file_name, content_type,"
                      " size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(product_id, product.shop_id, image.file_name, image.content_type, image.size_bytes,
              now_ms);
  if (!insert.Next()) return insert.ok() ? Internal("image insert returned no id") : insert.error();
  ProductImage stored = image;
  stored.id = insert.Int(0);
  return stored;
}

Result<ProductPage> ProductCatalog::Search(store::Connection& connection,
                                           const ProductQuery& query) const {
  bool by_price = query.sort != ProductSort::kNewest;
  std::optional<Cursor> cursor;
  if (!query.after.empty()) {
    cursor = ParseCursor(query.after, by_price);
    if (!cursor) {
      return InvalidArgument("invalid_cursor", "after must be a cursor from a previous page")
          .With("field", "after");
    }
  }
  std::string sql = std::string(kProductSelect) + " WHERE ";
  sql += query.include_drafts ? "p.status <> 'deleted'"
                              : "p.status = 'published' AND s.status = 'active'";
  if (query.shop_id) sql += " AND p.shop_id = ?";
  if (query.category_id) {
    sql +=
        " AND p.category_id IN (WITH RECURSIVE sub(id, depth) AS (SELECT CAST(? AS INTEGER), 1"
        " UNION ALL"
        " SELECT c2.id, sub.depth + 1 FROM categories c2 JOIN sub ON c2.parent_id = sub.id"
        " WHERE sub.depth < 8) SELECT id FROM sub)";
  }
  if (query.price_min) sql += " AND p.price_min >= ?";
  if (query.price_max) sql += " AND p.price_min <= ?";
  if (query.currency) sql += " AND p.currency = ?";
  if (query.city) sql += " AND lower(s.city) = lower(?)";
  if (query.country) sql += " AND s.country = ?";
  if (query.text) sql += " AND p.title LIKE ? ESCAPE '\\'";
  if (cursor && !cursor->shown.empty()) {
    sql += " AND p.id NOT IN (";
    for (size_t i = 0; i < cursor->shown.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
  }
  switch (query.sort) {
    case ProductSort::kNewest:
      if (cursor) sql += " AND p.id < ?";
      sql += " ORDER BY p.id DESC";
      break;
    case ProductSort::kPriceAscending:
      if (cursor) sql += " AND (p.price_min > ? OR (p.price_min = ? AND p.id > ?))";
      sql += " ORDER BY p.price_min, p.id";
      break;
    case ProductSort::kPriceDescending:
      if (cursor) sql += " AND (p.price_min < ? OR (p.price_min = ? AND p.id < ?))";
      sql += " ORDER BY p.price_min DESC, p.id DESC";
      break;
  }
  sql += " LIMIT ?";
  store::Query select(connection, sql);
  int index = 1;
  if (query.shop_id) select.BindAt(index++, *query.shop_id);
  if (query.category_id) select.BindAt(index++, *query.category_id);
  if (query.price_min) select.BindAt(index++, *query.price_min);
  if (query.price_max) select.BindAt(index++, *query.price_max);
  if (query.currency) select.BindAt(index++, *query.currency);
  if (query.city) select.BindAt(index++, *query.city);
  if (query.country) select.BindAt(index++, *query.country);
  if (query.text) select.BindAt(index++, "%" + EscapeLike(*query.text) + "%");
  if (cursor) {
    for (int64_t id : cursor->shown) select.BindAt(index++, id);
  }
  if (cursor && by_price) {
    select.BindAt(index++, cursor->price);
    select.BindAt(index++, cursor->price);
  }
  if (cursor) select.BindAt(index++, cursor->id);
  // The marketplace's first page is diverse (no shop holds more than
  // kListingPerShopMax of its first kListingDiverseTop places): it reads a
  // window of rows and moves a shop's extra rows behind the others.
  bool diverse = !query.shop_id && !cursor;
  int64_t window = diverse
                       ? std::min<int64_t>(query.limit * kListingWindowFactor, kListingWindowMax)
                       : query.limit;
  window = std::max(window, query.limit);
  select.BindAt(index++, window + 1);
  std::vector<Product> rows;
  while (select.Next()) {
    SHRIMP_ASSIGN_OR_RETURN(Product product, ReadProduct(select));
    rows.push_back(std::move(product));
  }
  SHRIMP_RETURN_IF_ERROR(select.status());
  ProductPage page;
  if (!diverse) {
    bool more = static_cast<int64_t>(rows.size()) > query.limit;
    if (more) rows.resize(query.limit);
    page.items = std::move(rows);
    if (more) {
      // Shown ids still ahead of the new position stay left out.
      std::vector<int64_t> shown;
      if (cursor) {
        for (int64_t id : cursor->shown) {
          if (by_price || id < page.items.back().id) shown.push_back(id);
        }
      }
      page.next_after = FormatCursor(page.items.back(), by_price, shown);
    }
  } else {
    std::vector<size_t> order;  // indexes into rows: diverse top, then the rest in order
    std::vector<size_t> rest;
    std::unordered_map<int64_t, int64_t> per_shop;
    for (size_t row = 0; row < rows.size(); ++row) {
      if (static_cast<int64_t>(order.size()) < kListingDiverseTop &&
          per_shop[rows[row].shop_id] < kListingPerShopMax) {
        ++per_shop[rows[row].shop_id];
        order.push_back(row);
      } else {
        rest.push_back(row);
      }
    }
    order.insert(order.end(), rest.begin(), rest.end());
    size_t taken = std::min<size_t>(order.size(), static_cast<size_t>(query.limit));
    std::vector<bool> on_page(rows.size(), false);
    for (size_t i = 0; i < taken; ++i) on_page[order[i]] = true;
    // The next page starts after the longest prefix of rows all on this
    // page, leaving out this page's rows beyond that prefix.
    size_t prefix = 0;
    while (prefix < rows.size() && on_page[prefix]) ++prefix;
    bool more = prefix < rows.size();
    if (more && prefix > 0) {
      std::vector<int64_t> shown;
      for (size_t row = prefix; row < rows.size(); ++row) {
        if (on_page[row]) shown.push_back(rows[row].id);
      }
      page.next_after = FormatCursor(rows[prefix - 1], by_price, shown);
    }
    for (size_t i = 0; i < taken; ++i) page.items.push_back(std::move(rows[order[i]]));
  }
  SHRIMP_RETURN_IF_ERROR(FillDetails(connection, page.items));
  return page;
}

}  // namespace shrimp::catalog
