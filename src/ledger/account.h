// Ledger accounts: who holds money, in which currency, under which rules.
//
// An account is identified by (kind, owner_id, currency): a buyer's CNY
// wallet is (kWallet, user_id, CNY); the platform's own accounts have
// owner_id 0. Accounts are created by the Ledger on the writer thread and
// persisted in `ledger_accounts`; they are never deleted.
//
// Sign convention (the one place it is defined): every account is
// credit-normal. Money arriving is a credit, money leaving is a debit, and
//   balance = credits - debits.
// A wallet holding 50.00 CNY has credits_posted - debits_posted = 5000.
// Accounts that mirror money outside shrimp (kProviderFunding, kFx,
// kCreditFunding, kLoanReceivable) go negative by design: their negative
// balance is the counterpart of the positive balances inside. Because each
// transfer adds its amount to one account's debits and another's credits, the
// balances of all accounts of one currency always sum to zero.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/money.h"

namespace shrimp::ledger {

// Stored as its integer value: never renumber, only append.
enum class AccountKind : int32_t {
  kWallet = 1,            // a user's spendable money
  kShopRevenue = 2,       // a merchant's available revenue (owner: shop id)
  kEscrow = 3,            // money held for orders between payment and release
  kPlatformFees = 4,      // commission earned by the platform
  kPayoutClearing = 5,    // payouts requested, not yet confirmed paid
  kProviderFunding = 6,   // money entering from payment providers; mirrors outside cash
  kFx = 7,                // the platform's position in one currency for conversions
  kLoanReceivable = 8,    // principal lent to a merchant and not yet repaid
  kCreditFunding = 9,     // the platform's capital that funds loans
  kShippingPayable = 10,  // shipping fees released with orders, owed to the carriers
};

inline constexpr int32_t kAccountKindMin = 1;
inline constexpr int32_t kAccountKindMax = 10;

// "wallet", "shop_revenue", ... for logs, APIs and reports.
std::string_view AccountKindName(AccountKind kind);
std::optional<AccountKind> ParseAccountKind(std::string_view name);
// Accepts only the stored integer values listed above.
std::optional<AccountKind> AccountKindFromInt(int64_t value);

// Account flags (a bit set, stored as an integer).
inline constexpr uint32_t kAccountFlagsNone = 0;
// debits_posted + debits_pending may never exceed credits_posted: the
// account can never be overdrawn, not even by money held in escrow.
inline constexpr uint32_t kDebitsMustNotExceedCredits = 1u << 0;
inline constexpr uint32_t kAccountFlagsAll = kDebitsMustNotExceedCredits;

// The flags an account of this kind should normally carry: money held for
// someone (wallets, revenue, escrow, fees, clearing) can never go negative;
// mirror accounts (provider funding, FX, credit funding, loans) can.
uint32_t DefaultAccountFlags(AccountKind kind);

struct Account {
  int64_t id = 0;
  AccountKind kind = AccountKind::kWallet;
  int64_t owner_id = 0;  // user id, shop id, or 0 for the platform
  Currency currency;
  uint32_t flags = kAccountFlagsNone;
  int64_t created_at_ms = 0;

  bool must_not_go_negative() const { return (flags & kDebitsMustNotExceedCredits) != 0; }
};

// An account's running totals, each in minor units of its currency and each
// non-negative. Pending amounts are escrow holds not yet posted or voided.
struct AccountBalance {
  int64_t debits_pending = 0;
  int64_t debits_posted = 0;
  int64_t credits_pending = 0;
  int64_t credits_posted = 0;

  // credits - debits of posted transfers: what the account holds.
  int64_t posted() const { return credits_posted - debits_posted; }
  // What may still be spent: posted, less money held by pending debits.
  int64_t available() const { return credits_posted - debits_posted - debits_pending; }
  bool operator==(const AccountBalance& other) const = default;
};

}  // namespace shrimp::ledger
