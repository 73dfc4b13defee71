#include "partners/webhooks.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace shrimp::partners {
namespace {

std::string JoinEvents(const std::vector<std::string>& events) {
  std::string joined;
  for (const std::string& type : events) {
    if (!joined.empty()) joined += ',';
    joined += type;
  }
  return joined;
}

std::vector<std::string> SplitEvents(const std::string& joined) {
  std::vector<std::string> events;
  size_t start = 0;
  while (start < joined.size()) {
    size_t comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    events.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return events;
}

constexpr const char* kEndpointColumns =
    "id, owner_id, all_shops, url, events, secret, enabled, disabled_reason, created_at,"
    " disabled_at, start_after_event_id";

Endpoint ReadEndpoint(store::Query& query) {
  Endpoint endpoint;
  endpoint.id = query.Int(0);
  endpoint.owner_id = query.Int(1);
  endpoint.all_shops = query.Int(2) != 0;
  endpoint.url = query.Text(3);
  endpoint.events = SplitEvents(query.Text(4));
  endpoint.secret = query.Text(5);
  endpoint.enabled = query.Int(6) != 0;
  endpoint.disabled_reason = query.Text(7);
  endpoint.created_at_ms = query.Int(8);
  endpoint.disabled_at_ms = query.Int(9);
  endpoint.start_after_event_id = query.Int(10);
  return endpoint;
}

constexpr const char* kDeliveryColumns =
    "d.id, d.endpoint_id, d.event_id, e.type, d.object_key, d.status, d.attempts,"
    " d.next_attempt_at, d.first_attempt_at, d.created_at, d.finished_at";

Delivery ReadDelivery(store::Query& query) {
  Delivery delivery;
  delivery.id = query.Int(0);
  delivery.endpoint_id = query.Int(1);
  delivery.event_id = query.Int(2);
  delivery.event_type = query.Text(3);
  delivery.object_key = query.Text(4);
  delivery.status = query.Text(5);
  delivery.attempts = query.Int(6);
  delivery.next_attempt_at_ms = query.Int(7);
  delivery.first_attempt_at_ms = query.Int(8);
  delivery.created_at_ms = query.Int(9);
  delivery.finished_at_ms = query.Int(10);
  return delivery;
}

Status LoadHistory(store::Connection& connection, Delivery& delivery) {
  store::Query query(connection,
                     "SELECT at, status_code, latency_ms, response_snippet, error"
                     " FROM webhook_attempts WHERE delivery_id = ? ORDER BY id DESC LIMIT ?");
  query.Bind(delivery.id, static_cast<int64_t>(kAttemptsShownMax));
  while (query.Next()) {
    delivery.history.push_back(
        {query.Int(0), query.Int(1), query.Int(2), query.Text(3), query.Text(4)});
  }
  return query.status();
}

}  // namespace

bool Endpoint::Wants(std::string_view type) const {
  return events.empty() || std::find(events.begin(), events.end(), type) != events.end();
}

int64_t BackoffMs(const RetryPolicy& policy, int64_t attempts, uint64_t random) {
  int64_t delay = std::max<int64_t>(policy.backoff_base_ms, 1);
  for (int64_t doubling = 1; doubling < attempts && delay < policy.backoff_max_ms; ++doubling) {
    delay *= 2;
  }
  delay = std::min(delay, std::max<int64_t>(policy.backoff_max_ms, 1));
  int64_t half = delay / 2;
  return half + static_cast<int64_t>(random % static_cast<uint64_t>(delay - half + 1));
}

std::vector<store::Migration> WebhookMigrations() {
  return {
      {"partners", 2, "webhook endpoints, deliveries and attempts",
       R"sql(
CREATE TABLE webhook_endpoints (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL,
  all_shops INTEGER NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  disabled_at INTEGER NOT NULL DEFAULT 0,
  start_after_event_id INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX webhook_endpoints_owner ON webhook_endpoints(owner_id, id);
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL,
  object_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  first_attempt_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL DEFAULT 0,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);
CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  latency_ms INTEGER NOT NULL,
  response_snippet TEXT NOT NULL,
  error TEXT NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, id);
CREATE TABLE webhook_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_id INTEGER NOT NULL
);
)sql"},
  };
}

// ------------------------------------------------------------------ endpoints

