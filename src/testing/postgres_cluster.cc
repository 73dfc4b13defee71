#include "testing/postgres_cluster.h"

#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

namespace shrimp::testing {
namespace {

constexpr const char* kUser = "shrimp";
constexpr const char* kPort = "5432";  // of the unix socket's name; no TCP

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FindBinDir() {
  if (const char* bin = std::getenv("SHRIMP_PG_BIN"); bin && *bin) return bin;
  for (const char* version : {"17", "16", "15"}) {
    std::string dir = std::string("/usr/lib/postgresql/") + version + "/bin";
    if (std::filesystem::exists(dir + "/initdb") && std::filesystem::exists(dir + "/pg_ctl")) {
      return dir;
    }
  }
  return "";
}

std::string MakeClusterDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "shrimp-pg-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  return made ? std::string(made) : std::string();
}

// A cluster whose test process died without stopping it (a crash, kill -9):
// stopped and removed, so crashed runs do not pile up servers.
void StopOrphans(const std::string& runner, const std::string& bin_dir) {
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::temp_directory_path(), ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("shrimp-pg-")) continue;
    std::string owner_text = ReadFile(entry.path().string() + "/owner");
    if (owner_text.empty()) continue;
    pid_t owner = static_cast<pid_t>(std::atoi(owner_text.c_str()));
    if (owner <= 0 || kill(owner, 0) == 0 || errno != ESRCH) continue;
    std::string stop = runner + bin_dir + "/pg_ctl -D " + entry.path().string() +
                       "/data -m immediate -w stop > /dev/null 2>&1";
    (void)std::system(stop.c_str());
    std::filesystem::remove_all(entry.path(), ec);
  }
}

// Stopped when the test process exits normally (the static's destructor).
std::unique_ptr<PostgresCluster>& SharedSlot() {
  static std::unique_ptr<PostgresCluster> cluster;
  return cluster;
}

}  // namespace

bool UsePostgres() {
  const char* db = std::getenv("SHRIMP_TEST_DB");
  return db != nullptr && std::string(db) == "postgres";
}

Result<PostgresCluster*> PostgresCluster::Shared() {
  static std::mutex start_mutex;
  static std::optional<Error> start_error;
  std::lock_guard lock(start_mutex);
  if (start_error) return *start_error;
  if (!SharedSlot()) {
    std::unique_ptr<PostgresCluster> cluster(new PostgresCluster());
    if (Status started = cluster->Start(); !started.ok()) {
      start_error = started.error();
      return *start_error;
    }
    SharedSlot() = std::move(cluster);
  }
  return SharedSlot().get();
}

