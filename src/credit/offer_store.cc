#include "credit/offer_store.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace shrimp::credit {
namespace {

std::string ReasonsToJson(const std::vector<std::string>& reasons) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const std::string& reason : reasons) {
    writer.String(reason.c_str(), static_cast<rapidjson::SizeType>(reason.size()));
  }
  writer.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::vector<std::string> ReasonsFromJson(const std::string& json) {
  std::vector<std::string> reasons;
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  if (!document.IsArray()) return reasons;
  for (const auto& item : document.GetArray()) {
    if (item.IsString()) reasons.emplace_back(item.GetString(), item.GetStringLength());
  }
  return reasons;
}

constexpr const char* kColumns =
    "shop_id, currency, decision, frozen, band, limit_amount, available, outstanding,"
    " active_loan_id, fee_bps, share_bps, term_days, pd_ppm, points, model_version, inputs,"
    " reasons, computed_at";

Result<StoredOffer> ReadRow(store::Query& query) {
  StoredOffer stored;
  Offer& offer = stored.offer;
  offer.shop_id = query.Int(0);
  SHRIMP_ASSIGN_OR_RETURN(Currency currency, Currency::Parse(query.Text(1)));
  offer.approved = query.Text(2) == "approved";
  offer.frozen = query.Int(3) != 0;
  offer.band = query.Text(4);
  offer.limit = Money{query.Int(5), currency};
  offer.available = Money{query.Int(6), currency};
  offer.outstanding = Money{query.Int(7), currency};
  offer.active_loan_id = query.Int(8);
  offer.fee_bps = query.Int(9);
  offer.share_bps = query.Int(10);
  offer.term_days = query.Int(11);
  offer.score.pd_ppm = query.Int(12);
  offer.score.pd = static_cast<double>(offer.score.pd_ppm) / 1e6;
  offer.score.points = query.Int(13);
  offer.model_version = query.Text(14);
  SHRIMP_ASSIGN_OR_RETURN(offer.inputs, InputsFromJson(query.Text(15)));
  offer.reasons = ReasonsFromJson(query.Text(16));
  stored.computed_at_ms = query.Int(17);
  return stored;
}

}  // namespace

std::vector<store::Migration> OfferMigrations() {
  return {{"credit", 4, "offers stored by the credit batch",
           R"sql(
CREATE TABLE credit_offers (
  shop_id INTEGER PRIMARY KEY,
  currency TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'declined')),
  frozen INTEGER NOT NULL,
  band TEXT NOT NULL,
  limit_amount INTEGER NOT NULL,
  available INTEGER NOT NULL,
  outstanding INTEGER NOT NULL,
  active_loan_id INTEGER NOT NULL,
  fee_bps INTEGER NOT NULL,
  share_bps INTEGER NOT NULL,
  term_days INTEGER NOT NULL,
  pd_ppm INTEGER NOT NULL,
  points INTEGER NOT NULL,
  model_version TEXT NOT NULL,
  inputs TEXT NOT NULL,
  reasons TEXT NOT NULL,
  computed_at INTEGER NOT NULL
);
CREATE INDEX credit_offers_decision ON credit_offers(decision, shop_id);
)sql"}};
}

void BatchTally::Add(const BatchTally& other) {
  shops += other.shops;
  approved += other.approved;
  for (const auto& [band, count] : other.bands) {
    bool found = false;
    for (auto& [name, total] : bands) {
      if (name == band) {
        total += count;
        found = true;
      }
    }
    if (!found) bands.emplace_back(band, count);
  }
}

Result<std::vector<BatchShop>> ListBatchShops(store::Connection& connection) {
  std::vector<BatchShop> shops;
  store::Query query(connection, "SELECT id, currency FROM shops ORDER BY id");
  while (query.Next()) {
    auto currency = Currency::Parse(query.Text(1));
    if (currency.ok()) shops.push_back({query.Int(0), *currency});
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  return shops;
}

Status SaveOffer(store::Connection& connection, const Offer& offer, int64_t computed_at_ms) {
  store::Query upsert(
      connection,
      std::string("INSERT INTO credit_offers (") + kColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          " ON CONFLICT (shop_id) DO UPDATE SET currency = excluded.currency,"
          " decision = excluded.decision, frozen = excluded.frozen, band = excluded.band,"
          " limit_amount = excluded.limit_amount, available = excluded.available,"
          " outstanding = excluded.outstanding, active_loan_id = excluded.active_loan_id,"
          " fee_bps = excluded.fee_bps, share_bps = excluded.share_bps,"
          " term_days = excluded.term_days, pd_ppm = excluded.pd_ppm, points = excluded.points,"
          " model_version = excluded.model_version, inputs = excluded.inputs,"
          " reasons = excluded.reasons, computed_at = excluded.computed_at");
  upsert.Bind(offer.shop_id, offer.limit.currency.code(), offer.approved ? "approved" : "declined",
              offer.frozen, offer.band, offer.limit.amount, offer.available.amount,
              offer.outstanding.amount, offer.active_loan_id, offer.fee_bps, offer.share_bps,
              offer.term_days, offer.score.pd_ppm, offer.score.points, offer.model_version,
              InputsJson(offer.inputs), ReasonsToJson(offer.reasons), computed_at_ms);
  return upsert.Run();
}

Result<BatchTally> RefreshOffers(store::Connection& connection, const CreditService& credit,
                                 std::span<const BatchShop> shops, int64_t now_ms) {
  BatchTally tally;
  for (const RiskBand& band : RiskBands()) tally.bands.emplace_back(band.name, 0);
  for (const BatchShop& shop : shops) {
    Offer offer = credit.MakeOffer(shop.shop_id, shop.currency);
    SHRIMP_RETURN_IF_ERROR(SaveOffer(connection, offer, now_ms));
    tally.shops += 1;
    if (!offer.approved) continue;
    tally.approved += 1;
    for (auto& [name, count] : tally.bands) {
      if (name == offer.band) count += 1;
    }
  }
  return tally;
}

Result<std::optional<StoredOffer>> LoadOffer(store::Connection& connection, int64_t shop_id) {
  store::Query query(connection,
                     std::string("SELECT ") + kColumns + " FROM credit_offers WHERE shop_id = ?");
  query.Bind(shop_id);
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return std::optional<StoredOffer>();
  }
  SHRIMP_ASSIGN_OR_RETURN(StoredOffer stored, ReadRow(query));
  return std::optional<StoredOffer>(std::move(stored));
}

Result<std::vector<StoredOffer>> ListOffers(store::Connection& connection,
                                            const OfferFilter& filter) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM credit_offers WHERE shop_id > ?";
  if (!filter.decision.empty()) sql += " AND decision = ?";
  if (!filter.band.empty()) sql += " AND band = ?";
  sql += " ORDER BY shop_id LIMIT ?";
  store::Query query(connection, sql);
  int index = 1;
  query.BindAt(index++, filter.after);
  if (!filter.decision.empty()) query.BindAt(index++, filter.decision);
  if (!filter.band.empty()) query.BindAt(index++, filter.band);
  query.BindAt(index++, filter.limit + 1);
  std::vector<StoredOffer> offers;
  while (query.Next()) {
    SHRIMP_ASSIGN_OR_RETURN(StoredOffer stored, ReadRow(query));
    offers.push_back(std::move(stored));
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  return offers;
}

}  // namespace shrimp::credit
