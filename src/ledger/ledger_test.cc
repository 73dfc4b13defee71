#include "ledger/ledger.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/writer.h"
#include "testing/temp_ledger.h"

namespace shrimp::ledger {
namespace {

using testing::TempLedger;
using R = TransferResult;

Currency Cur(const char* code) { return *Currency::Parse(code); }

TransferRequest Plain(std::string key, int64_t debit, int64_t credit, int64_t amount,
                      const char* currency = "CNY") {
  TransferRequest request;
  request.idempotency_key = std::move(key);
  request.debit_account_id = debit;
  request.credit_account_id = credit;
  request.amount = amount;
  request.currency = Cur(currency);
  request.code = TransferCode::kTopUp;
  return request;
}

TransferRequest Pending(std::string key, int64_t debit, int64_t credit, int64_t amount) {
  TransferRequest request = Plain(std::move(key), debit, credit, amount);
  request.flags = kTransferPending;
  request.code = TransferCode::kOrderPayment;
  return request;
}

TransferRequest Resolve(std::string key, uint32_t how, int64_t pending_id, int64_t amount = 0) {
  TransferRequest request;
  request.idempotency_key = std::move(key);
  request.flags = how;
  request.pending_id = pending_id;
  request.amount = amount;
  request.code = TransferCode::kOrderPayment;
  return request;
}

// A small marketplace in CNY: money enters through the provider account.
class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = env_.Account(AccountKind::kProviderFunding, 0, "CNY");
    buyer_ = env_.Account(AccountKind::kWallet, 1, "CNY");
    other_buyer_ = env_.Account(AccountKind::kWallet, 2, "CNY");
    shop_ = env_.Account(AccountKind::kShopRevenue, 10, "CNY");
    fees_ = env_.Account(AccountKind::kPlatformFees, 0, "CNY");
    euro_wallet_ = env_.Account(AccountKind::kWallet, 1, "EUR");
  }

  TransferOutcome Do(const TransferRequest& request) {
    auto outcomes = ledger().CreateTransfers(env_.connection(), std::span(&request, 1));
    EXPECT_TRUE(outcomes.ok());
    return outcomes.ok() ? (*outcomes)[0] : TransferOutcome{};
  }
  R Code(const TransferRequest& request) { return Do(request).result; }
  std::vector<R> Codes(const std::vector<TransferRequest>& requests) {
    auto outcomes = ledger().CreateTransfers(env_.connection(), requests);
    EXPECT_TRUE(outcomes.ok());
    std::vector<R> codes;
    if (outcomes.ok()) {
      for (const TransferOutcome& outcome : *outcomes) codes.push_back(outcome.result);
    }
    return codes;
  }
  void TopUp(int64_t wallet, int64_t amount) {
    ASSERT_EQ(Code(Plain("top-up-" + std::to_string(++top_ups_), provider_, wallet, amount)),
              R::kOk);
  }
  AccountBalance Bal(int64_t account) { return *ledger().Balance(account); }
  Ledger& ledger() { return env_.ledger(); }

  TempLedger env_;
  int64_t provider_ = 0, buyer_ = 0, other_buyer_ = 0, shop_ = 0, fees_ = 0, euro_wallet_ = 0;
  int top_ups_ = 0;
};

TEST_F(LedgerTest, EnsureAccountReturnsTheSameAccountAndPersistsIt) {
  EXPECT_EQ(env_.Account(AccountKind::kWallet, 1, "CNY"), buyer_);
  EXPECT_NE(env_.Account(AccountKind::kWallet, 1, "USD"), buyer_);
  EXPECT_EQ(ledger().Lookup(AccountKind::kWallet, 1, Cur("CNY")), buyer_);
  EXPECT_EQ(ledger().Lookup(AccountKind::kWallet, 99, Cur("CNY")), std::nullopt);
  auto account = ledger().GetAccount(buyer_);
  ASSERT_TRUE(account.ok());
  EXPECT_EQ(account->kind, AccountKind::kWallet);
  EXPECT_EQ(account->owner_id, 1);
  EXPECT_TRUE(account->must_not_go_negative());
  EXPECT_FALSE(ledger().GetAccount(provider_)->must_not_go_negative());

  auto reloaded = env_.Reload();
  EXPECT_EQ(reloaded->Lookup(AccountKind::kShopRevenue, 10, Cur("CNY")), shop_);
  EXPECT_EQ(reloaded->GetAccount(shop_)->owner_id, 10);
  EXPECT_EQ(reloaded->Accounts().size(), ledger().Accounts().size());
}

