#include "search/product_index.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <list>
#include <map>
#include <set>

#include "core/money.h"

namespace shrimp::search {
namespace {

// Value slots.
constexpr Xapian::valueno kSlotPrice = 0;     // sortable_serialise(minor units)
constexpr Xapian::valueno kSlotCreated = 1;   // sortable_serialise(ms)
constexpr Xapian::valueno kSlotShop = 2;      // decimal shop id
constexpr Xapian::valueno kSlotCategory = 3;  // leaf category slug
constexpr Xapian::valueno kSlotCity = 4;
constexpr Xapian::valueno kSlotCountry = 5;
constexpr Xapian::valueno kSlotPriceBand = 6;
// Slot 7 held "<shop id> <created ms>" for the boost; DocTable has it now.

constexpr const char* kFrenchPrefix = "XF";
constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
    Xapian::QueryParser::FLAG_SPELLING_CORRECTION | Xapian::QueryParser::FLAG_CJK_NGRAM;
constexpr size_t kReadersMax = 4;

std::string Lower(std::string_view text) {
  std::string lower;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    Xapian::Unicode::append_utf8(lower, Xapian::Unicode::tolower(*it));
  }
  return lower;
}

std::string IdTerm(int64_t product_id) { return "Q" + std::to_string(product_id); }

// Bands in major units of the product's own currency.
std::string PriceBand(int64_t minor, const std::string& currency) {
  int digits = 2;
  if (auto parsed = Currency::Parse(currency)) digits = parsed->minor_digits();
  double major = static_cast<double>(minor) / std::pow(10.0, digits);
  if (major < 10) return "0-10";
  if (major < 50) return "10-50";
  if (major < 100) return "50-100";
  if (major < 500) return "100-500";
  return "500+";
}

// Document data: the fields a hit shows, tab-separated.
std::string HitData(const SearchDocument& doc) {
  auto clean = [](std::string text) {
    std::replace(text.begin(), text.end(), '\t', ' ');
    return text;
  };
  return std::to_string(doc.product_id) + '\t' + std::to_string(doc.shop_id) + '\t' +
         clean(doc.title) + '\t' + clean(doc.shop_name) + '\t' + clean(doc.city) + '\t' +
         doc.country + '\t' + doc.currency + '\t' + std::to_string(doc.price_min) + '\t' +
         (doc.in_stock ? "1" : "0") + '\t' + clean(doc.image);
}

SearchHit ParseHit(const std::string& data) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    size_t tab = data.find('\t', start);
    fields.push_back(
        data.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  SearchHit hit;
  if (fields.size() < 9) return hit;
  hit.product_id = std::stoll(fields[0]);
  hit.shop_id = std::stoll(fields[1]);
  hit.title = fields[2];
  hit.shop_name = fields[3];
  hit.city = fields[4];
  hit.country = fields[5];
  hit.currency = fields[6];
  hit.price_min = std::stoll(fields[7]);
  hit.in_stock = fields[8] == "1";
  if (fields.size() > 9) hit.image = fields[9];
  return hit;
}

// What ranking, filters, facets and diversity read per matching document,
// kept in memory by docid so the hot loop never touches Xapian's value
// B-trees (a value lookup per slot per document was most of a query's time).
// Loaded from the value slots at open, updated by Apply. Lock-free: chunks
// are allocated once and never freed; fields are relaxed atomics, so a
// search racing an update reads either the old or the new value of a field.
class DocTable {
 public:
  static constexpr int kChunkBits = 16;
  static constexpr size_t kChunkSize = size_t{1} << kChunkBits;
  static constexpr size_t kChunksMax = size_t{1} << 16;  // 2^32 docids
  static constexpr uint16_t kNoCode = 0xFFFF;

  struct Entry {
    std::atomic<int64_t> shop{0};
    std::atomic<int64_t> created_ms{0};
    // category | city << 16 | country << 32 | price band << 48
    std::atomic<uint64_t> codes{~uint64_t{0}};
  };
  struct Codes {
    uint16_t category, city, country, band;
  };

  DocTable() : chunks_(kChunksMax) {}
  ~DocTable() {
    for (auto& chunk : chunks_) delete[] chunk.load();
  }
  DocTable(const DocTable&) = delete;
  DocTable& operator=(const DocTable&) = delete;

  const Entry* Find(Xapian::docid did) const {
    size_t chunk = did >> kChunkBits;
    if (chunk >= kChunksMax) return nullptr;
    Entry* entries = chunks_[chunk].load(std::memory_order_acquire);
    return entries ? &entries[did & (kChunkSize - 1)] : nullptr;
  }
  int64_t Shop(Xapian::docid did) const {
    const Entry* entry = Find(did);
    return entry ? entry->shop.load(std::memory_order_relaxed) : 0;
  }
  static Codes Unpack(uint64_t packed) {
    return {static_cast<uint16_t>(packed), static_cast<uint16_t>(packed >> 16),
            static_cast<uint16_t>(packed >> 32), static_cast<uint16_t>(packed >> 48)};
  }

