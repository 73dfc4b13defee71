// Money: an amount in integer minor units of an ISO 4217 currency.
//
// Money never passes through a float. Arithmetic is checked: every operation
// that could overflow returns a Result. Fees are expressed in basis points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace shrimp {

// A three-letter ISO 4217 code, upper case.
class Currency {
 public:
  Currency() = default;
  // Returns the currency for a known code ("CNY"), or an error.
  static Result<Currency> Parse(std::string_view code);
  std::string_view code() const { return {code_, 3}; }
  // Digits after the decimal point (2 for CNY, 0 for JPY).
  int minor_digits() const;
  bool operator==(const Currency& other) const = default;
  bool empty() const { return code_[0] == 0; }

 private:
  char code_[3] = {0, 0, 0};
};

struct Money {
  int64_t amount = 0;  // minor units
  Currency currency;

  bool operator==(const Money& other) const = default;
};

// The largest amount one price, transfer or balance may hold: 10^15 minor
// units, far above any real payment, far below int64 overflow when summed.
inline constexpr int64_t kAmountMax = 1'000'000'000'000'000;

[[nodiscard]] std::optional<int64_t> CheckedAdd(int64_t a, int64_t b);
[[nodiscard]] std::optional<int64_t> CheckedMul(int64_t a, int64_t b);

// amount * basis_points / 10000, rounded half up; basis_points in [0, 10000].
[[nodiscard]] int64_t ApplyBasisPoints(int64_t amount, int64_t basis_points);

// "19.99 CNY" for logs and messages.
std::string FormatMoney(const Money& money);

}  // namespace shrimp
