#include "core/money.h"

#include <array>
#include <cstdio>

namespace shrimp {
namespace {

struct CurrencyInfo {
  const char* code;
  int minor_digits;
};

// The currencies shrimp accepts. A marketplace that needs more adds them here.
constexpr std::array<CurrencyInfo, 18> kCurrencies = {{
    {"CNY", 2},
    {"EUR", 2},
    {"USD", 2},
    {"GBP", 2},
    {"JPY", 0},
    {"KRW", 0},
    {"HKD", 2},
    {"SGD", 2},
    {"CHF", 2},
    {"CAD", 2},
    {"AUD", 2},
    {"THB", 2},
    {"VND", 0},
    {"INR", 2},
    {"BRL", 2},
    {"XOF", 0},
    {"MYR", 2},
    {"AED", 2},
}};

const CurrencyInfo* Find(std::string_view code) {
  for (const auto& info : kCurrencies) {
    if (code == info.code) return &info;
  }
  return nullptr;
}

}  // namespace

Result<Currency> Currency::Parse(std::string_view code) {
  if (code.size() != 3 || Find(code) == nullptr) {
    return InvalidArgument("invalid_currency",
                           "currency must be a supported ISO 4217 code such as CNY or EUR");
  }
  Currency currency;
  for (int i = 0; i < 3; ++i) currency.code_[i] = code[i];
  return currency;
}

int Currency::minor_digits() const {
  const CurrencyInfo* info = Find(code());
  return info ? info->minor_digits : 2;
}

std::optional<int64_t> CheckedAdd(int64_t a, int64_t b) {
  int64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
  return sum;
}

std::optional<int64_t> CheckedMul(int64_t a, int64_t b) {
  int64_t product;
  if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
  return product;
}

int64_t ApplyBasisPoints(int64_t amount, int64_t basis_points) {
  // Amounts are bounded by kAmountMax (10^15) and basis points by 10^4, so the
  // product stays below 10^19 only with __int128; use it to be safe.
  __int128 product = static_cast<__int128>(amount) * basis_points;
  return static_cast<int64_t>((product + 5000) / 10000);
}

std::string FormatMoney(const Money& money) {
  int digits = money.currency.minor_digits();
  int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  int64_t whole = money.amount / scale;
  int64_t frac = money.amount % scale;
  if (frac < 0) frac = -frac;
  char buffer[64];
  if (digits == 0) {
    std::snprintf(buffer, sizeof buffer, "%lld %.3s", static_cast<long long>(whole),
                  money.currency.code().data());
  } else {
    std::snprintf(buffer, sizeof buffer, "%s%lld.%0*lld %.3s",
                  (money.amount < 0 && whole == 0) ? "-" : "", static_cast<long long>(whole),
                  digits, static_cast<long long>(frac), money.currency.code().data());
  }
  return buffer;
}

}  // namespace shrimp
