#include "orders/order_store.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace shrimp::orders {

std::vector<store::Migration> OrderMigrations() {
  return {{"orders", 1, "orders, lines, events and carts",
           R"sql(
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  shop_id INTEGER NOT NULL,
  buyer_id INTEGER NOT NULL,
  checkout_id INTEGER NOT NULL,
  currency TEXT NOT NULL,
  total INTEGER NOT NULL CHECK (total >= 0),
  shipping_address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  closed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX orders_buyer ON orders(buyer_id, id);
CREATE INDEX orders_shop ON orders(shop_id, id);
CREATE INDEX orders_open ON orders(id) WHERE closed = 0;
CREATE TABLE order_lines (
  order_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  shop_id INTEGER NOT NULL,
  sku_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  attrs TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  commission_bps INTEGER NOT NULL CHECK (commission_bps BETWEEN 0 AND 10000),
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
CREATE INDEX order_lines_sku ON order_lines(sku_id);
CREATE TABLE order_events (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL,
  shop_id INTEGER NOT NULL,
  event TEXT NOT NULL,
  status TEXT NOT NULL,
  actor_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  carrier TEXT,
  tracking_number TEXT,
  reason TEXT,
  amount INTEGER NOT NULL DEFAULT 0,
  outcome TEXT,
  transfer_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX order_events_order ON order_events(order_id, id);
CREATE TABLE cart_items (
  user_id INTEGER NOT NULL,
  sku_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, sku_id)
) WITHOUT ROWID;
)sql"},
          // Orders shipped before stock kept units on hand apart from
          // reserved ones still hold their reservation: consume it, as
          // shipping does now (catalog/stock_book.h).
          {"orders", 2, "shipped orders consume their reserved stock",
           R"sql(
INSERT INTO stock_movements (sku_id, shop_id, delta, reason, reference_id, created_at)
SELECT l.sku_id, o.shop_id, -l.quantity, 'shipped', o.id,
       (SELECT MIN(e.created_at) FROM order_events e WHERE e.order_id = o.id AND e.event = 'ship')
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.event = 'ship')
  AND NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.reference_id = o.id
                  AND m.reason IN ('released', 'shipped') AND m.sku_id = l.sku_id);
)sql"},
          // Start-up reads the next checkout id (MAX(checkout_id)): without
          // this index that scanned every order (8 s at 10 M orders).
          {"orders", 3, "an index of orders by checkout",
           R"sql(
CREATE INDEX orders_checkout ON orders(checkout_id);
)sql"},
          // The shipping a buyer chose at checkout (orders/order.h,
          // OrderShipping); orders from before carry none.
          {"orders", 4, "shipping fee, carrier and promise on orders",
           "ALTER TABLE orders ADD COLUMN shipping_fee INTEGER NOT NULL DEFAULT 0"
           " CHECK (shipping_fee >= 0);\n"
           "ALTER TABLE orders ADD COLUMN shipping_carrier TEXT NOT NULL DEFAULT '';\n"
           "ALTER TABLE orders ADD COLUMN shipping_service TEXT NOT NULL DEFAULT '';\n"
           "ALTER TABLE orders ADD COLUMN shipping_promised_at INTEGER NOT NULL DEFAULT 0;\n"}};
}

std::string AddressToJson(const ShippingAddress& address) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  auto field = [&](const char* key, const std::string& value) {
    writer.Key(key);
    writer.String(value.c_str(), static_cast<unsigned>(value.size()));
  };
  field("name", address.name);
  field("line1", address.line1);
  field("line2", address.line2);
  field("city", address.city);
  field("postal_code", address.postal_code);
  field("country", address.country);
  field("phone", address.phone);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

ShippingAddress AddressFromJson(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  ShippingAddress address;
  if (!document.IsObject()) return address;
  auto get = [&](const char* key) -> std::string {
    auto it = document.FindMember(key);
    return it != document.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
  };
  address.name = get("name");
  address.line1 = get("line1");
  address.line2 = get("line2");
  address.city = get("city");
  address.postal_code = get("postal_code");
  address.country = get("country");
  address.phone = get("phone");
  return address;
}

