#include "store/migrate.h"

#include <spdlog/spdlog.h>

namespace shrimp::store {

Status Migrate(Connection& connection, const std::vector<Migration>& migrations, int64_t now_ms) {
  SHRIMP_RETURN_IF_ERROR(
      connection.Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                      " domain TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL,"
                      " applied_at INTEGER NOT NULL, PRIMARY KEY (domain, version))"));
  for (const Migration& migration : migrations) {
    std::optional<int64_t> applied;
    {
      Query query(connection, "SELECT 1 FROM schema_migrations WHERE domain = ? AND version = ?");
      query.Bind(migration.domain, migration.version);
      SHRIMP_ASSIGN_OR_RETURN(applied, query.ScalarInt());
    }
    if (applied) continue;
    SHRIMP_RETURN_IF_ERROR(connection.Exec("BEGIN IMMEDIATE"));
    bool postgres = connection.engine() == DbEngine::kPostgres;
    Status applied_sql = connection.Exec(
        postgres && !migration.postgres_sql.empty() ? migration.postgres_sql : migration.sql);
    if (!applied_sql.ok()) {
      (void)connection.Exec("ROLLBACK");
      return Internal("migration " + migration.domain + "/" + std::to_string(migration.version) +
                      " failed: " + applied_sql.error().message);
    }
    {
      Query record(connection,
                   "INSERT INTO schema_migrations (domain, version, description, applied_at)"
                   " VALUES (?, ?, ?, ?)");
      record.Bind(migration.domain, migration.version, migration.description, now_ms);
      Status recorded = record.Run();
      if (!recorded.ok()) {
        (void)connection.Exec("ROLLBACK");
        return recorded;
      }
    }
    SHRIMP_RETURN_IF_ERROR(connection.Exec("COMMIT"));
    spdlog::info("migrated {} to version {}: {}", migration.domain, migration.version,
                 migration.description);
  }
  return OkStatus();
}

}  // namespace shrimp::store