  // Writer side (one thread).
  Entry& At(Xapian::docid did) {
    size_t chunk = did >> kChunkBits;
    Entry* entries = chunks_.at(chunk).load(std::memory_order_acquire);
    if (entries == nullptr) {
      entries = new Entry[kChunkSize];
      chunks_[chunk].store(entries, std::memory_order_release);
    }
    return entries[did & (kChunkSize - 1)];
  }

  // Interned facet values (category slug, city, country, price band).
  uint16_t Intern(int dictionary, const std::string& value) {
    std::lock_guard lock(names_mutex_);
    auto& ids = ids_[dictionary];
    if (auto found = ids.find(value); found != ids.end()) return found->second;
    auto& names = names_[dictionary];
    if (names.size() >= kNoCode) return kNoCode;
    names.push_back(value);
    ids.emplace(value, static_cast<uint16_t>(names.size() - 1));
    return static_cast<uint16_t>(names.size() - 1);
  }
  std::string Name(int dictionary, uint16_t code) const {
    std::lock_guard lock(names_mutex_);
    const auto& names = names_[dictionary];
    return code < names.size() ? names[code] : std::string();
  }
  size_t Size(int dictionary) const {
    std::lock_guard lock(names_mutex_);
    return names_[dictionary].size();
  }

 private:
  std::vector<std::atomic<Entry*>> chunks_;
  mutable std::mutex names_mutex_;
  std::vector<std::string> names_[4];
  std::unordered_map<std::string, uint16_t> ids_[4];
};

constexpr int kDictCategory = 0, kDictCity = 1, kDictCountry = 2, kDictBand = 3;

using SignalsPtr = std::shared_ptr<const ShopSignals>;

const ShopSignal* Find(const ShopSignals& signals, int64_t shop_id) {
  auto found = signals.find(shop_id);
  return found == signals.end() ? nullptr : &found->second;
}

double ScoreFor(const ShopSignals& signals, int64_t shop_id) {
  const ShopSignal* signal = Find(signals, shop_id);
  return signal && signal->reviews > 0 ? signal->score : kUnratedScore;
}

// Rating facet bands, in the order the answer lists them (by name).
const char* const kRatingBands[] = {"3.0+", "4.0+", "4.5+", "below 3", "unrated"};
constexpr int kRatingBandCount = 5;

int RatingBand(const ShopSignal* signal) {
  if (signal == nullptr || signal->reviews == 0) return 4;
  if (signal->score >= 4.5) return 2;
  if (signal->score >= 4.0) return 1;
  if (signal->score >= 3.0) return 0;
  return 3;
}

// The shop part of the ranking boost: reputation and sales.
double ShopBoost(const ShopSignals& signals, int64_t shop_id) {
  double score = ScoreFor(signals, shop_id);
  const ShopSignal* signal = Find(signals, shop_id);
  double weight = kBoostScore * std::clamp((score - 3.0) / 2.0, 0.0, 1.0);
  if (signal) weight += kBoostSales * std::log10(1.0 + static_cast<double>(signal->orders));
  return weight;
}

// Shop signals with dense per-shop arrays (shop ids are small integers) so
// the per-document work of a query is an array read, not a hash lookup.
struct Signals {
  static constexpr int64_t kDenseMax = 16'000'000;
  uint64_t version = 0;  // the results cache's tag; set once, before sharing
  SignalsPtr shops = std::make_shared<ShopSignals>();
  std::vector<float> boost;   // ShopBoost by shop id
  std::vector<float> rating;  // score, 0 when unrated
  std::vector<uint8_t> band;  // RatingBand

