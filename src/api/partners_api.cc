// /api/v1/events and /api/v1/webhooks: what partners follow, by polling or by
// signed webhooks (partners/outbox.h, partners/webhooks.h,
// partners/dispatcher.h).
#include <sodium.h>

#include "api/app.h"
#include "api/auth.h"
#include "api/events.h"
#include "api/key_auth.h"
#include "api/order_json.h"
#include "api/reputation_json.h"
#include "api/respond.h"
#include "api/write_path.h"
#include "catalog/shops.h"
#include "partners/outbox.h"
#include "partners/url_guard.h"
#include "partners/webhooks.h"

namespace shrimp::api {

void ConnectOutbox(App& app) {
  const Clock& clock = app.clock();
  const orders::OrderTimers& timers = app.orders().timers();
  app.orders().SetEventSink([&clock, &timers](store::Connection& connection, std::string_view type,
                                              const orders::Order& order) -> Status {
    http::JsonWriter json;
    WriteOrder(json, order, timers);
    partners::Event event;
    event.type = std::string(type);
    event.object_type = "order";
    event.object_id = order.id;
    event.shop_id = order.shop_id;
    event.buyer_id = order.buyer_id;
    event.data_json = json.Take();
    return partners::AppendEvent(connection, event, clock.NowMs()).status();
  });
  app.shipments().SetEventSink([&app, &clock](store::Connection& connection, std::string_view type,
                                              const logistics::Shipment& shipment) -> Status {
    http::JsonWriter json;
    WriteShipment(json, app.network(), shipment);
    partners::Event event;
    event.type = std::string(type);
    event.object_type = "shipment";
    event.object_id = shipment.id;
    event.shop_id = shipment.shop_id;
    event.buyer_id = shipment.buyer_id;
    event.data_json = json.Take();
    return partners::AppendEvent(connection, event, clock.NowMs()).status();
  });
  app.payouts().SetEventSink([&clock](store::Connection& connection, std::string_view type,
                                      const payments::Payout& payout) -> Status {
    http::JsonWriter json;
    WritePayout(json, payout);
    partners::Event event;
    event.type = std::string(type);
    event.object_type = "payout";
    event.object_id = payout.id;
    event.shop_id = payout.shop_id;
    event.data_json = json.Take();
    return partners::AppendEvent(connection, event, clock.NowMs()).status();
  });
  app.credit().SetEventSink([&clock](store::Connection& connection, std::string_view type,
                                     const credit::LoanView& loan) -> Status {
    http::JsonWriter json;
    WriteLoan(json, loan, clock.NowMs());
    partners::Event event;
    event.type = std::string(type);
    event.object_type = "loan";
    event.object_id = loan.loan.id;
    event.shop_id = loan.loan.shop_id;
    event.data_json = json.Take();
    return partners::AppendEvent(connection, event, clock.NowMs()).status();
  });
  app.reviews().SetEventSink([&clock](store::Connection& connection, std::string_view type,
                                      const reputation::Review& review) -> Status {
    // Partners see a review once it is public: "review.created" the first
    // time (written visible, or released from held), and replies and hiding
    // only of a review they were told about. A held review that is rejected
    // was never public and leaves no event.
    SHRIMP_ASSIGN_OR_RETURN(bool told, partners::WasAnnounced(connection, "review", review.id));
    if (told == (type == "review.created")) return OkStatus();
    if (!told) SHRIMP_RETURN_IF_ERROR(partners::MarkAnnounced(connection, "review", review.id));
    http::JsonWriter json;
    WriteReview(json, review);
    partners::Event event;
    event.type = std::string(type);
    event.object_type = "review";
    event.object_id = review.id;
    event.shop_id = review.shop_id;
    event.buyer_id = review.buyer_id;  // its author
    event.data_json = json.Take();
    return partners::AppendEvent(connection, event, clock.NowMs()).status();
  });
}

namespace {

using partners::Delivery;
using partners::Endpoint;

inline constexpr size_t kEventsPerEndpointMax = std::size(partners::kEventTypes);

void WriteEvent(http::JsonWriter& json, const partners::Event& event) {
  json.StartObject();
  json.Field("id", event.id);
  json.Field("type", event.type);
  json.TimeField("created_at", event.created_at_ms);
  json.Field("shop_id", event.shop_id);
  json.Field("object", event.object_type);
  json.Field("object_id", event.object_id);
  json.Key("data");
  json.Raw(event.data_json);
  json.EndObject();
}

void WriteEndpoint(http::JsonWriter& json, const Endpoint& endpoint, bool with_secret) {
  json.StartObject();
  json.Field("id", endpoint.id);
  json.Field("url", endpoint.url);
  json.Key("events");
  json.StartArray();
  for (const std::string& type : endpoint.events) json.String(type);
  json.EndArray();
  json.Field("scope", endpoint.all_shops ? "all" : "own_shops");
  json.Field("enabled", endpoint.enabled);
  json.Key("disabled_reason");
  if (endpoint.enabled)
    json.Null();
  else
    json.String(endpoint.disabled_reason);
  json.TimeField("created_at", endpoint.created_at_ms);
  // The secret is shown once, in the answer to its creation.
  if (with_secret) json.Field("secret", endpoint.secret);
  json.EndObject();
}

void WriteDelivery(http::JsonWriter& json, const Delivery& delivery) {
  json.StartObject();
  json.Field("id", delivery.id);
  json.Field("event_id", delivery.event_id);
  json.Field("event_type", delivery.event_type);
  json.Field("object", delivery.object_key);
  json.Field("status", delivery.status);
  json.Field("attempts", delivery.attempts);
  json.Key("next_attempt_at");
  if (delivery.status == "pending")
    json.Time(delivery.next_attempt_at_ms);
  else
    json.Null();
  json.TimeField("created_at", delivery.created_at_ms);
  json.Key("history");
  json.StartArray();
  for (const partners::Attempt& attempt : delivery.history) {
    json.StartObject();
    json.TimeField("at", attempt.at_ms);
    json.Key("status_code");
    if (attempt.status_code > 0)
      json.Int(attempt.status_code);
    else
      json.Null();
    json.Field("latency_ms", attempt.latency_ms);
    json.Field("response_snippet", attempt.response_snippet);
    json.Key("error");
    if (attempt.error.empty())
      json.Null();
    else
      json.String(attempt.error);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

http::Response EndpointReply(int status, const Endpoint& endpoint, bool with_secret) {
  http::JsonWriter json;
  WriteEndpoint(json, endpoint, with_secret);
  return JsonReply(status, json.Take());
}

std::string NewSecret() {
  unsigned char bytes[24];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string("whsec_") + hex;
}

// ------------------------------------------------------------------ events

http::Response ListEventsRoute(App& app, const http::Request& request) {
  auto principal = RequireUserOrScope(app, request, "events:read");
  if (!principal.ok()) return ErrorReply(principal.error());
  auto after = QueryInt(request, "after", 0, INT64_MAX);
  if (!after.ok()) return ErrorReply(after.error());
  auto limit = QueryInt(request, "limit", 1, partners::kEventPageMax);
  if (!limit.ok()) return ErrorReply(limit.error());
  partners::EventFilter filter;
  filter.after_id = after->value_or(0);
  filter.limit = limit->value_or(100);
  filter.all = principal->is_operator();
  filter.user_id = principal->user_id;
  if (auto type = request.Query("type"); type && !type->empty()) {
    if (!partners::IsEventType(*type)) {
      return ErrorReply(InvalidArgument("invalid_query", "type must be a documented event type")
                            .With("field", "type"));
    }
    filter.type = std::string(*type);
  }
  auto events = app.db().Read(
      [&](store::Connection& connection) { return partners::ListEvents(connection, filter); });
  if (!events.ok()) return ErrorReply(events.error());
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const partners::Event& event : *events) WriteEvent(json, event);
  json.EndArray();
  // Pollers keep the last id and ask again with it: never null, so a
  // consumer at the end simply asks again later with the same cursor.
  json.Field("next_after", events->empty() ? filter.after_id : events->back().id);
  json.EndObject();
  return JsonReply(200, json.Take());
}

// ------------------------------------------------------------------ webhooks

// The endpoint if `principal` may manage it (its owner, or an operator).
Result<Endpoint> OwnedEndpoint(store::Connection& connection, int64_t endpoint_id,
                               const accounts::Principal& principal) {
  SHRIMP_ASSIGN_OR_RETURN(auto endpoint, partners::FindEndpoint(connection, endpoint_id));
  if (!endpoint || (endpoint->owner_id != principal.user_id && !principal.is_operator())) {
    return NotFound("webhook_not_found", "no such webhook endpoint");
  }
  return std::move(*endpoint);
}

Result<std::vector<std::string>> ParseEventTypes(http::JsonObject& body) {
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* array,
                          body.Array("events", false, kEventsPerEndpointMax));
  std::vector<std::string> types;
  if (!array) return types;
  for (const auto& value : array->GetArray()) {
    if (!value.IsString()) {
      return InvalidArgument("wrong_type", "events must be an array of strings")
          .With("field", "events");
    }
    std::string type(value.GetString(), value.GetStringLength());
    if (type == "*") return std::vector<std::string>();
    if (!partners::IsEventType(type)) {
      return InvalidArgument("invalid_field", "unknown event type " + type).With("field", "events");
    }
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
  }
  return types;
}

void CreateWebhook(App& app, http::RequestPtr request, http::Reply reply) {
  WithUserOrScope(app, request, reply, "webhooks:write", [&](const accounts::Principal& principal) {
    auto body = http::JsonObject::Parse(request->body);
    if (!body.ok()) return reply(ErrorReply(body.error()));
    auto url = body->String("url", 1, partners::kWebhookUrlBytesMax);
    if (!url.ok()) return reply(ErrorReply(url.error()));
    auto types = ParseEventTypes(*body);
    if (!types.ok()) return reply(ErrorReply(types.error()));
    if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
    auto parsed = partners::ParseWebhookUrl(*url);
    if (!parsed.ok()) return reply(ErrorReply(parsed.error()));
    const auto& allowed = app.webhooks().options().allowed_hosts;
    if (auto checked = partners::CheckUrlAtRegistration(*parsed, allowed); !checked.ok()) {
      return reply(ErrorReply(checked.error()));
    }
    Endpoint endpoint;
    endpoint.owner_id = principal.user_id;
    endpoint.all_shops = principal.is_operator();
    endpoint.url = *url;
    endpoint.events = std::move(*types);
    endpoint.secret = NewSecret();
    bool is_operator = principal.is_operator();
    SubmitWrite<Endpoint>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, endpoint, is_operator](store::Connection& connection) -> Result<Endpoint> {
          if (!is_operator) {
            catalog::ShopFilter filter;
            filter.owner_id = endpoint.owner_id;
            filter.limit = 1;
            SHRIMP_ASSIGN_OR_RETURN(auto owned, catalog::ListShops(connection, filter));
            if (owned.empty()) {
              return Forbidden("not_a_merchant",
                               "only a merchant with a shop, or an operator, subscribes webhooks");
            }
          }
          return partners::CreateEndpoint(connection, endpoint, app.clock().NowMs());
        },
        [](const Endpoint& created) { return EndpointReply(201, created, true); });
  });
}

