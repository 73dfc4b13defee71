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
                       const ReleaseSplit& split, int64_t order_id, int64_t now_ms) {
  std::string prefix = "order/" + std::to_string(order_id);
  std::vector<TransferRequest> chain;
  TransferRequest post;
  post.idempotency_key = prefix + "/release";
  post.amount = split.posted;
  post.code = TransferCode::kOrderPayment;
  post.flags = ledger::kTransferPostPending;
  post.pending_id = hold_id;
  post.reference_kind = ReferenceKind::kOrder;
  post.reference_id = order_id;
  chain.push_back(post);
  // What the shop owes out of the released money, each to its account.
  struct Charge {
    int64_t amount;
    AccountKind to;
    TransferCode code;
    const char* key;
  };
  for (const Charge& charge : {
           Charge{split.commission, AccountKind::kPlatformFees, TransferCode::kCommission,
                  "/commission"},
           Charge{split.shipping_fee, AccountKind::kShippingPayable, TransferCode::kShippingFee,
                  "/shipping"},
           Charge{split.import_tax, AccountKind::kTaxPayable, TransferCode::kImportTax,
                  "/import-tax"},
       }) {
    if (charge.amount <= 0) continue;
    SHRIMP_ASSIGN_OR_RETURN(int64_t revenue,
                            EnsureAccount(ledger_, connection, AccountKind::kShopRevenue, shop_id,
                                          held.currency));
    SHRIMP_ASSIGN_OR_RETURN(int64_t payee,
                            EnsureAccount(ledger_, connection, charge.to, 0, held.currency));
    TransferRequest transfer;
    transfer.idempotency_key = prefix + charge.key;
    transfer.debit_account_id = revenue;
    transfer.credit_account_id = payee;
    transfer.amount = charge.amount;
    transfer.currency = held.currency;
    transfer.code = charge.code;
    transfer.reference_kind = ReferenceKind::kOrder;
    transfer.reference_id = order_id;
    chain.push_back(transfer);
  }
  size_t collected_from = chain.size();
  int64_t net = split.posted - split.commission - split.shipping_fee - split.import_tax;
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
