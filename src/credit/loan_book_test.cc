#include "credit/loan_book.h"

#include <gtest/gtest.h>

#include <random>

namespace shrimp::credit {
namespace {

constexpr int64_t kStart = 1'795'000'000'000;

Loan MakeLoan(int64_t principal, int64_t fee) {
  Loan loan;
  loan.id = 1;
  loan.shop_id = 9;
  loan.currency = *Currency::Parse("CNY");
  loan.principal = principal;
  loan.fee = fee;
  loan.share_bps = 1000;
  loan.band = "B";
  loan.limit = principal;
  loan.created_at_ms = kStart;
  loan.schedule = MakeSchedule(principal + fee, kStart);
  return loan;
}

TEST(LoanSchedule, ThreeInstalmentsSumToWhatIsOwed) {
  auto schedule = MakeSchedule(10'001, kStart);
  EXPECT_EQ(schedule[0].amount, 3333);
  EXPECT_EQ(schedule[2].amount, 3335);
  EXPECT_EQ(schedule[0].due_ms, kStart + kInstalmentMs);
  EXPECT_EQ(schedule[2].due_ms, kStart + 3 * kInstalmentMs);
}

TEST(LoanSchedule, DueAndDelinquencyFollowTheClock) {
  Loan loan = MakeLoan(9000, 300);      // instalments of 3100
  EXPECT_EQ(loan.DueBy(kStart), 3100);  // the first period has begun
  EXPECT_EQ(loan.DueBy(kStart + kInstalmentMs), 6200);
  EXPECT_EQ(loan.DaysPastDue(kStart + kInstalmentMs), 0);
  EXPECT_EQ(loan.DaysPastDue(kStart + kInstalmentMs + 1), 1);
  EXPECT_EQ(DelinquencyBucket(0), "current");
  EXPECT_EQ(DelinquencyBucket(30), "1-30");
  EXPECT_EQ(DelinquencyBucket(31), "31-60");
  EXPECT_EQ(DelinquencyBucket(90), "61-90");
  EXPECT_EQ(DelinquencyBucket(91), "90+");
}

TEST(LoanSplit, RepaymentsSplitProRataAndSettleExactly) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 500; ++round) {
    int64_t principal = 1 + static_cast<int64_t>(random() % 1'000'000);
    int64_t fee = static_cast<int64_t>(random() % 50'000);
    Loan loan = MakeLoan(principal, fee);
    while (loan.owed() > 0) {
      int64_t amount = 1 + static_cast<int64_t>(random() % (loan.owed() + 1000));
      RepaymentSplit split = SplitRepayment(loan, amount);
      ASSERT_EQ(split.principal + split.fee, std::min(amount, loan.owed()));
      ASSERT_GE(split.principal, 0);
      ASSERT_GE(split.fee, 0);
      loan.principal_repaid += split.principal;
      loan.fee_repaid += split.fee;
      ASSERT_LE(loan.principal_repaid, loan.principal);
      ASSERT_LE(loan.fee_repaid, loan.fee);
    }
  }
}

TEST(LoanBook, RepaymentsCoverTheOldestInstalmentAndAFailedJobUndoesThem) {
  LoanBook book;
  store::Journal journal;
  journal.Open();
  book.Add(journal, MakeLoan(9000, 300));
  journal.Close();
  EXPECT_EQ(book.Outstanding(*Currency::Parse("CNY")), 9000);
  LoanBook before = book;

  journal.Open();
  size_t mark = journal.Mark();
  Loan loan = *book.Find(1);
  book.Repay(journal, 1, SplitRepayment(loan, 4000));
  EXPECT_EQ(book.Find(1)->schedule[0].paid, 3100);
  EXPECT_EQ(book.Find(1)->schedule[1].paid, 900);
  book.MarkOverdue(journal, 1);
  book.WriteOff(journal, 1);
  EXPECT_EQ(book.ActiveOf(9), nullptr);
  EXPECT_TRUE(book.HistoryOf(9).ever_written_off);
  journal.RollbackTo(mark);
  journal.Close();
  EXPECT_TRUE(book.CompareWith(before).ok()) << book.CompareWith(before).error().message;
  EXPECT_NE(book.ActiveOf(9), nullptr);

  journal.Open();
  book.Repay(journal, 1, SplitRepayment(*book.Find(1), 9300));
  journal.Close();
  EXPECT_EQ(book.Find(1)->status, LoanStatus::kRepaid);
  EXPECT_EQ(book.HistoryOf(9).loans_repaid, 1);
  EXPECT_EQ(book.Outstanding(*Currency::Parse("CNY")), 0);
}

}  // namespace
}  // namespace shrimp::credit
