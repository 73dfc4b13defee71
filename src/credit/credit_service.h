// CreditService: credit lines, loans and their repayment, all in the ledger.
//
// Accounts (payments/accounts.h names the others):
//   credit_funding(0, currency)     the operator's lending capital; may not go
//                                   negative. Funded from outside shrimp
//                                   (provider_funding -> credit_funding);
//                                   absorbs write-offs.
//   loan_receivable(shop, currency) the shop's debt: its negative balance is
//                                   the principal outstanding.
// Money moves:
//   disbursement  loan_receivable(shop) -> shop_revenue(shop)       principal
//   repayment     shop_revenue -> loan_receivable                   principal part
//                 shop_revenue -> platform_fees                     fee part
//   write-off     credit_funding -> loan_receivable                 principal lost
// Repayment from sales rides in the release's linked chain (ReleaseHook):
// each release sends share_bps of what it leaves the shop to the loan, until
// the instalments whose period has begun are covered.
//
// The book's exposure (principal outstanding in a currency) never exceeds
// the capital; one shop never holds more than kShopShareOfCapitalBps of it.
//
// A decision: the shop's features (FeatureBook, kept current) and repayment
// history (LoanBook) -> the active model's score (credit/scorecard.h) -> a
// risk band (limit as a multiple of monthly sales, fee, repayment share) or
// a decline with reasons. Every loan row records the model version, PD,
// points, inputs and reasons of the decision that made it.
//
// Threading: every method runs on the writer thread (offers too: the
// features and the loans are writer-thread state). Mutators record their
// undo in the journal (via the books and the ledger).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/money.h"
#include "core/result.h"
#include "credit/features.h"
#include "credit/loan_book.h"
#include "credit/scorecard.h"
#include "ledger/books.h"
#include "payments/escrow.h"
#include "store/db.h"
#include "store/migrate.h"

namespace shrimp::credit {

inline constexpr int64_t kShopShareOfCapitalBps = 1000;  // 10 % of the capital per shop
inline constexpr int64_t kTenureDaysMin = 90;
inline constexpr int64_t kLossGivenDefaultBps = 8000;  // LGD for expected loss
inline constexpr size_t kTickLoansMax = 500;           // loans moved per ticker job
inline constexpr int64_t kLimitRoundingMinor = 100;

struct CreditOptions {
  // Days past due after which a loan is written off.
  int64_t write_off_after_days = 120;
  // The largest line, in minor units of the shop's currency.
  int64_t line_max = 100'000'000;
};

struct RiskBand {
  std::string name;            // "A" .. "D"
  int64_t pd_ppm_below;        // the band holds PDs below this
  int64_t sales_multiple_pct;  // limit = monthly sales x this / 100
  int64_t fee_bps;             // flat fee on the principal for the whole term
  int64_t share_bps;           // of each release, until the instalment due is covered
};
const std::vector<RiskBand>& RiskBands();

struct Offer {
  int64_t shop_id = 0;
  bool approved = false;
  bool frozen = false;  // an instalment is overdue: no new money
  std::string band;     // "" when declined
  Money limit;          // the line
  Money available;      // limit less what is outstanding, within the book's capital
  Money outstanding;
  int64_t active_loan_id = 0;  // 0: none
  int64_t fee_bps = 0;
  int64_t share_bps = 0;
  int64_t term_days = kInstalments * kInstalmentDays;
  Score score;
  std::string model_version;
  DerivedFeatures inputs;
  std::vector<std::string> reasons;  // why declined or limited, merchant's words
};

struct LoanView {
  Loan loan;
  std::string band;
  int64_t pd_ppm = 0;
  int64_t points = 0;
  std::string model_version;
  std::string inputs_json;
  std::string reasons_json;
  int64_t limit = 0;
  int64_t days_past_due = 0;
};

struct BookBand {
  std::string band;
  int64_t loans = 0;
  int64_t outstanding = 0;
  int64_t expected_loss = 0;  // PD x exposure x LGD
};

struct BookView {
  Currency currency;
  int64_t capital = 0;
  int64_t outstanding = 0;
  int64_t available = 0;
  int64_t active_loans = 0;
  int64_t expected_loss = 0;
  std::vector<BookBand> bands;
  std::vector<std::pair<std::string, int64_t>> delinquency;  // bucket -> outstanding
  std::string model_version;
};

// Called inside the writer job of every loan change, after it, with the
// partner event type ("loan.disbursed", "loan.repaid" when the last of it is
// paid, "loan.overdue" the first day an instalment is late, "loan.written_off")
// and the loan as it now is; its error fails the job (partners/outbox.h). The
// app wires it to the outbox.
using LoanEventSink =
    std::function<Status(store::Connection&, std::string_view type, const LoanView& loan)>;

class CreditService final : public payments::ReleaseHook {
 public:
  CreditService(ledger::Books& ledger, const Clock& clock, CreditOptions options = {});

