#include "partners/outbox.h"

#include <algorithm>

#include "core/assert.h"

namespace shrimp::partners {

bool IsEventType(std::string_view type) {
  return std::find(std::begin(kEventTypes), std::end(kEventTypes), type) != std::end(kEventTypes);
}

std::vector<store::Migration> OutboxMigrations() {
  return {
      {"partners", 1, "the event outbox",
       R"sql(
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id INTEGER NOT NULL,
  shop_id INTEGER NOT NULL,
  buyer_id INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX events_shop ON events(shop_id, id);
CREATE INDEX events_buyer ON events(buyer_id, id) WHERE buyer_id <> 0;
CREATE INDEX events_object ON events(object_type, object_id, id);
)sql"},
  };
}

Result<int64_t> AppendEvent(store::Connection& connection, const Event& event, int64_t now_ms) {
  SHRIMP_ASSERT(IsEventType(event.type), "events have a documented type");
  store::Query insert(connection,
                      "INSERT INTO events (type, object_type, object_id, shop_id, buyer_id,"
                      " created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(event.type, event.object_type, event.object_id, event.shop_id, event.buyer_id,
              event.created_at_ms ? event.created_at_ms : now_ms, event.data_json);
  SHRIMP_ASSIGN_OR_RETURN(auto last, insert.ScalarInt());
  // Steps to the end, so the statement is done before the next one runs.
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  return last.value_or(0);
}

Result<std::vector<Event>> ListEvents(store::Connection& connection, const EventFilter& filter) {
  std::string sql =
      "SELECT id, type, object_type, object_id, shop_id, buyer_id, created_at, data"
      " FROM events WHERE id > ?";
  if (!filter.all) {
    sql += " AND (shop_id IN (SELECT id FROM shops WHERE owner_id = ?) OR buyer_id = ?)";
  }
  if (filter.type) sql += " AND type = ?";
  sql += " ORDER BY id LIMIT ?";
  store::Query query(connection, sql);
  int index = 1;
  query.BindAt(index++, filter.after_id);
  if (!filter.all) {
    query.BindAt(index++, filter.user_id);
    query.BindAt(index++, filter.user_id);
  }
  if (filter.type) query.BindAt(index++, *filter.type);
  query.BindAt(index++, std::clamp<int64_t>(filter.limit, 1, kEventPageMax));
  std::vector<Event> events;
  while (query.Next()) {
    Event event;
    event.id = query.Int(0);
    event.type = query.Text(1);
    event.object_type = query.Text(2);
    event.object_id = query.Int(3);
    event.shop_id = query.Int(4);
    event.buyer_id = query.Int(5);
    event.created_at_ms = query.Int(6);
    event.data_json = query.Text(7);
    events.push_back(std::move(event));
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  return events;
}

Result<bool> WasAnnounced(store::Connection& connection, std::string_view object_type,
                          int64_t object_id) {
  store::Query query(connection,
                     "SELECT 1 FROM announced_objects WHERE object_type = ? AND object_id = ?");
  query.Bind(std::string(object_type), object_id);
  bool found = query.Next();
  SHRIMP_RETURN_IF_ERROR(query.status());
  return found;
}

Status MarkAnnounced(store::Connection& connection, std::string_view object_type,
                     int64_t object_id) {
  store::Query insert(connection,
                      "INSERT OR IGNORE INTO announced_objects (object_type, object_id)"
                      " VALUES (?, ?)");
  insert.Bind(std::string(object_type), object_id);
  return insert.Run();
}

Result<int64_t> LatestEventId(store::Connection& connection) {
  store::Query query(connection, "SELECT MAX(id) FROM events");
  SHRIMP_ASSIGN_OR_RETURN(auto max, query.ScalarInt());
  return max.value_or(0);
}

}  // namespace shrimp::partners
