#include "catalog/category.h"

#include <array>
#include <map>

namespace shrimp::catalog {
namespace {

constexpr std::array<SeedCategory, 40> kSeedCategories = {{
    {"fashion", "Fashion", ""},
    {"electronics", "Electronics", ""},
    {"food", "Food & drink", ""},
    {"home", "Home & kitchen", ""},
    {"beauty", "Beauty", ""},
    {"books", "Books", ""},
    {"toys", "Toys & games", ""},
    {"sports", "Sports & outdoors", ""},
    {"clothing", "Clothing", "fashion"},
    {"shoes", "Shoes", "fashion"},
    {"bags", "Bags", "fashion"},
    {"jewelry", "Jewelry & scarves", "fashion"},
    {"phones", "Phones & accessories", "electronics"},
    {"audio", "Audio", "electronics"},
    {"computers", "Computer accessories", "electronics"},
    {"smart-home", "Smart home", "electronics"},
    {"tea", "Tea", "food"},
    {"coffee", "Coffee", "food"},
    {"snacks", "Snacks & sweets", "food"},
    {"condiments", "Sauces & spices", "food"},
    {"kitchen", "Kitchen", "home"},
    {"bedding", "Bedding & textiles", "home"},
    {"decor", "Decor", "home"},
    {"storage", "Storage", "home"},
    {"skincare", "Skincare", "beauty"},
    {"makeup", "Makeup", "beauty"},
    {"fragrance", "Fragrance", "beauty"},
    {"haircare", "Hair care", "beauty"},
    {"fiction", "Fiction", "books"},
    {"non-fiction", "Non-fiction", "books"},
    {"childrens-books", "Children's books", "books"},
    {"comics", "Comics & manga", "books"},
    {"plush", "Plush toys", "toys"},
    {"puzzles", "Puzzles", "toys"},
    {"building-sets", "Building sets", "toys"},
    {"board-games", "Board games", "toys"},
    {"camping", "Camping & hiking", "sports"},
    {"cycling", "Cycling", "sports"},
    {"fitness", "Fitness", "sports"},
    {"running", "Running", "sports"},
}};

Category ReadCategory(store::Query& query) {
  Category category;
  category.id = query.Int(0);
  category.slug = query.Text(1);
  category.name = query.Text(2);
  category.parent_id = query.OptionalInt(3);
  return category;
}

constexpr const char* kCategoryColumns = "id, slug, name, parent_id";

// The number of levels from the root down to `id` (a root has depth 1).
Result<int> DepthOf(store::Connection& connection, int64_t id) {
  int depth = 0;
  std::optional<int64_t> current = id;
  while (current && depth <= kCategoryDepthMax) {
    store::Query query(connection, "SELECT parent_id FROM categories WHERE id = ?");
    query.Bind(*current);
    if (!query.Next()) return query.ok() ? Internal("category vanished") : query.error();
    current = query.OptionalInt(0);
    depth += 1;
  }
  return depth;
}

}  // namespace

std::span<const SeedCategory> SeedCategories() { return kSeedCategories; }

bool IsValidSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > kCategorySlugLengthMax) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  char previous = 0;
  for (char c : slug) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word && c != '-') return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
}

CategoryService::CategoryService(store::Db& db, store::Writer& writer, const Clock& clock)
    : db_(db), writer_(writer), clock_(clock) {}

Result<std::vector<Category>> CategoryService::List() {
  SHRIMP_ASSIGN_OR_RETURN(std::vector<Category> categories,
                          db_.Read(
                              [&](store::Connection& connection) -> Result<std::vector<Category>> {
                                std::vector<Category> found;
                                store::Query query(connection,
                                                   std::string("SELECT ") + kCategoryColumns +
                                                       " FROM categories ORDER BY id LIMIT ?");
                                query.Bind(kCategoriesMax);
                                while (query.Next()) found.push_back(ReadCategory(query));
                                if (!query.ok()) return query.error();
                                return found;
                              }));
  std::map<int64_t, const Category*> by_id;
  for (const Category& category : categories) by_id[category.id] = &category;
  for (Category& category : categories) {
    // Walk up to the root; the depth bound also guards against a cycle.
    std::string path = category.slug;
    std::optional<int64_t> parent = category.parent_id;
    for (int level = 0; parent && level < kCategoryDepthMax; ++level) {
      auto it = by_id.find(*parent);
      if (it == by_id.end()) break;
      path = it->second->slug + "/" + path;
      parent = it->second->parent_id;
    }
    category.path = std::move(path);
  }
  std::sort(categories.begin(), categories.end(),
            [](const Category& a, const Category& b) { return a.path < b.path; });
  return categories;
}

