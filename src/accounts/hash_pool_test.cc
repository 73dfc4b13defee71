#include "accounts/hash_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

namespace shrimp::accounts {
namespace {

// Holds a one-thread pool's thread in a task until Release, so that what is
// submitted meanwhile can only wait in the queue.
class BusyThread {
 public:
  ~BusyThread() { Release(); }
  [[nodiscard]] bool Occupy(HashPool& pool) {
    bool queued = pool.Submit([this](Status) {
                        started_.set_value();
                        released_.wait();
                      })
                      .ok();
    if (queued) started_.get_future().wait();
    return queued;
  }
  void Release() {
    if (!released_once_) release_.set_value();
    released_once_ = true;
  }

 private:
  std::promise<void> started_;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
  bool released_once_ = false;
};

TEST(HashPool, RunsTasksOffTheCallersThread) {
  HashPool pool({.threads = 1, .queue_max = 4, .nice = 0});
  std::promise<std::thread::id> ran_on;
  ASSERT_TRUE(pool.Submit([&](Status runnable) {
                    EXPECT_TRUE(runnable.ok());
                    ran_on.set_value(std::this_thread::get_id());
                  })
                  .ok());
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST(HashPool, RefusesWithOverloadedWhenTheQueueIsFull) {
  HashPool pool({.threads = 1, .queue_max = 2, .nice = 0});
  BusyThread busy;
  ASSERT_TRUE(busy.Occupy(pool));  // the pool's thread is busy: only the queue holds tasks
  std::atomic<int> ran = 0;
  ASSERT_TRUE(pool.Submit([&](Status) { ran += 1; }).ok());
  ASSERT_TRUE(pool.Submit([&](Status) { ran += 1; }).ok());
  Status refused = pool.Submit([&](Status) { ADD_FAILURE() << "a refused task ran"; });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "overloaded");
  EXPECT_EQ(refused.error().kind, ErrorKind::kUnavailable);
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0].first, "retry_after_s");
  busy.Release();
  pool.Stop();
  // Stop refuses what still waits, so each accepted task was called once.
  EXPECT_LE(ran.load(), 2);
}

TEST(HashPool, SignUpsFillOnlyTheirShareSoLogInsStillGetIn) {
  HashPool pool({.threads = 1, .queue_max = 4, .nice = 0});
  BusyThread busy;
  ASSERT_TRUE(busy.Occupy(pool));
  auto nothing = [](Status) {};
  ASSERT_TRUE(pool.Submit(nothing, HashWork::kSignUp).ok());
  ASSERT_TRUE(pool.Submit(nothing, HashWork::kSignUp).ok());
  Status refused = pool.Submit(nothing, HashWork::kSignUp);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "overloaded");
  // The other half of the queue is the log-ins'.
  EXPECT_TRUE(pool.Submit(nothing, HashWork::kLogIn).ok());
  EXPECT_TRUE(pool.Submit(nothing, HashWork::kLogIn).ok());
  EXPECT_FALSE(pool.Submit(nothing, HashWork::kLogIn).ok());
  busy.Release();
  pool.Stop();
}

TEST(HashPool, StopCallsEveryQueuedTaskWithShuttingDown) {
  HashPool pool({.threads = 1, .queue_max = 8, .nice = 0});
  BusyThread busy;
  ASSERT_TRUE(busy.Occupy(pool));
  std::atomic<int> refused = 0, ran = 0;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(pool.Submit([&](Status runnable) {
                      if (runnable.ok()) {
                        ran += 1;
                      } else {
                        EXPECT_EQ(runnable.error().code, "shutting_down");
                        refused += 1;
                      }
                    })
                    .ok());
  }
  std::thread stopper([&] { pool.Stop(); });
  // Give Stop a moment to take the queue before the running task ends.
  while (pool.queued() != 0) std::this_thread::yield();
  busy.Release();
  stopper.join();
  EXPECT_EQ(refused + ran, 5);
  EXPECT_EQ(refused.load(), 5);
  auto after = pool.Submit([](Status) {});
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "shutting_down");
}

}  // namespace
}  // namespace shrimp::accounts
