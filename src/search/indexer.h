// SearchIndexer: keeps the ProductIndex current with the catalogue, on its
// own thread, never on the writer's.
//
// Every kIndexIntervalMs it reads, on a pooled read connection, what changed
// since its watermarks (stored in the index's metadata with each commit):
// the search outbox (filled by triggers on products, SKUs, shops and images,
// see SearchMigrations), stock movements and images, all by id (ids commit
// in order: nothing is missed, no clock involved). It re-reads those products and
// replaces their documents; unpublished products, or those of suspended
// shops, are removed. Shop reputation is not in the documents: each round
// refreshes the index's ShopSignals from the ReputationBook, so a review
// changes ranking and rating filters at once.
//
// On start (CatchUp), an index that is missing, empty while products exist,
// or from another schema version is rebuilt from scratch; otherwise it
// catches up from its watermarks. `shrimp reindex` rebuilds it on demand.
//
// SQL here reads catalogue tables directly: the index is a derived copy of
// them, like a replica; it writes nothing but its own files.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "catalog/stock_book.h"
#include "core/clock.h"
#include "reputation/reputation_book.h"
#include "search/product_index.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::search {

inline constexpr int64_t kIndexIntervalMs = 200;
inline constexpr int64_t kOutboxRowsPerRoundMax = 50'000;
inline constexpr int64_t kIndexBatchMax = 2000;  // products per commit
inline constexpr const char* kIndexSchema = "2";

// The search outbox and the catalogue triggers that fill it.
std::vector<store::Migration> SearchMigrations();

class SearchIndexer {
 public:
  SearchIndexer(store::Db& db, ProductIndex& index, const catalog::StockBook& stock,
                const reputation::ReputationBook& reputation, const Clock& clock)
      : db_(db), index_(index), stock_(stock), reputation_(reputation), clock_(clock) {}
  ~SearchIndexer() { Stop(); }

  // Deletes everything and indexes every product; `progress(done, total)`
  // after each batch. Returns the products indexed.
  [[nodiscard]] Result<int64_t> Rebuild(const std::function<void(int64_t, int64_t)>& progress = {});
  // Rebuilds if the index is missing, stale in schema, or empty while
  // products exist; then one round. Returns what it indexed.
  [[nodiscard]] Result<int64_t> CatchUp();
  // One round: changed products in, signals refreshed. Returns documents changed.
  [[nodiscard]] Result<int64_t> RunOnce();

  // CatchUp, then RunOnce every kIndexIntervalMs on the indexer thread.
  void Start();
  void Stop();

 private:
  Result<int64_t> IndexProducts(const std::vector<int64_t>& product_ids,
                                std::vector<std::pair<std::string, std::string>> metadata);
  void RefreshSignals();
  int64_t Watermark(const char* key) const;

  store::Db& db_;
  ProductIndex& index_;
  const catalog::StockBook& stock_;
  const reputation::ReputationBook& reputation_;
  const Clock& clock_;
  std::mutex round_mutex_;  // one round at a time (thread vs tests)

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace shrimp::search
