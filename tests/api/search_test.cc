// Product search over real HTTP: products, prices and stock reach the index
// through the indexer (never the writer thread), reviews change ratings at
// once, and bad queries get clear errors.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "search/product_index.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpResult;

class SearchTest : public ::testing::Test {
 protected:
  SearchTest() : server_(Options()), market_(server_.port()) {
    shop_ = market_.OpenShop("Search Tea", "CNY", {}, 1000);
  }
  static api::AppOptions Options() {
    api::AppOptions options = testing::FastTestOptions();
    options.search_indexer_thread = false;  // the tests index when they choose
    return options;
  }
  int64_t AddProduct(const std::string& title, int64_t price, int64_t stock) {
    HttpResult created =
        client_.Post("/api/v1/shops/" + std::to_string(shop_.shop_id) + "/products",
                     R"({"title":")" + title +
                         R"(","description":"d","category":"tea","skus":[{"price":{"amount":)" +
                         std::to_string(price) + R"(,"currency":"CNY"},"stock":)" +
                         std::to_string(stock) + R"(,"attrs":{"weight":"250 g"}}]})",
                     shop_.merchant_token);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json.IsObject() ? created.json["id"].GetInt64() : 0;
  }
  void Index() {
    auto indexed = server_.app().search_indexer()->RunOnce();
    ASSERT_TRUE(indexed.ok()) << indexed.error().message;
  }
  std::vector<int64_t> Found(const std::string& query) {
    HttpResult result = client_.Get("/api/v1/search?" + query);
    EXPECT_EQ(result.status, 200) << result.body;
    std::vector<int64_t> ids;
    if (result.status == 200) {
      for (const auto& item : result.json["items"].GetArray()) ids.push_back(item["id"].GetInt64());
    }
    return ids;
  }
  static std::string Code(const HttpResult& result) {
    return result.json.IsObject() && result.json.HasMember("error")
               ? result.json["error"]["code"].GetString()
               : "";
  }

  testing::TestServer server_;
  testing::Market market_;
  testing::HttpClient client_ = market_.Client();
  testing::ShopFixture shop_;
};

TEST_F(SearchTest, ProductsPricesAndStockReachTheIndex) {
  int64_t longjing = AddProduct("Longjing green tea", 8800, 5);
  int64_t teapot = AddProduct("Théière en fonte", 25000, 1);
  Index();
  EXPECT_EQ(Found("q=longjing"), std::vector<int64_t>{longjing});
  EXPECT_EQ(Found("q=th%C3%A9i%C3%A8res"), std::vector<int64_t>{teapot});
  EXPECT_EQ(Found("q=&min_price=20000").size(), 1u);

  HttpResult product = client_.Get("/api/v1/products/" + std::to_string(teapot));
  std::string sku = std::to_string(product.json["skus"][0]["id"].GetInt64());
  ASSERT_EQ(client_.Patch("/api/v1/skus/" + sku, R"({"stock":0})", shop_.merchant_token).status,
            200);
  ASSERT_EQ(client_
                .Patch("/api/v1/skus/" + sku, R"({"price":{"amount":100,"currency":"CNY"}})",
                       shop_.merchant_token)
                .status,
            200);
  Index();
  EXPECT_EQ(Found("q=&in_stock=true"), std::vector<int64_t>{longjing});
  EXPECT_EQ(Found("q=&max_price=500"), std::vector<int64_t>{teapot});

  ASSERT_EQ(client_
                .Patch("/api/v1/products/" + std::to_string(longjing), R"({"status":"draft"})",
                       shop_.merchant_token)
                .status,
            200);
  Index();
  EXPECT_TRUE(Found("q=longjing").empty());

  HttpResult answer = client_.Get("/api/v1/search?q=fonte");
  EXPECT_TRUE(answer.json["facets"]["city"].IsArray());
  EXPECT_TRUE(answer.json["did_you_mean"].IsNull());
  HttpResult suggest = client_.Get("/api/v1/search/suggest?q=th%C3%A9i");
  ASSERT_EQ(suggest.status, 200) << suggest.body;
  ASSERT_EQ(suggest.json["suggestions"].Size(), 1u);
  EXPECT_STREQ(suggest.json["suggestions"][0].GetString(), "Théière en fonte");
}

TEST_F(SearchTest, TheIndexerThreadShowsAChangeWithinASecondOrSo) {
  api::AppOptions options = testing::FastTestOptions();
  testing::TestServer live(options);
  testing::Market market(live.port());
  testing::ShopFixture shop = market.OpenShop("Live Tea", "CNY", {3}, 1000);
  auto client = market.Client();
  auto started = std::chrono::steady_clock::now();
  // The fixture's product is "Product 1"; poll as a browser would.
  while (true) {
    HttpResult result = client.Get("/api/v1/search?q=product");
    if (result.status == 200 && result.json["items"].Size() == 1) break;
    ASSERT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5))
        << "not indexed: " << result.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

TEST_F(SearchTest, BadQueriesGetClearErrors) {
  AddProduct("Longjing green tea", 8800, 5);
  Index();
  std::string long_query(search::kQueryLengthMax + 1, 'a');
  for (const std::string& query :
       {std::string("q=%FF%FE"), "q=" + long_query, std::string("sort=cheapest"),
        std::string("min_price=10&max_price=5"), std::string("min_price=-1"),
        std::string("min_rating=6"), std::string("min_rating=abc"), std::string("limit=0"),
        std::string("limit=1000"), std::string("after=-1"), std::string("in_stock=maybe"),
        std::string("country=FRA")}) {
    HttpResult result = client_.Get("/api/v1/search?" + query);
    EXPECT_EQ(result.status, 400) << query << ": " << result.body;
    EXPECT_EQ(Code(result), "invalid_query") << query;
  }
  // Query syntax is taken as words, never an error.
  for (const char* query : {"q=%22tea", "q=AND", "q=(((", "q=tea%20OR%20OR", "q=-", "q=*"}) {
    EXPECT_EQ(client_.Get(std::string("/api/v1/search?") + query).status, 200) << query;
  }
  std::string exact(search::kQueryLengthMax, 'a');
  EXPECT_EQ(client_.Get("/api/v1/search?q=" + exact).status, 200);
  EXPECT_EQ(client_.Get("/api/v1/search/suggest?q=%FF").status, 400);
}

}  // namespace
}  // namespace shrimp