TEST_F(LedgerTest, EnsureAccountRejectsBadInput) {
  auto& connection = env_.connection();
  EXPECT_EQ(ledger()
                .EnsureAccount(connection, static_cast<AccountKind>(99), 1, Cur("CNY"), 0)
                .error()
                .code,
            "invalid_account_kind");
  EXPECT_EQ(
      ledger().EnsureAccount(connection, AccountKind::kWallet, -1, Cur("CNY"), 0).error().code,
      "invalid_owner");
  EXPECT_EQ(ledger().EnsureAccount(connection, AccountKind::kWallet, 1, Currency(), 0).error().code,
            "invalid_currency");
  EXPECT_EQ(
      ledger().EnsureAccount(connection, AccountKind::kWallet, 5, Cur("CNY"), 1u << 7).error().code,
      "invalid_account_flags");
  EXPECT_EQ(ledger().Balance(12345).error().code, "account_not_found");
  EXPECT_EQ(ledger().Balance(12345).error().kind, ErrorKind::kNotFound);
}

TEST_F(LedgerTest, PlainTransferMovesMoneyCreditNormal) {
  TopUp(buyer_, 5000);
  EXPECT_EQ(Bal(buyer_).posted(), 5000);
  EXPECT_EQ(Bal(buyer_).credits_posted, 5000);
  EXPECT_EQ(Bal(provider_).posted(), -5000);  // the mirror of cash outside
  TransferOutcome paid = Do(Plain("pay", buyer_, shop_, 1999));
  EXPECT_EQ(paid.result, R::kOk);
  EXPECT_GT(paid.transfer_id, 0);
  EXPECT_EQ(paid.amount, 1999);
  EXPECT_EQ(paid.created_at_ms, env_.clock().NowMs());
  EXPECT_EQ(Bal(buyer_).posted(), 3001);
  EXPECT_EQ(Bal(shop_).posted(), 1999);
  auto row = FindTransfer(env_.connection(), paid.transfer_id);
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->idempotency_key, "pay");
  EXPECT_EQ((*row)->debit_account_id, buyer_);
  EXPECT_EQ((*row)->amount, 1999);
}

TEST_F(LedgerTest, TransferIdsAreConsecutive) {
  TransferOutcome first = Do(Plain("a", provider_, buyer_, 1));
  EXPECT_EQ(Code(Plain("bad", provider_, buyer_, 0)), R::kAmountMustBePositive);
  TransferOutcome second = Do(Plain("b", provider_, buyer_, 1));
  EXPECT_EQ(second.transfer_id, first.transfer_id + 1);  // failures consume no id
}

// ---- each result code ----

TEST_F(LedgerTest, IdempotencyKeyInvalid) {
  EXPECT_EQ(Code(Plain("", provider_, buyer_, 1)), R::kIdempotencyKeyInvalid);
  EXPECT_EQ(Code(Plain(std::string(kIdempotencyKeyBytesMax + 1, 'k'), provider_, buyer_, 1)),
            R::kIdempotencyKeyInvalid);
  EXPECT_EQ(Code(Plain(std::string(kIdempotencyKeyBytesMax, 'k'), provider_, buyer_, 1)), R::kOk);
}

TEST_F(LedgerTest, FlagsInvalid) {
  TransferRequest two_kinds = Plain("f1", provider_, buyer_, 1);
  two_kinds.flags = kTransferPending | kTransferVoidPending;
  EXPECT_EQ(Code(two_kinds), R::kFlagsInvalid);
  TransferRequest unknown = Plain("f2", provider_, buyer_, 1);
  unknown.flags = 1u << 9;
  EXPECT_EQ(Code(unknown), R::kFlagsInvalid);
  TransferRequest stray_pending_id = Plain("f3", provider_, buyer_, 1);
  stray_pending_id.pending_id = 1;
  EXPECT_EQ(Code(stray_pending_id), R::kFlagsInvalid);
  TransferRequest post_and_void = Resolve("f4", kTransferPostPending | kTransferVoidPending, 1, 1);
  EXPECT_EQ(Code(post_and_void), R::kFlagsInvalid);
}

TEST_F(LedgerTest, ExistsReturnsTheFirstResultAndMovesNothing) {
  TransferOutcome first = Do(Plain("once", provider_, buyer_, 700));
  env_.clock().AdvanceMs(5000);
  TransferOutcome again = Do(Plain("once", provider_, buyer_, 700));
  EXPECT_EQ(again.result, R::kExists);
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(again.transfer_id, first.transfer_id);
  EXPECT_EQ(again.amount, 700);
  EXPECT_EQ(again.created_at_ms, first.created_at_ms);
  EXPECT_EQ(Bal(buyer_).posted(), 700);
  // Also after a restart, when the key is known only through the table.
  auto reloaded = env_.Reload();
  TransferRequest retry = Plain("once", provider_, buyer_, 700);
  auto outcomes = reloaded->CreateTransfers(env_.connection(), std::span(&retry, 1));
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].result, R::kExists);
  EXPECT_EQ((*outcomes)[0].transfer_id, first.transfer_id);
  EXPECT_EQ(reloaded->Balance(buyer_)->posted(), 700);
}

