// shrimp_search_bench: the product index at scale, in-process.
//
//   shrimp_search_bench --products 1000000 --threads 2 --duration 10 --dir /tmp/idx
//
// --keep 1 keeps the index in --dir and reuses it when it already holds
// --products documents (indexing 1 M products takes minutes).
//
// Generates a deterministic multilingual catalogue (English, French and
// Chinese titles from many shops and cities), indexes it with ProductIndex
// (indexing rate, index size on disk), then runs a realistic query mix with
// facets from --threads threads for --duration seconds: queries/s, p50 and
// p99 latency, RSS. Prints one line of key=value pairs for scripts/bench.
//
// The query mix (--mix): "zipf" (the default) draws each query from a
// universe of --distinct requests (1 to 3 words in one language, with the
// same share of filters and sorts as below) by a Zipf law of exponent
// --zipf (1.0: the shape of real search logs, a few head queries make most
// of the traffic and a long tail is seen once), so ProductIndex's results
// cache sees what a real server would. "uniform" is the earlier mix: every
// query drawn afresh, 1 or 2 words. --cache N sets the results cache's
// entries (0: off, every query goes to Xapian). The line reports the cache's
// hit rate and the latency of misses alone (miss_p50_ms, miss_p99_ms).
// --warmup S runs the mix S seconds first, unmeasured (a server that has
// run a while has a warm cache; without it the run starts cold).
// With --relevance DIR it first scores the labelled relevance set
// (bench/relevance/: products.tsv, queries.tsv) as nDCG@10 per language;
// --products 0 does only that.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "search/product_index.h"

