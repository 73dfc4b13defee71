// HashPool: a few threads that run password hashing (argon2id) off the HTTP
// io threads, with a bounded queue.
//
// argon2id is slow on purpose (~15 ms and 19 MiB each at the production
// cost). Run on an io thread, a burst of sign-ups stalls every other request
// the server is handling. Here it runs on `threads` threads at a lower CPU
// priority (nice `nice`), so the io threads win the CPU when both want it,
// and at most `queue_max` tasks wait: beyond that Submit refuses at once
// with 503 `overloaded` instead of letting latency grow without bound.
//
// Thread-safe. Each accepted task is called exactly once: with OkStatus on a
// pool thread, or with `shutting_down` if Stop() comes first (on the thread
// calling Stop). A refused task is never called.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.h"

namespace shrimp::accounts {

// Two threads on the 2-core target: hashing uses what the io threads leave.
inline constexpr size_t kHashThreadsDefault = 2;
// At ~15 ms a hash, a full queue drains in about half a second.
inline constexpr size_t kHashQueueMaxDefault = 64;
inline constexpr int kHashThreadNiceDefault = 10;
// What a refused client is told to wait.
inline constexpr int64_t kHashPoolRetryAfterS = 1;
// Sign-ups may fill at most this share of the queue (1/2): a flood of them,
// from however many addresses, leaves room for the log-ins of users who
// already have an account.
inline constexpr size_t kSignUpQueueShareDivisor = 2;

// What a task hashes for: log-ins may use the whole queue, sign-ups a share.
enum class HashWork { kLogIn, kSignUp };

struct HashPoolOptions {
  size_t threads = kHashThreadsDefault;
  size_t queue_max = kHashQueueMaxDefault;
  int nice = kHashThreadNiceDefault;  // 0 keeps the caller's priority
};

class HashPool {
 public:
  using Task = std::function<void(Status runnable)>;

  explicit HashPool(HashPoolOptions options);
  ~HashPool();
  HashPool(const HashPool&) = delete;
  HashPool& operator=(const HashPool&) = delete;

  // Queues `task`. Errors: overloaded (kUnavailable, details retry_after_s)
  // when queue_max tasks wait (for a sign-up: queue_max /
  // kSignUpQueueShareDivisor); shutting_down after Stop().
  [[nodiscard]] Status Submit(Task task, HashWork work = HashWork::kLogIn);

  // Refuses the queued tasks, waits for the running ones, ends the threads.
  // Idempotent.
  void Stop();

  size_t queued() const;

 private:
  void Loop();

  HashPoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Task> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace shrimp::accounts
