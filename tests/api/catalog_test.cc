// Shops, products, SKUs, images and search over real HTTP.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::TestServer;

constexpr const char* kShop =
    R"({"name":"West Lake Tea","city":"Hangzhou","country":"CN","currency":"CNY","description":"Longjing"})";

std::string ProductBody(const std::string& title, int64_t price, int64_t stock,
                        const std::string& currency = "CNY", const std::string& category = "tea") {
  return R"({"title":")" + title + R"(","description":"d","category":")" + category +
         R"(","skus":[{"price":{"amount":)" + std::to_string(price) + R"(,"currency":")" +
         currency + R"("},"stock":)" + std::to_string(stock) + R"(,"attrs":{"weight":"250 g"}}]})";
}

class CatalogTest : public ::testing::Test {
 protected:
  CatalogTest() : server_(testing::FastTestOptions()), market_(server_.port()) {}
  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok());
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }
  int64_t OpenShop(const std::string& token, const std::string& body = kShop) {
    auto shop = client_.Post("/api/v1/shops", body, token);
    EXPECT_EQ(shop.status, 201) << shop.body;
    return shop.status == 201 ? shop.json["id"].GetInt64() : 0;
  }
  std::string ShopPath(int64_t id) { return "/api/v1/shops/" + std::to_string(id); }
  std::string ProductPath(int64_t id) { return "/api/v1/products/" + std::to_string(id); }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
};

TEST_F(CatalogTest, OpenShopAddProductAndReadItBack) {
  std::string merchant = market_.SignUp("mei@example.com");
  int64_t shop_id = OpenShop(merchant);
  auto me = client_.Get("/api/v1/me", merchant);
  EXPECT_STREQ(me.json["role"].GetString(), "merchant");
  auto shop = client_.Get(ShopPath(shop_id));
  ASSERT_EQ(shop.status, 200);
  EXPECT_STREQ(shop.json["city"].GetString(), "Hangzhou");
  EXPECT_STREQ(shop.json["currency"].GetString(), "CNY");
  EXPECT_EQ(shop.json["owner_id"].GetInt64(), me.json["id"].GetInt64());

  auto created = client_.Post(ShopPath(shop_id) + "/products",
                              ProductBody("Longjing 250 g", 8800, 40), merchant);
  ASSERT_EQ(created.status, 201) << created.body;
  int64_t product_id = created.json["id"].GetInt64();
  auto product = client_.Get(ProductPath(product_id));
  ASSERT_EQ(product.status, 200);
  EXPECT_STREQ(product.json["title"].GetString(), "Longjing 250 g");
  EXPECT_STREQ(product.json["category"]["slug"].GetString(), "tea");
  EXPECT_STREQ(product.json["shop"]["name"].GetString(), "West Lake Tea");
  EXPECT_EQ(product.json["skus"][0]["stock"].GetInt64(), 40);
  EXPECT_EQ(product.json["skus"][0]["price"]["amount"].GetInt64(), 8800);
  EXPECT_STREQ(product.json["skus"][0]["attrs"]["weight"].GetString(), "250 g");
  EXPECT_EQ(product.json["price_min"]["amount"].GetInt64(), 8800);
  EXPECT_EQ(client_.Get(ShopPath(shop_id)).json["product_count"].GetInt64(), 1);
}