namespace {

using shrimp::search::ProductIndex;
using shrimp::search::SearchDocument;
using shrimp::search::SearchRequest;
using shrimp::search::SearchSort;

const char* kEnglish[] = {"green", "tea",      "teapot", "bamboo",  "tray",   "silk",
                          "scarf", "wool",     "jacket", "leather", "wallet", "ceramic",
                          "bowl",  "coffee",   "mug",    "linen",   "shirt",  "organic",
                          "honey", "spicy",    "sauce",  "wooden",  "spoon",  "cotton",
                          "towel", "handmade", "soap",   "lamp",    "candle"};
const char* kFrench[] = {"thé",     "vert",  "théière",    "fonte", "plateau",
                         "foulard", "soie",  "veste",      "laine", "portefeuille",
                         "cuir",    "bol",   "céramique",  "tasse", "chemise",
                         "lin",     "miel",  "biologique", "savon", "artisanal",
                         "bougie",  "lampe", "cuillère",   "bois",  "serviette",
                         "coton",   "épicée"};
const char* kChinese[] = {"绿茶", "龙井", "茶壶", "竹子", "托盘", "丝绸", "围巾", "羊毛", "夹克",
                          "皮革", "钱包", "陶瓷", "碗",   "咖啡", "杯子", "亚麻", "衬衫", "有机",
                          "蜂蜜", "辣酱", "木勺", "棉",   "毛巾", "手工", "肥皂", "台灯", "蜡烛"};
const char* kCities[][2] = {{"Hangzhou", "CN"}, {"Chengdu", "CN"}, {"Shanghai", "CN"},
                            {"Paris", "FR"},    {"Lyon", "FR"},    {"Marseille", "FR"},
                            {"London", "GB"},   {"Kyoto", "JP"},   {"Berlin", "DE"},
                            {"New York", "US"}};
const char* kCategories[][2] = {{"food", "tea"},        {"food", "sauces"},
                                {"home", "kitchen"},    {"home", "lighting"},
                                {"fashion", "scarves"}, {"fashion", "jackets"}};

template <size_t N>
const char* Pick(std::mt19937_64& random, const char* (&words)[N]) {
  return words[random() % N];
}

SearchDocument Generate(int64_t id, int64_t shops) {
  std::mt19937_64 random(static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ULL);
  SearchDocument doc;
  doc.product_id = id;
  // Shop sizes are skewed: a few big shops, many small ones.
  double u = std::uniform_real_distribution<double>(0, 1)(random);
  doc.shop_id = 1 + static_cast<int64_t>(static_cast<double>(shops) * u * u);
  std::mt19937_64 shop_random(static_cast<uint64_t>(doc.shop_id));
  const auto& city = kCities[shop_random() % std::size(kCities)];
  doc.city = city[0];
  doc.country = city[1];
  doc.shop_name =
      std::string("Shop ") + Pick(shop_random, kEnglish) + " " + std::to_string(doc.shop_id);
  int language = static_cast<int>(random() % 3);
  auto word = [&] {
    return std::string(language == 0   ? Pick(random, kEnglish)
                       : language == 1 ? Pick(random, kFrench)
                                       : Pick(random, kChinese));
  };
  doc.title = word() + " " + word() + " " + word();
  for (int i = 0; i < 12; ++i) doc.description += word() + " ";
  doc.attributes = "size M colour red";
  const auto& category = kCategories[random() % std::size(kCategories)];
  doc.category_slugs = {category[0], category[1]};
  doc.category_path = {category[0], category[1]};
  doc.currency = doc.country == std::string("CN") ? "CNY" : "EUR";
  doc.price_min = 100 + static_cast<int64_t>(random() % 50000);
  doc.created_at_ms = 1'790'000'000'000 + id * 1000;
  doc.in_stock = random() % 10 != 0;
  return doc;
}

SearchRequest Query(std::mt19937_64& random) {
  SearchRequest request;
  request.now_ms = 1'800'000'000'000;
  int kind = static_cast<int>(random() % 10);
  int language = static_cast<int>(random() % 3);
  auto word = [&] {
    return std::string(language == 0   ? Pick(random, kEnglish)
                       : language == 1 ? Pick(random, kFrench)
                                       : Pick(random, kChinese));
  };
  request.text = kind < 5 ? word() : word() + " " + word();
  if (kind == 5) request.text = "teas";  // stemming
  if (kind == 6) request.city = kCities[random() % std::size(kCities)][0];
  if (kind == 7) {
    request.min_price = 1000;
    request.max_price = 20000;
  }
  if (kind == 8) request.sort = SearchSort::kPriceAsc;
  if (kind == 9) request.category = "food";
  return request;
}

// The Zipf mix's request of a given rank: 1 to 3 words, filters as Query.
SearchRequest ZipfQuery(uint64_t rank) {
  std::mt19937_64 random(rank * 0x2545F4914F6CDD1DULL + 17);
  SearchRequest request = Query(random);
  int language = static_cast<int>(random() % 3);
  auto word = [&] {
    return std::string(language == 0   ? Pick(random, kEnglish)
                       : language == 1 ? Pick(random, kFrench)
                                       : Pick(random, kChinese));
  };
  int words = static_cast<int>(random() % 20);  // 30 % one word, 45 % two, 25 % three
  request.text = words < 6    ? word()
                 : words < 15 ? word() + " " + word()
                              : word() + " " + word() + " " + word();
  return request;
}

// Zipf(s) over ranks 0..n-1 by inverse CDF.
class Zipf {
 public:
  Zipf(size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (size_t rank = 0; rank < n; ++rank) {
      sum += 1.0 / std::pow(static_cast<double>(rank + 1), s);
      cdf_[rank] = sum;
    }
    for (double& value : cdf_) value /= sum;
  }
  uint64_t operator()(std::mt19937_64& random) const {
    double u = std::uniform_real_distribution<double>(0, 1)(random);
    return static_cast<uint64_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

// The labelled relevance set (bench/relevance/): nDCG@10 per language, with
// binary gains for the listed products. Prints the queries that miss.
int ScoreRelevance(const std::string& set_dir, const std::string& index_dir) {
  std::filesystem::remove_all(index_dir);
  auto index = ProductIndex::Open(index_dir);
  if (!index.ok()) return 1;
  std::ifstream products(set_dir + "/products.tsv");
  std::vector<SearchDocument> docs;
  for (std::string line; std::getline(products, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto fields = SplitTabs(line);
    if (fields.size() < 7) continue;
    SearchDocument doc;
    doc.product_id = std::stoll(fields[0]);
    doc.shop_id = std::stoll(fields[1]);
    doc.city = fields[2];
    doc.country = fields[3];
    doc.category_slugs = {fields[4]};
    doc.category_path = {fields[4]};
    doc.title = fields[5];
    doc.description = fields[6];
    doc.shop_name = "Shop " + fields[1];
    doc.currency = "EUR";
    doc.price_min = 1000;
    doc.in_stock = true;
    docs.push_back(std::move(doc));
  }
  if (!(*index)->Apply(docs, {}, {}).ok()) return 1;
  std::ifstream queries(set_dir + "/queries.tsv");
  std::map<std::string, std::pair<double, int>> by_language;
  double total = 0;
  int count = 0;
  for (std::string line; std::getline(queries, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto fields = SplitTabs(line);
    if (fields.size() < 3) continue;
    std::set<int64_t> relevant;
    for (size_t start = 0; start < fields[2].size();) {
      size_t comma = fields[2].find(',', start);
      if (comma == std::string::npos) comma = fields[2].size();
      relevant.insert(std::stoll(fields[2].substr(start, comma - start)));
      start = comma + 1;
    }
    SearchRequest request;
    request.text = fields[1];
    request.limit = 10;
    auto result = (*index)->Search(request);
    double dcg = 0, ideal = 0;
    if (result.ok()) {
      for (size_t rank = 0; rank < result->items.size(); ++rank) {
        if (relevant.count(result->items[rank].product_id)) dcg += 1.0 / std::log2(rank + 2.0);
      }
    }
    for (size_t rank = 0; rank < std::min<size_t>(relevant.size(), 10); ++rank) {
      ideal += 1.0 / std::log2(rank + 2.0);
    }
    double ndcg = ideal > 0 ? dcg / ideal : 0;
    if (ndcg < 0.999)
      std::fprintf(stderr, "relevance: %s \"%s\" nDCG@10 %.2f\n", fields[0].c_str(),
                   fields[1].c_str(), ndcg);
    by_language[fields[0]].first += ndcg;
    by_language[fields[0]].second += 1;
    total += ndcg;
    ++count;
  }
  std::printf("relevance relevance_queries=%d ndcg10=%.3f", count, count ? total / count : 0.0);
  for (const auto& [language, sum] : by_language) {
    std::printf(" ndcg10_%s=%.3f", language.c_str(), sum.first / sum.second);
  }
  std::printf("\n");
  index->reset();
  std::filesystem::remove_all(index_dir);
  return 0;
}

int64_t RssMib() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

std::string LoadAverage() {
  std::ifstream file("/proc/loadavg");
  std::string one;
  file >> one;
  return one.empty() ? "?" : one;
}

int64_t DirectoryBytes(const std::filesystem::path& path) {
  int64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) bytes += static_cast<int64_t>(entry.file_size());
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t products = 200'000;
  int threads = 2;
  double duration_s = 10;
  std::string dir = "/tmp/shrimp-search-bench";
  std::string relevance;
  bool keep = false;
  std::string mix = "zipf";
  int64_t distinct = 100'000;
  double zipf_s = 1.0;
  double warmup_s = 0;
  int64_t cache_entries = static_cast<int64_t>(shrimp::search::kResultCacheEntries);
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--mix")) mix = argv[i + 1];
    if (!std::strcmp(argv[i], "--distinct"))
      distinct = std::max<int64_t>(1, std::stoll(argv[i + 1]));
    if (!std::strcmp(argv[i], "--zipf")) zipf_s = std::stod(argv[i + 1]);
    if (!std::strcmp(argv[i], "--warmup")) warmup_s = std::stod(argv[i + 1]);
    if (!std::strcmp(argv[i], "--cache")) cache_entries = std::stoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--relevance")) relevance = argv[i + 1];
    if (!std::strcmp(argv[i], "--products")) products = std::stoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) threads = std::stoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--duration")) duration_s = std::stod(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
    if (!std::strcmp(argv[i], "--keep")) keep = std::strcmp(argv[i + 1], "0") != 0;
  }
  if (!relevance.empty() && ScoreRelevance(relevance, dir + "-relevance") != 0) return 1;
  if (products == 0) return 0;
  if (!keep) std::filesystem::remove_all(dir);
  auto started = std::chrono::steady_clock::now();
  auto index = ProductIndex::Open(dir);
  if (!index.ok()) {
    std::fprintf(stderr, "cannot open index: %s\n", index.error().message.c_str());
    return 1;
  }
  double open_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  int64_t shops = std::max<int64_t>(10, products / 50);
  bool reused = keep && (*index)->DocumentCount() == products;
  constexpr int64_t kBatch = 10'000;
  for (int64_t first = 1; !reused && first <= products; first += kBatch) {
    std::vector<SearchDocument> batch;
    for (int64_t id = first; id < first + kBatch && id <= products; ++id) {
      batch.push_back(Generate(id, shops));
    }
    if (auto applied = (*index)->Apply(batch, {}, {}); !applied.ok()) {
      std::fprintf(stderr, "indexing failed: %s\n", applied.error().message.c_str());
      return 1;
    }
    std::fprintf(stderr, "\rindexed %lld / %lld", static_cast<long long>(first + kBatch - 1),
                 static_cast<long long>(products));
  }
  double index_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "\n");
  auto signals = std::make_shared<shrimp::search::ShopSignals>();
  for (int64_t shop = 1; shop <= shops; ++shop) {
    if (shop % 3 != 0) (*signals)[shop] = {3.5 + static_cast<double>(shop % 15) / 10.0, 20, shop};
  }
  (*index)->SetSignals(signals);
  (*index)->SetResultCacheEntries(static_cast<size_t>(std::max<int64_t>(0, cache_entries)));
  bool zipf_mix = mix != "uniform";
  Zipf zipf(static_cast<size_t>(distinct), zipf_s);

