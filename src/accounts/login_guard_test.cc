#include "accounts/login_guard.h"

#include <gtest/gtest.h>

#include <string>

namespace shrimp::accounts {
namespace {

class LogInGuardTest : public ::testing::Test {
 protected:
  FakeClock clock_{1'795'000'000'000};
  LogInGuard guard_{clock_, LogInGuardOptions{}};

  void FailFrom(const std::string& address, int times, const std::string& account = "owner@x.co") {
    for (int i = 0; i < times; ++i) {
      ASSERT_EQ(guard_.Check(account, address), 0) << address << " try " << i;
      guard_.RecordFailure(account, address);
    }
  }
};

TEST_F(LogInGuardTest, GuessesFromManyAddressesNeverBlockAnAddressThatHasNotFailed) {
  for (int address = 0; address < 100; ++address) FailFrom("10.0.0." + std::to_string(address), 1);
  EXPECT_EQ(guard_.Check("owner@x.co", "192.0.2.1"), 0);
}

TEST_F(LogInGuardTest, AnAccountUnderAttackAllowsEachAddressOnlyAFewFailures) {
  for (int address = 0; address < kLogInFailuresPerAccountMax; ++address) {
    FailFrom("10.0.0." + std::to_string(address), 1);
  }
  // Under attack now: a new address gets kLogInFailuresPerAccountFromAddressMax tries.
  FailFrom("10.0.1.1", kLogInFailuresPerAccountFromAddressMax);
  int64_t wait_ms = guard_.Check("owner@x.co", "10.0.1.1");
  EXPECT_GT(wait_ms, 0);
  EXPECT_LE(wait_ms, kLogInFailureWindowMs);
  // That address may still try other accounts, and other addresses this one.
  EXPECT_EQ(guard_.Check("other@x.co", "10.0.1.1"), 0);
  EXPECT_EQ(guard_.Check("owner@x.co", "10.0.1.2"), 0);
}

TEST_F(LogInGuardTest, OneAddressIsBoundedAcrossAccounts) {
  for (int account = 0; account < kLogInFailuresPerAddressMax; ++account) {
    FailFrom("10.9.9.9", 1, "user" + std::to_string(account) + "@x.co");
  }
  EXPECT_GT(guard_.Check("fresh@x.co", "10.9.9.9"), 0);
  EXPECT_EQ(guard_.Check("fresh@x.co", "10.9.9.8"), 0);
}

TEST_F(LogInGuardTest, BelowTheAccountLimitAnAddressIsBoundOnlyByItsOwnLimit) {
  FailFrom("10.0.0.1", kLogInFailuresPerAddressMax - 1);
  EXPECT_EQ(guard_.Check("owner@x.co", "10.0.0.1"), 0);
  guard_.RecordFailure("owner@x.co", "10.0.0.1");
  EXPECT_GT(guard_.Check("owner@x.co", "10.0.0.1"), 0);
}

TEST_F(LogInGuardTest, TheWindowPassingLiftsEveryBlock) {
  FailFrom("10.0.0.1", kLogInFailuresPerAddressMax);
  ASSERT_GT(guard_.Check("owner@x.co", "10.0.0.1"), 0);
  clock_.AdvanceMs(kLogInFailureWindowMs);
  EXPECT_EQ(guard_.Check("owner@x.co", "10.0.0.1"), 0);
}

TEST_F(LogInGuardTest, ASuccessForgetsThePairButNotTheAddressTotal) {
  for (int address = 0; address < kLogInFailuresPerAccountMax; ++address) {
    FailFrom("10.0.0." + std::to_string(address), 1);
  }
  FailFrom("10.0.1.1", kLogInFailuresPerAccountFromAddressMax);
  ASSERT_GT(guard_.Check("owner@x.co", "10.0.1.1"), 0);
  guard_.RecordSuccess("owner@x.co", "10.0.1.1");
  EXPECT_EQ(guard_.Check("owner@x.co", "10.0.1.1"), 0);
  // The address total still holds: a guesser cannot launder failures through
  // a log-in to an account it owns.
  FailFrom("10.0.2.2", kLogInFailuresPerAddressMax - 1, "mine@x.co");
  guard_.RecordSuccess("mine@x.co", "10.0.2.2");
  guard_.RecordFailure("victim@x.co", "10.0.2.2");
  EXPECT_GT(guard_.Check("victim@x.co", "10.0.2.2"), 0);
}

}  // namespace
}  // namespace shrimp::accounts
