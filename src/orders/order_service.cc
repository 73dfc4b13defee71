#include "orders/order_service.h"

#include <map>

#include "catalog/catalog_lookup.h"
#include <spdlog/spdlog.h>

#include "orders/cart_total.h"
#include "store/writer.h"

namespace shrimp::orders {
namespace {

Error NotFoundOrder() { return NotFound("order_not_found", "no such order"); }

}  // namespace

OrderService::OrderService(const Clock& clock, catalog::StockLevels& stock,
                           payments::Escrow& escrow, CommissionPolicy& commission,
                           OrderTimers timers)
    : clock_(clock), stock_(stock), escrow_(escrow), commission_(commission), timers_(timers),
      book_(timers) {}

Status OrderService::Load(store::Connection& connection) {
  SHRIMP_RETURN_IF_ERROR(book_.Load(connection));
  SHRIMP_RETURN_IF_ERROR(order_ids_.Load(connection));
  return checkout_ids_.Load(connection);
}

Status OrderService::CheckBook(store::Connection& connection) const {
  OrderBook fresh(timers_);
  SHRIMP_RETURN_IF_ERROR(fresh.Load(connection));
  SHRIMP_RETURN_IF_ERROR(book_.CompareWith(fresh));
  SHRIMP_RETURN_IF_ERROR(order_ids_.Check(connection));
  return checkout_ids_.Check(connection);
}

std::optional<int64_t> OrderService::AutoCompleteAt(int64_t order_id) {
  OpenOrder* order = book_.Find(order_id);
  if (!order) return std::nullopt;
  return book_.AutoCompleteAt(*order);
}

// ---------------------------------------------------------------- carts

Status OrderService::SetCartItem(store::Connection& connection, int64_t buyer_id, int64_t sku_id,
                                 int64_t quantity, bool add) {
  SHRIMP_ASSIGN_OR_RETURN(auto sku, catalog::LoadSkuForSale(connection, sku_id));
  if (!sku || !sku->purchasable) {
    return NotFound("sku_not_found", "no such SKU for sale").With("sku_id", std::to_string(sku_id));
  }
  SHRIMP_ASSIGN_OR_RETURN(auto rows, LoadCart(connection, buyer_id));
  int64_t existing = 0;
  for (const CartRow& row : rows) {
    if (row.sku_id == sku_id) existing = row.quantity;
  }
  if (existing == 0 && static_cast<int64_t>(rows.size()) >= kCartLinesMax) {
    return Conflict("cart_full", "a cart holds at most 100 different SKUs");
  }
  int64_t target = add ? existing + quantity : quantity;
  if (target < 1 || target > kLineQuantityMax) {
    return InvalidArgument("invalid_quantity", "quantity must be between 1 and 1000")
        .With("field", "quantity");
  }
  return SetCartQuantity(connection, buyer_id, sku_id, target, clock_.NowMs());
}

Status OrderService::RemoveCartItem(store::Connection& connection, int64_t buyer_id,
                                    int64_t sku_id) {
  return orders::RemoveCartItem(connection, buyer_id, sku_id);
}

Result<CartView> OrderService::LoadCartView(store::Connection& connection, int64_t buyer_id) const {
  SHRIMP_ASSIGN_OR_RETURN(auto rows, LoadCart(connection, buyer_id));
  CartView view;
  std::map<int64_t, size_t> group_of_shop;
  for (const CartRow& row : rows) {
    SHRIMP_ASSIGN_OR_RETURN(auto sku, catalog::LoadSkuForSale(connection, row.sku_id));
    if (!sku) continue;  // the product was removed; the line silently drops out
    auto [it, inserted] = group_of_shop.emplace(sku->shop_id, view.groups.size());
    if (inserted) {
      CartGroup group;
      group.shop_id = sku->shop_id;
      SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, sku->shop_id));
      if (shop) {
        group.shop_name = shop->name;
        group.shop_city = shop->city;
      }
      group.subtotal = Money{0, sku->price.currency};
      view.groups.push_back(std::move(group));
    }
    CartGroup& group = view.groups[it->second];
    CartItemView item;
    item.sku_id = row.sku_id;
    item.product_id = sku->product_id;
    item.title = sku->title;
    item.attrs_json = sku->attrs_json;
    item.quantity = row.quantity;
    item.unit_price = sku->price;
    item.available = std::max<int64_t>(0, stock_.Available(row.sku_id));
    item.purchasable = sku->purchasable;
    SHRIMP_RETURN_IF_ERROR(AddCartLineTotal(group, item));
    view.item_count += row.quantity;
    group.items.push_back(std::move(item));
  }
  return view;
}

