#include "catalog/demo.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "accounts/accounts.h"
#include "catalog/category.h"
#include "catalog/demo_text.h"
#include "catalog/schema.h"
#include "core/country.h"
#include "core/money.h"
#include "store/migrate.h"
#include "testing/test_server.h"

namespace shrimp::catalog {
namespace {

constexpr int64_t kNowMs = 1'795'000'000'000;

using CountFn = std::function<int64_t(const std::string&)>;

// The single integer a query returns, or -1 (and a failure) on error.
int64_t Count(store::Connection& connection, const std::string& sql) {
  store::Query query(connection, sql);
  auto value = query.ScalarInt();
  EXPECT_TRUE(value.ok()) << sql << ": " << (value.ok() ? "" : value.error().message);
  return value.ok() ? value->value_or(-1) : -1;
}

CountFn Counter(store::Connection& connection) {
  return [&connection](const std::string& sql) { return Count(connection, sql); };
}

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = shrimp::testing::MakeTempDir(); }
  void TearDown() override {
    dbs_.clear();
    std::filesystem::remove_all(dir_);
  }

  // A fresh migrated store; fsync off because the test only needs the rows.
  store::Connection& OpenStore() {
    std::string path = dir_ + "/demo-" + std::to_string(dbs_.size()) + ".db";
    auto db = store::Db::OpenSqlite(path, {.read_connections = 1, .synchronous_full = false});
    if (!db.ok()) {
      ADD_FAILURE() << db.error().message;
      std::abort();
    }
    dbs_.push_back(std::move(db).value());
    std::vector<store::Migration> migrations = accounts::AccountService::Migrations();
    for (store::Migration& migration : CatalogMigrations()) migrations.push_back(migration);
    EXPECT_TRUE(store::Migrate(dbs_.back()->write_connection(), migrations, 0).ok());
    return dbs_.back()->write_connection();
  }

  // Seeds inside one transaction, as the callers do.
  static Result<DemoStats> Seed(store::Connection& connection, const DemoOptions& options,
                                int64_t owner = 0) {
    EXPECT_TRUE(connection.Exec("BEGIN").ok());
    Result<DemoStats> stats = SeedDemoCatalog(connection, options, kNowMs, "$argon2id$demo", owner);
    EXPECT_TRUE(connection.Exec(stats.ok() ? "COMMIT" : "ROLLBACK").ok());
    return stats;
  }

  // FNV-1a over every title, description, price and attrs, in id order.
  static uint64_t CatalogChecksum(store::Connection& connection) {
    uint64_t hash = 1469598103934665603ull;
    auto mix = [&](const std::string& text) {
      for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
      hash = (hash ^ 0xFF) * 1099511628211ull;
    };
    store::Query query(connection,
                       "SELECT p.title, p.description, s.price, s.attrs, sh.name FROM skus s"
                       " JOIN products p ON p.id = s.product_id JOIN shops sh ON sh.id = s.shop_id"
                       " ORDER BY s.id");
    while (query.Next()) {
      for (int column = 0; column < 5; ++column) mix(query.Text(column));
    }
    EXPECT_TRUE(query.ok());
    return hash;
  }

  std::string dir_;
  std::vector<std::unique_ptr<store::Db>> dbs_;
};

