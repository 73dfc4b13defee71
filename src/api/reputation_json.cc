#include "api/reputation_json.h"

#include <cmath>

#include "api/catalog_json.h"

namespace shrimp::api {
namespace {

void Rounded(http::JsonWriter& json, double value) {
  json.Double(std::round(value * 100.0) / 100.0);
}

}  // namespace

void WriteReview(http::JsonWriter& json, const reputation::Review& review) {
  json.StartObject();
  json.Field("id", review.id);
  json.Field("order_id", review.order_id);
  json.Field("line_id", review.line_id);
  json.Field("shop_id", review.shop_id);
  json.Field("product_id", review.product_id);
  json.Field("product_title", review.product_title);
  json.Field("buyer", review.buyer_name);
  json.Key("ratings");
  json.StartObject();
  for (int d = 0; d < reputation::kDimensions; ++d) {
    json.Field(reputation::kDimensionNames[d], review.stars[d]);
  }
  json.EndObject();
  json.Field("text", review.text);
  json.Key("images");
  json.StartArray();
  for (const std::string& name : review.images) json.String(ImageUrl(name));
  json.EndArray();
  json.TimeField("created_at", review.created_at_ms);
  json.Field("status", reputation::ReviewStatusName(review.status));
  if (!review.flag.empty()) json.Field("flag", review.flag);
  json.Key("reply");
  if (review.reply) {
    json.StartObject();
    json.Field("text", *review.reply);
    json.TimeField("created_at", review.reply_at_ms);
    json.EndObject();
  } else {
    json.Null();
  }
  json.Field("open_reports", review.open_reports);
  json.EndObject();
}

void WriteReputation(http::JsonWriter& json, const reputation::ReputationBook& book,
                     int64_t shop_id, int64_t now_ms, bool standing) {
  reputation::ShopScore score = book.Score(shop_id, now_ms);
  json.StartObject();
  json.Key("score");
  Rounded(json, score.score);
  json.Field("reviews", score.reviews);
  json.Field("positive", score.positive);
  json.Key("level");
  json.StartObject();
  json.Field("tier", score.level.tier);
  json.Field("count", score.level.count);
  json.EndObject();
  json.Key("ratings");
  json.StartObject();
  std::array<reputation::DimensionStanding, reputation::kDimensions> standings{};
  if (standing) standings = book.Standing(shop_id, now_ms);
  for (int d = 0; d < reputation::kDimensions; ++d) {
    json.Key(reputation::kDimensionNames[d]);
    if (!standing) {
      Rounded(json, score.dimensions[d]);
      continue;
    }
    json.StartObject();
    json.Key("rating");
    Rounded(json, standings[d].rating);
    json.Key("market");
    Rounded(json, standings[d].market);
    json.Field("higher_than_percent", standings[d].higher_than_percent);
    json.EndObject();
  }
  json.EndObject();
  if (standing) {
    json.Key("penalty");
    Rounded(json, score.penalty);
  }
  json.EndObject();
}

}  // namespace shrimp::api
