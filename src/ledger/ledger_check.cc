#include "ledger/ledger_check.h"

#include <map>

namespace shrimp::ledger {
namespace {

// Flag values inlined into SQL below; kept next to their meaning.
static_assert(kTransferPending == 2 && kTransferPostPending == 4 && kTransferVoidPending == 8);

struct Recomputed {
  std::string currency;
  uint32_t flags = 0;
  AccountBalance balance;
};

class Problems {
 public:
  void Add(std::string problem) {
    if (problems_.size() < kLedgerProblemsMax) problems_.push_back(std::move(problem));
  }
  std::vector<std::string> Take() { return std::move(problems_); }

 private:
  std::vector<std::string> problems_;
};

std::string Str(int64_t value) { return std::to_string(value); }

std::string Describe(const AccountBalance& balance) {
  return "debits_posted=" + Str(balance.debits_posted) +
         " credits_posted=" + Str(balance.credits_posted) +
         " debits_pending=" + Str(balance.debits_pending) +
         " credits_pending=" + Str(balance.credits_pending);
}

// Runs `sql` (rows of account id, sum) and adds each sum into `field`.
Status AddSums(store::Connection& connection, std::string_view sql,
               std::map<int64_t, Recomputed>& accounts, int64_t AccountBalance::*field,
               Problems& problems) {
  store::Query query(connection, sql);
  while (query.Next()) {
    auto found = accounts.find(query.Int(0));
    if (found == accounts.end()) {
      problems.Add("transfers name account " + Str(query.Int(0)) + ", which does not exist");
      continue;
    }
    found->second.balance.*field = query.Int(1);
  }
  return query.status();
}

// Which rows a check reads: those with ids up to these (a committed prefix).
struct Bounds {
  int64_t account_id_max = INT64_MAX;
  int64_t transfer_id_max = INT64_MAX;
};

Result<std::map<int64_t, Recomputed>> Recompute(store::Connection& connection, Bounds bounds,
                                                Problems& problems) {
  std::map<int64_t, Recomputed> accounts;
  // Ids come from our own counters, never from a request: inlined as text.
  const std::string transfers_in_bounds = " id <= " + Str(bounds.transfer_id_max);
  {
    store::Query query(connection, "SELECT id, currency, flags FROM ledger_accounts WHERE id <= " +
                                       Str(bounds.account_id_max));
    while (query.Next()) {
      accounts[query.Int(0)] = {query.Text(1), static_cast<uint32_t>(query.Int(2)), {}};
    }
    SHRIMP_RETURN_IF_ERROR(query.status());
  }
  // Posted: plain transfers and posts (not pending, not void).
  SHRIMP_RETURN_IF_ERROR(AddSums(connection,
                                 "SELECT debit_account_id, sum(amount) FROM ledger_transfers"
                                 " WHERE (flags & 10) = 0 AND" +
                                     transfers_in_bounds + " GROUP BY debit_account_id",
                                 accounts, &AccountBalance::debits_posted, problems));
  SHRIMP_RETURN_IF_ERROR(AddSums(connection,
                                 "SELECT credit_account_id, sum(amount) FROM ledger_transfers"
                                 " WHERE (flags & 10) = 0 AND" +
                                     transfers_in_bounds + " GROUP BY credit_account_id",
                                 accounts, &AccountBalance::credits_posted, problems));
  // Pending: pending transfers that nothing (inside the bounds) resolved yet.
  const std::string kActivePending =
      " FROM ledger_transfers p WHERE (p.flags & 2) <> 0 AND p." + transfers_in_bounds.substr(1) +
      " AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.pending_id = p.id AND r." +
      transfers_in_bounds.substr(1) + ")";
  SHRIMP_RETURN_IF_ERROR(AddSums(connection,
                                 std::string("SELECT p.debit_account_id, sum(p.amount)") +
                                     kActivePending + " GROUP BY p.debit_account_id",
                                 accounts, &AccountBalance::debits_pending, problems));
  SHRIMP_RETURN_IF_ERROR(AddSums(connection,
                                 std::string("SELECT p.credit_account_id, sum(p.amount)") +
                                     kActivePending + " GROUP BY p.credit_account_id",
                                 accounts, &AccountBalance::credits_pending, problems));
  return accounts;
}

void CheckSums(const std::map<int64_t, Recomputed>& accounts, Problems& problems) {
  struct Sums {
    __int128 posted = 0;
    __int128 pending = 0;
  };
  std::map<std::string, Sums> by_currency;
  for (const auto& [id, account] : accounts) {
    Sums& sums = by_currency[account.currency];
    sums.posted +=
        static_cast<__int128>(account.balance.credits_posted) - account.balance.debits_posted;
    sums.pending +=
        static_cast<__int128>(account.balance.credits_pending) - account.balance.debits_pending;
  }
  for (const auto& [currency, sums] : by_currency) {
    if (sums.posted != 0) {
      problems.Add("posted balances in " + currency + " sum to " +
                   Str(static_cast<int64_t>(sums.posted)) + ", not zero");
    }
    if (sums.pending != 0) {
      problems.Add("pending balances in " + currency + " sum to " +
                   Str(static_cast<int64_t>(sums.pending)) + ", not zero");
    }
  }
}

void CheckNotNegative(const std::map<int64_t, Recomputed>& accounts, Problems& problems) {
  for (const auto& [id, account] : accounts) {
    if ((account.flags & kDebitsMustNotExceedCredits) == 0) continue;
    const AccountBalance& balance = account.balance;
    if (static_cast<__int128>(balance.debits_posted) + balance.debits_pending >
        balance.credits_posted) {
      problems.Add("account " + Str(id) + " may not go negative but has " + Describe(balance));
    }
  }
}

void CheckHot(const std::map<int64_t, Recomputed>& accounts,
              const std::vector<AccountSnapshot>& snapshots, Problems& problems) {
  for (const AccountSnapshot& snapshot : snapshots) {
    auto found = accounts.find(snapshot.account.id);
    if (found == accounts.end()) {
      problems.Add("account " + Str(snapshot.account.id) + " is in memory but not in the tables");
    } else if (!(found->second.balance == snapshot.balance)) {
      problems.Add("account " + Str(snapshot.account.id) + " holds " + Describe(snapshot.balance) +
                   " in memory but the transfers give " + Describe(found->second.balance));
    }
  }
  if (snapshots.size() < accounts.size()) {
    problems.Add(Str(static_cast<int64_t>(accounts.size() - snapshots.size())) +
                 " accounts are in the tables but not in memory");
  }
}

// Runs `sql` returning (id, ...) rows that break a rule; one problem each.
Status ReportRows(store::Connection& connection, std::string_view sql, std::string_view what,
                  Problems& problems) {
  store::Query query(connection, sql);
  query.Bind(static_cast<int64_t>(kLedgerProblemsMax));
  while (query.Next()) problems.Add("transfer " + Str(query.Int(0)) + " " + std::string(what));
  return query.status();
}

Status CheckRows(store::Connection& connection, Problems& problems) {
  SHRIMP_RETURN_IF_ERROR(
      ReportRows(connection,
                 "SELECT pending_id, count(*) FROM ledger_transfers WHERE pending_id IS NOT NULL"
                 " GROUP BY pending_id HAVING count(*) > 1 LIMIT ?",
                 "is a pending transfer resolved more than once", problems));
  SHRIMP_RETURN_IF_ERROR(ReportRows(
      connection,
      "SELECT r.id FROM ledger_transfers r LEFT JOIN ledger_transfers p ON p.id = r.pending_id"
      " WHERE (r.flags & 12) <> 0 AND (p.id IS NULL OR (p.flags & 2) = 0"
      " OR p.id >= r.id OR p.debit_account_id <> r.debit_account_id"
      " OR p.credit_account_id <> r.credit_account_id OR p.currency <> r.currency"
      " OR r.amount > p.amount OR ((r.flags & 8) <> 0 AND r.amount <> p.amount)) LIMIT ?",
      "does not resolve an earlier pending transfer on the same terms", problems));
  SHRIMP_RETURN_IF_ERROR(ReportRows(
      connection,
      std::string("SELECT t.id FROM ledger_transfers t"
                  " LEFT JOIN ledger_accounts d ON d.id = t.debit_account_id"
                  " LEFT JOIN ledger_accounts c ON c.id = t.credit_account_id"
                  " WHERE d.id IS NULL OR c.id IS NULL OR d.id = c.id OR t.currency <> d.currency"
                  " OR t.currency <> c.currency OR t.amount <= 0 OR t.amount > ") +
          Str(kAmountMax) + " LIMIT ?",
      "is not between two distinct accounts of its currency with 0 < amount <= max", problems));
  return OkStatus();
}

Result<std::vector<std::string>> Find(store::Connection& connection, Bounds bounds,
                                      const std::vector<AccountSnapshot>* hot) {
  Problems problems;
  SHRIMP_ASSIGN_OR_RETURN(auto accounts, Recompute(connection, bounds, problems));
  CheckSums(accounts, problems);
  CheckNotNegative(accounts, problems);
  if (hot != nullptr) CheckHot(accounts, *hot, problems);
  SHRIMP_RETURN_IF_ERROR(CheckRows(connection, problems));
  return problems.Take();
}

}  // namespace

Result<std::vector<std::string>> FindLedgerProblems(store::Connection& connection,
                                                    const Ledger* hot) {
  if (hot == nullptr) return Find(connection, Bounds{}, nullptr);
  std::vector<AccountSnapshot> snapshots = hot->Accounts();
  return Find(connection, Bounds{}, &snapshots);
}

Result<LedgerCopy> CopyLedger(store::Connection& connection, const Ledger& ledger) {
  LedgerCopy copy;
  copy.accounts = ledger.Accounts();
  store::Query newest(connection, "SELECT COALESCE(max(id), 0) FROM ledger_transfers");
  SHRIMP_ASSIGN_OR_RETURN(auto transfer_id_max, newest.ScalarInt());
  copy.transfer_id_max = transfer_id_max.value_or(0);
  return copy;
}

Result<std::vector<std::string>> FindLedgerProblems(store::Connection& snapshot,
                                                    const LedgerCopy& copy) {
  Bounds bounds;
  bounds.transfer_id_max = copy.transfer_id_max;
  // Accounts() is ordered by id; an empty ledger had none.
  bounds.account_id_max = copy.accounts.empty() ? 0 : copy.accounts.back().account.id;
  return Find(snapshot, bounds, &copy.accounts);
}

std::vector<std::string> FindBalanceProblems(const Ledger& ledger) {
  Problems problems;
  std::map<int64_t, Recomputed> accounts;
  for (const AccountSnapshot& snapshot : ledger.Accounts()) {
    accounts[snapshot.account.id] = {std::string(snapshot.account.currency.code()),
                                     snapshot.account.flags, snapshot.balance};
  }
  CheckSums(accounts, problems);
  CheckNotNegative(accounts, problems);
  return problems.Take();
}

Status CheckLedger(store::Connection& connection, const Ledger& ledger) {
  SHRIMP_ASSIGN_OR_RETURN(std::vector<std::string> problems,
                          FindLedgerProblems(connection, &ledger));
  if (problems.empty()) return OkStatus();
  Error error = Internal(problems.front());
  error.code = "ledger_invariant_violated";
  for (std::string& problem : problems) error.With("problem", std::move(problem));
  return error;
}

}  // namespace shrimp::ledger
