#include "ledger/ledger.h"

#include "core/assert.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <tuple>

namespace shrimp::ledger {
namespace {

constexpr uint32_t kResolutionFlags = kTransferPostPending | kTransferVoidPending;
constexpr uint32_t kKindFlags = kTransferPending | kResolutionFlags;

// total += amount, false (total unchanged) on int64 overflow.
bool AddChecked(int64_t& total, int64_t amount) {
  std::optional<int64_t> sum = CheckedAdd(total, amount);
  if (!sum) return false;
  total = *sum;
  return true;
}

// Whether a retry carries the same fields as the stored transfer. A
// post/void may leave accounts (0) and currency (empty) to the pending
// transfer, and a void's amount is always the pending amount: those fields
// were never the caller's, so they match anything.
bool SameFields(const TransferRequest& request, const Transfer& stored) {
  bool resolving = (request.flags & kResolutionFlags) != 0;
  bool voiding = (request.flags & kTransferVoidPending) != 0;
  if (request.flags != stored.flags || request.code != stored.code ||
      request.pending_id != stored.pending_id || request.reference_kind != stored.reference_kind ||
      request.reference_id != stored.reference_id || request.rate_ppm != stored.rate_ppm) {
    return false;
  }
  if ((!resolving || request.debit_account_id != 0) &&
      request.debit_account_id != stored.debit_account_id) {
    return false;
  }
  if ((!resolving || request.credit_account_id != 0) &&
      request.credit_account_id != stored.credit_account_id) {
    return false;
  }
  if ((!resolving || !request.currency.empty()) && request.currency != stored.currency) {
    return false;
  }
  return voiding || request.amount == stored.amount;
}

Error BatchTooLarge() {
  return Error{ErrorKind::kTooLarge,
               "batch_too_large",
               "at most " + std::to_string(kTransferBatchMax) + " transfers per batch",
               {}};
}

}  // namespace

enum class PendingStatus { kActive, kPosted, kVoided, kNotPending };

struct Ledger::PendingView {
  PendingState state;
  PendingStatus status = PendingStatus::kActive;
};

// The effects of one chain, validated but not yet written: new balances of
// the touched accounts, rows to append, pending transfers created and
// resolved. Chains are short, so linear scans beat hashing here.
struct Ledger::Stage {
  int64_t first_id = 0;
  int64_t now_ms = 0;
  std::vector<std::pair<int64_t, AccountBalance>> balances;
  std::vector<Transfer> rows;
  std::vector<std::pair<int64_t, PendingState>> created_pendings;
  std::vector<std::tuple<int64_t, uint32_t, PendingState>> resolved;  // pending id, post/void
};

Ledger::Ledger(const Clock& clock, LedgerOptions options)
    : clock_(clock), recent_keys_(options.transfer_keys_in_memory_max) {}

std::vector<store::Migration> Ledger::Migrations() {
  return {{"ledger", 1, "ledger accounts, transfers and FX rates",
           R"sql(
CREATE TABLE ledger_accounts (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  owner_id INTEGER NOT NULL,
  currency TEXT NOT NULL,
  flags INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (kind, owner_id, currency)
);
CREATE TABLE ledger_transfers (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  debit_account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
  credit_account_id INTEGER NOT NULL REFERENCES ledger_accounts(id),
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  code INTEGER NOT NULL,
  flags INTEGER NOT NULL,
  pending_id INTEGER REFERENCES ledger_transfers(id),
  reference_kind TEXT NOT NULL,
  reference_id INTEGER NOT NULL,
  rate_ppm INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK (debit_account_id <> credit_account_id)
);
-- A pending transfer is resolved (posted or voided) at most once.
CREATE UNIQUE INDEX ledger_transfers_resolution ON ledger_transfers(pending_id)
  WHERE pending_id IS NOT NULL;
CREATE INDEX ledger_transfers_debit ON ledger_transfers(debit_account_id, id);
CREATE INDEX ledger_transfers_credit ON ledger_transfers(credit_account_id, id);
CREATE INDEX ledger_transfers_reference ON ledger_transfers(reference_kind, reference_id)
  WHERE reference_id <> 0;
CREATE TABLE fx_rates (
  id INTEGER PRIMARY KEY,
  base TEXT NOT NULL,
  quote TEXT NOT NULL,
  rate_ppm INTEGER NOT NULL CHECK (rate_ppm > 0),
  set_at INTEGER NOT NULL
);
)sql"},
          // Start-up reads the newest complete snapshot and the transfers
          // after it (ledger.h, "snapshots").
          {"ledger", 2, "ledger snapshots",
           R"sql(
CREATE TABLE ledger_snapshots (
  id INTEGER PRIMARY KEY,
  last_transfer_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1))
);
CREATE TABLE ledger_snapshot_balances (
  snapshot_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL,
  debits_pending INTEGER NOT NULL,
  debits_posted INTEGER NOT NULL,
  credits_pending INTEGER NOT NULL,
  credits_posted INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, account_id)
) WITHOUT ROWID;
CREATE TABLE ledger_snapshot_pendings (
  snapshot_id INTEGER NOT NULL,
  transfer_id INTEGER NOT NULL,
  debit_account_id INTEGER NOT NULL,
  credit_account_id INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, transfer_id)
) WITHOUT ROWID;
)sql"}};
}