TEST_F(CatalogTest, MerchantEditsProductsSkusAndStock) {
  std::string merchant = market_.SignUp("mei@example.com");
  int64_t shop_id = OpenShop(merchant);
  auto created =
      client_.Post(ShopPath(shop_id) + "/products", ProductBody("Oolong", 5000, 5), merchant);
  int64_t product_id = created.json["id"].GetInt64();
  int64_t sku_id = created.json["skus"][0]["id"].GetInt64();

  auto patched = client_.Patch(ProductPath(product_id),
                               R"({"title":"Tieguanyin oolong","category":"coffee"})", merchant);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_STREQ(patched.json["title"].GetString(), "Tieguanyin oolong");
  EXPECT_STREQ(patched.json["category"]["slug"].GetString(), "coffee");

  auto added = client_.Post(
      ProductPath(product_id) + "/skus",
      R"({"price":{"amount":3000,"currency":"CNY"},"stock":7,"attrs":{"weight":"100 g"}})",
      merchant);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json["skus"].Size(), 2u);
  EXPECT_EQ(added.json["price_min"]["amount"].GetInt64(), 3000);

  auto stocked =
      client_.Patch("/api/v1/skus/" + std::to_string(sku_id),
                    R"({"stock":12,"price":{"amount":4500,"currency":"CNY"}})", merchant);
  ASSERT_EQ(stocked.status, 200) << stocked.body;
  EXPECT_EQ(stocked.json["skus"][0]["stock"].GetInt64(), 12);
  EXPECT_EQ(stocked.json["skus"][0]["price"]["amount"].GetInt64(), 4500);

  int64_t second_sku = added.json["skus"][1]["id"].GetInt64();
  auto retired = client_.Delete("/api/v1/skus/" + std::to_string(second_sku), merchant);
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(retired.json["skus"].Size(), 1u);
  EXPECT_EQ(retired.json["price_min"]["amount"].GetInt64(), 4500);
  EXPECT_EQ(client_.Delete("/api/v1/skus/" + std::to_string(sku_id), merchant).ErrorCode(),
            "last_sku");

  auto draft = client_.Patch(ProductPath(product_id), R"({"status":"draft"})", merchant);
  ASSERT_EQ(draft.status, 200);
  EXPECT_EQ(client_.Get(ProductPath(product_id)).status, 404);            // public: gone
  EXPECT_EQ(client_.Get(ProductPath(product_id), merchant).status, 200);  // owner: still there
  EXPECT_EQ(client_.Get(ShopPath(shop_id) + "/products").json["items"].Size(), 0u);
  EXPECT_EQ(client_.Get(ShopPath(shop_id) + "/products", merchant).json["items"].Size(), 1u);

  EXPECT_EQ(client_.Delete(ProductPath(product_id), merchant).status, 204);
  EXPECT_EQ(client_.Get(ProductPath(product_id), merchant).status, 404);
}

TEST_F(CatalogTest, OnlyTheShopsMerchantChangesIt) {
  std::string owner = market_.SignUp("owner@example.com");
  std::string other = market_.SignUp("other@example.com");
  int64_t shop_id = OpenShop(owner);
  auto created =
      client_.Post(ShopPath(shop_id) + "/products", ProductBody("Pu'er cake", 12000, 3), owner);
  int64_t product_id = created.json["id"].GetInt64();
  int64_t sku_id = created.json["skus"][0]["id"].GetInt64();

  auto foreign = client_.Post(ShopPath(shop_id) + "/products", ProductBody("Fake", 100, 1), other);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(foreign.ErrorCode(), "not_shop_owner");
  EXPECT_EQ(client_.Patch(ProductPath(product_id), R"({"title":"Mine now"})", other).status, 403);
  EXPECT_EQ(client_.Delete(ProductPath(product_id), other).status, 403);
  EXPECT_EQ(client_.Patch("/api/v1/skus/" + std::to_string(sku_id), R"({"stock":0})", other).status,
            403);
  EXPECT_EQ(client_.Patch(ShopPath(shop_id), R"({"name":"Taken over"})", other).status, 403);
  EXPECT_EQ(client_.Post(ShopPath(shop_id) + "/products", ProductBody("x", 1, 1)).status, 401);
  // Nothing changed.
  auto product = client_.Get(ProductPath(product_id));
  EXPECT_STREQ(product.json["title"].GetString(), "Pu'er cake");
  EXPECT_EQ(product.json["skus"][0]["stock"].GetInt64(), 3);
  EXPECT_STREQ(client_.Get(ShopPath(shop_id)).json["name"].GetString(), "West Lake Tea");
  // A draft of someone else's shop does not exist for a stranger.
  client_.Patch(ProductPath(product_id), R"({"status":"draft"})", owner);
  EXPECT_EQ(client_.Patch(ProductPath(product_id), R"({"title":"x"})", other).status, 404);
}

