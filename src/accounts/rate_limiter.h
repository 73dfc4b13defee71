// RateLimiter: at most `attempts_max` attempts per key within `window_ms`,
// counted in memory. Used for log-in attempts per account and per address.
// Thread-safe. Memory is bounded: at most keys_max keys are tracked, the
// stalest dropped first.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace shrimp::accounts {

struct RateLimitOptions {
  int attempts_max = 10;
  int64_t window_ms = 60'000;
  size_t keys_max = 100'000;
};

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, RateLimitOptions options) : clock_(clock), options_(options) {}

  // Records an attempt for `key`. Returns 0 if allowed, otherwise the
  // milliseconds until one is allowed again (the attempt is not recorded).
  int64_t Attempt(const std::string& key);
  // The milliseconds until an attempt for `key` is allowed, 0 if it is now;
  // records nothing.
  int64_t Blocked(const std::string& key);
  // Forgets the attempts for `key` (after a successful log-in).
  void Reset(const std::string& key);

 private:
  const Clock& clock_;
  RateLimitOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<int64_t>> attempts_;
};

}  // namespace shrimp::accounts
