#include "accounts/hash_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

namespace shrimp::accounts {
namespace {

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
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.Submit([&](Status) {
                    started.set_value();
                    released.wait();
                  })
                  .ok());
  started.get_future().wait();  // the thread is busy; now only the queue holds tasks
  std::atomic<int> ran = 0;
  ASSERT_TRUE(pool.Submit([&](Status) { ran += 1; }).ok());
  ASSERT_TRUE(pool.Submit([&](Status) { ran += 1; }).ok());
  Status refused = pool.Submit([&](Status) { ADD_FAILURE() << "a refused task ran"; });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "overloaded");
  EXPECT_EQ(refused.error().kind, ErrorKind::kUnavailable);
  ASSERT_EQ(refused.error().details.size(), 1u);
  EXPECT_EQ(refused.error().details[0].first, "retry_after_s");
  release.set_value();
  pool.Stop();
  // Stop refuses what still waits, so each accepted task was called once.
  EXPECT_LE(ran.load(), 2);
}

TEST(HashPool, SignUpsFillOnlyTheirShareSoLogInsStillGetIn) {
  HashPool pool({.threads = 1, .queue_max = 4, .nice = 0});
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.Submit([&](Status) {
                    started.set_value();
                    released.wait();
                  })
                  .ok());
  started.get_future().wait();
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
  release.set_value();
  pool.Stop();
}

TEST(HashPool, StopCallsEveryQueuedTaskWithShuttingDown) {
  HashPool pool({.threads = 1, .queue_max = 8, .nice = 0});
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(pool.Submit([&](Status) {
                    started.set_value();
                    released.wait();
                  })
                  .ok());
  started.get_future().wait();
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
  release.set_value();
  stopper.join();
  EXPECT_EQ(refused + ran, 5);
  EXPECT_EQ(refused.load(), 5);
  auto after = pool.Submit([](Status) {});
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "shutting_down");
}

}  // namespace
}  // namespace shrimp::accounts
