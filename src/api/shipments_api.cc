// /api/v1/shipments/{id}/events (carriers, with their API key),
// /api/v1/shipments/{id} (the carrier's view) and /api/v1/orders/{id}/tracking
// (buyer, merchant, operator): shipments and their tracking
// (logistics/shipments.h). Writes are writer jobs (api/write_path.h).
#include "api/app.h"
#include "api/auth.h"
#include "api/events.h"
#include "api/order_json.h"
#include "api/respond.h"
#include "api/write_path.h"
#include "logistics/shipments.h"

namespace shrimp::api {

namespace {

using logistics::Shipment;

constexpr std::string_view kShipmentsScope = "shipments:write";

std::string IsoMinutes(int64_t minutes) { return logistics::FormatIsoMinutes(minutes); }

void WriteLocal(http::JsonWriter& json, std::string_view key, const logistics::Network& network,
                const std::string& city_id, int64_t minutes) {
  json.Key(key);
  auto city = network.FindCity(city_id);
  if (!city) return json.Null();
  const logistics::TimeZone& zone = network.cities[*city].time_zone;
  json.String(logistics::FormatIsoMinutes(minutes, zone.OffsetAt(minutes), false));
}

// The carrier's accepted key: a carrier's, with the scope.
Result<std::string> RequireCarrier(App& app, const http::Request& request) {
  SHRIMP_ASSIGN_OR_RETURN(auto principal, RequireScope(app, request, kShipmentsScope));
  if (principal.owner.kind != accounts::KeyOwnerKind::kCarrier) {
    return Forbidden("not_a_carrier", "only a carrier's key posts tracking events");
  }
  return principal.owner.id;
}

http::Response ShipmentReply(App& app, int status, const Shipment& shipment) {
  http::JsonWriter json;
  WriteShipment(json, app.network(), shipment);
  return JsonReply(status, json.Take());
}

Result<logistics::EventPost> ParseEvent(http::JsonObject& body) {
  logistics::EventPost post;
  SHRIMP_ASSIGN_OR_RETURN(post.event_id, body.String("event_id", 1, logistics::kEventIdLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(post.type, body.String("type", 1, 32));
  SHRIMP_ASSIGN_OR_RETURN(std::string at, body.String("at", 1, 40));
  auto minutes = logistics::ParseIsoMinutes(at);
  if (!minutes.ok()) return Error(minutes.error()).With("field", "at");
  post.at_minutes = *minutes;
  SHRIMP_ASSIGN_OR_RETURN(auto hub, body.OptionalString("hub", 1, 16));
  SHRIMP_ASSIGN_OR_RETURN(auto reason,
                          body.OptionalString("reason", 1, logistics::kEventReasonLengthMax));
  SHRIMP_RETURN_IF_ERROR(body.Finish());
  post.hub = hub.value_or("");
  post.reason = reason.value_or("");
  return post;
}

void PostEvent(App& app, http::RequestPtr request, http::Reply reply) {
  auto carrier = RequireCarrier(app, *request);
  if (!carrier.ok()) return reply(ErrorReply(carrier.error()));
  auto shipment_id = PathId(*request, "id");
  if (!shipment_id.ok()) return reply(ErrorReply(shipment_id.error()));
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto post = ParseEvent(*body);
  if (!post.ok()) return reply(ErrorReply(post.error()));
  int64_t id = *shipment_id;
  SubmitWrite<logistics::EventResult>(
      app, request, std::move(reply), "carrier:" + *carrier,
      [&app, carrier = *carrier, id, post = std::move(*post)](store::Connection& connection) {
        return app.shipments().PostEvent(connection, carrier, id, post);
      },
      [&app](const logistics::EventResult& result) {
        http::JsonWriter json;
        json.StartObject();
        json.Field("replayed", result.replayed);
        json.Key("shipment");
        WriteShipment(json, app.network(), result.shipment);
        json.Key("order_status");
        if (result.order)
          json.String(orders::StatusName(result.order->status));
        else
          json.Null();
        json.EndObject();
        return JsonReply(result.replayed ? 200 : 201, json.Take());
      });
}

void GetShipment(App& app, http::RequestPtr request, http::Reply reply) {
  auto carrier = RequireCarrier(app, *request);
  if (!carrier.ok()) return reply(ErrorReply(carrier.error()));
  auto shipment_id = PathId(*request, "id");
  if (!shipment_id.ok()) return reply(ErrorReply(shipment_id.error()));
  auto shipment = app.db().Read([&](store::Connection& connection) {
    return logistics::ShipmentService::LoadShipment(connection, *shipment_id);
  });
  if (!shipment.ok()) return reply(ErrorReply(shipment.error()));
  if (!*shipment || (*shipment)->carrier_id != *carrier) {
    return reply(ErrorReply(NotFound("shipment_not_found", "no such shipment")));
  }
  reply(ShipmentReply(app, 200, **shipment));
}

void GetTracking(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto order_id = PathId(*request, "id");
    if (!order_id.ok()) return reply(ErrorReply(order_id.error()));
    struct Tracking {
      orders::Order order;
      std::optional<Shipment> shipment;
    };
    auto tracking = app.db().Read([&](store::Connection& connection) -> Result<Tracking> {
      SHRIMP_ASSIGN_OR_RETURN(orders::Order order,
                              app.orders().GetOrder(connection,
                                                    {principal.user_id, principal.is_operator()},
                                                    *order_id));
      SHRIMP_ASSIGN_OR_RETURN(auto shipment,
                              logistics::ShipmentService::LoadForOrder(connection, *order_id));
      return Tracking{std::move(order), std::move(shipment)};
    });
    if (!tracking.ok()) return reply(ErrorReply(tracking.error()));
    http::JsonWriter json;
    json.StartObject();
    json.Field("order_id", tracking->order.id);
    json.Field("order_status", orders::StatusName(tracking->order.status));
    json.Key("shipment");
    if (tracking->shipment) {
      WriteShipment(json, app.network(), *tracking->shipment);
    } else {
      json.Null();
    }
    // Self-delivery: the merchant's own carrier and number, no route.
    json.Key("self_delivery");
    const orders::OrderEventRecord* shipped = nullptr;
    for (const auto& event : tracking->order.events) {
      if (event.event == orders::OrderEvent::kShip) shipped = &event;
    }
    WriteShipped(json, tracking->shipment ? nullptr : shipped);
    json.EndObject();
    reply(JsonReply(200, json.Take()));
  });
}

}  // namespace

void WriteShipment(http::JsonWriter& json, const logistics::Network& network,
                   const Shipment& shipment) {
  json.StartObject();
  json.Field("id", shipment.id);
  json.Field("order_id", shipment.order_id);
  json.Field("carrier_id", shipment.carrier_id);
  if (auto carrier = network.FindCarrier(shipment.carrier_id)) {
    json.Field("carrier_name", network.carriers[*carrier].name);
  }
  json.Field("service", shipment.service);
  json.Field("tracking_number", shipment.tracking_number);
  json.Field("status", shipment.status);
  json.Field("from_city", shipment.from_city);
  json.Field("to_city", shipment.to_city);
  json.TimeField("created_at", shipment.created_at_ms);
  json.Field("promised_by", IsoMinutes(shipment.promised_minutes));
  WriteLocal(json, "promised_by_local", network, shipment.to_city, shipment.promised_minutes);
  json.Field("eta", IsoMinutes(shipment.eta_minutes));
  WriteLocal(json, "eta_local", network, shipment.to_city, shipment.eta_minutes);
  json.Key("legs");
  json.Raw(shipment.legs_json);
  json.Key("events");
  json.StartArray();
  for (const logistics::TrackingEvent& event : shipment.events) {
    json.StartObject();
    json.Field("event_id", event.event_id);
    json.Field("type", event.type);
    json.Field("at", IsoMinutes(event.at_minutes));
    json.Key("hub");
    if (event.hub.empty())
      json.Null();
    else
      json.String(event.hub);
    json.Key("reason");
    if (event.reason.empty())
      json.Null();
    else
      json.String(event.reason);
    json.TimeField("recorded_at", event.recorded_at_ms);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

void RegisterShipmentRoutes(App& app) {
  http::Router& router = app.router();
  router.Add(
      "POST", "/api/v1/shipments/{id}/events",
      [&app](http::RequestPtr r, http::Reply reply) { PostEvent(app, r, std::move(reply)); },
      {.summary = "Carrier: post a tracking event {event_id, type, at, hub, reason} on one of its "
                  "shipments (types picked_up, arrived_hub, departed_hub, customs_cleared, "
                  "out_for_delivery, delivered, exception; reason lost refunds the buyer). "
                  "Applied once per event_id (a replay answers 200, replayed true); delivered "
                  "moves the order to delivered. Errors shipment_not_found, event_out_of_order, "
                  "shipment_closed, event_id_reused, unknown_hub, event_in_future",
       .tag = "logistics",
       .auth = true,
       .scope = std::string(kShipmentsScope),
       .request_example =
           R"({"event_id":"ev-1","type":"arrived_hub","at":"2026-11-14T09:30:00Z","hub":"HGH"})"});
  router.Add("GET", "/api/v1/shipments/{id}",
             [&app](http::RequestPtr r, http::Reply reply) {
               GetShipment(app, r, std::move(reply));
             },
             {.summary = "Carrier: one of its shipments with route, promise, ETA and events",
              .tag = "logistics",
              .auth = true,
              .scope = std::string(kShipmentsScope)});
  router.Add("GET", "/api/v1/orders/{id}/tracking",
             [&app](http::RequestPtr r, http::Reply reply) {
               GetTracking(app, r, std::move(reply));
             },
             {.summary =
                  "Buyer, merchant or operator: the order's shipment (promise, planned legs, "
                  "ETA, events) or its self-delivery details",
              .tag = "orders",
              .auth = true});
}

}  // namespace shrimp::api
