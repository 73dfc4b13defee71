// Payouts: a merchant withdraws available revenue.
//
// Requesting moves the amount from the shop's revenue to payout clearing at
// once, so it cannot be spent twice. An operator then marks the payout paid
// (the money leaves shrimp: clearing -> provider funding) or failed (the money
// returns to the shop). Each payout is settled exactly once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/money.h"
#include "core/result.h"
#include "ledger/books.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::payments {

struct Payout {
  int64_t id = 0;
  int64_t shop_id = 0;
  int64_t requested_by = 0;
  Money amount;
  std::string status;  // "requested" | "paid" | "failed"
  int64_t created_at_ms = 0;
  int64_t settled_at_ms = 0;
};

struct ShopBalance {
  Money available;
  int64_t pending = 0;  // in escrow for orders not yet completed
};

class PayoutService {
 public:
  PayoutService(ledger::Books& ledger, const Clock& clock);
  static std::vector<store::Migration> Migrations();

  // Writer thread. REQUIRES: the caller checked the requester owns the shop.
  // Errors: insufficient_funds, invalid_field.
  [[nodiscard]] Result<Payout> Request(store::Connection& connection, int64_t shop_id,
                                       int64_t requested_by, Money amount);
  // Writer thread, operators only (checked by the caller). Errors:
  // payout_not_found, invalid_transition.
  [[nodiscard]] Result<Payout> Settle(store::Connection& connection, int64_t payout_id, bool paid);

  // Any thread.
  ShopBalance Balance(int64_t shop_id, Currency currency) const;
  [[nodiscard]] Result<std::optional<Payout>> Find(store::Connection& connection,
                                                   int64_t payout_id) const;
  // Newest first; shop_id 0 lists every shop's; status empty lists all.
  [[nodiscard]] Result<std::vector<Payout>> List(store::Connection& connection, int64_t shop_id,
                                                 const std::string& status, int64_t before_id,
                                                 int64_t limit) const;

 private:
  ledger::Books& ledger_;
  const Clock& clock_;
};

}  // namespace shrimp::payments