  explicit Signals(SignalsPtr signals) : shops(std::move(signals)) {
    int64_t max_id = 0;
    for (const auto& [shop_id, signal] : *shops) max_id = std::max(max_id, shop_id);
    size_t size = static_cast<size_t>(std::clamp<int64_t>(max_id + 1, 1, kDenseMax));
    boost.assign(size, static_cast<float>(ShopBoost(ShopSignals{}, 0)));
    rating.assign(size, 0);
    band.assign(size, static_cast<uint8_t>(RatingBand(nullptr)));
    for (const auto& [shop_id, signal] : *shops) {
      if (shop_id < 0 || static_cast<size_t>(shop_id) >= size) continue;
      auto at = static_cast<size_t>(shop_id);
      boost[at] = static_cast<float>(ShopBoost(*shops, shop_id));
      rating[at] = signal.reviews > 0 ? static_cast<float>(signal.score) : 0;
      band[at] = static_cast<uint8_t>(RatingBand(&signal));
    }
  }
  bool Dense(int64_t shop_id) const {
    return shop_id >= 0 && static_cast<size_t>(shop_id) < boost.size();
  }
  double Boost(int64_t shop_id) const {
    return Dense(shop_id) ? boost[static_cast<size_t>(shop_id)] : ShopBoost(*shops, shop_id);
  }
  double Rating(int64_t shop_id) const {
    if (Dense(shop_id)) return rating[static_cast<size_t>(shop_id)];
    const ShopSignal* signal = Find(*shops, shop_id);
    return signal && signal->reviews > 0 ? signal->score : 0;
  }
  int Band(int64_t shop_id) const {
    return Dense(shop_id) ? band[static_cast<size_t>(shop_id)] : RatingBand(Find(*shops, shop_id));
  }
};
using SignalsViewPtr = std::shared_ptr<const Signals>;

// Adds the shop's reputation, sales and the product's freshness to the text
// relevance of every matching document. Dense over docids: it claims every
// docid it is asked about (it only ever joins a text query with AND_MAYBE)
// and reads the boost inputs from the DocTable.
class BoostSource final : public Xapian::PostingSource {
 public:
  BoostSource(const DocTable* table, SignalsViewPtr signals, int64_t now_ms)
      : table_(table), signals_(std::move(signals)), now_ms_(now_ms) {}
  void init(const Xapian::Database& db) override {
    last_ = db.get_lastdocid();
    count_ = db.get_doccount();
    current_ = 0;
    set_maxweight(kBoostScore + kBoostSales * 7 + kBoostFreshness);
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return count_; }
  Xapian::doccount get_termfreq_max() const override { return count_; }
  void next(double) override { ++current_; }
  void skip_to(Xapian::docid did, double) override { current_ = std::max(current_, did); }
  bool check(Xapian::docid did, double) override {
    current_ = std::max(current_, did);
    return true;
  }
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  double get_weight() const override {
    const DocTable::Entry* entry = table_->Find(current_);
    if (entry == nullptr) return 0;
    double weight = signals_->Boost(entry->shop.load(std::memory_order_relaxed));
    double age = static_cast<double>(
        std::max<int64_t>(0, now_ms_ - entry->created_ms.load(std::memory_order_relaxed)));
    weight += kBoostFreshness * std::max(0.0, 1.0 - age / static_cast<double>(kFreshnessMs));
    return weight;
  }
  Xapian::PostingSource* clone() const override {
    return new BoostSource(table_, signals_, now_ms_);
  }

 private:
  const DocTable* table_;
  SignalsViewPtr signals_;
  int64_t now_ms_;
  Xapian::docid last_ = 0, current_ = 0;
  Xapian::doccount count_ = 0;
};

class MinRating final : public Xapian::MatchDecider {
 public:
  MinRating(const DocTable* table, SignalsViewPtr signals, double min)
      : table_(table), signals_(std::move(signals)), min_(min) {}
  bool operator()(const Xapian::Document& doc) const override {
    double rating = signals_->Rating(table_->Shop(doc.get_docid()));
    return rating > 0 && rating >= min_;
  }

 private:
  const DocTable* table_;
  SignalsViewPtr signals_;
  double min_;
};

class RatingKey final : public Xapian::KeyMaker {
 public:
  RatingKey(const DocTable* table, SignalsViewPtr signals)
      : table_(table), signals_(std::move(signals)) {}
  std::string operator()(const Xapian::Document& doc) const override {
    return Xapian::sortable_serialise(signals_->Rating(table_->Shop(doc.get_docid())));
  }

 private:
  const DocTable* table_;
  SignalsViewPtr signals_;
};

// Facet counts (category, city, country, price band, rating band) of the
// matches the matcher looks at, from the DocTable.
class FacetSpy final : public Xapian::MatchSpy {
 public:
  FacetSpy(const DocTable* table, SignalsViewPtr signals)
      : table_(table), signals_(std::move(signals)) {
    for (int dictionary = 0; dictionary < 4; ++dictionary) {
      counts_[dictionary].assign(table_->Size(dictionary) + 16, 0);
    }
  }
  void operator()(const Xapian::Document& doc, double) override {
    const DocTable::Entry* entry = table_->Find(doc.get_docid());
    if (entry == nullptr) return;
    ++total_;
    DocTable::Codes codes = DocTable::Unpack(entry->codes.load(std::memory_order_relaxed));
    Count(kDictCategory, codes.category);
    Count(kDictCity, codes.city);
    Count(kDictCountry, codes.country);
    Count(kDictBand, codes.band);
    ++ratings_[signals_->Band(entry->shop.load(std::memory_order_relaxed))];
  }
  int64_t total() const { return total_; }
  // The `max` largest counts of a dictionary, each scaled by `scale`.
  std::vector<FacetCount> Top(int dictionary, size_t max, double scale) const {
    std::vector<std::pair<int64_t, uint16_t>> nonzero;
    const auto& counts = counts_[dictionary];
    for (size_t code = 0; code < counts.size(); ++code) {
      if (counts[code] > 0) nonzero.emplace_back(counts[code], static_cast<uint16_t>(code));
    }
    std::vector<std::pair<std::string, int64_t>> named;
    for (const auto& [count, code] : nonzero)
      named.emplace_back(table_->Name(dictionary, code), count);
    // Largest first, then by value (as Xapian's ValueCountMatchSpy orders them).
    std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::vector<FacetCount> top;
    for (const auto& [name, count] : named) {
      if (top.size() >= max) break;
      if (name.empty()) continue;
      top.push_back({name, Scale(count, scale)});
    }
    return top;
  }
  std::vector<FacetCount> Ratings(double scale) const {
    std::vector<FacetCount> bands;
    for (int band = 0; band < kRatingBandCount; ++band) {
      if (ratings_[band] > 0) bands.push_back({kRatingBands[band], Scale(ratings_[band], scale)});
    }
    return bands;
  }

