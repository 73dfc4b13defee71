#include "store/idempotency.h"

#include <spdlog/spdlog.h>

namespace shrimp::store {
namespace {

std::string MapKey(std::string_view scope, std::string_view key) {
  std::string combined;
  combined.reserve(scope.size() + key.size() + 1);
  combined.append(scope);
  combined.push_back('\n');  // cannot appear in a validated key
  combined.append(key);
  return combined;
}

Error Reused() {
  return Conflict("idempotency_key_reused",
                  "this Idempotency-Key was already used for a different request");
}

}  // namespace

std::vector<Migration> IdempotencyStore::Migrations() {
  return {{"idempotency", 1, "idempotency keys",
           R"sql(
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
)sql"},
          // Bounding keys per scope finds a scope's oldest key.
          {"idempotency", 2, "idempotency keys by scope and age",
           "CREATE INDEX idempotency_keys_scope_created ON idempotency_keys(scope, created_at);"},
          // That index cost every keyed write a dirty leaf per user in each
          // group commit (about 10 more WAL pages per commit at 32 buyers,
          // 15 % of checkout throughput) to speed up a query that runs only
          // for a scope at its bound: that one now walks the scope's primary
          // key (at most kIdempotencyKeysPerScopeMax rows) instead.
          {"idempotency", 3, "drop idempotency keys by scope and age",
           "DROP INDEX idempotency_keys_scope_created;"}};
}

Status ValidateIdempotencyKey(std::string_view key) {
  bool valid = !key.empty() && key.size() <= kIdempotencyKeyLengthMax;
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) valid = false;
  }
  if (!valid) {
    return InvalidArgument("invalid_idempotency_key",
                           "Idempotency-Key must be 1 to 255 printable ASCII characters");
  }
  return OkStatus();
}

size_t MemoryIdempotencyStore::BytesOf(const std::string& map_key, const Entry& entry) {
  // Two copies of the map key (map and age queue) plus node overhead.
  constexpr size_t kOverheadBytes = 128;
  return 2 * map_key.size() + entry.fingerprint.size() + entry.response.body.size() +
         kOverheadBytes;
}

void MemoryIdempotencyStore::Insert(std::string map_key, Entry entry) {
  Erase(map_key);
  bytes_ += BytesOf(map_key, entry);
  by_age_.emplace_back(entry.created_at_ms, map_key);
  entries_.emplace(std::move(map_key), std::move(entry));
}

void MemoryIdempotencyStore::Erase(const std::string& map_key) {
  auto it = entries_.find(map_key);
  if (it == entries_.end()) return;
  bytes_ -= BytesOf(map_key, it->second);
  entries_.erase(it);
  // Its by_age_ slot stays until popped; EvictForSpace skips stale slots.
}

void MemoryIdempotencyStore::EvictForSpace() {
  while (!by_age_.empty() &&
         (entries_.size() > kIdempotencyKeysInMemoryMax || bytes_ > kIdempotencyBytesInMemoryMax ||
          by_age_.size() > 2 * kIdempotencyKeysInMemoryMax)) {
    auto [created_at_ms, map_key] = std::move(by_age_.front());
    by_age_.pop_front();
    auto it = entries_.find(map_key);
    // A stale slot: the key was purged, or recorded again later.
    if (it == entries_.end() || it->second.created_at_ms != created_at_ms) continue;
    Erase(map_key);
    evicted_for_space_ = true;
  }
}

void MemoryIdempotencyStore::CountScope(const std::string& scope, int64_t delta) {
  int64_t& count = keys_per_scope_[scope];
  count += delta;
  if (count <= 0) keys_per_scope_.erase(scope);
}

Status MemoryIdempotencyStore::Load(Connection& connection, int64_t now_ms) {
  entries_.clear();
  by_age_.clear();
  keys_per_scope_.clear();
  bytes_ = 0;
  evicted_for_space_ = false;
  Query query(connection,
              "SELECT scope, key, fingerprint, status, body, created_at FROM idempotency_keys"
              " WHERE created_at > ? ORDER BY created_at");
  query.Bind(now_ms - kIdempotencyRetentionMs);
  while (query.Next()) {
    std::string scope = query.Text(0);
    Insert(MapKey(scope, query.Text(1)),
           Entry{query.Text(2), {static_cast<int>(query.Int(3)), query.Text(4)}, query.Int(5)});
    CountScope(scope, 1);
    EvictForSpace();
  }
  return query.status();
}

