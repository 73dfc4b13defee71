// Metrics: request counts and latency histograms per route, method and
// status, rendered as Prometheus text. Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace shrimp::http {

class Metrics {
 public:
  // Latency bucket upper bounds in microseconds.
  static constexpr std::array<int64_t, 12> kBucketsUs = {100,   250,    500,    1000,
                                                         2500,  5000,   10000,  25000,
                                                         50000, 100000, 500000, 2000000};

  void Record(const std::string& method, const std::string& route, int status, int64_t latency_us);
  // accept() failed (e.g. EMFILE: out of file descriptors).
  void RecordAcceptFailure() { accept_failures_ += 1; }
  // A connection closed at once because the server held its cap of connections.
  void RecordConnectionRefused() { connections_refused_ += 1; }
  uint64_t accept_failures() const { return accept_failures_; }
  uint64_t connections_refused() const { return connections_refused_; }
  // Adds a gauge or counter line supplied by another component.
  std::string RenderPrometheus() const;

 private:
  struct Series {
    uint64_t count = 0;
    int64_t latency_sum_us = 0;
    std::array<uint64_t, kBucketsUs.size()> buckets{};
  };
  std::atomic<uint64_t> accept_failures_{0};
  std::atomic<uint64_t> connections_refused_{0};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> series_;
};

}  // namespace shrimp::http