Result<Endpoint> CreateEndpoint(store::Connection& connection, Endpoint endpoint, int64_t now_ms) {
  store::Query count(connection,
                     "SELECT COUNT(*) FROM webhook_endpoints WHERE owner_id = ? AND deleted = 0");
  count.Bind(endpoint.owner_id);
  SHRIMP_ASSIGN_OR_RETURN(auto existing, count.ScalarInt());
  if (existing.value_or(0) >= kWebhooksPerOwnerMax) {
    return Conflict("too_many_webhooks", "at most " + std::to_string(kWebhooksPerOwnerMax) +
                                             " webhook endpoints per account");
  }
  // Only events after this one: an endpoint never receives history.
  SHRIMP_ASSIGN_OR_RETURN(endpoint.start_after_event_id, LatestEventId(connection));
  endpoint.created_at_ms = now_ms;
  endpoint.enabled = true;
  store::Query insert(connection,
                      "INSERT INTO webhook_endpoints (owner_id, all_shops, url, events, secret,"
                      " created_at, start_after_event_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                      " RETURNING id");
  insert.Bind(endpoint.owner_id, endpoint.all_shops ? 1 : 0, endpoint.url,
              JoinEvents(endpoint.events), endpoint.secret, now_ms, endpoint.start_after_event_id);
  if (!insert.Next()) return insert.ok() ? Internal("insert returned no id") : insert.error();
  endpoint.id = insert.Int(0);
  return endpoint;
}

Result<std::optional<Endpoint>> FindEndpoint(store::Connection& connection, int64_t endpoint_id) {
  store::Query query(connection, std::string("SELECT ") + kEndpointColumns +
                                     " FROM webhook_endpoints WHERE id = ? AND deleted = 0");
  query.Bind(endpoint_id);
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<Endpoint>();
  }
  return std::optional<Endpoint>(ReadEndpoint(query));
}

Result<std::vector<Endpoint>> ListEndpoints(store::Connection& connection, int64_t owner_id) {
  std::string sql = std::string("SELECT ") + kEndpointColumns +
                    " FROM webhook_endpoints WHERE deleted = 0" +
                    (owner_id ? " AND owner_id = ?" : "") + " ORDER BY id DESC LIMIT 1000";
  store::Query query(connection, sql);
  if (owner_id) query.Bind(owner_id);
  std::vector<Endpoint> endpoints;
  while (query.Next()) endpoints.push_back(ReadEndpoint(query));
  SHRIMP_RETURN_IF_ERROR(query.status());
  return endpoints;
}

Status SetEndpointEnabled(store::Connection& connection, int64_t endpoint_id, bool enabled,
                          const std::string& reason, int64_t now_ms) {
  store::Query update(connection,
                      "UPDATE webhook_endpoints SET enabled = ?, disabled_reason = ?,"
                      " disabled_at = ? WHERE id = ?");
  update.Bind(enabled ? 1 : 0, enabled ? std::string() : reason, enabled ? 0 : now_ms, endpoint_id);
  return update.Run();
}

Status DeleteEndpoint(store::Connection& connection, int64_t endpoint_id) {
  store::Query update(connection,
                      "UPDATE webhook_endpoints SET deleted = 1, enabled = 0 WHERE id = ?");
  update.Bind(endpoint_id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  store::Query drop(connection,
                    "UPDATE webhook_deliveries SET status = 'failed', finished_at = next_attempt_at"
                    " WHERE endpoint_id = ? AND status = 'pending'");
  drop.Bind(endpoint_id);
  return drop.Run();
}

// ------------------------------------------------------------------ deliveries

Result<std::vector<Delivery>> ListDeliveries(store::Connection& connection, int64_t endpoint_id,
                                             int64_t before_id, int64_t limit) {
  store::Query query(connection, std::string("SELECT ") + kDeliveryColumns +
                                     " FROM webhook_deliveries d JOIN events e"
                                     " ON e.id = d.event_id WHERE d.endpoint_id = ? AND d.id < ?"
                                     " ORDER BY d.id DESC LIMIT ?");
  query.Bind(endpoint_id, before_id > 0 ? before_id : INT64_MAX,
             std::clamp<int64_t>(limit, 1, kDeliveryPageMax));
  std::vector<Delivery> deliveries;
  while (query.Next()) deliveries.push_back(ReadDelivery(query));
  SHRIMP_RETURN_IF_ERROR(query.status());
  for (Delivery& delivery : deliveries) SHRIMP_RETURN_IF_ERROR(LoadHistory(connection, delivery));
  return deliveries;
}

Result<std::optional<Delivery>> FindDelivery(store::Connection& connection, int64_t endpoint_id,
                                             int64_t delivery_id) {
  store::Query query(connection, std::string("SELECT ") + kDeliveryColumns +
                                     " FROM webhook_deliveries d JOIN events e"
                                     " ON e.id = d.event_id WHERE d.endpoint_id = ? AND d.id = ?");
  query.Bind(endpoint_id, delivery_id);
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<Delivery>();
  }
  Delivery delivery = ReadDelivery(query);
  SHRIMP_RETURN_IF_ERROR(LoadHistory(connection, delivery));
  return std::optional<Delivery>(std::move(delivery));
}