Result<std::optional<StoredResponse>> MemoryIdempotencyStore::Lookup(Connection& connection,
                                                                     std::string_view scope,
                                                                     std::string_view key,
                                                                     std::string_view fingerprint,
                                                                     int64_t now_ms) {
  int64_t expired_at_ms = now_ms - kIdempotencyRetentionMs;
  auto it = entries_.find(MapKey(scope, key));
  if (it != entries_.end() && it->second.created_at_ms > expired_at_ms) {
    if (it->second.fingerprint != fingerprint) return Reused();
    return std::optional<StoredResponse>(it->second.response);
  }
  if (!evicted_for_space_) return std::optional<StoredResponse>();
  Query query(connection,
              "SELECT fingerprint, status, body FROM idempotency_keys"
              " WHERE scope = ? AND key = ? AND created_at > ?");
  query.Bind(scope, key, expired_at_ms);
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<StoredResponse>();
  }
  if (query.Text(0) != fingerprint) return Reused();
  return std::optional<StoredResponse>(
      StoredResponse{static_cast<int>(query.Int(1)), query.Text(2)});
}

Status MemoryIdempotencyStore::Record(Connection& connection, std::string_view scope,
                                      std::string_view key, std::string_view fingerprint,
                                      const StoredResponse& response, int64_t now_ms) {
  int64_t expired_at_ms = now_ms - kIdempotencyRetentionMs;
  std::string scope_text(scope);
  // An expired row that Purge has not reached yet is replaced: the key is
  // new again. A live one cannot be here (Lookup found none).
  Query insert(connection,
               "INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, created_at)"
               " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET"
               " fingerprint = excluded.fingerprint, status = excluded.status,"
               " body = excluded.body, created_at = excluded.created_at"
               " WHERE idempotency_keys.created_at <= ?");
  insert.Bind(scope, key, fingerprint, response.status, response.body, now_ms, expired_at_ms);
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  if (connection.Changes() == 0) return Reused();

  // Bound the scope's keys on disk: forget its oldest when over.
  std::optional<std::string> dropped;
  auto counted = keys_per_scope_.find(scope_text);
  if (counted != keys_per_scope_.end() && counted->second >= kIdempotencyKeysPerScopeMax) {
    // "+created_at": never walk the whole created_at index for one scope.
    // By the primary key, not rowid: the same SQL runs on PostgreSQL.
    Query oldest(connection,
                 "DELETE FROM idempotency_keys WHERE scope = ? AND key = (SELECT key FROM"
                 " idempotency_keys WHERE scope = ? AND NOT (key = ?) ORDER BY +created_at"
                 " LIMIT 1) RETURNING key");
    oldest.Bind(scope, scope, key);
    if (oldest.Next()) dropped = oldest.Text(0);
    SHRIMP_RETURN_IF_ERROR(oldest.status());
  }

  std::string map_key = MapKey(scope, key);
  std::optional<Entry> replaced;
  if (auto it = entries_.find(map_key); it != entries_.end()) replaced = it->second;
  std::optional<Entry> dropped_entry;
  std::string dropped_map_key;
  if (dropped) {
    dropped_map_key = MapKey(scope, *dropped);
    if (auto it = entries_.find(dropped_map_key); it != entries_.end()) dropped_entry = it->second;
    Erase(dropped_map_key);
  } else if (!replaced) {
    CountScope(scope_text, 1);
  }
  Insert(map_key, Entry{std::string(fingerprint), response, now_ms});
  connection.journal().Record([this, map_key, replaced, dropped_map_key, dropped_entry,
                               counted_new = !dropped && !replaced, scope_text] {
    Erase(map_key);
    if (replaced) Insert(map_key, *replaced);
    if (dropped_entry) Insert(dropped_map_key, *dropped_entry);
    if (counted_new) CountScope(scope_text, -1);
  });
  // Eviction keeps rows on disk, so it needs no undo.
  EvictForSpace();
  return OkStatus();
}

Result<int64_t> MemoryIdempotencyStore::Purge(Connection& connection, int64_t now_ms) {
  Query purge(connection,
              "DELETE FROM idempotency_keys WHERE (scope, key) IN (SELECT scope, key FROM"
              " idempotency_keys WHERE created_at <= ? ORDER BY created_at LIMIT ?)"
              " RETURNING scope, key");
  purge.Bind(now_ms - kIdempotencyRetentionMs, kIdempotencyPurgeBatchMax);
  std::vector<std::pair<std::string, std::string>> purged;
  while (purge.Next()) purged.emplace_back(purge.Text(0), purge.Text(1));
  SHRIMP_RETURN_IF_ERROR(purge.status());
  for (const auto& [scope, key] : purged) {
    std::string map_key = MapKey(scope, key);
    std::optional<Entry> saved;
    if (auto it = entries_.find(map_key); it != entries_.end()) saved = it->second;
    Erase(map_key);
    CountScope(scope, -1);
    connection.journal().Record([this, map_key, scope, saved = std::move(saved)] {
      if (saved) Insert(map_key, *saved);
      CountScope(scope, 1);
    });
  }
  return static_cast<int64_t>(purged.size());
}

}  // namespace shrimp::store
