#include "core/money.h"

#include <gtest/gtest.h>

#include <limits>

namespace shrimp {
namespace {

TEST(Currency, ParsesKnownCodesOnly) {
  EXPECT_TRUE(Currency::Parse("CNY").ok());
  EXPECT_TRUE(Currency::Parse("EUR").ok());
  EXPECT_FALSE(Currency::Parse("cny").ok());
  EXPECT_FALSE(Currency::Parse("XXX").ok());
  EXPECT_FALSE(Currency::Parse("EURO").ok());
  EXPECT_FALSE(Currency::Parse("").ok());
  EXPECT_EQ(Currency::Parse("JPY")->minor_digits(), 0);
  EXPECT_EQ(Currency::Parse("CNY")->minor_digits(), 2);
}

TEST(Money, CheckedArithmeticCatchesOverflow) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(CheckedAdd(1, 2), 3);
  EXPECT_FALSE(CheckedAdd(kMax, 1).has_value());
  EXPECT_FALSE(CheckedMul(kMax / 2, 3).has_value());
  EXPECT_EQ(CheckedMul(-4, 5), -20);
}

TEST(Money, BasisPointsRoundHalfUp) {
  EXPECT_EQ(ApplyBasisPoints(10000, 500), 500);  // 5 %
  EXPECT_EQ(ApplyBasisPoints(1999, 500), 100);   // 99.95 -> 100
  EXPECT_EQ(ApplyBasisPoints(1, 4999), 0);
  EXPECT_EQ(ApplyBasisPoints(kAmountMax, 10000), kAmountMax);
}

TEST(Money, Formats) {
  EXPECT_EQ(FormatMoney({1999, *Currency::Parse("CNY")}), "19.99 CNY");
  EXPECT_EQ(FormatMoney({5, *Currency::Parse("EUR")}), "0.05 EUR");
  EXPECT_EQ(FormatMoney({1200, *Currency::Parse("JPY")}), "1200 JPY");
}

}  // namespace
}  // namespace shrimp