 private:
  static int64_t Scale(int64_t count, double scale) {
    return std::max<int64_t>(1, std::llround(static_cast<double>(count) * scale));
  }
  void Count(int dictionary, uint16_t code) {
    if (code == DocTable::kNoCode) return;
    auto& counts = counts_[dictionary];
    if (code >= counts.size()) counts.resize(code + 16u, 0);
    ++counts[code];
  }
  const DocTable* table_;
  SignalsViewPtr signals_;
  std::vector<int64_t> counts_[4];
  int64_t ratings_[kRatingBandCount] = {};
  int64_t total_ = 0;
};

// The whole request but its clock, each field length-prefixed.
std::string CacheKey(const SearchRequest& request) {
  std::string key;
  key.reserve(request.text.size() + 96);
  auto add = [&key](std::string_view field) {
    key += std::to_string(field.size());
    key += ':';
    key += field;
  };
  auto optional = [&](const auto& value, auto&& text) {
    if (value) {
      add(text(*value));
    } else {
      key += '-';
    }
  };
  auto same = [](const std::string& value) { return value; };
  auto number = [](int64_t value) { return std::to_string(value); };
  add(request.text);
  optional(request.category, same);
  optional(request.min_price, number);
  optional(request.max_price, number);
  optional(request.city, same);
  optional(request.country, same);
  // The exact double: its bits.
  optional(request.min_rating, [](double value) {
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return std::to_string(bits);
  });
  add(request.in_stock_only ? "1" : "0");
  add(std::to_string(static_cast<int>(request.sort)));
  add(std::to_string(request.offset));
  add(std::to_string(request.limit));
  return key;
}

// A bounded LRU of answers in shards (one mutex each), see the header.
class ResultCache {
 public:
  struct Tag {
    uint64_t generation = 0, signals = 0;
    bool operator==(const Tag&) const = default;
  };

  void SetCapacity(size_t entries) {
    capacity_.store(entries);
    for (Shard& shard : shards_) {
      std::lock_guard lock(shard.mutex);
      while (shard.lru.size() > PerShard()) Evict(shard);
    }
  }
  bool Enabled() const { return capacity_.load(std::memory_order_relaxed) > 0; }

  std::optional<SearchResult> Find(const std::string& key, Tag tag, int64_t now_ms) {
    Shard& shard = ShardOf(key);
    std::shared_ptr<const SearchResult> found;
    {
      std::lock_guard lock(shard.mutex);
      auto it = shard.map.find(key);
      if (it != shard.map.end() && it->second.tag == tag &&
          std::abs(now_ms - it->second.now_ms) <= kResultCacheTtlMs) {
        shard.lru.splice(shard.lru.begin(), shard.lru, it->second.lru);
        found = it->second.result;
      }
    }
    if (!found) {
      misses_.fetch_add(1, std::memory_order_relaxed);
      return std::nullopt;
    }
    hits_.fetch_add(1, std::memory_order_relaxed);
    SearchResult copy = *found;
    copy.from_cache = true;
    return copy;
  }

  void Store(const std::string& key, Tag tag, int64_t now_ms, const SearchResult& result) {
    auto shared = std::make_shared<const SearchResult>(result);
    Shard& shard = ShardOf(key);
    std::lock_guard lock(shard.mutex);
    size_t per_shard = PerShard();
    if (per_shard == 0) return;
    auto it = shard.map.find(key);
    if (it != shard.map.end()) {
      it->second.tag = tag;
      it->second.now_ms = now_ms;
      it->second.result = std::move(shared);
      shard.lru.splice(shard.lru.begin(), shard.lru, it->second.lru);
      return;
    }
    while (shard.lru.size() >= per_shard) Evict(shard);
    shard.lru.push_front(key);
    shard.map.emplace(key, Entry{tag, now_ms, std::move(shared), shard.lru.begin()});
  }

