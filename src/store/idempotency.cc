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
)sql"}};
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

Status IdempotencyStore::Load(Connection& connection, int64_t now_ms) {
  entries_.clear();
  by_age_.clear();
  Query query(connection,
              "SELECT scope, key, fingerprint, status, body, created_at FROM idempotency_keys"
              " WHERE created_at > ? ORDER BY created_at");
  query.Bind(now_ms - kIdempotencyRetentionMs);
  while (query.Next()) {
    std::string map_key = MapKey(query.Text(0), query.Text(1));
    int64_t created_at_ms = query.Int(5);
    entries_[map_key] = Entry{query.Text(2), {static_cast<int>(query.Int(3)), query.Text(4)},
                              created_at_ms};
    by_age_.emplace_back(created_at_ms, std::move(map_key));
  }
  if (!query.ok()) return query.error();
  evicted_for_space_ = false;
  Evict(now_ms);
  return OkStatus();
}

void IdempotencyStore::Evict(int64_t now_ms) {
  while (!by_age_.empty() &&
         (by_age_.front().first <= now_ms - kIdempotencyRetentionMs ||
          by_age_.size() > kIdempotencyKeysInMemoryMax)) {
    if (by_age_.front().first > now_ms - kIdempotencyRetentionMs) evicted_for_space_ = true;
    entries_.erase(by_age_.front().second);
    by_age_.pop_front();
  }
}

Result<std::optional<StoredResponse>> IdempotencyStore::Lookup(Connection& connection,
                                                               std::string_view scope,
                                                               std::string_view key,
                                                               std::string_view fingerprint) {
  auto it = entries_.find(MapKey(scope, key));
  if (it != entries_.end()) {
    if (it->second.fingerprint != fingerprint) return Reused();
    return std::optional<StoredResponse>(it->second.response);
  }
  if (!evicted_for_space_) return std::optional<StoredResponse>();
  Query query(connection,
              "SELECT fingerprint, status, body FROM idempotency_keys WHERE scope = ? AND key = ?");
  query.Bind(scope, key);
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<StoredResponse>();
  }
  if (query.Text(0) != fingerprint) return Reused();
  return std::optional<StoredResponse>(
      StoredResponse{static_cast<int>(query.Int(1)), query.Text(2)});
}

Status IdempotencyStore::Record(Connection& connection, std::string_view scope,
                                std::string_view key, std::string_view fingerprint,
                                const StoredResponse& response, int64_t now_ms) {
  Query insert(connection,
               "INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, created_at)"
               " VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(scope, key, fingerprint, response.status, response.body, now_ms);
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  std::string map_key = MapKey(scope, key);
  entries_[map_key] = Entry{std::string(fingerprint), response, now_ms};
  by_age_.emplace_back(now_ms, std::move(map_key));
  Evict(now_ms);
  return OkStatus();
}

}  // namespace shrimp::store
