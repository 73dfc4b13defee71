// JSON for shops, categories and products, as documented in /openapi.json.
#pragma once

#include <functional>

#include "catalog/category.h"
#include "catalog/products.h"
#include "catalog/shops.h"
#include "http/json.h"

namespace shrimp::api {

// `extra` writes more fields into the shop's object (its reputation).
void WriteShop(http::JsonWriter& json, const catalog::Shop& shop,
               const std::function<void(http::JsonWriter&)>& extra = {});
void WriteCategory(http::JsonWriter& json, const catalog::Category& category);
void WriteProduct(http::JsonWriter& json, const catalog::Product& product);

// The public URL of a stored image.
std::string ImageUrl(const std::string& file_name);

}  // namespace shrimp::api
