#include "search/product_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

namespace shrimp::search {
namespace {

class ProductIndexTest : public ::testing::Test {
 protected:
  ProductIndexTest() {
    directory_ = std::filesystem::temp_directory_path() /
                 ("shrimp-index-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    auto opened = ProductIndex::Open(directory_.string());
    EXPECT_TRUE(opened.ok());
    index_ = std::move(*opened);
  }
  ~ProductIndexTest() override {
    index_.reset();
    std::filesystem::remove_all(directory_);
  }

  SearchDocument Doc(int64_t id, int64_t shop_id, std::string title, int64_t price = 1000) {
    SearchDocument doc;
    doc.product_id = id;
    doc.shop_id = shop_id;
    doc.title = std::move(title);
    doc.category_path = {"Food", "Tea"};
    doc.category_slugs = {"food", "tea"};
    doc.shop_name = "Shop " + std::to_string(shop_id);
    doc.city = "Hangzhou";
    doc.country = "CN";
    doc.currency = "CNY";
    doc.price_min = price;
    doc.created_at_ms = id;
    doc.in_stock = true;
    return doc;
  }
  std::vector<int64_t> Ids(const SearchRequest& request) {
    auto result = index_->Search(request);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    std::vector<int64_t> ids;
    if (result.ok()) {
      for (const SearchHit& hit : result->items) ids.push_back(hit.product_id);
    }
    return ids;
  }
  std::vector<int64_t> Ids(const std::string& text) {
    SearchRequest request;
    request.text = text;
    return Ids(request);
  }

  std::filesystem::path directory_;
  std::unique_ptr<ProductIndex> index_;
};

TEST_F(ProductIndexTest, FindsEnglishFrenchAndChineseWords) {
  std::vector<SearchDocument> docs = {Doc(1, 1, "Green teas from the West Lake"),
                                      Doc(2, 2, "Théières en fonte émaillée"),
                                      Doc(3, 3, "明前龙井绿茶 250克"),
                                      Doc(4, 4, "Bamboo chopsticks")};
  for (SearchDocument& doc : docs) doc.category_path = {"Home"};
  ASSERT_TRUE(index_->Apply(docs, {}, {}).ok());
  EXPECT_EQ(Ids("tea"), std::vector<int64_t>{1});
  EXPECT_EQ(Ids("théière"), std::vector<int64_t>{2});
  EXPECT_EQ(Ids("绿茶"), std::vector<int64_t>{3});
  EXPECT_EQ(Ids("龙井"), std::vector<int64_t>{3});
  EXPECT_TRUE(Ids("porcelain").empty());
}

TEST_F(ProductIndexTest, SuggestsASpellingAndCompletesPrefixes) {
  ASSERT_TRUE(
      index_->Apply({Doc(1, 1, "Longjing green tea"), Doc(2, 2, "Jasmine tea")}, {}, {}).ok());
  SearchRequest request;
  request.text = "jasmin";
  auto result = index_->Search(request);
  ASSERT_TRUE(result.ok());
  ASSERT_TRUE(result->did_you_mean.has_value());
  EXPECT_EQ(*result->did_you_mean, "jasmine");
  auto suggestions = index_->Suggest("lon", 8);
  ASSERT_TRUE(suggestions.ok());
  EXPECT_EQ(*suggestions, std::vector<std::string>{"Longjing green tea"});
}

TEST_F(ProductIndexTest, FiltersAndFacets) {
  SearchDocument paris = Doc(2, 2, "Tea pot", 90000);
  paris.city = "Paris";
  paris.country = "FR";
  paris.currency = "EUR";
  paris.category_path = {"Home", "Kitchen"};
  paris.category_slugs = {"home", "kitchen"};
  SearchDocument sold_out = Doc(3, 3, "Tea cup", 500);
  sold_out.in_stock = false;
  ASSERT_TRUE(index_->Apply({Doc(1, 1, "Tea leaves", 2000), paris, sold_out}, {}, {}).ok());
  SearchRequest request;
  request.text = "tea";
  request.country = "FR";
  EXPECT_EQ(Ids(request), std::vector<int64_t>{2});
  request = {};
  request.category = "food";  // an ancestor finds its descendants
  request.sort = SearchSort::kPriceAsc;
  EXPECT_EQ(Ids(request), (std::vector<int64_t>{3, 1}));
  request.in_stock_only = true;
  EXPECT_EQ(Ids(request), std::vector<int64_t>{1});
  request = {};
  request.min_price = 1000;
  request.max_price = 5000;
  EXPECT_EQ(Ids(request), std::vector<int64_t>{1});
  request = {};
  request.text = "tea";
  auto result = index_->Search(request);
  ASSERT_TRUE(result.ok());
  std::map<std::string, int64_t> cities;
  for (const FacetCount& count : result->cities) cities[count.value] = count.count;
  EXPECT_EQ(cities["Hangzhou"], 2);
  EXPECT_EQ(cities["Paris"], 1);
  std::map<std::string, int64_t> prices;
  for (const FacetCount& count : result->prices) prices[count.value] = count.count;
  EXPECT_EQ(prices["500+"], 1);  // 900.00 EUR
  EXPECT_EQ(prices["0-10"], 1);  // 5.00 CNY
}

TEST_F(ProductIndexTest, NoShopHoldsMoreThanTwoOfTheTopTwenty) {
  std::vector<SearchDocument> docs;
  for (int64_t id = 1; id <= 40; ++id) docs.push_back(Doc(id, 1, "Big shop tea tea tea"));
  for (int64_t id = 41; id <= 60; ++id) docs.push_back(Doc(id, id, "Small shop tea"));
  ASSERT_TRUE(index_->Apply(docs, {}, {}).ok());
  for (SearchSort sort : {SearchSort::kRelevance, SearchSort::kNewest, SearchSort::kPriceAsc}) {
    SearchRequest request;
    request.text = sort == SearchSort::kNewest ? "" : "tea";
    request.sort = sort;
    request.limit = kDiversityTop;
    auto result = index_->Search(request);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->items.size(), static_cast<size_t>(kDiversityTop));
    std::map<int64_t, int64_t> per_shop;
    for (const SearchHit& hit : result->items) ++per_shop[hit.shop_id];
    for (const auto& [shop, count] : per_shop) EXPECT_LE(count, kResultsPerShopMax) << shop;
    // The big shop's other products follow, on the next pages.
    request.offset = kDiversityTop;
    auto next = index_->Search(request);
    ASSERT_TRUE(next.ok());
    ASSERT_FALSE(next->items.empty());
    EXPECT_EQ(next->items[0].shop_id, 1);
  }
}

TEST_F(ProductIndexTest, RatingsComeFromTheSignalsAtQueryTime) {
  ASSERT_TRUE(index_->Apply({Doc(1, 1, "Tea"), Doc(2, 2, "Tea")}, {}, {}).ok());
  auto signals = std::make_shared<ShopSignals>();
  (*signals)[2] = ShopSignal{4.9, 30, 100};
  (*signals)[1] = ShopSignal{3.2, 30, 100};
  index_->SetSignals(signals);
  SearchRequest request;
  request.text = "tea";
  EXPECT_EQ(Ids(request).front(), 2);  // the better shop ranks first
  request.min_rating = 4.5;
  EXPECT_EQ(Ids(request), std::vector<int64_t>{2});
  request = {};
  request.sort = SearchSort::kRating;
  EXPECT_EQ(Ids(request), (std::vector<int64_t>{2, 1}));
}

TEST_F(ProductIndexTest, QuerySyntaxNeverFails) {
  ASSERT_TRUE(index_->Apply({Doc(1, 1, "Tea")}, {}, {}).ok());
  for (const char* text : {"\"unterminated", "AND", "(((", "tea AND", "-", "+tea", "NEAR/3",
                           "title:", "*", "tea OR OR", ")"}) {
    SearchRequest request;
    request.text = text;
    EXPECT_TRUE(index_->Search(request).ok()) << text;
  }
}

TEST_F(ProductIndexTest, RemovedProductsAreNotFound) {
  ASSERT_TRUE(index_->Apply({Doc(1, 1, "Tea"), Doc(2, 2, "Tea")}, {}, {}).ok());
  ASSERT_TRUE(index_->Apply({}, {1}, {}).ok());
  EXPECT_EQ(Ids("tea"), std::vector<int64_t>{2});
  EXPECT_EQ(index_->DocumentCount(), 1);
}

// The per-document table the ranking, facets and diversity read is loaded
// from the index when it opens: a reopened index answers as before.
TEST_F(ProductIndexTest, AReopenedIndexKeepsFacetsDiversityAndBoosts) {
  std::vector<SearchDocument> docs;
  for (int64_t id = 1; id <= 10; ++id) docs.push_back(Doc(id, 1, "Big shop tea"));
  for (int64_t id = 11; id <= 13; ++id) {
    SearchDocument doc = Doc(id, id, "Small shop tea", 90000);
    doc.city = "Paris";
    doc.country = "FR";
    doc.currency = "EUR";
    docs.push_back(doc);
  }
  ASSERT_TRUE(index_->Apply(docs, {}, {}).ok());
  // A price change replaces the document: the table follows it.
  docs[0].price_min = 90000;
  docs[0].currency = "EUR";
  ASSERT_TRUE(index_->Apply({docs[0]}, {}, {}).ok());
  auto check = [&] {
    auto signals = std::make_shared<ShopSignals>();
    (*signals)[12] = ShopSignal{4.9, 30, 100};
    index_->SetSignals(signals);
    SearchRequest request;
    request.text = "tea";
    auto result = index_->Search(request);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->items.size(), 13u);
    EXPECT_EQ(result->items[0].product_id, 12);  // the well-rated shop first
    int from_big = 0;
    for (size_t i = 0; i < 5; ++i) from_big += result->items[i].shop_id == 1 ? 1 : 0;
    EXPECT_EQ(from_big, 2);  // 2 from the big shop, then the small shops
    std::map<std::string, int64_t> cities, prices, ratings;
    for (const FacetCount& count : result->cities) cities[count.value] = count.count;
    for (const FacetCount& count : result->prices) prices[count.value] = count.count;
    for (const FacetCount& count : result->ratings) ratings[count.value] = count.count;
    EXPECT_EQ(cities["Hangzhou"], 10);
    EXPECT_EQ(cities["Paris"], 3);
    EXPECT_EQ(prices["500+"], 4);
    EXPECT_EQ(prices["10-50"], 9);
    EXPECT_EQ(ratings["4.5+"], 1);
    EXPECT_EQ(ratings["unrated"], 12);
    request.min_rating = 4.5;
    auto rated = index_->Search(request);
    ASSERT_TRUE(rated.ok());
    ASSERT_EQ(rated->items.size(), 1u);
    EXPECT_EQ(rated->items[0].product_id, 12);
  };
  check();
  index_.reset();
  auto reopened = ProductIndex::Open(directory_.string());
  ASSERT_TRUE(reopened.ok());
  index_ = std::move(*reopened);
  check();
}

// The results cache: a repeated request is answered from it, equal to what
// the index answers; a commit or different shop signals invalidate it,
// equal signals do not; an answer's clock holds kResultCacheTtlMs.
std::string Summary(const SearchResult& result) {
  std::string text;
  for (const SearchHit& hit : result.items) {
    text += std::to_string(hit.product_id) + "/" + std::to_string(hit.shop_id) + "/" + hit.title +
            "/" + std::to_string(hit.rating) + "/" + std::to_string(hit.price_min) + " ";
  }
  for (const auto* facet :
       {&result.categories, &result.cities, &result.countries, &result.prices, &result.ratings}) {
    text += "|";
    for (const FacetCount& count : *facet) text += count.value + "=" + std::to_string(count.count);
  }
  text += "|" + result.did_you_mean.value_or("-") + "|" +
          std::to_string(result.next_offset.value_or(-1)) + "|" +
          std::to_string(result.total_estimate);
  return text;
}

TEST_F(ProductIndexTest, CachedAnswersEqualTheIndexAnswers) {
  std::vector<SearchDocument> docs;
  const char* words[] = {"green", "tea", "silk", "scarf", "bamboo", "tray"};
  for (int64_t id = 1; id <= 120; ++id) {
    SearchDocument doc =
        Doc(id, 1 + id % 17,
            std::string(words[id % 6]) + " " + words[(id / 6) % 6] + " " + words[(id / 36) % 6],
            100 + id * 97);
    if (id % 3 == 0) {
      doc.city = "Paris";
      doc.country = "FR";
      doc.currency = "EUR";
    }
    docs.push_back(doc);
  }
  ASSERT_TRUE(index_->Apply(docs, {}, {}).ok());
  auto signals = std::make_shared<ShopSignals>();
  for (int64_t shop = 1; shop <= 17; shop += 2)
    (*signals)[shop] = ShopSignal{3.0 + shop / 10.0, 5, shop};
  index_->SetSignals(signals);
  std::vector<SearchRequest> requests;
  for (const char* text : {"tea", "green tea", "silk scarf", "", "teas", "gren", "bamboo -tray"}) {
    for (int variant = 0; variant < 6; ++variant) {
      SearchRequest request;
      request.text = text;
      request.now_ms = 1000;
      if (variant == 1) request.city = "Paris";
      if (variant == 2) request.min_price = 2000, request.max_price = 6000;
      if (variant == 3) request.sort = SearchSort::kPriceDesc;
      if (variant == 4) request.min_rating = 3.5;
      if (variant == 5) request.offset = 20, request.limit = 5;
      requests.push_back(request);
    }
  }
  std::vector<std::string> expected;
  index_->SetResultCacheEntries(0);
  for (const SearchRequest& request : requests) {
    auto result = index_->Search(request);
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result->from_cache);
    expected.push_back(Summary(*result));
  }
  index_->SetResultCacheEntries(kResultCacheEntries);
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < requests.size(); ++i) {
      auto result = index_->Search(requests[i]);
      ASSERT_TRUE(result.ok());
      EXPECT_EQ(result->from_cache, round == 1) << requests[i].text;
      EXPECT_EQ(Summary(*result), expected[i]) << requests[i].text << " round " << round;
    }
  }
  auto stats = index_->CacheStats();
  EXPECT_EQ(stats.hits, static_cast<int64_t>(requests.size()));
  EXPECT_EQ(stats.entries, static_cast<int64_t>(requests.size()));
}

