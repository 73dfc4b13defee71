// Failover end to end: `shrimp serve` processes on one PostgreSQL database
// whose primary has a synchronous standby (testing/postgres_replica_set.h),
// all given the multi-host URL. Under checkout load the primary is killed
// with kill -9 and the standby promoted. Every order answered 2xx must exist
// afterwards, every wallet must equal its top-up less its paid orders, the
// books must balance (`shrimp check --db`), and every server must serve
// checkouts again within kRecoveryMax; the times are printed.
//
// Three runs (see CMakeLists.txt, "failover"), all in `make test`:
// - Failover.OneServerRestartedOnTheUrl...: one server, restarted after the
//   promotion.
// - Failover.OneServerFindsTheNewPrimary...: one server that reconnects by
//   itself (the writer and the read pool).
// - Failover.TwoServers...: two servers on one database (store/cluster.h)
//   that find the new primary by themselves.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include "testing/market.h"
#include "testing/postgres_replica_set.h"
#include "testing/server_process.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using Clock = std::chrono::steady_clock;
using testing::Market;
using testing::PostgresReplicaSet;
using testing::ServerProcess;

constexpr int kServersMax = 2;
constexpr int kBuyers = 4;  // buyer i checks out on server i % servers
constexpr int64_t kPrice = 100;
constexpr int64_t kTopUp = 1'000'000;
constexpr auto kLoadBeforeKill = std::chrono::milliseconds(1000);
constexpr auto kLoadAfterRecovery = std::chrono::milliseconds(500);
// A refused checkout (503 while the database is away) is retried after this.
constexpr auto kRetryPause = std::chrono::milliseconds(5);
// The bound on "the servers serve again": kill -9 to the first checkout
// answered 201 on each server.
constexpr auto kRecoveryMax = std::chrono::seconds(30);

enum class Recovery {
  kReconnect,  // the servers keep running and find the new primary
  kRestart,    // the servers are restarted once the standby is promoted
};

struct Placed {
  int64_t order_id = 0;
  int buyer = 0;
  bool paid = false;  // pay answered 200
};

int64_t Milliseconds(Clock::duration duration) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

int64_t Ticks(Clock::time_point when) { return when.time_since_epoch().count(); }

class Failover : public ::testing::Test {
 protected:
  void Run(int server_count, Recovery recovery);

 private:
  void StartServers(int server_count);
  // Checkouts (and pay) by buyer `buyer` on its server until `stop_`.
  void Load(int buyer);
  // Checks out on every server until one is answered 201 on each, or the
  // bound: how the restarted servers are timed.
  void Probe();
  void Verify();

  std::unique_ptr<PostgresReplicaSet> set_;
  std::string url_;
  std::vector<std::string> data_dirs_;
  std::vector<std::unique_ptr<ServerProcess>> servers_;
  testing::ShopFixture shop_;
  std::vector<std::string> buyers_;

  std::mutex mutex_;
  std::vector<Placed> placed_;  // checkouts answered 201
  std::atomic<bool> stop_ = false;
  // When the kill began, and when every process of the primary was gone
  // (steady clock ticks; 0 before).
  std::atomic<int64_t> kill_started_ = 0;
  std::atomic<int64_t> kill_done_ = 0;
  // Per server: the first checkout sent after the kill and answered 201, in
  // ms from the kill.
  std::array<std::atomic<int64_t>, kServersMax> recovered_ms_;
};

void Failover::StartServers(int server_count) {
  for (int index = 0; index < server_count; ++index) {
    if (static_cast<int>(data_dirs_.size()) <= index) data_dirs_.push_back(testing::MakeTempDir());
    servers_.push_back(
        std::make_unique<ServerProcess>(SHRIMP_BINARY, data_dirs_[index],
                                        std::vector<std::string>{"--db", url_, "--sandbox"}));
    ASSERT_GT(servers_.back()->port(), 0) << "server " << index << " did not start";
  }
}

