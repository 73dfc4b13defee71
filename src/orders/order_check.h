// Invariants between orders, escrow and stock, for `shrimp check` and tests:
//   - an order that holds escrow (paid .. disputed) has exactly one active
//     pending transfer of its total, from the buyer, to its shop;
//   - a settled order (completed, refunded, resolved, cancelled after paying)
//     has its hold posted or voided, never both, never open;
//   - an unpaid order has no hold;
//   - every order line reserved its quantity of stock, and an order that gave
//     its goods back (cancelled, or fully refunded before shipping) released
//     exactly that.
#pragma once

#include "core/result.h"
#include "ledger/ledger.h"
#include "store/db.h"

namespace shrimp::orders {

// Returns the first problems found (bounded), joined in the error message.
[[nodiscard]] Status CheckOrders(store::Connection& connection, const ledger::Ledger& ledger);

}  // namespace shrimp::orders