http::Response ListWebhooks(App& app, const http::Request& request) {
  auto principal = RequireUserOrScope(app, request, "webhooks:read");
  if (!principal.ok()) return ErrorReply(principal.error());
  auto listed = app.db().Read([&](store::Connection& connection) {
    return partners::ListEndpoints(connection, principal->is_operator() ? 0 : principal->user_id);
  });
  if (!listed.ok()) return ErrorReply(listed.error());
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const Endpoint& endpoint : *listed) WriteEndpoint(json, endpoint, false);
  json.EndArray();
  json.EndObject();
  return JsonReply(200, json.Take());
}

http::Response GetWebhook(App& app, const http::Request& request) {
  auto principal = RequireUserOrScope(app, request, "webhooks:read");
  if (!principal.ok()) return ErrorReply(principal.error());
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorReply(id.error());
  auto endpoint = app.db().Read(
      [&](store::Connection& connection) { return OwnedEndpoint(connection, *id, *principal); });
  if (!endpoint.ok()) return ErrorReply(endpoint.error());
  return EndpointReply(200, *endpoint, false);
}

enum class EndpointChange { kEnable, kDisable, kDelete };

void ChangeWebhook(App& app, http::RequestPtr request, http::Reply reply, EndpointChange change) {
  WithUserOrScope(app, request, reply, "webhooks:write", [&](const accounts::Principal& principal) {
    auto id = PathId(*request, "id");
    if (!id.ok()) return reply(ErrorReply(id.error()));
    int64_t endpoint_id = *id;
    SubmitWrite<Endpoint>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, principal, endpoint_id, change](store::Connection& connection) -> Result<Endpoint> {
          SHRIMP_ASSIGN_OR_RETURN(Endpoint endpoint,
                                  OwnedEndpoint(connection, endpoint_id, principal));
          int64_t now_ms = app.clock().NowMs();
          if (change == EndpointChange::kDelete) {
            SHRIMP_RETURN_IF_ERROR(partners::DeleteEndpoint(connection, endpoint_id));
            endpoint.enabled = false;
            endpoint.disabled_reason = "deleted";
            return endpoint;
          }
          bool enable = change == EndpointChange::kEnable;
          SHRIMP_RETURN_IF_ERROR(partners::SetEndpointEnabled(connection, endpoint_id, enable,
                                                              "disabled by its owner", now_ms));
          SHRIMP_ASSIGN_OR_RETURN(auto changed, partners::FindEndpoint(connection, endpoint_id));
          if (!changed) return Internal("endpoint vanished");
          return std::move(*changed);
        },
        [&app](const Endpoint& endpoint) {
          app.webhooks().Wake();
          return EndpointReply(200, endpoint, false);
        });
  });
}

