#include "catalog/demo.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "catalog/demo_text.h"
#include "core/clock.h"
#include "core/money.h"

namespace shrimp::catalog {
namespace {

// ---------------------------------------------------------------------------
// Where the shops are.

struct DemoCity {
  std::string_view name;        // English, as stored in shops.city and searched by ?city=
  std::string_view local_name;  // as written in the city's own language
  std::string_view country;     // ISO 3166-1 alpha-2
  std::string_view currency;    // ISO 4217, the country's own
  Language language;            // the language most of its listings are written in
  int weight;                   // relative share of the shops
  std::string_view specialty;   // the category its shops are known for
};

// China and France are the marketplace's two home markets, so they get most
// of the shops; the rest shows that any currency and city works.
constexpr std::array<DemoCity, 27> kCities = {{
    {"Hangzhou", "杭州", "CN", "CNY", Language::kChinese, 12, "tea"},
    {"Shanghai", "上海", "CN", "CNY", Language::kChinese, 12, "skincare"},
    {"Beijing", "北京", "CN", "CNY", Language::kChinese, 8, "non-fiction"},
    {"Shenzhen", "深圳", "CN", "CNY", Language::kChinese, 9, "phones"},
    {"Guangzhou", "广州", "CN", "CNY", Language::kChinese, 9, "clothing"},
    {"Chengdu", "成都", "CN", "CNY", Language::kChinese, 7, "condiments"},
    {"Yiwu", "义乌", "CN", "CNY", Language::kChinese, 8, "plush"},
    {"Suzhou", "苏州", "CN", "CNY", Language::kChinese, 5, "bedding"},
    {"Xiamen", "厦门", "CN", "CNY", Language::kChinese, 4, "tea"},
    {"Paris", "Paris", "FR", "EUR", Language::kFrench, 14, "fragrance"},
    {"Lyon", "Lyon", "FR", "EUR", Language::kFrench, 7, "kitchen"},
    {"Marseille", "Marseille", "FR", "EUR", Language::kFrench, 5, "skincare"},
    {"Bordeaux", "Bordeaux", "FR", "EUR", Language::kFrench, 5, "snacks"},
    {"Lille", "Lille", "FR", "EUR", Language::kFrench, 4, "clothing"},
    {"Nantes", "Nantes", "FR", "EUR", Language::kFrench, 3, "childrens-books"},
    {"Tokyo", "Tokyo", "JP", "JPY", Language::kEnglish, 6, "comics"},
    {"Osaka", "Osaka", "JP", "JPY", Language::kEnglish, 4, "kitchen"},
    {"London", "London", "GB", "GBP", Language::kEnglish, 6, "tea"},
    {"Manchester", "Manchester", "GB", "GBP", Language::kEnglish, 3, "running"},
    {"Berlin", "Berlin", "DE", "EUR", Language::kEnglish, 4, "computers"},
    {"Hamburg", "Hamburg", "DE", "EUR", Language::kEnglish, 2, "coffee"},
    {"New York", "New York", "US", "USD", Language::kEnglish, 5, "fiction"},
    {"San Francisco", "San Francisco", "US", "USD", Language::kEnglish, 3, "smart-home"},
    {"Milan", "Milan", "IT", "EUR", Language::kEnglish, 3, "shoes"},
    {"Barcelona", "Barcelona", "ES", "EUR", Language::kEnglish, 3, "bags"},
    {"Amsterdam", "Amsterdam", "NL", "EUR", Language::kEnglish, 2, "cycling"},
    {"Seoul", "Seoul", "KR", "KRW", Language::kEnglish, 2, "makeup"},
}};

// Local minor units per 100 US cents: rough exchange rates, lowered for CNY
// because goods made and sold in China cost less there.
int64_t MinorUnitsPerDollar(std::string_view currency) {
  if (currency == "CNY") return 500;
  if (currency == "EUR") return 92;
  if (currency == "GBP") return 80;
  if (currency == "JPY") return 150;
  if (currency == "KRW") return 1350;
  return 100;
}

// ---------------------------------------------------------------------------
// Words shared by every category.

// {x} in shop name templates.
constexpr std::array<std::string_view, 3> kShopWords = {
    "Blue Harbor|Northfield|Little Fox|Maple|Copper Kettle|Willow|Golden Hour|Silver Birch|"
    "Red Lantern|Old Mill|Juniper|Harbour Lane|Oak & Ivy|Bright Side|Honeybee|Kestrel|Lighthouse|"
    "Cedar|Wild Rose|Pebble|Lotus|Bamboo Grove|Paper Crane|Jade River",
    "Lumière|Margaux|Belle Rive|Papillon|Clair de Lune|Les Tilleuls|Saint-Clair|Rivage|Coquelicot|"
    "Mistral|Bruyère|Azur|Lavande|Marguerite|Sauge|Olivier|Capucine|Hirondelle|Vent d'Ouest|"
    "Soleil|Colombe|Églantine",
    "青山|云间|江南|小满|拾光|暖阳|山野|木子|禾田|南风|半亩|知音|清风|素心|初见|竹里|花间|听雨|"
    "月白|"
    "一隅|春山|知味|慢时光|原野",
};

constexpr std::array<std::string_view, 3> kFirstNames = {
    "James|Olivia|Hiro|Yuki|Emma|Liam|Sofia|Noah|Amelia|Lucas|Mia|Ethan|Hannah|Kenji|Grace|Leo",
    "Claire|Louis|Camille|Hugo|Manon|Jules|Léa|Arthur|Chloé|Gabriel|Inès|Théo|Zoé|Raphaël|Élise|"
    "Paul",
    "芳|伟|娜|敏|静|丽|强|磊|洋|艳|勇|军|杰|娟|涛|明|超|秀英|晓东|雨桐|子涵|思远|佳怡|浩然",
};
constexpr std::array<std::string_view, 3> kLastNames = {
    "Smith|Tanaka|Brown|Müller|Rossi|García|Wilson|Sato|Taylor|Schmidt|Johnson|Evans|Walker|"
    "Nakamura|Moore|Clarke",
    "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefèvre|"
    "Michel|Garcia|Fontaine",
    "王|李|张|刘|陈|杨|黄|赵|周|吴|徐|孙|胡|朱|高|林",
};

// The second sentence of a shop description; {y} is the year it opened.
constexpr std::array<std::string_view, 3> kShopTaglines = {
    "Small batches, fair prices and fast dispatch.|Family-run since {y}.|"
    "Everything is chosen and tested by the two of us.|Orders before 3 pm ship the same day.|"
    "We answer every message within a day.",
    "Petites séries, prix justes, expédition rapide.|Affaire familiale depuis {y}.|"
    "Chaque article est choisi et testé par nos soins.|"
    "Commande avant 15 h, expédiée le jour même.|Nous répondons à chaque message sous 24 h.",
    "小批量，价格实在，发货快。|{y}年创立的家庭小店。|每件商品都经过我们亲自挑选试用。|"
    "下午三点前下单当天发货。|客服一天内必回复。",
};

// The last sentence of a product description; {c} is the shop's city.
constexpr std::array<std::string_view, 3> kShippingLines = {
    "Ships from {c} within 48 hours.|Packed with care in {c}.|Dispatched from our {c} workshop.|"
    "Free returns within 14 days.",
    "Expédié depuis {c} sous 48 h.|Préparé avec soin à {c}.|Retour gratuit sous 14 jours.|"
    "Emballage recyclé, expédition suivie.",
    "{c}发货，48小时内发出。|{c}仓库直发。|支持七天无理由退换。|顺丰包邮。",
};

// ---------------------------------------------------------------------------
// Text generation.

std::string_view Pick(DemoRandom& random, std::string_view list) {
  size_t count = WordCount(list);
  if (count == 0) return {};
  return WordAt(list, random.Below(count));
}

// French agreement: 0 masculine, 1 feminine, 2 masculine plural, 3 feminine plural.
struct Noun {
  std::string_view text;
  int form = 0;
};

Noun ParseNoun(std::string_view entry) {
  if (entry.size() > 2 && entry[1] == ':') {
    switch (entry[0]) {
      case 'f': return {entry.substr(2), 1};
      case 'M': return {entry.substr(2), 2};
      case 'F': return {entry.substr(2), 3};
      default: return {entry.substr(2), 0};
    }
  }
  return {entry, 0};
}

// "léger/légère/légers/légères" or "émaillé/émaillée" (plurals add an s) or
// a single form for every gender and number.
std::string AgreeAdjective(std::string_view forms, int form) {
  std::vector<std::string_view> parts;
  size_t begin = 0;
  while (true) {
    size_t slash = forms.find('/', begin);
    parts.push_back(forms.substr(begin, slash == std::string_view::npos ? slash : slash - begin));
    if (slash == std::string_view::npos) break;
    begin = slash + 1;
  }
  if (parts.size() == 4) return std::string(parts[form]);
  std::string chosen(parts[std::min<size_t>(form % 2, parts.size() - 1)]);
  bool plural = form >= 2;
  if (plural && !chosen.empty() && chosen.back() != 's' && chosen.back() != 'x') chosen += 's';
  return chosen;
}

// Replaces {k} with fill(k) for every single-letter key in `pattern`.
template <class Fill>
std::string FillTemplate(std::string_view pattern, Fill&& fill) {
  std::string text;
  text.reserve(pattern.size() + 48);
  for (size_t at = 0; at < pattern.size(); ++at) {
    if (pattern[at] == '{' && at + 2 < pattern.size() && pattern[at + 2] == '}') {
      text += fill(pattern[at + 1]);
      at += 2;
    } else {
      text += pattern[at];
    }
  }
  return text;
}

// Listings start with a capital, whatever the first word of the pattern.
void CapitalizeFirst(std::string& text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
}

std::string ProductTitle(DemoRandom& random, const Vocabulary& words,
                         std::optional<std::string_view> measure) {
  std::string_view pattern = Pick(random, words.patterns);
  Noun noun = ParseNoun(Pick(random, words.nouns));
  std::string title = FillTemplate(pattern, [&](char key) -> std::string {
    switch (key) {
      case 'a': return AgreeAdjective(Pick(random, words.adjectives), noun.form);
      case 'n': return std::string(noun.text);
      case 'm': return std::string(Pick(random, words.materials));
      default: return {};
    }
  });
  if (measure) {
    title += ' ';
    title += *measure;
  }
  CapitalizeFirst(title);
  return title;
}

std::string ProductDescription(DemoRandom& random, const Vocabulary& words, Language language,
                               std::string_view city) {
  std::string_view separator = language == Language::kChinese ? "" : " ";
  size_t detail_count = WordCount(words.details);
  size_t first = random.Below(detail_count);
  size_t second = (first + 1 + random.Below(detail_count - 1)) % detail_count;
  std::string description(WordAt(words.details, first));
  description += separator;
  description += WordAt(words.details, second);
  description += separator;
  description += FillTemplate(Pick(random, kShippingLines[static_cast<size_t>(language)]),
                              [&](char) { return std::string(city); });
  return description;
}

// Later attempts fall back to a branch suffix ("青山茶舍（杭州店）"), then to
// a branch number, so a name is always found.
std::string ShopName(DemoRandom& random, const Vocabulary& words, Language language,
                     std::string_view city, int attempt) {
  std::string_view shop_words = kShopWords[static_cast<size_t>(language)];
  std::string name = FillTemplate(Pick(random, words.shops), [&](char key) {
    return std::string(key == 'c' ? city : Pick(random, shop_words));
  });
  constexpr int kAttemptsBeforeBranch = 12;
  if (attempt < kAttemptsBeforeBranch) return name;
  std::string branch = attempt == kAttemptsBeforeBranch
                           ? std::string()
                           : std::to_string(attempt - kAttemptsBeforeBranch + 1);
  if (language == Language::kChinese) {
    return name + "（" + std::string(city) + (branch.empty() ? "店）" : branch + "号店）");
  }
  return name + " — " + std::string(city) + (branch.empty() ? "" : " " + branch);
}

std::string ShopDescription(DemoRandom& random, const Vocabulary& words, Language language,
                            std::string_view name, std::string_view city) {
  std::string year = std::to_string(random.Between(1985, 2022));
  std::string tagline = FillTemplate(Pick(random, kShopTaglines[static_cast<size_t>(language)]),
                                     [&](char) { return year; });
  std::string label(words.label);
  std::string shop(name);
  std::string where(city);
  switch (language) {
    case Language::kChinese: return shop + "位于" + where + "，专注" + label + "。" + tagline;
    case Language::kFrench: {
      // "de thé" but "d'épices": French elides before a vowel.
      bool vowel = label.find_first_of("aeiou") == 0 || label.rfind("é", 0) == 0;
      return shop + ", boutique indépendante " + (vowel ? "d'" : "de ") + label + " à " + where +
             ". " + tagline;
    }
    case Language::kEnglish: break;
  }
  return shop + " is an independent " + label + " shop in " + where + ". " + tagline;
}

std::string PersonName(DemoRandom& random, Language language) {
  size_t index = static_cast<size_t>(language);
  std::string_view first = Pick(random, kFirstNames[index]);
  std::string_view last = Pick(random, kLastNames[index]);
  if (language == Language::kChinese) return std::string(last) + std::string(first);
  return std::string(first) + " " + std::string(last);
}

// Names are unique case-insensitively; the key folds ASCII letters only.
std::string NameKey(std::string_view name) {
  std::string key(name);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return key;
}

// ---------------------------------------------------------------------------
// Prices and stock.

// Shop prices end the way shoppers expect in each currency: ¥129.00,
// 24,90 €, $19.99, £12.50, ¥1,980.
int64_t CharmPrice(int64_t minor, std::string_view currency, uint64_t ending) {
  if (currency == "JPY" || currency == "KRW") {
    // Yen and won have no minor unit: ¥480, ¥1,980 or ¥3,300; ₩12,000 or ₩19,800.
    int64_t round = currency == "KRW" ? 1000 : 100;
    if (minor < 10 * round) return std::max(round, minor / (round / 10) * (round / 10));
    if (ending % 2 == 0) return minor / (10 * round) * (10 * round) + 10 * round - 2 * round / 10;
    return minor / round * round;
  }
  int64_t units = std::max<int64_t>(1, minor / 100);
  if (currency == "CNY") {
    if (units >= 20) units = units / 10 * 10 + (ending % 3 == 0 ? 8 : 9);
    return units * 100;
  }
  static constexpr int64_t kEuroCents[] = {90, 99, 50, 0};
  static constexpr int64_t kDollarCents[] = {99, 95, 0, 49};
  static constexpr int64_t kPoundCents[] = {99, 50, 0, 95};
  const int64_t* cents = currency == "EUR"   ? kEuroCents
                         : currency == "GBP" ? kPoundCents
                                             : kDollarCents;
  return units * 100 + cents[ending % 4];
}

// Opening stock: mostly plenty, some low, a few sold out.
int64_t OpeningStock(DemoRandom& random) {
  constexpr int kSoldOutPercent = 3;
  constexpr int kLowStockPercent = 6;
  uint64_t roll = random.Below(100);
  if (roll < kSoldOutPercent) return 0;
  if (roll < kSoldOutPercent + kLowStockPercent) return random.Between(1, 9);
  // The smaller of two draws leans towards modest stock levels.
  return 10 + std::min(random.Between(0, 490), random.Between(0, 490));
}

// ---------------------------------------------------------------------------
// Planning: what to insert, decided before any row is written.

struct SkuPlan {
  std::optional<size_t> measure_index;
  std::optional<size_t> option_index;
  int64_t price = 0;
  int64_t stock = 0;
};

struct ProductPlan {
  size_t category_index = 0;
  std::string title;
  std::string description;
  std::vector<SkuPlan> skus;
  int64_t price_min = 0;
  int64_t created_at_ms = 0;
};

std::string AttrsJson(const DemoCategory& category, const Vocabulary& words, const SkuPlan& sku) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  auto field = [&](std::string_view key, std::string_view value) {
    writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  if (sku.measure_index) field(category.measure_key, WordAt(words.measures, *sku.measure_index));
  if (sku.option_index) field(category.option_key, WordAt(words.options, *sku.option_index));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Picks the variants: sizes S..L of one colour, two weights in two
// packagings, or a few colours of one fixed size, as the category allows.
std::vector<SkuPlan> PlanVariants(DemoRandom& random, const DemoCategory& category,
                                  const Vocabulary& words) {
  static constexpr int kSkuCountPercent[] = {25, 30, 25, 20};  // 1, 2, 3, 4 SKUs
  uint64_t roll = random.Below(100);
  size_t wanted = 1;
  for (uint64_t cumulative = kSkuCountPercent[0]; roll >= cumulative && wanted < 4; ++wanted) {
    cumulative += kSkuCountPercent[wanted];
  }
  size_t measure_count = category.measure_key.empty() ? 0 : WordCount(words.measures);
  size_t option_count = category.option_key.empty() ? 0 : WordCount(words.options);
  bool measures_vary = category.measure_varies && measure_count > 1;

  std::vector<size_t> measures;
  std::vector<size_t> options;
  if (measures_vary && wanted == 4 && option_count >= 2 && measure_count >= 2) {
    size_t start = random.Below(measure_count - 1);
    measures = {start, start + 1};
    size_t first = random.Below(option_count);
    options = {first, (first + 1 + random.Below(option_count - 1)) % option_count};
  } else if (measures_vary) {
    size_t count = std::min(wanted, measure_count);
    size_t start = random.Below(measure_count - count + 1);
    for (size_t step = 0; step < count; ++step) measures.push_back(start + step);
    if (option_count > 0) options.push_back(random.Below(option_count));
  } else {
    if (measure_count > 0) measures.push_back(random.Below(measure_count));
    size_t count = std::min(wanted, option_count);
    size_t start = option_count > 0 ? random.Below(option_count) : 0;
    for (size_t step = 0; step < count; ++step) options.push_back((start + step) % option_count);
  }

  std::vector<SkuPlan> skus;
  for (size_t measure_rank = 0; measure_rank < std::max<size_t>(1, measures.size());
       ++measure_rank) {
    for (size_t option_rank = 0; option_rank < std::max<size_t>(1, options.size()); ++option_rank) {
      SkuPlan sku;
      if (!measures.empty()) sku.measure_index = measures[measure_rank];
      if (!options.empty()) sku.option_index = options[option_rank];
      skus.push_back(sku);
    }
  }
  return skus;
}

ProductPlan PlanProduct(DemoRandom& random, size_t category_index, Language language,
                        const DemoCity& city) {
  std::string_view currency = city.currency;
  const DemoCategory& category = DemoCategories()[category_index];
  const Vocabulary& words = VocabularyOf(category_index, language);
  ProductPlan product;
  product.category_index = category_index;
  product.skus = PlanVariants(random, category, words);

  // The measure goes in the title only when every SKU shares it.
  std::optional<std::string_view> title_measure;
  const SkuPlan& first = product.skus.front();
  bool shared_measure =
      first.measure_index.has_value() &&
      std::all_of(product.skus.begin(), product.skus.end(),
                  [&](const SkuPlan& sku) { return sku.measure_index == first.measure_index; });
  if (category.measure_in_title && shared_measure) {
    title_measure = WordAt(words.measures, *first.measure_index);
  }
  product.title = ProductTitle(random, words, title_measure);
  std::string_view city_name = language == Language::kEnglish ? city.name : city.local_name;
  product.description = ProductDescription(random, words, language, city_name);

  // The smaller of two draws: cheap listings outnumber dear ones.
  int64_t span = category.price_high_cents - category.price_low_cents;
  int64_t base_cents =
      category.price_low_cents + std::min(random.Between(0, span), random.Between(0, span));
  int64_t base_minor = std::max<int64_t>(1, base_cents * MinorUnitsPerDollar(currency) / 100);
  uint64_t ending = random.Next();
  // Some products charge more for their later options (a gift box, a rarer colour).
  bool options_cost_more = random.Percent(25);
  for (size_t rank = 0; rank < product.skus.size(); ++rank) {
    SkuPlan& sku = product.skus[rank];
    int64_t percent =
        100 + category.measure_step_percent * static_cast<int64_t>(sku.measure_index.value_or(0));
    if (options_cost_more && sku.option_index) {
      auto position = std::find_if(product.skus.begin(), product.skus.end(),
                                   [&](const SkuPlan& other) {
                                     return other.option_index == sku.option_index;
                                   }) -
                      product.skus.begin();
      percent += 10 * (position % 4);
    }
    sku.price = std::min(kAmountMax, CharmPrice(base_minor * percent / 100, currency, ending));
    sku.stock = OpeningStock(random);
  }
  product.price_min =
      std::min_element(product.skus.begin(), product.skus.end(),
                       [](const SkuPlan& a, const SkuPlan& b) { return a.price < b.price; })
          ->price;
  return product;
}

struct ShopPlan {
  size_t city_index = 0;
  size_t main_category = 0;
  std::vector<size_t> categories;  // main first, then related ones
  std::string name;
  std::string name_key;
  std::string description;
  std::string owner_name;
  int64_t created_at_ms = 0;
  int64_t weight = 0;  // relative number of products
  int64_t product_count = 0;
};

// Every city gets one shop before any city gets a second.
size_t PickCity(DemoRandom& random, size_t shop_index) {
  if (shop_index < kCities.size()) return shop_index;
  int total = 0;
  for (const DemoCity& city : kCities) total += city.weight;
  int64_t roll = static_cast<int64_t>(random.Below(static_cast<uint64_t>(total)));
  for (size_t index = 0; index < kCities.size(); ++index) {
    roll -= kCities[index].weight;
    if (roll < 0) return index;
  }
  return kCities.size() - 1;
}

// Draws a shop's city, theme, age and size from its own stream.
ShopPlan PlanShop(uint64_t seed, size_t shop_index, int64_t now_ms) {
  DemoRandom random(DemoStreamSeed(seed, 3 * shop_index));
  ShopPlan shop;
  shop.city_index = PickCity(random, shop_index);
  // The first shop of each city sells what the city is known for (a tea
  // house in Hangzhou, a perfumer in Paris); later ones often do too.
  constexpr int kSpecialtyPercent = 30;
  std::optional<size_t> specialty = DemoCategoryIndex(kCities[shop.city_index].specialty);
  bool first_in_city = shop_index < kCities.size();
  if (specialty && (random.Percent(kSpecialtyPercent) || first_in_city)) {
    shop.main_category = *specialty;
  } else {
    shop.main_category = random.Below(DemoCategories().size());
  }
  shop.categories.push_back(shop.main_category);
  std::string_view related = DemoCategories()[shop.main_category].related_slugs;
  for (size_t index = 0; index < WordCount(related); ++index) {
    if (auto category = DemoCategoryIndex(WordAt(related, index))) {
      shop.categories.push_back(*category);
    }
  }
  constexpr int64_t kShopAgeDaysMax = 900;
  shop.created_at_ms =
      now_ms - random.Between(30, kShopAgeDaysMax) * kMsPerDay + random.Between(0, kMsPerDay - 1);
  // Most shops are small; one in ten is a busy one.
  shop.weight = random.Between(2, 8) * (random.Percent(10) ? 4 : 1);
  shop.owner_name = PersonName(random, kCities[shop.city_index].language);
  return shop;
}

// Gives each shop a name not yet in `taken`, from its own stream.
void NameShop(uint64_t seed, size_t shop_index, ShopPlan& shop, std::set<std::string>& taken) {
  DemoRandom random(DemoStreamSeed(seed, 3 * shop_index + 1));
  const DemoCity& city = kCities[shop.city_index];
  const Vocabulary& words = VocabularyOf(shop.main_category, city.language);
  for (int attempt = 0;; ++attempt) {
    shop.name = ShopName(random, words, city.language, city.local_name, attempt);
    shop.name_key = NameKey(shop.name);
    if (taken.insert(shop.name_key).second) break;
  }
  shop.description = ShopDescription(random, words, city.language, shop.name, city.local_name);
}

// Splits `products` over the shops in proportion to their weights; the
// remainder goes one each to the first shops.
void AssignProductCounts(std::vector<ShopPlan>& shops, int64_t products) {
  int64_t total_weight = 0;
  for (const ShopPlan& shop : shops) total_weight += shop.weight;
  int64_t assigned = 0;
  for (ShopPlan& shop : shops) {
    shop.product_count = products * shop.weight / total_weight;
    assigned += shop.product_count;
  }
  for (size_t index = 0; assigned < products; index = (index + 1) % shops.size()) {
    shops[index].product_count += 1;
    assigned += 1;
  }
}

// Chinese shops also list some products in English for cross-border
// buyers, French shops some in English for tourists.
Language ListingLanguage(DemoRandom& random, Language city_language) {
  constexpr int kEnglishListingPercent = 10;
  if (city_language == Language::kEnglish) return city_language;
  return random.Percent(kEnglishListingPercent) ? Language::kEnglish : city_language;
}

// ---------------------------------------------------------------------------
// Writing rows.

Result<int64_t> InsertReturningId(store::Query& query) {
  if (query.Next()) return query.Int(0);
  if (!query.ok()) return query.error();
  return Internal("insert returned no id");
}

// The id of every demo category, by DemoCategories() index; each must be a
// leaf of the seeded tree.
Result<std::vector<int64_t>> DemoCategoryIds(store::Connection& connection) {
  std::map<std::string, int64_t, std::less<>> id_by_slug;
  std::set<int64_t> parents;
  store::Query query(connection, "SELECT id, slug, parent_id FROM categories");
  while (query.Next()) {
    id_by_slug[query.Text(1)] = query.Int(0);
    if (auto parent = query.OptionalInt(2)) parents.insert(*parent);
  }
  if (!query.ok()) return query.error();
  std::vector<int64_t> ids;
  for (const DemoCategory& category : DemoCategories()) {
    auto found = id_by_slug.find(category.slug);
    if (found == id_by_slug.end() || parents.count(found->second) > 0) {
      return Internal("demo category " + std::string(category.slug) +
                      " is missing or not a leaf of the category tree");
    }
    ids.push_back(found->second);
  }
  return ids;
}

Status InsertProduct(store::Connection& connection, const ProductPlan& product, int64_t shop_id,
                     int64_t category_id, Language language, std::string_view currency,
                     DemoStats& stats) {
  store::Query insert(connection,
                      "INSERT INTO products (shop_id, title, description, category_id, status,"
                      " price_min, currency, created_at, updated_at)"
                      " VALUES (?, ?, ?, ?, 'published', ?, ?, ?, ?) RETURNING id");
  insert.Bind(shop_id, product.title, product.description, category_id, product.price_min, currency,
              product.created_at_ms, product.created_at_ms);
  SHRIMP_ASSIGN_OR_RETURN(int64_t product_id, InsertReturningId(insert));
  stats.products += 1;

  const DemoCategory& category = DemoCategories()[product.category_index];
  const Vocabulary& words = VocabularyOf(product.category_index, language);
  for (const SkuPlan& sku : product.skus) {
    store::Query insert_sku(connection,
                            "INSERT INTO skus (product_id, shop_id, price, currency, attrs, status,"
                            " created_at, updated_at)"
                            " VALUES (?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id");
    insert_sku.Bind(product_id, shop_id, sku.price, currency, AttrsJson(category, words, sku),
                    product.created_at_ms, product.created_at_ms);
    SHRIMP_ASSIGN_OR_RETURN(int64_t sku_id, InsertReturningId(insert_sku));
    stats.skus += 1;

    // Every SKU was received once; a sold-out one was then counted down to
    // zero at a stocktake, so stock stays the plain sum of movements.
    int64_t received = sku.stock > 0 ? sku.stock : 12;
    auto movement = [&](int64_t delta, std::string_view reason) -> Status {
      store::Query insert_movement(
          connection,
          "INSERT INTO stock_movements (sku_id, shop_id, delta, reason, reference_id, created_at)"
          " VALUES (?, ?, ?, ?, 0, ?)");
      insert_movement.Bind(sku_id, shop_id, delta, reason, product.created_at_ms);
      return insert_movement.Run();
    };
    SHRIMP_RETURN_IF_ERROR(movement(received, "received"));
    if (sku.stock == 0) SHRIMP_RETURN_IF_ERROR(movement(-received, "adjusted"));
  }
  return OkStatus();
}

Result<int64_t> InsertMerchant(store::Connection& connection, int64_t number, const ShopPlan& shop,
                               std::string_view password_hash) {
  store::Query insert(connection,
                      "INSERT INTO users (email, name, password_hash, role, created_at)"
                      " VALUES (?, ?, ?, 'merchant', ?) RETURNING id");
  insert.Bind("merchant-" + std::to_string(number) + "@shrimp.test", shop.owner_name, password_hash,
              shop.created_at_ms);
  return InsertReturningId(insert);
}

Result<int64_t> InsertShop(store::Connection& connection, const ShopPlan& shop, int64_t owner_id) {
  const DemoCity& city = kCities[shop.city_index];
  store::Query insert(connection,
                      "INSERT INTO shops (name, name_key, description, city, country, currency,"
                      " owner_id, status, created_at, updated_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id");
  insert.Bind(shop.name, shop.name_key, shop.description, city.name, city.country, city.currency,
              owner_id, shop.created_at_ms, shop.created_at_ms);
  return InsertReturningId(insert);
}

}  // namespace

Result<DemoStats> SeedDemoCatalog(store::Connection& connection, const DemoOptions& options,
                                  int64_t now_ms, std::string_view password_hash,
                                  int64_t owner_of_first_shops) {
  if (options.shops < 1 || options.shops > kDemoShopsMax) {
    return InvalidArgument("invalid_argument",
                           "demo shops must be between 1 and " + std::to_string(kDemoShopsMax));
  }
  if (options.products < 0 || options.products > kDemoProductsMax) {
    return InvalidArgument("invalid_argument", "demo products must be between 0 and " +
                                                   std::to_string(kDemoProductsMax));
  }
  SHRIMP_ASSIGN_OR_RETURN(std::vector<int64_t> category_ids, DemoCategoryIds(connection));

  std::vector<ShopPlan> shops;
  shops.reserve(static_cast<size_t>(options.shops));
  std::set<std::string> taken_names;
  for (size_t index = 0; index < static_cast<size_t>(options.shops); ++index) {
    shops.push_back(PlanShop(options.seed, index, now_ms));
    NameShop(options.seed, index, shops.back(), taken_names);
  }
  AssignProductCounts(shops, options.products);

  constexpr size_t kShopsOfTheCallersMerchant = 3;
  constexpr int kMainCategoryPercent = 70;
  DemoStats stats;
  std::set<std::string_view> cities;
  std::set<std::string_view> countries;
  for (size_t index = 0; index < shops.size(); ++index) {
    const ShopPlan& shop = shops[index];
    const DemoCity& city = kCities[shop.city_index];
    int64_t owner_id = owner_of_first_shops;
    if (owner_id == 0 || index >= kShopsOfTheCallersMerchant) {
      stats.users += 1;
      SHRIMP_ASSIGN_OR_RETURN(owner_id,
                              InsertMerchant(connection, stats.users, shop, password_hash));
    }
    SHRIMP_ASSIGN_OR_RETURN(int64_t shop_id, InsertShop(connection, shop, owner_id));
    stats.shops += 1;
    cities.insert(city.name);
    countries.insert(city.country);

    DemoRandom random(DemoStreamSeed(options.seed, 3 * index + 2));
    for (int64_t count = 0; count < shop.product_count; ++count) {
      size_t category_index = random.Percent(kMainCategoryPercent)
                                  ? shop.main_category
                                  : shop.categories[random.Below(shop.categories.size())];
      Language language = ListingLanguage(random, city.language);
      ProductPlan product = PlanProduct(random, category_index, language, city);
      // Listed some time after the shop opened, at least an hour ago.
      product.created_at_ms =
          random.Between(shop.created_at_ms, std::max(shop.created_at_ms, now_ms - kMsPerDay / 24));
      SHRIMP_RETURN_IF_ERROR(InsertProduct(connection, product, shop_id,
                                           category_ids[category_index], language, city.currency,
                                           stats));
    }
  }
  stats.cities = static_cast<int64_t>(cities.size());
  stats.countries = static_cast<int64_t>(countries.size());
  return stats;
}

Result<bool> HasCatalog(store::Connection& connection) {
  store::Query query(connection, "SELECT 1 FROM shops LIMIT 1");
  if (query.Next()) return true;
  if (!query.ok()) return query.error();
  return false;
}

std::vector<std::string_view> DemoShopCityNames() {
  std::vector<std::string_view> names;
  for (const DemoCity& city : kCities) names.push_back(city.name);
  return names;
}

}  // namespace shrimp::catalog
