// Property test of wallet conversions: random sequences of conversions over
// several currencies and changing rates never increase what a customer holds,
// valued at the mid rates the operator's rates were derived from.
//
// The operator's directional rates are drawn as mid rate less a spread of 0
// to 3 %, so a rate never exceeds the mid rate and a rate times its reverse
// never exceeds one (what FxRates::SetRate enforces). Conversions round
// down, so each one delivers at most the value it takes; the model checks the
// exact amounts as well, and that refused conversions change nothing.
//
// Replay a failure with SHRIMP_SEED=<seed printed by the failing run>;
// SHRIMP_FX_OPS sets the number of conversions.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "ledger/fx.h"
#include "ledger/ledger_check.h"
#include "payments/accounts.h"
#include "payments/wallet.h"
#include "testing/temp_ledger.h"

namespace shrimp::payments {
namespace {

using ledger::AccountKind;

constexpr uint64_t kDefaultSeed = 20261129;
constexpr int64_t kDefaultOps = 4'000;
constexpr int64_t kOpsPerRateChange = 500;
constexpr int64_t kStartingBalance = 1'000'000;  // minor units of each currency
constexpr int64_t kUserId = 1;
// Currencies with 0 and 2 decimals.
constexpr const char* kCodes[] = {"CNY", "JPY", "EUR", "KRW", "USD", "VND"};
// Mid values, in micro reference units per major unit, are drawn from here:
// ratios stay within 10^4 either way, so every rate is a valid rate_ppm.
constexpr int64_t kMidMin = 1'000, kMidMax = 10'000'000;
constexpr int64_t kSpreadBpsMax = 300;

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value ? std::strtoull(value, nullptr, 10) : fallback;
}

Currency Cur(const char* code) { return *Currency::Parse(code); }

__int128 PowerOfTen(int digits) {
  __int128 value = 1;
  while (digits-- > 0) value *= 10;
  return value;
}

class ConversionModel {
 public:
  explicit ConversionModel(uint64_t seed)
      : random_(seed), wallets_(env_.ledger(), env_.clock(), WalletOptions{}) {}

  void Fund() {
    for (const char* code : kCodes) {
      auto provider = EnsureAccount(env_.ledger(), env_.connection(), AccountKind::kProviderFunding,
                                    0, Cur(code));
      auto wallet =
          EnsureAccount(env_.ledger(), env_.connection(), AccountKind::kWallet, kUserId, Cur(code));
      ASSERT_TRUE(provider.ok() && wallet.ok());
      ledger::TransferRequest top_up;
      top_up.idempotency_key = std::string("fund/") + code;
      top_up.debit_account_id = *provider;
      top_up.credit_account_id = *wallet;
      top_up.amount = kStartingBalance;
      top_up.currency = Cur(code);
      ASSERT_TRUE(env_.ledger().CreateTransfer(env_.connection(), top_up).ok());
      model_[code] = kStartingBalance;
    }
  }

  // New mid values and operator rates for every ordered pair.
  void DrawRates() {
    std::uniform_int_distribution<int64_t> mid(kMidMin, kMidMax), spread(0, kSpreadBpsMax);
    for (const char* code : kCodes) mid_[code] = mid(random_);
    // Lower every rate first, so no new rate meets an old, higher reverse.
    for (const char* from : kCodes) {
      for (const char* to : kCodes) {
        if (std::string(from) == to) continue;
        ASSERT_TRUE(env_.ledger().SetFxRate(env_.connection(), Cur(from), Cur(to), 1).ok());
      }
    }
    for (const char* from : kCodes) {
      for (const char* to : kCodes) {
        if (std::string(from) == to) continue;
        // rate = mid(from) / mid(to) x (1 - spread), in ppm, rounded down.
        __int128 rate = static_cast<__int128>(mid_[from]) * ledger::kRatePpmOne *
                        (10'000 - spread(random_)) / (static_cast<__int128>(mid_[to]) * 10'000);
        auto set = env_.ledger().SetFxRate(env_.connection(), Cur(from), Cur(to),
                                           static_cast<int64_t>(rate));
        ASSERT_TRUE(set.ok()) << from << "->" << to << ": " << set.error().message;
      }
    }
  }

  // The customer's wallets valued at the mid rates, in units of 10^-4 minor
  // units of the reference (exact: every currency has at most 4 decimals).
  __int128 Value() const {
    __int128 value = 0;
    for (const char* code : kCodes) {
      value += static_cast<__int128>(model_.at(code)) * mid_.at(code) *
               PowerOfTen(4 - Cur(code).minor_digits());
    }
    return value;
  }

