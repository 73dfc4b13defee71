// PostgresCluster: a throwaway PostgreSQL cluster for the tests, started on
// first use and stopped (and its directory removed) when the test process
// exits. One cluster per test process; a fresh database per test.
//
// The cluster is Debian's PostgreSQL server (initdb and pg_ctl from
// /usr/lib/postgresql/<15..17>/bin, or SHRIMP_PG_BIN), in a temporary
// directory, listening on a unix socket in that directory only (no TCP port
// at all), with fsync off (nothing here must survive a power cut). initdb
// refuses to run as root, so as root the cluster runs as `nobody`
// (runuser); otherwise as the current user.
//
// Tests select PostgreSQL with SHRIMP_TEST_DB=postgres (see UsePostgres):
// TestServer, ServerProcess and OpenTestDb then use a database of this
// cluster instead of a SQLite file. A cluster that cannot start is an error
// with the reason (the tests fail); nothing is skipped.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"
#include "store/db.h"

namespace shrimp::testing {

// True when SHRIMP_TEST_DB=postgres.
bool UsePostgres();

class PostgresCluster {
 public:
  // The process's cluster, started on first call. Thread-safe.
  [[nodiscard]] static Result<PostgresCluster*> Shared();
  ~PostgresCluster();

  // A new, empty database; returns its URL (postgresql:///name?host=...).
  [[nodiscard]] Result<std::string> CreateDatabase();
  // The database kept for a data directory: created on the first call for
  // `data_dir`, the same URL afterwards, so a test that restarts a server on
  // its data directory finds its data again.
  [[nodiscard]] Result<std::string> DatabaseFor(const std::string& data_dir);
  // Drops a database made by CreateDatabase (no connection may remain).
  void DropDatabase(const std::string& url);

  // Faults (tests of a database that goes away and comes back). Stops the
  // server (fast shutdown: every session is ended, its data kept); the
  // cluster stays this process's. REQUIRES: no other test thread uses it.
  [[nodiscard]] Status StopServer();
  // Starts the stopped server again on the same socket and data.
  [[nodiscard]] Status StartServer();
  // Ends (pg_terminate_backend) the sessions on the database of `url` whose
  // application_name is `application` ("shrimp reader", "shrimp writer"; ""
  // for all of them) and waits until they are gone; returns how many.
  [[nodiscard]] Result<int64_t> TerminateSessions(const std::string& url,
                                                  const std::string& application);

 private:
  PostgresCluster() = default;
  [[nodiscard]] Status Start();
  [[nodiscard]] Status RunServer();
  [[nodiscard]] Status Admin(const std::string& sql);
  std::string UrlOf(const std::string& database) const;

  std::string bin_dir_;
  std::string dir_;     // the temporary directory: data/, the socket, log
  std::string runner_;  // "runuser -u nobody -- " as root, else ""
  bool started_ = false;
  int owner_pid_ = 0;  // the test process that started it
  std::mutex mutex_;
  int64_t next_database_ = 1;
  std::map<std::string, std::string> by_data_dir_;
  std::unique_ptr<store::Db> admin_;
};

// A database for a unit test: a fresh PostgreSQL database when UsePostgres(),
// else a SQLite file in `dir`. Aborts the test with the reason on failure.
std::unique_ptr<store::Db> OpenTestDb(const std::string& dir, store::DbOptions options = {});

// What PostgresReplicaSet (testing/postgres_replica_set.h) shares with the
// cluster above: where Debian's server binaries are and who runs them.
struct PostgresInstall {
  std::string bin_dir;  // initdb, pg_ctl, pg_basebackup, ...
  std::string runner;   // "runuser -u nobody -- " as root, else ""
};
// Finds the binaries (as PostgresCluster does) and stops the nodes of test
// processes that died without stopping them.
[[nodiscard]] Result<PostgresInstall> FindPostgresInstall();
// A new temporary directory for one PostgreSQL node (its data/, socket and
// logs), owned by the runner's user, with the owner file that lets a later
// run stop the node if this process dies first.
[[nodiscard]] Result<std::string> MakePostgresNodeDir(const PostgresInstall& install);

}  // namespace shrimp::testing
