// Outbox: the transactional outbox of events partners may care about.
//
// Every state change a partner, the analytics or the search index may follow
// (an order created, paid, shipped...; a refund or dispute opened or resolved;
// a payout requested, paid or failed) appends one row here in the same writer
// job as the change itself. The writer runs each job in one SAVEPOINT, so an
// event exists exactly when its change does: a job that fails rolls both back.
// Consumers (GET /api/v1/events, the webhook dispatcher) follow the outbox by
// id; ids grow with commit order, because one writer thread assigns them and
// commits batches in order, so a reader that has seen id N has seen every
// committed event before it.
//
// The tiny API other domains call is Append; they pass the object's state as
// already-serialised JSON (the same shape the API answers with), so the outbox
// knows nothing of orders or payouts.
//
// Threading: Append runs on the writer thread inside a job; List and Latest on
// any connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::partners {

// Every event type, in the order the documentation lists them.
inline constexpr std::string_view kEventTypes[] = {
    "order.created",    "order.paid",       "order.shipped", "order.delivered", "order.completed",
    "order.cancelled",  "order.refunded",   "refund.opened", "refund.resolved", "dispute.opened",
    "dispute.resolved", "payout.requested", "payout.paid",   "payout.failed",   "shipment.created",
    "shipment.event",   "loan.disbursed",   "loan.repaid",   "loan.overdue",    "loan.written_off",
    "review.created",   "review.replied",   "review.hidden",
};
bool IsEventType(std::string_view type);

inline constexpr size_t kEventDataBytesMax = 256 * 1024;  // one object's state
inline constexpr int64_t kEventPageMax = 500;

struct Event {
  int64_t id = 0;
  std::string type;         // one of kEventTypes
  std::string object_type;  // "order", "shipment", "payout", "loan", "review"
  int64_t object_id = 0;
  int64_t shop_id = 0;   // every event belongs to one shop (what merchants see)
  int64_t buyer_id = 0;  // 0: no buyer may see it
  int64_t created_at_ms = 0;
  std::string data_json;  // the object's state after the change
  // "order:12": events of one object are delivered in id order.
  std::string ObjectKey() const { return object_type + ":" + std::to_string(object_id); }
};

// Who reads: an operator sees every event; otherwise the events of the shops
// `user_id` owns and, for a buyer, those of their own orders.
struct EventFilter {
  int64_t after_id = 0;
  std::optional<std::string> type;
  int64_t limit = 100;  // 1..kEventPageMax
  bool all = false;     // an operator
  int64_t user_id = 0;  // else: owner of the shops, or the buyer
};

std::vector<store::Migration> OutboxMigrations();

// Writer thread, inside the job that makes the change. Returns the event id.
// REQUIRES: IsEventType(event.type), event.data_json is valid JSON.
[[nodiscard]] Result<int64_t> AppendEvent(store::Connection& connection, const Event& event,
                                          int64_t now_ms);

// Events after filter.after_id, oldest first.
[[nodiscard]] Result<std::vector<Event>> ListEvents(store::Connection& connection,
                                                    const EventFilter& filter);

// Whether partners were told of the object (MarkAnnounced), however long
// ago: the review sink's rule, a review that was never public never gets an
// event. Kept in announced_objects, which outbox retention never prunes.
[[nodiscard]] Result<bool> WasAnnounced(store::Connection& connection, std::string_view object_type,
                                        int64_t object_id);
// Writer thread, in the job that appends the object's first event.
[[nodiscard]] Status MarkAnnounced(store::Connection& connection, std::string_view object_type,
                                   int64_t object_id);

// The newest event id (0 when none).
[[nodiscard]] Result<int64_t> LatestEventId(store::Connection& connection);

}  // namespace shrimp::partners
