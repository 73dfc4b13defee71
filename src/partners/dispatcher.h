// Dispatcher: the thread that follows the outbox and delivers webhooks.
//
// One loop, on its own thread, never on an io thread nor on the checkout path:
//   1. fan-out: events after the cursor become delivery rows for every
//      endpoint that wants them (one writer job, with the cursor); those of
//      a disabled endpoint wait until it is enabled;
//   2. due deliveries (the head of each endpoint's object queue, in event
//      order) start as HTTP POSTs on one libcurl multi handle, at most
//      in_flight_max at once, each with connect and total timeouts;
//   3. finished attempts are recorded through the writer (partners/webhooks.h
//      decides success, backoff, give-up and auto-disable).
// Every request is signed like the provider's inbound webhooks
// (payments/webhook_signature.h: Shrimp-Signature: t=<s>,v1=<hmac>) with the
// endpoint's secret, and carries the event id, so a receiver deduplicates the
// repeats at-least-once delivery allows (a crash after sending, before the
// record commits, sends again).
//
// Where it may connect: partners/url_guard.h, checked per attempt.
//
// Threading: Start/Stop/Wake from any thread; RunOnce only while not started.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "partners/webhooks.h"
#include "store/db.h"
#include "store/writer.h"

namespace shrimp::partners {

struct DispatcherOptions {
  RetryPolicy retry;
  // How often the loop looks for new events and due retries; 0: no thread
  // (tests call RunOnce).
  int64_t poll_interval_ms = 250;
  int64_t connect_timeout_ms = 5'000;
  int64_t request_timeout_ms = 10'000;
  size_t in_flight_max = 16;
  size_t fan_out_batch_max = 500;          // events per fan-out job
  size_t scan_max = 2'000;                 // pending deliveries looked at per pass
  std::vector<std::string> allowed_hosts;  // url_guard.h
};

struct DispatcherStats {
  uint64_t attempts = 0;
  uint64_t succeeded = 0;
  uint64_t failed = 0;
  uint64_t refused = 0;  // never connected: SSRF guard or bad URL
  uint64_t endpoints_disabled = 0;
};

// The JSON body of a delivery: {"id","type","created_at","shop_id","object",
// "object_id","data"}.
std::string DeliveryBody(const Event& event);

class Dispatcher {
 public:
  Dispatcher(store::Db& db, store::Writer& writer, const Clock& clock, DispatcherOptions options);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Starts the thread when poll_interval_ms > 0.
  void Start();
  // Abandons transfers in flight (they are sent again later: at least once).
  void Stop();
  // Looks at the outbox now rather than at the next poll.
  void Wake();

  // One pass without the thread: fan out, send every due delivery, wait for
  // them, record. Returns the number of attempts made.
  // REQUIRES: the thread is not running.
  Result<int64_t> RunOnce();

  DispatcherStats stats() const;
  const DispatcherOptions& options() const { return options_; }

 private:
  struct Transfer;
  void Loop();
  Status FanOutOnce();
  // Starts due deliveries in free slots; refusals before connecting become
  // outcomes at once.
  Status FillSlots(std::vector<AttemptOutcome>& outcomes);
  void Begin(DueDelivery delivery, std::vector<AttemptOutcome>& outcomes);
  void CollectFinished(std::vector<AttemptOutcome>& outcomes);
  Status Record(std::vector<AttemptOutcome>& outcomes);

  store::Db& db_;
  store::Writer& writer_;
  const Clock& clock_;
  DispatcherOptions options_;
  CURLM* multi_ = nullptr;
  std::map<CURL*, std::unique_ptr<Transfer>> in_flight_;
  std::mt19937_64 random_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex stats_mutex_;
  DispatcherStats stats_;
};

}  // namespace shrimp::partners
