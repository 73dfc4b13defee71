// Micro-benchmarks of the ledger's write path in-process: transfers per
// second through Ledger::CreateTransfer (validation, hot balances, the
// append-only row), batched in transactions as the writer does.
#include <benchmark/benchmark.h>

#include <string>

#include "testing/temp_ledger.h"

namespace shrimp {
namespace {

using ledger::AccountKind;
using ledger::TransferRequest;

// Transfers committed in one transaction, as one group-commit batch would.
constexpr int kBatch = 256;

void BM_LedgerTransfer(benchmark::State& state) {
  testing::TempLedger temp;
  int64_t funding = temp.Account(AccountKind::kProviderFunding, 0, "CNY");
  int64_t wallet = temp.Account(AccountKind::kWallet, 1, "CNY");
  Currency cny = *Currency::Parse("CNY");
  int64_t next = 0;
  for (auto _ : state) {
    (void)temp.connection().Exec("BEGIN");
    for (int i = 0; i < kBatch; ++i) {
      TransferRequest request;
      request.idempotency_key = "bench/" + std::to_string(next++);
      request.debit_account_id = funding;
      request.credit_account_id = wallet;
      request.amount = 100;
      request.currency = cny;
      request.code = ledger::TransferCode::kTopUp;
      request.reference_kind = ledger::ReferenceKind::kTopUp;
      request.reference_id = next;
      auto outcome = temp.ledger().CreateTransfer(temp.connection(), request);
      if (!outcome.ok() || !outcome->ok()) state.SkipWithError("transfer failed");
    }
    (void)temp.connection().Exec("COMMIT");
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_LedgerTransfer)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Escrow: hold (pending) then post, the pair every paid order makes.
void BM_LedgerEscrowHoldAndPost(benchmark::State& state) {
  testing::TempLedger temp;
  int64_t wallet = temp.Account(AccountKind::kWallet, 1, "CNY");
  int64_t funding = temp.Account(AccountKind::kProviderFunding, 0, "CNY");
  int64_t escrow = temp.Account(AccountKind::kEscrow, 0, "CNY");
  Currency cny = *Currency::Parse("CNY");
  TransferRequest top_up;
  top_up.idempotency_key = "bench/top-up";
  top_up.debit_account_id = funding;
  top_up.credit_account_id = wallet;
  top_up.amount = 1'000'000'000'000;
  top_up.currency = cny;
  top_up.code = ledger::TransferCode::kTopUp;
  top_up.reference_kind = ledger::ReferenceKind::kTopUp;
  (void)temp.ledger().CreateTransfer(temp.connection(), top_up);
  int64_t next = 0;
  for (auto _ : state) {
    (void)temp.connection().Exec("BEGIN");
    for (int i = 0; i < kBatch; ++i) {
      ++next;
      TransferRequest hold;
      hold.idempotency_key = "bench/hold/" + std::to_string(next);
      hold.debit_account_id = wallet;
      hold.credit_account_id = escrow;
      hold.amount = 100;
      hold.currency = cny;
      hold.code = ledger::TransferCode::kOrderPayment;
      hold.flags = ledger::kTransferPending;
      hold.reference_kind = ledger::ReferenceKind::kOrder;
      hold.reference_id = next;
      auto held = temp.ledger().CreateTransfer(temp.connection(), hold);
      if (!held.ok() || !held->ok()) {
        state.SkipWithError("hold failed");
        break;
      }
      TransferRequest post = hold;
      post.idempotency_key = "bench/post/" + std::to_string(next);
      post.flags = ledger::kTransferPostPending;
      post.pending_id = held->transfer_id;
      auto posted = temp.ledger().CreateTransfer(temp.connection(), post);
      if (!posted.ok() || !posted->ok()) state.SkipWithError("post failed");
    }
    (void)temp.connection().Exec("COMMIT");
  }
  state.SetItemsProcessed(state.iterations() * kBatch * 2);
}
BENCHMARK(BM_LedgerEscrowHoldAndPost)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace shrimp