  void ConvertOnce(int64_t op) {
    std::uniform_int_distribution<size_t> pick(0, std::size(kCodes) - 1);
    const char* from = kCodes[pick(random_)];
    const char* to = kCodes[pick(random_)];
    if (std::string(from) == to) return;
    // Mostly tiny amounts, where rounding matters; sometimes large ones and
    // sometimes more than the wallet holds.
    int64_t held = std::min(model_[from], kTopUpAmountMax - 1);  // the largest conversion
    std::uniform_int_distribution<int> kind(0, 9);
    int64_t amount;
    switch (kind(random_)) {
      case 0: amount = std::min(model_[from] + 1, kTopUpAmountMax); break;
      case 1:
      case 2:
        amount = std::uniform_int_distribution<int64_t>(1, std::max<int64_t>(held, 1))(random_);
        break;
      default: amount = std::uniform_int_distribution<int64_t>(1, 20)(random_); break;
    }
    int64_t rate_ppm = env_.ledger().fx().RatePpm(Cur(from), Cur(to)).value();
    int64_t expected = ledger::ConvertAmount(amount, Cur(from), Cur(to), rate_ppm).value();
    __int128 before = Value();
    auto converted = wallets_.Convert(env_.connection(), kUserId, Money{amount, Cur(from)}, Cur(to),
                                      "model/" + std::to_string(op));
    if (amount > model_[from] || expected < ledger::kConvertedAmountMin) {
      ASSERT_FALSE(converted.ok()) << "op " << op << ": " << amount << " " << from << "->" << to;
      // amount_too_small takes precedence: it is about the request itself.
      EXPECT_EQ(converted.error().code,
                expected < ledger::kConvertedAmountMin ? "amount_too_small" : "insufficient_funds");
    } else {
      ASSERT_TRUE(converted.ok()) << "op " << op << ": " << converted.error().message;
      EXPECT_EQ(converted->to.amount, expected);
      model_[from] -= amount;
      model_[to] += expected;
    }
    // The property: value never rises.
    ASSERT_LE(Value(), before) << "op " << op << ": " << amount << " " << from << "->" << to
                               << " at " << rate_ppm << " ppm";
    for (const char* code : {from, to}) {
      ASSERT_EQ(AvailableBalance(env_.ledger(), AccountKind::kWallet, kUserId, Cur(code)),
                model_[code])
          << "op " << op << " " << code;
    }
  }

  testing::TempLedger& env() { return env_; }

 private:
  std::mt19937_64 random_;
  testing::TempLedger env_;
  WalletService wallets_;
  std::map<std::string, int64_t> model_;  // wallet balance per currency
  std::map<std::string, int64_t> mid_;
};

TEST(ConversionModel, NoSequenceOfConversionsIncreasesTheCustomersValue) {
  const uint64_t seed = EnvOr("SHRIMP_SEED", kDefaultSeed);
  const int64_t ops = static_cast<int64_t>(EnvOr("SHRIMP_FX_OPS", kDefaultOps));
  std::cout << "conversion model test: SHRIMP_SEED=" << seed << " SHRIMP_FX_OPS=" << ops
            << std::endl;
  ConversionModel model(seed);
  ASSERT_NO_FATAL_FAILURE(model.Fund());
  for (int64_t op = 0; op < ops; ++op) {
    if (op % kOpsPerRateChange == 0) {
      ASSERT_NO_FATAL_FAILURE(model.DrawRates());
    }
    ASSERT_NO_FATAL_FAILURE(model.ConvertOnce(op));
  }
  EXPECT_TRUE(ledger::CheckLedger(model.env().connection(), model.env().ledger()).ok());
}

TEST(ConversionModel, ARoundTripNeverGainsEvenAtTheSmallestAmounts) {
  // Both directions at exactly the mid rate (no spread): rounding alone decides.
  testing::TempLedger env;
  WalletService wallets(env.ledger(), env.clock(), WalletOptions{});
  ASSERT_TRUE(env.ledger().SetFxRate(env.connection(), Cur("CNY"), Cur("JPY"), 20'500'000).ok());
  ASSERT_TRUE(env.ledger().SetFxRate(env.connection(), Cur("JPY"), Cur("CNY"), 48'780).ok());
  for (int64_t fen = 1; fen <= 200; ++fen) {
    auto yen = ledger::ConvertAmount(fen, Cur("CNY"), Cur("JPY"), 20'500'000).value();
    auto back = ledger::ConvertAmount(yen, Cur("JPY"), Cur("CNY"), 48'780).value();
    EXPECT_LE(back, fen) << fen << " fen -> " << yen << " yen -> " << back << " fen";
  }
}

TEST(ConversionModel, AReusedKeyConvertsOnceAndIsRefusedAfterwards) {
  testing::TempLedger env;
  WalletService wallets(env.ledger(), env.clock(), WalletOptions{});
  ASSERT_TRUE(env.ledger().SetFxRate(env.connection(), Cur("EUR"), Cur("CNY"), 7'812'500).ok());
  auto provider =
      EnsureAccount(env.ledger(), env.connection(), AccountKind::kProviderFunding, 0, Cur("EUR"));
  auto wallet =
      EnsureAccount(env.ledger(), env.connection(), AccountKind::kWallet, kUserId, Cur("EUR"));
  ASSERT_TRUE(provider.ok() && wallet.ok());
  ledger::TransferRequest top_up;
  top_up.idempotency_key = "fund";
  top_up.debit_account_id = *provider;
  top_up.credit_account_id = *wallet;
  top_up.amount = 10'000;
  top_up.currency = Cur("EUR");
  ASSERT_TRUE(env.ledger().CreateTransfer(env.connection(), top_up).ok());
  ASSERT_TRUE(wallets
                  .Convert(env.connection(), kUserId, Money{1'000, Cur("EUR")}, Cur("CNY"),
                           "conversion/same")
                  .ok());
  // After the request's stored response expired, a retry reaches the wallet
  // again: refused before any ledger call, even with another amount.
  for (int64_t amount : {1'000, 2'000}) {
    auto again = wallets.Convert(env.connection(), kUserId, Money{amount, Cur("EUR")}, Cur("CNY"),
                                 "conversion/same");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "idempotency_key_already_used");
  }
  EXPECT_EQ(AvailableBalance(env.ledger(), AccountKind::kWallet, kUserId, Cur("EUR")), 9'000);
}

}  // namespace
}  // namespace shrimp::payments
