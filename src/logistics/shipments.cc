#include "logistics/shipments.h"

#include <algorithm>
#include <cctype>

#include "catalog/catalog_lookup.h"
#include "http/json.h"

namespace shrimp::logistics {
namespace {

Error ShipmentNotFound() { return NotFound("shipment_not_found", "no such shipment"); }

// Stage of an event, for the order check: 0 = any time (a non-final exception).
int Rank(const std::string& type, const std::string& reason) {
  if (type == "picked_up") return 1;
  if (type == "arrived_hub" || type == "departed_hub" || type == "customs_cleared") return 2;
  if (type == "out_for_delivery") return 3;
  if (type == "delivered") return 4;
  if (type == "exception" && reason == "lost") return 4;
  return 0;
}

std::string StatusAfter(const TrackingEvent& event) {
  if (event.type == "picked_up") return "picked_up";
  if (event.type == "out_for_delivery") return "out_for_delivery";
  if (event.type == "delivered") return "delivered";
  if (event.type == "exception") return event.reason == "lost" ? "lost" : "exception";
  return "in_transit";
}

std::string TrackingNumber(std::string_view carrier_id, int64_t shipment_id) {
  std::string prefix;
  for (char c : carrier_id) {
    if (std::isalpha(static_cast<unsigned char>(c)) && prefix.size() < 3) {
      prefix.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  std::string digits = std::to_string(shipment_id);
  if (digits.size() < 10) digits.insert(0, 10 - digits.size(), '0');
  return prefix + digits;
}

std::string LegsJson(const Network& network, const Route& route) {
  http::JsonWriter json;
  json.StartArray();
  for (const RouteStep& step : route.steps) {
    json.StartObject();
    using Kind = RouteStep::Kind;
    json.Field("kind", step.kind == Kind::kFirstMile  ? "first_mile"
                       : step.kind == Kind::kLastMile ? "last_mile"
                                                      : "linehaul");
    json.Field("from", step.from_hub >= 0     ? network.hubs[step.from_hub].id
                       : route.from_city >= 0 ? network.cities[route.from_city].id
                                              : std::string());
    json.Field("to",
               step.to_hub >= 0 ? network.hubs[step.to_hub].id : network.cities[route.to_city].id);
    json.Field("departs_at", FormatIsoMinutes(step.departs));
    json.Field("arrives_at", FormatIsoMinutes(step.arrives));
    json.EndObject();
  }
  json.EndArray();
  return json.Take();
}

constexpr const char* kShipmentColumns =
    "id, order_id, shop_id, buyer_id, carrier_id, service, tracking_number, from_city, to_city,"
    " status, created_at, promised_at, eta_at, legs";

Result<std::optional<Shipment>> LoadWhere(store::Connection& connection, const char* where,
                                          int64_t value) {
  std::optional<Shipment> found;
  {
    store::Query query(connection, std::string("SELECT ") + kShipmentColumns +
                                       " FROM shipments WHERE " + where);
    query.Bind(value);
    if (!query.Next()) {
      if (!query.ok()) return query.error();
      return found;
    }
    Shipment shipment;
    shipment.id = query.Int(0);
    shipment.order_id = query.Int(1);
    shipment.shop_id = query.Int(2);
    shipment.buyer_id = query.Int(3);
    shipment.carrier_id = query.Text(4);
    shipment.service = query.Text(5);
    shipment.tracking_number = query.Text(6);
    shipment.from_city = query.Text(7);
    shipment.to_city = query.Text(8);
    shipment.status = query.Text(9);
    shipment.created_at_ms = query.Int(10);
    shipment.promised_minutes = query.Int(11);
    shipment.eta_minutes = query.Int(12);
    shipment.legs_json = query.Text(13);
    found = std::move(shipment);
  }
  store::Query events(connection,
                      "SELECT event_id, type, hub, reason, at, recorded_at FROM shipment_events"
                      " WHERE shipment_id = ? ORDER BY at, id");
  events.Bind(found->id);
  while (events.Next()) {
    found->events.push_back({events.Text(0), events.Text(1), events.Text(2), events.Text(3),
                             events.Int(4), events.Int(5)});
  }
  SHRIMP_RETURN_IF_ERROR(events.status());
  return found;
}

}  // namespace

bool IsTrackingEventType(std::string_view type) {
  return std::find(std::begin(kTrackingEventTypes), std::end(kTrackingEventTypes), type) !=
         std::end(kTrackingEventTypes);
}

std::vector<store::Migration> ShipmentMigrations() {
  return {{"shipments", 1, "shipments and their tracking events",
           R"sql(
CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL UNIQUE,
  shop_id INTEGER NOT NULL,
  buyer_id INTEGER NOT NULL,
  carrier_id TEXT NOT NULL,
  service TEXT NOT NULL,
  tracking_number TEXT NOT NULL UNIQUE,
  from_city TEXT NOT NULL,
  to_city TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  promised_at INTEGER NOT NULL,
  eta_at INTEGER NOT NULL,
  legs TEXT NOT NULL
);
CREATE TABLE shipment_events (
  id INTEGER PRIMARY KEY,
  shipment_id INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  hub TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (shipment_id, event_id)
);
)sql"}};
}

Result<std::optional<Shipment>> ShipmentService::LoadShipment(store::Connection& connection,
                                                              int64_t shipment_id) {
  return LoadWhere(connection, "id = ?", shipment_id);
}

Result<std::optional<Shipment>> ShipmentService::LoadForOrder(store::Connection& connection,
                                                              int64_t order_id) {
  return LoadWhere(connection, "order_id = ?", order_id);
}

Status ShipmentService::Publish(store::Connection& connection, std::string_view type,
                                const Shipment& shipment) {
  if (!event_sink_) return OkStatus();
  return event_sink_(connection, type, shipment);
}

Result<orders::Order> ShipmentService::Ship(store::Connection& connection,
                                            const orders::Actor& actor, int64_t order_id,
                                            int carrier, Service service) {
  const Network& network = promises_.network();
  // Prepare: who may see the order, where it goes, and the route.
  SHRIMP_ASSIGN_OR_RETURN(orders::Order order, orders_.GetOrder(connection, actor, order_id));
  if (carrier < 0 || carrier >= static_cast<int>(network.carriers.size())) {
    return NotFound("unknown_carrier", "the network has no such carrier").With("field", "carrier");
  }
  if (!network.Offers(carrier, service)) {
    return InvalidArgument("invalid_service", "this carrier does not offer this service")
        .With("field", "service");
  }
  SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, order.shop_id));
  std::optional<int> from = shop ? network.FindCity(shop->city) : std::nullopt;
  if (!from) {
    return Conflict("unknown_city", "the shop's city is not on the delivery network")
        .With("field", "shop.city");
  }
  std::optional<int> to = network.FindCity(order.shipping_address.city);
  if (!to) {
    return Conflict("unknown_city", "the buyer's city is not on the delivery network")
        .With("field", "shipping_address.city");
  }
  int64_t now_ms = clock_.NowMs();
  int64_t now_minutes = now_ms / 60'000;
  auto route = promises_.BestRoute(*from, *to, now_minutes, service, carrier);
  auto promise = promises_.Best(*from, *to, now_minutes, service, carrier);
  if (!route || !promise) {
    return Conflict("no_route", "the carrier cannot deliver between these cities with this service")
        .With("from_city", network.cities[*from].id)
        .With("to_city", network.cities[*to].id)
        .With("service", std::string(ServiceName(service)));
  }
  int64_t shipment_id = 0;
  {
    store::Query next(connection, "SELECT COALESCE(MAX(id), 0) + 1 FROM shipments");
    if (!next.Next()) return next.ok() ? Internal("no next shipment id") : next.error();
    shipment_id = next.Int(0);
  }
  Shipment shipment;
  shipment.id = shipment_id;
  shipment.order_id = order_id;
  shipment.shop_id = order.shop_id;
  shipment.buyer_id = order.buyer_id;
  shipment.carrier_id = network.carriers[carrier].id;
  shipment.service = std::string(ServiceName(service));
  shipment.tracking_number = TrackingNumber(shipment.carrier_id, shipment_id);
  shipment.from_city = network.cities[*from].id;
  shipment.to_city = network.cities[*to].id;
  shipment.status = "label_created";
  shipment.created_at_ms = now_ms;
  shipment.promised_minutes = std::max(promise->delivered_at, route->delivered_at);
  shipment.eta_minutes = route->delivered_at;
  shipment.legs_json = LegsJson(network, *route);