TEST_F(LedgerTest, ExistsWithDifferentFields) {
  TransferRequest original = Plain("k", provider_, buyer_, 700);
  original.reference_kind = ReferenceKind::kTopUp;
  original.reference_id = 5;
  ASSERT_EQ(Code(original), R::kOk);
  std::vector<TransferRequest> changed(8, original);
  changed[0].amount = 701;
  changed[1].credit_account_id = other_buyer_;
  changed[2].debit_account_id = fees_;
  changed[3].code = TransferCode::kRefund;
  changed[4].reference_id = 6;
  changed[5].reference_kind = ReferenceKind::kOrder;
  changed[6].flags = kTransferPending;
  changed[7].currency = Cur("EUR");
  for (const TransferRequest& request : changed) {
    EXPECT_EQ(Code(request), R::kExistsWithDifferentFields);
  }
  EXPECT_EQ(Bal(buyer_).posted(), 700);
  EXPECT_EQ(Bal(other_buyer_).posted(), 0);
  EXPECT_EQ(TransferError(R::kExistsWithDifferentFields).kind, ErrorKind::kConflict);
}

TEST_F(LedgerTest, AFailedRequestLeavesNoTraceSoItsKeyCanBeRetried) {
  EXPECT_EQ(Code(Plain("pay-1", buyer_, shop_, 500)), R::kExceedsCredits);
  TopUp(buyer_, 500);
  EXPECT_EQ(Code(Plain("pay-1", buyer_, shop_, 500)), R::kOk);
  EXPECT_EQ(Bal(shop_).posted(), 500);
}

TEST_F(LedgerTest, AccountNotFound) {
  EXPECT_EQ(Code(Plain("n1", 9999, buyer_, 1)), R::kAccountNotFound);
  EXPECT_EQ(Code(Plain("n2", provider_, 9999, 1)), R::kAccountNotFound);
  EXPECT_EQ(Code(Plain("n3", 0, buyer_, 1)), R::kAccountNotFound);
  EXPECT_EQ(TransferError(R::kAccountNotFound).kind, ErrorKind::kNotFound);
}

TEST_F(LedgerTest, AccountsMustBeDifferent) {
  EXPECT_EQ(Code(Plain("same", provider_, provider_, 1)), R::kAccountsMustBeDifferent);
}

TEST_F(LedgerTest, CurrencyMismatch) {
  EXPECT_EQ(Code(Plain("c1", provider_, buyer_, 1, "EUR")), R::kCurrencyMismatch);
  EXPECT_EQ(Code(Plain("c2", provider_, euro_wallet_, 1, "CNY")), R::kCurrencyMismatch);
  EXPECT_EQ(Code(Plain("c3", provider_, euro_wallet_, 1, "EUR")), R::kCurrencyMismatch);
  TransferRequest no_currency = Plain("c4", provider_, buyer_, 1);
  no_currency.currency = Currency();
  EXPECT_EQ(Code(no_currency), R::kCurrencyMismatch);
}

TEST_F(LedgerTest, AmountMustBePositive) {
  EXPECT_EQ(Code(Plain("z", provider_, buyer_, 0)), R::kAmountMustBePositive);
  EXPECT_EQ(Code(Plain("m", provider_, buyer_, -5)), R::kAmountMustBePositive);
  EXPECT_EQ(Code(Pending("p", provider_, buyer_, 0)), R::kAmountMustBePositive);
}

TEST_F(LedgerTest, AmountTooLarge) {
  EXPECT_EQ(Code(Plain("big", provider_, buyer_, kAmountMax + 1)), R::kAmountTooLarge);
  EXPECT_EQ(Code(Plain("max", provider_, buyer_, kAmountMax)), R::kOk);
}

TEST_F(LedgerTest, ExceedsCreditsCountsPendingHolds) {
  EXPECT_EQ(Code(Plain("e1", buyer_, shop_, 1)), R::kExceedsCredits);
  TopUp(buyer_, 1000);
  ASSERT_EQ(Code(Pending("hold", buyer_, shop_, 600)), R::kOk);
  EXPECT_EQ(Bal(buyer_).available(), 400);
  EXPECT_EQ(Code(Plain("e2", buyer_, other_buyer_, 401)), R::kExceedsCredits);
  EXPECT_EQ(Code(Pending("e3", buyer_, other_buyer_, 401)), R::kExceedsCredits);
  EXPECT_EQ(Code(Plain("e4", buyer_, other_buyer_, 400)), R::kOk);
  EXPECT_EQ(Bal(buyer_).available(), 0);
  // Pending credits are not spendable until posted.
  EXPECT_EQ(Code(Plain("e5", shop_, fees_, 1)), R::kExceedsCredits);
  EXPECT_EQ(TransferError(R::kExceedsCredits).code, "exceeds_credits");
}