// ---------------------------------------------------------------- checkout

Result<std::vector<Order>> OrderService::Checkout(store::Connection& connection, int64_t buyer_id,
                                                  const ShippingAddress& address,
                                                  const std::vector<BuyNowItem>& buy_now,
                                                  const std::vector<ShippingChoice>& shipping) {
  std::vector<CartRow> wanted;
  bool from_cart = buy_now.empty();
  if (from_cart) {
    SHRIMP_ASSIGN_OR_RETURN(wanted, LoadCart(connection, buyer_id));
  } else {
    for (const BuyNowItem& item : buy_now) {
      bool merged = false;
      for (CartRow& row : wanted) {
        if (row.sku_id == item.sku_id) {
          row.quantity += item.quantity;
          merged = true;
        }
      }
      if (!merged) wanted.push_back({item.sku_id, item.quantity, 0});
    }
  }
  if (wanted.empty()) return Conflict("cart_empty", "the cart is empty");

  // Validate everything before writing anything: every SKU for sale, every
  // quantity in stock, every total representable.
  struct Line {
    catalog::SkuForSale sku;
    int64_t quantity;
  };
  std::vector<std::pair<int64_t, std::vector<Line>>> by_shop;  // in cart order
  for (const CartRow& row : wanted) {
    if (row.quantity < 1 || row.quantity > kLineQuantityMax) {
      return InvalidArgument("invalid_quantity", "quantity must be between 1 and 1000")
          .With("sku_id", std::to_string(row.sku_id));
    }
    SHRIMP_ASSIGN_OR_RETURN(auto sku, catalog::LoadSkuForSale(connection, row.sku_id));
    if (!sku) {
      return NotFound("sku_not_found", "no such SKU").With("sku_id", std::to_string(row.sku_id));
    }
    if (!sku->purchasable) {
      return Conflict("not_purchasable", "this product is not for sale right now")
          .With("sku_id", std::to_string(row.sku_id));
    }
    int64_t available = stock_.Available(row.sku_id);
    if (available < row.quantity) {
      return Conflict("out_of_stock", "not enough stock for " + sku->title)
          .With("sku_id", std::to_string(row.sku_id))
          .With("available", std::to_string(std::max<int64_t>(0, available)));
    }
    auto group = std::find_if(by_shop.begin(), by_shop.end(),
                              [&](const auto& entry) { return entry.first == sku->shop_id; });
    if (group == by_shop.end()) {
      by_shop.push_back({sku->shop_id, {}});
      group = by_shop.end() - 1;
    }
    group->second.push_back({std::move(*sku), row.quantity});
  }
  SHRIMP_RETURN_IF_ERROR(CheckUnpaidLimits(buyer_id, wanted, by_shop.size()));
  for (size_t index = 0; index < shipping.size(); ++index) {
    int64_t shop_id = shipping[index].shop_id;
    bool in_checkout = std::any_of(by_shop.begin(), by_shop.end(),
                                   [&](const auto& entry) { return entry.first == shop_id; });
    bool repeated =
        std::any_of(shipping.begin(), shipping.begin() + index,
                    [&](const ShippingChoice& other) { return other.shop_id == shop_id; });
    if (!in_checkout || repeated) {
      return InvalidArgument("invalid_field",
                             in_checkout ? "two shipping choices for one shop"
                                         : "a shipping choice for a shop not in this checkout")
          .With("field", "shipping[" + std::to_string(index) + "].shop_id");
    }
  }

  int64_t now_ms = clock_.NowMs();
  std::vector<Order> orders;
  // Prices the shop's chosen shipping (if any) into the order's total.
  auto AddShipping = [this, &address](store::Connection& connection, Order& order,
                                      const auto& lines,
                                      const std::vector<ShippingChoice>& choices) -> Status {
    auto choice = std::find_if(choices.begin(), choices.end(),
                               [&](const ShippingChoice& c) { return c.shop_id == order.shop_id; });
    if (choice == choices.end()) return OkStatus();
    if (!shipping_quoter_) {
      return Conflict("shipping_unavailable", "this marketplace does not price shipping");
    }
    int64_t weight_grams = 0;  // <= 100 lines x 1,000 units x 100 kg: no overflow
    for (const auto& line : lines) weight_grams += line.sku.weight_grams * line.quantity;
    SHRIMP_ASSIGN_OR_RETURN(ShippingQuote quote, shipping_quoter_(connection, order.shop_id,
                                                                  address, weight_grams, *choice));
    if (!(quote.fee.currency == order.total.currency)) {
      return Conflict("shipping_currency_mismatch",
                      "this option is priced in " + std::string(quote.fee.currency.code()) +
                          ", the order in " + std::string(order.total.currency.code()))
          .With("field", "shipping");
    }
    auto total = CheckedAdd(order.total.amount, quote.fee.amount);
    if (!total || *total > kAmountMax) {
      return InvalidArgument("amount_too_large", "the order total is too large");
    }
    order.total.amount = *total;
    order.shipping =
        OrderShipping{choice->carrier, choice->service, quote.fee, quote.promised_by_minutes};
    return OkStatus();
  };
  for (auto& [shop_id, lines] : by_shop) {
    Order order;
    order.shop_id = shop_id;
    order.buyer_id = buyer_id;
    order.shipping_address = address;
    order.created_at_ms = now_ms;
    order.expires_at_ms = now_ms + timers_.unpaid_ttl_ms;
    order.total = Money{0, lines.front().sku.price.currency};
    for (Line& line : lines) {
      OrderLine order_line;
      order_line.sku_id = line.sku.sku_id;
      order_line.product_id = line.sku.product_id;
      order_line.title = line.sku.title;
      order_line.attrs_json = line.sku.attrs_json;
      order_line.quantity = line.quantity;
      order_line.unit_price = line.sku.price;
      auto line_total = CheckedMul(line.sku.price.amount, line.quantity);
      auto total = line_total ? CheckedAdd(order.total.amount, *line_total) : std::nullopt;
      if (!total || *total > kAmountMax) {
        return InvalidArgument("amount_too_large", "the order total is too large");
      }
      order_line.line_total = Money{*line_total, line.sku.price.currency};
      order_line.commission_bps = commission_.RateFor(line.sku.category_id);
      order.total.amount = *total;
      order.lines.push_back(std::move(order_line));
    }
    SHRIMP_RETURN_IF_ERROR(AddShipping(connection, order, lines, shipping));
    orders.push_back(std::move(order));
  }

  // Write: orders, lines and reservations. A failure from here on fails the
  // job, and the writer rolls memory back with the database.
  store::Journal& journal = connection.journal();
  SHRIMP_ASSIGN_OR_RETURN(int64_t checkout_id, checkout_ids_.Next(connection));
  for (Order& order : orders) {
    SHRIMP_ASSIGN_OR_RETURN(order.id, order_ids_.Next(connection));
    SHRIMP_RETURN_IF_ERROR(InsertOrder(connection, order, checkout_id));
    OpenOrder open;
    for (const OrderLine& line : order.lines) {
      SHRIMP_RETURN_IF_ERROR(
          stock_.Reserve(connection, line.sku_id, line.quantity, order.id, now_ms));
      open.unpaid_lines.emplace_back(line.sku_id, line.quantity);
    }
    open.buyer_id = buyer_id;
    open.shop_id = order.shop_id;
    open.total = order.total;
    open.expires_at_ms = order.expires_at_ms;
    book_.Add(journal, order.id, std::move(open));
    OrderEventRecord created;
    created.status = OrderStatus::kPendingPayment;
    created.event = OrderEvent::kCreate;
    created.actor_id = buyer_id;
    created.at_ms = now_ms;
    order.events.push_back(created);
    SHRIMP_RETURN_IF_ERROR(FillShopName(connection, order));
    SHRIMP_RETURN_IF_ERROR(Publish(connection, OrderEvent::kCreate, order));
  }
  if (from_cart) SHRIMP_RETURN_IF_ERROR(ClearCart(connection, buyer_id));
  return orders;
}

