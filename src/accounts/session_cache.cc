#include "accounts/session_cache.h"

namespace shrimp::accounts {

std::optional<Principal> SessionCache::Find(const std::string& token_hash) {
  int64_t now_ms = clock_.NowMs();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (now_ms < it->second.cached_until_ms && now_ms < it->second.expires_at_ms) {
    return it->second.principal;
  }
  entries_.erase(it);
  return std::nullopt;
}

uint64_t SessionCache::BeginLookup() {
  std::lock_guard lock(mutex_);
  return generation_;
}

bool SessionCache::Admit(uint64_t lookup, const std::string& token_hash, const Principal& principal,
                         int64_t expires_at_ms) {
  int64_t now_ms = clock_.NowMs();
  std::lock_guard lock(mutex_);
  if (revoking_.contains(principal.session_id)) return false;
  if (lookup != generation_) return true;  // believed for this request only
  SweepIfDue(now_ms);
  if (entries_.size() >= kSessionCacheEntriesMax) entries_.clear();
  entries_[token_hash] = Entry{principal, expires_at_ms, now_ms + kSessionCacheTtlMs};
  return true;
}

void SessionCache::BeginRevoke(int64_t session_id) {
  std::lock_guard lock(mutex_);
  revoking_[session_id] += 1;
  generation_ += 1;
  std::erase_if(entries_,
                [&](const auto& entry) { return entry.second.principal.session_id == session_id; });
}

void SessionCache::EndRevoke(int64_t session_id) {
  std::lock_guard lock(mutex_);
  auto it = revoking_.find(session_id);
  if (it != revoking_.end() && --it->second <= 0) revoking_.erase(it);
  generation_ += 1;
}

size_t SessionCache::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void SessionCache::SweepIfDue(int64_t now_ms) {
  // At most once per TTL, so the O(n) pass is amortised over the TTL's
  // worth of insertions, and entries never outlive two TTLs.
  if (now_ms < next_sweep_ms_) return;
  next_sweep_ms_ = now_ms + kSessionCacheTtlMs;
  std::erase_if(entries_, [&](const auto& entry) {
    return now_ms >= entry.second.cached_until_ms || now_ms >= entry.second.expires_at_ms;
  });
}

}  // namespace shrimp::accounts