// Drives two unflagged accounts to the edge of int64 with maximal transfers.
class OverflowTest : public LedgerTest {
 protected:
  void SetUp() override {
    LedgerTest::SetUp();
    whale_ = env_.Account(AccountKind::kCreditFunding, 0, "CNY");
    ASSERT_TRUE(env_.connection().Exec("BEGIN").ok());
    int64_t credited = 0;
    for (int index = 0; credited <= INT64_MAX - kAmountMax; ++index) {
      ASSERT_EQ(Code(Plain("fill-" + std::to_string(index), provider_, whale_, kAmountMax)),
                R::kOk);
      credited += kAmountMax;
    }
    ASSERT_TRUE(env_.connection().Exec("COMMIT").ok());
    headroom_ = INT64_MAX - credited;
  }
  int64_t whale_ = 0;
  int64_t headroom_ = 0;
};

TEST_F(OverflowTest, Overflow) {
  EXPECT_EQ(Code(Plain("over-credit", fees_, whale_, headroom_ + 1)), R::kExceedsCredits);
  int64_t capital = env_.Account(AccountKind::kCreditFunding, 1, "CNY");
  ASSERT_EQ(Code(Plain("fund-fees", capital, fees_, kAmountMax)), R::kOk);
  EXPECT_EQ(Code(Plain("over-credit", fees_, whale_, headroom_ + 1)), R::kOverflow);
  EXPECT_EQ(Code(Plain("over-debit", provider_, shop_, kAmountMax)), R::kOverflow);
  EXPECT_EQ(Code(Pending("over-pending", fees_, whale_, headroom_ + 1)), R::kOverflow);
  // A pending hold counts toward the bound too.
  ASSERT_EQ(Code(Pending("edge", fees_, whale_, headroom_)), R::kOk);
  EXPECT_EQ(Code(Plain("over-after-hold", fees_, whale_, 1)), R::kOverflow);
  EXPECT_EQ(Bal(whale_).credits_pending, headroom_);
  EXPECT_EQ(TransferError(R::kOverflow).code, "overflow");
}

TEST_F(OverflowTest, ExceedsCreditsTakesPrecedenceOverOverflow) {
  EXPECT_EQ(Code(Plain("both", buyer_, whale_, headroom_ + 1)), R::kExceedsCredits);
}

// ---- escrow: pending, post, void ----

TEST_F(LedgerTest, PendingTransferHoldsThenPostsInFull) {
  TopUp(buyer_, 1000);
  TransferOutcome hold = Do(Pending("hold", buyer_, shop_, 800));
  ASSERT_EQ(hold.result, R::kOk);
  EXPECT_EQ(Bal(buyer_), (AccountBalance{800, 0, 0, 1000}));
  EXPECT_EQ(Bal(shop_), (AccountBalance{0, 0, 800, 0}));
  EXPECT_EQ(ledger().active_pending_count(), 1u);
  TransferOutcome post = Do(Resolve("post", kTransferPostPending, hold.transfer_id, 800));
  ASSERT_EQ(post.result, R::kOk);
  EXPECT_EQ(post.amount, 800);
  EXPECT_EQ(Bal(buyer_), (AccountBalance{0, 800, 0, 1000}));
  EXPECT_EQ(Bal(shop_), (AccountBalance{0, 0, 0, 800}));
  EXPECT_EQ(ledger().active_pending_count(), 0u);
  auto row = FindTransfer(env_.connection(), post.transfer_id);
  EXPECT_EQ((*row)->debit_account_id, buyer_);  // taken from the pending transfer
  EXPECT_EQ((*row)->credit_account_id, shop_);
  EXPECT_EQ((*row)->currency, Cur("CNY"));
}

TEST_F(LedgerTest, PartialPostReleasesTheRemainder) {
  TopUp(buyer_, 1000);
  TransferOutcome hold = Do(Pending("hold", buyer_, shop_, 800));
  TransferRequest post = Resolve("post", kTransferPostPending, hold.transfer_id, 300);
  post.debit_account_id = buyer_;  // naming the pending's accounts is allowed
  post.credit_account_id = shop_;
  post.currency = Cur("CNY");
  TransferOutcome posted = Do(post);
  ASSERT_EQ(posted.result, R::kOk);
  EXPECT_EQ(posted.amount, 300);
  EXPECT_EQ(Bal(buyer_), (AccountBalance{0, 300, 0, 1000}));
  EXPECT_EQ(Bal(buyer_).available(), 700);
  EXPECT_EQ(Bal(shop_).posted(), 300);
  EXPECT_EQ(Bal(shop_).credits_pending, 0);
}

