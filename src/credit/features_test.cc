#include "credit/features.h"

#include <gtest/gtest.h>

#include "store/journal.h"

namespace shrimp::credit {
namespace {

using orders::OrderEvent;
using orders::OrderFact;
using orders::OrderStatus;

constexpr int64_t kDay = kMsPerDay;
// 2026-11-29T00:00:00Z
constexpr int64_t kNow = 1'795'910'400'000;

OrderFact Fact(int64_t order_id, int64_t buyer_id, OrderEvent event, int64_t at_ms,
               int64_t amount = 0) {
  OrderFact fact;
  fact.order_id = order_id;
  fact.shop_id = 7;
  fact.buyer_id = buyer_id;
  fact.total = Money{1000, *Currency::Parse("CNY")};
  fact.event = event;
  fact.next = OrderStatus::kCompleted;
  fact.at_ms = at_ms;
  fact.amount = amount;
  return fact;
}

// A sale: paid, shipped after `ship_days`, confirmed, with `refund` returned.
void Sell(FeatureBook& book, store::Journal& journal, int64_t order_id, int64_t buyer_id,
          int64_t at_ms, int64_t ship_days = 0, int64_t refund = 0) {
  book.OnOrderEvent(journal, Fact(order_id, buyer_id, OrderEvent::kPay, at_ms));
  book.OnOrderEvent(journal, Fact(order_id, buyer_id, OrderEvent::kShip, at_ms + ship_days * kDay));
  book.OnOrderEvent(journal, Fact(order_id, buyer_id,
                                  refund > 0 ? OrderEvent::kAcceptRefund : OrderEvent::kConfirm,
                                  at_ms + (ship_days + 1) * kDay, refund));
}

TEST(MonthIndex, CountsCalendarMonthsInUtc) {
  EXPECT_EQ(MonthIndex(0), 1970 * 12);                    // 1970-01-01
  EXPECT_EQ(MonthIndex(31 * kDay - 1), 1970 * 12);        // 1970-01-31T23:59:59.999
  EXPECT_EQ(MonthIndex(31 * kDay), 1970 * 12 + 1);        // 1970-02-01
  EXPECT_EQ(MonthIndex(kNow), 2026 * 12 + 10);            // November 2026
  EXPECT_EQ(MonthIndex(951'782'400'000), 2000 * 12 + 1);  // 2000-02-29
  EXPECT_EQ(MonthIndex(-1), 1969 * 12 + 11);              // 1969-12-31
}

TEST(FeatureBook, CountsSalesBuyersRefundsDisputesAndShipping) {
  FeatureBook book;
  store::Journal journal;
  // Three months ago: 2 sales; last month: 4, one refunded in part, one shipped late.
  Sell(book, journal, 1, 100, kNow - 80 * kDay);
  Sell(book, journal, 2, 101, kNow - 80 * kDay);
  Sell(book, journal, 3, 100, kNow - 35 * kDay);
  Sell(book, journal, 4, 102, kNow - 35 * kDay, 5);
  Sell(book, journal, 5, 102, kNow - 35 * kDay, 0, 400);
  book.OnOrderEvent(journal, Fact(6, 103, OrderEvent::kPay, kNow - 35 * kDay));
  book.OnOrderEvent(journal, Fact(6, 103, OrderEvent::kDispute, kNow - 34 * kDay));
  const ShopFeatures* shop = book.Find(7);
  ASSERT_NE(shop, nullptr);
  EXPECT_EQ(shop->paid_orders, 6);
  EXPECT_EQ(shop->shipped_orders, 5);
  EXPECT_EQ(shop->shipped_on_time, 4);
  EXPECT_EQ(shop->settled_orders, 5);
  EXPECT_EQ(shop->refunded_orders, 1);
  EXPECT_EQ(shop->disputed_orders, 1);
  EXPECT_EQ(shop->distinct_buyers, 3);
  EXPECT_EQ(shop->repeat_buyers, 2);

  DerivedFeatures derived = FeatureBook::Derive(*shop, kNow);
  EXPECT_EQ(derived.tenure_days, 79);  // first sale confirmed a day after payment
  ASSERT_TRUE(derived.refund_rate.has_value());
  EXPECT_DOUBLE_EQ(*derived.refund_rate, 1.0 / 5.0);
  EXPECT_DOUBLE_EQ(*derived.dispute_rate, 1.0 / 6.0);
  EXPECT_DOUBLE_EQ(*derived.on_time_rate, 4.0 / 5.0);
  EXPECT_DOUBLE_EQ(derived.repeat_share, 2.0 / 3.0);
  // Sales 2000 + 1000 + 1000 + 600 = 4600 over the last three complete months.
  EXPECT_EQ(derived.monthly_sales, 4600 / 3);
  EXPECT_FALSE(derived.growth.has_value());  // nothing in the 3 months before
  EXPECT_TRUE(derived.volatility.has_value());
}

TEST(FeatureBook, AFailedJobLeavesTheFeaturesAsTheyWere) {
  FeatureBook book;
  store::Journal journal;
  journal.Open();
  Sell(book, journal, 1, 100, kNow - 40 * kDay);
  journal.Close();
  ShopFeatures before = *book.Find(7);
  FeatureBook copy = book;

  journal.Open();
  size_t mark = journal.Mark();
  Sell(book, journal, 2, 100, kNow - 5 * kDay, 3, 200);
  book.OnOrderEvent(journal, Fact(9, 104, OrderEvent::kPay, kNow));
  book.OnOrderEvent(journal, Fact(10, 105, OrderEvent::kPay, kNow));
  book.OnOrderEvent(journal, Fact(10, 105, OrderEvent::kCancel, kNow));
  Sell(book, journal, 11, 106, kNow + 400 * kDay);  // a year later: the ring rolls over
  EXPECT_NE(*book.Find(7), before);
  journal.RollbackTo(mark);
  journal.Close();
  EXPECT_EQ(*book.Find(7), before);
  EXPECT_TRUE(book.CompareWith(copy).ok()) << book.CompareWith(copy).error().message;
}

TEST(FeatureBook, GrowthAndVolatilityFromTheMonthRing) {
  FeatureBook book;
  store::Journal journal;
  int64_t order = 1;
  // Six complete months: 1 sale a month for the older three, 2 for the last three.
  for (int back = 6; back >= 1; --back) {
    int sales = back > 3 ? 1 : 2;
    for (int sale = 0; sale < sales; ++sale) {
      Sell(book, journal, order, order, kNow - back * 30 * kDay - 10 * kDay);
      ++order;
    }
  }
  DerivedFeatures derived = FeatureBook::Derive(*book.Find(7), kNow);
  ASSERT_TRUE(derived.growth.has_value());
  EXPECT_NEAR(*derived.growth, 1.0, 1e-9);            // doubled
  EXPECT_NEAR(*derived.volatility, 1.0 / 3.0, 1e-9);  // mean 1500, deviation 500
  // Two years on, nothing recent counts.
  DerivedFeatures later = FeatureBook::Derive(*book.Find(7), kNow + 800 * kDay);
  EXPECT_EQ(later.monthly_sales, 0);
  EXPECT_FALSE(later.growth.has_value());
}

TEST(FeatureBook, ItsSnapshotTextRestoresTheSameBook) {
  FeatureBook book;
  store::Journal journal;
  Sell(book, journal, 1, 100, kNow - 80 * kDay);
  Sell(book, journal, 2, 100, kNow - 35 * kDay, 5);
  Sell(book, journal, 3, 101, kNow - 35 * kDay, 0, 400);
  book.OnOrderEvent(journal, Fact(4, 103, OrderEvent::kPay, kNow - kDay));  // paid, not shipped
  book.OnOrderEvent(journal, Fact(5, 104, OrderEvent::kDispute, kNow));
  std::string text = book.SnapshotText();
  FeatureBook restored;
  ASSERT_TRUE(restored.RestoreText(text).ok());
  EXPECT_TRUE(book.CompareWith(restored).ok()) << book.CompareWith(restored).error().message;
  EXPECT_TRUE(restored.CompareWith(book).ok());
  EXPECT_EQ(restored.SnapshotText().size(), text.size());
  // The restored book goes on exactly like the original.
  Sell(book, journal, 6, 100, kNow);
  Sell(restored, journal, 6, 100, kNow);
  EXPECT_TRUE(book.CompareWith(restored).ok());
  EXPECT_EQ(book.Find(7)->repeat_buyers, 1);
  // A damaged text is refused, not half read.
  FeatureBook broken;
  EXPECT_FALSE(broken.RestoreText(text.substr(0, text.size() / 2) + "x\n").ok());
  EXPECT_FALSE(broken.RestoreText("q 1 2\n").ok());
}

}  // namespace
}  // namespace shrimp::credit