  ResultCacheStats Stats() const {
    ResultCacheStats stats;
    stats.hits = hits_.load();
    stats.misses = misses_.load();
    for (const Shard& shard : shards_) {
      std::lock_guard lock(shard.mutex);
      stats.entries += static_cast<int64_t>(shard.map.size());
    }
    return stats;
  }

 private:
  static constexpr size_t kShards = 16;
  struct Entry {
    Tag tag;
    int64_t now_ms = 0;
    std::shared_ptr<const SearchResult> result;
    std::list<std::string>::iterator lru;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Entry> map;
    std::list<std::string> lru;  // most recent first
  };

  size_t PerShard() const {
    size_t capacity = capacity_.load(std::memory_order_relaxed);
    return capacity == 0 ? 0 : (capacity + kShards - 1) / kShards;
  }
  Shard& ShardOf(const std::string& key) {
    return shards_[std::hash<std::string>{}(key) % kShards];
  }
  static void Evict(Shard& shard) {
    shard.map.erase(shard.lru.back());
    shard.lru.pop_back();
  }

  std::atomic<size_t> capacity_{kResultCacheEntries};
  std::atomic<int64_t> hits_{0}, misses_{0};
  Shard shards_[kShards];
};

}  // namespace

std::optional<SearchSort> ParseSearchSort(std::string_view name) {
  if (name == "relevance") return SearchSort::kRelevance;
  if (name == "price_asc") return SearchSort::kPriceAsc;
  if (name == "price_desc") return SearchSort::kPriceDesc;
  if (name == "newest") return SearchSort::kNewest;
  if (name == "rating") return SearchSort::kRating;
  return std::nullopt;
}

struct ProductIndex::Impl {
  std::string directory;
  Xapian::WritableDatabase writer;
  std::atomic<uint64_t> generation{0};
  mutable std::mutex readers_mutex;
  mutable std::vector<std::pair<std::unique_ptr<Xapian::Database>, uint64_t>> readers;
  mutable std::mutex signals_mutex;
  SignalsViewPtr signals = std::make_shared<Signals>(std::make_shared<ShopSignals>());
  uint64_t signals_version = 0;  // under signals_mutex
  DocTable table;
  mutable ResultCache cache;

  SignalsViewPtr CurrentSignals() const {
    std::lock_guard lock(signals_mutex);
    return signals;
  }

  // Records what DocTable keeps of a document (writer thread).
  void Remember(Xapian::docid did, const SearchDocument& doc) {
    DocTable::Entry& entry = table.At(did);
    entry.shop.store(doc.shop_id, std::memory_order_relaxed);
    entry.created_ms.store(doc.created_at_ms, std::memory_order_relaxed);
    uint64_t category =
        table.Intern(kDictCategory, doc.category_slugs.empty() ? "" : doc.category_slugs.back());
    uint64_t city = table.Intern(kDictCity, doc.city);
    uint64_t country = table.Intern(kDictCountry, doc.country);
    uint64_t band = table.Intern(kDictBand, PriceBand(doc.price_min, doc.currency));
    entry.codes.store(category | city << 16 | country << 32 | band << 48,
                      std::memory_order_relaxed);
  }

  // Fills DocTable from the value slots of an existing index (at open).
  void Load() {
    auto each = [&](Xapian::valueno slot, auto&& apply) {
      for (auto it = writer.valuestream_begin(slot); it != writer.valuestream_end(slot); ++it) {
        apply(table.At(it.get_docid()), *it);
      }
    };
    each(kSlotShop, [](DocTable::Entry& entry, const std::string& value) {
      entry.shop.store(value.empty() ? 0 : std::stoll(value), std::memory_order_relaxed);
    });
    each(kSlotCreated, [](DocTable::Entry& entry, const std::string& value) {
      entry.created_ms.store(static_cast<int64_t>(Xapian::sortable_unserialise(value)),
                             std::memory_order_relaxed);
    });
    const std::pair<Xapian::valueno, int> slots[] = {{kSlotCategory, kDictCategory},
                                                     {kSlotCity, kDictCity},
                                                     {kSlotCountry, kDictCountry},
                                                     {kSlotPriceBand, kDictBand}};
    for (const auto& [slot, dictionary] : slots) {
      int shift = 16 * dictionary;
      each(slot, [&, shift = shift, dictionary = dictionary](DocTable::Entry& entry,
                                                             const std::string& value) {
        uint64_t code = table.Intern(dictionary, value);
        uint64_t codes = entry.codes.load(std::memory_order_relaxed);
        codes = (codes & ~(uint64_t{0xFFFF} << shift)) | code << shift;
        entry.codes.store(codes, std::memory_order_relaxed);
      });
    }
  }