size_t Ledger::AccountKeyHash::operator()(const AccountKey& key) const {
  uint64_t mixed = static_cast<uint64_t>(key.owner_id) * 0x9E3779B97F4A7C15ull;
  mixed ^= (static_cast<uint64_t>(key.kind) << 32 | key.currency) + 0x632BE59BD9B4E019ull +
           (mixed << 6) + (mixed >> 2);
  return static_cast<size_t>(mixed);
}

Ledger::AccountKey Ledger::KeyOf(AccountKind kind, int64_t owner_id, Currency currency) {
  std::string_view code = currency.code();
  uint32_t packed = static_cast<uint32_t>(static_cast<unsigned char>(code[0])) << 16 |
                    static_cast<uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
                    static_cast<unsigned char>(code[2]);
  return {owner_id, static_cast<int32_t>(kind), packed};
}

uint64_t Ledger::KeyHash(std::string_view idempotency_key) {
  return std::hash<std::string_view>{}(idempotency_key);
}

// ---- accounts ----

Result<int64_t> Ledger::EnsureAccount(store::Connection& connection, AccountKind kind,
                                      int64_t owner_id, Currency currency, uint32_t flags) {
  if (!AccountKindFromInt(static_cast<int64_t>(kind))) {
    return InvalidArgument("invalid_account_kind", "unknown ledger account kind");
  }
  if (owner_id < 0) return InvalidArgument("invalid_owner", "owner_id must be 0 or an id");
  if (currency.empty()) return InvalidArgument("invalid_currency", "an account needs a currency");
  if ((flags & ~kAccountFlagsAll) != 0) {
    return InvalidArgument("invalid_account_flags", "unknown ledger account flags");
  }
  AccountKey key = KeyOf(kind, owner_id, currency);
  if (auto found = account_ids_.find(key); found != account_ids_.end()) return found->second;
  if (frozen_) return *frozen_;

  Account account{next_account_id_, kind, owner_id, currency, flags, clock_.NowMs()};
  store::Query insert(
      connection,
      "INSERT INTO ledger_accounts (id, kind, owner_id, currency, flags, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(account.id, static_cast<int64_t>(kind), owner_id, currency.code(),
              static_cast<int64_t>(flags), account.created_at_ms);
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  {
    std::unique_lock lock(mutex_);
    accounts_.emplace(account.id, AccountState{account, {}});
    account_ids_.emplace(key, account.id);
  }
  next_account_id_ += 1;
  connection.journal().Record([this, key, id = account.id] {
    std::unique_lock lock(mutex_);
    accounts_.erase(id);
    account_ids_.erase(key);
    next_account_id_ = id;
  });
  return account.id;
}

