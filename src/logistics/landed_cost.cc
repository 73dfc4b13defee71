#include "logistics/landed_cost.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/money.h"

namespace shrimp::logistics {
namespace {

// Basis points, so 1200 = 12 %. Thresholds in minor units of the currency
// (JPY and KRW have none).
constexpr CustomsRule EuRule(std::string_view country, int64_t vat_bps) {
  // The EU: duty above EUR 150; import VAT on every parcel since July 2021.
  return {country, "EU", "EUR", 150'00, -1, vat_bps, 400, 1200, 200, 300, 0, 0, 0, 400};
}

// Ordered by country (FindCustomsRule searches it).
constexpr std::array<CustomsRule, 15> kCustomsRules = {{
    // UAE: GCC common tariff above AED 1,000; VAT above AED 300.
    {"AE", "", "AED", 1'000'00, 300'00, 500, 500, 500, 500, 500, 0, 500, 500, 500},
    // Australia: duty above AUD 1,000; GST on every parcel (low-value goods).
    {"AU", "", "AUD", 1'000'00, -1, 1000, 500, 500, 0, 0, 0, 500, 0, 500},
    // China: cross-border e-commerce composite tax, none up to CNY 50.
    {"CN", "", "CNY", 50'00, 50'00, 910, 0, 0, 0, 0, 0, 0, 0, 0},
    EuRule("DE", 1900),
    EuRule("ES", 2100),
    EuRule("FR", 2000),
    // UK: duty above GBP 135; VAT on every parcel, collected at the sale.
    {"GB", "", "GBP", 135'00, -1, 2000, 400, 1200, 200, 300, 0, 0, 0, 400},
    EuRule("IT", 2200),
    // Japan: duty and consumption tax above JPY 10,000.
    {"JP", "", "JPY", 10'000, 10'000, 1000, 300, 900, 0, 1700, 0, 0, 0, 300},
    // Korea: duty and VAT above KRW 150,000 (about USD 150).
    {"KR", "", "KRW", 150'000, 150'000, 1000, 800, 1300, 800, 800, 0, 650, 800, 800},
    // Malaysia: duty above MYR 500; 10 % low-value goods tax on every parcel.
    {"MY", "", "MYR", 500'00, -1, 1000, 500, 2000, 0, 500, 0, 0, 0, 500},
    EuRule("NL", 2100),
    // Singapore: duty only on liquor and tobacco; GST on every parcel.
    {"SG", "", "SGD", 400'00, -1, 900, 0, 0, 0, 0, 0, 0, 0, 0},
    // Thailand: duty above THB 1,500; VAT on every parcel since 2024.
    {"TH", "", "THB", 1'500'00, -1, 700, 1000, 3000, 0, 3000, 0, 2000, 0, 1000},
    // United States: no de minimis since August 2025; no federal VAT.
    {"US", "", "USD", 0, -1, 0, 500, 1600, 0, 640, 0, 0, 0, 500},
}};

constexpr std::array<std::pair<std::string_view, DutyClass>, 36> kSlugClasses = {{
    {"audio", DutyClass::kElectronics},
    {"bags", DutyClass::kTextiles},
    {"beauty", DutyClass::kCosmetics},
    {"bedding", DutyClass::kTextiles},
    {"board-games", DutyClass::kToys},
    {"books", DutyClass::kBooks},
    {"building-sets", DutyClass::kToys},
    {"childrens-books", DutyClass::kBooks},
    {"clothing", DutyClass::kTextiles},
    {"coffee", DutyClass::kFood},
    {"comics", DutyClass::kBooks},
    {"computers", DutyClass::kElectronics},
    {"condiments", DutyClass::kFood},
    {"decor", DutyClass::kHome},
    {"electronics", DutyClass::kElectronics},
    {"fashion", DutyClass::kTextiles},
    {"fiction", DutyClass::kBooks},
    {"food", DutyClass::kFood},
    {"fragrance", DutyClass::kCosmetics},
    {"haircare", DutyClass::kCosmetics},
    {"home", DutyClass::kHome},
    {"jewelry", DutyClass::kOther},
    {"kitchen", DutyClass::kHome},
    {"makeup", DutyClass::kCosmetics},
    {"non-fiction", DutyClass::kBooks},
    {"phones", DutyClass::kElectronics},
    {"plush", DutyClass::kToys},
    {"puzzles", DutyClass::kToys},
    {"shoes", DutyClass::kTextiles},
    {"skincare", DutyClass::kCosmetics},
    {"smart-home", DutyClass::kElectronics},
    {"snacks", DutyClass::kFood},
    {"storage", DutyClass::kHome},
    {"tea", DutyClass::kFood},
    {"toys", DutyClass::kToys},
    {"sports", DutyClass::kOther},
}};

// value * bps / 10,000, half up, in 128 bits.
std::optional<int64_t> Percent(int64_t value, int64_t bps) {
  __int128 scaled = (static_cast<__int128>(value) * bps + 5'000) / 10'000;
  if (scaled > kAmountMax) return std::nullopt;
  return static_cast<int64_t>(scaled);
}

}  // namespace

int64_t CustomsRule::DutyBps(DutyClass duty_class) const {
  switch (duty_class) {
    case DutyClass::kTextiles: return duty_bps_textiles;
    case DutyClass::kElectronics: return duty_bps_electronics;
    case DutyClass::kFood: return duty_bps_food;
    case DutyClass::kBooks: return duty_bps_books;
    case DutyClass::kCosmetics: return duty_bps_cosmetics;
    case DutyClass::kToys: return duty_bps_toys;
    case DutyClass::kHome: return duty_bps_home;
    case DutyClass::kOther: break;
  }
  return duty_bps_default;
}

std::span<const CustomsRule> CustomsRules() { return kCustomsRules; }

const CustomsRule* FindCustomsRule(std::string_view country) {
  auto found = std::lower_bound(kCustomsRules.begin(), kCustomsRules.end(), country,
                                [](const CustomsRule& rule, std::string_view wanted) {
                                  return rule.country < wanted;
                                });
  return found != kCustomsRules.end() && found->country == country ? &*found : nullptr;
}

DutyClass DutyClassOfSlug(std::string_view slug) {
  for (const auto& [name, duty_class] : kSlugClasses) {
    if (name == slug) return duty_class;
  }
  return DutyClass::kOther;
}

std::string_view DutyClassName(DutyClass duty_class) {
  switch (duty_class) {
    case DutyClass::kTextiles: return "textiles";
    case DutyClass::kElectronics: return "electronics";
    case DutyClass::kFood: return "food";
    case DutyClass::kBooks: return "books";
    case DutyClass::kCosmetics: return "cosmetics";
    case DutyClass::kToys: return "toys";
    case DutyClass::kHome: return "home";
    case DutyClass::kOther: break;
  }
  return "other";
}

bool CrossesCustomsBorder(std::string_view origin, std::string_view destination) {
  if (origin == destination) return false;
  const CustomsRule* from = FindCustomsRule(origin);
  const CustomsRule* to = FindCustomsRule(destination);
  return !(from && to && !from->union_id.empty() && from->union_id == to->union_id);
}

Result<LandedCost> ComputeLandedCost(const CustomsRule& rule, std::span<const DutiableLine> lines,
                                     int64_t value_in_rule_currency) {
  LandedCost cost;
  cost.country = std::string(rule.country);
  cost.vat_bps = rule.vat_bps;
  cost.duty_de_minimis = value_in_rule_currency <= rule.duty_free_up_to;
  cost.vat_de_minimis = rule.vat_free_up_to >= 0 && value_in_rule_currency <= rule.vat_free_up_to;
  int64_t goods = 0;
  __int128 duty_scaled = 0;  // sum of line value x bps: one rounding per parcel
  for (const DutiableLine& line : lines) {
    auto sum = CheckedAdd(goods, line.amount);
    if (!sum || *sum > kAmountMax) {
      return InvalidArgument("amount_too_large", "the order total is too large");
    }
    goods = *sum;
    duty_scaled += static_cast<__int128>(line.amount) * rule.DutyBps(line.duty_class);
  }
  if (!cost.duty_de_minimis) {
    __int128 duty = (duty_scaled + 5'000) / 10'000;
    if (duty > kAmountMax) return InvalidArgument("amount_too_large", "the duty is too large");
    cost.duty = static_cast<int64_t>(duty);
  }
  if (!cost.vat_de_minimis) {
    auto vat = Percent(goods + cost.duty, rule.vat_bps);
    if (!vat) return InvalidArgument("amount_too_large", "the import VAT is too large");
    cost.vat = *vat;
  }
  if (!CheckedAdd(cost.duty, cost.vat) || cost.Total() > kAmountMax) {
    return InvalidArgument("amount_too_large", "the landed cost is too large");
  }
  return cost;
}

}  // namespace shrimp::logistics