Result<Delivery> RetryDelivery(store::Connection& connection, int64_t endpoint_id,
                               int64_t delivery_id, int64_t now_ms) {
  SHRIMP_ASSIGN_OR_RETURN(auto endpoint, FindEndpoint(connection, endpoint_id));
  SHRIMP_ASSIGN_OR_RETURN(auto delivery, FindDelivery(connection, endpoint_id, delivery_id));
  if (!endpoint || !delivery) return NotFound("delivery_not_found", "no such delivery");
  if (!endpoint->enabled) {
    return Conflict("endpoint_disabled", "enable the endpoint first: " + endpoint->disabled_reason);
  }
  if (delivery->status == "pending" && delivery->next_attempt_at_ms <= now_ms) {
    return Conflict("delivery_pending", "the delivery is already due");
  }
  // A retry of a delivered event sends it again, as a fresh delivery of the
  // same event id would: receivers deduplicate by event id.
  store::Query update(connection,
                      "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?,"
                      " first_attempt_at = 0, finished_at = 0 WHERE id = ?");
  update.Bind(now_ms, delivery_id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  SHRIMP_ASSIGN_OR_RETURN(auto retried, FindDelivery(connection, endpoint_id, delivery_id));
  if (!retried) return Internal("retried delivery vanished");
  return std::move(*retried);
}

// ------------------------------------------------------------------ dispatcher

Result<int64_t> FanOutCursor(store::Connection& connection) {
  store::Query query(connection, "SELECT last_event_id FROM webhook_cursor WHERE id = 1");
  SHRIMP_ASSIGN_OR_RETURN(auto cursor, query.ScalarInt());
  return cursor.value_or(0);
}

Result<int64_t> FanOutDoneUpTo(store::Connection& connection) {
  SHRIMP_ASSIGN_OR_RETURN(int64_t cursor, FanOutCursor(connection));
  store::Query oldest(connection,
                      "SELECT MIN(start_after_event_id) FROM webhook_endpoints WHERE deleted = 0");
  SHRIMP_ASSIGN_OR_RETURN(auto floor, oldest.ScalarInt());
  if (!floor) return std::numeric_limits<int64_t>::max();
  return std::max(cursor, *floor);
}

Status FanOut(store::Connection& connection, const std::vector<NewDelivery>& fresh, int64_t cursor,
              int64_t now_ms) {
  for (const NewDelivery& delivery : fresh) {
    // OR IGNORE: a fan-out repeated after a crash inserts nothing twice.
    store::Query insert(connection,
                        "INSERT OR IGNORE INTO webhook_deliveries (endpoint_id, event_id,"
                        " object_key, status, next_attempt_at, created_at)"
                        " VALUES (?, ?, ?, 'pending', ?, ?)");
    insert.Bind(delivery.endpoint_id, delivery.event_id, delivery.object_key, now_ms, now_ms);
    SHRIMP_RETURN_IF_ERROR(insert.Run());
  }
  // Forward only: with several servers (store/cluster.h) a fan-out read
  // before another server's may commit after it.
  store::Query move(connection,
                    "INSERT INTO webhook_cursor (id, last_event_id) VALUES (1, ?)"
                    " ON CONFLICT (id) DO UPDATE SET last_event_id = CASE"
                    " WHEN excluded.last_event_id > webhook_cursor.last_event_id"
                    " THEN excluded.last_event_id ELSE webhook_cursor.last_event_id END");
  move.Bind(cursor);
  return move.Run();
}

Result<std::vector<DueDelivery>> DueDeliveries(store::Connection& connection, int64_t now_ms,
                                               const std::vector<int64_t>& busy, size_t limit,
                                               size_t scan_max) {
  store::Query query(connection,
                     "SELECT d.id, d.endpoint_id, d.object_key, d.next_attempt_at"
                     " FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id"
                     " WHERE d.status = 'pending' AND w.enabled = 1 ORDER BY d.id LIMIT ?");
  query.Bind(static_cast<int64_t>(scan_max));
  std::set<std::pair<int64_t, std::string>> seen;  // (endpoint, object) with an earlier one
  std::vector<int64_t> due;
  while (query.Next()) {
    bool first = seen.emplace(query.Int(1), query.Text(2)).second;
    if (!first) continue;  // in order per object: wait for the earlier one
    int64_t id = query.Int(0);
    if (query.Int(3) > now_ms) continue;
    if (std::find(busy.begin(), busy.end(), id) != busy.end()) continue;
    if (due.size() < limit) due.push_back(id);
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  std::vector<DueDelivery> ready;
  for (int64_t id : due) {
    store::Query load(connection,
                      "SELECT d.endpoint_id, w.url, w.secret, e.id, e.type, e.object_type,"
                      " e.object_id, e.shop_id, e.buyer_id, e.created_at, e.data"
                      " FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id"
                      " JOIN events e ON e.id = d.event_id WHERE d.id = ?");
    load.Bind(id);
    if (!load.Next()) {
      SHRIMP_RETURN_IF_ERROR(load.status());
      continue;
    }
    DueDelivery delivery;
    delivery.delivery_id = id;
    delivery.endpoint_id = load.Int(0);
    delivery.url = load.Text(1);
    delivery.secret = load.Text(2);
    delivery.event.id = load.Int(3);
    delivery.event.type = load.Text(4);
    delivery.event.object_type = load.Text(5);
    delivery.event.object_id = load.Int(6);
    delivery.event.shop_id = load.Int(7);
    delivery.event.buyer_id = load.Int(8);
    delivery.event.created_at_ms = load.Int(9);
    delivery.event.data_json = load.Text(10);
    ready.push_back(std::move(delivery));
  }
  return ready;
}

Result<int64_t> RecordAttempts(store::Connection& connection,
                               const std::vector<AttemptOutcome>& outcomes,
                               const RetryPolicy& policy) {
  int64_t disabled = 0;
  for (const AttemptOutcome& outcome : outcomes) {
    const Attempt& attempt = outcome.attempt;
    store::Query current(connection,
                         "SELECT endpoint_id, attempts, first_attempt_at, status"
                         " FROM webhook_deliveries WHERE id = ?");
    current.Bind(outcome.delivery_id);
    if (!current.Next()) {
      SHRIMP_RETURN_IF_ERROR(current.status());
      continue;
    }
    int64_t endpoint_id = current.Int(0);
    int64_t attempts = current.Int(1) + 1;
    int64_t first_at = current.Int(2) ? current.Int(2) : attempt.at_ms;
    bool still_pending = current.Text(3) == "pending";
    store::Query insert(connection,
                        "INSERT INTO webhook_attempts (delivery_id, at, status_code, latency_ms,"
                        " response_snippet, error) VALUES (?, ?, ?, ?, ?, ?)");
    insert.Bind(outcome.delivery_id, attempt.at_ms, attempt.status_code, attempt.latency_ms,
                attempt.response_snippet.substr(0, kResponseSnippetBytesMax), attempt.error);
    SHRIMP_RETURN_IF_ERROR(insert.Run());
    // Deleted meanwhile: keep the attempt, change nothing else.
    if (!still_pending) continue;
    int64_t finished_at = attempt.at_ms + attempt.latency_ms;
    std::string status = "pending";
    int64_t next_at = 0;
    if (outcome.succeeded) {
      status = "succeeded";
    } else {
      next_at = finished_at + BackoffMs(policy, attempts, outcome.jitter);
      if (next_at - first_at > policy.retry_window_ms) status = "failed";
    }
    store::Query update(connection,
                        "UPDATE webhook_deliveries SET status = ?, attempts = ?,"
                        " first_attempt_at = ?, next_attempt_at = ?, finished_at = ? WHERE id = ?");
    update.Bind(status, attempts, first_at, next_at, status == "pending" ? 0 : finished_at,
                outcome.delivery_id);
    SHRIMP_RETURN_IF_ERROR(update.Run());
    if (status == "failed") {
      // Persistent failure: stop sending until the owner fixes it and
      // enables the endpoint again; its later deliveries stay pending.
      SHRIMP_RETURN_IF_ERROR(SetEndpointEnabled(connection, endpoint_id, false,
                                                "delivery " + std::to_string(outcome.delivery_id) +
                                                    " failed for the whole retry window",
                                                finished_at));
      disabled += 1;
    }
  }
  return disabled;
}

}  // namespace shrimp::partners
