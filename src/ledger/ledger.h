// Ledger: the double-entry engine holding every account balance in memory,
// the Books (books.h) of the single-writer SQLite mode.
//
// The Ledger is writer-thread state (DESIGN.md, "Storage and the write
// path"). Its mutators run inside store::Writer jobs on the writer's
// connection: each validates a request against the in-memory balances,
// appends its rows (`ledger_accounts`, `ledger_transfers`), and only then
// updates the balances, recording the undo in the connection's journal
// (store/journal.h). A refused request changes nothing; a failed write
// returns its error and changes nothing in memory; and when the enclosing
// job fails later, the writer rolls the balances back with its savepoint.
// So a job may call the Ledger at any step and fail freely afterwards.
//
// Threading:
//   - Load, EnsureAccount, CreateTransfers and the other mutators:
//     REQUIRES the writer thread (or no writer running), and the writer's
//     connection.
//   - Balance, GetAccount, Lookup, Accounts, fx(): any thread. They read
//     what the writer last published, under a shared lock held only while
//     copying.
//
// Transfer ids are assigned by the engine, consecutively from 1 in commit
// order; callers name requests by idempotency_key and learn the id from the
// outcome (e.g. to post or void a pending transfer later).
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/clock.h"
#include "core/money.h"
#include "core/result.h"
#include "ledger/account.h"
#include "ledger/books.h"
#include "ledger/fx.h"
#include "ledger/recent_keys.h"
#include "ledger/transfer.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::ledger {

// Snapshots kept: the newest, and one before it in case an operator wants
// to compare. Older ones are deleted when a new one is written.
inline constexpr int64_t kLedgerSnapshotsKept = 2;

struct LedgerOptions {
  // How many recent transfers' key hashes stay in memory (recent_keys.h).
  size_t transfer_keys_in_memory_max = kTransferKeysInMemoryMax;
};

class Ledger final : public Books {
 public:
  explicit Ledger(const Clock& clock, LedgerOptions options = {});
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // The `ledger` domain's tables: ledger_accounts, ledger_transfers, fx_rates.
  static std::vector<store::Migration> Migrations();

  // ---- writer thread ----

  // Rebuilds every account, balance, active pending transfer, idempotency key
  // and FX rate from the tables in one streaming pass, replacing the current
  // state. Errors: internal when the tables are inconsistent (a transfer on
  // an unknown account, a resolution of no active pending transfer, overflow).
  [[nodiscard]] Status Load(store::Connection& connection);

  // ---- Books (books.h): inside a writer job ----
  [[nodiscard]] Result<int64_t> EnsureAccount(store::Connection& connection, AccountKind kind,
                                              int64_t owner_id, Currency currency,
                                              uint32_t flags) override;
  [[nodiscard]] Result<std::vector<TransferOutcome>> CreateTransfers(
      store::Connection& connection, std::span<const TransferRequest> requests) override;
  [[nodiscard]] Result<TransferOutcome> CreateTransfer(store::Connection& connection,
                                                       const TransferRequest& request) override;
  [[nodiscard]] Result<std::vector<TransferOutcome>> CreateLinkedTransfers(
      store::Connection& connection, std::vector<TransferRequest> requests) override;
  [[nodiscard]] Status SetFxRate(store::Connection& connection, Currency base, Currency quote,
                                 int64_t rate_ppm) override;
  [[nodiscard]] Result<std::vector<TransferRequest>> PrepareCrossCurrency(
      store::Connection& connection, const CrossCurrencyPayment& payment) override;

  // From now on refuses every mutation (new accounts, transfers, FX rates)
  // with `reason`; reads go on. Start-up freezes books that fail their
  // invariants, so nothing builds on them until an operator repairs them.
  void Freeze(Error reason) { frozen_ = std::move(reason); }

  // Pending transfers not yet posted or voided.
  size_t active_pending_count() const { return active_pendings_.size(); }
  // Their ids, ascending. Writer thread.
  std::vector<int64_t> ActivePendingIds() const;
  // The id the next transfer will get. Writer thread.
  int64_t next_transfer_id() const { return next_transfer_id_; }
  // The bounded memory of recent idempotency keys. Writer thread.
  const RecentKeyHashes& recent_keys() const { return recent_keys_; }

