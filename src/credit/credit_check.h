// The credit invariants, for `shrimp check` and GET /admin/ledger-check:
//   - loans outstanding equal the receivable accounts (per currency, the
//     principal outstanding of the active loans is minus the sum of the
//     loan_receivable balances);
//   - the book within its exposure limit (outstanding <= lending capital);
//   - no loan above the line it was granted under;
//   - the features and the loans in memory equal a rebuild from the tables
//     (incremental == rebuilt).
// The writer only copies (CopyCredit, O(shops + loans)); the rebuild runs on
// a read snapshot, limited to the rows the copy had seen.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "credit/credit_service.h"
#include "ledger/books.h"
#include "store/db.h"

namespace shrimp::credit {

struct CreditCopy {
  FeatureBook features;
  LoanBook loans;
  int64_t max_order_event_id = 0;
  int64_t max_loan_id = 0;
  int64_t max_loan_event_id = 0;
  std::vector<std::string> problems;  // found while copying (ledger against loans)
};

// REQUIRES: writer thread (inside a writer job).
[[nodiscard]] Result<CreditCopy> CopyCredit(store::Connection& connection,
                                            const CreditService& credit,
                                            const ledger::Books& ledger);
// On a read snapshot taken after the copy's job committed.
[[nodiscard]] Result<std::vector<std::string>> CheckCreditCopy(store::Connection& snapshot,
                                                               const CreditCopy& copy);

}  // namespace shrimp::credit
