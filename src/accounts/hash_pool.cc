#include "accounts/hash_pool.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include "core/thread_name.h"

namespace shrimp::accounts {

HashPool::HashPool(HashPoolOptions options) : options_(options) {
  size_t threads = std::max<size_t>(options_.threads, 1);
  for (size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this] {
      NameThisThread("shrimp-hash");
      Loop();
    });
  }
}

HashPool::~HashPool() { Stop(); }

Status HashPool::Submit(Task task, HashWork work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      return Error{ErrorKind::kUnavailable, "shutting_down", "the server is shutting down", {}};
    }
    size_t room = work == HashWork::kSignUp
                      ? std::max<size_t>(1, options_.queue_max / kSignUpQueueShareDivisor)
                      : options_.queue_max;
    if (queue_.size() >= room) {
      return Error{ErrorKind::kUnavailable,
                   "overloaded",
                   "too many sign-ups and log-ins are waiting; retry shortly",
                   {}}
          .With("retry_after_s", kHashPoolRetryAfterS);
    }
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
  return OkStatus();
}

void HashPool::Stop() {
  std::deque<Task> refused;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    refused.swap(queue_);
  }
  ready_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
  for (Task& task : refused) {
    task(Error{ErrorKind::kUnavailable, "shutting_down", "the server is shutting down", {}});
  }
}

size_t HashPool::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void HashPool::Loop() {
  if (options_.nice != 0) {
    // Linux applies nice per thread. Failing to lower our own priority only
    // costs the io threads some latency, so the result is ignored.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), options_.nice);
  }
  while (true) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task(OkStatus());
  }
}

}  // namespace shrimp::accounts