  // Commit: the order ships (stock sold, its journal), then the rows.
  SHRIMP_ASSIGN_OR_RETURN(orders::Order shipped,
                          orders_.Ship(connection, actor, order_id, shipment.carrier_id,
                                       shipment.tracking_number));
  store::Query insert(connection,
                      "INSERT INTO shipments (id, order_id, shop_id, buyer_id, carrier_id, service,"
                      " tracking_number, from_city, to_city, status, created_at, promised_at,"
                      " eta_at, legs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(shipment.id, shipment.order_id, shipment.shop_id, shipment.buyer_id,
              shipment.carrier_id, shipment.service, shipment.tracking_number, shipment.from_city,
              shipment.to_city, shipment.status, shipment.created_at_ms, shipment.promised_minutes,
              shipment.eta_minutes, shipment.legs_json);
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  SHRIMP_RETURN_IF_ERROR(Publish(connection, "shipment.created", shipment));
  return shipped;
}

Result<EventResult> ShipmentService::PostEvent(store::Connection& connection,
                                               std::string_view carrier_id, int64_t shipment_id,
                                               const EventPost& post) {
  const Network& network = promises_.network();
  SHRIMP_ASSIGN_OR_RETURN(auto loaded, LoadShipment(connection, shipment_id));
  // Another carrier's shipment is none of its business: the same answer as none.
  if (!loaded || loaded->carrier_id != carrier_id) return ShipmentNotFound();
  Shipment& shipment = *loaded;

  // Validate the event itself.
  if (!IsTrackingEventType(post.type)) {
    return InvalidArgument("invalid_event_type",
                           "type is one of picked_up, arrived_hub, departed_hub, customs_cleared, "
                           "out_for_delivery, delivered, exception")
        .With("field", "type");
  }
  std::optional<int> hub;
  if (!post.hub.empty()) {
    hub = network.FindHub(post.hub);
    if (!hub) return NotFound("unknown_hub", "the network has no such hub").With("field", "hub");
  } else if (post.type == "arrived_hub" || post.type == "departed_hub") {
    return InvalidArgument("missing_field", "hub is required for " + post.type)
        .With("field", "hub");
  }
  if (post.type == "exception" && post.reason.empty()) {
    return InvalidArgument("missing_field", "reason is required for an exception")
        .With("field", "reason");
  }
  int64_t now_ms = clock_.NowMs();
  int64_t now_minutes = now_ms / 60'000;
  if (post.at_minutes > now_minutes + kEventFutureSlackMinutes) {
    return InvalidArgument("event_in_future", "at is later than now").With("field", "at");
  }
  if (post.at_minutes < shipment.created_at_ms / 60'000) {
    return InvalidArgument("event_before_shipment", "at is before the shipment was created")
        .With("field", "at");
  }
  std::string reason = post.type == "exception" ? post.reason : std::string();

  // Once per event id.
  for (const TrackingEvent& seen : shipment.events) {
    if (seen.event_id != post.event_id) continue;
    if (seen.type == post.type && seen.hub == post.hub && seen.reason == reason &&
        seen.at_minutes == post.at_minutes) {
      return EventResult{std::move(shipment), true, std::nullopt};
    }
    return Conflict("event_id_reused", "this event id was posted before with a different event")
        .With("event_id", post.event_id);
  }
  if (shipment.closed()) {
    return Conflict("shipment_closed", "the shipment is " + shipment.status + ": no more events")
        .With("status", shipment.status);
  }
  if (static_cast<int64_t>(shipment.events.size()) >= kEventsPerShipmentMax) {
    return Conflict("too_many_events", "a shipment holds at most 200 events");
  }
  // Late arrivals are fine; contradictions are not.
  int rank = Rank(post.type, reason);
  if (rank > 0) {
    for (const TrackingEvent& seen : shipment.events) {
      int seen_rank = Rank(seen.type, seen.reason);
      if (seen_rank == 0) continue;
      if ((seen_rank > rank && seen.at_minutes < post.at_minutes) ||
          (seen_rank < rank && seen.at_minutes > post.at_minutes)) {
        return Conflict("event_out_of_order",
                        post.type + " at this time contradicts " + seen.type + " recorded before")
            .With("conflicts_with", seen.event_id);
      }
    }
  }

  TrackingEvent event{post.event_id, post.type, post.hub, reason, post.at_minutes, now_ms};
  // Where the parcel is now decides the ETA.
  int64_t eta = shipment.eta_minutes;
  if (hub && (post.type == "arrived_hub" || post.type == "customs_cleared")) {
    auto carrier = network.FindCarrier(shipment.carrier_id);
    auto service = ParseService(shipment.service);
    auto to = network.FindCity(shipment.to_city);
    if (carrier && service && to) {
      RouteQuery query;
      query.carrier = *carrier;
      query.service = *service;
      query.to_city = *to;
      query.from_hub = *hub;
      query.ready_at = post.at_minutes;
      if (auto route = promises_.router().EarliestArrival(query)) eta = route->delivered_at;
    }
  } else if (post.type == "exception" && reason == "failed_attempt") {
    eta = std::max(eta, post.at_minutes + kMinutesPerDay);
  } else if (post.type == "delivered") {
    eta = post.at_minutes;
  }
  if (post.type != "delivered") eta = std::max(eta, post.at_minutes);

  std::string status = shipment.status;
  if (rank == 4) {
    status = StatusAfter(event);
  } else {
    bool latest =
        std::all_of(shipment.events.begin(), shipment.events.end(),
                    [&](const TrackingEvent& seen) { return seen.at_minutes <= post.at_minutes; });
    if (latest) status = StatusAfter(event);
  }

  store::Query insert(connection,
                      "INSERT INTO shipment_events (shipment_id, event_id, type, hub, reason, at,"
                      " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(shipment.id, event.event_id, event.type, event.hub, event.reason, event.at_minutes,
              event.recorded_at_ms);
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  store::Query update(connection, "UPDATE shipments SET status = ?, eta_at = ? WHERE id = ?");
  update.Bind(status, eta, shipment.id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  shipment.status = status;
  shipment.eta_minutes = eta;
  auto position = std::upper_bound(shipment.events.begin(), shipment.events.end(), event,
                                   [](const TrackingEvent& a, const TrackingEvent& b) {
                                     return a.at_minutes < b.at_minutes;
                                   });
  shipment.events.insert(position, event);
  SHRIMP_RETURN_IF_ERROR(Publish(connection, "shipment.event", shipment));

  EventResult result{std::move(shipment), false, std::nullopt};
  if (post.type == "delivered") {
    SHRIMP_ASSIGN_OR_RETURN(result.order,
                            orders_.CarrierDelivered(connection, result.shipment.order_id));
  } else if (rank == 4) {
    SHRIMP_ASSIGN_OR_RETURN(result.order, orders_.CarrierLost(connection, result.shipment.order_id,
                                                              "lost by the carrier"));
  }
  return result;
}

}  // namespace shrimp::logistics
