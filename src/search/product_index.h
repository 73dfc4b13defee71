// ProductIndex: the Xapian full-text index of published products, in the
// data directory (<data>/search/).
//
// Text: title (weighted x3), description, SKU attributes, category path
// (x2), shop name (x2) and city, each indexed twice — with the English
// stemmer (unprefixed terms) and the French stemmer (prefix "XF") — and with
// CJK n-grams (TermGenerator::FLAG_CJK_NGRAM), so "teas" finds "tea",
// "théière" finds "théières" and "绿茶" finds "龙井绿茶". Words also feed
// Xapian's spelling table for "did you mean".
//
// Filters are boolean terms (category and its ancestors, city, country, in
// stock) and value ranges (price). The shop's reputation is not stored in
// documents: a ShopSignals snapshot (score and sales per shop, refreshed
// by the indexer) is read at query time for min_rating, sort=rating and
// the ranking boost, so a review changes search at once without reindexing.
//
// Ranking (sort=relevance): BM25 text relevance plus a boost from the shop's
// score, its completed orders and the product's freshness (kBoost* below);
// then diversity: within the first kDiversityWindow results, no shop holds
// more than kResultsPerShopMax of the first kDiversityTop (a shop's extra
// hits move down, in order, behind them).
//
// Results cache: Search answers repeat (real query mixes are Zipfian: a
// few head queries make most of the traffic), so answers are kept in a
// bounded LRU keyed by the whole request except its clock, and tagged with
// the index generation (bumped by every Apply/Clear commit) and the shop
// signals' version (bumped only when SetSignals brings different signals).
// A lookup whose tags differ from the current ones is a miss, so a commit or
// a review invalidates every older answer at once with no writer-side
// state. An answer is also reused only within kResultCacheTtlMs of the
// request clock it was computed for (the freshness boost moves by about
// 2e-7 BM25 units per second, far below any score difference that orders
// results; sorts and filters do not read the clock).
//
// Threading: Apply (writes, commits) from one thread at a time (the
// indexer); Search and Suggest from any thread (a small pool of reader
// handles, reopened when the index changed).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace shrimp::search {

inline constexpr size_t kQueryLengthMax = 200;  // code points
inline constexpr int64_t kSearchLimitMax = 100;
inline constexpr int64_t kSearchOffsetMax = 10'000;
inline constexpr int64_t kSuggestionsMax = 8;
inline constexpr int64_t kDiversityTop = 20;
inline constexpr int64_t kResultsPerShopMax = 2;
inline constexpr int64_t kDiversityWindow = 200;
// Facets count the matches the matcher looks at, at least this many; beyond
// it the counts are scaled up to the estimated total (an estimate).
inline constexpr int64_t kFacetMatchesMax = 1000;
// Results cache (see above): entries, and how long an answer's clock holds.
inline constexpr size_t kResultCacheEntries = 16'384;
inline constexpr int64_t kResultCacheTtlMs = 1000;
// Ranking boost, in BM25 weight units, added to text relevance.
inline constexpr double kBoostScore = 1.5;      // x (score - 3) / 2, for scores 3..5
inline constexpr double kBoostSales = 0.3;      // x log10(1 + completed orders)
inline constexpr double kBoostFreshness = 0.5;  // fading over kFreshnessMs
inline constexpr int64_t kFreshnessMs = 30LL * 24 * 3600 * 1000;
// A shop with no reviews ranks as if it had this score.
inline constexpr double kUnratedScore = 4.0;

struct SearchDocument {
  int64_t product_id = 0;
  int64_t shop_id = 0;
  std::string title;
  std::string description;
  std::string attributes;                   // SKU attribute values, space-separated
  std::vector<std::string> category_path;   // names, root first
  std::vector<std::string> category_slugs;  // slugs, root first
  std::string shop_name;
  std::string city;
  std::string country;
  std::string currency;
  int64_t price_min = 0;  // minor units
  int64_t created_at_ms = 0;
  bool in_stock = false;
  std::string image;  // the first image's file name, or empty
};

// What the ranking knows about shops, swapped in whole by the indexer.
struct ShopSignal {
  double score = 0;     // 1..5
  int64_t reviews = 0;  // 0: unrated
  int64_t orders = 0;   // completed orders
  bool operator==(const ShopSignal&) const = default;
};
using ShopSignals = std::unordered_map<int64_t, ShopSignal>;

enum class SearchSort { kRelevance, kPriceAsc, kPriceDesc, kNewest, kRating };
std::optional<SearchSort> ParseSearchSort(std::string_view name);

struct SearchRequest {
  std::string text;                     // may be empty: a listing
  std::optional<std::string> category;  // slug
  std::optional<int64_t> min_price, max_price;
  std::optional<std::string> city, country;
  std::optional<double> min_rating;
  bool in_stock_only = false;
  SearchSort sort = SearchSort::kRelevance;
  int64_t offset = 0;
  int64_t limit = 20;
  int64_t now_ms = 0;  // for freshness
};

struct SearchHit {
  int64_t product_id = 0;
  int64_t shop_id = 0;
  std::string title;
  std::string shop_name;
  std::string city;
  std::string country;
  std::string currency;
  int64_t price_min = 0;
  double rating = 0;  // the shop's score; 0 when unrated
  int64_t reviews = 0;
  bool in_stock = false;
  std::string image;  // file name, or empty
};

struct FacetCount {
  std::string value;
  int64_t count = 0;
};

struct SearchResult {
  std::vector<SearchHit> items;
  std::vector<FacetCount> categories, cities, countries, prices, ratings;
  std::optional<std::string> did_you_mean;
  std::optional<int64_t> next_offset;
  int64_t total_estimate = 0;
  bool from_cache = false;  // answered from the results cache
};

struct ResultCacheStats {
  int64_t hits = 0, misses = 0, entries = 0;
};

class ProductIndex {
 public:
  // Opens (creating if needed) the index in `directory`.
  static Result<std::unique_ptr<ProductIndex>> Open(const std::string& directory);
  ~ProductIndex();

  // Adds or replaces `upserts`, deletes `removals`, stores `metadata` (the
  // indexer's watermarks), and commits. One caller at a time.
  [[nodiscard]] Status Apply(const std::vector<SearchDocument>& upserts,
                             const std::vector<int64_t>& removals,
                             const std::vector<std::pair<std::string, std::string>>& metadata);
  // Deletes every document (a rebuild starts here). One caller at a time.
  [[nodiscard]] Status Clear();
  std::string Metadata(const std::string& key) const;
  int64_t DocumentCount() const;

  // Swaps the ranking's shop signals in; when they equal the current ones
  // nothing changes (the results cache stays valid).
  void SetSignals(std::shared_ptr<const ShopSignals> signals);

  // Results cache size in entries (0 turns it off; kResultCacheEntries at open).
  void SetResultCacheEntries(size_t entries);
  ResultCacheStats CacheStats() const;

  // Errors: invalid_query (a query Xapian cannot parse even as plain words).
  [[nodiscard]] Result<SearchResult> Search(const SearchRequest& request) const;
  // Titles of products whose words start as `prefix` does, diverse by shop.
  [[nodiscard]] Result<std::vector<std::string>> Suggest(const std::string& prefix,
                                                         int64_t limit) const;

  struct Impl;

 private:
  explicit ProductIndex(std::unique_ptr<Impl> impl);
  Result<SearchResult> SearchUncached(const SearchRequest& request) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shrimp::search
