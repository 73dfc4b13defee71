#include "partners/webhooks.h"

#include <gtest/gtest.h>

namespace shrimp::partners {
namespace {

TEST(Backoff, DoublesUpToItsCapWithJitterInTheUpperHalf) {
  RetryPolicy policy{10'000, 3'600'000, 24 * 3'600'000};
  for (uint64_t random : {uint64_t{0}, uint64_t{1}, uint64_t{12345}, ~uint64_t{0}}) {
    int64_t delay = 10'000;
    for (int64_t attempts = 1; attempts <= 40; ++attempts) {
      int64_t backoff = BackoffMs(policy, attempts, random);
      EXPECT_GE(backoff, delay / 2) << attempts;
      EXPECT_LE(backoff, delay) << attempts;
      delay = std::min<int64_t>(delay * 2, policy.backoff_max_ms);
    }
  }
  EXPECT_EQ(BackoffMs(policy, 1, 0), 5'000);
  EXPECT_EQ(BackoffMs(policy, 1'000'000, 0), 1'800'000);  // no overflow, capped
}

TEST(Backoff, ADayOfRetriesIsAboutThirtyAttempts) {
  RetryPolicy policy;
  int64_t elapsed = 0, attempts = 0;
  while (elapsed <= policy.retry_window_ms) {
    attempts += 1;
    elapsed += BackoffMs(policy, attempts, ~uint64_t{0});
  }
  EXPECT_GE(attempts, 25);
  EXPECT_LE(attempts, 40);
}

TEST(Endpoint, WantsItsTypesOrAllWhenNoneListed) {
  Endpoint all;
  EXPECT_TRUE(all.Wants("order.paid"));
  Endpoint some;
  some.events = {"order.paid"};
  EXPECT_TRUE(some.Wants("order.paid"));
  EXPECT_FALSE(some.Wants("order.created"));
}

}  // namespace
}  // namespace shrimp::partners