// True when the UTF-8 text holds a CJK unified ideograph.
bool ContainsCjk(const std::string& text) {
  for (size_t at = 0; at + 2 < text.size(); ++at) {
    auto lead = static_cast<unsigned char>(text[at]);
    if ((lead & 0xF0) != 0xE0) continue;
    uint32_t code = ((lead & 0x0F) << 12) |
                    ((static_cast<unsigned char>(text[at + 1]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(text[at + 2]) & 0x3F);
    if (code >= 0x4E00 && code <= 0x9FFF) return true;
  }
  return false;
}

bool ContainsFrenchAccent(const std::string& text) {
  for (const char* accent : {"é", "è", "ê", "à", "â", "ç", "ô", "î", "û", "É"}) {
    if (text.find(accent) != std::string::npos) return true;
  }
  return false;
}

// Shops: active, uniquely named, each in its country's currency.
void ExpectShopsAreSound(store::Connection& connection, int64_t shops_expected) {
  store::Query query(connection,
                     "SELECT name, name_key, country, currency, description,"
                     " created_at, status FROM shops");
  std::set<std::string> keys;
  const std::map<std::string, std::string> currency_of = {{"CN", "CNY"}, {"FR", "EUR"},
                                                          {"JP", "JPY"}, {"GB", "GBP"},
                                                          {"US", "USD"}, {"DE", "EUR"}};
  int64_t shops = 0;
  while (query.Next()) {
    shops += 1;
    std::string name = query.Text(0);
    std::string country = query.Text(2);
    std::string currency = query.Text(3);
    EXPECT_TRUE(keys.insert(query.Text(1)).second) << name;
    EXPECT_TRUE(IsCountryCode(country)) << country;
    EXPECT_TRUE(Currency::Parse(currency).ok()) << currency;
    auto expected = currency_of.find(country);
    if (expected != currency_of.end()) {
      EXPECT_EQ(currency, expected->second) << name;
    }
    EXPECT_NE(query.Text(4).find(name), std::string::npos) << "description names the shop";
    EXPECT_LE(query.Int(5), kNowMs);
    EXPECT_EQ(query.Text(6), "active");
  }
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(shops, shops_expected);
}

// Products: published in a leaf category with 1 to 4 SKUs, priced from the
// cheapest SKU, all in the shop's currency.
void ExpectProductsAreSound(CountFn count) {
  EXPECT_EQ(count(
                "SELECT count(*) FROM products p WHERE status != 'published'"
                " OR (SELECT count(*) FROM skus s WHERE s.product_id = p.id) NOT BETWEEN 1 AND 4"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM products p WHERE EXISTS"
                  " (SELECT 1 FROM categories c WHERE c.parent_id = p.category_id)"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM products p WHERE price_min !="
                  " (SELECT min(price) FROM skus s WHERE s.product_id = p.id)"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM skus s JOIN products p ON p.id = s.product_id"
                  " JOIN shops sh ON sh.id = p.shop_id WHERE s.price <= 0"
                  " OR s.currency != sh.currency OR p.currency != sh.currency"
                  " OR s.shop_id != p.shop_id OR s.status != 'active'"),
            0);
  EXPECT_EQ(count("SELECT count(DISTINCT category_id) FROM products"),
            static_cast<int64_t>(DemoCategories().size()));
  // Yen have no minor unit: a yen price is whole tens at least, never 19.99.
  EXPECT_GT(count("SELECT count(*) FROM skus WHERE currency = 'JPY'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM skus WHERE currency = 'JPY' AND price % 10 != 0"), 0);
}

// Stock: one 'received' movement per SKU; the sum is 0 to 500, with some
// SKUs sold out and some low.
void ExpectStockIsSound(CountFn count, int64_t skus) {
  EXPECT_EQ(count("SELECT count(*) FROM skus s WHERE (SELECT count(*) FROM stock_movements m"
                  " WHERE m.sku_id = s.id AND m.reason = 'received' AND m.delta > 0"
                  " AND m.shop_id = s.shop_id) != 1"),
            0);
  const std::string stock = "(SELECT sum(delta) FROM stock_movements m WHERE m.sku_id = s.id)";
  EXPECT_EQ(count("SELECT count(*) FROM skus s WHERE " + stock + " NOT BETWEEN 0 AND 500"), 0);
  int64_t sold_out = count("SELECT count(*) FROM skus s WHERE " + stock + " = 0");
  int64_t low = count("SELECT count(*) FROM skus s WHERE " + stock + " BETWEEN 1 AND 9");
  EXPECT_GT(sold_out, skus / 100);
  EXPECT_LT(sold_out, skus / 10);
  EXPECT_GT(low, skus / 100);
}

// Titles: mostly Chinese in Chinese cities, French in French ones.
void ExpectTitlesSpeakTheLocalLanguage(store::Connection& connection) {
  std::map<std::string, int64_t> titles;  // by country
  int64_t chinese = 0, accented = 0, seen = 0;
  std::vector<std::string> samples;
  store::Query query(connection,
                     "SELECT p.title, p.description, sh.country FROM products p"
                     " JOIN shops sh ON sh.id = p.shop_id ORDER BY p.id");
  while (query.Next()) {
    std::string title = query.Text(0);
    std::string country = query.Text(2);
    EXPECT_FALSE(title.empty());
    EXPECT_FALSE(query.Text(1).empty());
    EXPECT_EQ(title.find('{'), std::string::npos) << title;
    titles[country] += 1;
    if (country == "CN" && ContainsCjk(title)) chinese += 1;
    if (country == "FR" && ContainsFrenchAccent(title)) accented += 1;
    if (++seen % 1000 == 0) samples.push_back(country + "  " + title);
  }
  ASSERT_TRUE(query.ok());
  for (const std::string& sample : samples) std::printf("  %s\n", sample.c_str());
  std::printf(
      "titles: %lld of %lld in Chinese shops are Chinese, %lld of %lld in French shops"
      " have French accents\n",
      static_cast<long long>(chinese), static_cast<long long>(titles["CN"]),
      static_cast<long long>(accented), static_cast<long long>(titles["FR"]));
  EXPECT_GT(chinese, titles["CN"] * 8 / 10);
  EXPECT_GT(accented, titles["FR"] * 3 / 10);
  EXPECT_GT(titles["JP"] + titles["GB"] + titles["US"] + titles["DE"], seen / 10);
}

TEST_F(DemoTest, SeedsAMarketplaceOfShopsInManyCitiesAndLanguages) {
  store::Connection& connection = OpenStore();
  auto started = std::chrono::steady_clock::now();
  auto stats = Seed(connection, DemoOptions{});
  auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  std::printf(
      "demo seed: %lld users, %lld shops, %lld products, %lld skus, %lld cities,"
      " %lld countries in %lld ms\n",
      static_cast<long long>(stats->users), static_cast<long long>(stats->shops),
      static_cast<long long>(stats->products), static_cast<long long>(stats->skus),
      static_cast<long long>(stats->cities), static_cast<long long>(stats->countries),
      static_cast<long long>(elapsed_ms));

  EXPECT_EQ(stats->users, 240);
  EXPECT_EQ(stats->shops, 240);
  EXPECT_EQ(stats->products, 12000);
  EXPECT_GE(stats->cities, 20);
  EXPECT_GE(stats->countries, 5);
  auto count = Counter(connection);
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE role = 'merchant'"), stats->users);
  EXPECT_EQ(count("SELECT count(*) FROM shops"), stats->shops);
  EXPECT_EQ(count("SELECT count(DISTINCT city) FROM shops"), stats->cities);
  EXPECT_EQ(count("SELECT count(DISTINCT country) FROM shops"), stats->countries);
  EXPECT_EQ(count("SELECT count(*) FROM products"), stats->products);
  EXPECT_EQ(count("SELECT count(*) FROM skus"), stats->skus);
  EXPECT_GE(count("SELECT count(*) FROM shops WHERE country = 'CN'"), 60);
  EXPECT_GE(count("SELECT count(*) FROM shops WHERE country = 'FR'"), 30);
  EXPECT_GE(count("SELECT count(DISTINCT city) FROM shops WHERE country = 'CN'"), 5);
  EXPECT_GE(count("SELECT count(DISTINCT city) FROM shops WHERE country = 'FR'"), 5);

  ExpectShopsAreSound(connection, stats->shops);
  ExpectProductsAreSound(count);
  ExpectStockIsSound(count, stats->skus);
  ExpectTitlesSpeakTheLocalLanguage(connection);
}

TEST_F(DemoTest, SkuAttrsAreJsonObjectsOfStrings) {
  store::Connection& connection = OpenStore();
  ASSERT_TRUE(Seed(connection, {.seed = 5, .shops = 60, .products = 3000}).ok());
  store::Query query(connection, "SELECT attrs FROM skus");
  int64_t skus = 0;
  std::set<std::string> keys;
  while (query.Next()) {
    std::string attrs = query.Text(0);
    rapidjson::Document document;
    document.Parse(attrs.c_str(), attrs.size());
    ASSERT_TRUE(document.IsObject()) << attrs;
    EXPECT_GE(document.MemberCount(), 1u) << attrs;
    for (const auto& member : document.GetObject()) {
      EXPECT_TRUE(member.value.IsString()) << attrs;
      keys.insert(member.name.GetString());
    }
    skus += 1;
  }
  ASSERT_TRUE(query.ok());
  EXPECT_GT(skus, 3000);
  for (const char* key : {"size", "color", "weight", "capacity"})
    EXPECT_EQ(keys.count(key), 1u) << key;
  // Two SKUs of one product never share attrs: each is a distinct choice.
  EXPECT_EQ(Count(connection,
                  "SELECT count(*) FROM (SELECT product_id, attrs FROM skus"
                  " GROUP BY product_id, attrs HAVING count(*) > 1)"),
            0);
}

TEST_F(DemoTest, SameSeedGivesTheSameCatalogAndAnotherSeedDoesNot) {
  store::Connection& first = OpenStore();
  store::Connection& second = OpenStore();
  store::Connection& other = OpenStore();
  DemoOptions options{.seed = 20261111, .shops = 120, .products = 6000};
  ASSERT_TRUE(Seed(first, options).ok());
  ASSERT_TRUE(Seed(second, options).ok());
  options.seed += 1;
  ASSERT_TRUE(Seed(other, options).ok());
  uint64_t first_sum = CatalogChecksum(first);
  EXPECT_EQ(first_sum, CatalogChecksum(second));
  EXPECT_NE(first_sum, CatalogChecksum(other));
}

TEST_F(DemoTest, AShopKeepsItsNameAndProductsWhenMoreShopsAreAdded) {
  store::Connection& small = OpenStore();
  store::Connection& large = OpenStore();
  ASSERT_TRUE(Seed(small, {.seed = 9, .shops = 30, .products = 0}).ok());
  ASSERT_TRUE(Seed(large, {.seed = 9, .shops = 90, .products = 0}).ok());
  auto names = [&](store::Connection& connection) {
    std::vector<std::string> found;
    store::Query query(connection, "SELECT name FROM shops WHERE id <= 30 ORDER BY id");
    while (query.Next()) found.push_back(query.Text(0));
    return found;
  };
  EXPECT_EQ(names(small), names(large));
  EXPECT_EQ(Count(small, "SELECT count(*) FROM products"), 0);
}

TEST_F(DemoTest, ManyShopsStillGetUniqueNamesByBecomingBranches) {
  store::Connection& connection = OpenStore();
  auto stats = Seed(connection, {.seed = 2, .shops = 5000, .products = 0});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(Count(connection, "SELECT count(DISTINCT name_key) FROM shops"), 5000);
  // Once the plain names run out, shops become branches: "青山茶舍（杭州店）".
  EXPECT_GT(Count(connection, "SELECT count(*) FROM shops WHERE name LIKE '%（%店）'"), 0);
  EXPECT_GT(Count(connection, "SELECT count(*) FROM shops WHERE name LIKE '% — %'"), 0);
}

TEST_F(DemoTest, TheCallersMerchantOwnsTheFirstThreeShops) {
  store::Connection& connection = OpenStore();
  ASSERT_TRUE(connection
                  .Exec("INSERT INTO users (email, name, password_hash, role, created_at)"
                        " VALUES ('merchant@shrimp.test', 'Demo Merchant', 'x', 'merchant', 0)")
                  .ok());
  int64_t owner = Count(connection, "SELECT id FROM users WHERE email = 'merchant@shrimp.test'");
  auto stats = Seed(connection, {.seed = 3, .shops = 10, .products = 100}, owner);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->users, 7);
  EXPECT_EQ(Count(connection,
                  "SELECT count(*) FROM shops WHERE owner_id = " + std::to_string(owner)),
            3);
  EXPECT_EQ(Count(connection,
                  "SELECT max(id) FROM shops WHERE owner_id = " + std::to_string(owner)),
            3);
  EXPECT_EQ(Count(connection,
                  "SELECT count(*) FROM users WHERE email LIKE 'merchant-%@shrimp.test'"
                  " AND password_hash = '$argon2id$demo'"),
            7);
  EXPECT_EQ(stats->products, 100);
}

TEST_F(DemoTest, HasCatalogTurnsTrueOnceSeeded) {
  store::Connection& connection = OpenStore();
  auto before = HasCatalog(connection);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(*before);
  ASSERT_TRUE(Seed(connection, {.seed = 1, .shops = 3, .products = 12}).ok());
  auto after = HasCatalog(connection);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(*after);
}

TEST_F(DemoTest, RejectsOptionsOutOfRangeAndWritesNothing) {
  store::Connection& connection = OpenStore();
  for (DemoOptions options :
       {DemoOptions{.shops = 0}, DemoOptions{.shops = kDemoShopsMax + 1},
        DemoOptions{.products = -1}, DemoOptions{.products = kDemoProductsMax + 1}}) {
    auto stats = Seed(connection, options);
    ASSERT_FALSE(stats.ok());
    EXPECT_EQ(stats.error().kind, ErrorKind::kInvalidArgument);
  }
  EXPECT_EQ(Count(connection, "SELECT count(*) FROM users"), 0);
  EXPECT_EQ(Count(connection, "SELECT count(*) FROM shops"), 0);
}

TEST_F(DemoTest, FailsWithoutWritingWhenAnEmailIsTaken) {
  store::Connection& connection = OpenStore();
  ASSERT_TRUE(connection
                  .Exec("INSERT INTO users (email, name, password_hash, role, created_at)"
                        " VALUES ('merchant-2@shrimp.test', 'Squatter', 'x', 'buyer', 0)")
                  .ok());
  auto stats = Seed(connection, {.seed = 1, .shops = 5, .products = 50});
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(Count(connection, "SELECT count(*) FROM shops"), 0);
  EXPECT_EQ(Count(connection, "SELECT count(*) FROM users"), 1);
}

// The word lists are data; these checks keep a typo in them from producing
// "{m}" in a title or an attribute without a value.
TEST(DemoVocabulary, EveryCategoryHasWhatItsPatternsAndAttributesNeed) {
  std::set<std::string_view> leaves;
  std::set<std::string_view> parents;
  for (const SeedCategory& category : SeedCategories()) {
    leaves.insert(category.slug);
    parents.insert(category.parent_slug);
  }
  for (size_t index = 0; index < DemoCategories().size(); ++index) {
    const DemoCategory& category = DemoCategories()[index];
    SCOPED_TRACE(std::string(category.slug));
    EXPECT_EQ(leaves.count(category.slug), 1u);
    EXPECT_EQ(parents.count(category.slug), 0u) << "not a leaf";
    EXPECT_EQ(DemoCategoryIndex(category.slug), index);
    EXPECT_GT(category.price_low_cents, 0);
    EXPECT_LE(category.price_low_cents, category.price_high_cents);
    EXPECT_FALSE(category.measure_key.empty() && category.option_key.empty());
    EXPECT_FALSE(category.measure_in_title && category.measure_key.empty());
    for (size_t related = 0; related < WordCount(category.related_slugs); ++related) {
      EXPECT_TRUE(DemoCategoryIndex(WordAt(category.related_slugs, related)).has_value());
    }
    for (Language language : {Language::kEnglish, Language::kFrench, Language::kChinese}) {
      const Vocabulary& words = VocabularyOf(index, language);
      SCOPED_TRACE(static_cast<int>(language));
      EXPECT_FALSE(words.label.empty());
      EXPECT_GE(WordCount(words.shops), 3u);
      EXPECT_GE(WordCount(words.nouns), 5u);
      EXPECT_GE(WordCount(words.details), 3u);
      EXPECT_EQ(category.measure_key.empty(), words.measures.empty());
      EXPECT_EQ(category.option_key.empty(), words.options.empty());
      for (size_t pattern = 0; pattern < WordCount(words.patterns); ++pattern) {
        std::string_view text = WordAt(words.patterns, pattern);
        if (text.find("{a}") != std::string_view::npos) {
          EXPECT_GT(WordCount(words.adjectives), 1u) << text;
        }
        if (text.find("{m}") != std::string_view::npos) {
          EXPECT_GT(WordCount(words.materials), 1u) << text;
        }
        EXPECT_NE(text.find("{n}"), std::string_view::npos) << text;
      }
      for (size_t adjective = 0; adjective < WordCount(words.adjectives); ++adjective) {
        std::string_view forms = WordAt(words.adjectives, adjective);
        size_t slashes = std::count(forms.begin(), forms.end(), '/');
        EXPECT_TRUE(slashes == 0 || slashes == 1 || slashes == 3) << forms;
      }
    }
  }
}

TEST(DemoRandomTest, IsTheStandardMersenneTwisterOnEveryMachine) {
  // The C++ standard fixes the 10000th output of a default-seeded mt19937_64.
  DemoRandom random(5489u);
  uint64_t value = 0;
  for (int index = 0; index < 10000; ++index) value = random.Next();
  EXPECT_EQ(value, 9981545732273789042ull);
  EXPECT_NE(DemoStreamSeed(1, 0), DemoStreamSeed(1, 1));
  EXPECT_EQ(DemoStreamSeed(7, 3), DemoStreamSeed(7, 3));
}

}  // namespace
}  // namespace shrimp::catalog
