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
                                                      ledger::AccountKind::kProviderFunding, 0,
                                                      cny));
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
  ASSERT_TRUE(
      server.app()
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
    auto topped =
        client.Post("/api/v1/wallet/top-ups",
                    R"({"amount":{"amount":1,"currency":"CNY"},"provider":"sandbox"})", buyer);
    ASSERT_EQ(topped.status, 201) << topped.body;
    ++total;
    if (checking) ++during;
  }
  checker.join();
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_TRUE(checked.json["ok"].GetBool()) << checked.body;
  std::cout << "ledger check over " << kSeedTransfers << " transfers took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(check_time).count() << " ms; "
            << during << " writes completed meanwhile" << std::endl;
  // On the writer thread the check let at most the one write batched with
  // it through; on a snapshot, writes go on.
  EXPECT_GE(during, 3);
  EXPECT_EQ(market.WalletAvailable(buyer, "CNY"), total);
  auto again = server.app().CheckInvariants();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST(LedgerCheck, ListsTheProblemsOfFrozenBooks) {
  // Books broken behind the server's back: a wallet pays out more than it
  // holds. Start-up then freezes the ledger; the check must still list it.
  FakeClock clock(1'795'000'000'000);
  api::AppOptions options = testing::FastTestOptions();
  options.data_dir = testing::MakeTempDir();
  options.timer_interval_ms = 0;
  {
    auto app = api::App::Open(options, clock);
    ASSERT_TRUE(app.ok()) << app.error().message;
    Currency cny = *Currency::Parse("CNY");
    auto seeded =
        (*app)->writer().Run<int64_t>([&](store::Connection& connection) -> Result<int64_t> {
          SHRIMP_ASSIGN_OR_RETURN(auto top_up,
                                  (*app)->wallets().CreateTopUp(connection, 7, Money{100, cny},
                                                                "sandbox"));
          return top_up.id;
        });
    ASSERT_TRUE(seeded.ok()) << seeded.error().message;
    auto broken =
        (*app)->writer().Run<int64_t>([&](store::Connection& connection) -> Result<int64_t> {
          auto wallet = (*app)->ledger().Lookup(ledger::AccountKind::kWallet, 7, cny);
          auto provider = (*app)->ledger().Lookup(ledger::AccountKind::kProviderFunding, 0, cny);
          store::Query insert(connection,
                              "INSERT INTO ledger_transfers (idempotency_key, debit_account_id,"
                              " credit_account_id, amount, currency, code, flags, reference_kind,"
                              " reference_id, rate_ppm, created_at)"
                              " VALUES ('tamper', ?, ?, 5000, 'CNY', 0, 0, '', 0, 0, 0)");
          insert.Bind(*wallet, *provider);
          SHRIMP_RETURN_IF_ERROR(insert.Run());
          return int64_t{1};
        });
    ASSERT_TRUE(broken.ok()) << broken.error().message;
  }
  auto reopened = api::App::Open(options, clock);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  auto problems = (*reopened)->CheckInvariants();
  ASSERT_TRUE(problems.ok()) << problems.error().message;
  ASSERT_FALSE(problems->empty());
  bool named = false;
  for (const std::string& problem : *problems) {
    if (problem.find("may not go negative") != std::string::npos) named = true;
  }
  EXPECT_TRUE(named) << problems->front();
}

}  // namespace
}  // namespace shrimp