// ---------------------------------------------------------------- transitions

Result<OpenOrder*> OrderService::Authorize(store::Connection& connection, const Actor& actor,
                                           int64_t order_id, Party party, OrderEvent event) {
  OpenOrder* order = book_.Find(order_id);
  int64_t buyer_id = 0, shop_id = 0;
  OrderStatus status = OrderStatus::kPendingPayment;
  if (order) {
    buyer_id = order->buyer_id;
    shop_id = order->shop_id;
    status = order->status;
  } else {
    // Unknown, or final: final orders are not in memory.
    store::Query query(connection,
                       "SELECT o.buyer_id, o.shop_id, (SELECT e.status FROM order_events e"
                       " WHERE e.order_id = o.id ORDER BY e.id DESC LIMIT 1) FROM orders o"
                       " WHERE o.id = ?");
    query.Bind(order_id);
    if (!query.Next()) {
      if (!query.ok()) return query.error();
      return NotFoundOrder();
    }
    buyer_id = query.Int(0);
    shop_id = query.Int(1);
    status = ParseStatus(query.Text(2)).value_or(OrderStatus::kCompleted);
  }
  bool is_buyer = actor.user_id == buyer_id;
  bool is_merchant = false;
  if (!is_buyer || party != Party::kBuyer) {
    SHRIMP_ASSIGN_OR_RETURN(auto owner, catalog::LoadShopOwner(connection, shop_id));
    is_merchant = owner && *owner == actor.user_id;
  }
  if (!is_buyer && !is_merchant && !actor.is_operator) return NotFoundOrder();
  bool allowed = false;
  switch (party) {
    case Party::kBuyer: allowed = is_buyer; break;
    case Party::kMerchant: allowed = is_merchant; break;
    case Party::kBuyerOrMerchant: allowed = is_buyer || is_merchant; break;
    case Party::kOperator: allowed = actor.is_operator; break;
    case Party::kMerchantOrSystem: allowed = is_merchant || actor.is_operator; break;
  }
  if (!allowed) {
    return Forbidden("not_allowed", "you may not " + std::string(EventName(event)) + " this order");
  }
  OrderStatus before_refund = order ? order->before_refund : OrderStatus::kPaid;
  auto next = Transition(status, event, before_refund);
  if (!next.ok()) return std::move(next).error();
  if (!order) return Internal("open order missing from the order book");
  return order;
}

