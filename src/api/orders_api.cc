// /api/v1/cart, /api/v1/checkout, /api/v1/orders: the buyer-to-merchant flow.
// Writes run as writer jobs (api/write_path.h); reads use the read pool.
#include "api/app.h"
#include "api/auth.h"
#include "catalog/catalog_lookup.h"
#include "api/order_json.h"
#include "api/respond.h"
#include "api/write_path.h"

namespace shrimp::api {
namespace {

using orders::Actor;
using orders::Order;

inline constexpr size_t kAddressFieldLengthMax = 200;
inline constexpr size_t kBuyNowLinesMax = 100;

Actor ActorOf(const accounts::Principal& principal) {
  return Actor{principal.user_id, principal.is_operator()};
}

http::Response OrderReply(App& app, int status, const Order& order) {
  http::JsonWriter json;
  WriteOrder(json, order, app.orders().timers());
  return JsonReply(status, json.Take());
}

http::Response CartReply(const orders::CartView& cart) {
  http::JsonWriter json;
  WriteCart(json, cart);
  return JsonReply(200, json.Take());
}

Result<orders::ShippingAddress> ParseAddress(http::JsonObject& body) {
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* value, body.Object("shipping_address", true));
  http::JsonObject object(value, "shipping_address.");
  orders::ShippingAddress address;
  SHRIMP_ASSIGN_OR_RETURN(address.name, object.String("name", 1, kAddressFieldLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(address.line1, object.String("line1", 1, kAddressFieldLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(auto line2, object.OptionalString("line2", 0, kAddressFieldLengthMax));
  SHRIMP_ASSIGN_OR_RETURN(address.city, object.String("city", 1, 100));
  SHRIMP_ASSIGN_OR_RETURN(address.postal_code, object.String("postal_code", 1, 20));
  SHRIMP_ASSIGN_OR_RETURN(address.country, object.String("country", 2, 2));
  SHRIMP_ASSIGN_OR_RETURN(auto phone, object.OptionalString("phone", 0, 40));
  SHRIMP_RETURN_IF_ERROR(object.Finish());
  address.line2 = line2.value_or("");
  address.phone = phone.value_or("");
  return address;
}

// ------------------------------------------------------------------ cart

void GetCart(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto cart = app.db().Read([&](store::Connection& connection) {
      return app.orders().LoadCartView(connection, principal.user_id);
    });
    reply(cart.ok() ? CartReply(*cart) : ErrorReply(cart.error()));
  });
}

void ChangeCart(App& app, http::RequestPtr request, http::Reply reply, bool add) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto body = http::JsonObject::Parse(request->body);
    if (!body.ok()) return reply(ErrorReply(body.error()));
    int64_t sku_id = 0;
    if (add) {
      auto sku = body->Int("sku_id", 1, INT64_MAX);
      if (!sku.ok()) return reply(ErrorReply(sku.error()));
      sku_id = *sku;
    } else {
      auto sku = PathId(*request, "sku_id");
      if (!sku.ok()) return reply(ErrorReply(sku.error()));
      sku_id = *sku;
    }
    auto quantity = add ? body->OptionalInt("quantity", 1, orders::kLineQuantityMax)
                        : body->OptionalInt("quantity", 1, orders::kLineQuantityMax);
    if (!quantity.ok()) return reply(ErrorReply(quantity.error()));
    if (!add && !quantity->has_value()) {
      return reply(ErrorReply(
          InvalidArgument("missing_field", "quantity is required").With("field", "quantity")));
    }
    if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
    int64_t user_id = principal.user_id;
    int64_t amount = quantity->value_or(1);
    SubmitWrite<orders::CartView>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, user_id, sku_id, amount,
         add](store::Connection& connection) -> Result<orders::CartView> {
          SHRIMP_RETURN_IF_ERROR(
              app.orders().SetCartItem(connection, user_id, sku_id, amount, add));
          return app.orders().LoadCartView(connection, user_id);
        },
        CartReply);
  });
}