TEST_F(CatalogTest, BadInputGetsPreciseCodesAndChangesNothing) {
  std::string merchant = market_.SignUp("mei@example.com");
  struct Case {
    std::string body;
    int status;
    std::string code;
  };
  std::vector<Case> shops = {
      {"{", 400, "invalid_json"},
      {R"({"city":"Paris","country":"FR","currency":"EUR"})", 400, "missing_field"},
      {R"({"name":7,"city":"Paris","country":"FR","currency":"EUR"})", 400, "wrong_type"},
      {R"({"name":"A","city":"Paris","country":"XX","currency":"EUR"})", 400, "invalid_country"},
      {R"({"name":"A","city":"Paris","country":"FR","currency":"ABC"})", 400, "invalid_currency"},
      {R"({"name":"A","city":"Paris","country":"FR","currency":"EUR","id":5})", 400,
       "unknown_field"},
      {R"({"name":"A","city":"Paris","country":"FR","currency":"EUR","owner_id":5})", 400,
       "unknown_field"},
      {R"({"name":"   ","city":"Paris","country":"FR","currency":"EUR"})", 400, "invalid_field"},
  };
  for (const Case& c : shops) {
    auto result = client_.Post("/api/v1/shops", c.body, merchant);
    EXPECT_EQ(result.status, c.status) << c.body << " -> " << result.body;
    EXPECT_EQ(result.ErrorCode(), c.code) << c.body;
  }
  EXPECT_EQ(client_.Get("/api/v1/shops").json["items"].Size(), 0u);

  int64_t shop_id = OpenShop(merchant);
  auto twin =
      client_.Post("/api/v1/shops",
                   R"({"name":"west lake  TEA","city":"Paris","country":"FR","currency":"EUR"})",
                   merchant);
  EXPECT_EQ(twin.status, 409);
  EXPECT_EQ(twin.ErrorCode(), "shop_name_taken");

  std::vector<Case> products = {
      {ProductBody("Tea", 100, 1, "EUR"), 400, "currency_mismatch"},
      {ProductBody("Tea", 100, 1, "CNY", "no-such-category"), 400, "unknown_category"},
      {ProductBody("Tea", 0, 1), 400, "invalid_field"},
      {ProductBody("Tea", 100, -1), 400, "invalid_field"},
      {R"({"title":"Tea","category":"tea","skus":[]})", 400, "invalid_field"},
      {R"({"title":"Tea","category":"tea"})", 400, "missing_field"},
      {R"({"title":"Tea","category":"tea","skus":[{"price":{"amount":1,"currency":"CNY"},"attrs":{"size":3}}]})",
       400, "invalid_field"},
      {R"({"title":"Tea","category":"tea","skus":[{"price":{"amount":1,"currency":"CNY"},"id":9}]})",
       400, "unknown_field"},
      {R"({"title":"Tea","category":"tea","created_at":"x","skus":[{"price":{"amount":1,"currency":"CNY"}}]})",
       400, "unknown_field"},
      {R"({"title":"","category":"tea","skus":[{"price":{"amount":1,"currency":"CNY"}}]})", 400,
       "invalid_field"},
  };
  for (const Case& c : products) {
    auto result = client_.Post(ShopPath(shop_id) + "/products", c.body, merchant);
    EXPECT_EQ(result.status, c.status) << c.body << " -> " << result.body;
    EXPECT_EQ(result.ErrorCode(), c.code) << c.body;
  }
  EXPECT_EQ(client_.Get(ShopPath(shop_id) + "/products", merchant).json["items"].Size(), 0u);
  EXPECT_EQ(client_.Get("/api/v1/products/abc").ErrorCode(), "invalid_id");
  EXPECT_EQ(client_.Get("/api/v1/products/999").ErrorCode(), "product_not_found");
  EXPECT_EQ(client_.Get("/api/v1/shops/999").ErrorCode(), "shop_not_found");
  EXPECT_EQ(client_.Get("/api/v1/products?sort=cheapest").ErrorCode(), "invalid_query");
  EXPECT_EQ(client_.Get("/api/v1/products?after=zz").ErrorCode(), "invalid_cursor");
  EXPECT_EQ(client_.Get("/api/v1/products?limit=1000").status, 400);
}