Result<AccountBalance> Ledger::Balance(int64_t account_id) const {
  std::shared_lock lock(mutex_);
  auto found = accounts_.find(account_id);
  if (found == accounts_.end()) return TransferError(TransferResult::kAccountNotFound);
  return found->second.balance;
}

Result<Account> Ledger::GetAccount(int64_t account_id) const {
  std::shared_lock lock(mutex_);
  auto found = accounts_.find(account_id);
  if (found == accounts_.end()) return TransferError(TransferResult::kAccountNotFound);
  return found->second.account;
}

std::optional<int64_t> Ledger::Lookup(AccountKind kind, int64_t owner_id, Currency currency) const {
  if (currency.empty()) return std::nullopt;
  std::shared_lock lock(mutex_);
  auto found = account_ids_.find(KeyOf(kind, owner_id, currency));
  if (found == account_ids_.end()) return std::nullopt;
  return found->second;
}

std::vector<AccountSnapshot> Ledger::Accounts() const {
  std::vector<AccountSnapshot> snapshots;
  {
    std::shared_lock lock(mutex_);
    snapshots.reserve(accounts_.size());
    for (const auto& [id, state] : accounts_) snapshots.push_back({state.account, state.balance});
  }
  std::sort(snapshots.begin(), snapshots.end(),
            [](const AccountSnapshot& a, const AccountSnapshot& b) {
              return a.account.id < b.account.id;
            });
  return snapshots;
}

// ---- transfers ----

Result<std::vector<TransferOutcome>> Ledger::CreateTransfers(
    store::Connection& connection, std::span<const TransferRequest> requests) {
  if (requests.size() > kTransferBatchMax) return BatchTooLarge();
  if (frozen_) return *frozen_;
  std::vector<TransferOutcome> outcomes(requests.size());
  int64_t now_ms = clock_.NowMs();
  size_t begin = 0;
  while (begin < requests.size()) {
    // A chain runs from `begin` to the first request without kTransferLinked.
    size_t end = begin;
    while (end + 1 < requests.size() && (requests[end].flags & kTransferLinked) != 0) ++end;
    bool open = (requests[end].flags & kTransferLinked) != 0;

    Stage stage;
    stage.first_id = next_transfer_id_;
    stage.now_ms = now_ms;
    std::optional<size_t> failed;
    for (size_t index = begin; index <= end; ++index) {
      Result<TransferOutcome> staged = StageRequest(connection, requests[index], stage);
      // A read failed: the job fails and its journal undoes earlier chains.
      if (!staged.ok()) return std::move(staged).error();
      outcomes[index] = *staged;
      if (!staged->ok()) {
        failed = index;
        break;
      }
    }
    if (!failed && open) {
      failed = end;
      outcomes[end] = TransferOutcome{TransferResult::kLinkedEventChainOpen};
    }
    if (failed) {
      for (size_t index = begin; index <= end; ++index) {
        if (index != *failed) outcomes[index] = TransferOutcome{TransferResult::kLinkedEventFailed};
      }
    } else {
      // A failed write leaves this chain out of memory; earlier chains are
      // rolled back by the job's journal when the caller fails the job.
      SHRIMP_RETURN_IF_ERROR(Commit(connection, stage));
    }
    begin = end + 1;
  }
  return outcomes;
}

Result<TransferOutcome> Ledger::CreateTransfer(store::Connection& connection,
                                               const TransferRequest& request) {
  SHRIMP_ASSIGN_OR_RETURN(std::vector<TransferOutcome> outcomes,
                          CreateTransfers(connection, std::span(&request, 1)));
  if (!outcomes[0].ok()) return TransferError(outcomes[0].result);
  return outcomes[0];
}

