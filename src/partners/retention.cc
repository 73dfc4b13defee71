#include "partners/retention.h"

#include <algorithm>

#include "core/assert.h"

namespace shrimp::partners {

std::vector<store::Migration> RetentionMigrations() {
  return {
      {"partners", 3, "indexes for outbox retention",
       R"sql(
CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id);
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries(finished_at)
  WHERE status <> 'pending';
)sql"},
      // Whether partners were told of an object must outlive the events that
      // told them: the review sink announces replies and hiding only of a
      // review announced as created, and retention prunes that event.
      {"partners", 4, "objects announced to partners, kept when their events are pruned",
       R"sql(
CREATE TABLE announced_objects (
  object_type TEXT NOT NULL,
  object_id INTEGER NOT NULL,
  PRIMARY KEY (object_type, object_id)
);
INSERT INTO announced_objects (object_type, object_id)
  SELECT DISTINCT object_type, object_id FROM events WHERE type = 'review.created';
)sql"},
  };
}

namespace {

Result<int64_t> DeleteById(store::Connection& connection, const char* sql,
                           const std::vector<int64_t>& ids) {
  int64_t deleted = 0;
  for (int64_t id : ids) {
    store::Query remove(connection, sql);
    remove.Bind(id);
    SHRIMP_RETURN_IF_ERROR(remove.Run());
    deleted += connection.Changes();
  }
  return deleted;
}

}  // namespace

Result<PruneResult> PruneOutbox(store::Connection& connection, const RetentionOptions& options,
                                int64_t now_ms, int64_t consumed_up_to, int64_t scan_from) {
  SHRIMP_ASSERT(options.retention_ms > 0, "a retention of 0 keeps everything: no prune job");
  int64_t cutoff = now_ms - options.retention_ms;
  PruneResult result;

  // Finished deliveries, oldest finished first, with their attempts.
  std::vector<int64_t> deliveries;
  {
    store::Query old(connection,
                     "SELECT id FROM webhook_deliveries WHERE status <> 'pending'"
                     " AND finished_at < ? ORDER BY finished_at LIMIT ?");
    old.Bind(cutoff, options.batch_max);
    while (old.Next()) deliveries.push_back(old.Int(0));
    SHRIMP_RETURN_IF_ERROR(old.status());
  }
  SHRIMP_ASSIGN_OR_RETURN(result.attempts,
                          DeleteById(connection,
                                     "DELETE FROM webhook_attempts WHERE delivery_id = ?",
                                     deliveries));
  SHRIMP_ASSIGN_OR_RETURN(result.deliveries,
                          DeleteById(connection, "DELETE FROM webhook_deliveries WHERE id = ?",
                                     deliveries));

  // Events: a window from the hint, oldest first, up to the consumers' cursor.
  std::vector<int64_t> events;
  int64_t last_seen = scan_from;
  int64_t seen = 0;
  bool reached_young = false;
  {
    store::Query window(connection,
                        "SELECT id, created_at FROM events WHERE id > ? AND id <= ?"
                        " ORDER BY id LIMIT ?");
    window.Bind(scan_from, consumed_up_to, options.scan_max);
    std::vector<std::pair<int64_t, int64_t>> rows;
    while (window.Next()) rows.emplace_back(window.Int(0), window.Int(1));
    SHRIMP_RETURN_IF_ERROR(window.status());
    for (const auto& [id, created_at] : rows) {
      if (created_at >= cutoff) {
        reached_young = true;
        break;
      }
      ++seen;
      last_seen = id;
      store::Query named(connection, "SELECT 1 FROM webhook_deliveries WHERE event_id = ? LIMIT 1");
      named.Bind(id);
      bool kept = named.Next();
      SHRIMP_RETURN_IF_ERROR(named.status());
      if (!kept) events.push_back(id);
      if (static_cast<int64_t>(events.size()) >= options.batch_max) break;
    }
    // The window ended before the young events or the cursor: go on from it.
    bool full = static_cast<int64_t>(rows.size()) == options.scan_max;
    bool stopped_early = static_cast<int64_t>(events.size()) >= options.batch_max;
    result.next_scan_from = !reached_young && (full || stopped_early) && seen > 0 ? last_seen : 0;
  }
  SHRIMP_ASSIGN_OR_RETURN(result.events,
                          DeleteById(connection, "DELETE FROM events WHERE id = ?", events));
  return result;
}

}  // namespace shrimp::partners