TEST_F(CatalogTest, ListingsPaginateWithCursors) {
  std::string merchant = market_.SignUp("mei@example.com");
  int64_t shop_id = OpenShop(merchant);
  for (int i = 0; i < 25; ++i) {
    auto created =
        client_.Post(ShopPath(shop_id) + "/products",
                     ProductBody("Tea " + std::to_string(i), 1000 + (i * 7) % 13 * 100, 1),
                     merchant);
    ASSERT_EQ(created.status, 201) << created.body;
  }
  for (std::string sort : {"newest", "price_asc", "price_desc"}) {
    std::set<int64_t> seen;
    std::string after;
    int pages = 0;
    int64_t previous_price = sort == "price_desc" ? INT64_MAX : -1;
    do {
      std::string target =
          "/api/v1/products?limit=10&sort=" + sort + (after.empty() ? "" : "&after=" + after);
      auto page = client_.Get(target);
      ASSERT_EQ(page.status, 200) << page.body;
      ++pages;
      for (const auto& item : page.json["items"].GetArray()) {
        EXPECT_TRUE(seen.insert(item["id"].GetInt64()).second) << "duplicate across pages";
        int64_t price = item["price_min"]["amount"].GetInt64();
        if (sort == "price_asc") {
          EXPECT_GE(price, previous_price);
        }
        if (sort == "price_desc") {
          EXPECT_LE(price, previous_price);
        }
        previous_price = price;
      }
      after = page.json["next_after"].IsNull() ? "" : page.json["next_after"].GetString();
    } while (!after.empty());
    EXPECT_EQ(seen.size(), 25u) << sort;
    EXPECT_EQ(pages, 3) << sort;
  }
  auto cheap = client_.Get("/api/v1/products?max_price=1100&limit=100");
  for (const auto& item : cheap.json["items"].GetArray()) {
    EXPECT_LE(item["price_min"]["amount"].GetInt64(), 1100);
  }
  EXPECT_GT(cheap.json["items"].Size(), 0u);
  EXPECT_EQ(client_.Get("/api/v1/products?category=food&limit=100").json["items"].Size(), 25u);
  EXPECT_EQ(client_.Get("/api/v1/products?category=fashion").json["items"].Size(), 0u);
  EXPECT_EQ(client_.Get("/api/v1/products?city=hangzhou&q=Tea%201").json["items"].Size(), 11u);
  EXPECT_EQ(client_.Get("/api/v1/products?city=Paris").json["items"].Size(), 0u);
}

// Issue 11: the marketplace's newest listing showed one shop filling its
// whole first page. No shop may hold more than 2 of the first 20 places, and
// paging on from the diverse first page still lists every product once.
TEST_F(CatalogTest, MarketplaceListingKeepsShopsDiverseAndPagesCompletely) {
  std::map<int64_t, int64_t> shop_of;  // product id -> shop id
  auto add = [&](const std::string& merchant, int64_t shop_id, int count) {
    for (int i = 0; i < count; ++i) {
      auto created =
          client_.Post(ShopPath(shop_id) + "/products",
                       ProductBody("Tea " + std::to_string(shop_id) + "-" + std::to_string(i),
                                   1000 + i, 1),
                       merchant);
      ASSERT_EQ(created.status, 201) << created.body;
      shop_of[created.json["id"].GetInt64()] = shop_id;
    }
  };
  auto shop_body = [](const std::string& name) {
    return R"({"name":")" + name +
           R"(","city":"Hangzhou","country":"CN","currency":"CNY","description":"tea"})";
  };
  for (int s = 0; s < 10; ++s) {
    std::string merchant = market_.SignUp("small" + std::to_string(s) + "@example.com");
    add(merchant, OpenShop(merchant, shop_body("Small Tea " + std::to_string(s))), 2);
  }
  std::string big_merchant = market_.SignUp("big@example.com");
  int64_t big = OpenShop(big_merchant, shop_body("Big Tea"));
  add(big_merchant, big, 15);  // the newest products all come from one shop

  auto first = client_.Get("/api/v1/products?limit=20");
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.json["items"].Size(), 20u);
  std::map<int64_t, int> per_shop;
  for (const auto& item : first.json["items"].GetArray())
    ++per_shop[shop_of[item["id"].GetInt64()]];
  for (const auto& [shop, count] : per_shop) EXPECT_LE(count, 2) << "shop " << shop;
  // The newest product still comes first.
  EXPECT_EQ(first.json["items"][0]["id"].GetInt64(), shop_of.rbegin()->first);

  for (int limit : {20, 7, 100}) {
    for (std::string sort : {"newest", "price_asc"}) {
      std::set<int64_t> seen;
      std::string after;
      int pages = 0;
      do {
        auto page = client_.Get("/api/v1/products?limit=" + std::to_string(limit) +
                                "&sort=" + sort + (after.empty() ? "" : "&after=" + after));
        ASSERT_EQ(page.status, 200) << page.body;
        ASSERT_LT(++pages, 50);
        for (const auto& item : page.json["items"].GetArray()) {
          EXPECT_TRUE(seen.insert(item["id"].GetInt64()).second)
              << "duplicate across pages, limit " << limit << " " << sort;
        }
        after = page.json["next_after"].IsNull() ? "" : page.json["next_after"].GetString();
      } while (!after.empty());
      EXPECT_EQ(seen.size(), shop_of.size()) << "limit " << limit << " " << sort;
    }
  }
  // A shop's own listing is its products in order, no diversity needed.
  auto own = client_.Get(ShopPath(big) + "/products?limit=20");
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.json["items"].Size(), 15u);
  for (const char* bad : {"5~", "5~x", "5~1,,2", "~1"}) {
    EXPECT_EQ(client_.Get(std::string("/api/v1/products?after=") + bad).ErrorCode(),
              "invalid_cursor")
        << bad;
  }
  std::string long_list = "5~1";
  for (int i = 2; i <= 101; ++i) long_list += "," + std::to_string(i);
  EXPECT_EQ(client_.Get("/api/v1/products?after=" + long_list).ErrorCode(), "invalid_cursor");
}