  // A reader handle, current with the last commit; returned by Release.
  std::pair<std::unique_ptr<Xapian::Database>, uint64_t> Acquire() const {
    std::pair<std::unique_ptr<Xapian::Database>, uint64_t> reader;
    {
      std::lock_guard lock(readers_mutex);
      if (!readers.empty()) {
        reader = std::move(readers.back());
        readers.pop_back();
      }
    }
    uint64_t current = generation.load();
    if (!reader.first) {
      reader.first = std::make_unique<Xapian::Database>(directory);
      reader.second = current;
    } else if (reader.second != current) {
      reader.first->reopen();
      reader.second = current;
    }
    return reader;
  }
  void Release(std::pair<std::unique_ptr<Xapian::Database>, uint64_t> reader) const {
    std::lock_guard lock(readers_mutex);
    if (readers.size() < kReadersMax) readers.push_back(std::move(reader));
  }

  Xapian::Document Build(const SearchDocument& doc) const {
    Xapian::Document document;
    Xapian::TermGenerator english;
    english.set_stemmer(Xapian::Stem("english"));
    english.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    english.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM | Xapian::TermGenerator::FLAG_SPELLING);
    english.set_database(writer);
    english.set_document(document);
    Xapian::TermGenerator french;
    french.set_stemmer(Xapian::Stem("french"));
    french.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    french.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    french.set_document(document);
    std::string category;
    for (const std::string& name : doc.category_path) category += name + " ";
    struct Field {
      const std::string* text;
      Xapian::termcount weight;
    };
    for (Field field : {Field{&doc.title, 3}, Field{&doc.description, 1}, Field{&doc.attributes, 1},
                        Field{&category, 2}, Field{&doc.shop_name, 2}, Field{&doc.city, 1}}) {
      english.index_text(*field.text, field.weight);
      english.increase_termpos();
      french.index_text(*field.text, field.weight, kFrenchPrefix);
      french.increase_termpos();
    }
    document.add_boolean_term(IdTerm(doc.product_id));
    for (const std::string& slug : doc.category_slugs) document.add_boolean_term("XCAT" + slug);
    document.add_boolean_term("XCITY" + Lower(doc.city));
    document.add_boolean_term("XCTRY" + doc.country);
    if (doc.in_stock) document.add_boolean_term("XSTOCK");
    document.add_value(kSlotPrice, Xapian::sortable_serialise(static_cast<double>(doc.price_min)));
    document.add_value(kSlotCreated,
                       Xapian::sortable_serialise(static_cast<double>(doc.created_at_ms)));
    document.add_value(kSlotShop, std::to_string(doc.shop_id));
    document.add_value(kSlotCategory, doc.category_slugs.empty() ? "" : doc.category_slugs.back());
    document.add_value(kSlotCity, doc.city);
    document.add_value(kSlotCountry, doc.country);
    document.add_value(kSlotPriceBand, PriceBand(doc.price_min, doc.currency));
    document.set_data(HitData(doc));
    return document;
  }
};

ProductIndex::ProductIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProductIndex::~ProductIndex() = default;

Result<std::unique_ptr<ProductIndex>> ProductIndex::Open(const std::string& directory) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->directory = directory;
    impl->writer = Xapian::WritableDatabase(directory, Xapian::DB_CREATE_OR_OPEN);
    impl->Load();
    return std::unique_ptr<ProductIndex>(new ProductIndex(std::move(impl)));
  } catch (const Xapian::Error& error) {
    return Internal("cannot open the search index in " + directory + ": " +
                    error.get_description());
  }
}

Status ProductIndex::Apply(const std::vector<SearchDocument>& upserts,
                           const std::vector<int64_t>& removals,
                           const std::vector<std::pair<std::string, std::string>>& metadata) {
  try {
    for (const SearchDocument& doc : upserts) {
      Xapian::docid did = impl_->writer.replace_document(IdTerm(doc.product_id), impl_->Build(doc));
      impl_->Remember(did, doc);
    }
    for (int64_t id : removals) impl_->writer.delete_document(IdTerm(id));
    for (const auto& [key, value] : metadata) impl_->writer.set_metadata(key, value);
    impl_->writer.commit();
    impl_->generation.fetch_add(1);
    return OkStatus();
  } catch (const Xapian::Error& error) {
    return Internal("search index write failed: " + error.get_description());
  }
}

Status ProductIndex::Clear() {
  try {
    std::vector<std::string> ids;
    for (auto it = impl_->writer.allterms_begin("Q"); it != impl_->writer.allterms_end("Q"); ++it) {
      ids.push_back(*it);
    }
    for (const std::string& id : ids) impl_->writer.delete_document(id);
    impl_->writer.commit();
    impl_->generation.fetch_add(1);
    return OkStatus();
  } catch (const Xapian::Error& error) {
    return Internal("search index clear failed: " + error.get_description());
  }
}

