#include "credit/features.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>

#include "store/book_snapshot.h"

namespace shrimp::credit {

using orders::OrderEvent;
using orders::OrderFact;

int32_t MonthIndex(int64_t ms) {
  // Howard Hinnant's civil_from_days, for the year and month of a day count.
  int64_t days = ms >= 0 ? ms / kMsPerDay : (ms - kMsPerDay + 1) / kMsPerDay;
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t year = year_of_era + era * 400;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t month_prime = (5 * day_of_year + 2) / 153;
  int64_t month = month_prime < 10 ? month_prime + 3 : month_prime - 9;
  if (month <= 2) year += 1;
  return static_cast<int32_t>(year * 12 + (month - 1));
}

Status FeatureBook::Load(store::Connection& connection, int64_t max_event_id) {
  shops_.clear();
  purchases_.clear();
  paid_at_.clear();
  return Replay(connection, 0, max_event_id != 0 ? max_event_id : INT64_MAX);
}

Status FeatureBook::LoadFromSnapshot(store::Connection& connection) {
  using Clock = std::chrono::steady_clock;
  auto ms_between = [](Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
  };
  Clock::time_point start = Clock::now();
  SHRIMP_ASSIGN_OR_RETURN(auto snapshot,
                          store::ReadNewestBookSnapshot(connection, kFeatureBookName));
  if (!snapshot) return Load(connection);
  Clock::time_point read = Clock::now();
  SHRIMP_RETURN_IF_ERROR(RestoreText(snapshot->text));
  Clock::time_point restored = Clock::now();
  SHRIMP_RETURN_IF_ERROR(Replay(connection, snapshot->last_event_id, INT64_MAX));
  spdlog::info(
      "credit features: a snapshot of {} bytes read in {} ms, restored in {} ms ({} shops, {} "
      "shop-buyer pairs), the events after it replayed in {} ms",
      snapshot->text.size(), ms_between(start, read), ms_between(read, restored), shops_.size(),
      purchases_.size(), ms_between(restored, Clock::now()));
  return OkStatus();
}

Status FeatureBook::WriteSnapshot(store::Connection& connection, int64_t last_event_id,
                                  int64_t now_ms) const {
  return store::WriteBookSnapshot(connection, kFeatureBookName, last_event_id, now_ms,
                                  SnapshotText());
}

// The text: one record per shop ("s", its counters, then its 24 sales and 24
// order slots), per (shop, buyer) with completed purchases ("b") and per paid
// order not yet shipped ("p").
std::string FeatureBook::SnapshotText() const {
  store::BookTextWriter out;
  for (const auto& [shop_id, shop] : shops_) {
    out.Word("s").Int(shop_id).Word(shop.currency.empty() ? "-" : shop.currency.code());
    out.Int(shop.first_sale_ms).Int(shop.last_event_ms).Int(shop.last_month);
    out.Int(shop.paid_orders).Int(shop.shipped_orders).Int(shop.shipped_on_time);
    out.Int(shop.settled_orders).Int(shop.refunded_orders).Int(shop.disputed_orders);
    out.Int(shop.distinct_buyers).Int(shop.repeat_buyers);
    for (int64_t sales : shop.sales) out.Int(sales);
    for (int32_t orders : shop.orders) out.Int(orders);
    out.EndRecord();
  }
  for (const auto& [key, count] : purchases_) {
    out.Word("b").Int(key.first).Int(key.second).Int(count);
    out.EndRecord();
  }
  for (const auto& [order_id, at] : paid_at_) {
    out.Word("p").Int(order_id).Int(at);
    out.EndRecord();
  }
  return std::move(out.text());
}

Status FeatureBook::RestoreText(std::string_view text) {
  shops_.clear();
  purchases_.clear();
  paid_at_.clear();
  // One record a line: the line count bounds the pairs (no rehashing).
  purchases_.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')));
  store::BookTextReader in(text);
  while (!in.AtEnd() && in.ok()) {
    std::string_view kind = in.Word();
    if (kind == "s") {
      int64_t shop_id = in.Int();
      ShopFeatures& shop = shops_[shop_id];
      if (std::string_view code = in.Word(); code != "-") {
        auto currency = Currency::Parse(code);
        if (!currency.ok()) return Internal("credit snapshot: invalid currency");
        shop.currency = *currency;
      }
      shop.first_sale_ms = in.Int();
      shop.last_event_ms = in.Int();
      shop.last_month = static_cast<int32_t>(in.Int());
      shop.paid_orders = in.Int();
      shop.shipped_orders = in.Int();
      shop.shipped_on_time = in.Int();
      shop.settled_orders = in.Int();
      shop.refunded_orders = in.Int();
      shop.disputed_orders = in.Int();
      shop.distinct_buyers = in.Int();
      shop.repeat_buyers = in.Int();
      for (int64_t& sales : shop.sales) sales = in.Int();
      for (int32_t& orders : shop.orders) orders = static_cast<int32_t>(in.Int());
    } else if (kind == "b") {
      int64_t shop_id = in.Int();
      int64_t buyer_id = in.Int();
      purchases_[{shop_id, buyer_id}] = static_cast<int32_t>(in.Int());
    } else if (kind == "p") {
      int64_t order_id = in.Int();
      paid_at_[order_id] = in.Int();
    } else {
      return Internal("credit snapshot: unknown record '" + std::string(kind) + "'");
    }
    in.EndRecord();
  }
  if (!in.ok()) return Internal("credit snapshot: malformed text");
  return OkStatus();
}

Status FeatureBook::Replay(store::Connection& connection, int64_t after_id, int64_t upto_id) {
  store::Query events(connection,
                      "SELECT e.order_id, o.shop_id, o.buyer_id, o.total, o.currency, e.event,"
                      " e.status, e.created_at, e.amount, COALESCE(e.outcome, '')"
                      " FROM order_events e JOIN orders o ON o.id = e.order_id"
                      " WHERE e.id > ? AND e.id <= ? ORDER BY e.id");
  events.Bind(after_id, upto_id);
  while (events.Next()) {
    OrderFact fact;
    fact.order_id = events.Int(0);
    fact.shop_id = events.Int(1);
    fact.buyer_id = events.Int(2);
    auto currency = Currency::Parse(events.Text(4));
    if (!currency.ok()) return Internal("order with an invalid currency");
    fact.total = Money{events.Int(3), *currency};
    auto event = orders::ParseEvent(events.Text(5));
    auto status = orders::ParseStatus(events.Text(6));
    if (!event || !status) return Internal("order event with an unknown name");
    fact.event = *event;
    fact.next = *status;
    fact.at_ms = events.Int(7);
    fact.amount = events.Int(8);
    fact.outcome = events.Text(9);
    Apply(nullptr, fact);
  }
  return events.status();
}

void FeatureBook::OnOrderEvent(store::Journal& journal, const OrderFact& fact) {
  Apply(&journal, fact);
}

const ShopFeatures* FeatureBook::Find(int64_t shop_id) const {
  auto found = shops_.find(shop_id);
  return found == shops_.end() ? nullptr : &found->second;
}

ShopFeatures& FeatureBook::Touch(store::Journal* journal, int64_t shop_id) {
  auto [it, inserted] = shops_.try_emplace(shop_id);
  if (journal) {
    if (inserted) {
      journal->Record([this, shop_id] { shops_.erase(shop_id); });
    } else {
      journal->Record([this, shop_id, saved = it->second] { shops_[shop_id] = saved; });
    }
  }
  return it->second;
}

void FeatureBook::AddSale(ShopFeatures& shop, int64_t at_ms, int64_t amount) {
  int32_t month = MonthIndex(at_ms);
  if (shop.first_sale_ms == 0) {
    shop.first_sale_ms = at_ms;
    shop.last_month = month;
  }
  if (month > shop.last_month) {
    // Clear the slots of the months that passed without a sale.
    for (int32_t m = shop.last_month + 1; m <= month && m - shop.last_month <= kFeatureMonths;
         ++m) {
      shop.sales[m % kFeatureMonths] = 0;
      shop.orders[m % kFeatureMonths] = 0;
    }
    shop.last_month = month;
  }
  if (month <= shop.last_month - kFeatureMonths) return;  // older than the ring (clock moved back)
  shop.sales[month % kFeatureMonths] += amount;
  shop.orders[month % kFeatureMonths] += 1;
}

void FeatureBook::Apply(store::Journal* journal, const OrderFact& fact) {
  if (fact.event == OrderEvent::kCreate) return;
  ShopFeatures& shop = Touch(journal, fact.shop_id);
  shop.currency = fact.total.currency;
  shop.last_event_ms = fact.at_ms;
  auto forget_paid = [&] {
    auto paid = paid_at_.find(fact.order_id);
    if (paid == paid_at_.end()) return;
    if (journal) {
      journal->Record(
          [this, order_id = fact.order_id, at = paid->second] { paid_at_[order_id] = at; });
    }
    paid_at_.erase(paid);
  };
  switch (fact.event) {
    case OrderEvent::kPay: {
      shop.paid_orders += 1;
      paid_at_[fact.order_id] = fact.at_ms;
      if (journal) journal->Record([this, order_id = fact.order_id] { paid_at_.erase(order_id); });
      return;
    }
    case OrderEvent::kShip: {
      auto paid = paid_at_.find(fact.order_id);
      shop.shipped_orders += 1;
      if (paid != paid_at_.end() && fact.at_ms - paid->second <= kShipOnTimeMs) {
        shop.shipped_on_time += 1;
      }
      forget_paid();
      return;
    }
    case OrderEvent::kDispute: shop.disputed_orders += 1; return;
    case OrderEvent::kCancel:
    case OrderEvent::kExpire: forget_paid(); return;
    case OrderEvent::kConfirm:
    case OrderEvent::kAcceptRefund:
    case OrderEvent::kResolve: break;
    default: return;
  }
  // The order settled: `amount` went back to the buyer, the rest to the shop.
  forget_paid();
  shop.settled_orders += 1;
  int64_t refunded = fact.amount;
  if (refunded > 0) shop.refunded_orders += 1;
  int64_t released = fact.total.amount - refunded;
  if (released <= 0) return;
  AddSale(shop, fact.at_ms, released);
  auto key = std::make_pair(fact.shop_id, fact.buyer_id);
  auto [it, inserted] = purchases_.try_emplace(key, 0);
  it->second += 1;
  if (journal) {
    journal->Record([this, key] {
      auto found = purchases_.find(key);
      if (--found->second == 0) purchases_.erase(found);
    });
  }
  if (it->second == 1) shop.distinct_buyers += 1;
  if (it->second == 2) shop.repeat_buyers += 1;
}

Status FeatureBook::CompareWith(const FeatureBook& other) const {
  if (shops_.size() != other.shops_.size()) {
    return Internal("credit features: " + std::to_string(shops_.size()) + " shops live, " +
                    std::to_string(other.shops_.size()) + " rebuilt");
  }
  for (const auto& [shop_id, features] : shops_) {
    const ShopFeatures* rebuilt = other.Find(shop_id);
    if (!rebuilt || !(*rebuilt == features)) {
      return Internal("credit features of shop " + std::to_string(shop_id) +
                      " differ from their rebuild");
    }
  }
  if (purchases_ != other.purchases_) return Internal("credit buyer counts differ from rebuild");
  if (paid_at_ != other.paid_at_) return Internal("credit unshipped orders differ from rebuild");
  return OkStatus();
}

DerivedFeatures FeatureBook::Derive(const ShopFeatures& shop, int64_t now_ms) {
  DerivedFeatures derived;
  if (shop.first_sale_ms > 0 && now_ms > shop.first_sale_ms) {
    derived.tenure_days = (now_ms - shop.first_sale_ms) / kMsPerDay;
  }
  // Complete months before the current one: 1 is last month.
  int32_t now_month = MonthIndex(now_ms);
  auto sales_of = [&](int back) -> int64_t {
    int32_t month = now_month - back;
    if (shop.first_sale_ms == 0 || month > shop.last_month ||
        month <= shop.last_month - kFeatureMonths) {
      return 0;
    }
    return shop.sales[month % kFeatureMonths];
  };
  auto orders_of = [&](int back) -> int64_t {
    int32_t month = now_month - back;
    if (shop.first_sale_ms == 0 || month > shop.last_month ||
        month <= shop.last_month - kFeatureMonths) {
      return 0;
    }
    return shop.orders[month % kFeatureMonths];
  };
  int64_t recent = sales_of(1) + sales_of(2) + sales_of(3);
  int64_t before = sales_of(4) + sales_of(5) + sales_of(6);
  derived.monthly_sales = recent / 3;
  derived.monthly_orders = static_cast<double>(orders_of(1) + orders_of(2) + orders_of(3)) / 3.0;
  if (before > 0) derived.growth = static_cast<double>(recent) / static_cast<double>(before) - 1.0;
  if (recent + before > 0) {
    double mean = static_cast<double>(recent + before) / 6.0;
    double squares = 0;
    for (int back = 1; back <= 6; ++back) {
      double diff = static_cast<double>(sales_of(back)) - mean;
      squares += diff * diff;
    }
    derived.volatility = std::sqrt(squares / 6.0) / mean;
  }
  derived.distinct_buyers = shop.distinct_buyers;
  if (shop.distinct_buyers > 0) {
    derived.repeat_share =
        static_cast<double>(shop.repeat_buyers) / static_cast<double>(shop.distinct_buyers);
  }
  if (shop.settled_orders > 0) {
    derived.refund_rate =
        static_cast<double>(shop.refunded_orders) / static_cast<double>(shop.settled_orders);
  }
  if (shop.paid_orders > 0) {
    derived.dispute_rate =
        static_cast<double>(shop.disputed_orders) / static_cast<double>(shop.paid_orders);
  }
  if (shop.shipped_orders > 0) {
    derived.on_time_rate =
        static_cast<double>(shop.shipped_on_time) / static_cast<double>(shop.shipped_orders);
  }
  return derived;
}

}  // namespace shrimp::credit
