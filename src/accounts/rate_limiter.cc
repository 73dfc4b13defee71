#include "accounts/rate_limiter.h"

namespace shrimp::accounts {

void RateLimiter::Expire(std::deque<int64_t>& times, int64_t now_ms) const {
  while (!times.empty() && times.front() <= now_ms - options_.window_ms) times.pop_front();
}

int64_t RateLimiter::Blocked(const std::string& key) {
  int64_t now_ms = clock_.NowMs();
  std::lock_guard lock(mutex_);
  auto it = attempts_.find(key);
  if (it == attempts_.end()) return 0;
  auto& times = it->second;
  Expire(times, now_ms);
  if (static_cast<int>(times.size()) >= options_.attempts_max) {
    return times.front() + options_.window_ms - now_ms;
  }
  return 0;
}

int RateLimiter::Recent(const std::string& key) {
  int64_t now_ms = clock_.NowMs();
  std::lock_guard lock(mutex_);
  auto it = attempts_.find(key);
  if (it == attempts_.end()) return 0;
  Expire(it->second, now_ms);
  return static_cast<int>(it->second.size());
}

int64_t RateLimiter::Attempt(const std::string& key) {
  int64_t now_ms = clock_.NowMs();
  std::lock_guard lock(mutex_);
  if (attempts_.size() >= options_.keys_max && attempts_.find(key) == attempts_.end()) {
    // Drop keys whose window has passed; if none, drop an arbitrary one. An
    // attacker cycling keys gains nothing: each key still has its own bound.
    for (auto it = attempts_.begin(); it != attempts_.end();) {
      if (it->second.empty() || it->second.back() <= now_ms - options_.window_ms) {
        it = attempts_.erase(it);
      } else {
        ++it;
      }
    }
    if (attempts_.size() >= options_.keys_max) attempts_.erase(attempts_.begin());
  }
  auto& times = attempts_[key];
  Expire(times, now_ms);
  if (static_cast<int>(times.size()) >= options_.attempts_max) {
    return times.front() + options_.window_ms - now_ms;
  }
  times.push_back(now_ms);
  return 0;
}

void RateLimiter::Refund(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = attempts_.find(key);
  if (it != attempts_.end() && !it->second.empty()) it->second.pop_back();
}

void RateLimiter::Reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  attempts_.erase(key);
}

}  // namespace shrimp::accounts