TEST_F(CatalogTest, ShopsFilterByCityCountryAndOwner) {
  std::string a = market_.SignUp("a@example.com");
  std::string b = market_.SignUp("b@example.com");
  OpenShop(a);
  OpenShop(b, R"({"name":"Maison Lumiere","city":"Paris","country":"FR","currency":"EUR"})");
  OpenShop(b, R"({"name":"Lyon Soie","city":"Lyon","country":"FR","currency":"EUR"})");
  EXPECT_EQ(client_.Get("/api/v1/shops?country=FR").json["items"].Size(), 2u);
  EXPECT_EQ(client_.Get("/api/v1/shops?city=paris").json["items"].Size(), 1u);
  EXPECT_EQ(client_.Get("/api/v1/shops?owner=me", b).json["items"].Size(), 2u);
  EXPECT_EQ(client_.Get("/api/v1/shops?owner=me").status, 401);
  auto first = client_.Get("/api/v1/shops?limit=2");
  EXPECT_EQ(first.json["items"].Size(), 2u);
  auto second = client_.Get("/api/v1/shops?limit=2&after=" +
                            std::to_string(first.json["next_after"].GetInt64()));
  EXPECT_EQ(second.json["items"].Size(), 1u);
  EXPECT_TRUE(second.json["next_after"].IsNull());
}

TEST_F(CatalogTest, ImagesUploadCheckedAndServedWithCaching) {
  std::string merchant = market_.SignUp("mei@example.com");
  std::string other = market_.SignUp("other@example.com");
  int64_t shop_id = OpenShop(merchant);
  auto created =
      client_.Post(ShopPath(shop_id) + "/products", ProductBody("Teapot", 9900, 2), merchant);
  int64_t product_id = created.json["id"].GetInt64();
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\x01');
  std::string images = ProductPath(product_id) + "/images";

  auto uploaded = client_.Send("POST", images, png, merchant, {}, "image/png");
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  std::string url = uploaded.json["url"].GetString();
  auto served = client_.Get(url);
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(served.body, png);
  EXPECT_EQ(served.Header("content-type"), "image/png");
  EXPECT_NE(served.Header("cache-control").find("immutable"), std::string::npos);
  EXPECT_EQ(client_.Get(ProductPath(product_id)).json["images"][0]["url"].GetString(), url);

  EXPECT_EQ(client_.Send("POST", images, png, merchant, {}, "image/jpeg").ErrorCode(),
            "image_type_mismatch");
  EXPECT_EQ(
      client_.Send("POST", images, "<html></html>........", merchant, {}, "text/html").ErrorCode(),
      "unsupported_image_type");
  EXPECT_EQ(client_.Send("POST", images, png, other, {}, "image/png").status, 403);
  EXPECT_EQ(client_.Send("POST", images, png + std::string(5 << 20, 'x'), merchant, {}, "image/png")
                .ErrorCode(),
            "image_too_large");
  EXPECT_EQ(client_.Get("/images/..%2Fshrimp.db").status, 404);
  EXPECT_EQ(client_.Get(ProductPath(product_id)).json["images"].Size(), 1u);
}

TEST_F(CatalogTest, CategoriesFormATree) {
  auto categories = client_.Get("/api/v1/categories");
  ASSERT_EQ(categories.status, 200);
  bool tea = false;
  for (const auto& category : categories.json["items"].GetArray()) {
    if (std::string(category["slug"].GetString()) == "tea") {
      tea = true;
      EXPECT_STREQ(category["path"].GetString(), "food/tea");
    }
  }
  EXPECT_TRUE(tea);
  std::string buyer = market_.SignUp("buyer@example.com");
  EXPECT_EQ(client_
                .Post("/api/v1/categories", R"({"slug":"matcha","name":"Matcha","parent":"tea"})",
                      buyer)
                .status,
            403);
}

}  // namespace
}  // namespace shrimp
