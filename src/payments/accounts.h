// The ledger accounts payments use, and the one place that names them.
//
//   wallet(user, currency)         a buyer's money; may not go negative
//   shop_revenue(shop, currency)   a merchant's earnings; may not go negative
//   platform_fees(0, currency)     commission earned by the marketplace
//   provider_funding(0, currency)  the mirror of money outside shrimp: top-ups
//                                  come from it, paid-out money goes back to it
//   payout_clearing(0, currency)   payouts requested but not yet confirmed paid
//   shipping_payable(0, currency)  shipping fees released with orders: money the
//                                  marketplace owes the carriers, settled with
//                                  each carrier outside shrimp (per carrier from
//                                  the orders' shipping.carrier)
//
// Writer thread only (accounts are created on first use).
#pragma once

#include <cstdint>

#include "core/money.h"
#include "core/result.h"
#include "ledger/books.h"
#include "store/db.h"

namespace shrimp::payments {

[[nodiscard]] Result<int64_t> EnsureAccount(ledger::Books& ledger, store::Connection& connection,
                                            ledger::AccountKind kind, int64_t owner_id,
                                            Currency currency);

// Available balance of (kind, owner, currency), 0 if the account does not exist.
int64_t AvailableBalance(const ledger::Books& ledger, ledger::AccountKind kind, int64_t owner_id,
                         Currency currency);

// The error a payer without enough money gets.
Error InsufficientFunds(Money needed, int64_t available);

}  // namespace shrimp::payments