Result<std::vector<TransferOutcome>> Ledger::CreateLinkedTransfers(
    store::Connection& connection, std::vector<TransferRequest> requests) {
  for (size_t index = 0; index < requests.size(); ++index) {
    if (index + 1 < requests.size()) {
      requests[index].flags |= kTransferLinked;
    } else {
      requests[index].flags &= ~kTransferLinked;
    }
  }
  SHRIMP_ASSIGN_OR_RETURN(std::vector<TransferOutcome> outcomes,
                          CreateTransfers(connection, requests));
  for (size_t index = 0; index < outcomes.size(); ++index) {
    if (!outcomes[index].ok() && outcomes[index].result != TransferResult::kLinkedEventFailed) {
      return TransferError(outcomes[index].result).With("index", std::to_string(index));
    }
  }
  return outcomes;
}

Result<TransferOutcome> Ledger::StageRequest(store::Connection& connection,
                                             const TransferRequest& request, Stage& stage) {
  auto failure = [](TransferResult result) { return TransferOutcome{result}; };
  if (request.idempotency_key.empty() || request.idempotency_key.size() > kIdempotencyKeyBytesMax) {
    return failure(TransferResult::kIdempotencyKeyInvalid);
  }
  uint32_t kind = request.flags & kKindFlags;
  bool resolving = (request.flags & kResolutionFlags) != 0;
  if ((request.flags & ~kTransferFlagsAll) != 0 || std::popcount(kind) > 1 ||
      (request.pending_id != 0 && !resolving)) {
    return failure(TransferResult::kFlagsInvalid);
  }
  SHRIMP_ASSIGN_OR_RETURN(std::optional<Transfer> existing,
                          FindExisting(connection, request.idempotency_key, stage));
  if (existing) {
    if (!SameFields(request, *existing)) {
      return failure(TransferResult::kExistsWithDifferentFields);
    }
    return TransferOutcome{TransferResult::kExists, existing->id, existing->amount,
                           existing->created_at_ms};
  }
  TransferResult result = TransferResult::kOk;
  if (resolving) {
    SHRIMP_ASSIGN_OR_RETURN(result, StageResolution(connection, request, stage));
  } else {
    result = StagePlain(request, stage);
  }
  if (result != TransferResult::kOk) return failure(result);
  const Transfer& row = stage.rows.back();
  return TransferOutcome{TransferResult::kOk, row.id, row.amount, row.created_at_ms};
}

Result<std::optional<Transfer>> Ledger::FindExisting(store::Connection& connection,
                                                     std::string_view key, const Stage& stage) {
  for (const Transfer& row : stage.rows) {
    if (row.idempotency_key == key) return std::optional<Transfer>(row);
  }
  if (!recent_keys_.MayContain(KeyHash(key))) return std::optional<Transfer>();
  return FindTransferByKey(connection, key);
}

AccountBalance& Ledger::StagedBalance(Stage& stage, int64_t account_id) {
  for (auto& [id, balance] : stage.balances) {
    if (id == account_id) return balance;
  }
  stage.balances.emplace_back(account_id, accounts_.at(account_id).balance);
  return stage.balances.back().second;
}

