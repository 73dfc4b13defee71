// Books: accounts, balances, transfers and FX rates, the hot-state interface
// the money domains (payments, orders through escrow) hold.
//
// One implementation today, Ledger (ledger.h): every balance in memory,
// rebuilt from ledger_transfers at start-up, for the single-writer SQLite
// mode. A store shared by several servers implements the same calls with
// balance rows changed by conditional updates in the caller's transaction.
// The contract is the same for both, and ledger/transfer.h defines it:
// mutators run inside a writer job, a refused request changes nothing, and a
// job that fails later takes its transfers back with it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "ledger/account.h"
#include "ledger/fx.h"
#include "ledger/transfer.h"
#include "store/db.h"

namespace shrimp::ledger {

struct AccountSnapshot {
  Account account;
  AccountBalance balance;
};

class Books {
 public:
  virtual ~Books() = default;

  // ---- inside a writer job ----

  // The id of the account (kind, owner_id, currency), created with `flags` if
  // it does not exist yet (an existing account keeps its flags).
  // Errors: invalid_argument codes invalid_account_kind, invalid_owner,
  // invalid_currency, invalid_account_flags.
  [[nodiscard]] virtual Result<int64_t> EnsureAccount(store::Connection& connection,
                                                      AccountKind kind, int64_t owner_id,
                                                      Currency currency, uint32_t flags) = 0;

  // Applies `requests` in order, one outcome each (see ledger/transfer.h for
  // result codes, precedence and linked chains). Requests that are not in a
  // chain succeed or fail independently. The Result is an error only for
  // batch_too_large (kTooLarge, more than kTransferBatchMax requests) or an
  // I/O failure before anything was applied.
  [[nodiscard]] virtual Result<std::vector<TransferOutcome>> CreateTransfers(
      store::Connection& connection, std::span<const TransferRequest> requests) = 0;

  // One request; a failed result becomes TransferError(result).
  [[nodiscard]] virtual Result<TransferOutcome> CreateTransfer(store::Connection& connection,
                                                               const TransferRequest& request) = 0;

  // All requests as one linked chain (kTransferLinked set on all but the
  // last): all commit or none. The error is that of the request that failed
  // (details: "index"), never linked_event_failed.
  [[nodiscard]] virtual Result<std::vector<TransferOutcome>> CreateLinkedTransfers(
      store::Connection& connection, std::vector<TransferRequest> requests) = 0;

  // Records a rate (see FxRates::SetRate), stamped with the clock.
  [[nodiscard]] virtual Status SetFxRate(store::Connection& connection, Currency base,
                                         Currency quote, int64_t rate_ppm) = 0;

  // The two linked requests for a cross-currency payment at the current
  // rate, creating the platform's kFx accounts of both currencies if needed.
  // Pass the result to CreateTransfers / CreateLinkedTransfers.
  // Errors: fx_rate_not_found, those of ConvertAmount and EnsureAccount.
  [[nodiscard]] virtual Result<std::vector<TransferRequest>> PrepareCrossCurrency(
      store::Connection& connection, const CrossCurrencyPayment& payment) = 0;

  // ---- any thread ----

  // Errors: account_not_found (kNotFound).
  [[nodiscard]] virtual Result<AccountBalance> Balance(int64_t account_id) const = 0;
  [[nodiscard]] virtual Result<Account> GetAccount(int64_t account_id) const = 0;
  virtual std::optional<int64_t> Lookup(AccountKind kind, int64_t owner_id,
                                        Currency currency) const = 0;
  // Every account with its balance, ordered by id.
  virtual std::vector<AccountSnapshot> Accounts() const = 0;
  virtual const FxRates& fx() const = 0;
};

}  // namespace shrimp::ledger
