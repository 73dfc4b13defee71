// Server: Boost.Beast HTTP/1.1 with keep-alive, a pool of io threads, and
// bounds on header and body size, request and idle time, and connections.
//
// Each connection reads one request, routes it, and waits for the handler's
// reply (which may come from another thread, e.g. the store's writer) before
// reading the next. Stop() stops accepting, lets in-flight requests finish for
// up to kShutdownGraceMs, then ends the io threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/metrics.h"
#include "http/router.h"
#include "http/trusted_proxies.h"

namespace shrimp::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 0;    // 0: one per core
  size_t header_bytes_max = 16 * 1024;
  int64_t request_timeout_ms = 30'000;
  int64_t idle_timeout_ms = 60'000;
  // Lowered at Start() to what the open-files limit allows (ConnectionCapFor).
  int connections_max = 10'000;
  bool access_log = true;
  // Peers whose X-Forwarded-For names the client (http/trusted_proxies.h).
  TrustedProxies trusted_proxies;
};

inline constexpr int64_t kShutdownGraceMs = 5'000;

// When accept() fails (EMFILE, ENFILE, ENOBUFS...), the listener waits this
// long before trying again: retrying at once would spin a core and flood the
// log while nothing has changed.
inline constexpr int64_t kAcceptRetryDelayMs = 100;
// At most one log line per interval about failed or refused accepts; the rest
// are counted (see Metrics) and summed into the next line.
inline constexpr int64_t kAcceptLogIntervalMs = 10'000;
// File descriptors kept free of connections for the database (main file, WAL
// and shared memory per connection), the search index, uploaded images and
// log files: at least this many, or a quarter of the limit if that is more.
inline constexpr uint64_t kFileDescriptorsReservedMin = 64;

// The connection cap: `connections_max`, lowered so that connections leave
// the reserve above free under an open-files limit of `open_files_max`
// (RLIMIT_NOFILE). At least 1.
int ConnectionCapFor(int connections_max, uint64_t open_files_max);

class Server {
 public:
  // `router` and `metrics` must outlive the server.
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the io threads. Returns the bound port, or an error message.
  bool Start(std::string* error);
  uint16_t port() const { return port_; }
  // Graceful stop; safe to call from any thread, more than once.
  void Stop();
  // Blocks until the io threads have ended.
  void Wait();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
};

}  // namespace shrimp::http
