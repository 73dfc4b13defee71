// PostgresReplicaSet: a throwaway primary with one synchronous hot standby,
// for the failover tests, stopped and removed when destroyed.
//
// Each node is Debian's PostgreSQL server (found as PostgresCluster finds
// it, testing/postgres_cluster.h) in its own temporary directory, listening
// on a unix socket in that directory only (no TCP). The standby is a
// pg_basebackup -R of the primary streaming through a replication slot; then
// the primary names it in synchronous_standby_names (ALTER SYSTEM) and runs
// with synchronous_commit=on, so a COMMIT returns only once the standby has
// the commit's WAL: a commit the client saw succeed survives the loss of the
// primary. fsync is off on both (a test needs no power-cut durability; the
// processes, not the machine, are what the tests kill). As root the nodes run
// as `nobody` (runuser), as PostgresCluster's do.
//
// Not thread-safe: one test thread drives it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace shrimp::testing {

class PostgresReplicaSet {
 public:
  // Starts the primary, creates `database` on it, then the standby, and
  // waits until the primary reports it as its synchronous standby.
  [[nodiscard]] static Result<std::unique_ptr<PostgresReplicaSet>> Start(
      const std::string& database = "shrimp");
  // Stops both nodes (the killed one is already gone) and removes their
  // directories.
  ~PostgresReplicaSet();
  PostgresReplicaSet(const PostgresReplicaSet&) = delete;
  PostgresReplicaSet& operator=(const PostgresReplicaSet&) = delete;

  // The database on one node: postgresql:///db?host=DIR&port=P&user=U.
  std::string PrimaryUrl() const { return NodeUrl(primary_); }
  std::string StandbyUrl() const { return NodeUrl(standby_); }
  // Both nodes in one libpq URL, in order, keeping only a node that accepts
  // writes (target_session_attrs=read-write): before a failover it reaches
  // the primary, after it the promoted standby.
  //   postgresql:///db?host=DIR1,DIR2&port=P1,P2&user=U
  //     &target_session_attrs=read-write&connect_timeout=2
  std::string FailoverUrl() const;

  // The nodes' directories (data/, socket, logs), primary first.
  std::vector<std::string> node_dirs() const { return {primary_.dir, standby_.dir}; }

  // kill -9 of the primary's postmaster and every process it started, as if
  // the machine had died: nothing is shut down cleanly, nothing more is sent
  // to the standby, no backend answers a client any more.
  [[nodiscard]] Status KillPrimary();
  // pg_ctl promote on the standby, then waits (bounded) until
  // pg_is_in_recovery() is false there: it accepts writes.
  [[nodiscard]] Status PromoteStandby();

 private:
  struct Node {
    std::string dir;  // data/, the socket, logs
    std::string port;
    bool running = false;
  };

  PostgresReplicaSet() = default;
  [[nodiscard]] Status StartPrimary();
  [[nodiscard]] Status StartStandby();
  [[nodiscard]] Status WaitForSynchronousStandby();
  // Runs `sql` on the primary's postgres database.
  [[nodiscard]] Status Admin(const std::string& sql);
  [[nodiscard]] Status Run(const std::string& command, const Node& node, const char* what);
  std::string NodeUrl(const Node& node, const std::string& database) const;
  std::string NodeUrl(const Node& node) const { return NodeUrl(node, database_); }
  void Stop(Node& node);

  std::string bin_dir_;
  std::string runner_;
  std::string database_;
  Node primary_;
  Node standby_;
};

}  // namespace shrimp::testing
