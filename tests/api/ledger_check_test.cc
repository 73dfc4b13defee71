// GET /api/v1/admin/ledger-check on a store with history: the scan runs on a
// read snapshot, so writes keep completing while it runs, and what they
// change while it runs is never reported as a problem.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "ledger/ledger.h"
#include "payments/accounts.h"
#include "testing/market.h"
#include "testing/test_server.h"

namespace shrimp {
namespace {

using testing::Market;
using testing::TestServer;

// Enough history that a scan takes far longer than a write.
constexpr int64_t kSeedTransfers = 300'000;

// Moves one fen at a time from the provider to a wallet, kTransferBatchMax
// transfers per writer job, as years of top-ups would.
void SeedHistory(api::App& app) {
  Currency cny = *Currency::Parse("CNY");
  for (int64_t next = 0; next < kSeedTransfers;) {
    auto seeded = app.writer().Run<int64_t>([&](store::Connection& connection) -> Result<int64_t> {
      SHRIMP_ASSIGN_OR_RETURN(int64_t provider,
                              payments::EnsureAccount(app.ledger(), connection,
                                                      ledger::AccountKind::kProviderFunding, 0, cny));
      SHRIMP_ASSIGN_OR_RETURN(int64_t wallet,
                              payments::EnsureAccount(app.ledger(), connection,
                                                      ledger::AccountKind::kWallet, 999'999, cny));
      std::vector<ledger::TransferRequest> requests(ledger::kTransferBatchMax);
      for (auto& request : requests) {
        request.idempotency_key = "seed/" + std::to_string(next++);
        request.debit_account_id = provider;
        request.credit_account_id = wallet;
        request.amount = 1;
        request.currency = cny;
      }
      SHRIMP_RETURN_IF_ERROR(app.ledger().CreateTransfers(connection, requests).status());
      return next;
    });
    ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  }
}

TEST(LedgerCheck, WritesKeepFlowingWhileACheckScansHistory) {
  TestServer server(testing::FastTestOptions());
  Market market(server.port());
  ASSERT_NO_FATAL_FAILURE(SeedHistory(server.app()));
  ASSERT_TRUE(server.app()
                  .accounts()
                  .SignUp("op@example.com", "correct horse battery", "Op", accounts::Role::kOperator)
                  .ok());
  std::string ops = market.Login("op@example.com");
  std::string buyer = market.Buyer("ana@example.com");

  std::atomic<bool> checking{true};
  testing::HttpResult checked;
  std::chrono::steady_clock::duration check_time{};
  std::thread checker([&] {
    auto started = std::chrono::steady_clock::now();
    checked = server.Client().Get("/api/v1/admin/ledger-check", ops);
    check_time = std::chrono::steady_clock::now() - started;
    checking = false;
  });
  // Top-ups while the check runs; each is a writer job with a commit.
  auto client = server.Client();
  int64_t during = 0, total = 0;
  while (checking) {
    auto topped = client.Post("/api/v1/wallet/top-ups",
                              R"({"amount":{"amount":1,"currency":"CNY"},"provider":"sandbox"})", buyer);
    ASSERT_EQ(topped.status, 201) << topped.body;
    ++total;
    if (checking) ++during;
  }
  checker.join();
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_TRUE(checked.json["ok"].GetBool()) << checked.body;
  std::cout << "ledger check over " << kSeedTransfers << " transfers took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(check_time).count()
            << " ms; " << during << " writes completed meanwhile" << std::endl;
  // On the writer thread the check let at most the one write batched with
  // it through; on a snapshot, writes go on.
  EXPECT_GE(during, 3);
  EXPECT_EQ(market.WalletAvailable(buyer, "CNY"), total);
  auto again = server.app().CheckInvariants();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

}  // namespace
}  // namespace shrimp