Result<Order> OrderService::Record(store::Connection& connection, int64_t order_id,
                                   OpenOrder& order, OrderEvent event, OrderStatus next,
                                   OrderEventRecord record, int64_t transfer_id) {
  record.event = event;
  record.status = next;
  if (record.at_ms == 0) record.at_ms = clock_.NowMs();
  SHRIMP_RETURN_IF_ERROR(AppendEvent(connection, order_id, order.shop_id, record, transfer_id));
  if (IsFinal(next)) SHRIMP_RETURN_IF_ERROR(MarkClosed(connection, order_id));
  if (!observers_.empty()) {
    OrderFact fact{order_id, order.shop_id, order.buyer_id, order.total,   event,
                   next,     record.at_ms,  record.amount,  record.outcome};
    for (OrderObserver* observer : observers_) observer->OnOrderEvent(connection.journal(), fact);
  }
  // `order` may be gone after this.
  book_.Apply(connection.journal(), order_id, event, next, record.at_ms);
  SHRIMP_ASSIGN_OR_RETURN(Order reloaded, Reload(connection, order_id));
  SHRIMP_RETURN_IF_ERROR(Publish(connection, event, reloaded));
  if (IsFinal(next)) {
    for (OrderObserver* observer : observers_)
      observer->OrderClosed(connection.journal(), reloaded);
  }
  return reloaded;
}

