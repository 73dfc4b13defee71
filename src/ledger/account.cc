#include "ledger/account.h"

#include <array>
#include <utility>

namespace shrimp::ledger {
namespace {

constexpr std::array<std::pair<AccountKind, std::string_view>, 10> kKindNames = {{
    {AccountKind::kWallet, "wallet"},
    {AccountKind::kShopRevenue, "shop_revenue"},
    {AccountKind::kEscrow, "escrow"},
    {AccountKind::kPlatformFees, "platform_fees"},
    {AccountKind::kPayoutClearing, "payout_clearing"},
    {AccountKind::kProviderFunding, "provider_funding"},
    {AccountKind::kFx, "fx"},
    {AccountKind::kLoanReceivable, "loan_receivable"},
    {AccountKind::kCreditFunding, "credit_funding"},
    {AccountKind::kShippingPayable, "shipping_payable"},
}};

}  // namespace

std::string_view AccountKindName(AccountKind kind) {
  for (const auto& [known, name] : kKindNames) {
    if (known == kind) return name;
  }
  return "unknown";
}

std::optional<AccountKind> ParseAccountKind(std::string_view name) {
  for (const auto& [kind, known] : kKindNames) {
    if (known == name) return kind;
  }
  return std::nullopt;
}

std::optional<AccountKind> AccountKindFromInt(int64_t value) {
  if (value < kAccountKindMin || value > kAccountKindMax) return std::nullopt;
  return static_cast<AccountKind>(value);
}

uint32_t DefaultAccountFlags(AccountKind kind) {
  switch (kind) {
    case AccountKind::kWallet:
    case AccountKind::kShopRevenue:
    case AccountKind::kEscrow:
    case AccountKind::kPlatformFees:
    case AccountKind::kPayoutClearing:
    case AccountKind::kShippingPayable: return kDebitsMustNotExceedCredits;
    case AccountKind::kProviderFunding:
    case AccountKind::kFx:
    case AccountKind::kLoanReceivable:
    case AccountKind::kCreditFunding: return kAccountFlagsNone;
  }
  return kDebitsMustNotExceedCredits;
}

}  // namespace shrimp::ledger
