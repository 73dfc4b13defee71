// Escrow: how orders move money, on the double-entry ledger.
//
// Paying holds the order total (goods and shipping fee) as a pending transfer
// from the buyer's wallet to the shop's revenue account: the money has left
// the buyer but the shop cannot spend it. Releasing posts the hold (all of
// it, or part of it with the rest returned to the buyer) and, in the same
// linked chain, takes the platform commission and the shipping fee from the
// shop (the fee to shipping_payable, see payments/accounts.h); voiding
// returns everything, fee included, to the buyer.
//
// Writer thread only, inside a writer job. Each call either does all of its
// ledger writes or none.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "ledger/books.h"
#include "store/db.h"

namespace shrimp::payments {

// Money a shop owes (a loan instalment) collected from its releases, in the
// same linked chain as the release: a domain that lends (credit) plans extra
// transfers debiting the shop's revenue after the release posts, and is told
// when they committed so it can update its own hot state (journaled).
class ReleaseHook {
 public:
  virtual ~ReleaseHook() = default;
  // `net` is what the release leaves the shop (posted less commission).
  virtual Result<std::vector<ledger::TransferRequest>> PlanCollection(store::Connection& connection,
                                                                      int64_t shop_id, Money net,
                                                                      int64_t order_id) = 0;
  // The planned transfers committed with the release; `outcomes` are theirs.
  virtual Status Collected(store::Connection& connection, int64_t shop_id, int64_t order_id,
                           std::span<const ledger::TransferOutcome> outcomes) = 0;
};

class Escrow {
 public:
  explicit Escrow(ledger::Books& ledger) : ledger_(ledger) {}
  // REQUIRES: before the writer starts.
  void SetReleaseHook(ReleaseHook* hook) { hook_ = hook; }

  // Returns the pending transfer's id. Errors: insufficient_funds (kConflict).
  [[nodiscard]] Result<int64_t> Hold(store::Connection& connection, int64_t buyer_id,
                                     int64_t shop_id, Money amount, int64_t order_id,
                                     int64_t now_ms);
  // Posts `posted_amount` (<= the held amount) to the shop, returns the rest to
  // the buyer, moves `commission` from the shop to platform fees and
  // `shipping_fee` from the shop to shipping_payable.
  // REQUIRES: commission + shipping_fee <= posted_amount.
  [[nodiscard]] Status Release(store::Connection& connection, int64_t hold_id, int64_t shop_id,
                               Money held, int64_t posted_amount, int64_t commission,
                               int64_t shipping_fee, int64_t order_id, int64_t now_ms);
  // Returns the whole hold to the buyer.
  [[nodiscard]] Status Void(store::Connection& connection, int64_t hold_id, int64_t order_id,
                            int64_t now_ms);

 private:
  ledger::Books& ledger_;
  ReleaseHook* hook_ = nullptr;
};

}  // namespace shrimp::payments
