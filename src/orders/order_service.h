// OrderService: carts, checkout and every order transition, with the money
// and stock they move.
//
// Every mutating method runs on the writer thread inside a writer job (see
// api/write_path.h) and takes the job's connection: it validates against the
// hot state (stock, open orders, balances), appends rows, then updates the
// hot state, each change journaled (store/journal.h). Any failure returns an
// error and the writer rolls back the job's rows and its memory changes
// together, so memory and disk never disagree.
//
// Read methods take a pooled read connection and may run on any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/stock_levels.h"
#include "core/clock.h"
#include "core/money.h"
#include "orders/commission.h"
#include "orders/order.h"
#include "orders/order_book.h"
#include "orders/order_observer.h"
#include "store/id_sequence.h"
#include "orders/order_store.h"
#include "payments/escrow.h"
#include "store/db.h"

namespace shrimp::orders {

inline constexpr int64_t kCartLinesMax = 100;
inline constexpr int64_t kLineQuantityMax = 1000;
inline constexpr size_t kTimerBatchMax = 500;  // timer actions per writer job
// What one buyer may hold in orders waiting for payment, so that a buyer with
// an empty wallet cannot lock a shop's stock (a multi-shop cart makes one
// order per shop).
inline constexpr int64_t kUnpaidOrdersPerBuyerMax = 20;
inline constexpr int64_t kUnpaidUnitsPerSkuMax = 100;

// Who acts. Operators may act on any order where the rules let them.
struct Actor {
  int64_t user_id = 0;
  bool is_operator = false;
};

struct CartItemView {
  int64_t sku_id = 0;
  int64_t product_id = 0;
  std::string title;
  std::string attrs_json;
  int64_t quantity = 0;
  Money unit_price;
  Money line_total;
  int64_t available = 0;
  bool purchasable = true;
};

struct CartGroup {
  int64_t shop_id = 0;
  std::string shop_name;
  std::string shop_city;
  std::vector<CartItemView> items;
  Money subtotal;
};

struct CartView {
  std::vector<CartGroup> groups;
  int64_t item_count = 0;
};

struct BuyNowItem {
  int64_t sku_id = 0;
  int64_t quantity = 0;
};

// The shipping a buyer picks for one shop's order at checkout.
struct ShippingChoice {
  int64_t shop_id = 0;
  std::string carrier;  // a network carrier id
  std::string service;  // "express" | "standard"
};

// What a choice costs and promises; the fee must be in the order's currency.
struct ShippingQuote {
  Money fee;
  int64_t promised_by_minutes = 0;  // UTC minutes
};

// Prices `choice` for a parcel of `weight_grams` from the shop's city to the
// address's city; its errors are the buyer's to fix (unknown_carrier,
// invalid_service, unknown_city, no_route, no_rate, invalid_weight,
// shipping_option_unavailable). The app wires it to the delivery network
// (logistics/shipping_quoter.h), so orders never depend on logistics.
// Called on the writer thread inside the checkout job; must not write.
using ShippingQuoter =
    std::function<Result<ShippingQuote>(store::Connection&, int64_t shop_id,
                                        const ShippingAddress& address, int64_t weight_grams,
                                        const ShippingChoice& choice)>;

struct RefundRequest {
  std::string reason;
  std::optional<int64_t> amount;  // minor units; default: the whole total
};

// Called inside the writer job of every order change, after the change, with
// the partner event type ("order.paid", "refund.opened"...) and the order as
// it now is; its error fails the job, so the change and its event commit
// together or not at all (partners/outbox.h). The app wires it to the outbox.
using OrderEventSink =
    std::function<Status(store::Connection&, std::string_view type, const Order& order)>;

class OrderService {
 public:
  OrderService(const Clock& clock, catalog::StockLevels& stock, payments::Escrow& escrow,
               CommissionPolicy& commission, OrderTimers timers);

  // Writer thread, at start.
  [[nodiscard]] Status Load(store::Connection& connection);
  // REQUIRES: before the writer starts.
  void SetEventSink(OrderEventSink sink) { event_sink_ = std::move(sink); }
  // REQUIRES: before the writer starts. Without one, a shipping choice at
  // checkout is refused (shipping_unavailable).
  void SetShippingQuoter(ShippingQuoter quoter) { shipping_quoter_ = std::move(quoter); }

