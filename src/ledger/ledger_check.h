// Ledger invariants, checked in tests and by `shrimp check --data DIR`.
//
// The checker recomputes every balance from the tables with SQL aggregates,
// a path independent of Ledger::Load, and reports, per problem, one sentence:
//   1. per currency, the posted balances of all accounts sum to zero, and so
//      do the pending ones (double entry: nothing created or lost);
//   2. no account flagged kDebitsMustNotExceedCredits has debits (posted +
//      pending) above its posted credits;
//   3. the balances the Ledger holds in memory equal the recomputed ones,
//      account by account, and both know the same accounts;
//   4. every pending transfer is resolved (posted or voided) at most once,
//      by a later transfer on the same accounts and currency, posting at most
//      the pending amount (a void releases exactly the pending amount);
//   5. every transfer is in its accounts' currency, between two different
//      existing accounts, with 0 < amount <= kAmountMax.
//
// REQUIRES: the ledger is quiescent while checking (call on the writer
// thread with its connection, or after the writer stopped), otherwise
// memory may be ahead of what `connection` sees.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "ledger/ledger.h"
#include "store/db.h"

namespace shrimp::ledger {

// Reports stop after this many problems: one broken invariant can produce a
// problem per row, and the first few say what is wrong.
inline constexpr size_t kLedgerProblemsMax = 100;

// The problems found (empty: all invariants hold). `hot` may be null to check
// the tables alone. The Result is an error only when a query fails.
[[nodiscard]] Result<std::vector<std::string>> FindLedgerProblems(store::Connection& connection,
                                                                  const Ledger* hot);

// Invariants 1 and 2 on the balances the Ledger holds, without reading the
// tables: cheap enough for every start-up, after Load.
std::vector<std::string> FindBalanceProblems(const Ledger& ledger);

// The ledger's balances copied at one moment on the writer thread, with the
// newest transfer id at that moment. Transfer and account ids are allocated
// in job order and rows are never updated, so the rows with ids up to those
// are exactly the committed state the copy describes, whatever was written
// since: a check can compare the copy against any later read snapshot.
struct LedgerCopy {
  std::vector<AccountSnapshot> accounts;  // ordered by id
  int64_t transfer_id_max = 0;
};

// Copies the balances: O(accounts), no history scan, so cheap enough for a
// writer job. REQUIRES: writer thread, inside a job, with its connection.
[[nodiscard]] Result<LedgerCopy> CopyLedger(store::Connection& connection, const Ledger& ledger);

// Every check above on the prefix `copy` describes (accounts up to its
// newest, transfers up to copy.transfer_id_max), comparing balances with the
// copy instead of the live Ledger. `snapshot` is any connection that sees at
// least what was committed with the copy: a read transaction opened after
// the copying job committed, so the scan never holds up the writer.
[[nodiscard]] Result<std::vector<std::string>> FindLedgerProblems(store::Connection& snapshot,
                                                                  const LedgerCopy& copy);

// OK when no problem is found; otherwise an internal error with code
// "ledger_invariant_violated", the first problem as its message and every
// problem as a "problem" detail.
[[nodiscard]] Status CheckLedger(store::Connection& connection, const Ledger& ledger);

}  // namespace shrimp::ledger
