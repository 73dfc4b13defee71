// Outbox retention: events, webhook deliveries and their attempts older than
// the retention are deleted, a bounded batch per writer job (a Ticker in the
// app, every RetentionOptions::interval_ms).
//
// What is never deleted, whatever its age:
//   - a delivery still pending (a live endpoint has neither delivered it nor
//     given up on it; a disabled endpoint's pending deliveries wait for it to
//     be enabled again), nor its attempts;
//   - an event any delivery row still names (so a delivery's history always
//     shows its event), which covers every event an endpoint has pending;
//   - an event after a consumer's cursor (the webhook fan-out, the analytics
//     aggregates): the caller passes the smallest cursor as `consumed_up_to`.
// A finished delivery (succeeded, or failed: given up or its endpoint
// deleted) goes once it finished more than the retention ago; its event goes
// in a later pass, once no delivery names it. Pollers of GET /api/v1/events
// must come back within the retention to see every event.
//
// Events are found by id from the oldest, never by a scan of the table: each
// pass looks at most scan_max rows starting at `scan_from` (an in-memory hint
// the caller keeps between passes; 0 starts at the oldest). Rows it looked at
// but had to keep (named by a pending delivery) are skipped by the next pass,
// which starts after them, until the window reaches events younger than the
// retention and wraps to 0. Any hint is safe: it only chooses which rows are
// looked at, never which may go.
#pragma once

#include <cstdint>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::partners {

struct RetentionOptions {
  // How long events and finished deliveries are kept; 0 keeps them forever.
  int64_t retention_ms = 30 * kMsPerDay;
  // How often the prune job runs (real time); 0: never (tests call it).
  int64_t interval_ms = 60'000;
  int64_t batch_max = 1'000;  // rows deleted per job, of each kind
  int64_t scan_max = 5'000;   // events looked at per job
};

// An index for each question the prune asks.
std::vector<store::Migration> RetentionMigrations();

struct PruneResult {
  int64_t events = 0;      // deleted
  int64_t deliveries = 0;  // deleted, with their attempts
  int64_t attempts = 0;
  int64_t next_scan_from = 0;  // the hint for the next pass
};

// Writer thread, in a job of its own. REQUIRES: options.retention_ms > 0.
[[nodiscard]] Result<PruneResult> PruneOutbox(store::Connection& connection,
                                              const RetentionOptions& options, int64_t now_ms,
                                              int64_t consumed_up_to, int64_t scan_from);

}  // namespace shrimp::partners