TEST_F(LedgerTest, VoidReleasesTheWholeHold) {
  TopUp(buyer_, 1000);
  TransferOutcome hold = Do(Pending("hold", buyer_, shop_, 800));
  TransferOutcome voided = Do(Resolve("void", kTransferVoidPending, hold.transfer_id));
  ASSERT_EQ(voided.result, R::kOk);
  EXPECT_EQ(voided.amount, 800);
  EXPECT_EQ(Bal(buyer_), (AccountBalance{0, 0, 0, 1000}));
  EXPECT_EQ(Bal(shop_), AccountBalance{});
  // A retry of the void is a replay, not a second release.
  EXPECT_EQ(Code(Resolve("void", kTransferVoidPending, hold.transfer_id)), R::kExists);
}

TEST_F(LedgerTest, PendingTransferNotFound) {
  EXPECT_EQ(Code(Resolve("p1", kTransferPostPending, 0, 1)), R::kPendingTransferNotFound);
  EXPECT_EQ(Code(Resolve("p2", kTransferVoidPending, 424242)), R::kPendingTransferNotFound);
  EXPECT_EQ(Code(Resolve("p3", kTransferVoidPending, -3)), R::kPendingTransferNotFound);
}

TEST_F(LedgerTest, PendingTransferNotPending) {
  TransferOutcome plain = Do(Plain("plain", provider_, buyer_, 10));
  EXPECT_EQ(Code(Resolve("v", kTransferVoidPending, plain.transfer_id)),
            R::kPendingTransferNotPending);
  TransferOutcome hold = Do(Pending("hold", provider_, buyer_, 10));
  TransferOutcome post = Do(Resolve("post", kTransferPostPending, hold.transfer_id, 10));
  EXPECT_EQ(Code(Resolve("v2", kTransferVoidPending, post.transfer_id)),
            R::kPendingTransferNotPending);
}

TEST_F(LedgerTest, PendingTransferHasDifferentAccounts) {
  TransferOutcome hold = Do(Pending("hold", provider_, buyer_, 10));
  TransferRequest post = Resolve("post", kTransferPostPending, hold.transfer_id, 10);
  post.credit_account_id = other_buyer_;
  EXPECT_EQ(Code(post), R::kPendingTransferHasDifferentAccounts);
  post.credit_account_id = 0;
  post.debit_account_id = buyer_;
  EXPECT_EQ(Code(post), R::kPendingTransferHasDifferentAccounts);
  TransferRequest wrong_currency = Resolve("post2", kTransferPostPending, hold.transfer_id, 10);
  wrong_currency.currency = Cur("EUR");
  EXPECT_EQ(Code(wrong_currency), R::kCurrencyMismatch);
}

TEST_F(LedgerTest, PendingTransferAlreadyPostedOrVoided) {
  TransferOutcome first = Do(Pending("h1", provider_, buyer_, 10));
  TransferOutcome second = Do(Pending("h2", provider_, buyer_, 10));
  ASSERT_EQ(Code(Resolve("post", kTransferPostPending, first.transfer_id, 4)), R::kOk);
  ASSERT_EQ(Code(Resolve("void", kTransferVoidPending, second.transfer_id)), R::kOk);
  EXPECT_EQ(Code(Resolve("x1", kTransferPostPending, first.transfer_id, 4)),
            R::kPendingTransferAlreadyPosted);
  EXPECT_EQ(Code(Resolve("x2", kTransferVoidPending, first.transfer_id)),
            R::kPendingTransferAlreadyPosted);
  EXPECT_EQ(Code(Resolve("x3", kTransferPostPending, second.transfer_id, 1)),
            R::kPendingTransferAlreadyVoided);
  EXPECT_EQ(Code(Resolve("x4", kTransferVoidPending, second.transfer_id)),
            R::kPendingTransferAlreadyVoided);
  // Within one chain, before anything is written.
  TransferOutcome third = Do(Pending("h3", provider_, buyer_, 10));
  EXPECT_EQ(Codes({Resolve("y1", kTransferPostPending | kTransferLinked, third.transfer_id, 10),
                   Resolve("y2", kTransferVoidPending, third.transfer_id)}),
            (std::vector<R>{R::kLinkedEventFailed, R::kPendingTransferAlreadyPosted}));
  EXPECT_EQ(Bal(buyer_).credits_pending, 10);
}

TEST_F(LedgerTest, PendingAmountExceeded) {
  TransferOutcome hold = Do(Pending("hold", provider_, buyer_, 10));
  EXPECT_EQ(Code(Resolve("post", kTransferPostPending, hold.transfer_id, 11)),
            R::kPendingAmountExceeded);
  EXPECT_EQ(Code(Resolve("post0", kTransferPostPending, hold.transfer_id, 0)),
            R::kAmountMustBePositive);
  EXPECT_EQ(Code(Resolve("postbig", kTransferPostPending, hold.transfer_id, kAmountMax + 1)),
            R::kAmountTooLarge);
  EXPECT_EQ(Code(Resolve("post", kTransferPostPending, hold.transfer_id, 10)), R::kOk);
}

