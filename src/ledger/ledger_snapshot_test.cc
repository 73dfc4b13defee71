#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "testing/temp_ledger.h"

namespace shrimp::ledger {
namespace {

using testing::TempLedger;

Currency Cny() { return *Currency::Parse("CNY"); }

TransferRequest Request(std::string key, int64_t debit, int64_t credit, int64_t amount,
                        uint32_t flags = 0) {
  TransferRequest request;
  request.idempotency_key = std::move(key);
  request.debit_account_id = debit;
  request.credit_account_id = credit;
  request.amount = amount;
  request.currency = Cny();
  request.code = TransferCode::kOrderPayment;
  request.flags = flags;
  return request;
}

// Everything Load rebuilds, for comparing two loads.
void ExpectSameState(Ledger& expected, Ledger& actual) {
  std::vector<AccountSnapshot> want = expected.Accounts();
  std::vector<AccountSnapshot> got = actual.Accounts();
  ASSERT_EQ(want.size(), got.size());
  for (size_t index = 0; index < want.size(); ++index) {
    EXPECT_EQ(want[index].account.id, got[index].account.id);
    EXPECT_EQ(want[index].balance, got[index].balance) << "account " << want[index].account.id;
  }
  EXPECT_EQ(expected.ActivePendingIds(), actual.ActivePendingIds());
  EXPECT_EQ(expected.next_transfer_id(), actual.next_transfer_id());
  EXPECT_EQ(expected.transfers_since_snapshot(), actual.transfers_since_snapshot());
}

// A Ledger loaded as an old data directory would be: every snapshot ignored.
std::unique_ptr<Ledger> FullReplay(TempLedger& env) {
  auto& connection = env.connection();
  EXPECT_TRUE(connection.Exec("SAVEPOINT replay").ok());
  EXPECT_TRUE(connection.Exec("DELETE FROM ledger_snapshots").ok());
  auto replayed = env.Reload();
  EXPECT_TRUE(connection.Exec("ROLLBACK TO replay").ok());
  EXPECT_TRUE(connection.Exec("RELEASE replay").ok());
  return replayed;
}

int64_t SnapshotCount(TempLedger& env) {
  store::Query count(env.connection(), "SELECT COUNT(*) FROM ledger_snapshots");
  return count.ScalarInt().value().value_or(-1);
}

TEST(LedgerSnapshot, SnapshotPlusTailEqualsAFullReplayOverRandomWork) {
  for (uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    TempLedger env;
    std::mt19937 random(seed);
    int64_t provider = env.Account(AccountKind::kProviderFunding, 0, "CNY");
    std::vector<int64_t> wallets;
    int64_t shop = env.Account(AccountKind::kShopRevenue, 10, "CNY");
    int key = 0;
    auto next_key = [&] { return "k" + std::to_string(++key); };
    for (int step = 0; step < 400; ++step) {
      int choice = static_cast<int>(random() % 10);
      if (choice == 0 || wallets.empty()) {
        wallets.push_back(env.Account(AccountKind::kWallet, 100 + step, "CNY"));
      }
      int64_t wallet = wallets[random() % wallets.size()];
      std::vector<int64_t> pendings = env.ledger().ActivePendingIds();
      TransferRequest request;
      if (choice <= 3) {
        request = Request(next_key(), provider, wallet, 1 + random() % 1000);
      } else if (choice <= 6) {
        request = Request(next_key(), wallet, shop, 1 + random() % 300, kTransferPending);
      } else if (!pendings.empty()) {
        bool post = choice <= 8;
        request = Request(next_key(), 0, 0, post ? 1 + random() % 50 : 0,
                          post ? kTransferPostPending : kTransferVoidPending);
        request.currency = Currency();
        request.pending_id = pendings[random() % pendings.size()];
      } else {
        request = Request(next_key(), provider, wallet, 5);
      }
      // Refusals (not enough money, post above the pending amount) are part of the work.
      (void)env.ledger().CreateTransfers(env.connection(), std::span(&request, 1));
      if (random() % 60 == 0) {
        auto written = env.ledger().WriteSnapshot(env.connection());
        ASSERT_TRUE(written.ok() && *written);
        EXPECT_EQ(env.ledger().transfers_since_snapshot(), 0);
      }
    }
    EXPECT_LE(SnapshotCount(env), kLedgerSnapshotsKept);
    auto from_snapshot = env.Reload();
    auto replayed = FullReplay(env);
    ExpectSameState(env.ledger(), *from_snapshot);
    // A full replay knows of no snapshot: only the sums must agree.
    std::vector<AccountSnapshot> want = replayed->Accounts();
    std::vector<AccountSnapshot> got = from_snapshot->Accounts();
    ASSERT_EQ(want.size(), got.size());
    for (size_t index = 0; index < want.size(); ++index) {
      EXPECT_EQ(want[index].balance, got[index].balance);
    }
    EXPECT_EQ(replayed->ActivePendingIds(), from_snapshot->ActivePendingIds());
    EXPECT_EQ(replayed->next_transfer_id(), from_snapshot->next_transfer_id());
    // The rebuilt ledger resolves a pending transfer from inside the snapshot.
    std::vector<int64_t> pendings = from_snapshot->ActivePendingIds();
    if (!pendings.empty()) {
      TransferRequest release = Request("release", 0, 0, 0, kTransferVoidPending);
      release.currency = Currency();
      release.pending_id = pendings.front();
      auto outcome = from_snapshot->CreateTransfer(env.connection(), release);
      ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    }
  }
}

TEST(LedgerSnapshot, LoadWithoutAnySnapshotReplaysEverything) {
  TempLedger env;
  int64_t provider = env.Account(AccountKind::kProviderFunding, 0, "CNY");
  int64_t wallet = env.Account(AccountKind::kWallet, 1, "CNY");
  ASSERT_TRUE(
      env.ledger().CreateTransfer(env.connection(), Request("a", provider, wallet, 7)).ok());
  auto reloaded = env.Reload();
  EXPECT_EQ(reloaded->Balance(wallet)->credits_posted, 7);
  EXPECT_EQ(reloaded->transfers_since_snapshot(), 1);
}

TEST(LedgerSnapshot, AnIncompleteSnapshotIsNeverRead) {
  TempLedger env;
  int64_t provider = env.Account(AccountKind::kProviderFunding, 0, "CNY");
  int64_t wallet = env.Account(AccountKind::kWallet, 1, "CNY");
  ASSERT_TRUE(
      env.ledger().CreateTransfer(env.connection(), Request("a", provider, wallet, 7)).ok());
  ASSERT_TRUE(env.ledger().WriteSnapshot(env.connection()).ok());
  ASSERT_TRUE(
      env.ledger().CreateTransfer(env.connection(), Request("b", provider, wallet, 5)).ok());
  // A header cut short, with a wrong balance: as if its job had stopped midway.
  ASSERT_TRUE(env.connection()
                  .Exec("INSERT INTO ledger_snapshots (id, last_transfer_id, created_at, complete)"
                        " VALUES (99, 2, 0, 0);"
                        "INSERT INTO ledger_snapshot_balances VALUES (99, 2, 0, 0, 0, 1000000)")
                  .ok());
  auto reloaded = env.Reload();
  EXPECT_EQ(reloaded->Balance(wallet)->credits_posted, 12);
  EXPECT_EQ(reloaded->transfers_since_snapshot(), 1);
}

TEST(LedgerSnapshot, AFailedJobLeavesTheSnapshotCounterAsItWas) {
  TempLedger env;
  int64_t provider = env.Account(AccountKind::kProviderFunding, 0, "CNY");
  int64_t wallet = env.Account(AccountKind::kWallet, 1, "CNY");
  ASSERT_TRUE(
      env.ledger().CreateTransfer(env.connection(), Request("a", provider, wallet, 7)).ok());
  store::Connection& connection = env.connection();
  ASSERT_TRUE(connection.Exec("BEGIN").ok());
  connection.journal().Open();
  ASSERT_TRUE(env.ledger().WriteSnapshot(connection).ok());
  EXPECT_EQ(env.ledger().transfers_since_snapshot(), 0);
  // The job fails after writing it: the writer rolls back disk and memory.
  connection.journal().RollbackTo(0);
  connection.journal().Close();
  ASSERT_TRUE(connection.Exec("ROLLBACK").ok());
  EXPECT_EQ(env.ledger().transfers_since_snapshot(), 1);
  EXPECT_EQ(SnapshotCount(env), 0);
  EXPECT_EQ(env.Reload()->transfers_since_snapshot(), 1);
}

TEST(LedgerSnapshot, FrozenBooksAreNotSnapshotted) {
  TempLedger env;
  env.ledger().Freeze(Internal("broken"));
  auto written = env.ledger().WriteSnapshot(env.connection());
  ASSERT_TRUE(written.ok());
  EXPECT_FALSE(*written);
  EXPECT_EQ(SnapshotCount(env), 0);
}

}  // namespace
}  // namespace shrimp::ledger
