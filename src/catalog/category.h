// Categories: a small tree (roots such as "fashion" with children such as
// "shoes"), seeded by the catalogue's first migration and extended by
// operators. Every product sits in exactly one category.
//
// Thread-safe: reads use the Db pool, writes go through the Writer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/actor.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/db.h"
#include "store/writer.h"

namespace shrimp::catalog {

struct Category {
  int64_t id = 0;
  std::string slug;  // "tea": stable, lower case, used by clients and URLs
  std::string name;  // "Tea"
  std::optional<int64_t> parent_id;
  std::string path;  // "food/tea": the slugs from the root down
};

inline constexpr size_t kCategorySlugLengthMax = 40;
inline constexpr size_t kCategoryNameLengthMax = 60;
// A tree deeper than this is a navigation problem, not a taxonomy.
inline constexpr int kCategoryDepthMax = 4;
inline constexpr int64_t kCategoriesMax = 2000;

// The tree the first migration inserts, roots before their children.
struct SeedCategory {
  std::string_view slug;
  std::string_view name;
  std::string_view parent_slug;  // empty for a root
};
std::span<const SeedCategory> SeedCategories();

// "kitchen", "smart-home": lower-case ASCII letters and digits in words
// joined by single hyphens.
bool IsValidSlug(std::string_view slug);

class CategoryService {
 public:
  CategoryService(store::Db& db, store::Writer& writer, const Clock& clock);

  // Every category, each with its path, ordered by path.
  Result<std::vector<Category>> List();

  // Operators only. Errors, in order: not_operator (kForbidden),
  // invalid_slug, invalid_field (name), unknown_category (parent),
  // category_too_deep, too_many_categories, category_exists (kConflict).
  // Validates at once, then inserts in a writer job; `done` gets the result
  // after the commit, on the writer's thread (never blocks the caller).
  void Create(const Actor& actor, std::string_view slug, std::string_view name,
              const std::optional<std::string>& parent_slug,
              std::function<void(Result<Category>)> done);

  // On any connection: the category with this slug (path left empty).
  static Result<std::optional<Category>> FindBySlug(store::Connection& connection,
                                                    std::string_view slug);
  // On any connection: the id and the ids of every descendant.
  static Result<std::vector<int64_t>> SubtreeIds(store::Connection& connection, int64_t id);

 private:
  static Status Validate(const Actor& actor, std::string_view slug, std::string_view name);
  static Result<Category> Insert(store::Connection& connection, Category category,
                                 const std::optional<std::string>& parent_slug, int64_t now_ms);

  store::Db& db_;
  store::Writer& writer_;
  const Clock& clock_;
};

}  // namespace shrimp::catalog
