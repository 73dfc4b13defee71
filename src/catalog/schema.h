// The catalogue's tables and their versioned migrations.
//
// Every merchant-owned table carries shop_id so the schema can later be
// distributed by shop (DESIGN.md, "Storage and the write path"). Stock is
// never a column: it is the sum of the append-only stock_movements rows,
// kept hot in memory by StockBook.
#pragma once

#include <vector>

#include "store/migrate.h"

namespace shrimp::catalog {

// Migrations of the "catalog" domain, oldest first. Version 1 also seeds
// the category tree (see category.h).
std::vector<store::Migration> CatalogMigrations();

}  // namespace shrimp::catalog
