#include "ledger/ledger_check.h"

#include <gtest/gtest.h>

#include "testing/temp_ledger.h"

namespace shrimp::ledger {
namespace {

Currency Cur(const char* code) { return *Currency::Parse(code); }

bool Mentions(const std::vector<std::string>& problems, std::string_view text) {
  for (const std::string& problem : problems) {
    if (problem.find(text) != std::string::npos) return true;
  }
  return false;
}

// A sound ledger with posted, pending, posted-pending and voided transfers;
// each test then breaks it behind the Ledger's back, as a bug or a bad
// manual edit would.
class LedgerCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = env_.Account(AccountKind::kProviderFunding, 0, "CNY");
    wallet_ = env_.Account(AccountKind::kWallet, 1, "CNY");
    shop_ = env_.Account(AccountKind::kShopRevenue, 1, "CNY");
    euro_wallet_ = env_.Account(AccountKind::kWallet, 1, "EUR");
    Transfer("top-up", provider_, wallet_, 1000, 0, 0);
    held_ = Transfer("hold", wallet_, shop_, 300, kTransferPending, 0);
    int64_t other = Transfer("hold-2", wallet_, shop_, 200, kTransferPending, 0);
    Transfer("post", 0, 0, 100, kTransferPostPending, other);
    Transfer("plain", wallet_, shop_, 50, 0, 0);
  }

  int64_t Transfer(const char* key, int64_t debit, int64_t credit, int64_t amount, uint32_t flags,
                   int64_t pending_id) {
    TransferRequest request;
    request.idempotency_key = key;
    request.debit_account_id = debit;
    request.credit_account_id = credit;
    request.amount = amount;
    if (pending_id == 0) request.currency = Cur("CNY");
    request.flags = flags;
    request.pending_id = pending_id;
    auto outcome = env_.ledger().CreateTransfer(env_.connection(), request);
    EXPECT_TRUE(outcome.ok()) << key;
    return outcome.ok() ? outcome->transfer_id : 0;
  }

  std::vector<std::string> Problems() {
    auto problems = FindLedgerProblems(env_.connection(), &env_.ledger());
    EXPECT_TRUE(problems.ok());
    return problems.ok() ? *problems : std::vector<std::string>{"query failed"};
  }

  void Sql(const std::string& sql) { ASSERT_TRUE(env_.connection().Exec(sql).ok()) << sql; }
  std::string Row(int64_t id, int64_t debit, int64_t credit, int64_t amount, const char* currency,
                  int flags, const char* pending_id) {
    return "INSERT INTO ledger_transfers VALUES (" + std::to_string(id) + ", 'tamper-" +
           std::to_string(id) + "', " + std::to_string(debit) + ", " + std::to_string(credit) +
           ", " + std::to_string(amount) + ", '" + currency + "', 10, " + std::to_string(flags) +
           ", " + pending_id + ", '', 0, 0, 0)";
  }

  testing::TempLedger env_;
  int64_t provider_ = 0, wallet_ = 0, shop_ = 0, euro_wallet_ = 0, held_ = 0;
};

TEST_F(LedgerCheckTest, ASoundLedgerHasNoProblems) {
  EXPECT_EQ(Problems(), std::vector<std::string>{});
  EXPECT_TRUE(CheckLedger(env_.connection(), env_.ledger()).ok());
  auto tables_only = FindLedgerProblems(env_.connection(), nullptr);
  ASSERT_TRUE(tables_only.ok());
  EXPECT_TRUE(tables_only->empty());
  auto reloaded = env_.Reload();
  EXPECT_TRUE(CheckLedger(env_.connection(), *reloaded).ok());
}

TEST_F(LedgerCheckTest, FindsAFlaggedAccountOverdrawnAndMemoryBehindTheTables) {
  Sql(Row(100, wallet_, shop_, 5000, "CNY", 0, "NULL"));
  std::vector<std::string> problems = Problems();
  EXPECT_TRUE(Mentions(problems, "account " + std::to_string(wallet_) + " may not go negative"));
  EXPECT_TRUE(Mentions(problems, "in memory but the transfers give"));
  Status status = CheckLedger(env_.connection(), env_.ledger());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "ledger_invariant_violated");
  EXPECT_EQ(status.error().details.size(), problems.size());
}

