#include "payments/escrow.h"

#include "payments/accounts.h"

namespace shrimp::payments {

using ledger::AccountKind;
using ledger::ReferenceKind;
using ledger::TransferCode;
using ledger::TransferRequest;

Result<int64_t> Escrow::Hold(store::Connection& connection, int64_t buyer_id, int64_t shop_id,
                             Money amount, int64_t order_id, int64_t now_ms) {
  // Check the money first: a failure must leave the ledger untouched (no
  // account created), because the enclosing job then rolls back.
  int64_t available = AvailableBalance(ledger_, AccountKind::kWallet, buyer_id, amount.currency);
  if (available < amount.amount) return InsufficientFunds(amount, available);
  auto wallet = ledger_.Lookup(AccountKind::kWallet, buyer_id, amount.currency);
  SHRIMP_ASSIGN_OR_RETURN(int64_t revenue,
                          EnsureAccount(ledger_, connection, AccountKind::kShopRevenue, shop_id,
                                        amount.currency));
  TransferRequest hold;
  hold.idempotency_key = "order/" + std::to_string(order_id) + "/hold";
  hold.debit_account_id = *wallet;
  hold.credit_account_id = revenue;
  hold.amount = amount.amount;
  hold.currency = amount.currency;
  hold.code = TransferCode::kOrderPayment;
  hold.flags = ledger::kTransferPending;
  hold.reference_kind = ReferenceKind::kOrder;
  hold.reference_id = order_id;
  SHRIMP_ASSIGN_OR_RETURN(auto outcome, ledger_.CreateTransfer(connection, hold));
  return outcome.transfer_id;
}

Status Escrow::Release(store::Connection& connection, int64_t hold_id, int64_t shop_id, Money held,
                       int64_t posted_amount, int64_t commission, int64_t shipping_fee,
                       int64_t order_id, int64_t now_ms) {
  std::string prefix = "order/" + std::to_string(order_id);
  std::vector<TransferRequest> chain;
  TransferRequest post;
  post.idempotency_key = prefix + "/release";
  post.amount = posted_amount;
  post.code = TransferCode::kOrderPayment;
  post.flags = ledger::kTransferPostPending;
  post.pending_id = hold_id;
  post.reference_kind = ReferenceKind::kOrder;
  post.reference_id = order_id;
  chain.push_back(post);
  if (commission > 0) {
    SHRIMP_ASSIGN_OR_RETURN(int64_t revenue,
                            EnsureAccount(ledger_, connection, AccountKind::kShopRevenue, shop_id,
                                          held.currency));
    SHRIMP_ASSIGN_OR_RETURN(int64_t fees,
                            EnsureAccount(ledger_, connection, AccountKind::kPlatformFees, 0,
                                          held.currency));
    TransferRequest fee;
    fee.idempotency_key = prefix + "/commission";
    fee.debit_account_id = revenue;
    fee.credit_account_id = fees;
    fee.amount = commission;
    fee.currency = held.currency;
    fee.code = TransferCode::kCommission;
    fee.reference_kind = ReferenceKind::kOrder;
    fee.reference_id = order_id;
    chain.push_back(fee);
  }
  if (shipping_fee > 0) {
    SHRIMP_ASSIGN_OR_RETURN(int64_t revenue,
                            EnsureAccount(ledger_, connection, AccountKind::kShopRevenue, shop_id,
                                          held.currency));
    SHRIMP_ASSIGN_OR_RETURN(int64_t payable,
                            EnsureAccount(ledger_, connection, AccountKind::kShippingPayable, 0,
                                          held.currency));
    TransferRequest carriage;
    carriage.idempotency_key = prefix + "/shipping";
    carriage.debit_account_id = revenue;
    carriage.credit_account_id = payable;
    carriage.amount = shipping_fee;
    carriage.currency = held.currency;
    carriage.code = TransferCode::kShippingFee;
    carriage.reference_kind = ReferenceKind::kOrder;
    carriage.reference_id = order_id;
    chain.push_back(carriage);
  }
  size_t collected_from = chain.size();
  int64_t net = posted_amount - commission - shipping_fee;
  if (hook_ != nullptr && net > 0) {
    SHRIMP_ASSIGN_OR_RETURN(auto collection,
                            hook_->PlanCollection(connection, shop_id, Money{net, held.currency},
                                                  order_id));
    chain.insert(chain.end(), collection.begin(), collection.end());
  }
  SHRIMP_ASSIGN_OR_RETURN(auto outcomes,
                          ledger_.CreateLinkedTransfers(connection, std::move(chain)));
  if (hook_ != nullptr && outcomes.size() > collected_from) {
    return hook_->Collected(connection, shop_id, order_id,
                            std::span(outcomes).subspan(collected_from));
  }
  return OkStatus();
}

Status Escrow::Void(store::Connection& connection, int64_t hold_id, int64_t order_id,
                    int64_t now_ms) {
  TransferRequest cancel;
  cancel.idempotency_key = "order/" + std::to_string(order_id) + "/void";
  cancel.flags = ledger::kTransferVoidPending;
  cancel.pending_id = hold_id;
  cancel.code = TransferCode::kRefund;
  cancel.reference_kind = ReferenceKind::kOrder;
  cancel.reference_id = order_id;
  return ledger_.CreateTransfer(connection, cancel).status();
}

}  // namespace shrimp::payments