Status InsertOrder(store::Connection& connection, const Order& order, int64_t checkout_id) {
  {
    store::Query insert(
        connection,
        "INSERT INTO orders (id, shop_id, buyer_id, checkout_id, currency, total,"
        " shipping_address, created_at, expires_at, shipping_fee, shipping_carrier,"
        " shipping_service, shipping_promised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(order.id, order.shop_id, order.buyer_id, checkout_id, order.total.currency.code(),
                order.total.amount, AddressToJson(order.shipping_address), order.created_at_ms,
                order.expires_at_ms, order.shipping.fee.amount, order.shipping.carrier,
                order.shipping.service, order.shipping.promised_by_minutes);
    SHRIMP_RETURN_IF_ERROR(insert.Run());
  }
  int64_t line_no = 0;
  for (const OrderLine& line : order.lines) {
    store::Query insert(connection,
                        "INSERT INTO order_lines (order_id, line_no, shop_id, sku_id, product_id,"
                        " title, attrs, quantity, unit_price, commission_bps)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(order.id, ++line_no, order.shop_id, line.sku_id, line.product_id, line.title,
                line.attrs_json, line.quantity, line.unit_price.amount, line.commission_bps);
    SHRIMP_RETURN_IF_ERROR(insert.Run());
  }
  OrderEventRecord created;
  created.status = OrderStatus::kPendingPayment;
  created.event = OrderEvent::kCreate;
  created.actor_id = order.buyer_id;
  created.at_ms = order.created_at_ms;
  store::Query event(
      connection,
      "INSERT INTO order_events (order_id, shop_id, event, status, actor_id, created_at)"
      " VALUES (?, ?, 'create', 'pending_payment', ?, ?)");
  event.Bind(order.id, order.shop_id, order.buyer_id, order.created_at_ms);
  return event.Run();
}

Status AppendEvent(store::Connection& connection, int64_t order_id, int64_t shop_id,
                   const OrderEventRecord& event, int64_t transfer_id) {
  auto optional_text = [](const std::string& text) {
    return text.empty() ? std::optional<std::string>() : std::optional<std::string>(text);
  };
  store::Query insert(connection,
                      "INSERT INTO order_events (order_id, shop_id, event, status, actor_id,"
                      " created_at, carrier, tracking_number, reason, amount, outcome, transfer_id)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(order_id, shop_id, EventName(event.event), StatusName(event.status), event.actor_id,
              event.at_ms, optional_text(event.carrier), optional_text(event.tracking_number),
              optional_text(event.reason), event.amount, optional_text(event.outcome), transfer_id);
  return insert.Run();
}

Status MarkClosed(store::Connection& connection, int64_t order_id) {
  store::Query update(connection, "UPDATE orders SET closed = 1 WHERE id = ?");
  update.Bind(order_id);
  return update.Run();
}

namespace {

constexpr const char* kOrderColumns =
    "o.id, o.shop_id, o.buyer_id, o.currency, o.total, o.shipping_address, o.created_at,"
    " o.expires_at, o.shipping_fee, o.shipping_carrier, o.shipping_service,"
    " o.shipping_promised_at";

Result<Order> ReadOrderRow(store::Query& query) {
  Order order;
  order.id = query.Int(0);
  order.shop_id = query.Int(1);
  order.buyer_id = query.Int(2);
  auto currency = Currency::Parse(query.Text(3));
  if (!currency.ok()) return Internal("stored order has an unknown currency");
  order.total = Money{query.Int(4), *currency};
  order.shipping_address = AddressFromJson(query.Text(5));
  order.created_at_ms = query.Int(6);
  order.expires_at_ms = query.Int(7);
  order.shipping.fee = Money{query.Int(8), *currency};
  order.shipping.carrier = query.Text(9);
  order.shipping.service = query.Text(10);
  order.shipping.promised_by_minutes = query.Int(11);
  return order;
}

Status LoadDetails(store::Connection& connection, Order& order) {
  {
    store::Query lines(
        connection,
        "SELECT sku_id, product_id, title, attrs, quantity, unit_price, commission_bps"
        " FROM order_lines WHERE order_id = ? ORDER BY line_no");
    lines.Bind(order.id);
    while (lines.Next()) {
      OrderLine line;
      line.sku_id = lines.Int(0);
      line.product_id = lines.Int(1);
      line.title = lines.Text(2);
      line.attrs_json = lines.Text(3);
      line.quantity = lines.Int(4);
      line.unit_price = Money{lines.Int(5), order.total.currency};
      line.line_total = Money{line.unit_price.amount * line.quantity, order.total.currency};
      line.commission_bps = lines.Int(6);
      order.lines.push_back(std::move(line));
    }
    SHRIMP_RETURN_IF_ERROR(lines.status());
  }
  store::Query events(connection,
                      "SELECT event, status, actor_id, created_at, carrier, tracking_number,"
                      " reason, amount, outcome FROM order_events WHERE order_id = ? ORDER BY id");
  events.Bind(order.id);
  while (events.Next()) {
    OrderEventRecord event;
    auto status = ParseStatus(events.Text(1));
    if (!status) return Internal("stored order event has an unknown status");
    event.status = *status;
    auto parsed = ParseEvent(events.Text(0));
    if (!parsed) return Internal("stored order event has an unknown name");
    event.event = *parsed;
    event.actor_id = events.Int(2);
    event.at_ms = events.Int(3);
    event.carrier = events.Text(4);
    event.tracking_number = events.Text(5);
    event.reason = events.Text(6);
    event.amount = events.Int(7);
    event.outcome = events.Text(8);
    order.status = event.status;
    order.events.push_back(std::move(event));
  }
  return events.status();
}

}  // namespace

