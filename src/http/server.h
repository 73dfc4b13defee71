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

namespace shrimp::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 0;    // 0: one per core
  size_t header_bytes_max = 16 * 1024;
  int64_t request_timeout_ms = 30'000;
  int64_t idle_timeout_ms = 60'000;
  int connections_max = 10'000;
  bool access_log = true;
};

inline constexpr int64_t kShutdownGraceMs = 5'000;

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
