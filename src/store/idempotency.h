// IdempotencyStore: the first response to each Idempotency-Key, replayed for
// every retry of the same request.
//
// Keys are scoped (by user, usually) so two clients cannot collide. A retry
// with the same key but a different request (fingerprint) is refused with
// idempotency_key_reused. A key lives kIdempotencyRetentionMs: after that it
// is forgotten in memory and on disk together (Purge), and a request reusing
// it is a new request.
//
// Bounded: memory holds at most kIdempotencyKeysInMemoryMax keys and
// kIdempotencyBytesInMemoryMax bytes (older keys are then answered from the
// table), and the table at most kIdempotencyKeysPerScopeMax live keys per
// scope (recording one more forgets that scope's oldest).
//
// Threading: owned by the writer thread. Lookup and Record run inside writer
// jobs, so a request and its concurrent retry are serialised: the second one
// always sees the first one's stored response. Record journals its memory
// changes (store/journal.h), so a job that fails after it forgets the key.
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
inline constexpr size_t kIdempotencyKeysInMemoryMax = 1'000'000;
inline constexpr size_t kIdempotencyBytesInMemoryMax = size_t{64} << 20;
inline constexpr int64_t kIdempotencyKeysPerScopeMax = 1'000;
inline constexpr int64_t kIdempotencyPurgeBatchMax = 1'000;  // rows per Purge

struct StoredResponse {
  int status = 0;
  std::string body;
};

// The interface: the SQLite mode keeps keys in memory on the writer thread
// (MemoryIdempotencyStore); a store whose writers are stateless servers keeps
// them only in the table.
class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;

  static std::vector<Migration> Migrations();

  // Loads keys younger than the retention period. Writer thread, at start.
  [[nodiscard]] virtual Status Load(Connection& connection, int64_t now_ms) = 0;

  // The stored response for (scope, key), nullopt if unseen or expired, or
  // idempotency_key_reused (kConflict) if the fingerprint differs.
  [[nodiscard]] virtual Result<std::optional<StoredResponse>> Lookup(Connection& connection,
                                                                     std::string_view scope,
                                                                     std::string_view key,
                                                                     std::string_view fingerprint,
                                                                     int64_t now_ms) = 0;

  // Records the response. REQUIRES: Lookup returned nullopt in the same job.
  [[nodiscard]] virtual Status Record(Connection& connection, std::string_view scope,
                                      std::string_view key, std::string_view fingerprint,
                                      const StoredResponse& response, int64_t now_ms) = 0;

  // Deletes up to kIdempotencyPurgeBatchMax expired rows and their memory.
  // Returns how many rows went. Writer thread, inside a job.
  [[nodiscard]] virtual Result<int64_t> Purge(Connection& connection, int64_t now_ms) = 0;
};

class MemoryIdempotencyStore final : public IdempotencyStore {
 public:
  [[nodiscard]] Status Load(Connection& connection, int64_t now_ms) override;

  [[nodiscard]] Result<std::optional<StoredResponse>> Lookup(Connection& connection,
                                                             std::string_view scope,
                                                             std::string_view key,
                                                             std::string_view fingerprint,
                                                             int64_t now_ms) override;

  [[nodiscard]] Status Record(Connection& connection, std::string_view scope, std::string_view key,
                              std::string_view fingerprint, const StoredResponse& response,
                              int64_t now_ms) override;

  [[nodiscard]] Result<int64_t> Purge(Connection& connection, int64_t now_ms) override;

  size_t size() const { return entries_.size(); }
  size_t bytes() const { return bytes_; }

 private:
  struct Entry {
    std::string fingerprint;
    StoredResponse response;
    int64_t created_at_ms;
  };
  static size_t BytesOf(const std::string& map_key, const Entry& entry);
  void Insert(std::string map_key, Entry entry);
  void Erase(const std::string& map_key);
  // Drops the oldest entries beyond the memory bounds (they stay on disk).
  void EvictForSpace();
  void CountScope(const std::string& scope, int64_t delta);

  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::pair<int64_t, std::string>> by_age_;  // (created_at, map key), oldest first
  size_t bytes_ = 0;
  // Live keys per scope on disk, memory-evicted ones included.
  std::unordered_map<std::string, int64_t> keys_per_scope_;
  // Once anything was evicted for space, a miss must also ask the table.
  bool evicted_for_space_ = false;
};

// Validates a client-supplied key: 1..255 printable ASCII characters.
[[nodiscard]] Status ValidateIdempotencyKey(std::string_view key);

}  // namespace shrimp::store