void RemoveFromCart(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto sku = PathId(*request, "sku_id");
    if (!sku.ok()) return reply(ErrorReply(sku.error()));
    int64_t user_id = principal.user_id, sku_id = *sku;
    SubmitWrite<orders::CartView>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, user_id, sku_id](store::Connection& connection) -> Result<orders::CartView> {
          SHRIMP_RETURN_IF_ERROR(app.orders().RemoveCartItem(connection, user_id, sku_id));
          return app.orders().LoadCartView(connection, user_id);
        },
        CartReply);
  });
}

// ------------------------------------------------------------------ checkout

// "shipping": [{"shop_id", "carrier", "service"}], optional: one per shop.
Result<std::vector<orders::ShippingChoice>> ParseShippingChoices(http::JsonObject& body) {
  std::vector<orders::ShippingChoice> choices;
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* values,
                          body.Array("shipping", false, orders::kCartLinesMax));
  if (values == nullptr) return choices;
  int index = 0;
  for (const auto& value : values->GetArray()) {
    std::string path = "shipping[" + std::to_string(index++) + "].";
    if (!value.IsObject()) {
      return InvalidArgument("wrong_type", path + " must be an object").With("field", path);
    }
    http::JsonObject object(&value, path);
    orders::ShippingChoice choice;
    SHRIMP_ASSIGN_OR_RETURN(choice.shop_id, object.Int("shop_id", 1, INT64_MAX));
    SHRIMP_ASSIGN_OR_RETURN(choice.carrier, object.String("carrier", 1, 32));
    SHRIMP_ASSIGN_OR_RETURN(choice.service, object.String("service", 1, 16));
    SHRIMP_RETURN_IF_ERROR(object.Finish());
    choices.push_back(std::move(choice));
  }
  return choices;
}

void Checkout(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto body = http::JsonObject::Parse(request->body);
    if (!body.ok()) return reply(ErrorReply(body.error()));
    auto address = ParseAddress(*body);
    if (!address.ok()) return reply(ErrorReply(address.error()));
    auto items = body->Array("items", false, kBuyNowLinesMax);
    if (!items.ok()) return reply(ErrorReply(items.error()));
    std::vector<orders::BuyNowItem> buy_now;
    if (*items) {
      if ((*items)->Empty()) {
        return reply(ErrorReply(
            InvalidArgument("invalid_field", "items must not be empty").With("field", "items")));
      }
      int index = 0;
      for (const auto& value : (*items)->GetArray()) {
        std::string path = "items[" + std::to_string(index++) + "].";
        if (!value.IsObject()) {
          return reply(ErrorReply(InvalidArgument("wrong_type", path + " must be an object")));
        }
        http::JsonObject item(&value, path);
        auto sku = item.Int("sku_id", 1, INT64_MAX);
        if (!sku.ok()) return reply(ErrorReply(sku.error()));
        auto quantity = item.Int("quantity", 1, orders::kLineQuantityMax);
        if (!quantity.ok()) return reply(ErrorReply(quantity.error()));
        if (auto finished = item.Finish(); !finished.ok())
          return reply(ErrorReply(finished.error()));
        buy_now.push_back({*sku, *quantity});
      }
    }
    auto shipping = ParseShippingChoices(*body);
    if (!shipping.ok()) return reply(ErrorReply(shipping.error()));
    if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
    int64_t buyer_id = principal.user_id;
    SubmitWrite<std::vector<Order>>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [&app, buyer_id, address = *address, buy_now,
         shipping = std::move(*shipping)](store::Connection& connection) {
          return app.orders().Checkout(connection, buyer_id, address, buy_now, shipping);
        },
        [&app](const std::vector<Order>& created) {
          http::JsonWriter json;
          json.StartObject();
          json.Key("orders");
          json.StartArray();
          for (const Order& order : created) WriteOrder(json, order, app.orders().timers());
          json.EndArray();
          json.EndObject();
          return JsonReply(201, json.Take());
        });
  });
}

// ------------------------------------------------------------------ orders

