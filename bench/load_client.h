// The load generator's HTTP machinery: many keep-alive connections driven by
// one io thread, each running a scenario (a sequence of requests) in a loop,
// with latencies recorded per step.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace shrimp::bench {

struct HttpReply {
  int status = 0;
  std::string body;
};

// Latency samples for one named step.
struct StepStats {
  std::vector<int64_t> latencies_us;
  uint64_t ok = 0;       // 2xx
  uint64_t refused = 0;  // 4xx the scenario expects (e.g. out_of_stock)
  uint64_t failed = 0;   // anything else
};

// Percentile of sorted samples, in microseconds.
int64_t Percentile(std::vector<int64_t>& samples, double fraction);

// A blocking client for seeding and checks (not timed).
class SyncClient {
 public:
  // `source_address`, when set, is the local address connections come from
  // (e.g. 127.0.0.7), so a seeding run can stay under the server's
  // per-address sign-up limit.
  SyncClient(std::string host, uint16_t port, std::string source_address = "");
  ~SyncClient();
  HttpReply Request(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& token = "", const std::string& idempotency_key = "");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One step of a scenario: build the request, then judge the reply.
struct Step {
  std::string name;
  std::string method;
  // The target may use the previous step's reply (an id created there).
  std::function<std::string(int worker, uint64_t iteration, const std::string& last_body)> target;
  std::function<std::string(int worker, uint64_t iteration, const std::string& last_body)> body;
  std::function<std::string(int worker)> token;
  // Returns 0 ok, 1 expected refusal (stop this iteration), 2 failure.
  std::function<int(const HttpReply&)> judge;
  bool idempotency_key = false;
};

struct RunOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int connections = 64;
  double duration_s = 10;
  uint64_t iterations_max = 0;  // 0: bounded by duration only
  // Open-loop target rate in iterations per second; 0 runs closed-loop flat out.
  double rate_per_s = 0;
  // Idempotency-Keys are "<prefix>-<worker>-<iteration>-<step>": a prefix per
  // run keeps two runs against one server from replaying each other.
  std::string idempotency_prefix = "load";
};

struct RunResult {
  double elapsed_s = 0;
  uint64_t iterations_completed = 0;  // every step ok
  uint64_t iterations_refused = 0;    // a step answered an expected refusal
  uint64_t iterations_failed = 0;
  std::vector<int64_t> iteration_latencies_us;
  std::map<std::string, StepStats> steps;
};

// Runs the scenario on `options.connections` connections until the duration
// or the iteration bound is reached. Bounded: never runs past duration + 10 s.
RunResult RunScenario(const RunOptions& options, const std::vector<Step>& steps);

}  // namespace shrimp::bench
