// RecentKeyHashes: hashes of the idempotency keys of the most recent
// transfers, bounded in count, so the ledger's key memory stays flat however
// long history grows.
//
// The ledger asks it before touching the database: MayContain false proves a
// key is new. Hashes are kept in arrival order up to `capacity`; adding more
// evicts the oldest, and from the first eviction on (or when Load skipped
// older transfers) MayContain answers true for every key, so the caller reads
// the table's UNIQUE index (FindTransferByKey). Correctness never depends on
// the memory: a hit is confirmed by the row, and a key older than the window
// is found in the row. What the bound costs is one point lookup per new key
// once history outgrew the window.
//
// Threading: the writer thread only. Add records its undo in the journal
// (store/journal.h), so a failed job leaves the window as it was.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <unordered_set>

#include "store/journal.h"

namespace shrimp::ledger {

// About 80 MB of hashes: the last two million transfers answer "new key"
// without a read, which covers every retry a client makes in practice.
inline constexpr size_t kTransferKeysInMemoryMax = 2'000'000;

class RecentKeyHashes {
 public:
  explicit RecentKeyHashes(size_t capacity) : capacity_(capacity) {}

  // False only when no stored transfer can have a key with this hash.
  bool MayContain(uint64_t hash) const { return older_forgotten_ || hashes_.contains(hash); }

  // Appends `hashes` (newest last), evicting the oldest beyond capacity;
  // records the undo in `journal` (a no-op when it is inactive).
  void Add(store::Journal& journal, std::span<const uint64_t> hashes);

  // Forgets everything. `older_exist`: transfers exist whose hashes will
  // not be added (Load from a snapshot), so MayContain must answer true.
  void Reset(bool older_exist);

  size_t size() const { return order_.size(); }
  size_t capacity() const { return capacity_; }
  bool older_forgotten() const { return older_forgotten_; }

 private:
  size_t capacity_;
  std::unordered_set<uint64_t> hashes_;
  std::deque<uint64_t> order_;  // the hashes in hashes_, oldest first
  bool older_forgotten_ = false;
};

}  // namespace shrimp::ledger