void ListOrders(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto page = ParsePage(*request);
    if (!page.ok()) return reply(ErrorReply(page.error()));
    orders::OrderFilter filter;
    filter.after_id = page->after;
    filter.limit = page->limit;
    if (auto status = request->Query("status"); status && !status->empty()) {
      filter.status = orders::ParseStatus(*status);
      if (!filter.status) {
        return reply(
            ErrorReply(InvalidArgument("invalid_query", "unknown status").With("field", "status")));
      }
    }
    auto shop = QueryInt(*request, "shop_id", 1, INT64_MAX);
    if (!shop.ok()) return reply(ErrorReply(shop.error()));
    std::string_view role = request->Query("role").value_or("");
    auto listed = app.db().Read([&](store::Connection& connection) -> Result<std::vector<Order>> {
      if (*shop) {
        // A shop's orders: its owner or an operator.
        SHRIMP_ASSIGN_OR_RETURN(auto owner, catalog::LoadShopOwner(connection, **shop));
        if (!owner) return NotFound("shop_not_found", "no such shop");
        if (*owner != principal.user_id && !principal.is_operator()) {
          return Forbidden("not_shop_owner", "only the shop's merchant sees its orders");
        }
        filter.shop_id = **shop;
      } else if (role == "merchant") {
        return InvalidArgument("invalid_query", "role=merchant needs shop_id")
            .With("field", "shop_id");
      } else if (!(principal.is_operator() && role == "operator")) {
        filter.buyer_id = principal.user_id;
      }
      return app.orders().ListOrders(connection, filter);
    });
    if (!listed.ok()) return reply(ErrorReply(listed.error()));
    reply(PageReply(*listed, static_cast<int64_t>(listed->size()) == filter.limit,
                    [&app](http::JsonWriter& json, const Order& order) {
                      WriteOrder(json, order, app.orders().timers());
                    }));
  });
}

void GetOrder(App& app, http::RequestPtr request, http::Reply reply) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto order_id = PathId(*request, "id");
    if (!order_id.ok()) return reply(ErrorReply(order_id.error()));
    auto order = app.db().Read([&](store::Connection& connection) {
      return app.orders().GetOrder(connection, ActorOf(principal), *order_id);
    });
    reply(order.ok() ? OrderReply(app, 200, *order) : ErrorReply(order.error()));
  });
}

// Parses the body with `parse` (which must call Finish) and submits `apply`
// on the order named in the path.
using OrderAction = std::function<Result<Order>(store::Connection&, const Actor&, int64_t)>;
using ActionParser = std::function<Result<OrderAction>(http::JsonObject&)>;

void OrderTransition(App& app, http::RequestPtr request, http::Reply reply, ActionParser parse) {
  WithUser(app, request, reply, [&](const accounts::Principal& principal) {
    auto order_id = PathId(*request, "id");
    if (!order_id.ok()) return reply(ErrorReply(order_id.error()));
    std::string_view raw = request->body;
    auto body = http::JsonObject::Parse(raw.empty() ? std::string_view("{}") : raw);
    if (!body.ok()) return reply(ErrorReply(body.error()));
    auto action = parse(*body);
    if (!action.ok()) return reply(ErrorReply(action.error()));
    if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
    Actor actor = ActorOf(principal);
    int64_t id = *order_id;
    SubmitWrite<Order>(
        app, request, std::move(reply), IdempotencyScope(principal),
        [action = std::move(*action), actor, id](store::Connection& connection) {
          return action(connection, actor, id);
        },
        [&app](const Order& order) { return OrderReply(app, 200, order); });
  });
}

}  // namespace