TransferResult Ledger::StagePlain(const TransferRequest& request, Stage& stage) {
  auto debit = accounts_.find(request.debit_account_id);
  auto credit = accounts_.find(request.credit_account_id);
  if (debit == accounts_.end() || credit == accounts_.end()) {
    return TransferResult::kAccountNotFound;
  }
  if (request.debit_account_id == request.credit_account_id) {
    return TransferResult::kAccountsMustBeDifferent;
  }
  if (request.currency != debit->second.account.currency ||
      request.currency != credit->second.account.currency) {
    return TransferResult::kCurrencyMismatch;
  }
  if (request.amount <= 0) return TransferResult::kAmountMustBePositive;
  if (request.amount > kAmountMax) return TransferResult::kAmountTooLarge;

  AccountBalance debit_balance = StagedBalance(stage, request.debit_account_id);
  AccountBalance credit_balance = StagedBalance(stage, request.credit_account_id);
  // In __int128 so that the check itself cannot overflow.
  __int128 debits_after = static_cast<__int128>(debit_balance.debits_posted) +
                          debit_balance.debits_pending + request.amount;
  if (debit->second.account.must_not_go_negative() && debits_after > debit_balance.credits_posted) {
    return TransferResult::kExceedsCredits;
  }
  // Posted plus pending must fit, so that resolving a pending transfer and
  // computing available() can never overflow later.
  __int128 credits_after = static_cast<__int128>(credit_balance.credits_posted) +
                           credit_balance.credits_pending + request.amount;
  if (debits_after > INT64_MAX || credits_after > INT64_MAX) return TransferResult::kOverflow;

  bool pending = (request.flags & kTransferPending) != 0;
  (pending ? debit_balance.debits_pending : debit_balance.debits_posted) += request.amount;
  (pending ? credit_balance.credits_pending : credit_balance.credits_posted) += request.amount;
  StagedBalance(stage, request.debit_account_id) = debit_balance;
  StagedBalance(stage, request.credit_account_id) = credit_balance;

  Transfer row;
  row.id = stage.first_id + static_cast<int64_t>(stage.rows.size());
  row.idempotency_key = request.idempotency_key;
  row.debit_account_id = request.debit_account_id;
  row.credit_account_id = request.credit_account_id;
  row.amount = request.amount;
  row.currency = request.currency;
  row.code = request.code;
  row.flags = request.flags;
  row.reference_kind = request.reference_kind;
  row.reference_id = request.reference_id;
  row.rate_ppm = request.rate_ppm;
  row.created_at_ms = stage.now_ms;
  if (pending) {
    stage.created_pendings.emplace_back(row.id,
                                        PendingState{row.debit_account_id, row.credit_account_id,
                                                     row.amount, row.currency});
  }
  stage.rows.push_back(std::move(row));
  return TransferResult::kOk;
}

Result<TransferResult> Ledger::StageResolution(store::Connection& connection,
                                               const TransferRequest& request, Stage& stage) {
  bool post = (request.flags & kTransferPostPending) != 0;
  if (post && request.amount <= 0) return TransferResult::kAmountMustBePositive;
  if (post && request.amount > kAmountMax) return TransferResult::kAmountTooLarge;
  SHRIMP_ASSIGN_OR_RETURN(std::optional<PendingView> view,
                          FindPending(connection, request.pending_id, stage));
  if (!view) return TransferResult::kPendingTransferNotFound;
  const PendingState& pending = view->state;
  if (view->status == PendingStatus::kNotPending) return TransferResult::kPendingTransferNotPending;
  if ((request.debit_account_id != 0 && request.debit_account_id != pending.debit_account_id) ||
      (request.credit_account_id != 0 && request.credit_account_id != pending.credit_account_id)) {
    return TransferResult::kPendingTransferHasDifferentAccounts;
  }
  if (!request.currency.empty() && request.currency != pending.currency) {
    return TransferResult::kCurrencyMismatch;
  }
  if (view->status == PendingStatus::kPosted) return TransferResult::kPendingTransferAlreadyPosted;
  if (view->status == PendingStatus::kVoided) return TransferResult::kPendingTransferAlreadyVoided;
  if (post && request.amount > pending.amount) return TransferResult::kPendingAmountExceeded;

  AccountBalance debit_balance = StagedBalance(stage, pending.debit_account_id);
  AccountBalance credit_balance = StagedBalance(stage, pending.credit_account_id);
  debit_balance.debits_pending -= pending.amount;
  credit_balance.credits_pending -= pending.amount;
  if (post && (!AddChecked(debit_balance.debits_posted, request.amount) ||
               !AddChecked(credit_balance.credits_posted, request.amount))) {
    return TransferResult::kOverflow;
  }
  StagedBalance(stage, pending.debit_account_id) = debit_balance;
  StagedBalance(stage, pending.credit_account_id) = credit_balance;

  Transfer row;
  row.id = stage.first_id + static_cast<int64_t>(stage.rows.size());
  row.idempotency_key = request.idempotency_key;
  row.debit_account_id = pending.debit_account_id;
  row.credit_account_id = pending.credit_account_id;
  row.amount = post ? request.amount : pending.amount;
  row.currency = pending.currency;
  row.code = request.code;
  row.flags = request.flags;
  row.pending_id = request.pending_id;
  row.reference_kind = request.reference_kind;
  row.reference_id = request.reference_id;
  row.rate_ppm = request.rate_ppm;
  row.created_at_ms = stage.now_ms;
  stage.resolved.emplace_back(request.pending_id, request.flags & kResolutionFlags, pending);
  stage.rows.push_back(std::move(row));
  return TransferResult::kOk;
}

