#include "ledger/transfer.h"

#include <algorithm>
#include <array>
#include <utility>

namespace shrimp::ledger {
namespace {

constexpr std::array<std::pair<TransferCode, std::string_view>, 11> kCodeNames = {{
    {TransferCode::kTopUp, "top_up"},
    {TransferCode::kOrderPayment, "order_payment"},
    {TransferCode::kCommission, "commission"},
    {TransferCode::kRefund, "refund"},
    {TransferCode::kPayout, "payout"},
    {TransferCode::kFx, "fx"},
    {TransferCode::kLoanDisbursement, "loan_disbursement"},
    {TransferCode::kLoanRepayment, "loan_repayment"},
    {TransferCode::kPayoutReturned, "payout_returned"},
    {TransferCode::kAdjustment, "adjustment"},
    {TransferCode::kShippingFee, "shipping_fee"},
}};

constexpr std::array<std::pair<ReferenceKind, std::string_view>, 6> kReferenceNames = {{
    {ReferenceKind::kNone, ""},
    {ReferenceKind::kOrder, "order"},
    {ReferenceKind::kRefund, "refund"},
    {ReferenceKind::kPayout, "payout"},
    {ReferenceKind::kLoan, "loan"},
    {ReferenceKind::kTopUp, "top_up"},
}};

struct ResultInfo {
  TransferResult result;
  std::string_view name;
  ErrorKind kind;
  std::string_view message;
};

constexpr std::array<ResultInfo, 20> kResults = {{
    {TransferResult::kOk, "ok", ErrorKind::kInternal, "ok"},
    {TransferResult::kExists, "exists", ErrorKind::kInternal, "the transfer already exists"},
    {TransferResult::kIdempotencyKeyInvalid, "idempotency_key_invalid", ErrorKind::kInvalidArgument,
     "the idempotency key must be 1 to 128 bytes"},
    {TransferResult::kFlagsInvalid, "flags_invalid", ErrorKind::kInvalidArgument,
     "transfer flags are contradictory or unknown"},
    {TransferResult::kExistsWithDifferentFields, "exists_with_different_fields",
     ErrorKind::kConflict, "this idempotency key was used for a different transfer"},
    {TransferResult::kAccountNotFound, "account_not_found", ErrorKind::kNotFound,
     "a ledger account of the transfer does not exist"},
    {TransferResult::kAccountsMustBeDifferent, "accounts_must_be_different",
     ErrorKind::kInvalidArgument, "a transfer cannot debit and credit the same account"},
    {TransferResult::kCurrencyMismatch, "currency_mismatch", ErrorKind::kInvalidArgument,
     "the transfer currency differs from an account's currency"},
    {TransferResult::kAmountMustBePositive, "amount_must_be_positive", ErrorKind::kInvalidArgument,
     "the amount must be positive"},
    {TransferResult::kAmountTooLarge, "amount_too_large", ErrorKind::kInvalidArgument,
     "the amount exceeds the largest allowed transfer"},
    {TransferResult::kExceedsCredits, "exceeds_credits", ErrorKind::kConflict,
     "the balance is insufficient"},
    {TransferResult::kOverflow, "overflow", ErrorKind::kConflict,
     "an account total would overflow"},
    {TransferResult::kPendingTransferNotFound, "pending_transfer_not_found", ErrorKind::kNotFound,
     "the pending transfer does not exist"},
    {TransferResult::kPendingTransferNotPending, "pending_transfer_not_pending",
     ErrorKind::kConflict, "the referenced transfer is not a pending transfer"},
    {TransferResult::kPendingTransferHasDifferentAccounts,
     "pending_transfer_has_different_accounts", ErrorKind::kInvalidArgument,
     "the accounts differ from the pending transfer's"},
    {TransferResult::kPendingTransferAlreadyPosted, "pending_transfer_already_posted",
     ErrorKind::kConflict, "the pending transfer was already posted"},
    {TransferResult::kPendingTransferAlreadyVoided, "pending_transfer_already_voided",
     ErrorKind::kConflict, "the pending transfer was already voided"},
    {TransferResult::kPendingAmountExceeded, "pending_amount_exceeded", ErrorKind::kConflict,
     "the amount exceeds the pending amount"},
    {TransferResult::kLinkedEventFailed, "linked_event_failed", ErrorKind::kConflict,
     "another transfer of the linked chain failed"},
    {TransferResult::kLinkedEventChainOpen, "linked_event_chain_open", ErrorKind::kInvalidArgument,
     "the last transfer of the batch is flagged linked"},
}};

const ResultInfo& Info(TransferResult result) {
  for (const ResultInfo& info : kResults) {
    if (info.result == result) return info;
  }
  return kResults[0];
}

constexpr const char* kTransferColumns =
    "id, idempotency_key, debit_account_id, credit_account_id, amount, currency, code, flags,"
    " pending_id, reference_kind, reference_id, rate_ppm, created_at";

Result<Transfer> ReadTransfer(store::Query& query) {
  Transfer transfer;
  transfer.id = query.Int(0);
  transfer.idempotency_key = query.Text(1);
  transfer.debit_account_id = query.Int(2);
  transfer.credit_account_id = query.Int(3);
  transfer.amount = query.Int(4);
  auto currency = Currency::Parse(query.Text(5));
  if (!currency.ok()) return Internal("ledger_transfers row has an unknown currency");
  transfer.currency = *currency;
  transfer.code = static_cast<TransferCode>(query.Int(6));
  transfer.flags = static_cast<uint32_t>(query.Int(7));
  transfer.pending_id = query.OptionalInt(8).value_or(0);
  auto reference = ParseReferenceKind(query.Text(9));
  if (!reference) return Internal("ledger_transfers row has an unknown reference kind");
  transfer.reference_kind = *reference;
  transfer.reference_id = query.Int(10);
  transfer.rate_ppm = query.Int(11);
  transfer.created_at_ms = query.Int(12);
  return transfer;
}

Result<std::optional<Transfer>> ReadOne(store::Query& query) {
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<Transfer>();
  }
  SHRIMP_ASSIGN_OR_RETURN(Transfer transfer, ReadTransfer(query));
  return std::optional<Transfer>(std::move(transfer));
}

Result<std::vector<Transfer>> ReadAll(store::Query& query) {
  std::vector<Transfer> transfers;
  while (query.Next()) {
    SHRIMP_ASSIGN_OR_RETURN(Transfer transfer, ReadTransfer(query));
    transfers.push_back(std::move(transfer));
  }
  if (!query.ok()) return query.error();
  return transfers;
}

}  // namespace

