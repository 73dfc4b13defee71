#include "ledger/fx.h"

#include <mutex>

namespace shrimp::ledger {
namespace {

Error RateInvalid() {
  return InvalidArgument("fx_rate_invalid",
                         "a rate must be a whole number of parts per million in [1, 10^12]");
}

__int128 PowerOfTen(int digits) {
  __int128 value = 1;
  for (int index = 0; index < digits; ++index) value *= 10;
  return value;
}

}  // namespace

Result<int64_t> ConvertAmount(int64_t amount, Currency from, Currency to, int64_t rate_ppm) {
  if (amount < 0) return InvalidArgument("amount_must_be_positive", "the amount is negative");
  if (rate_ppm < 1 || rate_ppm > kRatePpmMax) return RateInvalid();
  // amount <= ~9.2e18, rate <= 1e12 and the decimal scale <= 1e4 keep the
  // numerator under 1e35, inside __int128's 1.7e38.
  __int128 numerator = static_cast<__int128>(amount) * rate_ppm * PowerOfTen(to.minor_digits());
  __int128 denominator = static_cast<__int128>(kRatePpmOne) * PowerOfTen(from.minor_digits());
  // Floor, never to nearest: see the header.
  __int128 converted = numerator / denominator;
  if (converted > kAmountMax) {
    return InvalidArgument("amount_too_large", "the converted amount exceeds the largest allowed");
  }
  return static_cast<int64_t>(converted);
}

int64_t ConvertibleAmountMin(Currency from, Currency to, int64_t rate_ppm) {
  // The least amount with amount * rate * 10^to >= kConvertedAmountMin *
  // 10^6 * 10^from, i.e. the ceiling of the quotient; at most 10^10 (rate 1
  // ppm, four more decimals), far from overflow.
  __int128 needed =
      static_cast<__int128>(kConvertedAmountMin) * kRatePpmOne * PowerOfTen(from.minor_digits());
  __int128 per_unit = static_cast<__int128>(rate_ppm) * PowerOfTen(to.minor_digits());
  return static_cast<int64_t>((needed + per_unit - 1) / per_unit);
}

Status FxRates::Load(store::Connection& connection) {
  std::map<Pair, int64_t> loaded;
  store::Query query(connection, "SELECT base, quote, rate_ppm FROM fx_rates ORDER BY id");
  while (query.Next()) loaded[{query.Text(0), query.Text(1)}] = query.Int(2);
  if (!query.ok()) return query.error();
  std::unique_lock lock(mutex_);
  rates_ppm_ = std::move(loaded);
  return OkStatus();
}

Status FxRates::SetRate(store::Connection& connection, Currency base, Currency quote,
                        int64_t rate_ppm, int64_t now_ms) {
  if (rate_ppm < 1 || rate_ppm > kRatePpmMax || base == quote || base.empty() || quote.empty()) {
    return RateInvalid();
  }
  // A rate and its reverse whose product exceeds one are an arbitrage loop:
  // converting there and back would create money whatever the rounding.
  if (auto reverse = RatePpm(quote, base); reverse.ok()) {
    if (static_cast<__int128>(rate_ppm) * *reverse >
        static_cast<__int128>(kRatePpmOne) * kRatePpmOne) {
      return Conflict("fx_rate_arbitrage",
                      "this rate times the reverse rate exceeds one; lower the reverse rate first")
          .With("reverse_rate_ppm", *reverse);
    }
  }
  store::Query insert(connection,
                      "INSERT INTO fx_rates (base, quote, rate_ppm, set_at) VALUES (?, ?, ?, ?)");
  insert.Bind(base.code(), quote.code(), rate_ppm, now_ms);
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  Pair pair{std::string(base.code()), std::string(quote.code())};
  std::optional<int64_t> previous;
  {
    std::unique_lock lock(mutex_);
    if (auto found = rates_ppm_.find(pair); found != rates_ppm_.end()) previous = found->second;
    rates_ppm_[pair] = rate_ppm;
  }
  connection.journal().Record([this, pair, previous] {
    std::unique_lock lock(mutex_);
    if (previous) {
      rates_ppm_[pair] = *previous;
    } else {
      rates_ppm_.erase(pair);
    }
  });
  return OkStatus();
}

Result<int64_t> FxRates::RatePpm(Currency from, Currency to) const {
  if (from == to) return kRatePpmOne;
  std::shared_lock lock(mutex_);
  auto found = rates_ppm_.find({std::string(from.code()), std::string(to.code())});
  if (found == rates_ppm_.end()) {
    return NotFound("fx_rate_not_found", "no exchange rate is set for this currency pair")
        .With("from", std::string(from.code()))
        .With("to", std::string(to.code()));
  }
  return found->second;
}

std::vector<FxRates::Rate> FxRates::All() const {
  std::shared_lock lock(mutex_);
  std::vector<Rate> rates;
  for (const auto& [pair, rate_ppm] : rates_ppm_)
    rates.push_back({pair.first, pair.second, rate_ppm});
  return rates;
}

Result<int64_t> FxRates::Convert(int64_t amount, Currency from, Currency to) const {
  SHRIMP_ASSIGN_OR_RETURN(int64_t rate_ppm, RatePpm(from, to));
  return ConvertAmount(amount, from, to, rate_ppm);
}

Result<std::vector<TransferRequest>> BuildCrossCurrencyTransfers(
    const CrossCurrencyPayment& payment, int64_t fx_from_account_id, int64_t fx_to_account_id,
    int64_t rate_ppm) {
  SHRIMP_ASSIGN_OR_RETURN(int64_t converted,
                          ConvertAmount(payment.amount, payment.from, payment.to, rate_ppm));
  TransferRequest in;
  in.idempotency_key = payment.idempotency_key + "/fx-in";
  in.debit_account_id = payment.payer_account_id;
  in.credit_account_id = fx_from_account_id;
  in.amount = payment.amount;
  in.currency = payment.from;
  in.code = payment.code;
  in.flags = payment.flags | kTransferLinked;
  in.reference_kind = payment.reference_kind;
  in.reference_id = payment.reference_id;
  in.rate_ppm = rate_ppm;

  TransferRequest out = in;
  out.idempotency_key = payment.idempotency_key + "/fx-out";
  out.debit_account_id = fx_to_account_id;
  out.credit_account_id = payment.payee_account_id;
  out.amount = converted;
  out.currency = payment.to;
  out.flags = payment.flags & ~kTransferLinked;
  return std::vector<TransferRequest>{std::move(in), std::move(out)};
}

}  // namespace shrimp::ledger
