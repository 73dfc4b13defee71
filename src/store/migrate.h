// Versioned schema migrations, recorded in the database.
//
// Each domain owns its migrations (domain, version, SQL). Migrate applies the
// ones not yet recorded, in the order given, each in its own transaction, and
// records them in schema_migrations. Versions of a domain only ever grow.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace shrimp::store {

struct Migration {
  std::string domain;  // "accounts"
  int version;         // 1, 2, ... per domain
  std::string description;
  std::string sql;
  // When set, run instead of `sql` on PostgreSQL: for the rare statement
  // that store/dialect.h cannot rewrite (SQLite's trigger bodies).
  std::string postgres_sql = {};
};

// REQUIRES: no writer thread is running on `connection`.
[[nodiscard]] Status Migrate(Connection& connection, const std::vector<Migration>& migrations,
                             int64_t now_ms);

}  // namespace shrimp::store