Status OrderService::Publish(store::Connection& connection, OrderEvent event, const Order& order) {
  if (!event_sink_) return OkStatus();
  auto emit = [&](std::string_view type) { return event_sink_(connection, type, order); };
  switch (event) {
    case OrderEvent::kCreate: return emit("order.created");
    case OrderEvent::kPay: return emit("order.paid");
    case OrderEvent::kCancel:
    case OrderEvent::kExpire: return emit("order.cancelled");
    case OrderEvent::kShip: return emit("order.shipped");
    case OrderEvent::kDeliver: return emit("order.delivered");
    case OrderEvent::kConfirm: return emit("order.completed");
    case OrderEvent::kRequestRefund: return emit("refund.opened");
    case OrderEvent::kAcceptRefund:
      SHRIMP_RETURN_IF_ERROR(emit("refund.resolved"));
      return emit("order.refunded");
    case OrderEvent::kDeclineRefund: return emit("refund.resolved");
    case OrderEvent::kDispute: return emit("dispute.opened");
    case OrderEvent::kResolve: return emit("dispute.resolved");
  }
  return OkStatus();
}

Status OrderService::MoveOrderStock(store::Connection& connection, int64_t order_id, bool ship) {
  store::Query lines(connection, "SELECT sku_id, quantity FROM order_lines WHERE order_id = ?");
  lines.Bind(order_id);
  std::vector<std::pair<int64_t, int64_t>> moved;
  while (lines.Next()) moved.emplace_back(lines.Int(0), lines.Int(1));
  SHRIMP_RETURN_IF_ERROR(lines.status());
  int64_t now_ms = clock_.NowMs();
  for (auto [sku_id, quantity] : moved) {
    SHRIMP_RETURN_IF_ERROR(ship ? stock_.Ship(connection, sku_id, quantity, order_id, now_ms)
                                : stock_.Release(connection, sku_id, quantity, order_id, now_ms));
  }
  return OkStatus();
}

Status OrderService::CheckUnpaidLimits(int64_t buyer_id, const std::vector<CartRow>& wanted,
                                       size_t new_orders) const {
  UnpaidHolds holds = book_.Unpaid(buyer_id);
  if (holds.orders + static_cast<int64_t>(new_orders) > kUnpaidOrdersPerBuyerMax) {
    return Conflict("too_many_unpaid_orders", "pay or cancel your unpaid orders first: at most " +
                                                  std::to_string(kUnpaidOrdersPerBuyerMax) +
                                                  " may wait for payment")
        .With("unpaid_orders", holds.orders);
  }
  for (const CartRow& row : wanted) {
    auto held = holds.units_by_sku.find(row.sku_id);
    int64_t units = row.quantity + (held == holds.units_by_sku.end() ? 0 : held->second);
    if (units > kUnpaidUnitsPerSkuMax) {
      return Conflict("too_many_unpaid_units", "pay or cancel your unpaid orders first: at most " +
                                                   std::to_string(kUnpaidUnitsPerSkuMax) +
                                                   " units of one SKU may wait for payment")
          .With("sku_id", row.sku_id);
    }
  }
  return OkStatus();
}

Result<Order> OrderService::Pay(store::Connection& connection, const Actor& actor,
                                int64_t order_id) {
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order,
                          Authorize(connection, actor, order_id, Party::kBuyer, OrderEvent::kPay));
  int64_t now_ms = clock_.NowMs();
  SHRIMP_ASSIGN_OR_RETURN(int64_t hold_id, escrow_.Hold(connection, order->buyer_id, order->shop_id,
                                                        order->total, order_id, now_ms));
  book_.Touch(connection.journal(), order_id);
  order->hold_transfer_id = hold_id;
  OrderEventRecord record;
  record.actor_id = actor.user_id;
  record.amount = order->total.amount;
  return Record(connection, order_id, *order, OrderEvent::kPay, OrderStatus::kPaid, record,
                hold_id);
}

