// Clock: the source of time, injected so tests can freeze and advance it.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace shrimp {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, UTC.
  virtual int64_t NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override;
};

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMs() const override { return now_ms_.load(); }
  void AdvanceMs(int64_t delta_ms) { now_ms_ += delta_ms; }
  void SetMs(int64_t now_ms) { now_ms_ = now_ms; }

 private:
  std::atomic<int64_t> now_ms_;
};

// "2026-11-23T07:21:23.000Z"
std::string FormatIso8601(int64_t unix_ms);

inline constexpr int64_t kMsPerSecond = 1000;
inline constexpr int64_t kMsPerDay = 86'400'000;

}  // namespace shrimp