  // ---- snapshots (ledger_snapshot.cc) ----
  //
  // A snapshot is the hot state as of one transfer id: per account its four
  // sums, and every active pending transfer, in ledger_snapshots,
  // ledger_snapshot_balances and ledger_snapshot_pendings. Load starts from
  // the newest complete one and replays only the transfers after it; without
  // one (an old data directory) it replays everything. Accounts and FX rates
  // are always read whole: they are few and never derived.

  // Writes a snapshot of the current state in the caller's job: the header
  // row first (incomplete), then the rows, then the mark that makes it
  // complete; then deletes all but the newest kLedgerSnapshotsKept. A job
  // that fails leaves none of it, and Load only reads complete snapshots.
  // Frozen books are not snapshotted (false); otherwise true.
  [[nodiscard]] Result<bool> WriteSnapshot(store::Connection& connection);
  // Transfers committed after the newest snapshot (all of them when none).
  int64_t transfers_since_snapshot() const { return next_transfer_id_ - 1 - snapshot_transfer_id_; }

  // ---- any thread ----

  // ---- Books (books.h): any thread ----
  [[nodiscard]] Result<AccountBalance> Balance(int64_t account_id) const override;
  [[nodiscard]] Result<Account> GetAccount(int64_t account_id) const override;
  std::optional<int64_t> Lookup(AccountKind kind, int64_t owner_id,
                                Currency currency) const override;
  std::vector<AccountSnapshot> Accounts() const override;
  const FxRates& fx() const override { return fx_; }

 private:
  struct AccountKey {
    int64_t owner_id;
    int32_t kind;
    uint32_t currency;  // the three letters packed
    bool operator==(const AccountKey& other) const = default;
  };
  struct AccountKeyHash {
    size_t operator()(const AccountKey& key) const;
  };
  struct AccountState {
    Account account;
    AccountBalance balance;
  };
  struct PendingState {
    int64_t debit_account_id = 0;
    int64_t credit_account_id = 0;
    int64_t amount = 0;
    Currency currency;
  };
  struct Stage;
  struct PendingView;

  struct SnapshotHeader {
    int64_t id = 0;
    int64_t last_transfer_id = 0;
  };
  using AccountMap = std::unordered_map<int64_t, AccountState>;
  using PendingMap = std::unordered_map<int64_t, PendingState>;

  // The newest complete snapshot, if any.
  static Result<std::optional<SnapshotHeader>> NewestSnapshot(store::Connection& connection);
  // Sets the balances and pendings of snapshot `id` into `accounts` and `pendings`.
  static Status ReadSnapshot(store::Connection& connection, int64_t id, AccountMap& accounts,
                             PendingMap& pendings);

  static AccountKey KeyOf(AccountKind kind, int64_t owner_id, Currency currency);
  static uint64_t KeyHash(std::string_view idempotency_key);

  Result<TransferOutcome> StageRequest(store::Connection& connection,
                                       const TransferRequest& request, Stage& stage);
  Result<std::optional<Transfer>> FindExisting(store::Connection& connection, std::string_view key,
                                               const Stage& stage);
  TransferResult StagePlain(const TransferRequest& request, Stage& stage);
  Result<TransferResult> StageResolution(store::Connection& connection,
                                         const TransferRequest& request, Stage& stage);
  Result<std::optional<PendingView>> FindPending(store::Connection& connection, int64_t pending_id,
                                                 const Stage& stage);
  AccountBalance& StagedBalance(Stage& stage, int64_t account_id);
  [[nodiscard]] Status Commit(store::Connection& connection, Stage& stage);

  const Clock& clock_;
  FxRates fx_;

  // Published state: the writer mutates it under a unique lock; readers on
  // other threads take a shared lock. The writer reads it without locking.
  mutable std::shared_mutex mutex_;
  std::unordered_map<int64_t, AccountState> accounts_;
  std::unordered_map<AccountKey, int64_t, AccountKeyHash> account_ids_;

  // Writer-only state.
  std::optional<Error> frozen_;
  std::unordered_map<int64_t, PendingState> active_pendings_;
  // Hashes of the most recent idempotency keys. A miss proves a key is new
  // without touching the database; a hit (a retry, or a rare collision), or
  // any key once older ones were forgotten, is resolved by reading the row.
  RecentKeyHashes recent_keys_;
  int64_t next_transfer_id_ = 1;
  int64_t next_account_id_ = 1;
  // The last transfer id of the newest snapshot; 0 when there is none.
  int64_t snapshot_transfer_id_ = 0;
};

}  // namespace shrimp::ledger