Result<std::optional<Ledger::PendingView>> Ledger::FindPending(store::Connection& connection,
                                                               int64_t pending_id,
                                                               const Stage& stage) {
  using View = std::optional<PendingView>;
  for (const auto& [id, how, state] : stage.resolved) {
    if (id == pending_id) {
      bool posted = (how & kTransferPostPending) != 0;
      return View(PendingView{state, posted ? PendingStatus::kPosted : PendingStatus::kVoided});
    }
  }
  for (const auto& [id, state] : stage.created_pendings) {
    if (id == pending_id) return View(PendingView{state, PendingStatus::kActive});
  }
  for (const Transfer& row : stage.rows) {
    if (row.id == pending_id) return View(PendingView{{}, PendingStatus::kNotPending});
  }
  if (auto active = active_pendings_.find(pending_id); active != active_pendings_.end()) {
    return View(PendingView{active->second, PendingStatus::kActive});
  }
  // Ids are consecutive, so anything outside [1, next) was never created.
  if (pending_id <= 0 || pending_id >= next_transfer_id_) return View();
  // A transfer that is not an active pending one: a rare path (mistakes and
  // retries), answered from the table instead of keeping history in memory.
  SHRIMP_ASSIGN_OR_RETURN(std::optional<Transfer> target, FindTransfer(connection, pending_id));
  if (!target) return View();
  if (!target->is_pending()) return View(PendingView{{}, PendingStatus::kNotPending});
  PendingState state{target->debit_account_id, target->credit_account_id, target->amount,
                     target->currency};
  SHRIMP_ASSIGN_OR_RETURN(std::optional<Transfer> resolution,
                          FindResolution(connection, pending_id));
  if (!resolution) {
    return Internal("pending transfer " + std::to_string(pending_id) +
                    " is neither active nor resolved");
  }
  return View(
      PendingView{state, resolution->is_post() ? PendingStatus::kPosted : PendingStatus::kVoided});
}

