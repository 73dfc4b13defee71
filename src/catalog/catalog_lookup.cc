#include "catalog/catalog_lookup.h"

namespace shrimp::catalog {

Result<std::optional<SkuForSale>> LoadSkuForSale(store::Connection& connection, int64_t sku_id) {
  store::Query query(
      connection,
      "SELECT k.id, k.product_id, k.shop_id, p.category_id, p.title, k.attrs, k.price,"
      " k.currency, k.status = 'active' AND p.status = 'published' AND s.status = 'active',"
      " k.weight_grams"
      " FROM skus k JOIN products p ON p.id = k.product_id JOIN shops s ON s.id = k.shop_id"
      " WHERE k.id = ?");
  query.Bind(sku_id);
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return std::optional<SkuForSale>();
  }
  SkuForSale sku;
  sku.sku_id = query.Int(0);
  sku.product_id = query.Int(1);
  sku.shop_id = query.Int(2);
  sku.category_id = query.Int(3);
  sku.title = query.Text(4);
  sku.attrs_json = query.Text(5);
  SHRIMP_ASSIGN_OR_RETURN(Currency currency, Currency::Parse(query.Text(7)));
  sku.price = Money{query.Int(6), currency};
  sku.purchasable = query.Int(8) != 0;
  sku.weight_grams = query.Int(9);
  return std::optional<SkuForSale>(std::move(sku));
}

Result<std::optional<ShopSummary>> LoadShopSummary(store::Connection& connection, int64_t shop_id) {
  store::Query query(connection,
                     "SELECT id, owner_id, name, city, country, currency FROM shops WHERE id = ?");
  query.Bind(shop_id);
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return std::optional<ShopSummary>();
  }
  ShopSummary shop;
  shop.id = query.Int(0);
  shop.owner_id = query.Int(1);
  shop.name = query.Text(2);
  shop.city = query.Text(3);
  shop.country = query.Text(4);
  SHRIMP_ASSIGN_OR_RETURN(shop.currency, Currency::Parse(query.Text(5)));
  return std::optional<ShopSummary>(std::move(shop));
}

Result<std::optional<int64_t>> LoadShopOwner(store::Connection& connection, int64_t shop_id) {
  store::Query query(connection, "SELECT owner_id FROM shops WHERE id = ?");
  query.Bind(shop_id);
  return query.ScalarInt();
}

}  // namespace shrimp::catalog
