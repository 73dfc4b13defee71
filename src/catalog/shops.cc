#include "catalog/shops.h"

#include <cctype>

#include "catalog/catalog_lookup.h"
#include "core/country.h"

namespace shrimp::catalog {
namespace {

constexpr const char* kShopColumns =
    "id, name, description, city, country, currency, owner_id, status, created_at, updated_at,"
    " (SELECT count(*) FROM products p WHERE p.shop_id = shops.id AND p.status = 'published')";

Result<Shop> ReadShop(store::Query& query) {
  Shop shop;
  shop.id = query.Int(0);
  shop.name = query.Text(1);
  shop.description = query.Text(2);
  shop.city = query.Text(3);
  shop.country = query.Text(4);
  SHRIMP_ASSIGN_OR_RETURN(shop.currency, Currency::Parse(query.Text(5)));
  shop.owner_id = query.Int(6);
  shop.status = query.Text(7);
  shop.created_at_ms = query.Int(8);
  shop.updated_at_ms = query.Int(9);
  shop.product_count = query.Int(10);
  return shop;
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Status CheckNameFree(store::Connection& connection, const std::string& key, int64_t except_id) {
  store::Query taken(connection, "SELECT id FROM shops WHERE name_key = ? AND id <> ?");
  taken.Bind(key, except_id);
  SHRIMP_ASSIGN_OR_RETURN(auto existing, taken.ScalarInt());
  if (existing) {
    return Conflict("shop_name_taken", "another shop already has this name").With("field", "name");
  }
  return OkStatus();
}

}  // namespace

std::string ShopNameKey(std::string_view name) {
  std::string key;
  bool space = false;
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

Result<Shop> CreateShop(store::Connection& connection, int64_t owner_id, const ShopDraft& draft,
                        int64_t now_ms) {
  if (IsBlank(draft.name)) {
    return InvalidArgument("invalid_field", "name must not be blank").With("field", "name");
  }
  if (IsBlank(draft.city)) {
    return InvalidArgument("invalid_field", "city must not be blank").With("field", "city");
  }
  if (!IsCountryCode(draft.country)) {
    return InvalidArgument("invalid_country",
                           "country must be an ISO 3166-1 alpha-2 code such as CN or FR")
        .With("field", "country");
  }
  auto currency = Currency::Parse(draft.currency);
  if (!currency.ok()) {
    return InvalidArgument("invalid_currency", currency.error().message).With("field", "currency");
  }
  store::Query owned(connection, "SELECT count(*) FROM shops WHERE owner_id = ?");
  owned.Bind(owner_id);
  SHRIMP_ASSIGN_OR_RETURN(auto count, owned.ScalarInt());
  if (count.value_or(0) >= kShopsPerOwnerMax) {
    return Conflict("too_many_shops", "one account may own at most 20 shops");
  }
  std::string key = ShopNameKey(draft.name);
  SHRIMP_RETURN_IF_ERROR(CheckNameFree(connection, key, 0));
  store::Query insert(connection,
                      "INSERT INTO shops (name, name_key, description, city, country, currency,"
                      " owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      " RETURNING id");
  insert.Bind(draft.name, key, draft.description, draft.city, draft.country, currency->code(),
              owner_id, now_ms, now_ms);
  if (!insert.Next()) return insert.ok() ? Internal("shop insert returned no id") : insert.error();
  int64_t id = insert.Int(0);
  SHRIMP_ASSIGN_OR_RETURN(auto shop, LoadShop(connection, id));
  if (!shop) return Internal("shop vanished after insert");
  return std::move(*shop);
}

Status RequireShopOwner(store::Connection& connection, const Actor& actor, int64_t shop_id) {
  SHRIMP_ASSIGN_OR_RETURN(auto owner, LoadShopOwner(connection, shop_id));
  if (!owner) return NotFound("shop_not_found", "no shop has this id");
  if (*owner != actor.user_id && !actor.is_operator) {
    return Forbidden("not_shop_owner", "only the shop's merchant may change it");
  }
  return OkStatus();
}

Result<Shop> UpdateShop(store::Connection& connection, const Actor& actor, int64_t shop_id,
                        const ShopPatch& patch, int64_t now_ms) {
  SHRIMP_RETURN_IF_ERROR(RequireShopOwner(connection, actor, shop_id));
  SHRIMP_ASSIGN_OR_RETURN(auto shop, LoadShop(connection, shop_id));
  if (!shop) return NotFound("shop_not_found", "no shop has this id");
  if (patch.name) {
    if (IsBlank(*patch.name)) {
      return InvalidArgument("invalid_field", "name must not be blank").With("field", "name");
    }
    SHRIMP_RETURN_IF_ERROR(CheckNameFree(connection, ShopNameKey(*patch.name), shop_id));
    shop->name = *patch.name;
  }
  if (patch.city) {
    if (IsBlank(*patch.city)) {
      return InvalidArgument("invalid_field", "city must not be blank").With("field", "city");
    }
    shop->city = *patch.city;
  }
  if (patch.description) shop->description = *patch.description;
  store::Query update(connection,
                      "UPDATE shops SET name = ?, name_key = ?, description = ?, city = ?,"
                      " updated_at = ? WHERE id = ?");
  update.Bind(shop->name, ShopNameKey(shop->name), shop->description, shop->city, now_ms, shop_id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  shop->updated_at_ms = now_ms;
  return std::move(*shop);
}

Result<std::optional<Shop>> LoadShop(store::Connection& connection, int64_t shop_id) {
  store::Query query(connection,
                     std::string("SELECT ") + kShopColumns + " FROM shops WHERE id = ?");
  query.Bind(shop_id);
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return std::optional<Shop>();
  }
  SHRIMP_ASSIGN_OR_RETURN(Shop shop, ReadShop(query));
  return std::optional<Shop>(std::move(shop));
}

Result<std::vector<Shop>> ListShops(store::Connection& connection, const ShopFilter& filter) {
  // One statement text per filter combination keeps the statement cache small.
  std::string sql = std::string("SELECT ") + kShopColumns + " FROM shops WHERE id > ?";
  if (filter.city) sql += " AND lower(city) = lower(?)";
  if (filter.country) sql += " AND country = ?";
  if (filter.owner_id) sql += " AND owner_id = ?";
  sql += " ORDER BY id LIMIT ?";
  store::Query query(connection, sql);
  int index = 1;
  query.BindAt(index++, filter.after_id);
  if (filter.city) query.BindAt(index++, *filter.city);
  if (filter.country) query.BindAt(index++, *filter.country);
  if (filter.owner_id) query.BindAt(index++, *filter.owner_id);
  query.BindAt(index++, filter.limit + 1);
  std::vector<Shop> shops;
  while (query.Next()) {
    SHRIMP_ASSIGN_OR_RETURN(Shop shop, ReadShop(query));
    shops.push_back(std::move(shop));
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  return shops;
}

}  // namespace shrimp::catalog
