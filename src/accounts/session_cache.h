// SessionCache: recently authenticated sessions, so that a busy client's
// every request does not read the sessions table, and the revocations in
// progress, so that a log-out is final once it is answered.
//
// Entries live kSessionCacheTtlMs, which bounds how long a role change made
// elsewhere (`shrimp operator add`) takes to show. Memory is bounded: stale
// entries are swept at most once per TTL, and a cache still full after the
// sweep starts over.
//
// Revocation. A lookup reads the database and then offers its result to the
// cache; a log-out may commit in between, and the stale result must neither
// be cached nor, once the log-out is answered, be believed. So:
//  - BeginRevoke drops the session's entries and marks it as being revoked;
//    until EndRevoke (after the revocation committed) Admit refuses it.
//  - Both bump a generation; Admit caches nothing if the generation moved
//    since the lookup's BeginLookup, because its read may predate the commit.
// A lookup that began after EndRevoke reads the committed revocation.
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "accounts/principal.h"
#include "core/clock.h"

namespace shrimp::accounts {

inline constexpr int64_t kSessionCacheTtlMs = 5'000;
inline constexpr size_t kSessionCacheEntriesMax = 100'000;

class SessionCache {
 public:
  explicit SessionCache(const Clock& clock) : clock_(clock) {}

  // The cached principal for `token_hash`, if fresh and its session unexpired.
  std::optional<Principal> Find(const std::string& token_hash);
  // Call before reading the session from the database; pass the result to Admit.
  uint64_t BeginLookup();
  // Offers a session read from the database. Returns false if the session is
  // being revoked (the caller must treat the token as invalid); otherwise
  // true, having cached it unless a revocation began or ended since `lookup`.
  bool Admit(uint64_t lookup, const std::string& token_hash, const Principal& principal,
             int64_t expires_at_ms);
  // REQUIRES: each BeginRevoke is followed by one EndRevoke for the same id,
  // whether or not the revocation committed.
  void BeginRevoke(int64_t session_id);
  void EndRevoke(int64_t session_id);

  size_t size();

 private:
  struct Entry {
    Principal principal;
    int64_t expires_at_ms = 0;  // the session's own expiry
    int64_t cached_until_ms = 0;
  };
  // REQUIRES: mutex_ held.
  void SweepIfDue(int64_t now_ms);

  const Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<int64_t, int> revoking_;  // session id -> revocations in flight
  uint64_t generation_ = 0;
  int64_t next_sweep_ms_ = 0;
};

}  // namespace shrimp::accounts
