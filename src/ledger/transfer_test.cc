#include "ledger/transfer.h"

#include <gtest/gtest.h>

#include <set>

#include "ledger/ledger.h"
#include "testing/temp_ledger.h"

namespace shrimp::ledger {
namespace {

using R = TransferResult;

TEST(TransferResult, EveryCodeHasAUniqueNameAndAnErrorKind) {
  std::set<std::string_view> names;
  for (int value = static_cast<int>(R::kOk); value <= static_cast<int>(R::kLinkedEventChainOpen);
       ++value) {
    auto result = static_cast<R>(value);
    std::string_view name = TransferResultName(result);
    EXPECT_TRUE(names.insert(name).second) << name;
    if (result == R::kOk || result == R::kExists) continue;
    Error error = TransferError(result);
    EXPECT_EQ(error.code, name);
    EXPECT_FALSE(error.message.empty());
    EXPECT_TRUE(error.kind == ErrorKind::kInvalidArgument || error.kind == ErrorKind::kNotFound ||
                error.kind == ErrorKind::kConflict)
        << name;
  }
  EXPECT_EQ(TransferResultName(R::kExistsWithDifferentFields), "exists_with_different_fields");
  EXPECT_EQ(TransferResultName(R::kPendingTransferAlreadyVoided),
            "pending_transfer_already_voided");
  EXPECT_EQ(TransferError(R::kPendingTransferNotFound).kind, ErrorKind::kNotFound);
  EXPECT_EQ(TransferError(R::kAmountTooLarge).kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(TransferError(R::kPendingTransferAlreadyPosted).kind, ErrorKind::kConflict);
}

TEST(TransferCode, NamesAndReferenceKindsRoundTrip) {
  EXPECT_EQ(TransferCodeName(TransferCode::kTopUp), "top_up");
  EXPECT_EQ(TransferCodeName(static_cast<TransferCode>(999)), "other");
  for (ReferenceKind kind : {ReferenceKind::kNone, ReferenceKind::kOrder, ReferenceKind::kRefund,
                             ReferenceKind::kPayout, ReferenceKind::kLoan, ReferenceKind::kTopUp}) {
    EXPECT_EQ(ParseReferenceKind(ReferenceKindName(kind)), kind);
  }
  EXPECT_EQ(ParseReferenceKind("shipment"), std::nullopt);
}

// Each case breaks two rules; the one earlier in the documented precedence
// must be reported.
class PrecedenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = env_.Account(AccountKind::kProviderFunding, 0, "CNY");
    wallet_ = env_.Account(AccountKind::kWallet, 1, "CNY");
    empty_wallet_ = env_.Account(AccountKind::kWallet, 2, "CNY");
    shop_ = env_.Account(AccountKind::kShopRevenue, 1, "CNY");
    ASSERT_EQ(Code(Plain("seed", provider_, wallet_, 1000)), R::kOk);
    posted_ = Id(Pending("posted", wallet_, shop_, 100));
    voided_ = Id(Pending("voided", wallet_, shop_, 100));
    active_ = Id(Pending("active", wallet_, shop_, 100));
    plain_ = Id(Plain("plain", wallet_, shop_, 10));
    ASSERT_EQ(Code(Resolve("post", kTransferPostPending, posted_, 50)), R::kOk);
    ASSERT_EQ(Code(Resolve("void", kTransferVoidPending, voided_, 0)), R::kOk);
  }

  static TransferRequest Plain(std::string key, int64_t debit, int64_t credit, int64_t amount,
                               const char* currency = "CNY") {
    TransferRequest request;
    request.idempotency_key = std::move(key);
    request.debit_account_id = debit;
    request.credit_account_id = credit;
    request.amount = amount;
    request.currency = *Currency::Parse(currency);
    return request;
  }
  static TransferRequest Pending(std::string key, int64_t debit, int64_t credit, int64_t amount) {
    TransferRequest request = Plain(std::move(key), debit, credit, amount);
    request.flags = kTransferPending;
    return request;
  }
  static TransferRequest Resolve(std::string key, uint32_t how, int64_t pending_id,
                                 int64_t amount) {
    TransferRequest request;
    request.idempotency_key = std::move(key);
    request.flags = how;
    request.pending_id = pending_id;
    request.amount = amount;
    return request;
  }
  R Code(const TransferRequest& request) {
    auto outcomes = env_.ledger().CreateTransfers(env_.connection(), std::span(&request, 1));
    EXPECT_TRUE(outcomes.ok());
    return (*outcomes)[0].result;
  }
  int64_t Id(const TransferRequest& request) {
    auto outcomes = env_.ledger().CreateTransfers(env_.connection(), std::span(&request, 1));
    EXPECT_TRUE(outcomes.ok() && (*outcomes)[0].result == R::kOk);
    return (*outcomes)[0].transfer_id;
  }

