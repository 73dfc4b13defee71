#include "testing/postgres_replica_set.h"

#include <signal.h>
#include <sys/shm.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "store/db.h"
#include "testing/postgres_cluster.h"

namespace shrimp::testing {
namespace {

constexpr const char* kUser = "shrimp";
// The standby's name: the application_name of its replication connection
// (in primary_conninfo), which synchronous_standby_names lists.
constexpr const char* kStandbyName = "standby";
constexpr auto kWaitMax = std::chrono::seconds(30);
constexpr auto kPollInterval = std::chrono::milliseconds(20);

// Settings both nodes share: a unix socket in the node's directory and no
// TCP at all; fsync off (test data). hot_standby needs the standby's
// max_connections at least the primary's: the same on both.
std::string CommonOptions(const std::string& dir, const std::string& port) {
  return "-c listen_addresses='' -c unix_socket_directories='" + dir + "' -p " + port +
         " -c fsync=off -c full_page_writes=off -c max_connections=100"
         " -c shared_buffers=32MB -c wal_level=replica -c max_wal_senders=4"
         " -c hot_standby=on";
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines of data/postmaster.pid: 1 the postmaster's pid, 7 the key and
// id of its System V shared memory segment.
std::vector<std::string> PostmasterPidLines(const std::string& dir) {
  std::ifstream in(dir + "/data/postmaster.pid");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Gone, or a zombie nobody has reaped yet (it holds nothing any more).
bool ProcessGone(pid_t pid) {
  if (kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::string stat = ReadText("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] == 'Z';
}

// The processes whose parent is `parent` (from /proc/<pid>/stat).
std::vector<pid_t> ChildrenOf(pid_t parent) {
  std::vector<pid_t> children;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string stat = ReadText(entry.path().string() + "/stat");
    size_t paren = stat.rfind(')');
    if (paren == std::string::npos) continue;
    // After "pid (comm)": the state, then the parent's pid.
    std::istringstream fields(stat.substr(paren + 1));
    std::string state;
    long ppid = 0;
    if (fields >> state >> ppid && ppid == parent) {
      children.push_back(static_cast<pid_t>(std::atol(name.c_str())));
    }
  }
  return children;
}

// One scalar from a node, on a fresh connection (the node may have just
// changed role).
Result<int64_t> QueryInt(const std::string& url, const std::string& sql) {
  SHRIMP_ASSIGN_OR_RETURN(auto db, store::Db::OpenPostgres(url, {.read_connections = 0}));
  store::Query query(db->write_connection(), sql);
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> value, query.ScalarInt());
  if (!value) return Internal("no value from: " + sql);
  return *value;
}

}  // namespace

Result<std::unique_ptr<PostgresReplicaSet>> PostgresReplicaSet::Start(const std::string& database) {
  std::unique_ptr<PostgresReplicaSet> set(new PostgresReplicaSet());
  SHRIMP_ASSIGN_OR_RETURN(PostgresInstall install, FindPostgresInstall());
  set->bin_dir_ = install.bin_dir;
  set->runner_ = install.runner;
  set->database_ = database;
  SHRIMP_ASSIGN_OR_RETURN(set->primary_.dir, MakePostgresNodeDir(install));
  SHRIMP_ASSIGN_OR_RETURN(set->standby_.dir, MakePostgresNodeDir(install));
  // Each node has its own socket directory; distinct ports keep the two
  // hosts of the multi-host URL telling apart at a glance.
  set->primary_.port = "5432";
  set->standby_.port = "5433";
  SHRIMP_RETURN_IF_ERROR(set->StartPrimary());
  SHRIMP_RETURN_IF_ERROR(set->StartStandby());
  SHRIMP_RETURN_IF_ERROR(set->WaitForSynchronousStandby());
  return set;
}

PostgresReplicaSet::~PostgresReplicaSet() {
  Stop(standby_);
  Stop(primary_);
}

Status PostgresReplicaSet::Run(const std::string& command, const Node& node, const char* what) {
  std::string line = runner_ + bin_dir_ + "/" + command + " >> " + node.dir + "/log 2>&1";
  if (std::system(line.c_str()) != 0) {
    return Internal(std::string("PostgreSQL replica set: ") + what + " failed (" + line + "):\n" +
                    ReadText(node.dir + "/log") + ReadText(node.dir + "/server.log"));
  }
  return OkStatus();
}

Status PostgresReplicaSet::StartPrimary() {
  const Node& node = primary_;
  // initdb's pg_hba.conf with --auth=trust lets local replication
  // connections in, which pg_basebackup and the standby use.
  SHRIMP_RETURN_IF_ERROR(Run("initdb -D " + node.dir + "/data -U " + kUser +
                                 " --auth=trust --no-locale -E UTF8 --no-sync",
                             node, "initdb"));
  std::string options = CommonOptions(node.dir, node.port) + " -c synchronous_commit=on";
  SHRIMP_RETURN_IF_ERROR(Run("pg_ctl -D " + node.dir + "/data -l " + node.dir +
                                 "/server.log -w -t 60 -o \"" + options + "\" start",
                             node, "pg_ctl start (primary)"));
  primary_.running = true;
  // The database exists before the base backup, so the standby has it too.
  return Admin("CREATE DATABASE " + database_);
}

Status PostgresReplicaSet::StartStandby() {
  const Node& node = standby_;
  // -R writes primary_conninfo and standby.signal; -C -S a replication slot,
  // so the primary keeps every WAL segment the standby has not received.
  // The application_name given to -d lands in primary_conninfo.
  SHRIMP_RETURN_IF_ERROR(Run("pg_basebackup -d \"host=" + primary_.dir + " port=" + primary_.port +
                                 " user=" + kUser + " application_name=" + kStandbyName + "\" -D " +
                                 node.dir +
                                 "/data -R -X stream -C -S standby_slot -c fast --no-sync",
                             node, "pg_basebackup"));
  SHRIMP_RETURN_IF_ERROR(Run("pg_ctl -D " + node.dir + "/data -l " + node.dir +
                                 "/server.log -w -t 60 -o \"" + CommonOptions(node.dir, node.port) +
                                 "\" start",
                             node, "pg_ctl start (standby)"));
  standby_.running = true;
  // From now on every commit on the primary waits for the standby. In the
  // primary's postgresql.auto.conf only: the standby, copied before, has
  // none, so once promoted its commits wait for no standby of its own.
  SHRIMP_RETURN_IF_ERROR(
      Admin(std::string("ALTER SYSTEM SET synchronous_standby_names = '") + kStandbyName + "'"));
  return Admin("SELECT pg_reload_conf()");
}

Status PostgresReplicaSet::WaitForSynchronousStandby() {
  auto deadline = std::chrono::steady_clock::now() + kWaitMax;
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    auto synchronous =
        QueryInt(NodeUrl(primary_, "postgres"),
                 "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync' AND state = "
                 "'streaming'");
    if (synchronous.ok() && *synchronous == 1) return OkStatus();
    last = synchronous.ok() ? "not streaming yet" : synchronous.error().message;
    std::this_thread::sleep_for(kPollInterval);
  }
  return Internal("PostgreSQL replica set: the standby never became synchronous (" + last + "):\n" +
                  ReadText(standby_.dir + "/server.log"));
}

Status PostgresReplicaSet::Admin(const std::string& sql) {
  SHRIMP_ASSIGN_OR_RETURN(auto admin, store::Db::OpenPostgres(NodeUrl(primary_, "postgres"),
                                                              {.read_connections = 0}));
  return admin->write_connection().Exec(sql);
}

std::string PostgresReplicaSet::NodeUrl(const Node& node, const std::string& database) const {
  return "postgresql:///" + database + "?host=" + node.dir + "&port=" + node.port +
         "&user=" + kUser;
}

std::string PostgresReplicaSet::FailoverUrl() const {
  return "postgresql:///" + database_ + "?host=" + primary_.dir + "," + standby_.dir +
         "&port=" + primary_.port + "," + standby_.port + "&user=" + kUser +
         "&target_session_attrs=read-write&connect_timeout=2";
}

Status PostgresReplicaSet::KillPrimary() {
  std::vector<std::string> lines = PostmasterPidLines(primary_.dir);
  pid_t postmaster = lines.empty() ? 0 : static_cast<pid_t>(std::atoi(lines[0].c_str()));
  if (!primary_.running || postmaster <= 0) {
    return Internal("PostgreSQL replica set: the primary is not running");
  }
  // Every backend, the walsender and the helpers are the postmaster's
  // children, each in a process group of its own: stopped first so it forks
  // no new one, the postmaster and all its children get SIGKILL, and no
  // process is left that could still answer a client or send WAL.
  kill(postmaster, SIGSTOP);
  std::vector<pid_t> doomed = ChildrenOf(postmaster);
  doomed.push_back(postmaster);
  for (pid_t pid : doomed) kill(pid, SIGKILL);
  primary_.running = false;
  auto deadline = std::chrono::steady_clock::now() + kWaitMax;
  for (pid_t pid : doomed) {
    while (!ProcessGone(pid)) {
      if (std::chrono::steady_clock::now() > deadline) {
        return Internal("PostgreSQL replica set: process " + std::to_string(pid) +
                        " of the primary outlived kill -9");
      }
      std::this_thread::sleep_for(kPollInterval);
    }
  }
  return OkStatus();
}

Status PostgresReplicaSet::PromoteStandby() {
  SHRIMP_RETURN_IF_ERROR(
      Run("pg_ctl -D " + standby_.dir + "/data -w -t 60 promote", standby_, "pg_ctl promote"));
  auto deadline = std::chrono::steady_clock::now() + kWaitMax;
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    auto in_recovery = QueryInt(NodeUrl(standby_, "postgres"), "SELECT pg_is_in_recovery()");
    if (in_recovery.ok() && *in_recovery == 0) return OkStatus();
    last = in_recovery.ok() ? "still in recovery" : in_recovery.error().message;
    std::this_thread::sleep_for(kPollInterval);
  }
  return Internal("PostgreSQL replica set: the standby did not leave recovery (" + last + ")");
}

void PostgresReplicaSet::Stop(Node& node) {
  if (node.dir.empty()) return;
  if (node.running) {
    std::string stop = runner_ + bin_dir_ + "/pg_ctl -D " + node.dir +
                       "/data -m immediate -w stop > /dev/null 2>&1";
    if (std::system(stop.c_str()) != 0) {
      std::fprintf(stderr, "pg_ctl stop failed for %s\n", node.dir.c_str());
    }
    node.running = false;
  } else {
    // A killed postmaster leaves its small System V segment behind (a
    // clean stop removes it): removed here so test runs do not pile them up.
    std::vector<std::string> lines = PostmasterPidLines(node.dir);
    if (lines.size() >= 7) {
      std::istringstream shmem(lines[6]);
      long key = 0;
      int id = -1;
      if (shmem >> key >> id && id >= 0) (void)shmctl(id, IPC_RMID, nullptr);
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(node.dir, ec);
  node.dir.clear();
}

}  // namespace shrimp::testing