TEST_F(LedgerTest, PostAndVoidWorkAfterRestart) {
  TopUp(buyer_, 100);
  TransferOutcome a = Do(Pending("a", buyer_, shop_, 60));
  TransferOutcome b = Do(Pending("b", buyer_, shop_, 40));
  ASSERT_EQ(Code(Resolve("void-a", kTransferVoidPending, a.transfer_id)), R::kOk);
  auto reloaded = env_.Reload();
  EXPECT_EQ(reloaded->active_pending_count(), 1u);
  std::vector<TransferRequest> requests = {Resolve("post-b", kTransferPostPending, b.transfer_id,
                                                   40),
                                           Resolve("post-a", kTransferPostPending, a.transfer_id,
                                                   60)};
  auto outcomes = reloaded->CreateTransfers(env_.connection(), requests);
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].result, R::kOk);
  EXPECT_EQ((*outcomes)[1].result, R::kPendingTransferAlreadyVoided);
  EXPECT_EQ(reloaded->Balance(shop_)->posted(), 40);
}

// ---- linked chains ----

TEST_F(LedgerTest, LinkedChainIsAllOrNothing) {
  TopUp(buyer_, 1000);
  int64_t next_id = Do(Plain("probe", provider_, fees_, 1)).transfer_id + 1;
  TransferRequest pay = Plain("pay", buyer_, shop_, 900);
  pay.flags = kTransferLinked;
  TransferRequest fee = Plain("fee", shop_, fees_, 2000);  // shop cannot pay this
  EXPECT_EQ(Codes({pay, fee}), (std::vector<R>{R::kLinkedEventFailed, R::kExceedsCredits}));
  EXPECT_EQ(Bal(buyer_).posted(), 1000);
  EXPECT_EQ(Bal(shop_).posted(), 0);
  fee.amount = 90;
  auto outcomes = ledger().CreateTransfers(env_.connection(), std::vector{pay, fee});
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].transfer_id, next_id);  // the failed chain consumed no id
  EXPECT_EQ((*outcomes)[1].transfer_id, next_id + 1);
  EXPECT_EQ(Bal(buyer_).posted(), 100);
  EXPECT_EQ(Bal(shop_).posted(), 810);  // the chain saw its own first transfer
  EXPECT_EQ(Bal(fees_).posted(), 91);
}

TEST_F(LedgerTest, LinkedEventFailedMarksEveryOtherMemberOfTheChain) {
  TopUp(buyer_, 1000);
  TransferRequest a = Plain("a", buyer_, shop_, 1);
  TransferRequest b = Plain("b", buyer_, shop_, 0);
  TransferRequest c = Plain("c", buyer_, shop_, 1);
  a.flags = b.flags = kTransferLinked;
  TransferRequest independent = Plain("d", buyer_, shop_, 5);
  EXPECT_EQ(Codes({a, b, c, independent}),
            (std::vector<R>{R::kLinkedEventFailed, R::kAmountMustBePositive, R::kLinkedEventFailed,
                            R::kOk}));
  EXPECT_EQ(Bal(shop_).posted(), 5);
}

TEST_F(LedgerTest, LinkedEventChainOpen) {
  TransferRequest a = Plain("a", provider_, buyer_, 1);
  TransferRequest b = Plain("b", provider_, buyer_, 1);
  a.flags = b.flags = kTransferLinked;
  EXPECT_EQ(Codes({a, b}), (std::vector<R>{R::kLinkedEventFailed, R::kLinkedEventChainOpen}));
  EXPECT_EQ(Bal(buyer_).posted(), 0);
}

TEST_F(LedgerTest, CreateLinkedTransfersReportsTheFailingRequest) {
  auto failed = ledger().CreateLinkedTransfers(env_.connection(), {Plain("a", provider_, buyer_, 5),
                                                                   Plain("b", buyer_, shop_, 6)});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "exceeds_credits");
  ASSERT_EQ(failed.error().details.size(), 1u);
  EXPECT_EQ(failed.error().details[0].second, "1");
  auto done = ledger().CreateLinkedTransfers(env_.connection(), {Plain("a", provider_, buyer_, 6),
                                                                 Plain("b", buyer_, shop_, 6)});
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(Bal(shop_).posted(), 6);
  // The same chain again replays.
  auto replay = ledger().CreateLinkedTransfers(env_.connection(), {Plain("a", provider_, buyer_, 6),
                                                                   Plain("b", buyer_, shop_, 6)});
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ((*replay)[1].result, R::kExists);
  EXPECT_EQ(Bal(shop_).posted(), 6);
}

