#include "search/indexer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace shrimp::search {
namespace {

constexpr const char* kOutboxWatermark = "outbox_id";
constexpr const char* kStockWatermark = "stock_movement_id";
constexpr const char* kImageWatermark = "image_id";

constexpr const char* kDocumentSelect =
    "SELECT p.id, p.shop_id, p.title, p.description, p.category_id, p.status, p.price_min,"
    " p.currency, p.created_at, s.name, s.city, s.country, s.status,"
    " (SELECT group_concat(k.attrs, ' ') FROM skus k"
    "   WHERE k.product_id = p.id AND k.status = 'active'),"
    " (SELECT group_concat(CAST(k.id AS TEXT), ',') FROM skus k"
    "   WHERE k.product_id = p.id AND k.status = 'active'),"
    " (SELECT i.file_name FROM product_images i WHERE i.product_id = p.id ORDER BY i.id LIMIT 1)"
    " FROM products p JOIN shops s ON s.id = p.shop_id";

struct CategoryRow {
  std::string slug;
  std::string name;
  int64_t parent_id = 0;
};
using Categories = std::unordered_map<int64_t, CategoryRow>;

Result<Categories> LoadCategories(store::Connection& connection) {
  Categories categories;
  store::Query query(connection, "SELECT id, slug, name, COALESCE(parent_id, 0) FROM categories");
  while (query.Next()) categories[query.Int(0)] = {query.Text(1), query.Text(2), query.Int(3)};
  SHRIMP_RETURN_IF_ERROR(query.status());
  return categories;
}

// JSON punctuation out: attribute names and values as words.
std::string AttributeWords(std::string json) {
  for (char& c : json) {
    if (c == '{' || c == '}' || c == '"' || c == ':' || c == ',') c = ' ';
  }
  return json;
}

// A document for the row, or nullopt when the product must not be found.
std::optional<SearchDocument> ReadDocument(store::Query& row, const Categories& categories,
                                           const catalog::StockBook& stock) {
  if (row.Text(5) != "published" || row.Text(12) != "active") return std::nullopt;
  SearchDocument doc;
  doc.product_id = row.Int(0);
  doc.shop_id = row.Int(1);
  doc.title = row.Text(2);
  doc.description = row.Text(3);
  for (int64_t id = row.Int(4), depth = 0; id != 0 && depth < 16; ++depth) {
    auto found = categories.find(id);
    if (found == categories.end()) break;
    doc.category_path.insert(doc.category_path.begin(), found->second.name);
    doc.category_slugs.insert(doc.category_slugs.begin(), found->second.slug);
    id = found->second.parent_id;
  }
  doc.price_min = row.Int(6);
  doc.currency = row.Text(7);
  doc.created_at_ms = row.Int(8);
  doc.shop_name = row.Text(9);
  doc.city = row.Text(10);
  doc.country = row.Text(11);
  doc.attributes = AttributeWords(row.IsNull(13) ? "" : row.Text(13));
  doc.image = row.IsNull(15) ? "" : row.Text(15);
  std::string sku_ids = row.IsNull(14) ? "" : row.Text(14);
  size_t start = 0;
  while (start < sku_ids.size() && !doc.in_stock) {
    size_t comma = sku_ids.find(',', start);
    if (comma == std::string::npos) comma = sku_ids.size();
    doc.in_stock = stock.Available(std::stoll(sku_ids.substr(start, comma - start))) > 0;
    start = comma + 1;
  }
  return doc;
}

Result<int64_t> MaxOf(store::Connection& connection, const char* sql) {
  store::Query query(connection, sql);
  SHRIMP_ASSIGN_OR_RETURN(auto value, query.ScalarInt());
  return value.value_or(0);
}

}  // namespace

