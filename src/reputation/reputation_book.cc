#include "reputation/reputation_book.h"

#include <spdlog/spdlog.h>

#include <mutex>
#include <string>

#include "store/book_snapshot.h"

namespace shrimp::reputation {
namespace {

RatingSums SumsOf(const ReviewRatings& review) {
  RatingSums sums;
  sums.reviews = 1;
  int64_t total = 0;
  for (int d = 0; d < kDimensions; ++d) {
    sums.sums[d] = review.stars[d];
    total += review.stars[d];
  }
  sums.positive = total >= kPositiveRatingSumMin ? 1 : 0;
  return sums;
}

bool Empty(const RatingSums& sums) { return sums == RatingSums{}; }

constexpr std::string_view kBookName = "reputation_orders";

}  // namespace

OrderTallies TalliesOf(const orders::OrderFacts& facts) {
  OrderTallies tallies;
  // An order never paid says nothing about how the shop serves its buyers.
  if (!facts.paid) return tallies;
  tallies.closed = 1;
  tallies.refunded = facts.refunded ? 1 : 0;
  tallies.disputed = facts.disputed ? 1 : 0;
  if (facts.shipped_at_ms != 0) {
    tallies.shipped = 1;
    tallies.late = facts.shipped_at_ms - facts.paid_at_ms > kShipWithinMs ? 1 : 0;
  }
  return tallies;
}

Status ReputationBook::Load(store::Connection& connection) {
  std::unique_lock lock(mutex_);
  SHRIMP_RETURN_IF_ERROR(LoadReviewsLocked(connection));
  return CountClosedOrdersLocked(connection, 0);
}

Status ReputationBook::LoadFromSnapshot(store::Connection& connection) {
  SHRIMP_ASSIGN_OR_RETURN(auto snapshot, store::ReadNewestBookSnapshot(connection, kBookName));
  if (!snapshot) return Load(connection);
  std::vector<std::pair<int64_t, OrderTallies>> saved;
  store::BookTextReader in(snapshot->text);
  while (!in.AtEnd() && in.ok()) {
    auto& [shop_id, tallies] = saved.emplace_back();
    shop_id = in.Int();
    tallies.closed = in.Int();
    tallies.refunded = in.Int();
    tallies.disputed = in.Int();
    tallies.shipped = in.Int();
    tallies.late = in.Int();
    in.EndRecord();
  }
  if (!in.ok()) {
    // The snapshot is only a shortcut: the orders are the truth.
    spdlog::error("reputation: snapshot {} unreadable; counting every closed order", snapshot->id);
    return Load(connection);
  }
  std::unique_lock lock(mutex_);
  SHRIMP_RETURN_IF_ERROR(LoadReviewsLocked(connection));
  for (const auto& [shop_id, tallies] : saved) AddLocked(shop_id, 0, {}, tallies, 1);
  return CountClosedOrdersLocked(connection, snapshot->last_event_id);
}

Status ReputationBook::LoadReviewsLocked(store::Connection& connection) {
  shops_.clear();
  market_ = {};
  store::Query reviews(connection,
                       "SELECT shop_id, created_at, described, service, shipping FROM reviews"
                       " WHERE status = 'visible'");
  while (reviews.Next()) {
    ReviewRatings review{reviews.Int(0),
                         reviews.Int(1),
                         {reviews.Int(2), reviews.Int(3), reviews.Int(4)}};
    AddLocked(review.shop_id, review.created_at_ms / kMonthMs, SumsOf(review), {}, 1);
  }
  return reviews.status();
}

Status ReputationBook::CountClosedOrdersLocked(store::Connection& connection,
                                               int64_t after_event_id) {
  return orders::ScanClosedOrderFacts(
      connection,
      [this](const orders::OrderFacts& facts) {
        OrderTallies tallies = TalliesOf(facts);
        if (tallies.closed != 0) AddLocked(facts.shop_id, 0, {}, tallies, 1);
      },
      after_event_id);
}

Status ReputationBook::WriteSnapshot(store::Connection& connection, int64_t last_event_id,
                                     int64_t now_ms) const {
  return store::WriteBookSnapshot(connection, kBookName, last_event_id, now_ms, SnapshotText());
}

// One record per shop with order tallies: shop id, closed, refunded,
// disputed, shipped, late.
std::string ReputationBook::SnapshotText() const {
  std::shared_lock lock(mutex_);
  store::BookTextWriter out;
  for (const auto& [shop_id, tallies] : shops_) {
    const OrderTallies& orders = tallies.orders;
    if (orders == OrderTallies{}) continue;
    out.Int(shop_id).Int(orders.closed).Int(orders.refunded).Int(orders.disputed);
    out.Int(orders.shipped).Int(orders.late);
    out.EndRecord();
  }
  return std::move(out.text());
}

void ReputationBook::AddLocked(int64_t shop_id, int64_t month, const RatingSums& sums,
                               const OrderTallies& orders, int64_t sign) {
  version_.fetch_add(1);
  ShopTallies& shop = shops_[shop_id];
  if (!Empty(sums)) {
    RatingSums& bucket = shop.by_month[month];
    bucket.Add(sums, sign);
    if (Empty(bucket)) shop.by_month.erase(month);
    market_.Add(sums, sign);
  }
  shop.orders.Add(orders, sign);
  if (shop == ShopTallies{}) shops_.erase(shop_id);
}

void ReputationBook::CountReview(store::Journal& journal, const ReviewRatings& review,
                                 int64_t sign) {
  RatingSums sums = SumsOf(review);
  int64_t month = review.created_at_ms / kMonthMs;
  {
    std::unique_lock lock(mutex_);
    AddLocked(review.shop_id, month, sums, {}, sign);
  }
  journal.Record([this, shop_id = review.shop_id, month, sums, sign] {
    std::unique_lock lock(mutex_);
    AddLocked(shop_id, month, sums, {}, -sign);
  });
}

void ReputationBook::OrderClosed(store::Journal& journal, const orders::Order& order) {
  OrderTallies tallies = TalliesOf(orders::FactsOf(order));
  if (tallies.closed == 0) return;
  int64_t shop_id = order.shop_id;
  {
    std::unique_lock lock(mutex_);
    AddLocked(shop_id, 0, {}, tallies, 1);
  }
  journal.Record([this, shop_id, tallies] {
    std::unique_lock lock(mutex_);
    AddLocked(shop_id, 0, {}, tallies, -1);
  });
}

double ReputationBook::PriorMeanLocked() const {
  if (market_.reviews < kPriorReviewsMin) return kPriorMeanDefault;
  int64_t stars = 0;
  for (int64_t sum : market_.sums) stars += sum;
  return static_cast<double>(stars) / static_cast<double>(market_.reviews * kDimensions);
}

double ReputationBook::PriorMean() const {
  std::shared_lock lock(mutex_);
  return PriorMeanLocked();
}

ShopScore ReputationBook::Score(int64_t shop_id, int64_t now_ms) const {
  std::shared_lock lock(mutex_);
  auto found = shops_.find(shop_id);
  static const ShopTallies kNone;
  return ComputeScore(found == shops_.end() ? kNone : found->second, PriorMeanLocked(), now_ms);
}

std::vector<std::pair<int64_t, ShopScore>> ReputationBook::AllScores(int64_t now_ms) const {
  std::shared_lock lock(mutex_);
  double prior = PriorMeanLocked();
  std::vector<std::pair<int64_t, ShopScore>> scores;
  scores.reserve(shops_.size());
  for (const auto& [shop_id, tallies] : shops_) {
    scores.emplace_back(shop_id, ComputeScore(tallies, prior, now_ms));
  }
  return scores;
}

std::array<DimensionStanding, kDimensions> ReputationBook::Standing(int64_t shop_id,
                                                                    int64_t now_ms) const {
  std::shared_lock lock(mutex_);
  std::array<DimensionStanding, kDimensions> standing{};
  auto found = shops_.find(shop_id);
  for (int d = 0; d < kDimensions; ++d) {
    standing[d].market = market_.reviews > 0 ? static_cast<double>(market_.sums[d]) /
                                                   static_cast<double>(market_.reviews)
                                             : 0;
  }
  if (found == shops_.end() || found->second.by_month.empty()) return standing;
  double prior = PriorMeanLocked();
  ShopScore own = ComputeScore(found->second, prior, now_ms);
  // O(shops): fine for a shop page; a listing of many shops shows the score only.
  std::array<int64_t, kDimensions> lower{};
  int64_t rated = 0;
  for (const auto& [other_id, tallies] : shops_) {
    if (other_id == shop_id || tallies.by_month.empty()) continue;
    ++rated;
    ShopScore other = ComputeScore(tallies, prior, now_ms);
    for (int d = 0; d < kDimensions; ++d) lower[d] += other.dimensions[d] < own.dimensions[d];
  }
  for (int d = 0; d < kDimensions; ++d) {
    standing[d].rating = own.dimensions[d];
    standing[d].higher_than_percent = rated > 0 ? lower[d] * 100 / rated : 0;
  }
  return standing;
}

void ReputationBook::CopyFrom(const ReputationBook& other) {
  std::shared_lock other_lock(other.mutex_);
  std::unique_lock lock(mutex_);
  shops_ = other.shops_;
  market_ = other.market_;
}

std::string ReputationBook::Difference(const ReputationBook& rebuilt) const {
  std::shared_lock lock(mutex_);
  std::shared_lock other_lock(rebuilt.mutex_);
  if (!(market_ == rebuilt.market_)) return "the marketplace's review tallies differ";
  if (shops_.size() != rebuilt.shops_.size()) {
    return "shops with tallies: " + std::to_string(shops_.size()) + " live, " +
           std::to_string(rebuilt.shops_.size()) + " rebuilt";
  }
  for (const auto& [shop_id, tallies] : shops_) {
    auto found = rebuilt.shops_.find(shop_id);
    if (found == rebuilt.shops_.end() || !(found->second == tallies)) {
      return "shop " + std::to_string(shop_id) + ": live tallies differ from the rebuild";
    }
  }
  return "";
}

}  // namespace shrimp::reputation