  testing::TempLedger env_;
  int64_t provider_ = 0, wallet_ = 0, empty_wallet_ = 0, shop_ = 0;
  int64_t posted_ = 0, voided_ = 0, active_ = 0, plain_ = 0;
};

TEST_F(PrecedenceTest, RequestShapeBeforeIdempotency) {
  TransferRequest request = Plain("", provider_, wallet_, 1);
  request.flags = kTransferPending | kTransferPostPending;
  EXPECT_EQ(Code(request), R::kIdempotencyKeyInvalid);
  request.idempotency_key = "seed";  // exists, with different fields
  EXPECT_EQ(Code(request), R::kFlagsInvalid);
}

TEST_F(PrecedenceTest, IdempotencyBeforeValidation) {
  // The same key with different, also invalid, fields.
  EXPECT_EQ(Code(Plain("seed", 9999, 9999, -1)), R::kExistsWithDifferentFields);
  // A replay succeeds even though the request would now be refused.
  EXPECT_EQ(Code(Plain("plain", wallet_, shop_, 10)), R::kExists);
  ASSERT_EQ(Code(Plain("drain", wallet_, shop_, 1000 - 10 - 50 - 100)), R::kOk);
  EXPECT_EQ(Code(Plain("drain", wallet_, shop_, 1000 - 10 - 50 - 100)), R::kExists);
  EXPECT_EQ(Code(Resolve("post", kTransferPostPending, posted_, 50)), R::kExists);
}

TEST_F(PrecedenceTest, PlainTransferRules) {
  EXPECT_EQ(Code(Plain("a", 9999, 9999, 1)), R::kAccountNotFound);
  EXPECT_EQ(Code(Plain("b", provider_, provider_, 1, "EUR")), R::kAccountsMustBeDifferent);
  EXPECT_EQ(Code(Plain("c", provider_, wallet_, 0, "EUR")), R::kCurrencyMismatch);
  EXPECT_EQ(Code(Plain("d", empty_wallet_, shop_, -1)), R::kAmountMustBePositive);
  EXPECT_EQ(Code(Plain("e", empty_wallet_, shop_, kAmountMax + 1)), R::kAmountTooLarge);
  EXPECT_EQ(Code(Pending("f", empty_wallet_, shop_, 1)), R::kExceedsCredits);
}

TEST_F(PrecedenceTest, ResolutionRules) {
  EXPECT_EQ(Code(Resolve("a", kTransferPostPending, 9999, 0)), R::kAmountMustBePositive);
  EXPECT_EQ(Code(Resolve("b", kTransferPostPending, 9999, kAmountMax + 1)), R::kAmountTooLarge);
  TransferRequest not_found = Resolve("c", kTransferPostPending, 9999, 1);
  not_found.debit_account_id = shop_;
  EXPECT_EQ(Code(not_found), R::kPendingTransferNotFound);
  TransferRequest not_pending = Resolve("d", kTransferVoidPending, plain_, 0);
  not_pending.debit_account_id = provider_;
  EXPECT_EQ(Code(not_pending), R::kPendingTransferNotPending);
  TransferRequest different = Resolve("e", kTransferPostPending, posted_, 1);
  different.credit_account_id = wallet_;
  different.currency = *Currency::Parse("EUR");
  EXPECT_EQ(Code(different), R::kPendingTransferHasDifferentAccounts);
  TransferRequest currency = Resolve("f", kTransferPostPending, posted_, 1);
  currency.currency = *Currency::Parse("EUR");
  EXPECT_EQ(Code(currency), R::kCurrencyMismatch);
  EXPECT_EQ(Code(Resolve("g", kTransferPostPending, posted_, 1000)),
            R::kPendingTransferAlreadyPosted);
  EXPECT_EQ(Code(Resolve("h", kTransferPostPending, voided_, 1000)),
            R::kPendingTransferAlreadyVoided);
  EXPECT_EQ(Code(Resolve("i", kTransferPostPending, active_, 101)), R::kPendingAmountExceeded);
}

TEST_F(PrecedenceTest, TheFirstFailureOfAChainIsReported) {
  TransferRequest first = Plain("x", empty_wallet_, shop_, 5);
  first.flags = kTransferLinked;
  TransferRequest second = Plain("y", 9999, shop_, 5);
  auto outcomes = env_.ledger().CreateTransfers(env_.connection(), std::vector{first, second});
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ((*outcomes)[0].result, R::kExceedsCredits);
  EXPECT_EQ((*outcomes)[1].result, R::kLinkedEventFailed);
  EXPECT_EQ((*outcomes)[0].transfer_id, 0);
}

}  // namespace
}  // namespace shrimp::ledger
