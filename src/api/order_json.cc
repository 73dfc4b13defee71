#include "api/order_json.h"

#include "logistics/time_zone.h"

namespace shrimp::api {

void WriteCart(http::JsonWriter& json, const orders::CartView& cart) {
  json.StartObject();
  json.Key("groups");
  json.StartArray();
  for (const orders::CartGroup& group : cart.groups) {
    json.StartObject();
    json.Key("shop");
    json.StartObject();
    json.Field("id", group.shop_id);
    json.Field("name", group.shop_name);
    json.Field("city", group.shop_city);
    json.Field("currency", group.subtotal.currency.code());
    json.EndObject();
    json.Key("items");
    json.StartArray();
    for (const orders::CartItemView& item : group.items) {
      json.StartObject();
      json.Field("sku_id", item.sku_id);
      json.Field("product_id", item.product_id);
      json.Field("title", item.title);
      json.Key("attrs");
      json.Raw(item.attrs_json.empty() ? "{}" : item.attrs_json);
      json.Field("quantity", item.quantity);
      json.Field("unit_price", item.unit_price);
      json.Field("line_total", item.line_total);
      json.Field("available", item.available);
      json.EndObject();
    }
    json.EndArray();
    json.Field("subtotal", group.subtotal);
    json.EndObject();
  }
  json.EndArray();
  json.Field("item_count", cart.item_count);
  json.EndObject();
}

void WriteOrder(http::JsonWriter& json, const orders::Order& order,
                const orders::OrderTimers& timers) {
  using orders::OrderEvent;
  using orders::OrderStatus;
  json.StartObject();
  json.Field("id", order.id);
  json.Field("shop_id", order.shop_id);
  json.Key("shop");
  json.StartObject();
  json.Field("id", order.shop_id);
  json.Field("name", order.shop_name);
  json.EndObject();
  json.Field("buyer_id", order.buyer_id);
  json.Field("status", orders::StatusName(order.status));
  json.Key("lines");
  json.StartArray();
  for (const orders::OrderLine& line : order.lines) {
    json.StartObject();
    json.Field("sku_id", line.sku_id);
    json.Field("product_id", line.product_id);
    json.Field("title", line.title);
    json.Key("attrs");
    json.Raw(line.attrs_json.empty() ? "{}" : line.attrs_json);
    json.Field("quantity", line.quantity);
    json.Field("unit_price", line.unit_price);
    json.Field("line_total", line.line_total);
    json.EndObject();
  }
  json.EndArray();
  json.Field("total", order.total);
  json.Field("goods_total", Money{order.GoodsAmount(), order.total.currency});
  json.Key("shipping");
  if (order.shipping.carrier.empty()) {
    json.Null();
  } else {
    json.StartObject();
    json.Field("carrier", order.shipping.carrier);
    json.Field("service", order.shipping.service);
    json.Field("fee", order.shipping.fee);
    json.Field("promised_by", logistics::FormatIsoMinutes(order.shipping.promised_by_minutes));
    json.EndObject();
  }
  const orders::ShippingAddress& address = order.shipping_address;
  json.Key("shipping_address");
  json.StartObject();
  json.Field("name", address.name);
  json.Field("line1", address.line1);
  json.Field("line2", address.line2);
  json.Field("city", address.city);
  json.Field("postal_code", address.postal_code);
  json.Field("country", address.country);
  json.Field("phone", address.phone);
  json.EndObject();

  // Shipment, refund and dispute are folded from the event history.
  const orders::OrderEventRecord* shipped = nullptr;
  const orders::OrderEventRecord* refund = nullptr;
  const orders::OrderEventRecord* refund_answer = nullptr;
  const orders::OrderEventRecord* dispute = nullptr;
  const orders::OrderEventRecord* resolution = nullptr;
  for (const auto& event : order.events) {
    if (event.event == OrderEvent::kShip && event.status == OrderStatus::kShipped) shipped = &event;
    if (event.event == OrderEvent::kRequestRefund &&
        event.status == OrderStatus::kRefundRequested) {
      refund = &event;
      refund_answer = nullptr;
    }
    if ((event.event == OrderEvent::kAcceptRefund || event.event == OrderEvent::kDeclineRefund) &&
        event.status != OrderStatus::kPendingPayment) {
      refund_answer = &event;
    }
    if (event.event == OrderEvent::kDispute && event.status == OrderStatus::kDisputed)
      dispute = &event;
    if (event.event == OrderEvent::kResolve) resolution = &event;
  }
  json.Key("shipment");
  WriteShipped(json, shipped);
  json.Key("refund");
  if (refund) {
    json.StartObject();
    json.Field("amount", Money{refund->amount, order.total.currency});
    json.Field("reason", refund->reason);
    std::string status = "requested";
    if (refund_answer)
      status = refund_answer->event == OrderEvent::kAcceptRefund ? "accepted" : "declined";
    json.Field("status", status);
    json.EndObject();
  } else {
    json.Null();
  }
  json.Key("dispute");
  if (dispute) {
    json.StartObject();
    json.Field("reason", dispute->reason);
    json.Field("status", resolution ? "resolved" : "open");
    json.Key("outcome");
    if (resolution)
      json.String(resolution->outcome);
    else
      json.Null();
    json.EndObject();
  } else {
    json.Null();
  }
  json.Key("timeline");
  json.StartArray();
  for (const auto& event : order.events) {
    json.StartObject();
    json.Field("status", orders::StatusName(event.status));
    json.TimeField("at", event.at_ms);
    json.EndObject();
  }
  json.EndArray();
  json.TimeField("created_at", order.created_at_ms);
  json.Key("expires_at");
  if (order.status == OrderStatus::kPendingPayment)
    json.Time(order.expires_at_ms);
  else
    json.Null();
  json.Key("auto_complete_at");
  if (auto due = orders::AutoCompleteAtFromEvents(order.events, timers))
    json.Time(*due);
  else
    json.Null();
  json.EndObject();
}

void WriteShipped(http::JsonWriter& json, const orders::OrderEventRecord* shipped) {
  if (shipped == nullptr) {
    json.Null();
    return;
  }
  json.StartObject();
  json.Field("carrier", shipped->carrier);
  json.Field("tracking_number", shipped->tracking_number);
  json.TimeField("shipped_at", shipped->at_ms);
  json.EndObject();
}

}  // namespace shrimp::api
