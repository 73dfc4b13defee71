// /api/v1/search and /api/v1/search/suggest: product search over the Xapian
// index (search/product_index.h), kept current by the search indexer.
#include <charconv>
#include <cmath>

#include "api/app.h"
#include "api/catalog_json.h"
#include "api/respond.h"
#include "core/money.h"
#include "http/json.h"

namespace shrimp::api {
namespace {

inline constexpr size_t kSuggestPrefixLengthMax = 100;

Error BadQuery(const std::string& field, const std::string& message) {
  return InvalidArgument("invalid_query", message).With("field", field);
}

// A query text: well-formed UTF-8 of at most `length_max` code points.
Result<std::string> QueryText(const http::Request& request, const char* name, size_t length_max) {
  std::string text(request.Query(name).value_or(""));
  if (!http::IsValidUtf8(text)) return BadQuery(name, std::string(name) + " is not valid UTF-8");
  size_t code_points = 0;
  for (unsigned char c : text) code_points += (c & 0xC0) != 0x80;
  if (code_points > length_max) {
    return BadQuery(name, std::string(name) + " is longer than " + std::to_string(length_max) +
                              " characters");
  }
  if (text.find('\0') != std::string::npos) return BadQuery(name, "q must not contain NUL");
  return text;
}

Result<std::optional<std::string>> OptionalWord(const http::Request& request, const char* name,
                                                size_t length_max) {
  auto value = request.Query(name);
  if (!value || value->empty()) return std::optional<std::string>();
  SHRIMP_ASSIGN_OR_RETURN(std::string text, QueryText(request, name, length_max));
  return std::optional<std::string>(std::move(text));
}

Result<search::SearchRequest> ParseSearch(const http::Request& request, int64_t now_ms) {
  search::SearchRequest parsed;
  parsed.now_ms = now_ms;
  SHRIMP_ASSIGN_OR_RETURN(parsed.text, QueryText(request, "q", search::kQueryLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(parsed.category, OptionalWord(request, "category", 64));
  SHRIMP_ASSIGN_OR_RETURN(parsed.city, OptionalWord(request, "city", 80));
  SHRIMP_ASSIGN_OR_RETURN(parsed.country, OptionalWord(request, "country", 2));
  if (parsed.country) {
    for (char& c : *parsed.country)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  SHRIMP_ASSIGN_OR_RETURN(parsed.min_price, QueryInt(request, "min_price", 0, kAmountMax));
  SHRIMP_ASSIGN_OR_RETURN(parsed.max_price, QueryInt(request, "max_price", 0, kAmountMax));
  if (parsed.min_price && parsed.max_price && *parsed.min_price > *parsed.max_price) {
    return BadQuery("min_price", "min_price is above max_price");
  }
  if (auto rating = request.Query("min_rating"); rating && !rating->empty()) {
    double value = 0;
    auto [end, error] = std::from_chars(rating->data(), rating->data() + rating->size(), value);
    if (error != std::errc() || end != rating->data() + rating->size() || !(value >= 1) ||
        !(value <= 5)) {
      return BadQuery("min_rating", "min_rating is a number from 1 to 5");
    }
    parsed.min_rating = value;
  }
  if (auto in_stock = request.Query("in_stock"); in_stock && !in_stock->empty()) {
    if (*in_stock == "true" || *in_stock == "1") {
      parsed.in_stock_only = true;
    } else if (*in_stock != "false" && *in_stock != "0") {
      return BadQuery("in_stock", "in_stock is true or false");
    }
  }
  if (auto sort = request.Query("sort"); sort && !sort->empty()) {
    auto parsed_sort = search::ParseSearchSort(*sort);
    if (!parsed_sort) {
      return BadQuery("sort", "sort is relevance, price_asc, price_desc, newest or rating");
    }
    parsed.sort = *parsed_sort;
  }
  SHRIMP_ASSIGN_OR_RETURN(auto limit, QueryInt(request, "limit", 1, search::kSearchLimitMax));
  parsed.limit = limit.value_or(kPageSizeDefault);
  // The cursor is opaque to clients; here it is a position in the ranking.
  SHRIMP_ASSIGN_OR_RETURN(auto after, QueryInt(request, "after", 0, search::kSearchOffsetMax));
  parsed.offset = after.value_or(0);
  return parsed;
}

void WriteFacet(http::JsonWriter& json, const char* name,
                const std::vector<search::FacetCount>& counts) {
  json.Key(name);
  json.StartArray();
  for (const search::FacetCount& count : counts) {
    json.StartObject();
    json.Field("value", count.value);
    json.Field("count", count.count);
    json.EndObject();
  }
  json.EndArray();
}

http::Response Search(App& app, const http::Request& request) {
  if (app.search_index() == nullptr) {
    return ErrorReply(Error{
        ErrorKind::kUnavailable, "search_unavailable", "the search index could not be opened", {}});
  }
  auto parsed = ParseSearch(request, app.clock().NowMs());
  if (!parsed.ok()) return ErrorReply(parsed.error());
  auto found = app.search_index()->Search(*parsed);
  if (!found.ok()) return ErrorReply(found.error());
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const search::SearchHit& hit : found->items) {
    json.StartObject();
    json.Field("id", hit.product_id);
    json.Field("title", hit.title);
    json.Field("shop_id", hit.shop_id);
    json.Field("shop_name", hit.shop_name);
    json.Field("city", hit.city);
    json.Field("country", hit.country);
    json.Key("price");
    json.StartObject();
    json.Field("amount", hit.price_min);
    json.Field("currency", hit.currency);
    json.EndObject();
    json.Key("rating");
    if (hit.reviews > 0) {
      json.Double(std::round(hit.rating * 100.0) / 100.0);
    } else {
      json.Null();
    }
    json.Field("reviews", hit.reviews);
    json.Field("in_stock", hit.in_stock);
    json.Key("image");
    if (hit.image.empty()) {
      json.Null();
    } else {
      json.String(ImageUrl(hit.image));
    }
    json.EndObject();
  }
  json.EndArray();
  json.Key("facets");
  json.StartObject();
  WriteFacet(json, "category", found->categories);
  WriteFacet(json, "price", found->prices);
  WriteFacet(json, "city", found->cities);
  WriteFacet(json, "country", found->countries);
  WriteFacet(json, "rating", found->ratings);
  json.EndObject();
  json.Key("did_you_mean");
  if (found->did_you_mean) {
    json.String(*found->did_you_mean);
  } else {
    json.Null();
  }
  json.Key("next_after");
  if (found->next_offset) {
    json.String(std::to_string(*found->next_offset));
  } else {
    json.Null();
  }
  json.Field("total_estimate", found->total_estimate);
  json.EndObject();
  return JsonReply(200, json.Take());
}

http::Response Suggest(App& app, const http::Request& request) {
  if (app.search_index() == nullptr) {
    return ErrorReply(Error{
        ErrorKind::kUnavailable, "search_unavailable", "the search index could not be opened", {}});
  }
  auto prefix = QueryText(request, "q", kSuggestPrefixLengthMax);
  if (!prefix.ok()) return ErrorReply(prefix.error());
  http::JsonWriter json;
  json.StartObject();
  json.Key("suggestions");
  json.StartArray();
  if (!prefix->empty()) {
    auto titles = app.search_index()->Suggest(*prefix, search::kSuggestionsMax);
    if (!titles.ok()) return ErrorReply(titles.error());
    for (const std::string& title : *titles) json.String(title);
  }
  json.EndArray();
  json.EndObject();
  return JsonReply(200, json.Take());
}

}  // namespace

void RegisterSearchRoutes(App& app) {
  http::Router& router = app.router();
  router.AddSync(
      "GET", "/api/v1/search", [&app](const http::Request& r) { return Search(app, r); },
      {.summary = "Search products: ?q= (English, French, CJK; typo tolerant), ?category= (slug, "
                  "with its subcategories), ?min_price=&max_price= (minor units), ?city=, "
                  "?country=, ?min_rating= (1-5), ?in_stock=true, "
                  "?sort=relevance|price_asc|price_desc|newest|rating, ?after=, ?limit= -> items, "
                  "facets (category, price, city, country, rating), did_you_mean, next_after; at "
                  "most 2 of a shop in the first 20",
       .tag = "search"});
  router.AddSync("GET", "/api/v1/search/suggest",
                 [&app](const http::Request& r) { return Suggest(app, r); },
                 {.summary = "Autocomplete: up to 8 product titles for the words typed so far "
                             "(?q=, the last word may be a prefix)",
                  .tag = "search"});
}

}  // namespace shrimp::api
