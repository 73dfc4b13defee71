// OfferStore: the offers `shrimp credit batch` computed, one row per shop.
//
// The batch scores every shop with the active model and keeps the result in
// credit_offers: the decision, band, limit, price (fee and repayment share),
// PD and points, the model version, the inputs and the reasons, and when it
// was computed. The row is replaced by the next batch. A stored offer is a
// record of what the batch saw; a loan is always decided on a fresh score
// (CreditService::Apply), so a stale row can never lend more than the live
// offer would.
//
// Only SQL rows, no hot state: a failed job leaves nothing behind.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "credit/credit_service.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::credit {

// Shops scored and stored per writer job of a batch.
inline constexpr size_t kBatchShopsPerJob = 2000;

std::vector<store::Migration> OfferMigrations();

struct StoredOffer {
  Offer offer;
  int64_t computed_at_ms = 0;
};

struct BatchShop {
  int64_t shop_id = 0;
  Currency currency;
};

struct BatchTally {
  int64_t shops = 0;
  int64_t approved = 0;
  std::vector<std::pair<std::string, int64_t>> bands;  // band -> shops, in band order
  void Add(const BatchTally& other);
};

// Every shop, in id order, with its currency.
[[nodiscard]] Result<std::vector<BatchShop>> ListBatchShops(store::Connection& connection);

// Writer thread: scores `shops` now and replaces their stored offers.
[[nodiscard]] Result<BatchTally> RefreshOffers(store::Connection& connection,
                                               const CreditService& credit,
                                               std::span<const BatchShop> shops, int64_t now_ms);

[[nodiscard]] Status SaveOffer(store::Connection& connection, const Offer& offer,
                               int64_t computed_at_ms);
[[nodiscard]] Result<std::optional<StoredOffer>> LoadOffer(store::Connection& connection,
                                                           int64_t shop_id);

struct OfferFilter {
  std::string decision;  // "", "approved" or "declined"
  std::string band;      // "" or a band name
  int64_t after = 0;     // shop id cursor
  int64_t limit = 20;
};
// In shop id order, after `filter.after`, at most `filter.limit + 1` rows
// (the caller drops the extra one and knows a next page exists).
[[nodiscard]] Result<std::vector<StoredOffer>> ListOffers(store::Connection& connection,
                                                          const OfferFilter& filter);

}  // namespace shrimp::credit
