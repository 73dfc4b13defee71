#include "accounts/api_keys.h"

#include <algorithm>
#include <mutex>

#include "accounts/token.h"

namespace shrimp::accounts {
namespace {

// Rows written by one flush; the rest wait for the next.
constexpr size_t kLastUseFlushBatchMax = 1'000;

bool IsSlugChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool IsSlug(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), IsSlugChar);
}

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string joined;
  for (const std::string& scope : scopes) {
    if (!joined.empty()) joined += ' ';
    joined += scope;
  }
  return joined;
}

std::vector<std::string> SplitScopes(std::string_view joined) {
  std::vector<std::string> scopes;
  while (!joined.empty()) {
    size_t space = joined.find(' ');
    scopes.emplace_back(joined.substr(0, space));
    if (space == std::string_view::npos) break;
    joined.remove_prefix(space + 1);
  }
  return scopes;
}

constexpr const char* kKeyColumns =
    "id, owner_kind, owner_id, display, label, scopes, created_at, created_by, last_used_at,"
    " revoked_at";

ApiKey ReadKey(store::Query& query) {
  ApiKey key;
  key.id = query.Int(0);
  key.owner.kind = ParseKeyOwnerKind(query.Text(1)).value_or(KeyOwnerKind::kCarrier);
  key.owner.id = query.Text(2);
  key.display = query.Text(3);
  key.label = query.Text(4);
  key.scopes = SplitScopes(query.Text(5));
  key.created_at_ms = query.Int(6);
  key.created_by_user_id = query.Int(7);
  key.last_used_at_ms = query.OptionalInt(8);
  key.revoked_at_ms = query.OptionalInt(9);
  return key;
}

Result<int64_t> Count(store::Connection& connection, const std::string& sql,
                      const std::optional<KeyOwner>& owner) {
  store::Query count(connection, sql);
  if (owner) count.Bind(KeyOwnerKindName(owner->kind), owner->id);
  SHRIMP_ASSIGN_OR_RETURN(auto value, count.ScalarInt());
  return value.value_or(0);
}

Status ValidateScopes(const std::vector<std::string>& scopes) {
  if (scopes.empty()) {
    return InvalidArgument("missing_field", "a key needs at least one scope")
        .With("field", "scopes");
  }
  if (scopes.size() > kScopesPerKeyMax) {
    return InvalidArgument("too_many_scopes", "a key has at most 16 scopes")
        .With("field", "scopes");
  }
  for (const std::string& scope : scopes) SHRIMP_RETURN_IF_ERROR(ValidateScope(scope));
  return OkStatus();
}

}  // namespace

std::string_view KeyOwnerKindName(KeyOwnerKind kind) {
  switch (kind) {
    case KeyOwnerKind::kCarrier: return "carrier";
    case KeyOwnerKind::kMerchantUser: return "merchant_user";
    case KeyOwnerKind::kOperator: return "operator";
  }
  return "carrier";
}

std::optional<KeyOwnerKind> ParseKeyOwnerKind(std::string_view name) {
  if (name == "carrier") return KeyOwnerKind::kCarrier;
  if (name == "merchant_user") return KeyOwnerKind::kMerchantUser;
  if (name == "operator") return KeyOwnerKind::kOperator;
  return std::nullopt;
}

Status ValidateScope(std::string_view scope) {
  size_t colon = scope.find(':');
  bool valid = scope.size() <= kScopeLengthMax && colon != std::string_view::npos &&
               IsSlug(scope.substr(0, colon)) && IsSlug(scope.substr(colon + 1));
  if (!valid) {
    return InvalidArgument("invalid_scope",
                           "a scope is resource:action in lower case, like shipments:write")
        .With("field", "scopes")
        .With("scope", std::string(scope.substr(0, kScopeLengthMax)));
  }
  return OkStatus();
}