void RegisterOrderRoutes(App& app) {
  http::Router& router = app.router();
  auto orders = [&app]() -> orders::OrderService& { return app.orders(); };
  router.Add("GET", "/api/v1/cart",
             [&app](http::RequestPtr r, http::Reply reply) { GetCart(app, r, std::move(reply)); },
             {.summary = "The cart, grouped by shop", .tag = "orders", .auth = true});
  router.Add("POST", "/api/v1/cart/items",
             [&app](http::RequestPtr r, http::Reply reply) {
               ChangeCart(app, r, std::move(reply), true);
             },
             {.summary = "Add a SKU to the cart (quantity adds up)",
              .tag = "orders",
              .auth = true,
              .request_example = R"({"sku_id":12,"quantity":1})"});
  router.Add("PATCH", "/api/v1/cart/items/{sku_id}",
             [&app](http::RequestPtr r, http::Reply reply) {
               ChangeCart(app, r, std::move(reply), false);
             },
             {.summary = "Set a cart line's quantity",
              .tag = "orders",
              .auth = true,
              .request_example = R"({"quantity":3})"});
  router.Add("DELETE", "/api/v1/cart/items/{sku_id}",
             [&app](http::RequestPtr r, http::Reply reply) {
               RemoveFromCart(app, r, std::move(reply));
             },
             {.summary = "Remove a cart line", .tag = "orders", .auth = true});
  router.Add(
      "POST", "/api/v1/checkout",
      [&app](http::RequestPtr r, http::Reply reply) { Checkout(app, r, std::move(reply)); },
      {.summary = "Turn the cart (or `items`, buy-now) into one order per shop, reserving stock. "
                  "Optional `shipping`: [{shop_id, carrier, service}] adds that option's fee "
                  "(priced from the rate card, see /shipping-options) to the shop's order, held "
                  "in escrow, released to shipping_payable; without one an order has no fee. "
                  "Errors include unknown_carrier, invalid_service, unknown_city, no_route, "
                  "no_rate, shipping_option_unavailable, shipping_currency_mismatch",
       .tag = "orders",
       .auth = true,
       .idempotency_key_required = true,
       .request_example =
           R"({"shipping_address":{"name":"Ana","line1":"1 Rue de Rivoli","city":"Paris","postal_code":"75001","country":"FR"},"shipping":[{"shop_id":1,"carrier":"swiftpost","service":"standard"}]})"});
  router.Add("GET", "/api/v1/orders",
             [&app](http::RequestPtr r, http::Reply reply) {
               ListOrders(app, r, std::move(reply));
             },
             {.summary = "Orders: yours as a buyer, a shop's with shop_id, all with role=operator; "
                         "?status= filters",
              .tag = "orders",
              .auth = true});
  router.Add("GET", "/api/v1/orders/{id}",
             [&app](http::RequestPtr r, http::Reply reply) { GetOrder(app, r, std::move(reply)); },
             {.summary = "One order with its timeline", .tag = "orders", .auth = true});

  struct Transition {
    const char* path;
    const char* summary;
    bool money;  // moves money: Idempotency-Key required
    ActionParser parse;
    const char* example;
  };
  std::vector<Transition> transitions = {
      {"/pay", "Pay from the wallet into escrow", true,
       [orders](http::JsonObject& body) -> Result<OrderAction> {
         SHRIMP_ASSIGN_OR_RETURN(auto method, body.OptionalString("method", 1, 20));
         if (method && *method != "wallet") {
           return InvalidArgument("unsupported_method", "method must be \"wallet\"")
               .With("field", "method");
         }
         return OrderAction([orders](store::Connection& c, const Actor& a, int64_t id) {
           return orders().Pay(c, a, id);
         });
       },
       R"({"method":"wallet"})"},
      {"/cancel", "Cancel before shipping: escrow voided, stock released", true,
       [orders](http::JsonObject&) -> Result<OrderAction> {
         return OrderAction([orders](store::Connection& c, const Actor& a, int64_t id) {
           return orders().Cancel(c, a, id);
         });
       },
       ""},
      {"/ship",
       "Merchant ships. With a network carrier (`carrier` = its id, `service` express|standard, "
       "default standard) a shipment is created with a planned route, a promise and a tracking "
       "number, and the carrier's events drive delivery (GET /api/v1/orders/{id}/tracking); "
       "errors unknown_city, no_route, invalid_service. Any other `carrier` is self-delivery "
       "with the merchant's `tracking_number`, completed by the buyer's confirmation",
       false,
       [orders, &app](http::JsonObject& body) -> Result<OrderAction> {
         SHRIMP_ASSIGN_OR_RETURN(std::string carrier, body.String("carrier", 1, 64));
         SHRIMP_ASSIGN_OR_RETURN(auto service_name, body.OptionalString("service", 1, 20));
         SHRIMP_ASSIGN_OR_RETURN(auto tracking, body.OptionalString("tracking_number", 1, 64));
         if (auto network_carrier = app.network().FindCarrier(carrier)) {
           if (tracking) {
             return InvalidArgument("invalid_field",
                                    "a network carrier assigns the tracking number itself")
                 .With("field", "tracking_number");
           }
           auto service = logistics::ParseService(service_name.value_or("standard"));
           if (!service) {
             return InvalidArgument("invalid_service", "service is express or standard")
                 .With("field", "service");
           }
           return OrderAction(
               [&app, carrier_index = *network_carrier,
                service = *service](store::Connection& c, const Actor& a, int64_t id) {
                 return app.shipments().Ship(c, a, id, carrier_index, service);
               });
         }
         if (!tracking) {
           return InvalidArgument("missing_field",
                                  "tracking_number is required unless carrier is a network carrier")
               .With("field", "tracking_number");
         }
         if (service_name) {
           return InvalidArgument("invalid_field", "service needs a network carrier")
               .With("field", "service");
         }
         return OrderAction([orders, carrier, tracking = *tracking](store::Connection& c,
                                                                    const Actor& a, int64_t id) {
           return orders().Ship(c, a, id, carrier, tracking);
         });
       },
       R"({"carrier":"swiftpost","service":"express"})"},
      {"/deliver",
       "Operator override: mark delivered and start the auto-complete clock (a merchant may "
       "not; the carrier's delivered event does it)",
       false,
       [orders](http::JsonObject&) -> Result<OrderAction> {
         return OrderAction([orders](store::Connection& c, const Actor& a, int64_t id) {
           return orders().Deliver(c, a, id);
         });
       },
       ""},
      {"/confirm", "Buyer confirms receipt: escrow released to the shop less commission", true,
       [orders](http::JsonObject&) -> Result<OrderAction> {
         return OrderAction([orders](store::Connection& c, const Actor& a, int64_t id) {
           return orders().Confirm(c, a, id);
         });
       },
       ""},
      {"/refund-requests", "Buyer requests a full or partial refund (pauses auto-complete)", true,
       [orders](http::JsonObject& body) -> Result<OrderAction> {
         orders::RefundRequest request;
         SHRIMP_ASSIGN_OR_RETURN(request.reason, body.String("reason", 1, 1000));
         SHRIMP_ASSIGN_OR_RETURN(request.amount, body.OptionalInt("amount", 1, kAmountMax));
         return OrderAction([orders, request](store::Connection& c, const Actor& a, int64_t id) {
           return orders().RequestRefund(c, a, id, request);
         });
       },
       R"({"reason":"arrived damaged","amount":500})"},
      {"/refund-requests/accept", "Merchant accepts the refund request", true,
       [orders](http::JsonObject&) -> Result<OrderAction> {
         return OrderAction([orders](store::Connection& c, const Actor& a, int64_t id) {
           return orders().AnswerRefund(c, a, id, true);
         });
       },
       ""},
      {"/refund-requests/decline", "Merchant declines the refund request", false,
       [orders](http::JsonObject&) -> Result<OrderAction> {
         return OrderAction([orders](store::Connection& c, const Actor& a, int64_t id) {
           return orders().AnswerRefund(c, a, id, false);
         });
       },
       ""},
      {"/disputes", "Escalate to an operator (buyer or merchant)", false,
       [orders](http::JsonObject& body) -> Result<OrderAction> {
         SHRIMP_ASSIGN_OR_RETURN(std::string reason, body.String("reason", 1, 1000));
         return OrderAction([orders, reason](store::Connection& c, const Actor& a, int64_t id) {
           return orders().Dispute(c, a, id, reason);
         });
       },
       R"({"reason":"merchant refuses a refund for a broken item"})"},
      {"/resolve", "Operator resolves a dispute: refund the buyer or release to the shop", true,
       [orders](http::JsonObject& body) -> Result<OrderAction> {
         SHRIMP_ASSIGN_OR_RETURN(std::string outcome, body.String("outcome", 1, 20));
         return OrderAction([orders, outcome](store::Connection& c, const Actor& a, int64_t id) {
           return orders().Resolve(c, a, id, outcome);
         });
       },
       R"({"outcome":"refund"})"},
  };
  for (Transition& transition : transitions) {
    router.Add("POST", std::string("/api/v1/orders/{id}") + transition.path,
               [&app, parse = transition.parse](http::RequestPtr r, http::Reply reply) {
                 OrderTransition(app, r, std::move(reply), parse);
               },
               {.summary = transition.summary,
                .tag = "orders",
                .auth = true,
                .idempotency_key_required = transition.money,
                .request_example = transition.example});
  }
}

}  // namespace shrimp::api