Result<Order> OrderService::Cancel(store::Connection& connection, const Actor& actor,
                                   int64_t order_id) {
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order,
                          Authorize(connection, actor, order_id, Party::kBuyerOrMerchant,
                                    OrderEvent::kCancel));
  int64_t now_ms = clock_.NowMs();
  if (order->status == OrderStatus::kPaid) {
    SHRIMP_RETURN_IF_ERROR(escrow_.Void(connection, order->hold_transfer_id, order_id, now_ms));
  }
  SHRIMP_RETURN_IF_ERROR(MoveOrderStock(connection, order_id, false));
  OrderEventRecord record;
  record.actor_id = actor.user_id;
  return Record(connection, order_id, *order, OrderEvent::kCancel, OrderStatus::kCancelled, record,
                0);
}

Result<Order> OrderService::Ship(store::Connection& connection, const Actor& actor,
                                 int64_t order_id, const std::string& carrier,
                                 const std::string& tracking_number) {
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order, Authorize(connection, actor, order_id,
                                                       Party::kMerchant, OrderEvent::kShip));
  // The goods leave the warehouse: their reservation becomes a sale.
  SHRIMP_RETURN_IF_ERROR(MoveOrderStock(connection, order_id, true));
  OrderEventRecord record;
  record.actor_id = actor.user_id;
  record.carrier = carrier;
  record.tracking_number = tracking_number;
  return Record(connection, order_id, *order, OrderEvent::kShip, OrderStatus::kShipped, record, 0);
}

Result<Order> OrderService::Deliver(store::Connection& connection, const Actor& actor,
                                    int64_t order_id) {
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order, Authorize(connection, actor, order_id,
                                                       Party::kOperator, OrderEvent::kDeliver));
  OrderEventRecord record;
  record.actor_id = actor.user_id;
  return Record(connection, order_id, *order, OrderEvent::kDeliver, OrderStatus::kDelivered, record,
                0);
}

Result<std::optional<Order>> OrderService::CarrierDelivered(store::Connection& connection,
                                                            int64_t order_id) {
  OpenOrder* order = book_.Find(order_id);
  if (!order || order->status != OrderStatus::kShipped) return std::optional<Order>();
  SHRIMP_ASSIGN_OR_RETURN(Order delivered,
                          Record(connection, order_id, *order, OrderEvent::kDeliver,
                                 OrderStatus::kDelivered, OrderEventRecord{}, 0));
  return std::optional<Order>(std::move(delivered));
}

Result<std::optional<Order>> OrderService::CarrierLost(store::Connection& connection,
                                                       int64_t order_id,
                                                       const std::string& reason) {
  OpenOrder* order = book_.Find(order_id);
  if (!order) return std::optional<Order>();
  if (order->status == OrderStatus::kShipped) {
    book_.Touch(connection.journal(), order_id);
    order->refund_amount = order->total.amount;
    OrderEventRecord record;
    record.amount = order->total.amount;
    record.reason = reason;
    SHRIMP_RETURN_IF_ERROR(Record(connection, order_id, *order, OrderEvent::kRequestRefund,
                                  OrderStatus::kRefundRequested, record, 0)
                               .status());
    order = book_.Find(order_id);
    if (!order) return Internal("open order missing from the order book");
  } else if (order->status == OrderStatus::kRefundRequested) {
    // The buyer asked for part of it already; a lost parcel is refunded whole.
    book_.Touch(connection.journal(), order_id);
    order->refund_amount = order->total.amount;
  } else {
    return std::optional<Order>();
  }
  SHRIMP_ASSIGN_OR_RETURN(Order refunded,
                          Settle(connection, order_id, *order, order->total.amount, 0,
                                 OrderEvent::kAcceptRefund, OrderStatus::kRefunded, "lost"));
  return std::optional<Order>(std::move(refunded));
}