std::vector<store::Migration> SearchMigrations() {
  // A transactional outbox the catalogue's own statements fill through
  // triggers: every insert or update of a product, SKU, shop or image
  // appends the product (or shop) to re-index, in the same transaction.
  // Ids follow commit order (one writer), so the indexer's watermark misses
  // nothing and needs no clock.
  return {{"search", 1, "the search outbox, filled by triggers on the catalogue",
           R"sql(
CREATE TABLE search_outbox (
  id INTEGER PRIMARY KEY,
  product_id INTEGER,
  shop_id INTEGER
);
CREATE TRIGGER search_product_inserted AFTER INSERT ON products
BEGIN INSERT INTO search_outbox (product_id) VALUES (NEW.id); END;
CREATE TRIGGER search_product_updated AFTER UPDATE ON products
BEGIN INSERT INTO search_outbox (product_id) VALUES (NEW.id); END;
CREATE TRIGGER search_sku_inserted AFTER INSERT ON skus
BEGIN INSERT INTO search_outbox (product_id) VALUES (NEW.product_id); END;
CREATE TRIGGER search_sku_updated AFTER UPDATE ON skus
BEGIN INSERT INTO search_outbox (product_id) VALUES (NEW.product_id); END;
CREATE TRIGGER search_shop_updated AFTER UPDATE ON shops
BEGIN INSERT INTO search_outbox (shop_id) VALUES (NEW.id); END;
CREATE TRIGGER search_image_inserted AFTER INSERT ON product_images
BEGIN INSERT INTO search_outbox (product_id) VALUES (NEW.product_id); END;
)sql",
           // PostgreSQL: the same triggers, through trigger functions.
           R"sql(
CREATE TABLE search_outbox (
  id INTEGER PRIMARY KEY,
  product_id INTEGER,
  shop_id INTEGER
);
CREATE FUNCTION search_outbox_product_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO search_outbox (product_id) VALUES (NEW.id); RETURN NULL; END $$;
CREATE FUNCTION search_outbox_product_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO search_outbox (product_id) VALUES (NEW.product_id); RETURN NULL; END $$;
CREATE FUNCTION search_outbox_shop_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO search_outbox (shop_id) VALUES (NEW.id); RETURN NULL; END $$;
CREATE TRIGGER search_product_inserted AFTER INSERT ON products
  FOR EACH ROW EXECUTE FUNCTION search_outbox_product_id();
CREATE TRIGGER search_product_updated AFTER UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION search_outbox_product_id();
CREATE TRIGGER search_sku_inserted AFTER INSERT ON skus
  FOR EACH ROW EXECUTE FUNCTION search_outbox_product_of_row();
CREATE TRIGGER search_sku_updated AFTER UPDATE ON skus
  FOR EACH ROW EXECUTE FUNCTION search_outbox_product_of_row();
CREATE TRIGGER search_shop_updated AFTER UPDATE ON shops
  FOR EACH ROW EXECUTE FUNCTION search_outbox_shop_id();
CREATE TRIGGER search_image_inserted AFTER INSERT ON product_images
  FOR EACH ROW EXECUTE FUNCTION search_outbox_product_of_row();
)sql"}};
}

int64_t SearchIndexer::Watermark(const char* key) const {
  std::string value = index_.Metadata(key);
  return value.empty() ? 0 : std::stoll(value);
}

void SearchIndexer::RefreshSignals() {
  auto signals = std::make_shared<ShopSignals>();
  for (const auto& [shop_id, score] : reputation_.AllScores(clock_.NowMs())) {
    (*signals)[shop_id] = ShopSignal{score.score, score.reviews, score.orders};
  }
  index_.SetSignals(std::move(signals));
}

Result<int64_t> SearchIndexer::IndexProducts(
    const std::vector<int64_t>& product_ids,
    std::vector<std::pair<std::string, std::string>> metadata) {
  return db_.Read([&](store::Connection& connection) -> Result<int64_t> {
    SHRIMP_ASSIGN_OR_RETURN(Categories categories, LoadCategories(connection));
    std::vector<SearchDocument> upserts;
    std::vector<int64_t> removals;
    for (int64_t product_id : product_ids) {
      store::Query row(connection, std::string(kDocumentSelect) + " WHERE p.id = ?");
      row.Bind(product_id);
      if (row.Next()) {
        auto doc = ReadDocument(row, categories, stock_);
        if (doc) {
          upserts.push_back(std::move(*doc));
        } else {
          removals.push_back(product_id);
        }
      } else {
        SHRIMP_RETURN_IF_ERROR(row.status());
        removals.push_back(product_id);
      }
    }
    SHRIMP_RETURN_IF_ERROR(index_.Apply(upserts, removals, metadata));
    return static_cast<int64_t>(upserts.size() + removals.size());
  });
}

Result<int64_t> SearchIndexer::Rebuild(const std::function<void(int64_t, int64_t)>& progress) {
  std::lock_guard round(round_mutex_);
  SHRIMP_RETURN_IF_ERROR(index_.Clear());
  return db_.Read([&](store::Connection& connection) -> Result<int64_t> {
    // Watermarks before the scan: what changes during it is caught up after.
    SHRIMP_ASSIGN_OR_RETURN(int64_t outbox_id,
                            MaxOf(connection, "SELECT MAX(id) FROM search_outbox"));
    SHRIMP_ASSIGN_OR_RETURN(int64_t movement_id,
                            MaxOf(connection, "SELECT MAX(id) FROM stock_movements"));
    SHRIMP_ASSIGN_OR_RETURN(int64_t image_id,
                            MaxOf(connection, "SELECT MAX(id) FROM product_images"));
    SHRIMP_ASSIGN_OR_RETURN(int64_t total, MaxOf(connection, "SELECT count(*) FROM products"));
    SHRIMP_ASSIGN_OR_RETURN(Categories categories, LoadCategories(connection));
    int64_t done = 0, indexed = 0, after = 0;
    while (true) {
      store::Query rows(connection,
                        std::string(kDocumentSelect) + " WHERE p.id > ? ORDER BY p.id LIMIT ?");
      rows.Bind(after, kIndexBatchMax);
      std::vector<SearchDocument> batch;
      int64_t seen = 0;
      while (rows.Next()) {
        ++seen;
        after = rows.Int(0);
        if (auto doc = ReadDocument(rows, categories, stock_)) batch.push_back(std::move(*doc));
      }
      SHRIMP_RETURN_IF_ERROR(rows.status());
      if (seen == 0) break;
      done += seen;
      indexed += static_cast<int64_t>(batch.size());
      SHRIMP_RETURN_IF_ERROR(index_.Apply(batch, {}, {}));
      if (progress) progress(done, total);
    }
    SHRIMP_RETURN_IF_ERROR(index_.Apply({}, {},
                                        {{kOutboxWatermark, std::to_string(outbox_id)},
                                         {kStockWatermark, std::to_string(movement_id)},
                                         {kImageWatermark, std::to_string(image_id)},
                                         {"schema", kIndexSchema}}));
    RefreshSignals();
    return indexed;
  });
}