TEST_F(LedgerTest, SameKeyTwiceInOneBatchIsOneTransfer) {
  EXPECT_EQ(Codes({Plain("dup", provider_, buyer_, 3), Plain("dup", provider_, buyer_, 3),
                   Plain("dup", provider_, buyer_, 4)}),
            (std::vector<R>{R::kOk, R::kExists, R::kExistsWithDifferentFields}));
  TransferRequest a = Plain("dup2", provider_, buyer_, 3);
  a.flags = kTransferLinked;
  TransferRequest b = a;
  b.flags = 0;
  // Linking is part of the fields: the second differs from the first.
  EXPECT_EQ(Codes({a, b}), (std::vector<R>{R::kLinkedEventFailed, R::kExistsWithDifferentFields}));
  EXPECT_EQ(Bal(buyer_).posted(), 3);
}

TEST_F(LedgerTest, BatchIsBounded) {
  std::vector<TransferRequest> requests(kTransferBatchMax + 1, Plain("x", provider_, buyer_, 1));
  auto outcomes = ledger().CreateTransfers(env_.connection(), requests);
  ASSERT_FALSE(outcomes.ok());
  EXPECT_EQ(outcomes.error().code, "batch_too_large");
  EXPECT_EQ(outcomes.error().kind, ErrorKind::kTooLarge);
  EXPECT_TRUE(ledger().CreateTransfers(env_.connection(), {}).ok());
}

TEST_F(LedgerTest, CreateTransferMapsFailuresToErrors) {
  auto failed = ledger().CreateTransfer(env_.connection(), Plain("x", 777, buyer_, 1));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "account_not_found");
  auto done = ledger().CreateTransfer(env_.connection(), Plain("x", provider_, buyer_, 1));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->result, R::kOk);
}

// ---- recovery, history and threads ----