Status ValidateKeyOwner(const KeyOwner& owner) {
  bool valid = !owner.id.empty() && owner.id.size() <= kKeyOwnerIdLengthMax;
  if (valid && owner.kind == KeyOwnerKind::kCarrier) valid = IsSlug(owner.id);
  if (valid && owner.kind != KeyOwnerKind::kCarrier) {
    valid = owner.id[0] != '0' &&
            std::all_of(owner.id.begin(), owner.id.end(),
                        [](char c) { return c >= '0' && c <= '9'; }) &&
            owner.id.size() <= 18;
  }
  if (!valid) {
    return InvalidArgument("invalid_owner_id",
                           "a carrier id is 1 to 32 of a-z, 0-9, '_' and '-'; a user id is a "
                           "positive number");
  }
  return OkStatus();
}

bool KeyPrincipal::HasScope(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

ApiKeyService::ApiKeyService(store::Db& db, store::Writer& writer, const Clock& clock)
    : db_(db), writer_(writer), clock_(clock) {}

std::vector<store::Migration> ApiKeyService::Migrations() {
  return {{"api_keys", 1, "partner API keys: hashes, owners, scopes, last use, revocation",
           R"sql(
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  display TEXT NOT NULL,
  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('carrier', 'merchant_user', 'operator')),
  owner_id TEXT NOT NULL,
  label TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_keys_owner ON api_keys(owner_kind, owner_id);
CREATE INDEX api_keys_active ON api_keys(revoked_at) WHERE revoked_at IS NULL;
)sql"}};
}

Status ApiKeyService::Load(store::Connection& connection) {
  store::Query query(connection,
                     "SELECT id, owner_kind, owner_id, scopes, key_hash, last_used_at FROM api_keys"
                     " WHERE revoked_at IS NULL");
  std::unique_lock lock(mutex_);
  // A reload (several servers, store/cluster.h) keeps the uses this server
  // saw and has not written yet: FlushLastUse still owes them to the table.
  std::unordered_map<int64_t, int64_t> unflushed;
  for (const auto& [hash, entry] : by_hash_) {
    int64_t used = entry->last_used_ms.load();
    if (used > entry->flushed_ms) unflushed[entry->key_id] = used;
  }
  by_hash_.clear();
  hash_by_id_.clear();
  while (query.Next()) {
    auto entry = std::make_shared<Entry>();
    entry->key_id = query.Int(0);
    entry->owner.kind = ParseKeyOwnerKind(query.Text(1)).value_or(KeyOwnerKind::kCarrier);
    entry->owner.id = query.Text(2);
    entry->scopes = SplitScopes(query.Text(3));
    entry->flushed_ms = query.OptionalInt(5).value_or(0);
    entry->last_used_ms = entry->flushed_ms;
    if (auto used = unflushed.find(entry->key_id);
        used != unflushed.end() && used->second > entry->flushed_ms) {
      entry->last_used_ms = used->second;
    }
    std::string key_hash = query.Text(4);
    hash_by_id_[entry->key_id] = key_hash;
    by_hash_[std::move(key_hash)] = std::move(entry);
  }
  return query.status();
}

void ApiKeyService::IssueAsync(IssueKeyRequest request, Done<IssuedKey> done) {
  if (auto valid = ValidateKeyOwner(request.owner); !valid.ok()) return done(valid.error());
  if (auto valid = ValidateScopes(request.scopes); !valid.ok()) return done(valid.error());
  // The HTTP layer counts code points; here bytes, for any caller.
  if (request.label.size() > kKeyLabelLengthMax * 4) {
    return done(
        InvalidArgument("invalid_field", "label is at most 100 characters").With("field", "label"));
  }
  IssuedKey issued;
  issued.secret = std::string(kApiKeyPrefix) + NewToken();
  issued.key.owner = request.owner;
  issued.key.display = issued.secret.substr(0, kApiKeyDisplayLength);
  issued.key.label = std::move(request.label);
  issued.key.scopes = std::move(request.scopes);
  issued.key.created_at_ms = clock_.NowMs();
  issued.key.created_by_user_id = request.created_by_user_id;
  std::string key_hash = Sha256Hex(issued.secret);
  writer_.Submit<IssuedKey>(
      [issued, key_hash](store::Connection& connection) -> Result<IssuedKey> {
        const KeyOwner& owner = issued.key.owner;
        SHRIMP_ASSIGN_OR_RETURN(
            int64_t owner_keys,
            Count(connection,
                  "SELECT count(*) FROM api_keys WHERE owner_kind = ? AND owner_id = ?"
                  " AND revoked_at IS NULL",
                  owner));
        SHRIMP_ASSIGN_OR_RETURN(int64_t all_keys,
                                Count(connection,
                                      "SELECT count(*) FROM api_keys WHERE revoked_at IS NULL",
                                      std::nullopt));
        if (owner_keys >= kActiveKeysPerOwnerMax || all_keys >= kActiveKeysMax) {
          return Conflict("too_many_keys",
                          "this owner has as many active keys as allowed; revoke one first")
              .With("active_keys_max",
                    owner_keys >= kActiveKeysPerOwnerMax ? kActiveKeysPerOwnerMax : kActiveKeysMax);
        }
        store::Query insert(
            connection,
            "INSERT INTO api_keys (key_hash, display, owner_kind, owner_id, label, scopes,"
            " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        insert.Bind(key_hash, issued.key.display, KeyOwnerKindName(owner.kind), owner.id,
                    issued.key.label, JoinScopes(issued.key.scopes), issued.key.created_at_ms,
                    issued.key.created_by_user_id);
        if (!insert.Next()) return insert.ok() ? Internal("insert returned no id") : insert.error();
        IssuedKey stored = issued;
        stored.key.id = insert.Int(0);
        return stored;
      },
      [this, key_hash, done = std::move(done)](Result<IssuedKey> result) {
        // Committed and durable: the key works from before its holder sees it.
        if (result.ok()) {
          auto entry = std::make_shared<Entry>();
          entry->key_id = result->key.id;
          entry->owner = result->key.owner;
          entry->scopes = result->key.scopes;
          Admit(key_hash, std::move(entry));
        }
        done(std::move(result));
      });
}

void ApiKeyService::RevokeAsync(KeyOwner owner, int64_t key_id, Done<ApiKey> done) {
  int64_t now_ms = clock_.NowMs();
  writer_.Submit<ApiKey>(
      [owner, key_id, now_ms](store::Connection& connection) -> Result<ApiKey> {
        store::Query query(connection, std::string("SELECT ") + kKeyColumns +
                                           " FROM api_keys WHERE id = ? AND owner_kind = ?"
                                           " AND owner_id = ?");
        query.Bind(key_id, KeyOwnerKindName(owner.kind), owner.id);
        if (!query.Next()) {
          if (!query.ok()) return query.error();
          return NotFound("api_key_not_found", "this owner has no key with this id");
        }
        ApiKey key = ReadKey(query);
        if (key.revoked_at_ms) return key;
        store::Query update(connection, "UPDATE api_keys SET revoked_at = ? WHERE id = ?");
        update.Bind(now_ms, key_id);
        SHRIMP_RETURN_IF_ERROR(update.Run());
        key.revoked_at_ms = now_ms;
        return key;
      },
      [this, key_id, done = std::move(done)](Result<ApiKey> result) {
        // Forgotten before the answer: once it is answered, the key opens nothing.
        if (result.ok()) Forget(key_id);
        done(std::move(result));
      });
}

Result<std::vector<ApiKey>> ApiKeyService::List(const KeyOwner& owner) {
  auto keys = db_.Read([&](store::Connection& connection) -> Result<std::vector<ApiKey>> {
    store::Query query(connection, std::string("SELECT ") + kKeyColumns +
                                       " FROM api_keys WHERE owner_kind = ? AND owner_id = ?"
                                       " ORDER BY id DESC");
    query.Bind(KeyOwnerKindName(owner.kind), owner.id);
    std::vector<ApiKey> found;
    while (query.Next()) found.push_back(ReadKey(query));
    SHRIMP_RETURN_IF_ERROR(query.status());
    return found;
  });
  if (!keys.ok()) return keys;
  for (ApiKey& key : *keys) {
    std::optional<int64_t> in_memory = InMemoryLastUse(key.id);
    if (in_memory && *in_memory > key.last_used_at_ms.value_or(0)) key.last_used_at_ms = in_memory;
  }
  return keys;
}

bool ApiKeyService::LooksLikeKey(std::string_view token) {
  return token.substr(0, kApiKeyPrefix.size()) == kApiKeyPrefix;
}

Result<KeyPrincipal> ApiKeyService::Authenticate(std::string_view token) {
  if (token.size() != kApiKeyLength || !LooksLikeKey(token)) {
    return Unauthenticated("unauthenticated", "a valid API key is required");
  }
  std::string key_hash = Sha256Hex(token);
  int64_t now_ms = clock_.NowMs();
  std::shared_lock lock(mutex_);
  auto found = by_hash_.find(key_hash);
  if (found == by_hash_.end()) {
    return Unauthenticated("unauthenticated", "this API key is unknown or revoked");
  }
  Entry& entry = *found->second;
  if (now_ms - entry.last_used_ms.load(std::memory_order_relaxed) >= kLastUseResolutionMs) {
    entry.last_used_ms.store(now_ms, std::memory_order_relaxed);
  }
  return KeyPrincipal{entry.key_id, entry.owner, entry.scopes};
}

Result<int64_t> ApiKeyService::FlushLastUse(store::Connection& connection) {
  std::vector<std::shared_ptr<Entry>> used;
  {
    std::shared_lock lock(mutex_);
    for (const auto& [hash, entry] : by_hash_) {
      if (entry->last_used_ms.load(std::memory_order_relaxed) > entry->flushed_ms) {
        used.push_back(entry);
        if (used.size() >= kLastUseFlushBatchMax) break;
      }
    }
  }
  for (const auto& entry : used) {
    int64_t last_used_ms = entry->last_used_ms.load(std::memory_order_relaxed);
    store::Query update(connection, "UPDATE api_keys SET last_used_at = ? WHERE id = ?");
    update.Bind(last_used_ms, entry->key_id);
    SHRIMP_RETURN_IF_ERROR(update.Run());
    int64_t previous_ms = entry->flushed_ms;
    entry->flushed_ms = last_used_ms;
    connection.journal().Record([entry, previous_ms] { entry->flushed_ms = previous_ms; });
  }
  return static_cast<int64_t>(used.size());
}

size_t ApiKeyService::active_keys() const {
  std::shared_lock lock(mutex_);
  return by_hash_.size();
}

void ApiKeyService::Admit(const std::string& key_hash, std::shared_ptr<Entry> entry) {
  std::unique_lock lock(mutex_);
  hash_by_id_[entry->key_id] = key_hash;
  by_hash_[key_hash] = std::move(entry);
}

void ApiKeyService::Forget(int64_t key_id) {
  std::unique_lock lock(mutex_);
  auto found = hash_by_id_.find(key_id);
  if (found == hash_by_id_.end()) return;
  by_hash_.erase(found->second);
  hash_by_id_.erase(found);
}

std::optional<int64_t> ApiKeyService::InMemoryLastUse(int64_t key_id) const {
  std::shared_lock lock(mutex_);
  auto id = hash_by_id_.find(key_id);
  if (id == hash_by_id_.end()) return std::nullopt;
  auto entry = by_hash_.find(id->second);
  if (entry == by_hash_.end()) return std::nullopt;
  int64_t last_used_ms = entry->second->last_used_ms.load(std::memory_order_relaxed);
  if (last_used_ms == 0) return std::nullopt;
  return last_used_ms;
}

}  // namespace shrimp::accounts
