// LoanBook: every loan's repayment state and each shop's repayment history,
// held in memory by the writer thread.
//
// A loan is written once (`loans`, with the decision that made it) and
// everything after is an appended `loan_events` row: a repayment (from sales
// or early, split into principal and fee), the first day it fell overdue,
// its write-off. Load replays them in id order; every mutator records its
// undo in the journal, so a failed job leaves the book as it was.
//
// The schedule: the amount owed (principal + fee) in kInstalments equal
// instalments (the last takes the remainder), due every kInstalmentDays
// after disbursement. Repayments cover the oldest unpaid instalment first.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/money.h"
#include "core/result.h"
#include "store/db.h"
#include "store/journal.h"
#include "store/migrate.h"

namespace shrimp::credit {

inline constexpr int kInstalments = 3;
inline constexpr int64_t kInstalmentDays = 30;
inline constexpr int64_t kInstalmentMs = kInstalmentDays * kMsPerDay;

enum class LoanStatus { kActive, kRepaid, kWrittenOff };
std::string_view LoanStatusName(LoanStatus status);

struct Instalment {
  int64_t due_ms = 0;
  int64_t amount = 0;
  int64_t paid = 0;
};

struct Loan {
  int64_t id = 0;
  int64_t shop_id = 0;
  Currency currency;
  int64_t principal = 0;
  int64_t fee = 0;
  std::string band;       // risk band of the decision
  int64_t pd_ppm = 0;     // its probability of default
  int64_t limit = 0;      // the line when it was granted
  int64_t share_bps = 0;  // of each release to the shop, until the instalment due is covered
  int64_t created_at_ms = 0;
  LoanStatus status = LoanStatus::kActive;
  int64_t principal_repaid = 0;
  int64_t fee_repaid = 0;
  int64_t written_off = 0;  // principal lost at write-off
  bool overdue_recorded = false;
  std::array<Instalment, kInstalments> schedule{};

  int64_t owed() const { return principal + fee - principal_repaid - fee_repaid; }
  int64_t principal_outstanding() const {
    return status == LoanStatus::kActive ? principal - principal_repaid : 0;
  }
  // Unpaid amount of the instalments whose period has begun by `now_ms`
  // (including overdue ones): what repayment from sales collects.
  int64_t DueBy(int64_t now_ms) const;
  // The due date of the oldest unpaid instalment already past due; nullopt if none.
  std::optional<int64_t> PastDueSince(int64_t now_ms) const;
  // Days past due (0 when current).
  int64_t DaysPastDue(int64_t now_ms) const;

  bool operator==(const Loan& other) const;
};

// "current", "1-30", "31-60", "61-90", "90+".
std::string_view DelinquencyBucket(int64_t days_past_due);

struct RepaymentHistory {
  int64_t loans_repaid = 0;
  bool ever_late = false;
  bool ever_written_off = false;
  bool operator==(const RepaymentHistory& other) const = default;
};

// The split of a repayment into principal and fee, pro rata to what is
// still owed of each (the last repayment settles both exactly).
struct RepaymentSplit {
  int64_t principal = 0;
  int64_t fee = 0;
};
RepaymentSplit SplitRepayment(const Loan& loan, int64_t amount);

// The schedule of a new loan.
std::array<Instalment, kInstalments> MakeSchedule(int64_t owed, int64_t created_at_ms);

class LoanBook {
 public:
  static std::vector<store::Migration> Migrations();

  // Replaces the book with a replay of the tables (with max ids > 0: of the
  // rows up to them, for the invariant check on a read snapshot).
  [[nodiscard]] Status Load(store::Connection& connection, int64_t max_loan_id = 0,
                            int64_t max_event_id = 0);

  // ---- writer thread; each mutator records its undo ----
  void Add(store::Journal& journal, const Loan& loan);
  // REQUIRES: the loan is active and 0 < split.principal + split.fee <= owed.
  void Repay(store::Journal& journal, int64_t loan_id, RepaymentSplit split);
  void MarkOverdue(store::Journal& journal, int64_t loan_id);
  void WriteOff(store::Journal& journal, int64_t loan_id);

  const Loan* Find(int64_t loan_id) const;
  // The shop's active loan (at most one), if any.
  const Loan* ActiveOf(int64_t shop_id) const;
  RepaymentHistory HistoryOf(int64_t shop_id) const;
  // Principal outstanding over every active loan in `currency`.
  int64_t Outstanding(Currency currency) const;
  // Active loans, by id.
  std::vector<const Loan*> Active() const;
  const std::unordered_map<int64_t, Loan>& loans() const { return loans_; }

  [[nodiscard]] Status CompareWith(const LoanBook& other) const;

 private:
  Loan& TouchLoan(store::Journal* journal, int64_t loan_id);
  RepaymentHistory& TouchHistory(store::Journal* journal, int64_t shop_id);
  void SetActive(store::Journal* journal, int64_t shop_id, std::optional<int64_t> loan_id);
  void AddOutstanding(store::Journal* journal, Currency currency, int64_t delta);
  void AddLoan(store::Journal* journal, const Loan& loan);
  void ApplyRepay(store::Journal* journal, int64_t loan_id, RepaymentSplit split);
  void ApplyOverdue(store::Journal* journal, int64_t loan_id);
  void ApplyWriteOff(store::Journal* journal, int64_t loan_id);

  std::unordered_map<int64_t, Loan> loans_;
  std::unordered_map<int64_t, int64_t> active_by_shop_;
  std::unordered_map<int64_t, RepaymentHistory> history_;
  std::unordered_map<std::string, int64_t> outstanding_;  // by currency code
};

}  // namespace shrimp::credit
