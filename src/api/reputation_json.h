// JSON for reviews and a shop's reputation, as documented in /openapi.json.
#pragma once

#include "http/json.h"
#include "reputation/reputation_book.h"
#include "reputation/review_service.h"

namespace shrimp::api {

void WriteReview(http::JsonWriter& json, const reputation::Review& review);

// {"score", "reviews", "positive", "level": {"tier", "count"}, "ratings": {...}}.
// With `standing`, each rating also says the marketplace mean and the share
// of shops rated lower (O(shops): for one shop's page, not for listings).
void WriteReputation(http::JsonWriter& json, const reputation::ReputationBook& book,
                     int64_t shop_id, int64_t now_ms, bool standing);

}  // namespace shrimp::api
