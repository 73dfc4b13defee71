#include "credit/credit_check.h"

#include <map>

namespace shrimp::credit {

Result<CreditCopy> CopyCredit(store::Connection& connection, const CreditService& credit,
                              const ledger::Books& ledger) {
  CreditCopy copy;
  copy.features = credit.features();
  copy.loans = credit.loans();
  auto max_of = [&](const char* sql) -> Result<int64_t> {
    store::Query query(connection, sql);
    SHRIMP_ASSIGN_OR_RETURN(auto max, query.ScalarInt());
    return max.value_or(0);
  };
  SHRIMP_ASSIGN_OR_RETURN(copy.max_order_event_id, max_of("SELECT MAX(id) FROM order_events"));
  SHRIMP_ASSIGN_OR_RETURN(copy.max_loan_id, max_of("SELECT MAX(id) FROM loans"));
  SHRIMP_ASSIGN_OR_RETURN(copy.max_loan_event_id, max_of("SELECT MAX(id) FROM loan_events"));
  // The ledger against the loans, from memory on both sides.
  std::map<std::string, int64_t> receivable;  // minus the balances: what is owed
  std::map<std::string, int64_t> capital;
  for (const ledger::AccountSnapshot& account : ledger.Accounts()) {
    std::string code(account.account.currency.code());
    if (account.account.kind == ledger::AccountKind::kLoanReceivable) {
      receivable[code] -= account.balance.posted();
    } else if (account.account.kind == ledger::AccountKind::kCreditFunding) {
      capital[code] += account.balance.posted();
    }
  }
  std::map<std::string, int64_t> outstanding;
  for (const Loan* loan : credit.loans().Active()) {
    outstanding[std::string(loan->currency.code())] += loan->principal_outstanding();
    if (loan->principal > loan->limit) {
      copy.problems.push_back("loan " + std::to_string(loan->id) + " is above its line");
    }
  }
  for (const auto& [code, owed] : receivable) {
    if (owed != outstanding[code]) {
      copy.problems.push_back("credit " + code + ": loans outstanding " +
                              std::to_string(outstanding[code]) +
                              " differ from the receivable accounts " + std::to_string(owed));
    }
  }
  for (const auto& [code, owed] : outstanding) {
    if (owed != 0 && receivable.find(code) == receivable.end()) {
      copy.problems.push_back("credit " + code + ": loans outstanding without a receivable");
    }
    if (owed > capital[code]) {
      copy.problems.push_back("credit " + code + ": outstanding " + std::to_string(owed) +
                              " exceeds the lending capital " + std::to_string(capital[code]));
    }
  }
  return copy;
}

Result<std::vector<std::string>> CheckCreditCopy(store::Connection& snapshot,
                                                 const CreditCopy& copy) {
  std::vector<std::string> problems = copy.problems;
  FeatureBook features;
  // An empty table has max id 0, which Load reads as "everything": use -1.
  SHRIMP_RETURN_IF_ERROR(
      features.Load(snapshot, copy.max_order_event_id == 0 ? -1 : copy.max_order_event_id));
  if (Status same = copy.features.CompareWith(features); !same.ok()) {
    problems.push_back(same.error().message);
  }
  LoanBook loans;
  SHRIMP_RETURN_IF_ERROR(loans.Load(snapshot, copy.max_loan_id == 0 ? -1 : copy.max_loan_id,
                                    copy.max_loan_event_id == 0 ? -1 : copy.max_loan_event_id));
  if (Status same = copy.loans.CompareWith(loans); !same.ok()) {
    problems.push_back(same.error().message);
  }
  return problems;
}

}  // namespace shrimp::credit