std::string ProductIndex::Metadata(const std::string& key) const {
  try {
    return impl_->writer.get_metadata(key);
  } catch (const Xapian::Error&) {
    return "";
  }
}

int64_t ProductIndex::DocumentCount() const {
  return static_cast<int64_t>(impl_->writer.get_doccount());
}

void ProductIndex::SetSignals(std::shared_ptr<const ShopSignals> signals) {
  if (signals == nullptr) signals = std::make_shared<ShopSignals>();
  // The indexer sends its snapshot every round; equal signals keep the view
  // (and every cached answer). Only this thread swaps, so comparing outside
  // the lock is safe.
  if (*impl_->CurrentSignals()->shops == *signals) return;
  auto view = std::make_shared<Signals>(std::move(signals));
  std::lock_guard lock(impl_->signals_mutex);
  view->version = ++impl_->signals_version;
  impl_->signals = std::move(view);
}

void ProductIndex::SetResultCacheEntries(size_t entries) { impl_->cache.SetCapacity(entries); }

ResultCacheStats ProductIndex::CacheStats() const { return impl_->cache.Stats(); }

Result<SearchResult> ProductIndex::Search(const SearchRequest& request) const {
  if (!impl_->cache.Enabled()) return SearchUncached(request);
  // Tags are read before the search: an answer computed from newer data
  // than its tags is dropped early, never served late.
  ResultCache::Tag tag{impl_->generation.load(), impl_->CurrentSignals()->version};
  std::string key = CacheKey(request);
  if (auto cached = impl_->cache.Find(key, tag, request.now_ms)) return std::move(*cached);
  Result<SearchResult> result = SearchUncached(request);
  if (result.ok()) impl_->cache.Store(key, tag, request.now_ms, *result);
  return result;
}