Status PostgresCluster::Start() {
  owner_pid_ = getpid();
  bin_dir_ = FindBinDir();
  if (bin_dir_.empty()) {
    return Internal(
        "PostgreSQL tests: no initdb/pg_ctl under /usr/lib/postgresql/{15,16,17}/bin (install "
        "Debian's postgresql: scripts/setup) and SHRIMP_PG_BIN is not set");
  }
  dir_ = MakeClusterDir();
  if (dir_.empty()) return Internal("PostgreSQL tests: cannot make a temporary directory");
  if (geteuid() == 0) {
    // initdb refuses root: the cluster's files and processes belong to nobody.
    struct passwd* nobody = getpwnam("nobody");
    if (nobody == nullptr) return Internal("PostgreSQL tests: running as root and no user nobody");
    if (chown(dir_.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
      return Internal("PostgreSQL tests: cannot chown " + dir_ + " to nobody");
    }
    runner_ = "runuser -u nobody -- ";
  }
  StopOrphans(runner_, bin_dir_);
  // Who owns the cluster: a later run stops it if this process dies first.
  std::ofstream(dir_ + "/owner") << owner_pid_ << "\n";
  std::string log = dir_ + "/log";
  std::string initdb = runner_ + bin_dir_ + "/initdb -D " + dir_ + "/data -U " + kUser +
                       " --auth=trust --no-locale -E UTF8 --no-sync > " + log + " 2>&1";
  if (std::system(initdb.c_str()) != 0) {
    return Internal("PostgreSQL tests: initdb failed (" + initdb + "):\n" + ReadFile(log));
  }
  SHRIMP_RETURN_IF_ERROR(RunServer());
  started_ = true;
  auto admin = store::Db::OpenPostgres(UrlOf("postgres"), {.read_connections = 0});
  if (!admin.ok()) {
    return Internal("PostgreSQL tests: cannot connect to the test cluster: " +
                    admin.error().message);
  }
  admin_ = std::move(admin).value();
  return OkStatus();
}

Status PostgresCluster::RunServer() {
  std::string log = dir_ + "/log";
  // Unix socket in the private directory only; durability off (test data).
  std::string options = "-c listen_addresses='' -c unix_socket_directories='" + dir_ + "' -p " +
                        kPort +
                        " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                        " -c max_connections=200 -c shared_buffers=32MB";
  std::string start = runner_ + bin_dir_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ +
                      "/server.log -w -t 60 -o \"" + options + "\" start >> " + log + " 2>&1";
  if (std::system(start.c_str()) != 0) {
    return Internal("PostgreSQL tests: pg_ctl start failed:\n" + ReadFile(log) +
                    ReadFile(dir_ + "/server.log"));
  }
  return OkStatus();
}

Status PostgresCluster::StopServer() {
  std::lock_guard lock(mutex_);
  std::string stop = runner_ + bin_dir_ + "/pg_ctl -D " + dir_ + "/data -m fast -w -t 60 stop >> " +
                     dir_ + "/log 2>&1";
  if (std::system(stop.c_str()) != 0) return Internal("PostgreSQL tests: pg_ctl stop failed");
  return OkStatus();
}

Status PostgresCluster::StartServer() {
  std::lock_guard lock(mutex_);
  SHRIMP_RETURN_IF_ERROR(RunServer());
  // The administration session ended with the server.
  return admin_->ReconnectWriter();
}

Result<int64_t> PostgresCluster::TerminateSessions(const std::string& url,
                                                   const std::string& application) {
  size_t start = url.find(":///");
  size_t end = url.find('?');
  if (start == std::string::npos || end == std::string::npos) {
    return InvalidArgument("bad_url", "not a test database URL: " + url);
  }
  std::string where =
      "datname = '" + url.substr(start + 4, end - start - 4) + "' AND pid <> pg_backend_pid()";
  if (!application.empty()) where += " AND application_name = '" + application + "'";
  std::lock_guard lock(mutex_);
  store::Connection& admin = admin_->write_connection();
  std::vector<int64_t> pids;
  {
    store::Query sessions(admin, "SELECT pid FROM pg_stat_activity WHERE " + where);
    while (sessions.Next()) pids.push_back(sessions.Int(0));
    SHRIMP_RETURN_IF_ERROR(sessions.status());
  }
  for (int64_t pid : pids) {
    store::Query terminate(admin, "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    SHRIMP_RETURN_IF_ERROR(terminate.Run());
  }
  // Gone when their processes have exited: their sockets are closed then
  // (pg_stat_activity forgets them a moment earlier).
  for (int round = 0; round < 500; ++round) {
    bool alive = false;
    for (int64_t pid : pids) alive = alive || kill(static_cast<pid_t>(pid), 0) == 0;
    if (!alive) return static_cast<int64_t>(pids.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Internal("PostgreSQL tests: sessions still there 5 s after pg_terminate_backend");
}

PostgresCluster::~PostgresCluster() {
  // A forked child that exits normally must not stop its parent's cluster.
  if (getpid() != owner_pid_) return;
  admin_.reset();
  if (started_) {
    std::string stop =
        runner_ + bin_dir_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop > /dev/null 2>&1";
    if (std::system(stop.c_str()) != 0)
      std::fprintf(stderr, "pg_ctl stop failed for %s\n", dir_.c_str());
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

std::string PostgresCluster::UrlOf(const std::string& database) const {
  return "postgresql:///" + database + "?host=" + dir_ + "&port=" + kPort + "&user=" + kUser;
}

Status PostgresCluster::Admin(const std::string& sql) {
  return admin_->write_connection().Exec(sql);
}

Result<std::string> PostgresCluster::CreateDatabase() {
  std::lock_guard lock(mutex_);
  std::string name = "test_" + std::to_string(next_database_++);
  // template0 with FILE_COPY: a few milliseconds with fsync off.
  SHRIMP_RETURN_IF_ERROR(
      Admin("CREATE DATABASE " + name + " TEMPLATE template0 STRATEGY FILE_COPY"));
  return UrlOf(name);
}

Result<std::string> PostgresCluster::DatabaseFor(const std::string& data_dir) {
  {
    std::lock_guard lock(mutex_);
    auto found = by_data_dir_.find(data_dir);
    if (found != by_data_dir_.end()) return found->second;
  }
  SHRIMP_ASSIGN_OR_RETURN(std::string url, CreateDatabase());
  std::lock_guard lock(mutex_);
  by_data_dir_[data_dir] = url;
  return url;
}

void PostgresCluster::DropDatabase(const std::string& url) {
  size_t start = url.find(":///");
  size_t end = url.find('?');
  if (start == std::string::npos || end == std::string::npos) return;
  std::string name = url.substr(start + 4, end - start - 4);
  std::lock_guard lock(mutex_);
  Status dropped = Admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  if (!dropped.ok()) ADD_FAILURE() << "DROP DATABASE " << name << ": " << dropped.error().message;
}

std::unique_ptr<store::Db> OpenTestDb(const std::string& dir, store::DbOptions options) {
  Result<std::unique_ptr<store::Db>> db = [&]() -> Result<std::unique_ptr<store::Db>> {
    if (!UsePostgres()) return store::Db::OpenSqlite(dir + "/test.db", options);
    SHRIMP_ASSIGN_OR_RETURN(PostgresCluster * cluster, PostgresCluster::Shared());
    SHRIMP_ASSIGN_OR_RETURN(std::string url, cluster->DatabaseFor(dir));
    return store::Db::OpenPostgres(url, options);
  }();
  if (!db.ok()) {
    ADD_FAILURE() << "OpenTestDb: " << db.error().message;
    std::abort();
  }
  return std::move(db).value();
}

Result<PostgresInstall> FindPostgresInstall() {
  PostgresInstall install;
  install.bin_dir = FindBinDir();
  if (install.bin_dir.empty() || !std::filesystem::exists(install.bin_dir + "/pg_basebackup")) {
    return Internal(
        "PostgreSQL tests: no initdb/pg_ctl/pg_basebackup under "
        "/usr/lib/postgresql/{15,16,17}/bin (install Debian's postgresql: scripts/setup)");
  }
  if (geteuid() == 0) {
    if (getpwnam("nobody") == nullptr) {
      return Internal("PostgreSQL tests: running as root and no user nobody");
    }
    install.runner = "runuser -u nobody -- ";
  }
  StopOrphans(install.runner, install.bin_dir);
  return install;
}

Result<std::string> MakePostgresNodeDir(const PostgresInstall& install) {
  std::string dir = MakeClusterDir();
  if (dir.empty()) return Internal("PostgreSQL tests: cannot make a temporary directory");
  if (!install.runner.empty()) {
    struct passwd* nobody = getpwnam("nobody");
    if (nobody == nullptr || chown(dir.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
      return Internal("PostgreSQL tests: cannot chown " + dir + " to nobody");
    }
  }
  std::ofstream(dir + "/owner") << getpid() << "\n";
  return dir;
}

}  // namespace shrimp::testing
