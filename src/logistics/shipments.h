// Shipments: a carrier's parcel for one order, with its planned route on the
// network, the promise made when it shipped, and the tracking events the
// carrier posts.
//
//   ship      the merchant ships a paid order with a network carrier and a
//             service: the online search (Router) plans the route from the
//             shop's city to the buyer's; no route, no shipment (no_route).
//   events    the carrier holding the shipment posts picked_up,
//             arrived_hub, departed_hub, customs_cleared, out_for_delivery,
//             delivered and exception (reason failed_attempt, damaged,
//             address_problem, lost...). Each is applied once by its event
//             id; late arrivals are fine as long as their times agree with
//             the stages already recorded (a pick-up after out-for-delivery
//             does not: event_out_of_order). Each event recomputes the ETA
//             from where the parcel is.
//   delivered moves the order to delivered (OrderService::CarrierDelivered)
//             and starts its auto-complete clock: the carrier, not the
//             merchant, says a parcel arrived.
//   lost      (exception, reason "lost") refunds the buyer in full through
//             the ledger (OrderService::CarrierLost).
// delivered and lost close the shipment: later events get shipment_closed.
//
// State: rows only (shipments, shipment_events), read and written inside
// the writer job that changes them, so there is no hot state to journal;
// the orders, ledger and stock a delivery or a loss moves journal their own.
//
// Threading: Ship and PostEvent on the writer thread inside a job; Load* on
// any connection.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "logistics/promise.h"
#include "orders/order_service.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::logistics {

// Event types a carrier may post, in stage order.
inline constexpr std::string_view kTrackingEventTypes[] = {"picked_up",        "arrived_hub",
                                                           "departed_hub",     "customs_cleared",
                                                           "out_for_delivery", "delivered",
                                                           "exception"};
inline constexpr size_t kEventIdLengthMax = 64;
inline constexpr size_t kEventReasonLengthMax = 64;
// Events per shipment: a parcel crosses a handful of hubs; a bound on what
// a misbehaving feed can store.
inline constexpr int64_t kEventsPerShipmentMax = 200;
// How far ahead of the server's clock an event may be stamped (clock skew).
inline constexpr int64_t kEventFutureSlackMinutes = 15;

struct TrackingEvent {
  std::string event_id;    // the carrier's, unique per shipment
  std::string type;        // kTrackingEventTypes
  std::string hub;         // a hub id, or empty
  std::string reason;      // for exception: lost, failed_attempt, ...
  int64_t at_minutes = 0;  // UTC minutes, when it happened
  int64_t recorded_at_ms = 0;
};

struct Shipment {
  int64_t id = 0;
  int64_t order_id = 0;
  int64_t shop_id = 0;
  int64_t buyer_id = 0;
  std::string carrier_id;
  std::string service;  // express | standard
  std::string tracking_number;
  std::string from_city;  // city ids
  std::string to_city;
  // label_created, picked_up, in_transit, out_for_delivery, exception,
  // delivered, lost
  std::string status;
  int64_t created_at_ms = 0;
  int64_t promised_minutes = 0;       // the promise when it shipped (UTC minutes)
  int64_t eta_minutes = 0;            // recomputed by each event
  std::string legs_json;              // the planned route: a JSON array
  std::vector<TrackingEvent> events;  // by time, then arrival
  bool closed() const { return status == "delivered" || status == "lost"; }
};

struct EventPost {
  std::string event_id;
  std::string type;
  std::string hub;
  std::string reason;
  int64_t at_minutes = 0;
};

struct EventResult {
  Shipment shipment;
  bool replayed = false;               // the event id was applied before: nothing changed
  std::optional<orders::Order> order;  // when the event moved the order
};

std::vector<store::Migration> ShipmentMigrations();

// Called inside the writer job of each shipment change ("shipment.created",
// "shipment.event"), like OrderEventSink; its error fails the job.
using ShipmentEventSink =
    std::function<Status(store::Connection&, std::string_view type, const Shipment& shipment)>;

class ShipmentService {
 public:
  ShipmentService(const Clock& clock, const PromiseService& promises, orders::OrderService& orders)
      : clock_(clock), promises_(promises), orders_(orders) {}
  // REQUIRES: before the writer starts.
  void SetEventSink(ShipmentEventSink sink) { event_sink_ = std::move(sink); }

  // Writer job. Ships the order (OrderService::Ship: merchant only, paid
  // orders only) with a shipment of `carrier_id`'s `service`. Errors:
  // unknown_carrier, invalid_service, unknown_city (the shop's or the
  // buyer's city is not on the network), no_route, and Ship's.
  [[nodiscard]] Result<orders::Order> Ship(store::Connection& connection,
                                           const orders::Actor& actor, int64_t order_id,
                                           int carrier, Service service);

  // Writer job. Applies the carrier's event. Errors: shipment_not_found
  // (unknown, or another carrier's), invalid_event_type, unknown_hub,
  // missing_field (hub for hub events, reason for exception),
  // event_in_future, event_before_shipment, event_id_reused (same id,
  // different event), shipment_closed, event_out_of_order, too_many_events.
  [[nodiscard]] Result<EventResult> PostEvent(store::Connection& connection,
                                              std::string_view carrier_id, int64_t shipment_id,
                                              const EventPost& post);

  // Reads. nullopt when none.
  [[nodiscard]] static Result<std::optional<Shipment>> LoadShipment(store::Connection& connection,
                                                                    int64_t shipment_id);
  [[nodiscard]] static Result<std::optional<Shipment>> LoadForOrder(store::Connection& connection,
                                                                    int64_t order_id);

 private:
  Status Publish(store::Connection& connection, std::string_view type, const Shipment& shipment);

  const Clock& clock_;
  const PromiseService& promises_;
  orders::OrderService& orders_;
  ShipmentEventSink event_sink_;
};

// Whether `type` is one of kTrackingEventTypes.
bool IsTrackingEventType(std::string_view type);

}  // namespace shrimp::logistics