  static std::vector<store::Migration> Migrations();
  // Writer thread, at start.
  [[nodiscard]] Status Load(store::Connection& connection);

  FeatureBook& features() { return features_; }
  const FeatureBook& features() const { return features_; }
  const LoanBook& loans() const { return loans_; }
  const Model& model() const { return model_; }
  // REQUIRES: before the writer starts (the reputation/logistics domains).
  void SetSignals(const FeatureSignals* signals) { signals_ = signals; }
  // REQUIRES: before the writer starts.
  void SetEventSink(LoanEventSink sink) { event_sink_ = std::move(sink); }

  // ---- writer thread ----
  // The shop's current offer, scored now.
  Offer MakeOffer(int64_t shop_id, Currency currency) const;
  // Applies for `amount`. Errors: invalid_amount, currency_mismatch,
  // credit_line_frozen, loan_active, credit_declined (details: reasons),
  // amount_above_offer (details: available), lending_capital_exhausted.
  [[nodiscard]] Result<LoanView> Apply(store::Connection& connection, int64_t shop_id,
                                       Currency shop_currency, int64_t user_id, Money amount);
  // Early repayment from the shop's available balance; amount nullopt: all
  // that is owed. Errors: loan_not_found, loan_not_active, invalid_amount,
  // insufficient_funds.
  [[nodiscard]] Result<LoanView> Repay(store::Connection& connection, int64_t loan_id,
                                       std::optional<int64_t> amount);
  // Operator: the trained model `version` decides from now on (journaled).
  // Errors: model_not_found, invalid_model.
  [[nodiscard]] Result<std::string> ActivateModel(store::Connection& connection,
                                                  const std::string& version);
  // Operator: moves money from outside into the lending capital. `ledger_key`
  // names the transfer (derived from the request's Idempotency-Key), so a
  // replay after the key's retention is refused by the ledger, not funded twice.
  [[nodiscard]] Result<int64_t> FundCapital(store::Connection& connection, Money amount,
                                            const std::string& ledger_key);
  // Marks loans newly overdue and writes off those past the limit; at most
  // kTickLoansMax per call. Returns how many moved.
  [[nodiscard]] Result<int64_t> RunTimers(store::Connection& connection);
  BookView Book(Currency currency) const;
  int64_t Capital(Currency currency) const;

  // Reads (any connection): the stored decision with the live state.
  [[nodiscard]] Result<std::optional<LoanView>> Find(store::Connection& connection,
                                                     int64_t loan_id) const;

  // payments::ReleaseHook
  Result<std::vector<ledger::TransferRequest>> PlanCollection(store::Connection& connection,
                                                              int64_t shop_id, Money net,
                                                              int64_t order_id) override;
  Status Collected(store::Connection& connection, int64_t shop_id, int64_t order_id,
                   std::span<const ledger::TransferOutcome> outcomes) override;

  // Writer thread: the books against a fresh rebuild from the tables.
  [[nodiscard]] Status CheckBooks(store::Connection& connection) const;

 private:
  DerivedFeatures Inputs(int64_t shop_id) const;
  Result<std::vector<ledger::TransferRequest>> RepaymentTransfers(store::Connection& connection,
                                                                  const Loan& loan,
                                                                  RepaymentSplit split,
                                                                  const std::string& key);
  Status RecordRepayment(store::Connection& connection, const Loan& loan, RepaymentSplit split,
                         const std::string& source, int64_t order_id, int64_t transfer_id);
  // The loan's event, with its state as Find reads it now.
  Status Emit(store::Connection& connection, std::string_view type, int64_t loan_id);

  ledger::Books& ledger_;
  const Clock& clock_;
  CreditOptions options_;
  Model model_ = DefaultModel();
  const FeatureSignals* signals_ = nullptr;
  LoanEventSink event_sink_;
  FeatureSignals no_signals_;
  FeatureBook features_;
  LoanBook loans_;
  // Planned by PlanCollection, applied by Collected (the same job).
  struct PlannedCollection {
    int64_t loan_id = 0;
    RepaymentSplit split;
  };
  std::optional<PlannedCollection> planned_;
};

// The decision's inputs as a JSON object (stored with the loan, returned by
// the API), and back (training reads the stored decisions).
std::string InputsJson(const DerivedFeatures& inputs);
[[nodiscard]] Result<DerivedFeatures> InputsFromJson(const std::string& json);

}  // namespace shrimp::credit