void Failover::Load(int buyer) {
  int server = buyer % static_cast<int>(servers_.size());
  while (!stop_) {
    try {
      Market market(servers_[server]->port());
      auto client = market.Client();
      while (!stop_) {
        int64_t sent = Ticks(Clock::now());
        auto ids = market.BuyNow(buyers_[buyer], shop_.sku_ids[0], 1);
        if (ids.empty()) {
          std::this_thread::sleep_for(kRetryPause);
          continue;
        }
        if (kill_done_ != 0 && sent > kill_done_ && recovered_ms_[server] < 0) {
          recovered_ms_[server] =
              Milliseconds(Clock::duration(Ticks(Clock::now()) - kill_started_));
        }
        auto paid =
            client.Post("/api/v1/orders/" + std::to_string(ids[0]) + "/pay", "{}", buyers_[buyer]);
        std::lock_guard lock(mutex_);
        placed_.push_back({ids[0], buyer, paid.status == 200});
      }
    } catch (const std::exception&) {
      // A connection the server closed: open another.
    }
  }
}

void Failover::Probe() {
  for (size_t server = 0; server < servers_.size(); ++server) {
    int buyer = static_cast<int>(server);
    Market market(servers_[server]->port());
    while (Clock::now() < Clock::time_point(Clock::duration(kill_started_)) + kRecoveryMax) {
      auto ids = market.BuyNow(buyers_[buyer], shop_.sku_ids[0], 1);
      if (!ids.empty()) {
        recovered_ms_[server] = Milliseconds(Clock::duration(Ticks(Clock::now()) - kill_started_));
        std::lock_guard lock(mutex_);
        placed_.push_back({ids[0], buyer, false});
        break;
      }
      std::this_thread::sleep_for(kRetryPause);
    }
  }
}

