#include "ledger/account.h"

#include <gtest/gtest.h>

namespace shrimp::ledger {
namespace {

TEST(AccountKind, NamesRoundTripAndStoredValuesAreStable) {
  for (int32_t value = kAccountKindMin; value <= kAccountKindMax; ++value) {
    std::optional<AccountKind> kind = AccountKindFromInt(value);
    ASSERT_TRUE(kind.has_value());
    EXPECT_EQ(ParseAccountKind(AccountKindName(*kind)), kind);
  }
  EXPECT_EQ(AccountKindFromInt(0), std::nullopt);
  EXPECT_EQ(AccountKindFromInt(kAccountKindMax + 1), std::nullopt);
  EXPECT_EQ(ParseAccountKind("piggy_bank"), std::nullopt);
  // Values are stored in ledger_accounts.kind: renumbering would corrupt data.
  EXPECT_EQ(static_cast<int>(AccountKind::kWallet), 1);
  EXPECT_EQ(static_cast<int>(AccountKind::kProviderFunding), 6);
  EXPECT_EQ(static_cast<int>(AccountKind::kCreditFunding), 9);
}

TEST(AccountKind, MoneyHeldForSomeoneCannotGoNegativeByDefault) {
  EXPECT_EQ(DefaultAccountFlags(AccountKind::kWallet), kDebitsMustNotExceedCredits);
  EXPECT_EQ(DefaultAccountFlags(AccountKind::kShopRevenue), kDebitsMustNotExceedCredits);
  EXPECT_EQ(DefaultAccountFlags(AccountKind::kEscrow), kDebitsMustNotExceedCredits);
  EXPECT_EQ(DefaultAccountFlags(AccountKind::kProviderFunding), kAccountFlagsNone);
  EXPECT_EQ(DefaultAccountFlags(AccountKind::kFx), kAccountFlagsNone);
  EXPECT_EQ(DefaultAccountFlags(AccountKind::kLoanReceivable), kAccountFlagsNone);
}

TEST(AccountBalance, IsCreditsMinusDebitsAndAvailableExcludesHolds) {
  AccountBalance balance{.debits_pending = 300,
                         .debits_posted = 200,
                         .credits_pending = 50,
                         .credits_posted = 1000};
  EXPECT_EQ(balance.posted(), 800);
  EXPECT_EQ(balance.available(), 500);  // incoming pending credits are not spendable
  AccountBalance mirror{.debits_pending = 0,
                        .debits_posted = 1000,
                        .credits_pending = 0,
                        .credits_posted = 0};
  EXPECT_EQ(mirror.posted(), -1000);
}

}  // namespace
}  // namespace shrimp::ledger
