// Webhooks: partner endpoints, and the deliveries of outbox events to them.
//
// An endpoint belongs to a merchant (events of the shops it owns) or an
// operator (every event). Each outbox event after the endpoint's creation
// whose type it asked for becomes one delivery row (the dispatcher's fan-out,
// partners/dispatcher.h); a delivery is attempted until the endpoint answers
// 2xx, with exponential backoff and jitter, for at most the retry window
// (24 h), and an endpoint whose delivery exhausts the window is disabled.
// Deliveries of one object ("order:12") to one endpoint go strictly in event
// order: a later one waits while an earlier one is pending.
//
// All state is in SQL and changes only inside writer jobs (no hot state, so
// nothing to journal). Reads take any connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "partners/outbox.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::partners {

inline constexpr size_t kWebhookUrlBytesMax = 2048;
inline constexpr int64_t kWebhooksPerOwnerMax = 20;
inline constexpr size_t kResponseSnippetBytesMax = 512;
inline constexpr size_t kAttemptsShownMax = 20;  // per delivery, newest
inline constexpr int64_t kDeliveryPageMax = 100;

struct Endpoint {
  int64_t id = 0;
  int64_t owner_id = 0;
  bool all_shops = false;  // an operator's: every event
  std::string url;
  std::vector<std::string> events;  // empty: every type
  std::string secret;               // shown once, at creation
  bool enabled = true;
  std::string disabled_reason;
  int64_t created_at_ms = 0;
  int64_t disabled_at_ms = 0;
  int64_t start_after_event_id = 0;  // events up to it predate the endpoint
  bool Wants(std::string_view type) const;
};

struct Attempt {
  int64_t at_ms = 0;
  int64_t status_code = 0;  // 0: no HTTP answer (see error)
  int64_t latency_ms = 0;
  std::string response_snippet;
  std::string error;  // "" | "timeout" | "connect_failed" | "address_refused: ..." ...
};

struct Delivery {
  int64_t id = 0;
  int64_t endpoint_id = 0;
  int64_t event_id = 0;
  std::string event_type;
  std::string object_key;
  std::string status;  // "pending" | "succeeded" | "failed"
  int64_t attempts = 0;
  int64_t next_attempt_at_ms = 0;
  int64_t first_attempt_at_ms = 0;  // 0: never attempted
  int64_t created_at_ms = 0;
  int64_t finished_at_ms = 0;
  std::vector<Attempt> history;  // newest first, at most kAttemptsShownMax
};

// When a failed delivery is tried again, and when it is given up.
struct RetryPolicy {
  int64_t backoff_base_ms = 10'000;
  int64_t backoff_max_ms = 3'600'000;
  int64_t retry_window_ms = 24 * 3'600'000;
};

// The delay after the `attempts`-th failure: base * 2^(attempts-1), capped,
// then a uniform jitter in [delay/2, delay] from `random` (0..2^64-1), so
// many endpoints failing together do not retry in lock step.
int64_t BackoffMs(const RetryPolicy& policy, int64_t attempts, uint64_t random);

std::vector<store::Migration> WebhookMigrations();

// ---- endpoints (writer thread for writes) ----

// Errors: too_many_webhooks (kConflict).
[[nodiscard]] Result<Endpoint> CreateEndpoint(store::Connection& connection, Endpoint endpoint,
                                              int64_t now_ms);
[[nodiscard]] Result<std::optional<Endpoint>> FindEndpoint(store::Connection& connection,
                                                           int64_t endpoint_id);
// owner_id 0: every endpoint (operators). Newest first.
[[nodiscard]] Result<std::vector<Endpoint>> ListEndpoints(store::Connection& connection,
                                                          int64_t owner_id);
// Enabling clears the reason; pending deliveries resume.
[[nodiscard]] Status SetEndpointEnabled(store::Connection& connection, int64_t endpoint_id,
                                        bool enabled, const std::string& reason, int64_t now_ms);
// Removes the endpoint and its pending deliveries (history stays readable to
// nobody; rows are kept for the audit).
[[nodiscard]] Status DeleteEndpoint(store::Connection& connection, int64_t endpoint_id);

// ---- deliveries ----

// Newest first, ids below before_id (0: from the newest).
[[nodiscard]] Result<std::vector<Delivery>> ListDeliveries(store::Connection& connection,
                                                           int64_t endpoint_id, int64_t before_id,
                                                           int64_t limit);
[[nodiscard]] Result<std::optional<Delivery>> FindDelivery(store::Connection& connection,
                                                           int64_t endpoint_id,
                                                           int64_t delivery_id);
// Queues the delivery again, due now, with a fresh retry window.
// Errors: delivery_not_found, endpoint_disabled, delivery_pending (kConflict).
[[nodiscard]] Result<Delivery> RetryDelivery(store::Connection& connection, int64_t endpoint_id,
                                             int64_t delivery_id, int64_t now_ms);

// ---- the dispatcher ----

// The last event id fanned out.
[[nodiscard]] Result<int64_t> FanOutCursor(store::Connection& connection);
// The newest event id the fan-out is done with: fanned out, or older than
// every endpoint (each starts after the newest event at its creation, so
// none will ever want it). INT64_MAX when there is no endpoint.
[[nodiscard]] Result<int64_t> FanOutDoneUpTo(store::Connection& connection);
struct NewDelivery {
  int64_t endpoint_id = 0;
  int64_t event_id = 0;
  std::string object_key;
};
// Inserts the deliveries (once per endpoint and event) and moves the cursor.
[[nodiscard]] Status FanOut(store::Connection& connection, const std::vector<NewDelivery>& fresh,
                            int64_t cursor, int64_t now_ms);

// A delivery ready to send, with what the request needs.
struct DueDelivery {
  int64_t delivery_id = 0;
  int64_t endpoint_id = 0;
  std::string url;
  std::string secret;
  Event event;
};
// The first pending delivery of each (endpoint, object) among the oldest
// `scan_max` pending ones of enabled endpoints, when it is due, skipping the
// ids in `busy` (in flight). Oldest first, at most `limit`.
[[nodiscard]] Result<std::vector<DueDelivery>> DueDeliveries(store::Connection& connection,
                                                             int64_t now_ms,
                                                             const std::vector<int64_t>& busy,
                                                             size_t limit, size_t scan_max);

struct AttemptOutcome {
  int64_t delivery_id = 0;
  Attempt attempt;
  bool succeeded = false;
  uint64_t jitter = 0;  // random bits for the backoff
};
// Records attempts: success finishes the delivery; a failure schedules the
// next try, or, past the retry window, fails the delivery and disables its
// endpoint. Returns how many endpoints it disabled.
[[nodiscard]] Result<int64_t> RecordAttempts(store::Connection& connection,
                                             const std::vector<AttemptOutcome>& outcomes,
                                             const RetryPolicy& policy);

}  // namespace shrimp::partners