Result<int64_t> SearchIndexer::CatchUp() {
  bool rebuild = index_.Metadata("schema") != kIndexSchema;
  if (!rebuild && index_.DocumentCount() == 0) {
    SHRIMP_ASSIGN_OR_RETURN(int64_t products, db_.Read([](store::Connection& connection) {
      return MaxOf(connection, "SELECT count(*) FROM products WHERE status = 'published'");
    }));
    rebuild = products > 0;
  }
  int64_t indexed = 0;
  if (rebuild) {
    SHRIMP_ASSIGN_OR_RETURN(indexed, Rebuild());
  }
  SHRIMP_ASSIGN_OR_RETURN(int64_t changed, RunOnce());
  return indexed + changed;
}

Result<int64_t> SearchIndexer::RunOnce() {
  std::lock_guard round(round_mutex_);
  RefreshSignals();
  std::set<int64_t> changed;
  int64_t outbox_id = Watermark(kOutboxWatermark);
  int64_t movement_id = Watermark(kStockWatermark);
  int64_t image_id = Watermark(kImageWatermark);
  auto collected = db_.Read([&](store::Connection& connection) -> Status {
    store::Query outbox(connection,
                        "SELECT id, product_id, shop_id FROM search_outbox WHERE id > ? ORDER BY id"
                        " LIMIT ?");
    outbox.Bind(outbox_id, kOutboxRowsPerRoundMax);
    std::set<int64_t> shops;
    while (outbox.Next()) {
      outbox_id = outbox.Int(0);
      if (!outbox.IsNull(1)) changed.insert(outbox.Int(1));
      if (!outbox.IsNull(2)) shops.insert(outbox.Int(2));
    }
    SHRIMP_RETURN_IF_ERROR(outbox.status());
    for (int64_t shop_id : shops) {
      store::Query products(connection, "SELECT id FROM products WHERE shop_id = ?");
      products.Bind(shop_id);
      while (products.Next()) changed.insert(products.Int(0));
      SHRIMP_RETURN_IF_ERROR(products.status());
    }
    store::Query stock(connection,
                       "SELECT m.id, k.product_id FROM stock_movements m"
                       " JOIN skus k ON k.id = m.sku_id WHERE m.id > ? ORDER BY m.id");
    stock.Bind(movement_id);
    while (stock.Next()) {
      movement_id = stock.Int(0);
      changed.insert(stock.Int(1));
    }
    SHRIMP_RETURN_IF_ERROR(stock.status());
    store::Query images(connection,
                        "SELECT id, product_id FROM product_images WHERE id > ? ORDER BY id");
    images.Bind(image_id);
    while (images.Next()) {
      image_id = images.Int(0);
      changed.insert(images.Int(1));
    }
    return images.status();
  });
  SHRIMP_RETURN_IF_ERROR(collected);
  if (changed.empty()) return 0;
  std::vector<int64_t> ids(changed.begin(), changed.end());
  int64_t total = 0;
  for (size_t start = 0; start < ids.size(); start += kIndexBatchMax) {
    size_t end = std::min(ids.size(), start + static_cast<size_t>(kIndexBatchMax));
    std::vector<std::pair<std::string, std::string>> metadata;
    if (end == ids.size()) {
      metadata = {{kOutboxWatermark, std::to_string(outbox_id)},
                  {kStockWatermark, std::to_string(movement_id)},
                  {kImageWatermark, std::to_string(image_id)}};
    }
    SHRIMP_ASSIGN_OR_RETURN(
        int64_t applied,
        IndexProducts(std::vector<int64_t>(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                           ids.begin() + static_cast<std::ptrdiff_t>(end)),
                      std::move(metadata)));
    total += applied;
  }
  return total;
}

void SearchIndexer::Start() {
  thread_ = std::thread([this] {
    if (auto caught = CatchUp(); !caught.ok()) {
      spdlog::error("search index catch-up failed: {}", caught.error().message);
    }
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, std::chrono::milliseconds(kIndexIntervalMs));
      if (stopping_) break;
      lock.unlock();
      if (auto round = RunOnce(); !round.ok()) {
        spdlog::error("search indexing failed: {}", round.error().message);
      }
      lock.lock();
    }
  });
}

void SearchIndexer::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace shrimp::search
