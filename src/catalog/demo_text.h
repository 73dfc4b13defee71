// Demo text: the per-category vocabularies that make the demo marketplace
// read like a real one. Product titles, descriptions and shop names in
// English, French and Chinese are built from these word lists (adjective +
// noun + material + size patterns) by the seeder in demo.cc.
//
// DemoRandom is the seeder's only source of chance, so a seed replays the
// same catalogue on every machine: it uses std::mt19937_64, whose output
// sequence the C++ standard fixes, and its own reductions instead of the
// std distributions, whose results differ between standard libraries.
//
// Thread safety: the tables are constant; a DemoRandom belongs to one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>

namespace shrimp::catalog {

// A seeded, portable source of demo randomness.
class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : engine_(seed) {}

  uint64_t Next() { return engine_(); }
  // Uniform enough in [0, count): the modulo bias is below 2^-40 for the
  // small counts the demo uses. REQUIRES: count > 0.
  uint64_t Below(uint64_t count) { return engine_() % count; }
  // In [low, high]. REQUIRES: low <= high.
  int64_t Between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
  }
  // True with probability percent / 100.
  bool Percent(int percent) { return Below(100) < static_cast<uint64_t>(percent); }

 private:
  std::mt19937_64 engine_;
};

// A stream of its own for each shop (or any numbered thing), so one shop's
// products do not change when the number of shops or products changes.
uint64_t DemoStreamSeed(uint64_t seed, uint64_t stream);

enum class Language { kEnglish, kFrench, kChinese };

// One category the demo fills: a leaf slug of the seeded tree, the attribute
// keys its SKUs vary on and its plausible price range.
struct DemoCategory {
  std::string_view slug;
  // The SKU attribute named by the "measure" list of the vocabulary
  // ("weight", "size", "capacity", ...), or empty when there is none.
  std::string_view measure_key;
  // The SKU attribute named by the "option" list ("color", "grind", ...), or empty.
  std::string_view option_key;
  // True when the measure belongs in the title ("250 g"), false when it is a
  // pick-at-checkout attribute such as a clothing size.
  bool measure_in_title;
  // True when one product's SKUs may differ in measure (sizes S to XL,
  // 100 g and 250 g tins); false when the measure is fixed per product.
  bool measure_varies;
  // The price of the smallest measure, in US cents; local prices derive from it.
  int64_t price_low_cents;
  int64_t price_high_cents;
  // How much dearer each step up the measure list is, in percent.
  int measure_step_percent;
  // Categories a shop selling this one would plausibly also sell.
  std::string_view related_slugs;  // "kitchen|snacks"
};

std::span<const DemoCategory> DemoCategories();
// The index in DemoCategories() of a slug, if the demo fills it.
std::optional<size_t> DemoCategoryIndex(std::string_view slug);

// The words of one category in one language. Lists are '|'-separated
// (see WordCount and WordAt). In French lists a noun may start with its
// gender and number ("f:" feminine, "M:" masculine plural, "F:" feminine
// plural, masculine singular when unmarked) and an adjective lists its forms
// as "m/f" or "m/f/mp/fp", so "Théière émaillée" and "Mocassins cousus main"
// agree.
struct Vocabulary {
  std::string_view label;     // what such a shop sells, for its description
  std::string_view shops;     // shop name templates: {c} the city, {x} a pretty word
  std::string_view patterns;  // title templates: {a} adjective, {n} noun, {m} material
  std::string_view adjectives;
  std::string_view nouns;
  std::string_view materials;
  std::string_view measures;  // values of DemoCategory::measure_key, smallest first
  std::string_view options;   // values of DemoCategory::option_key
  std::string_view details;   // sentences for product descriptions
};

// REQUIRES: category_index < DemoCategories().size().
const Vocabulary& VocabularyOf(size_t category_index, Language language);

// The number of entries of a '|'-separated list; 0 for an empty list.
size_t WordCount(std::string_view list);
// REQUIRES: index < WordCount(list).
std::string_view WordAt(std::string_view list, size_t index);

}  // namespace shrimp::catalog
