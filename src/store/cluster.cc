#include "store/cluster.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace shrimp::store {

std::vector<Migration> ClusterMigrations() {
  return {
      {"cluster", 1, "the batch lock's row: who wrote last, and how many batches in all",
       "CREATE TABLE shrimp_cluster ("
       " id INTEGER PRIMARY KEY CHECK (id = 1),"
       " seq INTEGER NOT NULL,"
       " writer TEXT NOT NULL);"
       "INSERT INTO shrimp_cluster (id, seq, writer) VALUES (1, 0, '');"},
  };
}

ClusterBatchGuard::ClusterBatchGuard(std::function<Status(Connection&)> reload)
    : reload_(std::move(reload)) {
  unsigned char bytes[12];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  server_id_ = hex;
}

ClusterBatchGuard::~ClusterBatchGuard() {
  spdlog::info("cluster: {} hot-state rebuilds in this server's life, {} ms in all", reloads_,
               reload_ms_);
}

Status ClusterBatchGuard::Enter(Connection& connection) {
  Query lock(connection, "SELECT seq, writer FROM shrimp_cluster WHERE id = 1 FOR UPDATE");
  if (!lock.Next()) {
    if (!lock.ok()) return lock.error();
    return Internal("shrimp_cluster has no row: the cluster migration did not run");
  }
  int64_t seq = lock.Int(0);
  std::string writer = lock.Text(1);
  SHRIMP_RETURN_IF_ERROR(lock.status());
  pending_seq_ = -1;
  if (seq == last_seq_ && writer == server_id_) return OkStatus();
  // Someone else wrote since this server's last batch (or this server has
  // not written yet): rebuild from what is committed. The lock holds every
  // other writer off until this transaction ends.
  auto start = std::chrono::steady_clock::now();
  Status reloaded = reload_(connection);
  if (!reloaded.ok()) {
    last_seq_ = -1;
    return reloaded;
  }
  reloads_ += 1;
  reload_ms_ += std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count();
  last_seq_ = seq;
  return OkStatus();
}

Status ClusterBatchGuard::Leave(Connection& connection) {
  Query stamp(connection,
              "UPDATE shrimp_cluster SET seq = seq + 1, writer = ? WHERE id = 1 RETURNING seq");
  stamp.Bind(server_id_);
  if (!stamp.Next()) {
    if (!stamp.ok()) return stamp.error();
    return Internal("shrimp_cluster has no row");
  }
  pending_seq_ = stamp.Int(0);
  return stamp.status();
}

void ClusterBatchGuard::Finish(bool committed) {
  // A batch that did not commit left the database as it was, but memory was
  // only rolled back job by job: reload to be sure.
  last_seq_ = committed && pending_seq_ >= 0 ? pending_seq_ : -1;
  pending_seq_ = -1;
}

}  // namespace shrimp::store
