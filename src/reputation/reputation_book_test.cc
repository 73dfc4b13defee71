#include "reputation/reputation_book.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace shrimp::reputation {
namespace {

ReviewRatings Review(int64_t shop_id, int64_t at_ms, int64_t stars) {
  return ReviewRatings{shop_id, at_ms, {stars, stars, stars}};
}

TEST(ReputationBook, AReviewMovesTheScoreAndItsUndoRestoresItExactly) {
  ReputationBook book;
  store::Journal journal;
  journal.Open();
  book.CountReview(journal, Review(7, 0, 5), 1);
  EXPECT_EQ(book.Score(7, 0).reviews, 1);
  EXPECT_EQ(book.Score(7, 0).positive, 1);
  journal.RollbackTo(0);
  journal.Close();
  ReputationBook empty;
  EXPECT_EQ(book.Difference(empty), "");
  EXPECT_EQ(book.Score(7, 0).reviews, 0);
}

TEST(ReputationBook, RandomAddsAndRemovalsEqualTheSameReviewsAddedOnce) {
  // Model: the multiset of visible reviews. Adding and removing in any
  // order, with some jobs rolled back, must leave the same tallies as
  // adding the survivors to a fresh book.
  std::mt19937_64 random(20261129);
  ReputationBook live;
  std::vector<ReviewRatings> visible;
  store::Journal journal;
  for (int step = 0; step < 2000; ++step) {
    journal.Open();
    size_t mark = journal.Mark();
    bool remove = !visible.empty() && random() % 3 == 0;
    size_t index = remove ? random() % visible.size() : 0;
    ReviewRatings review = remove ? visible[index]
                                  : Review(static_cast<int64_t>(random() % 20),
                                           static_cast<int64_t>(random() % 40) * kMonthMs,
                                           static_cast<int64_t>(1 + random() % 5));
    live.CountReview(journal, review, remove ? -1 : 1);
    if (random() % 5 == 0) {
      journal.RollbackTo(mark);  // the job failed: nothing happened
    } else if (remove) {
      visible.erase(visible.begin() + static_cast<std::ptrdiff_t>(index));
    } else {
      visible.push_back(review);
    }
    journal.Close();
  }
  ReputationBook rebuilt;
  store::Journal inactive;
  for (const ReviewRatings& review : visible) rebuilt.CountReview(inactive, review, 1);
  EXPECT_EQ(live.Difference(rebuilt), "");
  for (int64_t shop = 0; shop < 20; ++shop) {
    EXPECT_EQ(live.Score(shop, 40 * kMonthMs).score, rebuilt.Score(shop, 40 * kMonthMs).score);
  }
}

TEST(ReputationBook, OnlyPaidOrdersCountAndLateShippingIsReadFromTheTimeline) {
  orders::OrderFacts unpaid;
  EXPECT_EQ(TalliesOf(unpaid).closed, 0);
  orders::OrderFacts late{.shop_id = 1,
                          .paid = true,
                          .refunded = true,
                          .disputed = false,
                          .paid_at_ms = 1000,
                          .shipped_at_ms = 1000 + kShipWithinMs + 1};
  OrderTallies tallies = TalliesOf(late);
  EXPECT_EQ(tallies.closed, 1);
  EXPECT_EQ(tallies.refunded, 1);
  EXPECT_EQ(tallies.shipped, 1);
  EXPECT_EQ(tallies.late, 1);
  late.shipped_at_ms = 1000 + kShipWithinMs;
  EXPECT_EQ(TalliesOf(late).late, 0);
}

}  // namespace
}  // namespace shrimp::reputation