Status Ledger::Commit(store::Connection& connection, Stage& stage) {
  for (const Transfer& row : stage.rows) SHRIMP_RETURN_IF_ERROR(InsertTransfer(connection, row));
  // The rows are written; from here on nothing can fail. Each change to
  // memory records its undo, so a job that fails later rolls it back.
  std::vector<std::pair<int64_t, AccountBalance>> previous;
  previous.reserve(stage.balances.size());
  if (!stage.balances.empty()) {
    std::unique_lock lock(mutex_);
    // Both sides of the write: what the stage moves is double entry (its
    // changes sum to zero), and no flagged account ends up negative.
    __int128 posted_change = 0, pending_change = 0;
    for (const auto& [id, balance] : stage.balances) {
      const AccountState& state = accounts_.at(id);
      posted_change += static_cast<__int128>(balance.credits_posted) - balance.debits_posted -
                       state.balance.credits_posted + state.balance.debits_posted;
      pending_change += static_cast<__int128>(balance.credits_pending) - balance.debits_pending -
                        state.balance.credits_pending + state.balance.debits_pending;
      SHRIMP_ASSERT(!state.account.must_not_go_negative() ||
                        static_cast<__int128>(balance.debits_posted) + balance.debits_pending <=
                            balance.credits_posted,
                    "a flagged account would go negative");
    }
    SHRIMP_ASSERT(posted_change == 0 && pending_change == 0,
                  "a ledger stage would create or destroy money");
    for (const auto& [id, balance] : stage.balances) {
      AccountBalance& current = accounts_.at(id).balance;
      previous.emplace_back(id, current);
      current = balance;
    }
  }
  std::vector<uint64_t> hashes;
  hashes.reserve(stage.rows.size());
  for (const Transfer& row : stage.rows) hashes.push_back(KeyHash(row.idempotency_key));
  recent_keys_.Add(connection.journal(), hashes);
  for (auto& [id, state] : stage.created_pendings) active_pendings_.emplace(id, state);
  for (const auto& [id, how, state] : stage.resolved) active_pendings_.erase(id);
  int64_t previous_next_id = next_transfer_id_;
  next_transfer_id_ += static_cast<int64_t>(stage.rows.size());
  // Outside a writer batch (tools, micro-benchmarks) nothing can roll back:
  // skip building the undo, which copies the stage.
  if (!connection.journal().active()) return OkStatus();
  connection.journal().Record([this, previous = std::move(previous),
                               created = std::move(stage.created_pendings),
                               resolved = std::move(stage.resolved), previous_next_id] {
    {
      std::unique_lock lock(mutex_);
      for (const auto& [id, balance] : previous) accounts_.at(id).balance = balance;
    }
    for (const auto& [id, state] : created) active_pendings_.erase(id);
    for (const auto& [id, how, state] : resolved) active_pendings_.emplace(id, state);
    next_transfer_id_ = previous_next_id;
  });
  return OkStatus();
}

// ---- FX ----

Status Ledger::SetFxRate(store::Connection& connection, Currency base, Currency quote,
                         int64_t rate_ppm) {
  if (frozen_) return *frozen_;
  return fx_.SetRate(connection, base, quote, rate_ppm, clock_.NowMs());
}

Result<std::vector<TransferRequest>> Ledger::PrepareCrossCurrency(
    store::Connection& connection, const CrossCurrencyPayment& payment) {
  SHRIMP_ASSIGN_OR_RETURN(int64_t rate_ppm, fx_.RatePpm(payment.from, payment.to));
  // Convert before creating accounts, so that a refused payment creates nothing.
  SHRIMP_RETURN_IF_ERROR(ConvertAmount(payment.amount, payment.from, payment.to, rate_ppm));
  SHRIMP_ASSIGN_OR_RETURN(int64_t fx_from, EnsureAccount(connection, AccountKind::kFx, 0,
                                                         payment.from, kAccountFlagsNone));
  SHRIMP_ASSIGN_OR_RETURN(int64_t fx_to, EnsureAccount(connection, AccountKind::kFx, 0, payment.to,
                                                       kAccountFlagsNone));
  return BuildCrossCurrencyTransfers(payment, fx_from, fx_to, rate_ppm);
}

// ---- recovery ----

