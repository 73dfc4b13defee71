#include "search/product_index.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
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
constexpr Xapian::valueno kSlotBoost = 7;  // "<shop id> <created ms>"

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

std::string RatingBand(const ShopSignal* signal) {
  if (signal == nullptr || signal->reviews == 0) return "unrated";
  if (signal->score >= 4.5) return "4.5+";
  if (signal->score >= 4.0) return "4.0+";
  if (signal->score >= 3.0) return "3.0+";
  return "below 3";
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

int64_t ShopOf(const Xapian::Document& doc) {
  std::string value = doc.get_value(kSlotShop);
  return value.empty() ? 0 : std::stoll(value);
}

using SignalsPtr = std::shared_ptr<const ShopSignals>;

const ShopSignal* Find(const ShopSignals& signals, int64_t shop_id) {
  auto found = signals.find(shop_id);
  return found == signals.end() ? nullptr : &found->second;
}

double ScoreFor(const ShopSignals& signals, int64_t shop_id) {
  const ShopSignal* signal = Find(signals, shop_id);
  return signal && signal->reviews > 0 ? signal->score : kUnratedScore;
}

// Adds the shop's reputation, sales and the product's freshness to the text
// relevance of every matching document.
class BoostSource final : public Xapian::ValuePostingSource {
 public:
  BoostSource(SignalsPtr signals, int64_t now_ms)
      : Xapian::ValuePostingSource(kSlotBoost), signals_(std::move(signals)), now_ms_(now_ms) {}
  void init(const Xapian::Database& db) override {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(kBoostScore + kBoostSales * 7 + kBoostFreshness);
  }
  double get_weight() const override {
    std::string value = get_value();
    size_t space = value.find(' ');
    if (space == std::string::npos) return 0;
    int64_t shop_id = std::stoll(value.substr(0, space));
    int64_t created_ms = std::stoll(value.substr(space + 1));
    double score = ScoreFor(*signals_, shop_id);
    const ShopSignal* signal = Find(*signals_, shop_id);
    double weight = kBoostScore * std::clamp((score - 3.0) / 2.0, 0.0, 1.0);
    if (signal) weight += kBoostSales * std::log10(1.0 + static_cast<double>(signal->orders));
    double age = static_cast<double>(std::max<int64_t>(0, now_ms_ - created_ms));
    weight += kBoostFreshness * std::max(0.0, 1.0 - age / static_cast<double>(kFreshnessMs));
    return weight;
  }
  Xapian::PostingSource* clone() const override { return new BoostSource(signals_, now_ms_); }

 private:
  SignalsPtr signals_;
  int64_t now_ms_;
};

class MinRating final : public Xapian::MatchDecider {
 public:
  MinRating(SignalsPtr signals, double min) : signals_(std::move(signals)), min_(min) {}
  bool operator()(const Xapian::Document& doc) const override {
    const ShopSignal* signal = Find(*signals_, ShopOf(doc));
    return signal && signal->reviews > 0 && signal->score >= min_;
  }

 private:
  SignalsPtr signals_;
  double min_;
};

class RatingKey final : public Xapian::KeyMaker {
 public:
  explicit RatingKey(SignalsPtr signals) : signals_(std::move(signals)) {}
  std::string operator()(const Xapian::Document& doc) const override {
    const ShopSignal* signal = Find(*signals_, ShopOf(doc));
    double score = signal && signal->reviews > 0 ? signal->score : 0;
    return Xapian::sortable_serialise(score);
  }

 private:
  SignalsPtr signals_;
};

std::vector<FacetCount> Counts(const Xapian::ValueCountMatchSpy& spy, size_t max) {
  std::vector<FacetCount> counts;
  for (auto it = spy.top_values_begin(max); it != spy.top_values_end(max); ++it) {
    counts.push_back({*it, static_cast<int64_t>(it.get_termfreq())});
  }
  return counts;
}

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
  SignalsPtr signals = std::make_shared<ShopSignals>();

  SignalsPtr Signals() const {
    std::lock_guard lock(signals_mutex);
    return signals;
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
    document.add_value(kSlotBoost,
                       std::to_string(doc.shop_id) + " " + std::to_string(doc.created_at_ms));
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
      impl_->writer.replace_document(IdTerm(doc.product_id), impl_->Build(doc));
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
  std::lock_guard lock(impl_->signals_mutex);
  impl_->signals = std::move(signals);
}

Result<SearchResult> ProductIndex::Search(const SearchRequest& request) const {
  auto reader = impl_->Acquire();
  Xapian::Database& db = *reader.first;
  SignalsPtr signals = impl_->Signals();
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
        if (*prefix == '\0') {
          std::string corrected = parser.get_corrected_query_string();
          if (!corrected.empty() && corrected != request.text) result.did_you_mean = corrected;
        }
        return parsed;
      };
      Xapian::Query english, french;
      try {
        english = parse("english", "", kParseFlags);
        french = parse("french", kFrenchPrefix, kParseFlags);
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
                            Xapian::Query((new BoostSource(signals, request.now_ms))->release()));
    }
    if (!filters.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    RatingKey rating_key(signals);
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
    Xapian::ValueCountMatchSpy categories(kSlotCategory), cities(kSlotCity),
        countries(kSlotCountry), prices(kSlotPriceBand), shops(kSlotShop);
    for (Xapian::MatchSpy* spy :
         std::initializer_list<Xapian::MatchSpy*>{&categories, &cities, &countries, &prices,
                                                  &shops}) {
      enquire.add_matchspy(spy);
    }
    std::unique_ptr<MinRating> min_rating;
    if (request.min_rating) min_rating = std::make_unique<MinRating>(signals, *request.min_rating);

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
      Xapian::Document document;
      int64_t shop_id;
    };
    std::vector<Candidate> ordered;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document document = it.get_document();
      int64_t shop_id = ShopOf(document);
      ordered.push_back({std::move(document), shop_id});
    }
    if (diversify) {
      std::vector<Candidate> top, rest;
      std::unordered_map<int64_t, int64_t> per_shop;
      for (Candidate& candidate : ordered) {
        if (static_cast<int64_t>(top.size()) < kDiversityTop &&
            per_shop[candidate.shop_id] < kResultsPerShopMax) {
          ++per_shop[candidate.shop_id];
          top.push_back(std::move(candidate));
        } else {
          rest.push_back(std::move(candidate));
        }
      }
      ordered = std::move(top);
      for (Candidate& candidate : rest) ordered.push_back(std::move(candidate));
    }
    size_t begin = diversify ? static_cast<size_t>(request.offset) : 0;
    for (size_t index = begin;
         index < ordered.size() && static_cast<int64_t>(index - begin) < request.limit; ++index) {
      SearchHit hit = ParseHit(ordered[index].document.get_data());
      if (const ShopSignal* signal = Find(*signals, hit.shop_id); signal && signal->reviews > 0) {
        hit.rating = signal->score;
        hit.reviews = signal->reviews;
      }
      result.items.push_back(std::move(hit));
    }
    if (ordered.size() > begin + static_cast<size_t>(request.limit)) {
      result.next_offset = request.offset + request.limit;
    }
    result.total_estimate = mset.get_matches_estimated();
    result.categories = Counts(categories, 20);
    result.cities = Counts(cities, 20);
    result.countries = Counts(countries, 20);
    result.prices = Counts(prices, 10);
    std::map<std::string, int64_t> rating_bands;
    for (auto it = shops.values_begin(); it != shops.values_end(); ++it) {
      rating_bands[RatingBand(Find(*signals, std::stoll(*it)))] += it.get_termfreq();
    }
    for (const auto& [band, count] : rating_bands) result.ratings.push_back({band, count});
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