void Failover::Run(int server_count, Recovery recovery) {
  for (auto& value : recovered_ms_) value = -1;
  auto set = PostgresReplicaSet::Start();
  ASSERT_TRUE(set.ok()) << set.error().message;
  set_ = std::move(set).value();
  url_ = set_->FailoverUrl();
  StartServers(server_count);
  if (HasFailure()) return;

  Market setup(servers_[0]->port());
  shop_ = setup.OpenShop("Failover", "CNY", {100'000}, kPrice);
  ASSERT_EQ(shop_.sku_ids.size(), 1u);
  for (int index = 0; index < kBuyers; ++index) {
    buyers_.push_back(setup.Buyer("failover" + std::to_string(index) + "@example.com", kTopUp));
  }

  std::vector<std::thread> load;
  for (int buyer = 0; buyer < kBuyers; ++buyer) load.emplace_back([this, buyer] { Load(buyer); });
  std::this_thread::sleep_for(kLoadBeforeKill);
  auto killed_at = Clock::now();
  kill_started_ = Ticks(killed_at);
  Status killed = set_->KillPrimary();
  kill_done_ = Ticks(Clock::now());
  Status promoted = killed.ok() ? set_->PromoteStandby() : killed;
  auto promoted_after = Clock::now() - killed_at;
  if (recovery == Recovery::kReconnect) {
    while (Clock::now() - killed_at < kRecoveryMax &&
           (recovered_ms_[0] < 0 || (server_count > 1 && recovered_ms_[1] < 0))) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(kLoadAfterRecovery);
  }
  stop_ = true;
  for (auto& thread : load) thread.join();
  ASSERT_TRUE(killed.ok()) << killed.error().message;
  ASSERT_TRUE(promoted.ok()) << promoted.error().message;
  if (recovery == Recovery::kRestart) {
    for (auto& server : servers_) server->Terminate();
    servers_.clear();
    StartServers(server_count);
    if (HasFailure()) return;
    Probe();
  }
  bool all_recovered = true;
  for (int server = 0; server < server_count; ++server) {
    if (recovered_ms_[server] >= 0) continue;
    all_recovered = false;
    ADD_FAILURE() << "server " << server + 1 << " served no checkout within "
                  << kRecoveryMax.count() << " s of the kill";
  }
  std::printf(
      "[ figures  ] %d server(s), %s: %zu checkouts answered 201; kill -9 of the primary "
      "to the standby promoted: %lld ms; to the first checkout answered 201 on server 1: "
      "%lld ms",
      server_count, recovery == Recovery::kRestart ? "restarted" : "reconnecting", placed_.size(),
      static_cast<long long>(Milliseconds(promoted_after)),
      static_cast<long long>(recovered_ms_[0].load()));
  if (server_count > 1) {
    std::printf(", on server 2: %lld ms", static_cast<long long>(recovered_ms_[1].load()));
  }
  std::printf("\n");
  // A server that does not serve cannot show the orders either.
  if (all_recovered) Verify();
}

void Failover::Verify() {
  // Every order answered 201 exists, on every server; every pay answered 200
  // stuck. The first few of each kind are named.
  constexpr size_t kNamedMax = 10;
  for (size_t server = 0; server < servers_.size(); ++server) {
    auto client = Market(servers_[server]->port()).Client();
    std::vector<int64_t> gone;
    std::vector<int64_t> unpaid;
    for (const Placed& order : placed_) {
      auto read =
          client.Get("/api/v1/orders/" + std::to_string(order.order_id), buyers_[order.buyer]);
      if (read.status != 200) {
        gone.push_back(order.order_id);
      } else if (order.paid && std::string(read.json["status"].GetString()) == "pending_payment") {
        unpaid.push_back(order.order_id);
      }
    }
    auto named = [&](const std::vector<int64_t>& ids) {
      std::string text;
      for (size_t index = 0; index < ids.size() && index < kNamedMax; ++index) {
        text += " " + std::to_string(ids[index]);
      }
      return text;
    };
    EXPECT_TRUE(gone.empty()) << gone.size() << " orders answered 201 are not found on server "
                              << server + 1 << ":" << named(gone);
    EXPECT_TRUE(unpaid.empty()) << unpaid.size() << " orders paid (200) are unpaid on server "
                                << server + 1 << ":" << named(unpaid);
  }
  // Each buyer's wallet is the top-up less what their paid orders hold, on
  // every server. A server shows balances as of its last writer batch
  // (store/cluster.h): one that has not written since the other's last
  // payment catches up within its timers' tick (1 s), hence the bound.
  constexpr auto kCatchUpMax = std::chrono::seconds(3);
  Market market(servers_.back()->port());
  auto client = market.Client();
  for (const std::string& token : buyers_) {
    int64_t listed_paid = 0;
    std::string after;
    for (int page = 0; page < 1000; ++page) {
      auto listed = client.Get("/api/v1/orders?status=paid&limit=100" + after, token);
      ASSERT_EQ(listed.status, 200) << listed.body;
      listed_paid += listed.json["items"].Size();
      if (listed.json["next_after"].IsNull()) break;
      after = "&after=" + std::to_string(listed.json["next_after"].GetInt64());
    }
    for (auto& server : servers_) {
      Market on(server->port());
      auto deadline = Clock::now() + kCatchUpMax;
      int64_t shown = on.WalletAvailable(token, "CNY");
      while (shown != kTopUp - listed_paid * kPrice && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        shown = on.WalletAvailable(token, "CNY");
      }
      EXPECT_EQ(shown, kTopUp - listed_paid * kPrice) << "on the server at port " << server->port();
    }
  }
  for (auto& server : servers_) server->Terminate();

  std::string check = std::string(SHRIMP_BINARY) + " check --data " + data_dirs_[0] + " --db '" +
                      url_ + "' > /dev/null";
  EXPECT_EQ(std::system(check.c_str()), 0) << "shrimp check failed after the failover";
  for (const std::string& dir : data_dirs_) std::filesystem::remove_all(dir);
}

TEST_F(Failover, OneServerRestartedOnTheUrlLosesNoAnsweredOrder) { Run(1, Recovery::kRestart); }

TEST_F(Failover, OneServerFindsTheNewPrimaryByItselfAndLosesNoAnsweredOrder) {
  Run(1, Recovery::kReconnect);
}

TEST_F(Failover, TwoServersLoseNoAnsweredOrderAndServeAgainAfterThePrimaryDies) {
  Run(2, Recovery::kReconnect);
}

}  // namespace
}  // namespace shrimp
