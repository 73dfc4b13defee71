// Shipments over real HTTP: a merchant ships with a network carrier, the
// carrier (with its API key) posts tracking events that are validated,
// applied once, and drive the order; a lost parcel refunds the buyer.
#include <gtest/gtest.h>

#include "logistics/time_zone.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::HttpResult;
using testing::Market;
using testing::TestServer;

class ShipmentsTest : public ::testing::Test {
 protected:
  ShipmentsTest() : server_(testing::FastTestOptions()), market_(server_.port()) {
    EXPECT_TRUE(
        server_.app()
            .accounts()
            .SignUp("ops@example.com", "correct horse battery", "Ops", accounts::Role::kOperator)
            .ok());
    ops_ = market_.Login("ops@example.com");
    shop_ = market_.OpenShop("Ship Tea", "CNY", {20}, 1000);
    buyer_ = market_.Buyer("ship-buyer@example.com", 100000);
    swift_ = IssueKey("swiftpost");
    silk_ = IssueKey("silkroute");
  }
  void TearDown() override {
    auto problems = server_.app().CheckInvariants();
    ASSERT_TRUE(problems.ok()) << problems.error().message;
    for (const std::string& problem : *problems) ADD_FAILURE() << "invariant: " << problem;
  }
  std::string IssueKey(const std::string& carrier) {
    auto issued = client_.Post("/api/v1/admin/carriers/" + carrier + "/keys", "", ops_);
    EXPECT_EQ(issued.status, 201) << issued.body;
    return issued.json.IsObject() ? issued.json["key"].GetString() : "";
  }
  std::string OrderPath(int64_t id, const std::string& action = "") {
    return "/api/v1/orders/" + std::to_string(id) + action;
  }
  // A paid order shipped with swiftpost; returns {order id, shipment id}.
  std::pair<int64_t, int64_t> Shipped(const std::string& service = "express") {
    auto ids = market_.BuyNow(buyer_, shop_.sku_ids[0], 1);
    EXPECT_EQ(ids.size(), 1u);
    int64_t id = ids.at(0);
    EXPECT_EQ(client_.Post(OrderPath(id, "/pay"), "{}", buyer_).status, 200);
    auto shipped = client_.Post(OrderPath(id, "/ship"),
                                R"({"carrier":"swiftpost","service":")" + service + "\"}",
                                shop_.merchant_token);
    EXPECT_EQ(shipped.status, 200) << shipped.body;
    auto tracking = client_.Get(OrderPath(id, "/tracking"), buyer_);
    EXPECT_EQ(tracking.status, 200) << tracking.body;
    return {id, tracking.json["shipment"]["id"].GetInt64()};
  }
  // Minutes from now, as ISO.
  std::string At(int64_t minutes_from_now) {
    return logistics::FormatIsoMinutes(server_.clock().NowMs() / 60'000 + minutes_from_now);
  }
  HttpResult Event(int64_t shipment, const std::string& key, const std::string& event_id,
                   const std::string& type, const std::string& at, const std::string& extra = "") {
    return client_.Post("/api/v1/shipments/" + std::to_string(shipment) + "/events",
                        R"({"event_id":")" + event_id + R"(","type":")" + type + R"(","at":")" +
                            at + "\"" + extra + "}",
                        key);
  }
  std::string OrderStatus(int64_t id) {
    return client_.Get(OrderPath(id), buyer_).json["status"].GetString();
  }

  TestServer server_;
  Market market_;
  testing::HttpClient client_ = server_.Client();
  std::string ops_, buyer_, swift_, silk_;
  testing::ShopFixture shop_;
};

