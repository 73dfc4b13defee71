// RateLimiter: at most `attempts_max` attempts per key within `window_ms`,
// counted in memory. The building block of the log-in guard and of the
// sign-up limit per address. Thread-safe. Memory is bounded: at most
// keys_max keys are tracked, the stalest dropped first.
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
  // The attempts recorded for `key` within the window.
  int Recent(const std::string& key);
  // Takes back the latest attempt for `key` (the work it stood for was
  // refused for another reason, so it should not count against the caller).
  void Refund(const std::string& key);
  // Forgets the attempts for `key`.
  void Reset(const std::string& key);

  const RateLimitOptions& options() const { return options_; }

 private:
  // REQUIRES: mutex_ held. Drops attempts older than the window.
  void Expire(std::deque<int64_t>& times, int64_t now_ms) const;

  const Clock& clock_;
  RateLimitOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<int64_t>> attempts_;
};

}  // namespace shrimp::accounts
