// ReputationBook: every shop's rating tallies and order outcomes, hot in
// memory, so a shop's score moves the moment a review commits and reading it
// costs no query.
//
// What it counts: every review whose status is "visible" (held and hidden
// reviews count nothing), bucketed by month; and every closed order's facts
// (orders/order_observer.h). The score itself is a pure function of these
// integers (reputation/shop_score.h), so a book rebuilt from the tables
// (Load) equals the live one exactly: CheckAgainst proves it.
//
// Mutators run on the writer thread inside writer jobs, after every fallible
// step, and record their undo in the journal (store/journal.h). Reads (Score,
// Percentile, Market) are safe from any thread: a shared mutex guards the maps.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "orders/order_observer.h"
#include "reputation/shop_score.h"
#include "store/db.h"
#include "store/journal.h"

namespace shrimp::reputation {

// One review's contribution.
struct ReviewRatings {
  int64_t shop_id = 0;
  int64_t created_at_ms = 0;
  std::array<int64_t, kDimensions> stars{};  // each in [kRatingMin, kRatingMax]
};

// The order tallies one closed order adds.
OrderTallies TalliesOf(const orders::OrderFacts& facts);

struct DimensionStanding {
  double rating = 0;                // the shop's weighted mean
  double market = 0;                // the marketplace's mean over its reviews
  int64_t higher_than_percent = 0;  // of shops with reviews, share rated strictly lower
};

class ReputationBook final : public orders::OrderObserver {
 public:
  // Rebuilds from the visible reviews and the closed orders.
  // REQUIRES: before the writer starts (or on a private book).
  [[nodiscard]] Status Load(store::Connection& connection);
  // Start-up: the reviews as Load reads them, and the order tallies from the
  // newest snapshot (store/book_snapshot.h) plus the orders closed after it.
  // The same book as Load, without reading every closed order's events.
  [[nodiscard]] Status LoadFromSnapshot(store::Connection& connection);
  // Writer job: saves the order tallies as of `last_event_id`, the newest
  // order event. (Reviews change status in place, so they are always read
  // whole, from a covering index.)
  [[nodiscard]] Status WriteSnapshot(store::Connection& connection, int64_t last_event_id,
                                     int64_t now_ms) const;
  // The snapshot's text.
  std::string SnapshotText() const;

  // ---- writer thread (journaled) ----
  // Adds (sign 1) or removes (sign -1) a visible review's ratings.
  void CountReview(store::Journal& journal, const ReviewRatings& review, int64_t sign);
  void OrderClosed(store::Journal& journal, const orders::Order& order) override;

  // ---- any thread ----
  ShopScore Score(int64_t shop_id, int64_t now_ms) const;
  std::array<DimensionStanding, kDimensions> Standing(int64_t shop_id, int64_t now_ms) const;
  // Every shop with tallies and its score (search ranking reads these).
  std::vector<std::pair<int64_t, ShopScore>> AllScores(int64_t now_ms) const;
  // The prior every shop is pulled toward: the marketplace mean rating.
  double PriorMean() const;

  // Counts every change (applied or undone): equal versions at two moments
  // mean nothing changed in between. Any thread.
  uint64_t version() const { return version_.load(); }
  // Makes this book a copy of `other`'s tallies.
  void CopyFrom(const ReputationBook& other);

  // An empty string when `rebuilt` holds exactly the same tallies; else the
  // first difference. REQUIRES: no writer job runs meanwhile.
  std::string Difference(const ReputationBook& rebuilt) const;

 private:
  double PriorMeanLocked() const;
  // Clears the book and counts the visible reviews. REQUIRES: mutex_ held.
  [[nodiscard]] Status LoadReviewsLocked(store::Connection& connection);
  [[nodiscard]] Status CountClosedOrdersLocked(store::Connection& connection,
                                               int64_t after_event_id);
  void AddLocked(int64_t shop_id, int64_t month, const RatingSums& sums, const OrderTallies& orders,
                 int64_t sign);

  mutable std::shared_mutex mutex_;
  std::unordered_map<int64_t, ShopTallies> shops_;
  RatingSums market_;  // every visible review
  std::atomic<uint64_t> version_{0};
};

}  // namespace shrimp::reputation