Result<Order> OrderService::Settle(store::Connection& connection, int64_t order_id,
                                   OpenOrder& order, int64_t refund_amount, int64_t actor_id,
                                   OrderEvent event, OrderStatus next, std::string outcome) {
  int64_t now_ms = clock_.NowMs();
  // Stock comes back only when the goods never left: a full refund before shipping.
  bool never_shipped = order.shipped_at_ms == 0;
  if (refund_amount >= order.total.amount) {
    SHRIMP_RETURN_IF_ERROR(escrow_.Void(connection, order.hold_transfer_id, order_id, now_ms));
    if (never_shipped) SHRIMP_RETURN_IF_ERROR(MoveOrderStock(connection, order_id, false));
  } else {
    SHRIMP_ASSIGN_OR_RETURN(auto full, LoadOrder(connection, order_id));
    if (!full) return Internal("open order missing from the store");
    int64_t posted = order.total.amount - refund_amount;
    // The carrier is paid first from what is released: a partial refund
    // comes out of the goods, and commission is charged on goods only.
    int64_t shipping_fee = std::min(full->shipping.fee.amount, posted);
    int64_t commission = full->CommissionOn(posted - shipping_fee);
    SHRIMP_RETURN_IF_ERROR(escrow_.Release(connection, order.hold_transfer_id, order.shop_id,
                                           order.total, posted, commission, shipping_fee, order_id,
                                           now_ms));
  }
  OrderEventRecord record;
  record.actor_id = actor_id;
  record.amount = refund_amount;
  record.outcome = std::move(outcome);
  return Record(connection, order_id, order, event, next, record, 0);
}

Result<Order> OrderService::Confirm(store::Connection& connection, const Actor& actor,
                                    int64_t order_id) {
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order, Authorize(connection, actor, order_id, Party::kBuyer,
                                                       OrderEvent::kConfirm));
  return Settle(connection, order_id, *order, 0, actor.user_id, OrderEvent::kConfirm,
                OrderStatus::kCompleted, "");
}

Result<Order> OrderService::RequestRefund(store::Connection& connection, const Actor& actor,
                                          int64_t order_id, const RefundRequest& request) {
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order, Authorize(connection, actor, order_id, Party::kBuyer,
                                                       OrderEvent::kRequestRefund));
  int64_t amount = request.amount.value_or(order->total.amount);
  if (amount < 1 || amount > order->total.amount) {
    return InvalidArgument("invalid_refund_amount", "amount must be between 1 and the order total")
        .With("field", "amount");
  }
  book_.Touch(connection.journal(), order_id);
  order->refund_amount = amount;
  OrderEventRecord record;
  record.actor_id = actor.user_id;
  record.amount = amount;
  record.reason = request.reason;
  return Record(connection, order_id, *order, OrderEvent::kRequestRefund,
                OrderStatus::kRefundRequested, record, 0);
}

Result<Order> OrderService::AnswerRefund(store::Connection& connection, const Actor& actor,
                                         int64_t order_id, bool accept) {
  OrderEvent event = accept ? OrderEvent::kAcceptRefund : OrderEvent::kDeclineRefund;
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order,
                          Authorize(connection, actor, order_id, Party::kMerchant, event));
  if (accept) {
    return Settle(connection, order_id, *order, order->refund_amount, actor.user_id, event,
                  OrderStatus::kRefunded, "refund");
  }
  OrderEventRecord record;
  record.actor_id = actor.user_id;
  return Record(connection, order_id, *order, event, order->before_refund, record, 0);
}

Result<Order> OrderService::Dispute(store::Connection& connection, const Actor& actor,
                                    int64_t order_id, const std::string& reason) {
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order,
                          Authorize(connection, actor, order_id, Party::kBuyerOrMerchant,
                                    OrderEvent::kDispute));
  OrderEventRecord record;
  record.actor_id = actor.user_id;
  record.reason = reason;
  return Record(connection, order_id, *order, OrderEvent::kDispute, OrderStatus::kDisputed, record,
                0);
}

Result<Order> OrderService::Resolve(store::Connection& connection, const Actor& actor,
                                    int64_t order_id, const std::string& outcome) {
  if (outcome != "refund" && outcome != "release") {
    return InvalidArgument("invalid_field", "outcome must be \"refund\" or \"release\"")
        .With("field", "outcome");
  }
  SHRIMP_ASSIGN_OR_RETURN(OpenOrder * order, Authorize(connection, actor, order_id,
                                                       Party::kOperator, OrderEvent::kResolve));
  int64_t refund = outcome == "refund" ? order->total.amount : 0;
  return Settle(connection, order_id, *order, refund, actor.user_id, OrderEvent::kResolve,
                OrderStatus::kResolved, outcome);
}

