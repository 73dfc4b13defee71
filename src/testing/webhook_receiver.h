// WebhookReceiver: a real HTTP server on 127.0.0.1 (port 0) inside the test
// process, standing in for a partner's webhook endpoint. It records every
// request and answers each with the status a test chooses; it closes each
// connection after one answer, so one thread serves many clients in turn.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace shrimp::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class WebhookReceiver {
 public:
  WebhookReceiver();
  ~WebhookReceiver();

  uint16_t port() const { return port_; }
  std::string Url(const std::string& path = "/hook") const;

  // Chooses the status of every later answer (default 200).
  void RespondWith(std::function<int(const ReceivedRequest&)> status);
  // Every request so far, in arrival order.
  std::vector<ReceivedRequest> Requests() const;
  int64_t connections() const;
  // Waits until at least `count` requests arrived; false on timeout.
  bool WaitFor(size_t count, int64_t timeout_ms = 10'000) const;

 private:
  void Serve();

  uint16_t port_ = 0;
  bool stopping_ = false;
  std::thread thread_;
  mutable std::mutex mutex_;
  mutable std::condition_variable arrived_;
  std::vector<ReceivedRequest> requests_;
  int64_t connections_ = 0;
  std::function<int(const ReceivedRequest&)> status_;
};

}  // namespace shrimp::testing