TEST_F(ShipmentsTest, ShippingWithANetworkCarrierPlansARouteAndAPromise) {
  auto [order, shipment] = Shipped();
  auto tracking = client_.Get(OrderPath(order, "/tracking"), buyer_);
  ASSERT_EQ(tracking.status, 200) << tracking.body;
  const auto& s = tracking.json["shipment"];
  EXPECT_STREQ(s["carrier_id"].GetString(), "swiftpost");
  EXPECT_STREQ(s["service"].GetString(), "express");
  EXPECT_STREQ(s["status"].GetString(), "label_created");
  EXPECT_STREQ(s["from_city"].GetString(), "hangzhou");
  EXPECT_STREQ(s["to_city"].GetString(), "paris");
  EXPECT_EQ(std::string(s["tracking_number"].GetString()).rfind("SWI", 0), 0u);
  ASSERT_GE(s["legs"].Size(), 2u);
  EXPECT_STREQ(s["legs"][0]["kind"].GetString(), "first_mile");
  // The promise is never before the planned route's delivery.
  EXPECT_GE(std::string(s["promised_by"].GetString()), std::string(s["eta"].GetString()));
  EXPECT_TRUE(tracking.json["self_delivery"].IsNull());
  EXPECT_STREQ(tracking.json["order_status"].GetString(), "shipped");
  // The merchant and an operator see it too; another buyer does not.
  EXPECT_EQ(client_.Get(OrderPath(order, "/tracking"), shop_.merchant_token).status, 200);
  EXPECT_EQ(client_.Get(OrderPath(order, "/tracking"), ops_).status, 200);
  std::string stranger = market_.Buyer("stranger@example.com");
  EXPECT_EQ(client_.Get(OrderPath(order, "/tracking"), stranger).status, 404);
  // The carrier reads its shipment; another carrier gets 404.
  EXPECT_EQ(client_.Get("/api/v1/shipments/" + std::to_string(shipment), swift_).status, 200);
  EXPECT_EQ(client_.Get("/api/v1/shipments/" + std::to_string(shipment), silk_).status, 404);
  // The outbox has shipment.created.
  auto events = client_.Get("/api/v1/events?type=shipment.created", shop_.merchant_token);
  ASSERT_EQ(events.status, 200) << events.body;
  EXPECT_EQ(events.json["items"].Size(), 1u);
}

TEST_F(ShipmentsTest, BadShipRequestsChangeNothing) {
  auto ids = market_.BuyNow(buyer_, shop_.sku_ids[0], 1);
  ASSERT_EQ(client_.Post(OrderPath(ids[0], "/pay"), "{}", buyer_).status, 200);
  auto bad_service =
      client_.Post(OrderPath(ids[0], "/ship"), R"({"carrier":"swiftpost","service":"teleport"})",
                   shop_.merchant_token);
  EXPECT_EQ(bad_service.status, 400);
  EXPECT_EQ(bad_service.ErrorCode(), "invalid_service");
  auto both =
      client_.Post(OrderPath(ids[0], "/ship"), R"({"carrier":"swiftpost","tracking_number":"X1"})",
                   shop_.merchant_token);
  EXPECT_EQ(both.status, 400);
  auto no_number =
      client_.Post(OrderPath(ids[0], "/ship"), R"({"carrier":"My Van"})", shop_.merchant_token);
  EXPECT_EQ(no_number.ErrorCode(), "missing_field");
  auto by_buyer = client_.Post(OrderPath(ids[0], "/ship"), R"({"carrier":"swiftpost"})", buyer_);
  EXPECT_EQ(by_buyer.status, 403);
  EXPECT_EQ(OrderStatus(ids[0]), "paid");
  // A buyer in a city off the network: unknown_city, nothing shipped.
  auto far = client_.Post(
      "/api/v1/checkout",
      R"({"shipping_address":{"name":"A","line1":"1 St","city":"Atlantis","postal_code":"1","country":"FR"},"items":[{"sku_id":)" +
          std::to_string(shop_.sku_ids[0]) + R"(,"quantity":1}]})",
      buyer_, {{"Idempotency-Key", "far-1"}});
  ASSERT_EQ(far.status, 201) << far.body;
  int64_t far_id = far.json["orders"][0]["id"].GetInt64();
  ASSERT_EQ(client_.Post(OrderPath(far_id, "/pay"), "{}", buyer_).status, 200);
  auto off =
      client_.Post(OrderPath(far_id, "/ship"), R"({"carrier":"swiftpost"})", shop_.merchant_token);
  EXPECT_EQ(off.status, 409) << off.body;
  EXPECT_EQ(off.ErrorCode(), "unknown_city");
  EXPECT_EQ(OrderStatus(far_id), "paid");
  // Self-delivery still works, and has no shipment.
  ASSERT_EQ(client_
                .Post(OrderPath(far_id, "/ship"), R"({"carrier":"My Van","tracking_number":"V1"})",
                      shop_.merchant_token)
                .status,
            200);
  auto tracking = client_.Get(OrderPath(far_id, "/tracking"), buyer_);
  EXPECT_TRUE(tracking.json["shipment"].IsNull());
  EXPECT_STREQ(tracking.json["self_delivery"]["tracking_number"].GetString(), "V1");
  // The merchant cannot mark it delivered; the buyer confirms.
  EXPECT_EQ(client_.Post(OrderPath(far_id, "/deliver"), "", shop_.merchant_token).status, 403);
  EXPECT_EQ(client_.Post(OrderPath(far_id, "/confirm"), "", buyer_).status, 200);
}

