#include "ledger/recent_keys.h"

#include <utility>
#include <vector>

namespace shrimp::ledger {

void RecentKeyHashes::Add(store::Journal& journal, std::span<const uint64_t> hashes) {
  size_t added = 0;
  for (uint64_t hash : hashes) {
    // A colliding hash is kept once; its keys are told apart by the row.
    if (hashes_.insert(hash).second) {
      order_.push_back(hash);
      ++added;
    }
  }
  std::vector<uint64_t> evicted;
  bool was_forgotten = older_forgotten_;
  while (order_.size() > capacity_) {
    evicted.push_back(order_.front());
    hashes_.erase(order_.front());
    order_.pop_front();
    older_forgotten_ = true;
  }
  if (!journal.active() || (added == 0 && evicted.empty())) return;
  // Undo in reverse: put the evicted back in front, then drop the added.
  journal.Record([this, added, evicted = std::move(evicted), was_forgotten] {
    for (auto it = evicted.rbegin(); it != evicted.rend(); ++it) {
      order_.push_front(*it);
      hashes_.insert(*it);
    }
    for (size_t index = 0; index < added; ++index) {
      hashes_.erase(order_.back());
      order_.pop_back();
    }
    older_forgotten_ = was_forgotten;
  });
}

void RecentKeyHashes::Reset(bool older_exist) {
  hashes_.clear();
  order_.clear();
  older_forgotten_ = older_exist;
}

}  // namespace shrimp::ledger
