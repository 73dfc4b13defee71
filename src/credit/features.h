// Credit features: what the marketplace knows about each shop as a borrower,
// kept current as orders move (DESIGN.md, "Credit").
//
// FeatureBook is writer-thread hot state. It observes every order event
// (orders/order_observer.h) and updates a few counters per shop: sales and
// completed orders by calendar month (a 24-month ring), paid, shipped,
// shipped-on-time, settled, refunded and disputed orders, the first sale, and
// every buyer's number of completed purchases (distinct and repeat buyers).
// Each update records its undo in the journal. Nothing at decision time ever
// scans history: Derive() turns the counters into the model's inputs in
// O(months).
//
// Rebuild: Load() replays order_events joined to orders in event-id order
// through the same Apply() the live path uses, so a rebuilt book equals the
// incremental one (CompareWith; the invariant check and tests prove it).
//
// Signals from other domains slot in through FeatureSignals: reputation
// (issue 11, the shop score 0..5) and logistics' on-time delivery rate
// (issue 10). Until those land, reputation is "unknown" (a neutral bin) and
// on-time shipping is measured here from the order timeline: shipped within
// kShipOnTimeMs of payment.
//
// Debt and repayment history live in the LoanBook (credit/loan_book.h) and
// join the features in CreditService when a decision is made.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/money.h"
#include "core/result.h"
#include "orders/order_observer.h"
#include "store/db.h"

namespace shrimp::credit {

inline constexpr int kFeatureMonths = 24;
// The name of its snapshots (store/book_snapshot.h).
inline constexpr std::string_view kFeatureBookName = "credit_features";
// A shipment counts as on time when it leaves within two days of payment.
inline constexpr int64_t kShipOnTimeMs = 2 * kMsPerDay;

// Months since year 0 of the UTC calendar month containing `ms`.
int32_t MonthIndex(int64_t ms);

// Per-shop counters. A plain value: copied whole for its undo.
struct ShopFeatures {
  Currency currency;          // of the sales below (a shop sells in one currency)
  int64_t first_sale_ms = 0;  // first completed sale; 0: none yet
  int64_t last_event_ms = 0;
  int32_t last_month = 0;                        // month index of the newest ring slot
  std::array<int64_t, kFeatureMonths> sales{};   // minor units released, by month % 24
  std::array<int32_t, kFeatureMonths> orders{};  // completed sales, by month % 24
  int64_t paid_orders = 0;
  int64_t shipped_orders = 0;
  int64_t shipped_on_time = 0;
  int64_t settled_orders = 0;   // completed, refunded or resolved after payment
  int64_t refunded_orders = 0;  // money went back to the buyer (in full or in part)
  int64_t disputed_orders = 0;
  int64_t distinct_buyers = 0;
  int64_t repeat_buyers = 0;  // buyers with two or more completed purchases

  bool operator==(const ShopFeatures& other) const = default;
};

// Signals owned by other domains, read when a decision is made. The default
// knows nothing: every value is nullopt and the model treats it as unknown.
class FeatureSignals {
 public:
  virtual ~FeatureSignals() = default;
  // The shop's reputation score, 0..5 (reputation domain).
  virtual std::optional<double> Reputation(int64_t shop_id) const { return std::nullopt; }
  // Share of parcels delivered by the promised date, 0..1 (logistics domain);
  // when present it replaces the order timeline's on-time shipping.
  virtual std::optional<double> OnTimeDelivery(int64_t shop_id) const { return std::nullopt; }
};

// The model's inputs for one shop at one moment: plain numbers, recorded
// with every decision so it can be explained later.
struct DerivedFeatures {
  int64_t tenure_days = 0;
  int64_t monthly_sales = 0;         // mean of the last 3 complete months, minor units
  double monthly_orders = 0;         // mean completed sales a month, last 3 complete months
  std::optional<double> growth;      // last 3 complete months over the 3 before, minus 1
  std::optional<double> volatility;  // coefficient of variation of the last 6 complete months
  int64_t distinct_buyers = 0;
  double repeat_share = 0;             // repeat buyers / distinct buyers
  std::optional<double> refund_rate;   // refunded / settled
  std::optional<double> dispute_rate;  // disputed / paid
  std::optional<double> on_time_rate;  // shipped on time / shipped (or logistics' rate)
  std::optional<double> reputation;    // 0..5, from the reputation domain
  // Filled from the LoanBook by CreditService.
  int64_t outstanding = 0;  // principal not yet repaid, minor units
  int64_t loans_repaid = 0;
  bool ever_late = false;
  bool ever_written_off = false;
};

class FeatureBook final : public orders::OrderObserver {
 public:
  // Replaces the book with a replay of every order event (ordered by id), or
  // of those with id <= max_event_id when it is positive (the invariant
  // check rebuilds on a read snapshot up to where a copy was taken).
  [[nodiscard]] Status Load(store::Connection& connection, int64_t max_event_id = 0);
  // Start-up: the newest snapshot (store/book_snapshot.h) and a replay of the
  // events after it; the same book as Load, without reading all history.
  [[nodiscard]] Status LoadFromSnapshot(store::Connection& connection);
  // Writer job: saves the book as of `last_event_id`, the newest order event
  // (every event up to it is applied, none after it exists).
  [[nodiscard]] Status WriteSnapshot(store::Connection& connection, int64_t last_event_id,
                                     int64_t now_ms) const;
  // The snapshot's text, and a book made from one (tests read both).
  std::string SnapshotText() const;
  [[nodiscard]] Status RestoreText(std::string_view text);

  // orders::OrderObserver (writer thread, inside the job).
  void OnOrderEvent(store::Journal& journal, const orders::OrderFact& fact) override;

  // Writer thread (or a copy): the shop's counters, if it ever had an order event.
  const ShopFeatures* Find(int64_t shop_id) const;
  size_t size() const { return shops_.size(); }
  // The first difference from `other` (a fresh Load), or OK.
  [[nodiscard]] Status CompareWith(const FeatureBook& other) const;

  // The model's inputs as of `now_ms`, from the counters alone.
  static DerivedFeatures Derive(const ShopFeatures& shop, int64_t now_ms);

 private:
  // Applies the events with after_id < id <= upto_id, in id order.
  [[nodiscard]] Status Replay(store::Connection& connection, int64_t after_id, int64_t upto_id);
  void Apply(store::Journal* journal, const orders::OrderFact& fact);
  ShopFeatures& Touch(store::Journal* journal, int64_t shop_id);
  void AddSale(ShopFeatures& shop, int64_t at_ms, int64_t amount);

  std::unordered_map<int64_t, ShopFeatures> shops_;
  // Completed purchases per (shop, buyer): distinct and repeat buyers.
  struct PairHash {
    size_t operator()(const std::pair<int64_t, int64_t>& key) const {
      return std::hash<int64_t>()(key.first * 1'000'003 ^ key.second);
    }
  };
  std::unordered_map<std::pair<int64_t, int64_t>, int32_t, PairHash> purchases_;
  // Paid orders not yet shipped: when they were paid, for on-time shipping.
  std::unordered_map<int64_t, int64_t> paid_at_;
};

}  // namespace shrimp::credit