TEST_F(ShipmentsTest, TheCarriersDeliveredEventDeliversTheOrder) {
  auto [order, shipment] = Shipped();
  server_.clock().AdvanceMs(60 * 60'000);
  auto picked = Event(shipment, swift_, "e1", "picked_up", At(-50));
  ASSERT_EQ(picked.status, 201) << picked.body;
  EXPECT_STREQ(picked.json["shipment"]["status"].GetString(), "picked_up");
  auto arrived = Event(shipment, swift_, "e2", "arrived_hub", At(-10), R"(,"hub":"HGH")");
  ASSERT_EQ(arrived.status, 201) << arrived.body;
  EXPECT_STREQ(arrived.json["shipment"]["status"].GetString(), "in_transit");
  // The ETA is recomputed from the hub: never before the event.
  EXPECT_GE(std::string(arrived.json["shipment"]["eta"].GetString()), At(-10));

  // Once per event id: a replay changes nothing; the same id with another event is refused.
  auto replay = Event(shipment, swift_, "e2", "arrived_hub", At(-10), R"(,"hub":"HGH")");
  EXPECT_EQ(replay.status, 200) << replay.body;
  EXPECT_TRUE(replay.json["replayed"].GetBool());
  EXPECT_EQ(replay.json["shipment"]["events"].Size(), 2u);
  auto reused = Event(shipment, swift_, "e2", "departed_hub", At(-5), R"(,"hub":"HGH")");
  EXPECT_EQ(reused.status, 409);
  EXPECT_EQ(reused.ErrorCode(), "event_id_reused");

  // Another carrier, a user, a merchant: not theirs.
  EXPECT_EQ(Event(shipment, silk_, "x", "picked_up", At(-5)).ErrorCode(), "shipment_not_found");
  EXPECT_EQ(Event(shipment, shop_.merchant_token, "x", "delivered", At(-5)).status, 401);
  EXPECT_EQ(Event(999999, swift_, "x", "picked_up", At(-5)).status, 404);

  // Bad events, each with its code.
  EXPECT_EQ(Event(shipment, swift_, "b1", "teleported", At(-5)).ErrorCode(), "invalid_event_type");
  EXPECT_EQ(Event(shipment, swift_, "b2", "arrived_hub", At(-5), R"(,"hub":"ZZZ")").ErrorCode(),
            "unknown_hub");
  EXPECT_EQ(Event(shipment, swift_, "b3", "arrived_hub", At(-5)).ErrorCode(), "missing_field");
  EXPECT_EQ(Event(shipment, swift_, "b4", "departed_hub", At(60), R"(,"hub":"HGH")").ErrorCode(),
            "event_in_future");
  EXPECT_EQ(Event(shipment, swift_, "b5", "picked_up", At(-600)).ErrorCode(),
            "event_before_shipment");
  EXPECT_EQ(Event(shipment, swift_, "b6", "exception", At(-5)).ErrorCode(), "missing_field");
  EXPECT_EQ(Event(shipment, swift_, "b7", "picked_up", "yesterday").ErrorCode(), "invalid_time");
  // Backwards: a pick-up after the parcel reached the hub contradicts it.
  EXPECT_EQ(Event(shipment, swift_, "b8", "picked_up", At(-5)).ErrorCode(), "event_out_of_order");
  // A late but consistent event is fine: departed before arrival was recorded later.
  auto late = Event(shipment, swift_, "e3", "departed_hub", At(-40), R"(,"hub":"HGH")");
  EXPECT_EQ(late.status, 201) << late.body;
  EXPECT_STREQ(late.json["shipment"]["status"].GetString(), "in_transit");
  EXPECT_EQ(OrderStatus(order), "shipped");

  ASSERT_EQ(Event(shipment, swift_, "e4", "out_for_delivery", At(-2)).status, 201);
  auto delivered = Event(shipment, swift_, "e5", "delivered", At(0));
  ASSERT_EQ(delivered.status, 201) << delivered.body;
  EXPECT_STREQ(delivered.json["shipment"]["status"].GetString(), "delivered");
  EXPECT_STREQ(delivered.json["order_status"].GetString(), "delivered");
  auto order_json = client_.Get(OrderPath(order), buyer_);
  EXPECT_STREQ(order_json.json["status"].GetString(), "delivered");
  EXPECT_FALSE(order_json.json["auto_complete_at"].IsNull()) << order_json.body;
  EXPECT_EQ(Event(shipment, swift_, "e6", "exception", At(0), R"(,"reason":"damaged")").ErrorCode(),
            "shipment_closed");
  // The events are in the outbox, in the timeline, in time order.
  auto tracking = client_.Get(OrderPath(order, "/tracking"), buyer_);
  const auto& events = tracking.json["shipment"]["events"];
  ASSERT_EQ(events.Size(), 5u);
  EXPECT_STREQ(events[0]["type"].GetString(), "picked_up");
  EXPECT_STREQ(events[1]["type"].GetString(), "departed_hub");
  EXPECT_STREQ(events[4]["type"].GetString(), "delivered");
  auto outbox = client_.Get("/api/v1/events?type=shipment.event", buyer_);
  EXPECT_EQ(outbox.json["items"].Size(), 5u);
  // The auto-complete clock pays the shop.
  server_.clock().AdvanceMs(11 * kMsPerDay);
  ASSERT_TRUE(server_.app().RunTimersOnce().ok());
  EXPECT_EQ(OrderStatus(order), "completed");
}

TEST_F(ShipmentsTest, ALostParcelRefundsTheBuyerWithoutTheMerchant) {
  int64_t before = market_.WalletAvailable(buyer_, "CNY");
  auto [order, shipment] = Shipped("standard");
  EXPECT_EQ(market_.WalletAvailable(buyer_, "CNY"), before - 1000);
  server_.clock().AdvanceMs(60 * 60'000);
  ASSERT_EQ(Event(shipment, swift_, "p", "picked_up", At(-30)).status, 201);
  // A failed attempt is not final.
  auto attempt =
      Event(shipment, swift_, "f", "exception", At(-20), R"(,"reason":"failed_attempt")");
  ASSERT_EQ(attempt.status, 201) << attempt.body;
  EXPECT_STREQ(attempt.json["shipment"]["status"].GetString(), "exception");
  auto lost = Event(shipment, swift_, "l", "exception", At(-1), R"(,"reason":"lost")");
  ASSERT_EQ(lost.status, 201) << lost.body;
  EXPECT_STREQ(lost.json["shipment"]["status"].GetString(), "lost");
  EXPECT_STREQ(lost.json["order_status"].GetString(), "refunded");
  EXPECT_EQ(OrderStatus(order), "refunded");
  EXPECT_EQ(market_.WalletAvailable(buyer_, "CNY"), before);
  EXPECT_EQ(market_.ShopBalance(shop_.merchant_token, shop_.shop_id),
            (std::pair<int64_t, int64_t>(0, 0)));
  EXPECT_EQ(Event(shipment, swift_, "d", "delivered", At(0)).ErrorCode(), "shipment_closed");
  // Idempotency-Key replays answer the stored response.
  auto keyed = [&] {
    return client_.Post("/api/v1/shipments/" + std::to_string(shipment) + "/events",
                        R"({"event_id":"l","type":"exception","at":")" + At(-1) +
                            R"(","reason":"lost"})",
                        swift_, {{"Idempotency-Key", "lost-1"}});
  };
  EXPECT_EQ(keyed().status, 200);
  EXPECT_EQ(keyed().Header("Idempotent-Replayed"), "true");
}

}  // namespace
}  // namespace shrimp
