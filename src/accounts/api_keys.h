// API keys: how partners (carriers today; payment providers and apps later)
// authenticate, as `Authorization: Bearer shk_...`.
//
// A key is "shk_" + 32 random bytes in URL-safe base64. It is shown once,
// in the answer that issues it; the database keeps only its SHA-256 (the key
// carries 256 bits, so no slow hash is needed) and its first characters, so
// a listing can tell keys apart. Each key has an owner (a carrier, a merchant
// user or an operator, by id) and a list of scopes ("shipments:write",
// "orders:read"): a route declares the scope it needs (api/auth.h,
// RequireScope) and a key without it gets 403 missing_scope. Keys are revoked,
// never deleted, so a listing shows what existed.
//
// Authentication reads only memory: every unrevoked key is loaded at
// start-up (Load) and the registry follows each issue and revocation once
// it has committed, before the caller is answered. So a revocation is final
// when it is answered. (With several servers on one PostgreSQL database the
// registry would need a short-lived cache instead; see DESIGN.md.)
//
// Last use is kept in memory at kLastUseResolutionMs and written by
// FlushLastUse, a writer job the App runs on a timer: one UPDATE per key used
// since the previous flush, never a write per request. A listing shows the
// newer of the stored and the in-memory value.
//
// Threads: Authenticate, List and the *Async calls are safe from any thread
// (io threads included: nothing blocks on the writer). FlushLastUse runs in a
// writer job and journals what it changes.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/writer.h"

namespace shrimp::accounts {

enum class KeyOwnerKind { kCarrier, kMerchantUser, kOperator };
std::string_view KeyOwnerKindName(KeyOwnerKind kind);
std::optional<KeyOwnerKind> ParseKeyOwnerKind(std::string_view name);

struct KeyOwner {
  KeyOwnerKind kind = KeyOwnerKind::kCarrier;
  // A carrier's slug ("swiftpost") or a user's id in decimal.
  std::string id;
  bool operator==(const KeyOwner&) const = default;
};

inline constexpr std::string_view kApiKeyPrefix = "shk_";
// "shk_" + 43 base64 characters.
inline constexpr size_t kApiKeyLength = 4 + 43;
// Characters of the key kept in clear to tell keys apart ("shk_Ab12Cd34").
inline constexpr size_t kApiKeyDisplayLength = 12;
inline constexpr size_t kScopesPerKeyMax = 16;
inline constexpr size_t kScopeLengthMax = 64;
inline constexpr size_t kKeyLabelLengthMax = 100;
inline constexpr size_t kKeyOwnerIdLengthMax = 32;
// Active keys per owner: enough to rotate (issue the new one, move, revoke
// the old) across a few systems; a bound on what one operator mistake can do.
inline constexpr int64_t kActiveKeysPerOwnerMax = 10;
// Active keys in all: the registry is memory.
inline constexpr int64_t kActiveKeysMax = 100'000;
// Last use is recorded to this precision, so a busy key's every request
// does not write even to memory.
inline constexpr int64_t kLastUseResolutionMs = 1'000;
// How often the App writes last uses down.
inline constexpr int64_t kLastUseFlushIntervalMs = 10'000;

// Errors: invalid_scope (field "scopes") unless `scope` is "resource:action",
// each part 1+ of [a-z0-9_-], at most kScopeLengthMax bytes in all.
Status ValidateScope(std::string_view scope);
// Errors: invalid_owner_id unless 1..kKeyOwnerIdLengthMax of [a-z0-9_-]
// (carriers) or a positive decimal id (users).
Status ValidateKeyOwner(const KeyOwner& owner);

// What the holder of a valid key is, for a handler.
struct KeyPrincipal {
  int64_t key_id = 0;
  KeyOwner owner;
  std::vector<std::string> scopes;
  bool HasScope(std::string_view scope) const;
};

// A key as listed (never the secret).
struct ApiKey {
  int64_t id = 0;
  KeyOwner owner;
  std::string display;  // the first kApiKeyDisplayLength characters
  std::string label;
  std::vector<std::string> scopes;
  int64_t created_at_ms = 0;
  int64_t created_by_user_id = 0;
  std::optional<int64_t> last_used_at_ms;
  std::optional<int64_t> revoked_at_ms;
};

struct IssuedKey {
  std::string secret;  // shown once
  ApiKey key;
};

struct IssueKeyRequest {
  KeyOwner owner;
  std::vector<std::string> scopes;
  std::string label;
  int64_t created_by_user_id = 0;
};

class ApiKeyService {
 public:
  template <class T>
  using Done = std::function<void(Result<T>)>;

  ApiKeyService(store::Db& db, store::Writer& writer, const Clock& clock);

  static std::vector<store::Migration> Migrations();
  // Loads every unrevoked key. REQUIRES: before the writer starts.
  [[nodiscard]] Status Load(store::Connection& connection);

  // Errors: invalid_owner_id, invalid_scope, missing_field (no scope),
  // too_many_scopes, invalid_field (label), too_many_keys (the owner has
  // kActiveKeysPerOwnerMax active keys, or the marketplace kActiveKeysMax).
  void IssueAsync(IssueKeyRequest request, Done<IssuedKey> done);
  // Revokes `key_id` if `owner` owns it; revoking a revoked key answers it
  // as it is. Errors: api_key_not_found (unknown, or another owner's).
  void RevokeAsync(KeyOwner owner, int64_t key_id, Done<ApiKey> done);
  // The owner's keys, newest first, revoked ones included.
  Result<std::vector<ApiKey>> List(const KeyOwner& owner);

  // The holder of `token`, recording its use. Errors: unauthenticated
  // (malformed, unknown or revoked key).
  Result<KeyPrincipal> Authenticate(std::string_view token);
  // Whether `token` looks like an API key rather than a session token.
  static bool LooksLikeKey(std::string_view token);

  // Writes the last use of every key used since the previous flush; returns
  // how many rows it wrote. REQUIRES: inside a writer job.
  Result<int64_t> FlushLastUse(store::Connection& connection);

  size_t active_keys() const;

 private:
  struct Entry {
    int64_t key_id = 0;
    KeyOwner owner;
    std::vector<std::string> scopes;
    // Written by any thread on use; read by the flush.
    std::atomic<int64_t> last_used_ms{0};
    // What the database holds; writer thread only.
    int64_t flushed_ms = 0;
  };
  void Admit(const std::string& key_hash, std::shared_ptr<Entry> entry);
  void Forget(int64_t key_id);
  std::optional<int64_t> InMemoryLastUse(int64_t key_id) const;

  store::Db& db_;
  store::Writer& writer_;
  const Clock& clock_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Entry>> by_hash_;
  std::unordered_map<int64_t, std::string> hash_by_id_;
};

}  // namespace shrimp::accounts