std::string_view TransferCodeName(TransferCode code) {
  for (const auto& [known, name] : kCodeNames) {
    if (known == code) return name;
  }
  return "other";
}

std::string_view ReferenceKindName(ReferenceKind kind) {
  for (const auto& [known, name] : kReferenceNames) {
    if (known == kind) return name;
  }
  return "";
}

std::optional<ReferenceKind> ParseReferenceKind(std::string_view name) {
  for (const auto& [kind, known] : kReferenceNames) {
    if (known == name) return kind;
  }
  return std::nullopt;
}

std::string_view TransferResultName(TransferResult result) { return Info(result).name; }

Error TransferError(TransferResult result) {
  const ResultInfo& info = Info(result);
  return Error{info.kind, std::string(info.name), std::string(info.message), {}};
}

Result<std::optional<Transfer>> FindTransfer(store::Connection& connection, int64_t transfer_id) {
  store::Query query(connection, std::string("SELECT ") + kTransferColumns +
                                     " FROM ledger_transfers WHERE id = ?");
  query.Bind(transfer_id);
  return ReadOne(query);
}

Result<std::optional<Transfer>> FindTransferByKey(store::Connection& connection,
                                                  std::string_view key) {
  store::Query query(connection, std::string("SELECT ") + kTransferColumns +
                                     " FROM ledger_transfers WHERE idempotency_key = ?");
  query.Bind(key);
  return ReadOne(query);
}

Result<std::optional<Transfer>> FindResolution(store::Connection& connection, int64_t pending_id) {
  store::Query query(connection, std::string("SELECT ") + kTransferColumns +
                                     " FROM ledger_transfers WHERE pending_id = ?");
  query.Bind(pending_id);
  return ReadOne(query);
}

Result<std::vector<Transfer>> ListAccountTransfers(store::Connection& connection,
                                                   int64_t account_id, int64_t before_id,
                                                   int limit) {
  limit = std::clamp(limit, 1, kTransferPageMax);
  if (before_id <= 0) before_id = INT64_MAX;
  // Two index range scans (debit side, credit side) merged: an OR over both
  // columns would scan and sort the account's whole history.
  std::string columns = kTransferColumns;
  store::Query query(
      connection,
      "SELECT * FROM (SELECT " + columns +
          " FROM ledger_transfers WHERE debit_account_id = ? AND id < ? ORDER BY id DESC LIMIT ?)"
          " AS debits UNION ALL SELECT * FROM (SELECT " +
          columns +
          " FROM ledger_transfers WHERE credit_account_id = ? AND id < ? ORDER BY id DESC LIMIT ?)"
          " AS credits ORDER BY id DESC LIMIT ?");
  query.Bind(account_id, before_id, limit, account_id, before_id, limit, limit);
  return ReadAll(query);
}

Result<std::vector<Transfer>> ListReferenceTransfers(store::Connection& connection,
                                                     ReferenceKind kind, int64_t reference_id) {
  store::Query query(connection, std::string("SELECT ") + kTransferColumns +
                                     " FROM ledger_transfers WHERE reference_kind = ?"
                                     " AND reference_id = ? ORDER BY id");
  query.Bind(ReferenceKindName(kind), reference_id);
  return ReadAll(query);
}

Status InsertTransfer(store::Connection& connection, const Transfer& transfer) {
  store::Query insert(connection,
                      "INSERT INTO ledger_transfers (id, idempotency_key, debit_account_id,"
                      " credit_account_id, amount, currency, code, flags, pending_id,"
                      " reference_kind, reference_id, rate_ppm, created_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  std::optional<int64_t> pending_id;
  if (transfer.pending_id != 0) pending_id = transfer.pending_id;
  insert.Bind(transfer.id, transfer.idempotency_key, transfer.debit_account_id,
              transfer.credit_account_id, transfer.amount, transfer.currency.code(),
              static_cast<int64_t>(transfer.code), static_cast<int64_t>(transfer.flags), pending_id,
              ReferenceKindName(transfer.reference_kind), transfer.reference_id, transfer.rate_ppm,
              transfer.created_at_ms);
  return insert.Run();
}

}  // namespace shrimp::ledger