Result<std::optional<Order>> LoadOrder(store::Connection& connection, int64_t order_id) {
  store::Query query(connection,
                     std::string("SELECT ") + kOrderColumns + " FROM orders o WHERE o.id = ?");
  query.Bind(order_id);
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<Order>();
  }
  SHRIMP_ASSIGN_OR_RETURN(Order order, ReadOrderRow(query));
  SHRIMP_RETURN_IF_ERROR(LoadDetails(connection, order));
  return std::optional<Order>(std::move(order));
}

Result<std::vector<Order>> ListOrders(store::Connection& connection, const OrderFilter& filter) {
  std::string sql = std::string("SELECT ") + kOrderColumns + " FROM orders o WHERE o.id < ?";
  if (filter.buyer_id) sql += " AND o.buyer_id = ?";
  if (filter.shop_id) sql += " AND o.shop_id = ?";
  if (filter.status) {
    sql +=
        " AND (SELECT e.status FROM order_events e WHERE e.order_id = o.id"
        " ORDER BY e.id DESC LIMIT 1) = ?";
  }
  sql += " ORDER BY o.id DESC LIMIT ?";
  store::Query query(connection, sql);
  int index = 1;
  query.BindAt(index++, filter.after_id > 0 ? filter.after_id : INT64_MAX);
  if (filter.buyer_id) query.BindAt(index++, *filter.buyer_id);
  if (filter.shop_id) query.BindAt(index++, *filter.shop_id);
  if (filter.status) query.BindAt(index++, StatusName(*filter.status));
  query.BindAt(index++, filter.limit);
  std::vector<Order> orders;
  while (query.Next()) {
    SHRIMP_ASSIGN_OR_RETURN(Order order, ReadOrderRow(query));
    orders.push_back(std::move(order));
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  for (Order& order : orders) SHRIMP_RETURN_IF_ERROR(LoadDetails(connection, order));
  return orders;
}

Result<std::vector<CartRow>> LoadCart(store::Connection& connection, int64_t user_id) {
  store::Query query(connection,
                     "SELECT sku_id, quantity, added_at FROM cart_items WHERE user_id = ?"
                     " ORDER BY added_at, sku_id");
  query.Bind(user_id);
  std::vector<CartRow> rows;
  while (query.Next()) rows.push_back({query.Int(0), query.Int(1), query.Int(2)});
  SHRIMP_RETURN_IF_ERROR(query.status());
  return rows;
}

Status SetCartQuantity(store::Connection& connection, int64_t user_id, int64_t sku_id,
                       int64_t quantity, int64_t now_ms) {
  store::Query upsert(
      connection,
      "INSERT INTO cart_items (user_id, sku_id, quantity, added_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (user_id, sku_id) DO UPDATE SET quantity = excluded.quantity");
  upsert.Bind(user_id, sku_id, quantity, now_ms);
  return upsert.Run();
}

Status RemoveCartItem(store::Connection& connection, int64_t user_id, int64_t sku_id) {
  store::Query remove(connection, "DELETE FROM cart_items WHERE user_id = ? AND sku_id = ?");
  remove.Bind(user_id, sku_id);
  return remove.Run();
}

Status ClearCart(store::Connection& connection, int64_t user_id) {
  store::Query remove(connection, "DELETE FROM cart_items WHERE user_id = ?");
  remove.Bind(user_id);
  return remove.Run();
}

}  // namespace shrimp::orders

namespace shrimp::orders {

int64_t Order::CommissionOn(int64_t amount) const {
  int64_t goods = GoodsAmount();
  if (goods <= 0 || amount <= 0) return 0;
  int64_t full = 0;
  for (const OrderLine& line : lines)
    full += ApplyBasisPoints(line.line_total.amount, line.commission_bps);
  if (amount >= goods) return full;
  // Pro rata in 128 bits: full <= goods <= kAmountMax, so the product fits.
  __int128 scaled = static_cast<__int128>(full) * amount;
  return static_cast<int64_t>((scaled + goods / 2) / goods);
}

}  // namespace shrimp::orders
