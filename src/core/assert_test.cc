// Compiled with NDEBUG, as in Release builds, to prove SHRIMP_ASSERT does not
// depend on it (the RelWithDebInfo build defines it already).
#ifndef NDEBUG
#define NDEBUG
#endif

#include "core/assert.h"

#include <gtest/gtest.h>

#include <csignal>
#include <string>

namespace shrimp {
namespace {

class AssertDeathTest : public ::testing::Test {
 protected:
  // The unit test binary starts threads (writer, hash pools) in other tests:
  // re-executing the binary for each death test is the safe style then.
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST(Assert, HoldingConditionDoesNothing) {
  SHRIMP_ASSERT(1 + 1 == 2, "arithmetic works");
  SUCCEED();
}

TEST(Assert, EvaluatesConditionOnceAndMessageOnlyOnFailure) {
  int condition_evaluations = 0;
  int message_evaluations = 0;
  auto message = [&] {
    ++message_evaluations;
    return std::string("never built");
  };
  SHRIMP_ASSERT(++condition_evaluations == 1, message());
  EXPECT_EQ(condition_evaluations, 1);
  EXPECT_EQ(message_evaluations, 0);
}

TEST(Assert, IsOneStatementInsideIfElse) {
  // The do/while(false) wrapper: no dangling else, a semicolon is required.
  bool reached_else = false;
  if (false)
    SHRIMP_ASSERT(false, "not reached");
  else
    reached_else = true;
  EXPECT_TRUE(reached_else);
}

TEST_F(AssertDeathTest, FailingConditionAbortsWithFileLineConditionAndMessage) {
  int balance_sum = 7;
  EXPECT_DEATH(SHRIMP_ASSERT(balance_sum == 0, "per-currency balances must sum to zero"),
               "assert_test\\.cc:[0-9]+: SHRIMP_ASSERT\\(balance_sum == 0\\) failed: "
               "per-currency balances must sum to zero");
}

TEST_F(AssertDeathTest, AbortsEvenWithNdebug) {
  EXPECT_DEATH(SHRIMP_ASSERT(false, std::string("built ") + "message"), "failed: built message");
}

TEST_F(AssertDeathTest, DiesBySigabrt) {
  EXPECT_EXIT(SHRIMP_ASSERT(false, "abort, not exit"), ::testing::KilledBySignal(SIGABRT),
              "abort, not exit");
}

}  // namespace
}  // namespace shrimp