Result<int64_t> OrderService::RunTimers(store::Connection& connection) {
  int64_t now_ms = clock_.NowMs();
  store::Journal& journal = connection.journal();
  int64_t moved = 0;
  // Each order in its own savepoint: one that cannot move (a bug) is logged
  // and left for the next start, and never holds the others back.
  auto isolated = [&](int64_t order_id, const char* what, auto&& step) -> Status {
    if (book_.Find(order_id) == nullptr) return OkStatus();  // moved on already
    size_t mark = journal.Mark();
    SHRIMP_RETURN_IF_ERROR(store::Query(connection, "SAVEPOINT timer_order").Run());
    Status status = step();
    if (status.ok()) {
      moved += 1;
    } else {
      SHRIMP_RETURN_IF_ERROR(store::Query(connection, "ROLLBACK TO timer_order").Run());
      journal.RollbackTo(mark);
      // Due again at the next tick; a duplicate deadline entry is harmless.
      book_.Reschedule(order_id);
      spdlog::error("timers: {} of order {} failed: {}; retrying at the next tick", what, order_id,
                    status.error().message);
    }
    return store::Query(connection, "RELEASE timer_order").Run();
  };
  for (int64_t order_id : book_.DueExpiries(journal, now_ms, kTimerBatchMax)) {
    SHRIMP_RETURN_IF_ERROR(isolated(order_id, "expiry", [&]() -> Status {
      OpenOrder* order = book_.Find(order_id);
      if (!order) return OkStatus();
      SHRIMP_RETURN_IF_ERROR(MoveOrderStock(connection, order_id, false));
      return Record(connection, order_id, *order, OrderEvent::kExpire, OrderStatus::kCancelled, {},
                    0)
          .status();
    }));
  }
  for (int64_t order_id : book_.DueCompletions(journal, now_ms, kTimerBatchMax)) {
    SHRIMP_RETURN_IF_ERROR(isolated(order_id, "auto-complete", [&]() -> Status {
      OpenOrder* order = book_.Find(order_id);
      if (!order) return OkStatus();
      return Settle(connection, order_id, *order, 0, 0, OrderEvent::kConfirm,
                    OrderStatus::kCompleted, "auto_complete")
          .status();
    }));
  }
  return moved;
}

// ---------------------------------------------------------------- reads

Status OrderService::FillShopName(store::Connection& connection, Order& order) {
  SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, order.shop_id));
  if (shop) order.shop_name = shop->name;
  return OkStatus();
}

Result<Order> OrderService::Reload(store::Connection& connection, int64_t order_id) {
  SHRIMP_ASSIGN_OR_RETURN(auto order, LoadOrder(connection, order_id));
  if (!order) return NotFoundOrder();
  SHRIMP_RETURN_IF_ERROR(FillShopName(connection, *order));
  return std::move(*order);
}

Result<Order> OrderService::GetOrder(store::Connection& connection, const Actor& actor,
                                     int64_t order_id) const {
  SHRIMP_ASSIGN_OR_RETURN(Order order, Reload(connection, order_id));
  if (order.buyer_id != actor.user_id && !actor.is_operator) {
    SHRIMP_ASSIGN_OR_RETURN(auto owner, catalog::LoadShopOwner(connection, order.shop_id));
    if (!owner || *owner != actor.user_id) return NotFoundOrder();
  }
  return order;
}

Result<std::vector<Order>> OrderService::ListOrders(store::Connection& connection,
                                                    const OrderFilter& filter) const {
  SHRIMP_ASSIGN_OR_RETURN(auto listed, orders::ListOrders(connection, filter));
  for (Order& order : listed) SHRIMP_RETURN_IF_ERROR(FillShopName(connection, order));
  return listed;
}

}  // namespace shrimp::orders
