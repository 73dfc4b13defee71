// Ticker: submits a writer job every `interval_ms` of real time, for work
// driven by deadlines (unpaid orders expiring, orders auto-completing).
//
// The job itself reads the injected Clock, so tests freeze or advance time
// and call RunOnce() instead of waiting for a tick. Ticks never pile up: a
// new one is submitted only after the previous one finished.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "store/writer.h"

namespace shrimp::store {

class Ticker {
 public:
  using Tick = std::function<Result<int64_t>(Connection&)>;  // returns work done
  Ticker(Writer& writer, int64_t interval_ms, std::string name, Tick tick);
  ~Ticker();

  void Start();
  void Stop();
  // Runs one tick now and waits for its commit. REQUIRES: not on the writer thread.
  Result<int64_t> RunOnce();

 private:
  void Loop();

  Writer& writer_;
  int64_t interval_ms_;
  std::string name_;
  Tick tick_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace shrimp::store
