// Transfers: immutable double-entry movements between two ledger accounts.
//
// A transfer debits one account and credits another by the same amount in
// the accounts' common currency. Transfers are appended to
// `ledger_transfers` and never updated or deleted; every balance is derived
// from them (see ledger/account.h for the sign convention).
//
// Kinds of transfer, chosen by flags:
//   plain          moves `amount` at once (posted).
//   kTransferPending       reserves `amount` as an escrow hold: it counts in
//                  debits_pending / credits_pending until resolved.
//   kTransferPostPending   resolves pending transfer `pending_id`, posting
//                  `amount` (0 < amount <= pending amount); the remainder
//                  is released back to the debit account.
//   kTransferVoidPending   resolves pending transfer `pending_id`, releasing
//                  all of it. The request's amount is ignored.
// A pending transfer is resolved at most once. kTransferLinked chains a
// request to the next one in the same batch: a chain commits or fails whole.
//
// Idempotency: every request carries a caller-chosen idempotency_key, unique
// across all transfers. Resubmitting a key that created a transfer returns
// kExists with the first transfer's id and amount, and moves nothing; the
// same key with any field changed returns kExistsWithDifferentFields. A
// request that failed left no trace, so retrying its key evaluates it again.
// For post/void requests, accounts left 0 and currency left empty are taken
// from the pending transfer and match anything on a retry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "store/db.h"

namespace shrimp::ledger {

// Transfer flags (a bit set, stored as an integer).
inline constexpr uint32_t kTransferLinked = 1u << 0;
inline constexpr uint32_t kTransferPending = 1u << 1;
inline constexpr uint32_t kTransferPostPending = 1u << 2;
inline constexpr uint32_t kTransferVoidPending = 1u << 3;
inline constexpr uint32_t kTransferFlagsAll =
    kTransferLinked | kTransferPending | kTransferPostPending | kTransferVoidPending;

// Why money moved. Stored as its integer value: never renumber, only append.
// The ledger does not interpret it; reports and APIs do.
enum class TransferCode : int32_t {
  kTopUp = 1,
  kOrderPayment = 2,
  kCommission = 3,
  kRefund = 4,
  kPayout = 5,
  kFx = 6,
  kLoanDisbursement = 7,
  kLoanRepayment = 8,
  kPayoutReturned = 9,
  kAdjustment = 10,
  kShippingFee = 11,  // an order's shipping fee, released to shipping_payable
};
// "top_up", "order_payment", ...; "other" for values not listed.
std::string_view TransferCodeName(TransferCode code);

// What a transfer is about; with reference_id it points at the order,
// refund, payout or loan row. Stored as its name.
enum class ReferenceKind : int32_t { kNone = 0, kOrder, kRefund, kPayout, kLoan, kTopUp };
std::string_view ReferenceKindName(ReferenceKind kind);  // "", "order", ...
std::optional<ReferenceKind> ParseReferenceKind(std::string_view name);

inline constexpr size_t kIdempotencyKeyBytesMax = 128;
// Requests in one CreateTransfers call.
inline constexpr size_t kTransferBatchMax = 1024;
// Rows in one page of an account's history.
inline constexpr int kTransferPageMax = 200;

struct TransferRequest {
  std::string idempotency_key;  // 1..kIdempotencyKeyBytesMax bytes, unique
  int64_t debit_account_id = 0;
  int64_t credit_account_id = 0;
  int64_t amount = 0;  // minor units of `currency`
  Currency currency;
  TransferCode code = TransferCode::kAdjustment;
  uint32_t flags = 0;
  int64_t pending_id = 0;  // for post/void: the pending transfer's id
  ReferenceKind reference_kind = ReferenceKind::kNone;
  int64_t reference_id = 0;
  int64_t rate_ppm = 0;  // FX legs: the rate used (see ledger/fx.h); else 0
};

// The result of one request. Every failure has exactly one code; when several
// apply, the first in this precedence wins:
//   all requests:   kIdempotencyKeyInvalid, kFlagsInvalid, kExists,
//                   kExistsWithDifferentFields;
//   plain/pending:  kAccountNotFound, kAccountsMustBeDifferent,
//                   kCurrencyMismatch, kAmountMustBePositive, kAmountTooLarge,
//                   kExceedsCredits, kOverflow;
//   post/void:      kAmountMustBePositive, kAmountTooLarge (post only),
//                   kPendingTransferNotFound, kPendingTransferNotPending,
//                   kPendingTransferHasDifferentAccounts, kCurrencyMismatch,
//                   kPendingTransferAlreadyPosted, kPendingTransferAlreadyVoided,
//                   kPendingAmountExceeded (post only), kOverflow;
//   linked chains:  the failing request keeps its own code; every other
//                   request of the chain gets kLinkedEventFailed; a chain
//                   still open at the end of the batch fails its last request
//                   with kLinkedEventChainOpen.
enum class TransferResult : int32_t {
  kOk = 0,
  kExists,                 // the key already created this transfer: first result returned
  kIdempotencyKeyInvalid,  // empty or longer than kIdempotencyKeyBytesMax
  kFlagsInvalid,           // unknown bits, two kinds at once, pending_id without post/void
  kExistsWithDifferentFields,
  kAccountNotFound,
  kAccountsMustBeDifferent,
  kCurrencyMismatch,  // request currency differs from an account's (or the pending's)
  kAmountMustBePositive,
  kAmountTooLarge,  // amount > kAmountMax
  kExceedsCredits,  // a kDebitsMustNotExceedCredits account would go negative
  kOverflow,        // a running total would overflow int64
  kPendingTransferNotFound,
  kPendingTransferNotPending,  // pending_id names a transfer that is not a pending one
  kPendingTransferHasDifferentAccounts,
  kPendingTransferAlreadyPosted,
  kPendingTransferAlreadyVoided,
  kPendingAmountExceeded,  // post amount > pending amount
  kLinkedEventFailed,      // another request of the chain failed
  kLinkedEventChainOpen,   // the batch ended inside a chain
};

// The code string the API exposes: "ok", "exists", "exceeds_credits", ...
std::string_view TransferResultName(TransferResult result);
// The Error for a failed result: kind kInvalidArgument, kNotFound or
// kConflict, code = TransferResultName(result).
// REQUIRES: result is neither kOk nor kExists.
Error TransferError(TransferResult result);

struct TransferOutcome {
  TransferResult result = TransferResult::kOk;
  int64_t transfer_id = 0;    // the new or existing transfer; 0 on failure
  int64_t amount = 0;         // moved: posted amount for post, released amount for void
  int64_t created_at_ms = 0;  // of the new or existing transfer

