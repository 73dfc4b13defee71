// FX: the operator-managed exchange-rate table and cross-currency payments.
//
// A rate is an integer in parts per million of major units: rate_ppm for
// (base EUR, quote CNY) = 7'812'500 means 1 EUR = 7.8125 CNY. Rates are
// directional: operators set EUR->CNY and CNY->EUR separately (the spread is
// theirs to choose); a missing direction is an error, never derived.
// `fx_rates` is append-only: each SetRate adds a row, and the newest row of a
// pair is the current rate, so the rate in force at any time can be audited.
//
// Conversion works on minor units and accounts for each currency's decimals:
//   to_minor = from_minor * rate_ppm * 10^digits(to) / (10^6 * 10^digits(from))
// rounded down: the party receiving the converted amount never gets a
// fraction of a minor unit it did not pay for, so no sequence of conversions
// creates value (rounding half up let 3 fen -> 1 JPY -> 5 fen). The
// remainder stays in the platform's FX accounts. An amount that would
// convert to less than kConvertedAmountMin is refused (amount_too_small), and
// a rate is refused when it and its reverse multiply to more than one
// (fx_rate_arbitrage), so a round trip through two currencies always loses
// or breaks even.
//
// A cross-currency payment is two linked transfers through the platform's
// kFx account of each currency: payer -> fx[from] in the payer's currency,
// then fx[to] -> payee in the payee's currency, both recording rate_ppm.
//
// Thread safety: SetRate and Load run on the writer thread; RatePpm and
// Convert may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "ledger/transfer.h"
#include "store/db.h"

namespace shrimp::ledger {

inline constexpr int64_t kRatePpmOne = 1'000'000;
// Rates above a million to one would only be typing mistakes.
inline constexpr int64_t kRatePpmMax = 1'000'000 * kRatePpmOne;

// The least a conversion may deliver, in minor units of the target currency:
// converting to nothing would take the customer's money for no return.
inline constexpr int64_t kConvertedAmountMin = 1;

// amount (minor units of `from`) in minor units of `to` at rate_ppm, rounded
// down. Errors: amount_must_be_positive (amount < 0), fx_rate_invalid,
// amount_too_large (result > kAmountMax).
[[nodiscard]] Result<int64_t> ConvertAmount(int64_t amount, Currency from, Currency to,
                                            int64_t rate_ppm);

// The smallest amount of `from` that converts to at least
// kConvertedAmountMin of `to` at rate_ppm (what amount_too_small reports).
// REQUIRES: rate_ppm in [1, kRatePpmMax].
int64_t ConvertibleAmountMin(Currency from, Currency to, int64_t rate_ppm);

class FxRates {
 public:
  // Rebuilds the table from `fx_rates`. REQUIRES: writer thread.
  [[nodiscard]] Status Load(store::Connection& connection);
  // Records a new rate for base->quote. Errors: fx_rate_invalid (rate not in
  // [1, kRatePpmMax], or base == quote); fx_rate_arbitrage (the rate times
  // the current quote->base rate exceeds one: a round trip would gain, so
  // lower the reverse rate first). REQUIRES: writer thread.
  [[nodiscard]] Status SetRate(store::Connection& connection, Currency base, Currency quote,
                               int64_t rate_ppm, int64_t now_ms);

  // The current rate; kRatePpmOne when from == to. Errors: fx_rate_not_found.
  [[nodiscard]] Result<int64_t> RatePpm(Currency from, Currency to) const;
  struct Rate {
    std::string base;
    std::string quote;
    int64_t rate_ppm = 0;
  };
  // Every current rate, ordered by pair. Any thread.
  std::vector<Rate> All() const;
  // ConvertAmount at the current rate.
  [[nodiscard]] Result<int64_t> Convert(int64_t amount, Currency from, Currency to) const;

 private:
  using Pair = std::pair<std::string, std::string>;
  mutable std::shared_mutex mutex_;
  std::map<Pair, int64_t> rates_ppm_;
};

// A payment from an account in one currency to an account in another.
struct CrossCurrencyPayment {
  std::string idempotency_key;  // the legs use key + "/fx-in" and key + "/fx-out"
  int64_t payer_account_id = 0;
  Currency from;
  int64_t amount = 0;  // minor units of `from`
  int64_t payee_account_id = 0;
  Currency to;
  TransferCode code = TransferCode::kFx;
  ReferenceKind reference_kind = ReferenceKind::kNone;
  int64_t reference_id = 0;
  uint32_t flags = 0;  // e.g. kTransferPending for an escrow hold; linking is added
};

// The linked pair for `payment` through the given kFx accounts at rate_ppm:
// [payer -> fx_from (from, amount), fx_to -> payee (to, converted)], the first
// flagged kTransferLinked, both carrying rate_ppm. Errors as ConvertAmount.
[[nodiscard]] Result<std::vector<TransferRequest>> BuildCrossCurrencyTransfers(
    const CrossCurrencyPayment& payment, int64_t fx_from_account_id, int64_t fx_to_account_id,
    int64_t rate_ppm);

}  // namespace shrimp::ledger
