// Several shrimp servers on one PostgreSQL database.
//
// Each server keeps the hot state (stock, balances, idempotency keys, open
// orders, id counters, the credit and reputation books) in its memory, as on
// SQLite, and decides every write on it. What makes that correct with more
// than one server is the batch lock: every writer batch of every server
// begins by locking the one row of `shrimp_cluster` (SELECT ... FOR UPDATE),
// so batches of different servers never overlap, and then compares the row
// with what this server last wrote there. If another server has written
// since, this server's memory is stale, and it rebuilds its hot state from
// the database inside the same transaction, under the lock, before running
// any job. So every job decides on exactly the committed state, as the one
// writer thread of a SQLite server does; and any server may stop or die at
// any time, since none holds state that is not in the database.
//
// The cost is that writes of all servers are serialised (reads are not),
// and a server rebuilds its books when writes alternate between servers;
// see README, "PostgreSQL", for the figures and what comes next.
//
// Timers are writer jobs too, so an order that expires is expired by the
// first server whose timer batch finds it, and the others then see it done.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/migrate.h"
#include "store/writer.h"

namespace shrimp::store {

std::vector<Migration> ClusterMigrations();

class ClusterBatchGuard final : public BatchGuard {
 public:
  // `reload` rebuilds every piece of hot state from `connection` (inside the
  // locked transaction); it runs on the writer thread.
  explicit ClusterBatchGuard(std::function<Status(Connection&)> reload);
  // Logs how many times the hot state was rebuilt (scripts/bench-postgres).
  ~ClusterBatchGuard() override;

  // Takes the lock; reloads unless this server wrote the row's last change.
  [[nodiscard]] Status Enter(Connection& connection) override;
  // Stamps the row with this server's id and the next sequence number.
  [[nodiscard]] Status Leave(Connection& connection) override;
  void Finish(bool committed) override;

  // Forgets what this server wrote: the next Enter reloads (after the write
  // connection was replaced, for instance).
  void Invalidate() { last_seq_ = -1; }

  const std::string& server_id() const { return server_id_; }
  // How many times the hot state was rebuilt, start-up included.
  int64_t reloads() const { return reloads_; }

 private:
  std::function<Status(Connection&)> reload_;
  std::string server_id_;  // random, per process
  int64_t last_seq_ = -1;  // the row's seq after this server's last commit
  int64_t pending_seq_ = -1;
  int64_t reloads_ = 0;
  int64_t reload_ms_ = 0;  // their total time
};

}  // namespace shrimp::store