TEST_F(LedgerCheckTest, FindsMoneyCreatedInOneCurrency) {
  // A transfer whose two sides are in different currencies breaks both sums.
  Sql(Row(100, provider_, euro_wallet_, 70, "CNY", 0, "NULL"));
  std::vector<std::string> problems = Problems();
  EXPECT_TRUE(Mentions(problems, "posted balances in CNY sum to -70"));
  EXPECT_TRUE(Mentions(problems, "posted balances in EUR sum to 70"));
  EXPECT_TRUE(Mentions(problems, "transfer 100 is not between two distinct accounts"));
}

TEST_F(LedgerCheckTest, FindsAPendingTransferResolvedTwice) {
  Sql("DROP INDEX ledger_transfers_resolution");
  Sql(Row(100, wallet_, shop_, 300, "CNY", kTransferVoidPending, std::to_string(held_).c_str()));
  Sql(Row(101, wallet_, shop_, 300, "CNY", kTransferPostPending, std::to_string(held_).c_str()));
  std::vector<std::string> problems = Problems();
  EXPECT_TRUE(Mentions(problems, "transfer " + std::to_string(held_) +
                                     " is a pending transfer resolved more than once"));
}

TEST_F(LedgerCheckTest, FindsAResolutionOnDifferentTerms) {
  // Posts more than was held, and a "void" of a plain transfer.
  Sql(Row(100, wallet_, shop_, 301, "CNY", kTransferPostPending, std::to_string(held_).c_str()));
  Sql(Row(101, provider_, wallet_, 1000, "CNY", kTransferVoidPending, "1"));
  std::vector<std::string> problems = Problems();
  EXPECT_TRUE(Mentions(problems, "transfer 100 does not resolve"));
  EXPECT_TRUE(Mentions(problems, "transfer 101 does not resolve"));
}

TEST_F(LedgerCheckTest, FindsMemoryAheadOfTheTables) {
  Sql("DELETE FROM ledger_transfers WHERE idempotency_key = 'plain'");
  EXPECT_TRUE(Mentions(Problems(), "in memory but the transfers give"));
  Sql("DELETE FROM ledger_accounts WHERE id = " + std::to_string(euro_wallet_));
  EXPECT_TRUE(Mentions(Problems(), "is in memory but not in the tables"));
}

TEST_F(LedgerCheckTest, ACopyIsCheckedAgainstThePrefixItDescribesWhateverCameAfter) {
  auto copy = CopyLedger(env_.connection(), env_.ledger());
  ASSERT_TRUE(copy.ok());
  // Later transfers (a held one resolved, a new account) are not problems:
  // the copy says nothing about them.
  int64_t late_account = env_.Account(AccountKind::kWallet, 2, "CNY");
  Transfer("late", provider_, late_account, 400, 0, 0);
  Transfer("late-void", 0, 0, 300, kTransferVoidPending, held_);
  auto problems = FindLedgerProblems(env_.connection(), *copy);
  ASSERT_TRUE(problems.ok());
  EXPECT_EQ(*problems, std::vector<std::string>{});
  // A fresh copy after them agrees too.
  auto fresh = CopyLedger(env_.connection(), env_.ledger());
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(*FindLedgerProblems(env_.connection(), *fresh), std::vector<std::string>{});
}

TEST_F(LedgerCheckTest, ACopyStillFindsTablesThatDisagreeWithMemory) {
  // A row inside the copy's prefix that memory never saw.
  Sql(Row(100, provider_, wallet_, 70, "CNY", 0, "NULL"));
  auto copy = CopyLedger(env_.connection(), env_.ledger());
  ASSERT_TRUE(copy.ok());
  auto problems = FindLedgerProblems(env_.connection(), *copy);
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(Mentions(*problems, "in memory but the transfers give"));
}

}  // namespace
}  // namespace shrimp::ledger
