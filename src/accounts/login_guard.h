// LogInGuard: bounds password guessing without letting a guesser lock out
// the account's owner.
//
// The rule (all counts are failed log-ins within kLogInFailureWindowMs):
//  1. An address with kLogInFailuresPerAddressMax failures is refused for
//     every account: one machine cannot spray guesses.
//  2. An account with kLogInFailuresPerAccountMax failures is "under attack":
//     from then on each address may fail against it at most
//     kLogInFailuresPerAccountFromAddressMax times. Guesses spread over many
//     addresses buy each of them only that many tries, while an address that
//     has not failed against the account (the owner on their phone, say) is
//     still let in, and the right password is checked as usual.
// So failures never block anyone but the addresses that made them: the
// owner is locked out only by sharing an address with the attacker. Only
// failures count; a success forgets its address's failures against that
// account, but not the address's total, which a guesser holding one real
// account could otherwise reset at will.
//
// Unknown e-mail addresses are counted exactly like known ones, so the guard
// reveals nothing about which accounts exist. Thread-safe; memory bounded by
// RateLimitOptions::keys_max per counter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "accounts/rate_limiter.h"
#include "core/clock.h"

namespace shrimp::accounts {

inline constexpr int64_t kLogInFailureWindowMs = 15 * 60'000;
inline constexpr int kLogInFailuresPerAddressMax = 10;
inline constexpr int kLogInFailuresPerAccountMax = 10;
inline constexpr int kLogInFailuresPerAccountFromAddressMax = 3;
inline constexpr size_t kLogInGuardKeysMax = 100'000;

struct LogInGuardOptions {
  int64_t window_ms = kLogInFailureWindowMs;
  int failures_per_address_max = kLogInFailuresPerAddressMax;
  int failures_per_account_max = kLogInFailuresPerAccountMax;
  int failures_per_account_from_address_max = kLogInFailuresPerAccountFromAddressMax;
  size_t keys_max = kLogInGuardKeysMax;
};

class LogInGuard {
 public:
  LogInGuard(const Clock& clock, LogInGuardOptions options);

  // The milliseconds `address` must wait before trying `account` (a
  // normalised e-mail), 0 if it may try now. Records nothing.
  int64_t Check(std::string_view account, std::string_view address);
  // A wrong password (or unknown account) from `address`.
  void RecordFailure(std::string_view account, std::string_view address);
  // The right password from `address`.
  void RecordSuccess(std::string_view account, std::string_view address);

 private:
  static std::string AddressKey(std::string_view address);
  static std::string AccountKey(std::string_view account);
  static std::string PairKey(std::string_view account, std::string_view address);

  LogInGuardOptions options_;
  RateLimiter per_address_;
  RateLimiter per_account_;
  RateLimiter per_pair_;
};

}  // namespace shrimp::accounts