  // --warmup: the same mix first, unmeasured, so the cache holds what a
  // server that has run a while holds.
  if (warmup_s > 0) {
    std::atomic<bool> warm{true};
    std::vector<std::thread> warmers;
    for (int t = 0; t < threads; ++t) {
      warmers.emplace_back([&, t] {
        std::mt19937_64 random(static_cast<uint64_t>(t) + 1000);
        while (warm.load(std::memory_order_relaxed)) {
          SearchRequest request = zipf_mix ? ZipfQuery(zipf(random)) : Query(random);
          if (!(*index)->Search(request).ok()) std::abort();
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(warmup_s));
    warm = false;
    for (auto& warmer : warmers) warmer.join();
  }

  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(threads), miss_latencies(threads);
  std::vector<double> cpu_s(threads, 0);
  std::vector<std::thread> workers;
  auto run_started = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937_64 random(static_cast<uint64_t>(t) + 1);
      double cpu_started = ThreadCpuSeconds();
      while (!stop.load(std::memory_order_relaxed)) {
        SearchRequest request = zipf_mix ? ZipfQuery(zipf(random)) : Query(random);
        auto begin = std::chrono::steady_clock::now();
        auto result = (*index)->Search(request);
        auto end = std::chrono::steady_clock::now();
        if (!result.ok()) std::abort();
        double ms = std::chrono::duration<double, std::milli>(end - begin).count();
        latencies[t].push_back(ms);
        if (!result->from_cache) miss_latencies[t].push_back(ms);
      }
      cpu_s[t] = ThreadCpuSeconds() - cpu_started;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(duration_s));
  stop = true;
  for (auto& worker : workers) worker.join();
  double run_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - run_started).count();
  std::vector<double> all, misses;
  for (auto& per_thread : latencies) all.insert(all.end(), per_thread.begin(), per_thread.end());
  for (auto& per_thread : miss_latencies)
    misses.insert(misses.end(), per_thread.begin(), per_thread.end());
  std::sort(all.begin(), all.end());
  std::sort(misses.begin(), misses.end());
  auto percentile_of = [](const std::vector<double>& sorted, double p) {
    return sorted.empty()
               ? 0.0
               : sorted[std::min(sorted.size() - 1, static_cast<size_t>(p * sorted.size()))];
  };
  auto percentile = [&](double p) { return percentile_of(all, p); };
  double cpu_total = 0;
  for (double seconds : cpu_s) cpu_total += seconds;
  double cpu_us = all.empty() ? 0.0 : cpu_total * 1e6 / static_cast<double>(all.size());
  // Indexing rate: "reused" when --keep found the index built (then the
  // figure is the open time's, which includes loading the in-memory table).
  std::printf(
      "search products=%lld index_rate_per_s=%.0f index_reused=%d open_s=%.1f index_mib=%.0f "
      "queries=%zu queries_per_s=%.0f p50_ms=%.2f p99_ms=%.2f cpu_us_per_query=%.0f "
      "queries_per_cpu_s=%.0f rss_mib=%lld threads=%d load=%s mix=%s distinct=%lld zipf=%.2f "
      "cache_entries=%lld warmup_s=%.0f cache_hit_rate=%.3f miss_p50_ms=%.2f miss_p99_ms=%.2f\n",
      static_cast<long long>(products), reused ? 0.0 : static_cast<double>(products) / index_s,
      reused ? 1 : 0, open_s, static_cast<double>(DirectoryBytes(dir)) / (1024.0 * 1024.0),
      all.size(), static_cast<double>(all.size()) / run_s, percentile(0.5), percentile(0.99),
      cpu_us, cpu_us > 0 ? 1e6 / cpu_us : 0.0, static_cast<long long>(RssMib()), threads,
      LoadAverage().c_str(), zipf_mix ? "zipf" : "uniform", static_cast<long long>(distinct),
      zipf_s, static_cast<long long>(cache_entries), warmup_s,
      all.empty() ? 0.0
                  : 1.0 - static_cast<double>(misses.size()) / static_cast<double>(all.size()),
      percentile_of(misses, 0.5), percentile_of(misses, 0.99));
  index->reset();
  if (!keep) std::filesystem::remove_all(dir);
  return 0;
}