TEST_F(ProductIndexTest, ACommitOrNewSignalsInvalidateCachedAnswers) {
  ASSERT_TRUE(index_->Apply({Doc(1, 1, "Tea"), Doc(2, 2, "Tea")}, {}, {}).ok());
  auto signals = std::make_shared<ShopSignals>();
  (*signals)[1] = ShopSignal{4.9, 30, 100};
  index_->SetSignals(std::make_shared<ShopSignals>(*signals));  // a copy: the index keeps it
  SearchRequest request;
  request.text = "tea";
  request.now_ms = 5000;
  auto search = [&] {
    auto result = index_->Search(request);
    EXPECT_TRUE(result.ok());
    return result.ok() ? *result : SearchResult{};
  };
  EXPECT_FALSE(search().from_cache);
  EXPECT_TRUE(search().from_cache);
  // A new product: the next answer holds it.
  ASSERT_TRUE(index_->Apply({Doc(3, 3, "Tea")}, {}, {}).ok());
  SearchResult after_commit = search();
  EXPECT_FALSE(after_commit.from_cache);
  EXPECT_EQ(after_commit.items.size(), 3u);
  // Equal signals (the indexer sends them every round) keep the answers.
  index_->SetSignals(std::make_shared<ShopSignals>(*signals));
  EXPECT_TRUE(search().from_cache);
  // A review changes shop 2's score: ranking and ratings follow at once.
  (*signals)[2] = ShopSignal{5.0, 40, 500};
  (*signals)[1] = ShopSignal{3.1, 31, 100};
  index_->SetSignals(std::make_shared<ShopSignals>(*signals));
  SearchResult after_review = search();
  EXPECT_FALSE(after_review.from_cache);
  EXPECT_EQ(after_review.items.front().product_id, 2);
  EXPECT_DOUBLE_EQ(after_review.items.front().rating, 5.0);
  // A removal too.
  ASSERT_TRUE(index_->Apply({}, {2}, {}).ok());
  EXPECT_EQ(search().items.size(), 2u);
  // The clock: within the TTL the answer holds, beyond it is recomputed.
  EXPECT_TRUE(search().from_cache);
  request.now_ms += kResultCacheTtlMs;
  EXPECT_TRUE(search().from_cache);
  request.now_ms += 1;
  EXPECT_FALSE(search().from_cache);
}

}  // namespace
}  // namespace shrimp::search
