#include "catalog/schema.h"

#include <string>

#include "catalog/category.h"

namespace shrimp::catalog {
namespace {

constexpr const char* kTablesSql = R"sql(
CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES categories(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX categories_parent ON categories(parent_id);

CREATE TABLE shops (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  currency TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX shops_city ON shops(city, id);
CREATE INDEX shops_country ON shops(country, id);
CREATE INDEX shops_owner ON shops(owner_id, id);

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  category_id INTEGER NOT NULL REFERENCES categories(id),
  status TEXT NOT NULL CHECK (status IN ('published', 'draft', 'deleted')),
  price_min INTEGER NOT NULL,
  currency TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX products_shop ON products(shop_id, id);
CREATE INDEX products_status ON products(status, id);
CREATE INDEX products_category ON products(category_id, status, id);
CREATE INDEX products_price ON products(status, price_min, id);

CREATE TABLE skus (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  shop_id INTEGER NOT NULL REFERENCES shops(id),
  price INTEGER NOT NULL CHECK (price >= 0),
  currency TEXT NOT NULL,
  attrs TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX skus_product ON skus(product_id, id);

CREATE TABLE stock_movements (
  id INTEGER PRIMARY KEY,
  sku_id INTEGER NOT NULL REFERENCES skus(id),
  shop_id INTEGER NOT NULL,
  delta INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('received', 'adjusted', 'reserved', 'released')),
  reference_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX stock_movements_sku ON stock_movements(sku_id);

CREATE TABLE product_images (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  shop_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  width INTEGER,
  height INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX product_images_product ON product_images(product_id, id);
)sql";

std::string QuoteSql(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

// Roots first, so a child's parent is always there when it is inserted.
std::string SeedCategoriesSql() {
  std::string sql;
  for (const SeedCategory& category : SeedCategories()) {
    sql += "INSERT INTO categories (slug, name, parent_id, created_at) VALUES (";
    sql += QuoteSql(category.slug) + ", " + QuoteSql(category.name) + ", ";
    if (category.parent_slug.empty()) {
      sql += "NULL";
    } else {
      sql += "(SELECT id FROM categories WHERE slug = " + QuoteSql(category.parent_slug) + ")";
    }
    sql += ", 0);\n";
  }
  return sql;
}

}  // namespace

std::vector<store::Migration> CatalogMigrations() {
  return {{"catalog", 1, "shops, categories, products, skus, stock movements, images",
           std::string(kTablesSql) + SeedCategoriesSql()},
          // The order check reads each order's reservations by reference.
          {"catalog", 2, "stock movements by reference",
           "CREATE INDEX stock_movements_reference ON stock_movements(reference_id, reason);"},
          // Shipping consumes a reservation (on hand and reserved both drop),
          // so that a merchant's edit sets units on hand; see stock_book.h.
          // SQLite cannot change a CHECK in place: rebuild the table.
          {"catalog", 3, "stock movements: shipped",
           R"sql(
CREATE TABLE stock_movements_v3 (
  id INTEGER PRIMARY KEY,
  sku_id INTEGER NOT NULL REFERENCES skus(id),
  shop_id INTEGER NOT NULL,
  delta INTEGER NOT NULL,
  reason TEXT NOT NULL
    CHECK (reason IN ('received', 'adjusted', 'reserved', 'released', 'shipped')),
  reference_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
INSERT INTO stock_movements_v3 SELECT * FROM stock_movements;
DROP TABLE stock_movements;
ALTER TABLE stock_movements_v3 RENAME TO stock_movements;
CREATE INDEX stock_movements_sku ON stock_movements(sku_id);
CREATE INDEX stock_movements_reference ON stock_movements(reference_id, reason);
)sql"},
          // Start-up reads the newest complete snapshot of the levels and
          // the movements after it (stock_book.h, "snapshots").
          {"catalog", 4, "stock snapshots",
           R"sql(
CREATE TABLE stock_snapshots (
  id INTEGER PRIMARY KEY,
  last_movement_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1))
);
CREATE TABLE stock_snapshot_levels (
  snapshot_id INTEGER NOT NULL,
  sku_id INTEGER NOT NULL,
  on_hand INTEGER NOT NULL,
  reserved INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, sku_id)
) WITHOUT ROWID;
)sql"},
          // Rate cards price parcels by weight (logistics/rate_card.h); SKUs
          // that existed before weigh the documented default.
          {"catalog", 5, "sku weights",
           "ALTER TABLE skus ADD COLUMN weight_grams INTEGER NOT NULL DEFAULT 500"
           " CHECK (weight_grams BETWEEN 1 AND 100000);"}};
}

}  // namespace shrimp::catalog
