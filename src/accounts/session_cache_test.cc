#include "accounts/session_cache.h"

#include <gtest/gtest.h>

namespace shrimp::accounts {
namespace {

Principal Buyer(int64_t session_id) { return Principal{7, Role::kBuyer, session_id}; }

class SessionCacheTest : public ::testing::Test {
 protected:
  FakeClock clock_{1'795'000'000'000};
  SessionCache cache_{clock_};
  int64_t far_ms() const { return clock_.NowMs() + kMsPerDay; }
};

TEST_F(SessionCacheTest, CachesForTheTtlAndNoLonger) {
  ASSERT_TRUE(cache_.Admit(cache_.BeginLookup(), "t1", Buyer(1), far_ms()));
  EXPECT_TRUE(cache_.Find("t1").has_value());
  clock_.AdvanceMs(kSessionCacheTtlMs);
  EXPECT_FALSE(cache_.Find("t1").has_value());
}

TEST_F(SessionCacheTest, NeverOutlivesTheSessionItself) {
  ASSERT_TRUE(cache_.Admit(cache_.BeginLookup(), "t1", Buyer(1), clock_.NowMs() + 10));
  clock_.AdvanceMs(10);
  EXPECT_FALSE(cache_.Find("t1").has_value());
}

TEST_F(SessionCacheTest, AReadFromBeforeALogOutIsNotCachedAfterIt) {
  uint64_t lookup = cache_.BeginLookup();  // the read starts, sees the session valid...
  cache_.BeginRevoke(1);                   // ...the log-out starts...
  cache_.EndRevoke(1);                     // ...commits and is answered...
  // ...and the read finishes: believed for its own (concurrent) request, never cached.
  EXPECT_TRUE(cache_.Admit(lookup, "t1", Buyer(1), far_ms()));
  EXPECT_FALSE(cache_.Find("t1").has_value());
}

TEST_F(SessionCacheTest, ASessionBeingRevokedIsRefused) {
  cache_.BeginRevoke(1);
  uint64_t lookup = cache_.BeginLookup();
  EXPECT_FALSE(cache_.Admit(lookup, "t1", Buyer(1), far_ms()));
  EXPECT_FALSE(cache_.Find("t1").has_value());
  // Other sessions are unaffected, though this lookup overlapped a revocation.
  EXPECT_TRUE(cache_.Admit(lookup, "t2", Buyer(2), far_ms()));
  cache_.EndRevoke(1);
}

TEST_F(SessionCacheTest, BeginRevokeDropsTheCachedEntryAtOnce) {
  ASSERT_TRUE(cache_.Admit(cache_.BeginLookup(), "t1", Buyer(1), far_ms()));
  ASSERT_TRUE(cache_.Admit(cache_.BeginLookup(), "t2", Buyer(2), far_ms()));
  cache_.BeginRevoke(1);
  EXPECT_FALSE(cache_.Find("t1").has_value());
  EXPECT_TRUE(cache_.Find("t2").has_value());
  cache_.EndRevoke(1);
}

TEST_F(SessionCacheTest, StaleEntriesAreSweptSoMemoryFollowsTheTtl) {
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(cache_.Admit(cache_.BeginLookup(), "old" + std::to_string(i), Buyer(i), far_ms()));
  }
  clock_.AdvanceMs(kSessionCacheTtlMs);
  ASSERT_TRUE(cache_.Admit(cache_.BeginLookup(), "new", Buyer(1000), far_ms()));
  EXPECT_EQ(cache_.size(), 1u);
}

}  // namespace
}  // namespace shrimp::accounts
