#include "logistics/landed_cost.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace shrimp::logistics {
namespace {

TEST(LandedCost, RulesCoverTheMarketsTheIssueNamesInCountryOrder) {
  for (const char* country : {"CN", "FR", "DE", "GB", "US", "JP", "KR", "MY", "AE"}) {
    EXPECT_NE(FindCustomsRule(country), nullptr) << country;
  }
  EXPECT_GE(CustomsRules().size(), 12u);
  std::string previous;
  for (const CustomsRule& rule : CustomsRules()) {
    EXPECT_LT(previous, std::string(rule.country));  // FindCustomsRule bisects
    previous = std::string(rule.country);
    EXPECT_EQ(FindCustomsRule(rule.country), &rule);
    EXPECT_GE(rule.duty_free_up_to, 0);
    EXPECT_GE(rule.vat_free_up_to, -1);
    EXPECT_TRUE(Currency::Parse(rule.currency).ok()) << rule.country;
  }
  EXPECT_EQ(FindCustomsRule("ZZ"), nullptr);
  EXPECT_EQ(FindCustomsRule(""), nullptr);
}

TEST(LandedCost, EveryThresholdIsExclusiveJustBelowAndJustAbove) {
  for (const CustomsRule& rule : CustomsRules()) {
    SCOPED_TRACE(std::string(rule.country));
    std::vector<DutiableLine> lines = {{10'000, DutyClass::kTextiles}};
    // At the duty threshold: no duty. One minor unit above: duty on all of it.
    auto at = ComputeLandedCost(rule, lines, rule.duty_free_up_to);
    ASSERT_TRUE(at.ok());
    EXPECT_TRUE(at->duty_de_minimis);
    EXPECT_EQ(at->duty, 0);
    auto above = ComputeLandedCost(rule, lines, rule.duty_free_up_to + 1);
    ASSERT_TRUE(above.ok());
    EXPECT_FALSE(above->duty_de_minimis);
    EXPECT_EQ(above->duty, rule.duty_bps_textiles);  // 10,000 x bps / 10,000
    if (rule.vat_free_up_to >= 0) {
      auto vat_at = ComputeLandedCost(rule, lines, rule.vat_free_up_to);
      ASSERT_TRUE(vat_at.ok());
      EXPECT_TRUE(vat_at->vat_de_minimis);
      EXPECT_EQ(vat_at->vat, 0);
      auto vat_above = ComputeLandedCost(rule, lines, rule.vat_free_up_to + 1);
      ASSERT_TRUE(vat_above.ok());
      EXPECT_FALSE(vat_above->vat_de_minimis);
      EXPECT_EQ(vat_above->vat, ((10'000 + vat_above->duty) * rule.vat_bps + 5'000) / 10'000);
    } else {
      // VAT on every parcel, the smallest too.
      auto tiny = ComputeLandedCost(rule, lines, 1);
      ASSERT_TRUE(tiny.ok());
      EXPECT_FALSE(tiny->vat_de_minimis);
      EXPECT_EQ(tiny->vat, rule.vat_bps);  // 10,000 x bps / 10,000
    }
  }
}

TEST(LandedCost, FranceChargesDutyByCategoryAndVatOnGoodsPlusDuty) {
  const CustomsRule* france = FindCustomsRule("FR");
  ASSERT_NE(france, nullptr);
  // EUR 200 of clothes (12 %) and EUR 100 of books (0 %), worth EUR 300.
  std::vector<DutiableLine> lines = {{200'00, DutyClass::kTextiles}, {100'00, DutyClass::kBooks}};
  auto cost = ComputeLandedCost(*france, lines, 300'00);
  ASSERT_TRUE(cost.ok());
  EXPECT_EQ(cost->duty, 24'00);
  EXPECT_EQ(cost->vat, (300'00 + 24'00) / 5);  // 20 %
  EXPECT_EQ(cost->Total(), 24'00 + 64'80);
  // Under EUR 150: VAT only.
  auto small = ComputeLandedCost(*france, lines, 150'00);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->duty, 0);
  EXPECT_EQ(small->vat, 60'00);
}

TEST(LandedCost, RoundingIsHalfUpOncePerParcel) {
  const CustomsRule* germany = FindCustomsRule("DE");
  ASSERT_NE(germany, nullptr);
  // Three lines of 1.25 x 4 % = 0.05 each: 0.15 together, not 3 x 0.05 rounded.
  std::vector<DutiableLine> lines(3, DutiableLine{125, DutyClass::kOther});
  auto cost = ComputeLandedCost(*germany, lines, 200'00);
  ASSERT_TRUE(cost.ok());
  EXPECT_EQ(cost->duty, 15);
  EXPECT_EQ(cost->vat, 74);  // 19 % of 3.90 = 0.741
}

TEST(LandedCost, CustomsBordersAndUnions) {
  EXPECT_FALSE(CrossesCustomsBorder("FR", "FR"));
  EXPECT_FALSE(CrossesCustomsBorder("FR", "DE"));  // one EU customs union
  EXPECT_TRUE(CrossesCustomsBorder("FR", "GB"));
  EXPECT_TRUE(CrossesCustomsBorder("CN", "FR"));
  EXPECT_TRUE(CrossesCustomsBorder("HK", "CN"));  // no rule for the origin: a border
}

TEST(LandedCost, CategoriesMapToDutyClasses) {
  EXPECT_EQ(DutyClassOfSlug("tea"), DutyClass::kFood);
  EXPECT_EQ(DutyClassOfSlug("clothing"), DutyClass::kTextiles);
  EXPECT_EQ(DutyClassOfSlug("fashion"), DutyClass::kTextiles);
  EXPECT_EQ(DutyClassOfSlug("phones"), DutyClass::kElectronics);
  EXPECT_EQ(DutyClassOfSlug("no-such-slug"), DutyClass::kOther);
  EXPECT_EQ(DutyClassName(DutyClass::kCosmetics), "cosmetics");
}

TEST(LandedCost, HugeValuesAreRefusedNotWrapped) {
  const CustomsRule* korea = FindCustomsRule("KR");
  ASSERT_NE(korea, nullptr);
  std::vector<DutiableLine> lines = {{kAmountMax, DutyClass::kTextiles},
                                     {kAmountMax, DutyClass::kTextiles}};
  auto cost = ComputeLandedCost(*korea, lines, kAmountMax);
  ASSERT_FALSE(cost.ok());
  EXPECT_EQ(cost.error().code, "amount_too_large");
}

}  // namespace
}  // namespace shrimp::logistics
