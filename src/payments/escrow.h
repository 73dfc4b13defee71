// Escrow: how orders move money, on the double-entry ledger.
//
// Paying holds the order total as a pending transfer from the buyer's wallet
// to the shop's revenue account: the money has left the buyer but the shop
// cannot spend it. Releasing posts the hold (all of it, or part of it with the
// rest returned to the buyer) and takes the platform commission from the
// shop in the same linked chain; voiding returns everything to the buyer.
//
// Writer thread only, inside a writer job. Each call either does all of its
// ledger writes or none.
#pragma once

#include <cstdint>

#include "core/money.h"
#include "core/result.h"
#include "ledger/books.h"
#include "store/db.h"

namespace shrimp::payments {

class Escrow {
 public:
  explicit Escrow(ledger::Books& ledger) : ledger_(ledger) {}

  // Returns the pending transfer's id. Errors: insufficient_funds (kConflict).
  [[nodiscard]] Result<int64_t> Hold(store::Connection& connection, int64_t buyer_id,
                                     int64_t shop_id, Money amount, int64_t order_id,
                                     int64_t now_ms);
  // Posts `posted_amount` (<= the held amount) to the shop, returns the rest to
  // the buyer, and moves `commission` from the shop to platform fees.
  [[nodiscard]] Status Release(store::Connection& connection, int64_t hold_id, int64_t shop_id,
                               Money held, int64_t posted_amount, int64_t commission,
                               int64_t order_id, int64_t now_ms);
  // Returns the whole hold to the buyer.
  [[nodiscard]] Status Void(store::Connection& connection, int64_t hold_id, int64_t order_id,
                            int64_t now_ms);

 private:
  ledger::Books& ledger_;
};

}  // namespace shrimp::payments