http::Response ListWebhookDeliveries(App& app, const http::Request& request) {
  auto principal = RequireUserOrScope(app, request, "webhooks:read");
  if (!principal.ok()) return ErrorReply(principal.error());
  auto id = PathId(request, "id");
  if (!id.ok()) return ErrorReply(id.error());
  auto page = ParsePage(request);
  if (!page.ok()) return ErrorReply(page.error());
  auto listed = app.db().Read([&](store::Connection& connection) -> Result<std::vector<Delivery>> {
    SHRIMP_RETURN_IF_ERROR(OwnedEndpoint(connection, *id, *principal).status());
    return partners::ListDeliveries(connection, *id, page->after, page->limit);
  });
  if (!listed.ok()) return ErrorReply(listed.error());
  return PageReply(*listed, static_cast<int64_t>(listed->size()) == page->limit, WriteDelivery);
}

void RetryWebhookDelivery(App& app, http::RequestPtr request, http::Reply reply) {
  WithUserOrScope(app, request, reply, "webhooks:write", [&](const accounts::Principal& principal) {
    auto id = PathId(*request, "id");
    if (!id.ok()) return reply(ErrorReply(id.error()));
    auto delivery_id = PathId(*request, "delivery_id");
    if (!delivery_id.ok()) return reply(ErrorReply(delivery_id.error()));
    int64_t endpoint_id = *id, wanted = *delivery_id;
    SubmitWrite<Delivery>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, principal, endpoint_id, wanted](store::Connection& connection) -> Result<Delivery> {
          SHRIMP_RETURN_IF_ERROR(OwnedEndpoint(connection, endpoint_id, principal).status());
          return partners::RetryDelivery(connection, endpoint_id, wanted, app.clock().NowMs());
        },
        [&app](const Delivery& delivery) {
          app.webhooks().Wake();
          http::JsonWriter json;
          WriteDelivery(json, delivery);
          return JsonReply(200, json.Take());
        });
  });
}

}  // namespace

