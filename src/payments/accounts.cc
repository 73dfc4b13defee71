#include "payments/accounts.h"

namespace shrimp::payments {

Result<int64_t> EnsureAccount(ledger::Books& ledger, store::Connection& connection,
                              ledger::AccountKind kind, int64_t owner_id, Currency currency) {
  return ledger.EnsureAccount(connection, kind, owner_id, currency,
                              ledger::DefaultAccountFlags(kind));
}

int64_t AvailableBalance(const ledger::Books& ledger, ledger::AccountKind kind, int64_t owner_id,
                         Currency currency) {
  auto account = ledger.Lookup(kind, owner_id, currency);
  if (!account) return 0;
  auto balance = ledger.Balance(*account);
  return balance.ok() ? balance->available() : 0;
}

Error InsufficientFunds(Money needed, int64_t available) {
  return Conflict("insufficient_funds", "not enough money: " + FormatMoney(needed) + " needed, " +
                                            FormatMoney(Money{available, needed.currency}) +
                                            " available")
      .With("available", std::to_string(available));
}

}  // namespace shrimp::payments
