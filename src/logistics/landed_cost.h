// Cross-border landed cost: the import duty and import VAT/GST a parcel owes
// in its destination country, collected at checkout with the shipping fee so
// the carrier delivers it duty paid (the buyer pays nothing at the door).
//
// One rule per destination country (kCustomsRules in landed_cost.cc, listed
// by GET /api/v1/landed-cost-rules):
//   - duty_free_up_to: the de minimis, in the rule's currency: goods worth
//     this much or less owe no duty; above it, duty is owed on all of them.
//   - vat_free_up_to: the same for import VAT; -1 when every parcel owes VAT
//     (the EU since 2021, the UK, Malaysia's low-value goods tax...).
//   - vat_bps: import VAT/GST, on the goods plus the duty.
//   - duty by category: a line's rate is that of its category's duty class
//     (textiles, electronics, food, books, cosmetics, toys, home), found by
//     walking up the category tree; other goods pay the rule's default.
// Nothing is owed when the parcel does not cross a customs border: the same
// country, or two members of one customs union (the EU).
//
// The goods' value is compared with a threshold in the rule's currency at
// the marketplace's FX rate (ledger/fx.h); a missing rate is an error
// (fx_rate_not_found), never a guess.
//
// The rates are illustrative, close to the published ones of 2025; an
// operator checks them before collecting real taxes. Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/money.h"
#include "core/result.h"

namespace shrimp::logistics {

// What a category's goods are for customs.
enum class DutyClass { kOther, kTextiles, kElectronics, kFood, kBooks, kCosmetics, kToys, kHome };

struct CustomsRule {
  std::string_view country;     // ISO 3166 alpha-2
  std::string_view union_id;    // "EU" for members of the EU customs union, else ""
  std::string_view currency;    // the thresholds' currency
  int64_t duty_free_up_to = 0;  // minor units of `currency`
  int64_t vat_free_up_to = -1;  // minor units of `currency`; -1: always owed
  int64_t vat_bps = 0;
  int64_t duty_bps_default = 0;
  int64_t duty_bps_textiles = 0;
  int64_t duty_bps_electronics = 0;
  int64_t duty_bps_food = 0;
  int64_t duty_bps_books = 0;
  int64_t duty_bps_cosmetics = 0;
  int64_t duty_bps_toys = 0;
  int64_t duty_bps_home = 0;

  int64_t DutyBps(DutyClass duty_class) const;
};

// Every rule, ordered by country.
std::span<const CustomsRule> CustomsRules();
const CustomsRule* FindCustomsRule(std::string_view country);
// The duty class of a category slug ("tea" -> food); kOther when unknown.
DutyClass DutyClassOfSlug(std::string_view slug);
std::string_view DutyClassName(DutyClass duty_class);

// True when goods from `origin` to `destination` cross a customs border.
bool CrossesCustomsBorder(std::string_view origin, std::string_view destination);

struct DutiableLine {
  int64_t amount = 0;  // the line's value, minor units of the order's currency
  DutyClass duty_class = DutyClass::kOther;
};

struct LandedCost {
  std::string country;  // the destination
  int64_t duty = 0;     // minor units of the order's currency
  int64_t vat = 0;
  int64_t vat_bps = 0;
  bool duty_de_minimis = false;  // the goods were under the duty threshold
  bool vat_de_minimis = false;
  int64_t Total() const { return duty + vat; }
};

// The landed cost of `lines` (in the order's currency), whose total is worth
// `value_in_rule_currency` in the rule's currency. Duty and VAT round half
// up per parcel. Errors: amount_too_large.
[[nodiscard]] Result<LandedCost> ComputeLandedCost(const CustomsRule& rule,
                                                   std::span<const DutiableLine> lines,
                                                   int64_t value_in_rule_currency);

}  // namespace shrimp::logistics