void RegisterPartnerRoutes(App& app) {
  RegisterMerchantKeyRoutes(app);
  http::Router& router = app.router();
  router.AddSync("GET", "/api/v1/events",
                 [&app](const http::Request& r) { return ListEventsRoute(app, r); },
                 {.summary = "Events after ?after= (oldest first; ?type=, ?limit= up to 500): "
                             "operators see all, merchants their shops', buyers their orders' "
                             "and reviews'; kept for --outbox-retention-days",
                  .tag = "partners",
                  .auth = true,
                  .scope = "events:read"});
  router.Add(
      "POST", "/api/v1/webhooks",
      [&app](http::RequestPtr r, http::Reply reply) { CreateWebhook(app, r, std::move(reply)); },
      {.summary = "Subscribe a URL to events (merchant: its shops'; operator: all); the answer "
                  "holds the signing secret, shown once",
       .tag = "partners",
       .auth = true,
       .scope = "webhooks:write",
       .idempotent_key = true,
       .request_example =
           R"({"url":"https://partner.example/hooks/shrimp","events":["order.paid","order.shipped"]})"});
  router.AddSync("GET", "/api/v1/webhooks",
                 [&app](const http::Request& r) { return ListWebhooks(app, r); },
                 {.summary = "Your webhook endpoints (operators: all)",
                  .tag = "partners",
                  .auth = true,
                  .scope = "webhooks:read"});
  router.AddSync("GET", "/api/v1/webhooks/{id}",
                 [&app](const http::Request& r) { return GetWebhook(app, r); },
                 {.summary = "One webhook endpoint",
                  .tag = "partners",
                  .auth = true,
                  .scope = "webhooks:read"});
  router.Add("DELETE", "/api/v1/webhooks/{id}",
             [&app](http::RequestPtr r, http::Reply reply) {
               ChangeWebhook(app, r, std::move(reply), EndpointChange::kDelete);
             },
             {.summary = "Remove an endpoint; its pending deliveries are dropped",
              .tag = "partners",
              .auth = true,
              .scope = "webhooks:write"});
  router.Add("POST", "/api/v1/webhooks/{id}/enable",
             [&app](http::RequestPtr r, http::Reply reply) {
               ChangeWebhook(app, r, std::move(reply), EndpointChange::kEnable);
             },
             {.summary = "Re-enable an endpoint (after an auto-disable); pending deliveries resume",
              .tag = "partners",
              .auth = true,
              .scope = "webhooks:write"});
  router.Add("POST", "/api/v1/webhooks/{id}/disable",
             [&app](http::RequestPtr r, http::Reply reply) {
               ChangeWebhook(app, r, std::move(reply), EndpointChange::kDisable);
             },
             {.summary = "Pause an endpoint; deliveries wait",
              .tag = "partners",
              .auth = true,
              .scope = "webhooks:write"});
  router.AddSync("GET", "/api/v1/webhooks/{id}/deliveries",
                 [&app](const http::Request& r) { return ListWebhookDeliveries(app, r); },
                 {.summary = "Deliveries, newest first, with their attempts (status code, "
                             "latency, response snippet)",
                  .tag = "partners",
                  .auth = true,
                  .scope = "webhooks:read"});
  router.Add("POST", "/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry",
             [&app](http::RequestPtr r, http::Reply reply) {
               RetryWebhookDelivery(app, r, std::move(reply));
             },
             {.summary = "Send a delivery again now (a fresh 24 h retry window)",
              .tag = "partners",
              .auth = true,
              .scope = "webhooks:write"});
}

}  // namespace shrimp::api
