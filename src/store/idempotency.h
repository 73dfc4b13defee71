// IdempotencyStore: the first response to each Idempotency-Key, replayed for
// every retry of the same request.
//
// Keys are scoped (by user, usually) so two clients cannot collide. A retry
// with the same key but a different request (fingerprint) is refused with
// idempotency_key_reused. Keys are kept at least kIdempotencyRetentionMs.
//
// Threading: owned by the writer thread. Lookup and Record run inside writer
// jobs, so a request and its concurrent retry are serialised: the second one
// always sees the first one's stored response.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::store {

inline constexpr int64_t kIdempotencyRetentionMs = 25 * 3'600'000;  // > 24 h
inline constexpr size_t kIdempotencyKeyLengthMax = 255;
inline constexpr size_t kIdempotencyKeysInMemoryMax = 2'000'000;

struct StoredResponse {
  int status = 0;
  std::string body;
};

class IdempotencyStore {
 public:
  static std::vector<Migration> Migrations();

  // Loads keys younger than the retention period. Writer thread, at start.
  [[nodiscard]] Status Load(Connection& connection, int64_t now_ms);

  // The stored response for (scope, key), nullopt if unseen, or
  // idempotency_key_reused (kConflict) if the fingerprint differs.
  [[nodiscard]] Result<std::optional<StoredResponse>> Lookup(Connection& connection,
                                                             std::string_view scope,
                                                             std::string_view key,
                                                             std::string_view fingerprint);

  // Records the response. REQUIRES: Lookup returned nullopt in the same job.
  [[nodiscard]] Status Record(Connection& connection, std::string_view scope, std::string_view key,
                              std::string_view fingerprint, const StoredResponse& response,
                              int64_t now_ms);

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string fingerprint;
    StoredResponse response;
    int64_t created_at_ms;
  };
  void Evict(int64_t now_ms);

  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::pair<int64_t, std::string>> by_age_;  // (created_at, map key)
  // Once anything was evicted for space, a miss must also ask the table.
  bool evicted_for_space_ = false;
};

// Validates a client-supplied key: 1..255 printable ASCII characters.
[[nodiscard]] Status ValidateIdempotencyKey(std::string_view key);

}  // namespace shrimp::store
