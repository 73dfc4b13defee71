#include "credit/loan_book.h"

#include <algorithm>
#include <cstdint>

namespace shrimp::credit {

std::string_view LoanStatusName(LoanStatus status) {
  switch (status) {
    case LoanStatus::kActive: return "active";
    case LoanStatus::kRepaid: return "repaid";
    case LoanStatus::kWrittenOff: return "written_off";
  }
  return "active";
}

int64_t Loan::DueBy(int64_t now_ms) const {
  if (status != LoanStatus::kActive) return 0;
  int64_t due = 0;
  for (const Instalment& instalment : schedule) {
    if (instalment.due_ms - kInstalmentMs <= now_ms) due += instalment.amount - instalment.paid;
  }
  return due;
}

std::optional<int64_t> Loan::PastDueSince(int64_t now_ms) const {
  if (status != LoanStatus::kActive) return std::nullopt;
  for (const Instalment& instalment : schedule) {
    if (instalment.paid < instalment.amount) {
      if (instalment.due_ms < now_ms) return instalment.due_ms;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

int64_t Loan::DaysPastDue(int64_t now_ms) const {
  auto since = PastDueSince(now_ms);
  if (!since) return 0;
  return (now_ms - *since) / kMsPerDay + 1;
}

bool Loan::operator==(const Loan& other) const {
  auto same_schedule = [&] {
    for (int index = 0; index < kInstalments; ++index) {
      const Instalment& a = schedule[index];
      const Instalment& b = other.schedule[index];
      if (a.due_ms != b.due_ms || a.amount != b.amount || a.paid != b.paid) return false;
    }
    return true;
  };
  return id == other.id && shop_id == other.shop_id && currency == other.currency &&
         principal == other.principal && fee == other.fee && share_bps == other.share_bps &&
         band == other.band && pd_ppm == other.pd_ppm && limit == other.limit &&
         created_at_ms == other.created_at_ms && status == other.status &&
         principal_repaid == other.principal_repaid && fee_repaid == other.fee_repaid &&
         written_off == other.written_off && overdue_recorded == other.overdue_recorded &&
         same_schedule();
}

std::string_view DelinquencyBucket(int64_t days_past_due) {
  if (days_past_due <= 0) return "current";
  if (days_past_due <= 30) return "1-30";
  if (days_past_due <= 60) return "31-60";
  if (days_past_due <= 90) return "61-90";
  return "90+";
}

RepaymentSplit SplitRepayment(const Loan& loan, int64_t amount) {
  int64_t principal_left = loan.principal - loan.principal_repaid;
  int64_t fee_left = loan.fee - loan.fee_repaid;
  int64_t owed = principal_left + fee_left;
  if (amount >= owed) return {principal_left, fee_left};
  // Pro rata, rounded in the lender's favour on the fee side never beyond what is left.
  auto principal = static_cast<int64_t>(static_cast<__int128>(amount) * principal_left / owed);
  int64_t fee = amount - principal;
  if (fee > fee_left) {
    principal += fee - fee_left;
    fee = fee_left;
  }
  return {principal, fee};
}

std::array<Instalment, kInstalments> MakeSchedule(int64_t owed, int64_t created_at_ms) {
  std::array<Instalment, kInstalments> schedule{};
  int64_t each = owed / kInstalments;
  for (int index = 0; index < kInstalments; ++index) {
    schedule[index].due_ms = created_at_ms + (index + 1) * kInstalmentMs;
    schedule[index].amount = index + 1 == kInstalments ? owed - each * (kInstalments - 1) : each;
  }
  return schedule;
}

std::vector<store::Migration> LoanBook::Migrations() {
  return {{"credit", 1, "loans and their events",
           R"sql(
CREATE TABLE loans (
  id INTEGER PRIMARY KEY,
  shop_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  currency TEXT NOT NULL,
  principal INTEGER NOT NULL CHECK (principal > 0),
  fee INTEGER NOT NULL CHECK (fee >= 0),
  share_bps INTEGER NOT NULL CHECK (share_bps BETWEEN 1 AND 10000),
  limit_amount INTEGER NOT NULL,
  band TEXT NOT NULL,
  pd_ppm INTEGER NOT NULL,
  points INTEGER NOT NULL,
  model_version TEXT NOT NULL,
  inputs TEXT NOT NULL,
  reasons TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX loans_shop ON loans(shop_id, id);
CREATE TABLE loan_events (
  id INTEGER PRIMARY KEY,
  loan_id INTEGER NOT NULL,
  shop_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('repayment', 'overdue', 'written_off')),
  source TEXT NOT NULL DEFAULT '',
  amount INTEGER NOT NULL DEFAULT 0,
  principal INTEGER NOT NULL DEFAULT 0,
  fee INTEGER NOT NULL DEFAULT 0,
  order_id INTEGER NOT NULL DEFAULT 0,
  transfer_id INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX loan_events_loan ON loan_events(loan_id, id);
)sql"}};
}

Status LoanBook::Load(store::Connection& connection, int64_t max_loan_id, int64_t max_event_id) {
  loans_.clear();
  active_by_shop_.clear();
  history_.clear();
  outstanding_.clear();
  {
    store::Query loans(connection,
                       "SELECT id, shop_id, currency, principal, fee, share_bps, created_at,"
                       " band, pd_ppm, limit_amount FROM loans WHERE id <= ? ORDER BY id");
    loans.Bind(max_loan_id != 0 ? max_loan_id : INT64_MAX);
    while (loans.Next()) {
      Loan loan;
      loan.id = loans.Int(0);
      loan.shop_id = loans.Int(1);
      auto currency = Currency::Parse(loans.Text(2));
      if (!currency.ok()) return Internal("loan with an invalid currency");
      loan.currency = *currency;
      loan.principal = loans.Int(3);
      loan.fee = loans.Int(4);
      loan.share_bps = loans.Int(5);
      loan.created_at_ms = loans.Int(6);
      loan.band = loans.Text(7);
      loan.pd_ppm = loans.Int(8);
      loan.limit = loans.Int(9);
      loan.schedule = MakeSchedule(loan.principal + loan.fee, loan.created_at_ms);
      AddLoan(nullptr, loan);
    }
    SHRIMP_RETURN_IF_ERROR(loans.status());
  }
  store::Query events(connection,
                      "SELECT loan_id, kind, principal, fee FROM loan_events WHERE id <= ?"
                      " ORDER BY id");
  events.Bind(max_event_id != 0 ? max_event_id : INT64_MAX);
  while (events.Next()) {
    int64_t loan_id = events.Int(0);
    const Loan* loan = Find(loan_id);
    if (!loan || loan->status != LoanStatus::kActive) {
      return Internal("loan event for no active loan " + std::to_string(loan_id));
    }
    std::string kind = events.Text(1);
    if (kind == "repayment") {
      RepaymentSplit split{events.Int(2), events.Int(3)};
      if (split.principal < 0 || split.fee < 0 || split.principal + split.fee <= 0 ||
          split.principal + split.fee > loan->owed()) {
        return Internal("loan repayment out of range on loan " + std::to_string(loan_id));
      }
      ApplyRepay(nullptr, loan_id, split);
    } else if (kind == "overdue") {
      ApplyOverdue(nullptr, loan_id);
    } else {
      ApplyWriteOff(nullptr, loan_id);
    }
  }
  return events.status();
}

Loan& LoanBook::TouchLoan(store::Journal* journal, int64_t loan_id) {
  Loan& loan = loans_.at(loan_id);
  if (journal) journal->Record([this, loan_id, saved = loan] { loans_[loan_id] = saved; });
  return loan;
}

RepaymentHistory& LoanBook::TouchHistory(store::Journal* journal, int64_t shop_id) {
  auto [it, inserted] = history_.try_emplace(shop_id);
  if (journal) {
    if (inserted) {
      journal->Record([this, shop_id] { history_.erase(shop_id); });
    } else {
      journal->Record([this, shop_id, saved = it->second] { history_[shop_id] = saved; });
    }
  }
  return it->second;
}

void LoanBook::SetActive(store::Journal* journal, int64_t shop_id, std::optional<int64_t> loan_id) {
  auto found = active_by_shop_.find(shop_id);
  std::optional<int64_t> before;
  if (found != active_by_shop_.end()) before = found->second;
  if (loan_id) {
    active_by_shop_[shop_id] = *loan_id;
  } else {
    active_by_shop_.erase(shop_id);
  }
  if (journal) {
    journal->Record([this, shop_id, before] {
      if (before) {
        active_by_shop_[shop_id] = *before;
      } else {
        active_by_shop_.erase(shop_id);
      }
    });
  }
}

void LoanBook::AddOutstanding(store::Journal* journal, Currency currency, int64_t delta) {
  std::string code(currency.code());
  outstanding_[code] += delta;
  if (journal) journal->Record([this, code, delta] { outstanding_[code] -= delta; });
}

void LoanBook::AddLoan(store::Journal* journal, const Loan& loan) {
  loans_[loan.id] = loan;
  if (journal) journal->Record([this, id = loan.id] { loans_.erase(id); });
  SetActive(journal, loan.shop_id, loan.id);
  AddOutstanding(journal, loan.currency, loan.principal);
}

void LoanBook::Add(store::Journal& journal, const Loan& loan) { AddLoan(&journal, loan); }

void LoanBook::ApplyRepay(store::Journal* journal, int64_t loan_id, RepaymentSplit split) {
  Loan& loan = TouchLoan(journal, loan_id);
  loan.principal_repaid += split.principal;
  loan.fee_repaid += split.fee;
  int64_t left = split.principal + split.fee;
  for (Instalment& instalment : loan.schedule) {
    int64_t take = std::min(left, instalment.amount - instalment.paid);
    instalment.paid += take;
    left -= take;
  }
  AddOutstanding(journal, loan.currency, -split.principal);
  if (loan.owed() == 0) {
    loan.status = LoanStatus::kRepaid;
    SetActive(journal, loan.shop_id, std::nullopt);
    RepaymentHistory& history = TouchHistory(journal, loan.shop_id);
    history.loans_repaid += 1;
  }
}

void LoanBook::Repay(store::Journal& journal, int64_t loan_id, RepaymentSplit split) {
  ApplyRepay(&journal, loan_id, split);
}

void LoanBook::ApplyOverdue(store::Journal* journal, int64_t loan_id) {
  Loan& loan = TouchLoan(journal, loan_id);
  loan.overdue_recorded = true;
  TouchHistory(journal, loan.shop_id).ever_late = true;
}

void LoanBook::MarkOverdue(store::Journal& journal, int64_t loan_id) {
  ApplyOverdue(&journal, loan_id);
}

void LoanBook::ApplyWriteOff(store::Journal* journal, int64_t loan_id) {
  Loan& loan = TouchLoan(journal, loan_id);
  int64_t lost = loan.principal - loan.principal_repaid;
  loan.written_off = lost;
  loan.status = LoanStatus::kWrittenOff;
  AddOutstanding(journal, loan.currency, -lost);
  SetActive(journal, loan.shop_id, std::nullopt);
  TouchHistory(journal, loan.shop_id).ever_written_off = true;
}

void LoanBook::WriteOff(store::Journal& journal, int64_t loan_id) {
  ApplyWriteOff(&journal, loan_id);
}

const Loan* LoanBook::Find(int64_t loan_id) const {
  auto found = loans_.find(loan_id);
  return found == loans_.end() ? nullptr : &found->second;
}

const Loan* LoanBook::ActiveOf(int64_t shop_id) const {
  auto found = active_by_shop_.find(shop_id);
  return found == active_by_shop_.end() ? nullptr : Find(found->second);
}

RepaymentHistory LoanBook::HistoryOf(int64_t shop_id) const {
  auto found = history_.find(shop_id);
  return found == history_.end() ? RepaymentHistory{} : found->second;
}

int64_t LoanBook::Outstanding(Currency currency) const {
  auto found = outstanding_.find(std::string(currency.code()));
  return found == outstanding_.end() ? 0 : found->second;
}

std::vector<const Loan*> LoanBook::Active() const {
  std::vector<const Loan*> active;
  for (const auto& [shop_id, loan_id] : active_by_shop_) active.push_back(Find(loan_id));
  std::sort(active.begin(), active.end(),
            [](const Loan* a, const Loan* b) { return a->id < b->id; });
  return active;
}

Status LoanBook::CompareWith(const LoanBook& other) const {
  if (loans_.size() != other.loans_.size()) return Internal("loan count differs from rebuild");
  for (const auto& [id, loan] : loans_) {
    const Loan* rebuilt = other.Find(id);
    if (!rebuilt || !(*rebuilt == loan)) {
      return Internal("loan " + std::to_string(id) + " differs from its rebuild");
    }
  }
  if (active_by_shop_ != other.active_by_shop_) return Internal("active loans differ from rebuild");
  if (history_ != other.history_) return Internal("repayment histories differ from rebuild");
  for (const auto& [code, amount] : outstanding_) {
    auto found = other.outstanding_.find(code);
    if (amount != (found == other.outstanding_.end() ? 0 : found->second)) {
      return Internal("outstanding " + code + " differs from rebuild");
    }
  }
  return OkStatus();
}

}  // namespace shrimp::credit