TEST_F(LedgerTest, LoadReproducesTheBalancesExactly) {
  TopUp(buyer_, 10'000);
  TopUp(other_buyer_, 5'000);
  TransferOutcome hold = Do(Pending("h1", buyer_, shop_, 3'000));
  TransferOutcome hold2 = Do(Pending("h2", other_buyer_, shop_, 1'000));
  Do(Pending("h3", buyer_, shop_, 2'000));
  Do(Resolve("p1", kTransferPostPending, hold.transfer_id, 2'500));
  Do(Resolve("v2", kTransferVoidPending, hold2.transfer_id));
  TransferOutcome last = Do(Plain("fee", shop_, fees_, 250));
  ASSERT_TRUE(ledger().SetFxRate(env_.connection(), Cur("EUR"), Cur("CNY"), 7'800'000).ok());
  auto reloaded = env_.Reload();
  std::vector<AccountSnapshot> before = ledger().Accounts();
  std::vector<AccountSnapshot> after = reloaded->Accounts();
  ASSERT_EQ(before.size(), after.size());
  for (size_t index = 0; index < before.size(); ++index) {
    EXPECT_EQ(before[index].account.id, after[index].account.id);
    EXPECT_EQ(before[index].balance, after[index].balance) << before[index].account.id;
  }
  EXPECT_EQ(reloaded->active_pending_count(), 1u);
  EXPECT_EQ(reloaded->fx().RatePpm(Cur("EUR"), Cur("CNY")).value(), 7'800'000);
  // New ids continue after the last one.
  TransferRequest next = Plain("next", provider_, buyer_, 1);
  auto outcomes = reloaded->CreateTransfers(env_.connection(), std::span(&next, 1));
  EXPECT_EQ((*outcomes)[0].transfer_id, last.transfer_id + 1);
}

TEST_F(LedgerTest, ListsAnAccountsHistoryNewestFirst) {
  for (int index = 0; index < 5; ++index) TopUp(buyer_, 100 + index);
  Do(Plain("spend", buyer_, shop_, 50));
  Do(Plain("other", provider_, other_buyer_, 1));
  auto page = ListAccountTransfers(env_.connection(), buyer_, 0, 4);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 4u);
  EXPECT_EQ((*page)[0].idempotency_key, "spend");
  EXPECT_EQ((*page)[1].amount, 104);
  auto rest = ListAccountTransfers(env_.connection(), buyer_, page->back().id, 4);
  ASSERT_EQ(rest->size(), 2u);
  EXPECT_EQ((*rest)[1].amount, 100);
  TransferRequest order = Pending("order-7", buyer_, shop_, 10);
  order.reference_kind = ReferenceKind::kOrder;
  order.reference_id = 7;
  TransferOutcome hold = Do(order);
  TransferRequest post = Resolve("order-7-post", kTransferPostPending, hold.transfer_id, 10);
  post.reference_kind = ReferenceKind::kOrder;
  post.reference_id = 7;
  Do(post);
  auto about = ListReferenceTransfers(env_.connection(), ReferenceKind::kOrder, 7);
  ASSERT_EQ(about->size(), 2u);
  EXPECT_TRUE((*about)[0].is_pending());
  EXPECT_TRUE((*about)[1].is_post());
  EXPECT_EQ((*FindResolution(env_.connection(), hold.transfer_id))->idempotency_key,
            "order-7-post");
}

TEST(LedgerWriter, RunsInWriterJobsWhileOtherThreadsRead) {
  TempLedger env;
  int64_t provider = env.Account(AccountKind::kProviderFunding, 0, "CNY");
  int64_t wallet = env.Account(AccountKind::kWallet, 1, "CNY");
  int64_t shop = env.Account(AccountKind::kShopRevenue, 1, "CNY");
  store::Writer writer(env.db(), {});
  writer.Start();
  std::atomic<bool> done = false;
  std::atomic<int64_t> reads = 0;
  std::thread reader([&] {
    int64_t last = 0;
    while (!done) {
      // Each balance is published whole: posted never decreases here and the
      // wallet is never overdrawn.
      AccountBalance balance = *env.ledger().Balance(wallet);
      EXPECT_GE(balance.credits_posted, last);
      EXPECT_GE(balance.available(), 0);
      last = balance.credits_posted;
      reads += 1;
    }
  });
  constexpr int kRounds = 200;
  for (int round = 0; round < kRounds; ++round) {
    auto outcomes = writer.Run<std::vector<TransferOutcome>>([&](store::Connection& connection) {
      return env.ledger().CreateLinkedTransfers(
          connection, {Plain("in-" + std::to_string(round), provider, wallet, 10),
                       Plain("out-" + std::to_string(round), wallet, shop, 7)});
    });
    ASSERT_TRUE(outcomes.ok());
  }
  done = true;
  reader.join();
  writer.Stop();
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(env.ledger().Balance(wallet)->posted(), kRounds * 3);
  auto reloaded = env.Reload();
  EXPECT_EQ(reloaded->Balance(shop)->posted(), kRounds * 7);
}

}  // namespace
}  // namespace shrimp::ledger

// ---- bounded key memory ----

namespace shrimp::ledger {
namespace {

TEST(LedgerKeyMemory, ARetryOfAnEvictedKeyStillAnswersExistsWithTheFirstResult) {
  TempLedger env(false, LedgerOptions{.transfer_keys_in_memory_max = 2});
  int64_t provider = env.Account(AccountKind::kProviderFunding, 0, "CNY");
  int64_t buyer = env.Account(AccountKind::kWallet, 1, "CNY");
  auto first = env.ledger().CreateTransfer(env.connection(), Plain("k1", provider, buyer, 100));
  ASSERT_TRUE(first.ok());
  env.clock().AdvanceMs(5'000);
  for (const char* key : {"k2", "k3", "k4"}) {
    ASSERT_TRUE(env.ledger().CreateTransfer(env.connection(), Plain(key, provider, buyer, 1)).ok());
  }
  EXPECT_EQ(env.ledger().recent_keys().size(), 2u);
  EXPECT_TRUE(env.ledger().recent_keys().older_forgotten());

  TransferRequest retry = Plain("k1", provider, buyer, 100);
  auto outcomes = env.ledger().CreateTransfers(env.connection(), std::span(&retry, 1));
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].result, R::kExists);
  EXPECT_EQ((*outcomes)[0].transfer_id, first->transfer_id);
  EXPECT_EQ((*outcomes)[0].amount, 100);
  EXPECT_EQ((*outcomes)[0].created_at_ms, first->created_at_ms);
  // The retry moved no money: 100 + 3 x 1.
  EXPECT_EQ(env.ledger().Balance(buyer)->credits_posted, 103);

  TransferRequest changed = Plain("k1", provider, buyer, 101);
  outcomes = env.ledger().CreateTransfers(env.connection(), std::span(&changed, 1));
  EXPECT_EQ((*outcomes)[0].result, R::kExistsWithDifferentFields);
  // A new key after eviction is still new.
  auto fresh = env.ledger().CreateTransfer(env.connection(), Plain("k5", provider, buyer, 1));
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->result, R::kOk);
}

TEST(LedgerKeyMemory, LoadKeepsOnlyTheBoundAndStillFindsOlderKeys) {
  TempLedger env(false, LedgerOptions{.transfer_keys_in_memory_max = 3});
  int64_t provider = env.Account(AccountKind::kProviderFunding, 0, "CNY");
  int64_t buyer = env.Account(AccountKind::kWallet, 1, "CNY");
  for (int index = 0; index < 10; ++index) {
    std::string key = "t" + std::to_string(index);
    ASSERT_TRUE(env.ledger().CreateTransfer(env.connection(), Plain(key, provider, buyer, 1)).ok());
  }
  auto reloaded = env.Reload();
  EXPECT_EQ(reloaded->recent_keys().size(), 3u);
  TransferRequest retry = Plain("t0", provider, buyer, 1);
  auto outcomes = reloaded->CreateTransfers(env.connection(), std::span(&retry, 1));
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].result, R::kExists);
  EXPECT_EQ((*outcomes)[0].transfer_id, 1);
}

}  // namespace
}  // namespace shrimp::ledger