Status Ledger::Load(store::Connection& connection) {
  AccountMap accounts;
  std::unordered_map<AccountKey, int64_t, AccountKeyHash> account_ids;
  PendingMap pendings;
  RecentKeyHashes recent_keys(recent_keys_.capacity());
  store::Journal unjournaled;  // Load replaces the state outright: nothing to undo
  int64_t last_account_id = 0;
  int64_t last_transfer_id = 0;
  {
    store::Query query(connection,
                       "SELECT id, kind, owner_id, currency, flags, created_at"
                       " FROM ledger_accounts ORDER BY id");
    while (query.Next()) {
      Account account;
      account.id = query.Int(0);
      std::optional<AccountKind> kind = AccountKindFromInt(query.Int(1));
      auto currency = Currency::Parse(query.Text(3));
      if (!kind || !currency.ok()) {
        return Internal("ledger account " + std::to_string(account.id) +
                        " has an unknown kind or currency");
      }
      account.kind = *kind;
      account.owner_id = query.Int(2);
      account.currency = *currency;
      account.flags = static_cast<uint32_t>(query.Int(4));
      account.created_at_ms = query.Int(5);
      account_ids.emplace(KeyOf(account.kind, account.owner_id, account.currency), account.id);
      accounts.emplace(account.id, AccountState{account, {}});
      last_account_id = account.id;
    }
    if (!query.ok()) return query.error();
  }
  // Start from the newest complete snapshot, if any, and replay the rest.
  SHRIMP_ASSIGN_OR_RETURN(std::optional<SnapshotHeader> snapshot, NewestSnapshot(connection));
  if (snapshot) {
    SHRIMP_RETURN_IF_ERROR(ReadSnapshot(connection, snapshot->id, accounts, pendings));
    last_transfer_id = snapshot->last_transfer_id;
  }
  int64_t snapshot_transfer_id = last_transfer_id;
  // The keys of transfers inside the snapshot are not read: the table answers for them.
  recent_keys.Reset(snapshot_transfer_id > 0);
  {
    // One streaming pass in id order: a resolution always follows its pending
    // transfer, so the pending amount it releases is known when it arrives.
    store::Query query(connection,
                       "SELECT id, idempotency_key, debit_account_id, credit_account_id, amount,"
                       " flags, pending_id FROM ledger_transfers WHERE id > ? ORDER BY id");
    query.Bind(snapshot_transfer_id);
    while (query.Next()) {
      int64_t id = query.Int(0);
      auto corrupt = [id](std::string_view why) {
        return Internal("ledger transfer " + std::to_string(id) + ": " + std::string(why));
      };
      int64_t amount = query.Int(4);
      uint32_t flags = static_cast<uint32_t>(query.Int(5));
      auto debit = accounts.find(query.Int(2));
      auto credit = accounts.find(query.Int(3));
      if (debit == accounts.end() || credit == accounts.end()) return corrupt("unknown account");
      AccountBalance& debits = debit->second.balance;
      AccountBalance& credits = credit->second.balance;
      if ((flags & kTransferPending) != 0) {
        if (!AddChecked(debits.debits_pending, amount) ||
            !AddChecked(credits.credits_pending, amount)) {
          return corrupt("overflow");
        }
        pendings.emplace(id, PendingState{debit->first, credit->first, amount,
                                          debit->second.account.currency});
      } else if ((flags & kResolutionFlags) != 0) {
        auto pending = pendings.find(query.Int(6));
        if (pending == pendings.end()) return corrupt("resolves no active pending transfer");
        debits.debits_pending -= pending->second.amount;
        credits.credits_pending -= pending->second.amount;
        if ((flags & kTransferPostPending) != 0 && (!AddChecked(debits.debits_posted, amount) ||
                                                    !AddChecked(credits.credits_posted, amount))) {
          return corrupt("overflow");
        }
        pendings.erase(pending);
      } else if (!AddChecked(debits.debits_posted, amount) ||
                 !AddChecked(credits.credits_posted, amount)) {
        return corrupt("overflow");
      }
      uint64_t hash = KeyHash(query.Text(1));
      recent_keys.Add(unjournaled, std::span(&hash, 1));
      last_transfer_id = id;
    }
    if (!query.ok()) return query.error();
  }
  SHRIMP_RETURN_IF_ERROR(fx_.Load(connection));
  {
    std::unique_lock lock(mutex_);
    accounts_ = std::move(accounts);
    account_ids_ = std::move(account_ids);
  }
  active_pendings_ = std::move(pendings);
  recent_keys_ = std::move(recent_keys);
  next_account_id_ = last_account_id + 1;
  next_transfer_id_ = last_transfer_id + 1;
  snapshot_transfer_id_ = snapshot_transfer_id;
  return OkStatus();
}

}  // namespace shrimp::ledger
