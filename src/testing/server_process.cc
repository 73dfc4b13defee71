#include "testing/server_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "testing/postgres_cluster.h"

namespace shrimp::testing {

ServerProcess::ServerProcess(const std::string& binary, const std::string& data_dir,
                             std::vector<std::string> extra_args) {
  // On PostgreSQL (SHRIMP_TEST_DB=postgres) the data directory's database,
  // the same for every restart on it; made here, before the fork.
  if (UsePostgres()) {
    auto cluster = PostgresCluster::Shared();
    auto url =
        cluster.ok() ? (*cluster)->DatabaseFor(data_dir) : Result<std::string>(cluster.error());
    if (!url.ok()) {
      ADD_FAILURE() << "PostgreSQL test database: " << url.error().message;
      std::abort();
    }
    extra_args.insert(extra_args.begin(), {"--db", *url});
  }
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) std::abort();
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<std::string> args = {binary,   "serve", "--data",       data_dir,
                                     "--port", "0",     "--access-log", "false"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  // Read stdout until the serving line, bounded in time.
  FILE* out = fdopen(pipe_fds[0], "r");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  char line[512];
  while (std::chrono::steady_clock::now() < deadline && fgets(line, sizeof line, out)) {
    const char* marker = strstr(line, "http://");
    if (marker && strstr(line, "serving on")) {
      const char* colon = strrchr(marker, ':');
      port_ = static_cast<uint16_t>(atoi(colon + 1));
      break;
    }
  }
  // Keep draining stdout so the child never blocks on a full pipe; the
  // thread ends at EOF, when the child exits.
  std::thread([out] {
    char rest[512];
    while (fgets(rest, sizeof rest, out)) {
    }
    fclose(out);
  }).detach();
  if (port_ == 0) {
    ADD_FAILURE() << "server did not start";
    Kill();
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill();
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int ServerProcess::Terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace shrimp::testing