  // True for kOk and for kExists (an idempotent replay is a success).
  bool ok() const { return result == TransferResult::kOk || result == TransferResult::kExists; }
};

// A stored transfer row.
struct Transfer {
  int64_t id = 0;
  std::string idempotency_key;
  int64_t debit_account_id = 0;
  int64_t credit_account_id = 0;
  int64_t amount = 0;
  Currency currency;
  TransferCode code = TransferCode::kAdjustment;
  uint32_t flags = 0;
  int64_t pending_id = 0;
  ReferenceKind reference_kind = ReferenceKind::kNone;
  int64_t reference_id = 0;
  int64_t rate_ppm = 0;
  int64_t created_at_ms = 0;

  bool is_pending() const { return (flags & kTransferPending) != 0; }
  bool is_post() const { return (flags & kTransferPostPending) != 0; }
  bool is_void() const { return (flags & kTransferVoidPending) != 0; }
};

// Repository functions; safe on any connection (reads) except InsertTransfer.
[[nodiscard]] Result<std::optional<Transfer>> FindTransfer(store::Connection& connection,
                                                           int64_t transfer_id);
[[nodiscard]] Result<std::optional<Transfer>> FindTransferByKey(store::Connection& connection,
                                                                std::string_view key);
// The post or void that resolved `pending_id`, if any.
[[nodiscard]] Result<std::optional<Transfer>> FindResolution(store::Connection& connection,
                                                             int64_t pending_id);
// An account's transfers, newest first, with id < before_id (0: from the
// newest); at most `limit` rows, limit clamped to [1, kTransferPageMax].
[[nodiscard]] Result<std::vector<Transfer>> ListAccountTransfers(store::Connection& connection,
                                                                 int64_t account_id,
                                                                 int64_t before_id, int limit);
// Every transfer about one order/refund/payout/loan, oldest first.
[[nodiscard]] Result<std::vector<Transfer>> ListReferenceTransfers(store::Connection& connection,
                                                                   ReferenceKind kind,
                                                                   int64_t reference_id);
// REQUIRES: writer connection; called by the Ledger only.
[[nodiscard]] Status InsertTransfer(store::Connection& connection, const Transfer& transfer);

}  // namespace shrimp::ledger
