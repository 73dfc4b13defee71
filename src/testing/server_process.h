// ServerProcess: the real `shrimp serve` binary in a child process, for
// tests that must kill -9 it and start it again on the same data directory.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace shrimp::testing {

class ServerProcess {
 public:
  // Starts `binary serve --data data_dir --port 0 ...extra` and waits (up to
  // 30 s) for the "serving on http://host:port/" line. Aborts the test on failure.
  ServerProcess(const std::string& binary, const std::string& data_dir,
                std::vector<std::string> extra_args = {});
  ~ServerProcess();

  uint16_t port() const { return port_; }
  // SIGKILL, no chance to flush anything.
  void Kill();
  // SIGTERM and wait for a clean exit; returns the exit status.
  int Terminate();

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

}  // namespace shrimp::testing
