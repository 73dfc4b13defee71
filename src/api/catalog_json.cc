#include "api/catalog_json.h"

namespace shrimp::api {

std::string ImageUrl(const std::string& file_name) { return "/images/" + file_name; }

void WriteShop(http::JsonWriter& json, const catalog::Shop& shop,
               const std::function<void(http::JsonWriter&)>& extra) {
  json.StartObject();
  json.Field("id", shop.id);
  json.Field("name", shop.name);
  json.Field("description", shop.description);
  json.Field("city", shop.city);
  json.Field("country", shop.country);
  json.Field("currency", shop.currency.code());
  json.Field("owner_id", shop.owner_id);
  json.Field("status", shop.status);
  json.Field("product_count", shop.product_count);
  json.TimeField("created_at", shop.created_at_ms);
  json.TimeField("updated_at", shop.updated_at_ms);
  if (extra) extra(json);
  json.EndObject();
}

void WriteCategory(http::JsonWriter& json, const catalog::Category& category) {
  json.StartObject();
  json.Field("id", category.id);
  json.Field("slug", category.slug);
  json.Field("name", category.name);
  json.Key("parent_id");
  if (category.parent_id) {
    json.Int(*category.parent_id);
  } else {
    json.Null();
  }
  json.Field("path", category.path);
  json.EndObject();
}

void WriteProduct(http::JsonWriter& json, const catalog::Product& product) {
  json.StartObject();
  json.Field("id", product.id);
  json.Field("shop_id", product.shop_id);
  json.Key("shop");
  json.StartObject();
  json.Field("id", product.shop_id);
  json.Field("name", product.shop_name);
  json.Field("city", product.shop_city);
  json.Field("country", product.shop_country);
  json.Field("currency", product.price_min.currency.code());
  json.EndObject();
  json.Field("title", product.title);
  json.Field("description", product.description);
  json.Key("category");
  json.StartObject();
  json.Field("id", product.category_id);
  json.Field("slug", product.category_slug);
  json.Field("name", product.category_name);
  json.EndObject();
  json.Field("status", product.status);
  json.Field("price_min", product.price_min);
  int64_t stock_total = 0;
  json.Key("skus");
  json.StartArray();
  for (const catalog::Sku& sku : product.skus) {
    stock_total += sku.stock;
    json.StartObject();
    json.Field("id", sku.id);
    json.Key("attrs");
    json.Raw(sku.attrs_json);
    json.Field("price", sku.price);
    json.Field("weight_grams", sku.weight_grams);
    json.Field("stock", sku.stock);
    json.Field("on_hand", sku.on_hand);
    json.Field("reserved", sku.reserved);
    json.EndObject();
  }
  json.EndArray();
  json.Field("stock_total", stock_total);
  json.Key("images");
  json.StartArray();
  for (const catalog::ProductImage& image : product.images) {
    json.StartObject();
    json.Field("id", image.id);
    json.Field("url", ImageUrl(image.file_name));
    json.Field("content_type", image.content_type);
    json.Field("size_bytes", image.size_bytes);
    json.EndObject();
  }
  json.EndArray();
  json.TimeField("created_at", product.created_at_ms);
  json.TimeField("updated_at", product.updated_at_ms);
  json.EndObject();
}

}  // namespace shrimp::api
