#include "ledger/recent_keys.h"

#include <gtest/gtest.h>

#include <vector>

namespace shrimp::ledger {
namespace {

TEST(RecentKeyHashes, AMissProvesAKeyIsNewUntilTheFirstEviction) {
  store::Journal journal;
  RecentKeyHashes keys(3);
  std::vector<uint64_t> first = {11, 12, 13};
  keys.Add(journal, first);
  EXPECT_TRUE(keys.MayContain(11));
  EXPECT_FALSE(keys.MayContain(99));
  EXPECT_FALSE(keys.older_forgotten());
  std::vector<uint64_t> more = {14};
  keys.Add(journal, more);
  EXPECT_EQ(keys.size(), 3u);
  EXPECT_TRUE(keys.older_forgotten());
  // 11 left the window: every key may now exist, the table decides.
  EXPECT_TRUE(keys.MayContain(11));
  EXPECT_TRUE(keys.MayContain(99));
}

TEST(RecentKeyHashes, NeverHoldsMoreThanItsCapacity) {
  store::Journal journal;
  RecentKeyHashes keys(100);
  for (uint64_t hash = 0; hash < 10'000; ++hash) keys.Add(journal, std::span(&hash, 1));
  EXPECT_EQ(keys.size(), 100u);
}

TEST(RecentKeyHashes, AFailedJobRollsTheWindowBackExactly) {
  store::Journal journal;
  RecentKeyHashes keys(3);
  std::vector<uint64_t> first = {1, 2};
  keys.Add(journal, first);
  journal.Open();
  size_t mark = journal.Mark();
  // More than the capacity in one job: some of its own hashes are evicted too.
  std::vector<uint64_t> job = {3, 4, 5, 6};
  keys.Add(journal, job);
  EXPECT_TRUE(keys.older_forgotten());
  journal.RollbackTo(mark);
  journal.Close();
  EXPECT_FALSE(keys.older_forgotten());
  EXPECT_EQ(keys.size(), 2u);
  EXPECT_TRUE(keys.MayContain(1));
  EXPECT_TRUE(keys.MayContain(2));
  EXPECT_FALSE(keys.MayContain(3));
  EXPECT_FALSE(keys.MayContain(6));
}

TEST(RecentKeyHashes, ResetWithOlderTransfersAnswersMaybeForEveryKey) {
  RecentKeyHashes keys(10);
  keys.Reset(true);
  EXPECT_TRUE(keys.MayContain(42));
  keys.Reset(false);
  EXPECT_FALSE(keys.MayContain(42));
}

}  // namespace
}  // namespace shrimp::ledger
