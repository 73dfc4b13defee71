#include "accounts/login_guard.h"

namespace shrimp::accounts {

LogInGuard::LogInGuard(const Clock& clock, LogInGuardOptions options)
    : options_(options),
      per_address_(clock, {options.failures_per_address_max, options.window_ms, options.keys_max}),
      per_account_(clock, {options.failures_per_account_max, options.window_ms, options.keys_max}),
      per_pair_(clock, {options.failures_per_account_from_address_max, options.window_ms,
                        options.keys_max}) {}

std::string LogInGuard::AddressKey(std::string_view address) { return std::string(address); }
std::string LogInGuard::AccountKey(std::string_view account) { return std::string(account); }
std::string LogInGuard::PairKey(std::string_view account, std::string_view address) {
  // '\n' appears in neither a normalised e-mail nor an IP address.
  return std::string(account) + "\n" + std::string(address);
}

int64_t LogInGuard::Check(std::string_view account, std::string_view address) {
  // Each limiter holds at most its own limit of failures (Attempt records
  // nothing past it), so "blocked" below means "at the limit".
  if (int64_t wait_ms = per_address_.Blocked(AddressKey(address)); wait_ms > 0) return wait_ms;
  if (per_account_.Blocked(AccountKey(account)) > 0) {
    int64_t wait_ms = per_pair_.Blocked(PairKey(account, address));
    if (wait_ms > 0) return wait_ms;
  }
  return 0;
}

void LogInGuard::RecordFailure(std::string_view account, std::string_view address) {
  (void)per_address_.Attempt(AddressKey(address));
  (void)per_account_.Attempt(AccountKey(account));
  (void)per_pair_.Attempt(PairKey(account, address));
}

void LogInGuard::RecordSuccess(std::string_view account, std::string_view address) {
  per_pair_.Reset(PairKey(account, address));
}

}  // namespace shrimp::accounts