void CategoryService::Create(const Actor& actor, std::string_view slug, std::string_view name,
                             const std::optional<std::string>& parent_slug,
                             std::function<void(Result<Category>)> done) {
  Status valid = Validate(actor, slug, name);
  if (!valid.ok()) return done(valid.error());
  Category category;
  category.slug = std::string(slug);
  category.name = std::string(name);
  int64_t now_ms = clock_.NowMs();
  writer_.Submit<Category>(
      [category, parent_slug, now_ms](store::Connection& connection) mutable -> Result<Category> {
        return Insert(connection, std::move(category), parent_slug, now_ms);
      },
      std::move(done));
}

Status CategoryService::Validate(const Actor& actor, std::string_view slug, std::string_view name) {
  if (!actor.is_operator) {
    return Forbidden("not_operator", "only an operator can add categories");
  }
  if (!IsValidSlug(slug)) {
    return InvalidArgument("invalid_slug",
                           "slug must be 1 to 40 lower-case letters, digits and single hyphens")
        .With("field", "slug");
  }
  if (name.empty() || name.size() > kCategoryNameLengthMax * 4) {
    return InvalidArgument("invalid_field", "name must be 1 to 60 characters long")
        .With("field", "name");
  }
  return OkStatus();
}

Result<Category> CategoryService::Insert(store::Connection& connection, Category category,
                                         const std::optional<std::string>& parent_slug,
                                         int64_t now_ms) {
  {
    if (parent_slug) {
      SHRIMP_ASSIGN_OR_RETURN(auto parent, FindBySlug(connection, *parent_slug));
      if (!parent) {
        return InvalidArgument("unknown_category", "no category has the slug " + *parent_slug)
            .With("field", "parent");
      }
      SHRIMP_ASSIGN_OR_RETURN(int depth, DepthOf(connection, parent->id));
      if (depth >= kCategoryDepthMax) {
        return Conflict("category_too_deep", "categories nest at most 4 levels deep")
            .With("field", "parent");
      }
      category.parent_id = parent->id;
    }
    store::Query count(connection, "SELECT count(*) FROM categories");
    SHRIMP_ASSIGN_OR_RETURN(auto total, count.ScalarInt());
    if (total.value_or(0) >= kCategoriesMax) {
      return Conflict("too_many_categories", "the category tree is full");
    }
    store::Query insert(connection,
                        "INSERT INTO categories (slug, name, parent_id, created_at)"
                        " VALUES (?, ?, ?, ?) RETURNING id");
    insert.Bind(category.slug, category.name, category.parent_id, now_ms);
    if (!insert.Next()) {
      if (!insert.ok() && insert.error().code == "constraint_violation") {
        return Conflict("category_exists", "a category with this slug already exists")
            .With("field", "slug");
      }
      return insert.ok() ? Internal("insert returned no id") : insert.error();
    }
    category.id = insert.Int(0);
    return category;
  }
}

Result<std::optional<Category>> CategoryService::FindBySlug(store::Connection& connection,
                                                            std::string_view slug) {
  store::Query query(connection,
                     std::string("SELECT ") + kCategoryColumns + " FROM categories WHERE slug = ?");
  query.Bind(slug);
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<Category>();
  }
  return std::optional<Category>(ReadCategory(query));
}

Result<std::vector<int64_t>> CategoryService::SubtreeIds(store::Connection& connection,
                                                         int64_t id) {
  // WITH RECURSIVE is shared by SQLite and PostgreSQL; the depth column
  // bounds the walk even if a cycle were ever written.
  store::Query query(connection,
                     "WITH RECURSIVE subtree(id, depth) AS ("
                     " SELECT id, 1 FROM categories WHERE id = ?"
                     " UNION ALL SELECT c.id, s.depth + 1 FROM categories c"
                     " JOIN subtree s ON c.parent_id = s.id WHERE s.depth < ?)"
                     " SELECT id FROM subtree");
  query.Bind(id, kCategoryDepthMax);
  std::vector<int64_t> ids;
  while (query.Next()) ids.push_back(query.Int(0));
  if (!query.ok()) return query.error();
  return ids;
}

}  // namespace shrimp::catalog
