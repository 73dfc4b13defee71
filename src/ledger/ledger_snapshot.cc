// The ledger's snapshots: writing one, and reading the newest at start-up
// (ledger.h, "snapshots"). Load (ledger.cc) replays the transfers after it.
#include <algorithm>
#include <string>
#include <vector>

#include "ledger/ledger.h"

namespace shrimp::ledger {

Result<bool> Ledger::WriteSnapshot(store::Connection& connection) {
  // Frozen books fail their invariants: a snapshot would carry the damage
  // past an operator's repair of the rows.
  if (frozen_) return false;
  int64_t last_transfer_id = next_transfer_id_ - 1;
  store::Query header(connection,
                      "INSERT INTO ledger_snapshots (last_transfer_id, created_at, complete)"
                      " VALUES (?, ?, 0) RETURNING id");
  header.Bind(last_transfer_id, clock_.NowMs());
  SHRIMP_ASSIGN_OR_RETURN(std::optional<int64_t> snapshot_id, header.ScalarInt());
  if (!snapshot_id) return Internal("ledger snapshot: no id returned");
  // The writer thread is the only one changing accounts_: no lock to read.
  for (const auto& [account_id, state] : accounts_) {
    const AccountBalance& balance = state.balance;
    if (balance == AccountBalance{}) continue;  // Load starts every account at zero
    store::Query row(connection,
                     "INSERT INTO ledger_snapshot_balances (snapshot_id, account_id,"
                     " debits_pending, debits_posted, credits_pending, credits_posted)"
                     " VALUES (?, ?, ?, ?, ?, ?)");
    row.Bind(*snapshot_id, account_id, balance.debits_pending, balance.debits_posted,
             balance.credits_pending, balance.credits_posted);
    SHRIMP_RETURN_IF_ERROR(row.Run());
  }
  for (const auto& [transfer_id, pending] : active_pendings_) {
    store::Query row(connection,
                     "INSERT INTO ledger_snapshot_pendings (snapshot_id, transfer_id,"
                     " debit_account_id, credit_account_id, amount) VALUES (?, ?, ?, ?, ?)");
    row.Bind(*snapshot_id, transfer_id, pending.debit_account_id, pending.credit_account_id,
             pending.amount);
    SHRIMP_RETURN_IF_ERROR(row.Run());
  }
  // Complete last: a snapshot cut short is never read, even if its rows
  // were ever committed without this mark.
  store::Query complete(connection, "UPDATE ledger_snapshots SET complete = 1 WHERE id = ?");
  complete.Bind(*snapshot_id);
  SHRIMP_RETURN_IF_ERROR(complete.Run());
  for (const char* sql : {"DELETE FROM ledger_snapshot_balances WHERE snapshot_id <= ?",
                          "DELETE FROM ledger_snapshot_pendings WHERE snapshot_id <= ?",
                          "DELETE FROM ledger_snapshots WHERE id <= ?"}) {
    store::Query prune(connection, sql);
    prune.Bind(*snapshot_id - kLedgerSnapshotsKept);
    SHRIMP_RETURN_IF_ERROR(prune.Run());
  }
  int64_t previous = snapshot_transfer_id_;
  snapshot_transfer_id_ = last_transfer_id;
  connection.journal().Record([this, previous] { snapshot_transfer_id_ = previous; });
  return true;
}

std::vector<int64_t> Ledger::ActivePendingIds() const {
  std::vector<int64_t> ids;
  ids.reserve(active_pendings_.size());
  for (const auto& [id, state] : active_pendings_) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::optional<Ledger::SnapshotHeader>> Ledger::NewestSnapshot(
    store::Connection& connection) {
  store::Query query(connection,
                     "SELECT id, last_transfer_id FROM ledger_snapshots WHERE complete = 1"
                     " ORDER BY id DESC LIMIT 1");
  if (!query.Next()) {
    SHRIMP_RETURN_IF_ERROR(query.status());
    return std::optional<SnapshotHeader>();
  }
  return std::optional<SnapshotHeader>(SnapshotHeader{query.Int(0), query.Int(1)});
}

Status Ledger::ReadSnapshot(store::Connection& connection, int64_t id, AccountMap& accounts,
                            PendingMap& pendings) {
  auto corrupt = [id](const std::string& why) {
    return Internal("ledger snapshot " + std::to_string(id) + ": " + why);
  };
  {
    store::Query query(connection,
                       "SELECT account_id, debits_pending, debits_posted, credits_pending,"
                       " credits_posted FROM ledger_snapshot_balances WHERE snapshot_id = ?");
    query.Bind(id);
    while (query.Next()) {
      auto account = accounts.find(query.Int(0));
      if (account == accounts.end()) {
        return corrupt("balance of unknown account " + std::to_string(query.Int(0)));
      }
      account->second.balance =
          AccountBalance{query.Int(1), query.Int(2), query.Int(3), query.Int(4)};
    }
    SHRIMP_RETURN_IF_ERROR(query.status());
  }
  store::Query query(connection,
                     "SELECT transfer_id, debit_account_id, credit_account_id, amount"
                     " FROM ledger_snapshot_pendings WHERE snapshot_id = ?");
  query.Bind(id);
  while (query.Next()) {
    auto debit = accounts.find(query.Int(1));
    if (debit == accounts.end() || !accounts.contains(query.Int(2))) {
      return corrupt("pending transfer " + std::to_string(query.Int(0)) + " on unknown account");
    }
    pendings.emplace(query.Int(0), PendingState{query.Int(1), query.Int(2), query.Int(3),
                                                debit->second.account.currency});
  }
  return query.status();
}

}  // namespace shrimp::ledger
