// A real full disk: the data directory on a small tmpfs that the test fills
// with a file. Writes must be answered 507 storage_full (never a dropped
// connection or an abort), reads keep working, a restart on the full disk
// serves reads and refuses writes, and once space is freed writes succeed
// again and `shrimp check` passes.
//
// Mounting needs root (or CAP_SYS_ADMIN): the test fails, saying so, rather
// than skipping, like every suite that cannot run.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "testing/market.h"
#include "testing/server_process.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::ServerProcess;

constexpr const char* kMountSize = "size=6m";

class SmallDisk {
 public:
  SmallDisk() : path_(testing::MakeTempDir()) {
    if (::mount("shrimp-full-disk", path_.c_str(), "tmpfs", 0, kMountSize) != 0) {
      error_ = std::string(
                   "cannot mount a tmpfs for the full-disk test (needs root or "
                   "CAP_SYS_ADMIN): ") +
               std::strerror(errno);
    }
  }
  ~SmallDisk() {
    if (error_.empty()) ::umount2(path_.c_str(), MNT_DETACH);
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& error() const { return error_; }
  std::string data_dir() const { return path_ + "/data"; }

  // Writes a filler file until the disk refuses more (ENOSPC).
  void Fill() {
    std::ofstream out(Filler(), std::ios::binary | std::ios::app);
    std::string block(4096, 'x');
    while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) out.flush();
  }
  void Free() { std::filesystem::remove(Filler()); }

 private:
  std::string Filler() const { return path_ + "/filler"; }
  std::string path_;
  std::string error_;
};

// A write that needs new pages: a top-up with its own key. Returns the status.
int TopUp(Market& market, const std::string& token, int key) {
  auto client = market.Client();
  auto response = client.Post("/api/v1/wallet/top-ups",
                              R"({"amount":{"amount":100,"currency":"CNY"},"provider":"sandbox"})",
                              token, {{"Idempotency-Key", "full-" + std::to_string(key)}});
  if (response.status >= 500) {
    EXPECT_NE(response.body.find("storage_full"), std::string::npos) << response.body;
  }
  return response.status;
}

TEST(FullDisk, WritesAre507ReadsWorkAndARestartOnAFullDiskServes) {
  SmallDisk disk;
  ASSERT_TRUE(disk.error().empty()) << disk.error();
  std::string token;
  testing::ShopFixture shop;
  {
    ServerProcess server(SHRIMP_BINARY, disk.data_dir(), {"--sandbox"});
    ASSERT_GT(server.port(), 0);
    Market market(server.port());
    shop = market.OpenShop("Full", "CNY", {1000}, 100);
    token = market.Buyer("full@example.com", 100'000);

    disk.Fill();
    // The WAL may still hold free pages, so a few writes can succeed; the
    // disk must refuse one within a bounded number, and every refusal is 507.
    int refused = 0;
    for (int key = 0; key < 2000 && refused < 5; ++key) {
      int status = TopUp(market, token, key);
      ASSERT_TRUE(status == 201 || status == 200 || status == 507) << status;
      if (status == 507) ++refused;
    }
    ASSERT_EQ(refused, 5) << "the full disk never refused a write";
    auto client = market.Client();
    EXPECT_EQ(client.Get("/healthz").status, 200);
    EXPECT_EQ(client.Get("/api/v1/products").status, 200);
    EXPECT_EQ(client.Get("/api/v1/wallet", token).status, 200);
    EXPECT_EQ(server.Terminate(), 0);
  }
  {
    // Restart with the disk still full: reads are served, writes refused.
    ServerProcess server(SHRIMP_BINARY, disk.data_dir(), {"--sandbox"});
    ASSERT_GT(server.port(), 0) << "the server did not start on a full disk";
    Market market(server.port());
    auto client = market.Client();
    EXPECT_EQ(client.Get("/api/v1/products").status, 200);
    EXPECT_EQ(client.Get("/api/v1/wallet", token).status, 200);
    int refused = 0;
    for (int key = 10'000; key < 12'000 && refused < 3; ++key) {
      if (TopUp(market, token, key) == 507) ++refused;
    }
    EXPECT_EQ(refused, 3);

    // Space comes back: the same server writes again.
    disk.Free();
    EXPECT_EQ(TopUp(market, token, 20'000), 201);
    auto ids = market.BuyNow(token, shop.sku_ids[0], 1);
    EXPECT_EQ(ids.size(), 1u);
    EXPECT_EQ(server.Terminate(), 0);
  }
  std::string command = std::string(SHRIMP_BINARY) + " check --data " + disk.data_dir();
  EXPECT_EQ(std::system(command.c_str()), 0) << "shrimp check failed after the full disk";
}

}  // namespace
}  // namespace shrimp