  // --- Writer-thread operations (inside a writer job) ---
  // Sets the quantity of a SKU in the cart (adds it if absent).
  [[nodiscard]] Status SetCartItem(store::Connection& connection, int64_t buyer_id, int64_t sku_id,
                                   int64_t quantity, bool add);
  [[nodiscard]] Status RemoveCartItem(store::Connection& connection, int64_t buyer_id,
                                      int64_t sku_id);
  // Turns the cart (or `buy_now` items, leaving the cart alone) into one order
  // per shop, reserving all stock or none. A shop's order with a `shipping`
  // choice adds the quoted fee to its total; one without has no fee (the
  // merchant ships at its own cost, as before shipping was priced). Errors:
  // cart_empty, out_of_stock, sku_not_found, not_purchasable,
  // invalid_quantity, invalid_field (a choice for a shop not in the
  // checkout, or two for one shop), shipping_currency_mismatch and the
  // quoter's errors.
  [[nodiscard]] Result<std::vector<Order>> Checkout(
      store::Connection& connection, int64_t buyer_id, const ShippingAddress& address,
      const std::vector<BuyNowItem>& buy_now, const std::vector<ShippingChoice>& shipping = {});
  [[nodiscard]] Result<Order> Pay(store::Connection& connection, const Actor& actor,
                                  int64_t order_id);
  [[nodiscard]] Result<Order> Cancel(store::Connection& connection, const Actor& actor,
                                     int64_t order_id);
  [[nodiscard]] Result<Order> Ship(store::Connection& connection, const Actor& actor,
                                   int64_t order_id, const std::string& carrier,
                                   const std::string& tracking_number);
  // An operator's override only: a merchant never marks its own order
  // delivered (that would start the clock that releases its money). Carrier
  // shipments are delivered by the carrier's event (CarrierDelivered);
  // self-delivered orders complete on the buyer's confirmation.
  [[nodiscard]] Result<Order> Deliver(store::Connection& connection, const Actor& actor,
                                      int64_t order_id);
  // The carrier's `delivered` event (logistics/shipments.h): a shipped order
  // moves to delivered and its auto-complete clock starts. nullopt when the
  // order is no longer shipped (a refund request, a dispute, closed): the
  // event is recorded on the shipment and the order is left to its parties.
  [[nodiscard]] Result<std::optional<Order>> CarrierDelivered(store::Connection& connection,
                                                              int64_t order_id);
  // The carrier declared the parcel lost: the buyer gets the whole total back
  // without the merchant's consent (a refund request by the system, accepted
  // by the system; stock stays sold, the goods are gone). nullopt when the
  // order is neither shipped nor waiting on a refund request.
  [[nodiscard]] Result<std::optional<Order>> CarrierLost(store::Connection& connection,
                                                         int64_t order_id,
                                                         const std::string& reason);
  [[nodiscard]] Result<Order> Confirm(store::Connection& connection, const Actor& actor,
                                      int64_t order_id);
  [[nodiscard]] Result<Order> RequestRefund(store::Connection& connection, const Actor& actor,
                                            int64_t order_id, const RefundRequest& request);
  [[nodiscard]] Result<Order> AnswerRefund(store::Connection& connection, const Actor& actor,
                                           int64_t order_id, bool accept);
  [[nodiscard]] Result<Order> Dispute(store::Connection& connection, const Actor& actor,
                                      int64_t order_id, const std::string& reason);
  // outcome: "refund" (buyer gets everything back) or "release" (shop is paid).
  [[nodiscard]] Result<Order> Resolve(store::Connection& connection, const Actor& actor,
                                      int64_t order_id, const std::string& outcome);
  // Expires unpaid orders and auto-completes due ones, at most kTimerBatchMax.
  // Returns how many orders it moved.
  [[nodiscard]] Result<int64_t> RunTimers(store::Connection& connection);

  // --- Reads (any thread, any connection) ---
  [[nodiscard]] Result<CartView> LoadCartView(store::Connection& connection,
                                              int64_t buyer_id) const;
  // The order if `actor` may see it (buyer, shop owner, operator), else order_not_found.
  [[nodiscard]] Result<Order> GetOrder(store::Connection& connection, const Actor& actor,
                                       int64_t order_id) const;

  [[nodiscard]] Result<std::vector<Order>> ListOrders(store::Connection& connection,
                                                      const OrderFilter& filter) const;

  const OrderTimers& timers() const { return timers_; }
  // Adds an observer told of every order event and every order that closes,
  // inside the writer job (see orders/order_observer.h).
  // REQUIRES: before the writer starts; `observer` outlives the service.
  void AddObserver(OrderObserver* observer) { observers_.push_back(observer); }
  // Compares the open orders in memory with a fresh rebuild from the tables
  // and the next checkout id. REQUIRES: writer thread.
  [[nodiscard]] Status CheckBook(store::Connection& connection) const;
  // Writer thread: the auto-complete deadline of an open order, if running.
  std::optional<int64_t> AutoCompleteAt(int64_t order_id);

 private:
  enum class Party { kBuyer, kMerchant, kBuyerOrMerchant, kOperator, kMerchantOrSystem };
  // Finds the open order and checks who may act; final or unknown orders give
  // invalid_transition or order_not_found.
  Result<OpenOrder*> Authorize(store::Connection& connection, const Actor& actor, int64_t order_id,
                               Party party, OrderEvent event);
  // Appends the event, moves the hot state, closes final orders, reloads.
  Result<Order> Record(store::Connection& connection, int64_t order_id, OpenOrder& order,
                       OrderEvent event, OrderStatus next, OrderEventRecord record,
                       int64_t transfer_id);
  // Hands the events `event` makes of `order` to the sink.
  Status Publish(store::Connection& connection, OrderEvent event, const Order& order);
  // Loads an order with its shop's name.
  static Result<Order> Reload(store::Connection& connection, int64_t order_id);
  static Status FillShopName(store::Connection& connection, Order& order);
  // Releases (ship = false) or ships the reservation of every line.
  Status MoveOrderStock(store::Connection& connection, int64_t order_id, bool ship);
  // Errors: too_many_unpaid_orders, too_many_unpaid_units (kConflict).
  Status CheckUnpaidLimits(int64_t buyer_id, const std::vector<CartRow>& wanted,
                           size_t new_orders) const;
  Result<Order> Settle(store::Connection& connection, int64_t order_id, OpenOrder& order,
                       int64_t refund_amount, int64_t actor_id, OrderEvent event, OrderStatus next,
                       std::string outcome);

  const Clock& clock_;
  catalog::StockLevels& stock_;
  payments::Escrow& escrow_;
  CommissionPolicy& commission_;
  OrderTimers timers_;
  OrderBook book_;
  // Hot state behind store::IdSequence (the in-memory kind here).
  store::MemoryIdSequence order_ids_{"orders", "id"};
  store::MemoryIdSequence checkout_ids_{"orders", "checkout_id"};
  OrderEventSink event_sink_;
  ShippingQuoter shipping_quoter_;
  std::vector<OrderObserver*> observers_;
};

}  // namespace shrimp::orders
