// Journal: the undo log of the hot state, kept beside the write connection's
// transaction so that memory always rolls back with the database.
//
// The writer's hot state (balances, stock, idempotency keys, open orders, id
// counters) changes inside writer jobs, interleaved with SQL. Rather than
// trusting every job to order its steps perfectly, each hot-state mutator
// records here how to undo what it just did. The writer marks the journal
// before each job's SAVEPOINT and:
//   - when the job fails, rolls the SAVEPOINT back and runs the job's undos
//     (newest first), so memory is exactly as before the job;
//   - when the batch's COMMIT fails (disk full, I/O error), rolls the whole
//     transaction back and runs every undo of the batch, so memory is exactly
//     as on disk and the server keeps serving;
//   - after COMMIT, forgets the batch's undos.
// This is the same technique as SQLite's own rollback journal, applied to
// the state SQLite does not hold.
//
// Contract for a mutator: change the state, then Record an undo that cannot
// fail (restoring saved values, erasing what was inserted). Outside an open
// batch (unit tests driving a domain directly, start-up) the journal is
// inactive and Record is a no-op.
//
// Threading: the writer thread only, like the state it guards.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace shrimp::store {

class Journal {
 public:
  using Undo = std::function<void()>;

  // True while a batch is open: undos are being kept.
  bool active() const { return active_; }

  // Keeps `undo` (newest last). No-op when inactive.
  void Record(Undo undo) {
    if (active_) undos_.push_back(std::move(undo));
  }

  // ---- the writer ----

  // Starts keeping undos. REQUIRES: !active().
  void Open() {
    undos_.clear();
    active_ = true;
  }
  // The current position, to roll a single job back to.
  size_t Mark() const { return undos_.size(); }
  // Runs the undos recorded after `mark`, newest first, and forgets them.
  void RollbackTo(size_t mark);
  // Forgets every undo and stops keeping them (the batch committed, or was
  // rolled back with RollbackTo(0)).
  void Close() {
    undos_.clear();
    active_ = false;
  }

  size_t size() const { return undos_.size(); }

 private:
  bool active_ = false;
  std::vector<Undo> undos_;
};

}  // namespace shrimp::store