Result<SearchResult> ProductIndex::SearchUncached(const SearchRequest& request) const {
  auto reader = impl_->Acquire();
  Xapian::Database& db = *reader.first;
  SignalsViewPtr signals = impl_->CurrentSignals();
  const DocTable* table = &impl_->table;
  SearchResult result;
  try {
    Xapian::Query text_query = Xapian::Query::MatchAll;
    if (!request.text.empty()) {
      auto parse = [&](const char* stemmer, const char* prefix, unsigned flags) -> Xapian::Query {
        Xapian::QueryParser parser;
        parser.set_database(db);
        parser.set_stemmer(Xapian::Stem(stemmer));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.set_default_op(Xapian::Query::OP_AND);
        Xapian::Query parsed = parser.parse_query(request.text, flags, prefix);
        if (flags & Xapian::QueryParser::FLAG_SPELLING_CORRECTION) {
          std::string corrected = parser.get_corrected_query_string();
          if (!corrected.empty() && corrected != request.text) result.did_you_mean = corrected;
        }
        return parsed;
      };
      // Spelling correction once (unprefixed terms carry the spelling table).
      constexpr unsigned kFrenchFlags =
          kParseFlags & ~Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
      Xapian::Query english, french;
      try {
        english = parse("english", "", kParseFlags);
        french = parse("french", kFrenchPrefix, kFrenchFlags);
      } catch (const Xapian::QueryParserError&) {
        // Query syntax the parser rejects: take the words as plain words.
        english = parse("english", "", Xapian::QueryParser::FLAG_CJK_NGRAM);
        french = parse("french", kFrenchPrefix, Xapian::QueryParser::FLAG_CJK_NGRAM);
      }
      text_query = Xapian::Query(Xapian::Query::OP_OR, english, french);
    }
    std::vector<Xapian::Query> filters;
    if (request.category) filters.emplace_back("XCAT" + *request.category);
    if (request.city) filters.emplace_back("XCITY" + Lower(*request.city));
    if (request.country) filters.emplace_back("XCTRY" + *request.country);
    if (request.in_stock_only) filters.emplace_back("XSTOCK");
    if (request.min_price || request.max_price) {
      filters.emplace_back(
          Xapian::Query::OP_VALUE_RANGE, kSlotPrice,
          Xapian::sortable_serialise(static_cast<double>(request.min_price.value_or(0))),
          Xapian::sortable_serialise(static_cast<double>(request.max_price.value_or(INT64_MAX))));
    }
    Xapian::Query query = text_query;
    if (request.sort == SearchSort::kRelevance) {
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                            Xapian::Query(
                                (new BoostSource(table, signals, request.now_ms))->release()));
    }
    if (!filters.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    RatingKey rating_key(table, signals);
    switch (request.sort) {
      case SearchSort::kRelevance: break;
      case SearchSort::kPriceAsc:
        enquire.set_sort_by_value_then_relevance(kSlotPrice, false);
        break;
      case SearchSort::kPriceDesc:
        enquire.set_sort_by_value_then_relevance(kSlotPrice, true);
        break;
      case SearchSort::kNewest: enquire.set_sort_by_value_then_relevance(kSlotCreated, true); break;
      case SearchSort::kRating: enquire.set_sort_by_key_then_relevance(&rating_key, true); break;
    }
    FacetSpy facets(table, signals);
    enquire.add_matchspy(&facets);
    std::unique_ptr<MinRating> min_rating;
    if (request.min_rating) {
      min_rating = std::make_unique<MinRating>(table, signals, *request.min_rating);
    }

    // Diversity reorders the first kDiversityWindow results: fetch from the
    // top while the page starts inside it.
    bool diversify = request.offset < kDiversityWindow;
    Xapian::doccount first = diversify ? 0 : static_cast<Xapian::doccount>(request.offset);
    Xapian::doccount wanted = static_cast<Xapian::doccount>(
        diversify ? std::max<int64_t>(request.offset + request.limit + 1, kDiversityWindow)
                  : request.limit + 1);
    Xapian::MSet mset =
        enquire.get_mset(first, wanted, static_cast<Xapian::doccount>(kFacetMatchesMax), nullptr,
                         min_rating.get());
    struct Candidate {
      Xapian::docid did;
      int64_t shop_id;
    };
    std::vector<Candidate> ordered;
    ordered.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      ordered.push_back({*it, table->Shop(*it)});
    }
    if (diversify) {
      std::vector<Candidate> top, rest;
      std::unordered_map<int64_t, int64_t> per_shop;
      for (Candidate& candidate : ordered) {
        if (static_cast<int64_t>(top.size()) < kDiversityTop &&
            per_shop[candidate.shop_id] < kResultsPerShopMax) {
          ++per_shop[candidate.shop_id];
          top.push_back(candidate);
        } else {
          rest.push_back(candidate);
        }
      }
      ordered = std::move(top);
      ordered.insert(ordered.end(), rest.begin(), rest.end());
    }
    // Only the page's documents are read (their data holds what a hit shows).
    size_t begin = diversify ? static_cast<size_t>(request.offset) : 0;
    for (size_t index = begin;
         index < ordered.size() && static_cast<int64_t>(index - begin) < request.limit; ++index) {
      SearchHit hit = ParseHit(db.get_document(ordered[index].did).get_data());
      if (const ShopSignal* signal = Find(*signals->shops, hit.shop_id);
          signal && signal->reviews > 0) {
        hit.rating = signal->score;
        hit.reviews = signal->reviews;
      }
      result.items.push_back(std::move(hit));
    }
    if (ordered.size() > begin + static_cast<size_t>(request.limit)) {
      result.next_offset = request.offset + request.limit;
    }
    result.total_estimate = mset.get_matches_estimated();
    // When the matcher looked at only part of the matches, the counts are
    // scaled up to the estimated total.
    double scale = 1;
    if (facets.total() > 0 &&
        mset.get_matches_estimated() > static_cast<Xapian::doccount>(facets.total())) {
      scale =
          static_cast<double>(mset.get_matches_estimated()) / static_cast<double>(facets.total());
    }
    result.categories = facets.Top(kDictCategory, 20, scale);
    result.cities = facets.Top(kDictCity, 20, scale);
    result.countries = facets.Top(kDictCountry, 20, scale);
    result.prices = facets.Top(kDictBand, 10, scale);
    result.ratings = facets.Ratings(scale);
  } catch (const Xapian::Error& error) {
    impl_->Release(std::move(reader));
    return InvalidArgument("invalid_query", "the query cannot be searched: " + error.get_msg())
        .With("field", "q");
  }
  impl_->Release(std::move(reader));
  return result;
}

Result<std::vector<std::string>> ProductIndex::Suggest(const std::string& prefix,
                                                       int64_t limit) const {
  auto reader = impl_->Acquire();
  std::vector<std::string> titles;
  try {
    Xapian::QueryParser parser;
    parser.set_database(*reader.first);
    Xapian::Query query = parser.parse_query(prefix, Xapian::QueryParser::FLAG_PARTIAL |
                                                         Xapian::QueryParser::FLAG_CJK_NGRAM);
    Xapian::Enquire enquire(*reader.first);
    enquire.set_query(query);
    // One title per shop at most: suggestions should not all come from one.
    enquire.set_collapse_key(kSlotShop, 1);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit * 2));
    std::set<std::string> seen;
    for (auto it = mset.begin(); it != mset.end() && static_cast<int64_t>(titles.size()) < limit;
         ++it) {
      std::string title = ParseHit(it.get_document().get_data()).title;
      if (seen.insert(title).second) titles.push_back(title);
    }
  } catch (const Xapian::Error& error) {
    impl_->Release(std::move(reader));
    return InvalidArgument("invalid_query", "the prefix cannot be searched: " + error.get_msg())
        .With("field", "q");
  }
  impl_->Release(std::move(reader));
  return titles;
}

}  // namespace shrimp::search
