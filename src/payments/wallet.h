// Wallets and top-ups.
//
// A buyer's wallet is a ledger account per currency. Money enters through a
// payment provider; card numbers never reach shrimp, which only keeps the
// provider's reference. Two providers exist:
//   sandbox   test mode, marked as such in every response; confirms at once.
//   external  a real provider's hosted page: the top-up stays pending until
//             the provider's signed webhook (payments/webhook_signature.h)
//             confirms it, applied once per event id.
//
// Neither provider exists unless the operator says so (WalletOptions): the
// sandbox creates money from nothing, so it is for demos and tests only
// (`shrimp serve --sandbox`); the external provider needs the webhook secret
// shared with the real provider.
//
// Writer-thread methods take the job's connection; reads take any connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/money.h"
#include "core/result.h"
#include "ledger/books.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::payments {

inline constexpr int64_t kTopUpAmountMax = 100'000'000'00;  // one hundred million units
inline constexpr size_t kProviderEventIdLengthMax = 128;

struct TopUp {
  int64_t id = 0;
  int64_t user_id = 0;
  Money amount;
  std::string provider;  // "sandbox" | "external"
  std::string status;    // "pending" | "succeeded" | "failed"
  int64_t transfer_id = 0;
  int64_t created_at_ms = 0;
  bool test_mode() const { return provider == "sandbox"; }
};

struct WalletBalance {
  Money available;
  int64_t pending = 0;  // held for orders being paid, minor units
};

struct WalletEntry {
  int64_t transfer_id = 0;
  std::string kind;  // "top_up", "order_payment", "refund", ...
  Money amount;
  bool incoming = false;  // money into the wallet
  std::string reference;  // "order:12", "top_up:3"
  bool pending = false;   // an escrow hold not yet settled
  int64_t created_at_ms = 0;
};

struct Conversion {
  Money from;
  Money to;
  int64_t rate_ppm = 0;
  int64_t transfer_id = 0;  // the first leg
};

struct ProviderEvent {
  std::string id;
  std::string type;  // "top_up.succeeded" | "top_up.failed"
  int64_t top_up_id = 0;
  Money amount;
};

struct WalletOptions {
  bool sandbox_enabled = false;   // test-mode top-ups that confirm at once
  bool external_enabled = false;  // a webhook secret is configured
};

class WalletService {
 public:
  WalletService(ledger::Books& ledger, const Clock& clock, WalletOptions options);

  static std::vector<store::Migration> Migrations();

  // Writer thread. Errors: unsupported_provider, invalid_field,
  // provider_not_enabled (sandbox without --sandbox), provider_not_configured
  // (external without a webhook secret).
  [[nodiscard]] Result<TopUp> CreateTopUp(store::Connection& connection, int64_t user_id,
                                          Money amount, const std::string& provider);
  // Writer thread. Returns the top-up and whether this event was new.
  // Errors: top_up_not_found, amount_mismatch, invalid_transition.
  [[nodiscard]] Result<std::pair<TopUp, bool>> ApplyProviderEvent(store::Connection& connection,
                                                                  const ProviderEvent& event);

  // Writer thread. Moves `amount` from the user's wallet in its currency to
  // their wallet in `to`, through the platform's FX accounts at the current
  // operator-set rate (two linked ledger transfers), rounded down (see
  // ledger/fx.h). `key` names the ledger transfers and must derive from the
  // request's Idempotency-Key. Errors: same_currency, invalid_field,
  // fx_rate_not_found, amount_too_small (converts to less than one minor
  // unit; details: minimum), insufficient_funds, amount_too_large,
  // idempotency_key_already_used (the key's transfers exist).
  [[nodiscard]] Result<Conversion> Convert(store::Connection& connection, int64_t user_id,
                                           Money amount, Currency to, const std::string& key);

  // Any thread.
  std::vector<WalletBalance> Balances(int64_t user_id) const;
  [[nodiscard]] Result<std::vector<WalletEntry>> History(store::Connection& connection,
                                                         int64_t user_id, int64_t before_id,
                                                         int limit) const;
  [[nodiscard]] Result<std::optional<TopUp>> FindTopUp(store::Connection& connection,
                                                       int64_t top_up_id) const;

 private:
  ledger::Books& ledger_;
  const Clock& clock_;
  WalletOptions options_;
};

}  // namespace shrimp::payments
