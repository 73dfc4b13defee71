#include "credit/credit_service.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "credit/model_store.h"
#include "credit/offer_store.h"
#include "payments/accounts.h"

namespace shrimp::credit {

using ledger::AccountKind;
using ledger::ReferenceKind;
using ledger::TransferCode;
using ledger::TransferRequest;

const std::vector<RiskBand>& RiskBands() {
  // PD below 1.5 % is band A ... below 12 % band D; above it, no line.
  static const std::vector<RiskBand> bands = {
      {"A", 15'000, 150, 150, 1000},
      {"B", 30'000, 100, 250, 1000},
      {"C", 60'000, 60, 400, 1500},
      {"D", 120'000, 30, 600, 2000},
  };
  return bands;
}

std::string InputsJson(const DerivedFeatures& inputs) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  auto number = [&](const char* key, std::optional<double> value) {
    writer.Key(key);
    if (value)
      writer.Double(*value);
    else
      writer.Null();
  };
  writer.Key("tenure_days");
  writer.Int64(inputs.tenure_days);
  writer.Key("monthly_sales");
  writer.Int64(inputs.monthly_sales);
  number("monthly_orders", inputs.monthly_orders);
  number("growth", inputs.growth);
  number("volatility", inputs.volatility);
  writer.Key("distinct_buyers");
  writer.Int64(inputs.distinct_buyers);
  number("repeat_share", inputs.repeat_share);
  number("refund_rate", inputs.refund_rate);
  number("dispute_rate", inputs.dispute_rate);
  number("on_time_rate", inputs.on_time_rate);
  number("reputation", inputs.reputation);
  writer.Key("outstanding");
  writer.Int64(inputs.outstanding);
  writer.Key("loans_repaid");
  writer.Int64(inputs.loans_repaid);
  writer.Key("ever_late");
  writer.Bool(inputs.ever_late);
  writer.Key("ever_written_off");
  writer.Bool(inputs.ever_written_off);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<DerivedFeatures> InputsFromJson(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  if (!document.IsObject()) return InvalidArgument("invalid_inputs", "inputs are not an object");
  DerivedFeatures inputs;
  auto number = [&](const char* key) -> std::optional<double> {
    auto member = document.FindMember(key);
    if (member == document.MemberEnd() || !member->value.IsNumber()) return std::nullopt;
    return member->value.GetDouble();
  };
  auto integer = [&](const char* key) -> int64_t {
    auto member = document.FindMember(key);
    if (member == document.MemberEnd() || !member->value.IsInt64()) return 0;
    return member->value.GetInt64();
  };
  auto flag = [&](const char* key) {
    auto member = document.FindMember(key);
    return member != document.MemberEnd() && member->value.IsBool() && member->value.GetBool();
  };
  inputs.tenure_days = integer("tenure_days");
  inputs.monthly_sales = integer("monthly_sales");
  inputs.monthly_orders = number("monthly_orders").value_or(0);
  inputs.growth = number("growth");
  inputs.volatility = number("volatility");
  inputs.distinct_buyers = integer("distinct_buyers");
  inputs.repeat_share = number("repeat_share").value_or(0);
  inputs.refund_rate = number("refund_rate");
  inputs.dispute_rate = number("dispute_rate");
  inputs.on_time_rate = number("on_time_rate");
  inputs.reputation = number("reputation");
  inputs.outstanding = integer("outstanding");
  inputs.loans_repaid = integer("loans_repaid");
  inputs.ever_late = flag("ever_late");
  inputs.ever_written_off = flag("ever_written_off");
  return inputs;
}

namespace {

std::string ReasonsJson(const std::vector<std::string>& reasons) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const std::string& reason : reasons) {
    writer.String(reason.c_str(), static_cast<unsigned>(reason.size()));
  }
  writer.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

int64_t MulDivFloor(int64_t value, int64_t numerator, int64_t denominator) {
  return static_cast<int64_t>(static_cast<__int128>(value) * numerator / denominator);
}

int64_t MulDivCeil(int64_t value, int64_t numerator, int64_t denominator) {
  __int128 product = static_cast<__int128>(value) * numerator;
  return static_cast<int64_t>((product + denominator - 1) / denominator);
}

}  // namespace

CreditService::CreditService(ledger::Books& ledger, const Clock& clock, CreditOptions options)
    : ledger_(ledger), clock_(clock), options_(options) {}

std::vector<store::Migration> CreditService::Migrations() {
  std::vector<store::Migration> migrations = LoanBook::Migrations();
  for (store::Migration& migration : ModelMigrations()) migrations.push_back(std::move(migration));
  // Each funding of the lending capital: its id names the ledger transfer.
  migrations.push_back({"credit", 3, "lending capital added by operators",
                        R"sql(
CREATE TABLE credit_capital (
  id INTEGER PRIMARY KEY,
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  created_at INTEGER NOT NULL
);
)sql"});
  for (store::Migration& migration : OfferMigrations()) migrations.push_back(std::move(migration));
  return migrations;
}

Result<std::string> CreditService::ActivateModel(store::Connection& connection,
                                                 const std::string& version) {
  SHRIMP_ASSIGN_OR_RETURN(Model model, LoadModel(connection, version));
  SHRIMP_RETURN_IF_ERROR(RecordActivation(connection, version, clock_.NowMs()));
  connection.journal().Record([this, saved = model_] { model_ = saved; });
  model_ = std::move(model);
  spdlog::info("credit: model {} decides from now on", version);
  return version;
}

Status CreditService::Load(store::Connection& connection) {
  model_ = DefaultModel();
  SHRIMP_ASSIGN_OR_RETURN(auto active, ActiveVersion(connection));
  if (active) {
    SHRIMP_ASSIGN_OR_RETURN(model_, LoadModel(connection, *active));
  }
  SHRIMP_RETURN_IF_ERROR(Validate(model_));
  SHRIMP_RETURN_IF_ERROR(features_.LoadFromSnapshot(connection));
  return loans_.Load(connection);
}

DerivedFeatures CreditService::Inputs(int64_t shop_id) const {
  int64_t now_ms = clock_.NowMs();
  DerivedFeatures inputs;
  if (const ShopFeatures* shop = features_.Find(shop_id)) {
    inputs = FeatureBook::Derive(*shop, now_ms);
  }
  const FeatureSignals& signals = signals_ ? *signals_ : no_signals_;
  inputs.reputation = signals.Reputation(shop_id);
  if (auto delivery = signals.OnTimeDelivery(shop_id)) inputs.on_time_rate = delivery;
  RepaymentHistory history = loans_.HistoryOf(shop_id);
  inputs.loans_repaid = history.loans_repaid;
  inputs.ever_late = history.ever_late;
  inputs.ever_written_off = history.ever_written_off;
  if (const Loan* active = loans_.ActiveOf(shop_id)) {
    inputs.outstanding = active->principal_outstanding();
  }
  return inputs;
}

int64_t CreditService::Capital(Currency currency) const {
  return payments::AvailableBalance(ledger_, AccountKind::kCreditFunding, 0, currency);
}

Offer CreditService::MakeOffer(int64_t shop_id, Currency currency) const {
  int64_t now_ms = clock_.NowMs();
  Offer offer;
  offer.shop_id = shop_id;
  offer.model_version = model_.version;
  offer.inputs = Inputs(shop_id);
  offer.score = ScoreFeatures(model_, offer.inputs);
  offer.limit = offer.available = offer.outstanding = Money{0, currency};
  const Loan* active = loans_.ActiveOf(shop_id);
  if (active) {
    offer.outstanding.amount = active->principal_outstanding();
    offer.active_loan_id = active->id;
  }
  std::vector<std::string> declines;
  if (offer.inputs.ever_written_off) declines.push_back("a past loan was written off");
  if (offer.inputs.monthly_sales <= 0) declines.push_back("no sales in the last 3 months");
  if (offer.inputs.tenure_days < kTenureDaysMin) declines.push_back("open for less than 3 months");
  const RiskBand* band = nullptr;
  for (const RiskBand& candidate : RiskBands()) {
    if (offer.score.pd_ppm < candidate.pd_ppm_below) {
      band = &candidate;
      break;
    }
  }
  if (band == nullptr) declines.push_back("the risk of default is too high for a line today");
  if (active && active->PastDueSince(now_ms)) {
    offer.frozen = true;
    declines.insert(declines.begin(), "a loan instalment is overdue: the line is frozen");
  }
  for (const Reason& reason : offer.score.reasons) offer.reasons.push_back(reason.text);
  if (!declines.empty()) {
    declines.insert(declines.end(), offer.reasons.begin(), offer.reasons.end());
    offer.reasons = std::move(declines);
    if (offer.reasons.size() > kReasonsMax + 1) offer.reasons.resize(kReasonsMax + 1);
    return offer;
  }
  offer.approved = true;
  offer.band = band->name;
  offer.fee_bps = band->fee_bps;
  offer.share_bps = band->share_bps;
  int64_t capital = Capital(currency);
  int64_t limit = MulDivFloor(offer.inputs.monthly_sales, band->sales_multiple_pct, 100);
  limit = std::min(limit, options_.line_max);
  int64_t capital_share = MulDivFloor(capital, kShopShareOfCapitalBps, 10'000);
  if (capital_share < limit) {
    limit = capital_share;
    offer.reasons.push_back("limited by the marketplace's lending capital");
  }
  limit -= limit % kLimitRoundingMinor;
  offer.limit.amount = std::max<int64_t>(0, limit);
  int64_t capital_left = std::max<int64_t>(0, capital - loans_.Outstanding(currency));
  int64_t available = std::min(offer.limit.amount - offer.outstanding.amount, capital_left);
  if (active) {
    available = 0;
    offer.reasons.insert(offer.reasons.begin(), "repay your current loan to borrow again");
  }
  offer.available.amount = std::max<int64_t>(0, available);
  return offer;
}

Result<LoanView> CreditService::Apply(store::Connection& connection, int64_t shop_id,
                                      Currency shop_currency, int64_t user_id, Money amount) {
  if (amount.amount < 1 || amount.amount > kAmountMax) {
    return InvalidArgument("invalid_amount", "amount must be positive").With("field", "amount");
  }
  if (amount.currency != shop_currency) {
    return InvalidArgument("currency_mismatch", "loans are in the shop's currency")
        .With("field", "amount.currency")
        .With("currency", std::string(shop_currency.code()));
  }
  Offer offer = MakeOffer(shop_id, shop_currency);
  std::string reasons = offer.reasons.empty() ? "" : offer.reasons.front();
  if (offer.frozen) {
    return Conflict("credit_line_frozen", "an instalment is overdue: the credit line is frozen");
  }
  if (loans_.ActiveOf(shop_id)) {
    return Conflict("loan_active", "repay the current loan before borrowing again");
  }
  if (!offer.approved) {
    Error error = Conflict("credit_declined", "no credit line today: " + reasons);
    for (const std::string& reason : offer.reasons) error.With("reason", reason);
    return error;
  }
  if (amount.amount > offer.limit.amount) {
    return Conflict("amount_above_offer", "the offer is for at most " + FormatMoney(offer.limit))
        .With("available", offer.available.amount);
  }
  if (amount.amount > offer.available.amount) {
    return Conflict("lending_capital_exhausted",
                    "the marketplace's lending capital cannot fund this amount now")
        .With("available", offer.available.amount);
  }
  int64_t now_ms = clock_.NowMs();
  Loan loan;
  loan.shop_id = shop_id;
  loan.currency = shop_currency;
  loan.principal = amount.amount;
  loan.fee = MulDivCeil(amount.amount, offer.fee_bps, 10'000);
  loan.band = offer.band;
  loan.pd_ppm = offer.score.pd_ppm;
  loan.limit = offer.limit.amount;
  loan.share_bps = offer.share_bps;
  loan.created_at_ms = now_ms;
  loan.schedule = MakeSchedule(loan.principal + loan.fee, now_ms);
  std::string inputs = InputsJson(offer.inputs);
  std::string reasons_json = ReasonsJson(offer.reasons);
  {
    store::Query insert(connection,
                        "INSERT INTO loans (shop_id, user_id, currency, principal, fee, share_bps,"
                        " limit_amount, band, pd_ppm, points, model_version, inputs, reasons,"
                        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        " RETURNING id");
    insert.Bind(shop_id, user_id, shop_currency.code(), loan.principal, loan.fee, loan.share_bps,
                loan.limit, loan.band, loan.pd_ppm, offer.score.points, model_.version, inputs,
                reasons_json, now_ms);
    if (!insert.Next()) return insert.ok() ? Internal("insert returned no id") : insert.error();
    loan.id = insert.Int(0);
  }
  SHRIMP_ASSIGN_OR_RETURN(int64_t receivable,
                          payments::EnsureAccount(ledger_, connection, AccountKind::kLoanReceivable,
                                                  shop_id, shop_currency));
  SHRIMP_ASSIGN_OR_RETURN(int64_t revenue,
                          payments::EnsureAccount(ledger_, connection, AccountKind::kShopRevenue,
                                                  shop_id, shop_currency));
  TransferRequest disburse;
  disburse.idempotency_key = "loan/" + std::to_string(loan.id) + "/disburse";
  disburse.debit_account_id = receivable;
  disburse.credit_account_id = revenue;
  disburse.amount = loan.principal;
  disburse.currency = shop_currency;
  disburse.code = TransferCode::kLoanDisbursement;
  disburse.reference_kind = ReferenceKind::kLoan;
  disburse.reference_id = loan.id;
  SHRIMP_RETURN_IF_ERROR(ledger_.CreateTransfer(connection, disburse).status());
  loans_.Add(connection.journal(), loan);
  LoanView view;
  view.loan = loan;
  view.band = loan.band;
  view.pd_ppm = loan.pd_ppm;
  view.points = offer.score.points;
  view.model_version = model_.version;
  view.inputs_json = std::move(inputs);
  view.reasons_json = std::move(reasons_json);
  view.limit = loan.limit;
  if (event_sink_) SHRIMP_RETURN_IF_ERROR(event_sink_(connection, "loan.disbursed", view));
  return view;
}

Status CreditService::Emit(store::Connection& connection, std::string_view type, int64_t loan_id) {
  if (!event_sink_) return OkStatus();
  SHRIMP_ASSIGN_OR_RETURN(auto view, Find(connection, loan_id));
  if (!view) return Internal("loan vanished before its event");
  return event_sink_(connection, type, *view);
}

Result<std::vector<TransferRequest>> CreditService::RepaymentTransfers(
    store::Connection& connection, const Loan& loan, RepaymentSplit split, const std::string& key) {
  std::vector<TransferRequest> transfers;
  SHRIMP_ASSIGN_OR_RETURN(int64_t revenue,
                          payments::EnsureAccount(ledger_, connection, AccountKind::kShopRevenue,
                                                  loan.shop_id, loan.currency));
  if (split.principal > 0) {
    SHRIMP_ASSIGN_OR_RETURN(int64_t receivable,
                            payments::EnsureAccount(ledger_, connection,
                                                    AccountKind::kLoanReceivable, loan.shop_id,
                                                    loan.currency));
    TransferRequest principal;
    principal.idempotency_key = key + "/principal";
    principal.debit_account_id = revenue;
    principal.credit_account_id = receivable;
    principal.amount = split.principal;
    principal.currency = loan.currency;
    principal.code = TransferCode::kLoanRepayment;
    principal.reference_kind = ReferenceKind::kLoan;
    principal.reference_id = loan.id;
    transfers.push_back(principal);
  }
  if (split.fee > 0) {
    SHRIMP_ASSIGN_OR_RETURN(int64_t fees,
                            payments::EnsureAccount(ledger_, connection, AccountKind::kPlatformFees,
                                                    0, loan.currency));
    TransferRequest fee;
    fee.idempotency_key = key + "/fee";
    fee.debit_account_id = revenue;
    fee.credit_account_id = fees;
    fee.amount = split.fee;
    fee.currency = loan.currency;
    fee.code = TransferCode::kLoanRepayment;
    fee.reference_kind = ReferenceKind::kLoan;
    fee.reference_id = loan.id;
    transfers.push_back(fee);
  }
  return transfers;
}

Status CreditService::RecordRepayment(store::Connection& connection, const Loan& loan,
                                      RepaymentSplit split, const std::string& source,
                                      int64_t order_id, int64_t transfer_id) {
  store::Query insert(connection,
                      "INSERT INTO loan_events (loan_id, shop_id, kind, source, amount, principal,"
                      " fee, order_id, transfer_id, created_at)"
                      " VALUES (?, ?, 'repayment', ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(loan.id, loan.shop_id, source, split.principal + split.fee, split.principal,
              split.fee, order_id, transfer_id, clock_.NowMs());
  SHRIMP_RETURN_IF_ERROR(insert.Run());
  loans_.Repay(connection.journal(), loan.id, split);
  const Loan* after = loans_.Find(loan.id);
  if (after && after->status == LoanStatus::kRepaid) {
    SHRIMP_RETURN_IF_ERROR(Emit(connection, "loan.repaid", loan.id));
  }
  return OkStatus();
}

Result<LoanView> CreditService::Repay(store::Connection& connection, int64_t loan_id,
                                      std::optional<int64_t> amount) {
  const Loan* found = loans_.Find(loan_id);
  if (!found) return NotFound("loan_not_found", "no such loan");
  const Loan loan = *found;
  if (loan.status != LoanStatus::kActive) {
    return Conflict("loan_not_active", "the loan is " + std::string(LoanStatusName(loan.status)))
        .With("status", std::string(LoanStatusName(loan.status)));
  }
  int64_t owed = loan.owed();
  int64_t paying = amount.value_or(owed);
  if (paying < 1 || paying > owed) {
    return InvalidArgument("invalid_amount", "amount must be between 1 and what is owed")
        .With("field", "amount")
        .With("owed", owed);
  }
  int64_t available =
      payments::AvailableBalance(ledger_, AccountKind::kShopRevenue, loan.shop_id, loan.currency);
  if (available < paying)
    return payments::InsufficientFunds(Money{paying, loan.currency}, available);
  RepaymentSplit split = SplitRepayment(loan, paying);
  int64_t event_id = 0;
  {
    store::Query insert(
        connection,
        "INSERT INTO loan_events (loan_id, shop_id, kind, source, amount, principal,"
        " fee, created_at) VALUES (?, ?, 'repayment', 'early', ?, ?, ?, ?)"
        " RETURNING id");
    insert.Bind(loan.id, loan.shop_id, paying, split.principal, split.fee, clock_.NowMs());
    if (!insert.Next()) return insert.ok() ? Internal("insert returned no id") : insert.error();
    event_id = insert.Int(0);
  }
  SHRIMP_ASSIGN_OR_RETURN(auto transfers,
                          RepaymentTransfers(connection, loan, split,
                                             "loan/" + std::to_string(loan.id) + "/repay/" +
                                                 std::to_string(event_id)));
  SHRIMP_RETURN_IF_ERROR(ledger_.CreateLinkedTransfers(connection, std::move(transfers)).status());
  loans_.Repay(connection.journal(), loan.id, split);
  SHRIMP_ASSIGN_OR_RETURN(auto view, Find(connection, loan.id));
  if (!view) return Internal("repaid loan vanished");
  if (event_sink_ && view->loan.status == LoanStatus::kRepaid) {
    SHRIMP_RETURN_IF_ERROR(event_sink_(connection, "loan.repaid", *view));
  }
  return std::move(*view);
}

Result<std::vector<TransferRequest>> CreditService::PlanCollection(store::Connection& connection,
                                                                   int64_t shop_id, Money net,
                                                                   int64_t order_id) {
  planned_.reset();
  const Loan* loan = loans_.ActiveOf(shop_id);
  if (!loan || loan->currency != net.currency) return std::vector<TransferRequest>{};
  int64_t due = std::min(loan->DueBy(clock_.NowMs()), loan->owed());
  int64_t share = MulDivFloor(net.amount, loan->share_bps, 10'000);
  int64_t collect = std::min(due, share);
  if (collect <= 0) return std::vector<TransferRequest>{};
  RepaymentSplit split = SplitRepayment(*loan, collect);
  SHRIMP_ASSIGN_OR_RETURN(auto transfers,
                          RepaymentTransfers(connection, *loan, split,
                                             "order/" + std::to_string(order_id) + "/loan"));
  planned_ = PlannedCollection{loan->id, split};
  return transfers;
}

Status CreditService::Collected(store::Connection& connection, int64_t shop_id, int64_t order_id,
                                std::span<const ledger::TransferOutcome> outcomes) {
  if (!planned_) return Internal("a loan collection committed without a plan");
  PlannedCollection planned = *planned_;
  planned_.reset();
  const Loan* loan = loans_.Find(planned.loan_id);
  if (!loan) return Internal("collected for an unknown loan");
  return RecordRepayment(connection, *loan, planned.split, "sales", order_id,
                         outcomes.empty() ? 0 : outcomes.front().transfer_id);
}

Result<int64_t> CreditService::FundCapital(store::Connection& connection, Money amount,
                                           const std::string& ledger_key) {
  if (amount.amount < 1 || amount.amount > kAmountMax) {
    return InvalidArgument("invalid_amount", "amount must be positive").With("field", "amount");
  }
  SHRIMP_ASSIGN_OR_RETURN(auto earlier, ledger::FindTransferByKey(connection, ledger_key));
  if (earlier) {
    return Conflict("idempotency_key_already_used",
                    "this Idempotency-Key already funded the capital; use a new key to fund again");
  }
  SHRIMP_ASSIGN_OR_RETURN(int64_t source, payments::EnsureAccount(ledger_, connection,
                                                                  AccountKind::kProviderFunding, 0,
                                                                  amount.currency));
  // The capital may never go negative: that is what makes it run out.
  SHRIMP_ASSIGN_OR_RETURN(int64_t capital,
                          ledger_.EnsureAccount(connection, AccountKind::kCreditFunding, 0,
                                                amount.currency,
                                                ledger::kDebitsMustNotExceedCredits));
  {
    store::Query insert(
        connection, "INSERT INTO credit_capital (currency, amount, created_at) VALUES (?, ?, ?)");
    insert.Bind(amount.currency.code(), amount.amount, clock_.NowMs());
    SHRIMP_RETURN_IF_ERROR(insert.Run());
  }
  TransferRequest fund;
  fund.idempotency_key = ledger_key;
  fund.debit_account_id = source;
  fund.credit_account_id = capital;
  fund.amount = amount.amount;
  fund.currency = amount.currency;
  fund.code = TransferCode::kAdjustment;
  SHRIMP_RETURN_IF_ERROR(ledger_.CreateTransfer(connection, fund).status());
  return Capital(amount.currency);
}

Result<int64_t> CreditService::RunTimers(store::Connection& connection) {
  int64_t now_ms = clock_.NowMs();
  int64_t moved = 0;
  for (const Loan* active : loans_.Active()) {
    if (static_cast<size_t>(moved) >= kTickLoansMax) break;
    const Loan loan = *active;
    int64_t days = loan.DaysPastDue(now_ms);
    if (days <= 0) continue;
    if (!loan.overdue_recorded) {
      store::Query insert(connection,
                          "INSERT INTO loan_events (loan_id, shop_id, kind, created_at)"
                          " VALUES (?, ?, 'overdue', ?)");
      insert.Bind(loan.id, loan.shop_id, now_ms);
      SHRIMP_RETURN_IF_ERROR(insert.Run());
      loans_.MarkOverdue(connection.journal(), loan.id);
      SHRIMP_RETURN_IF_ERROR(Emit(connection, "loan.overdue", loan.id));
      moved += 1;
    }
    if (days < options_.write_off_after_days) continue;
    int64_t lost = loan.principal - loan.principal_repaid;
    int64_t transfer_id = 0;
    if (lost > 0) {
      auto capital = ledger_.Lookup(AccountKind::kCreditFunding, 0, loan.currency);
      auto receivable = ledger_.Lookup(AccountKind::kLoanReceivable, loan.shop_id, loan.currency);
      if (!capital || !receivable) return Internal("write-off without capital or receivable");
      TransferRequest write_off;
      write_off.idempotency_key = "loan/" + std::to_string(loan.id) + "/write-off";
      write_off.debit_account_id = *capital;
      write_off.credit_account_id = *receivable;
      write_off.amount = lost;
      write_off.currency = loan.currency;
      write_off.code = TransferCode::kAdjustment;
      write_off.reference_kind = ReferenceKind::kLoan;
      write_off.reference_id = loan.id;
      SHRIMP_ASSIGN_OR_RETURN(auto outcome, ledger_.CreateTransfer(connection, write_off));
      transfer_id = outcome.transfer_id;
    }
    store::Query insert(connection,
                        "INSERT INTO loan_events (loan_id, shop_id, kind, amount, principal,"
                        " transfer_id, created_at) VALUES (?, ?, 'written_off', ?, ?, ?, ?)");
    insert.Bind(loan.id, loan.shop_id, lost, lost, transfer_id, now_ms);
    SHRIMP_RETURN_IF_ERROR(insert.Run());
    loans_.WriteOff(connection.journal(), loan.id);
    SHRIMP_RETURN_IF_ERROR(Emit(connection, "loan.written_off", loan.id));
    spdlog::info("credit: loan {} of shop {} written off ({} {} of principal)", loan.id,
                 loan.shop_id, lost, loan.currency.code());
    moved += 1;
  }
  return moved;
}

BookView CreditService::Book(Currency currency) const {
  int64_t now_ms = clock_.NowMs();
  BookView book;
  book.currency = currency;
  book.capital = Capital(currency);
  book.outstanding = loans_.Outstanding(currency);
  book.available = std::max<int64_t>(0, book.capital - book.outstanding);
  book.model_version = model_.version;
  for (const RiskBand& band : RiskBands()) book.bands.push_back({band.name, 0, 0, 0});
  for (const char* bucket : {"current", "1-30", "31-60", "61-90", "90+"}) {
    book.delinquency.emplace_back(bucket, 0);
  }
  for (const Loan* loan : loans_.Active()) {
    if (loan->currency != currency) continue;
    int64_t exposure = loan->principal_outstanding();
    int64_t expected = static_cast<int64_t>(static_cast<__int128>(exposure) * loan->pd_ppm *
                                            kLossGivenDefaultBps / (1'000'000LL * 10'000));
    book.active_loans += 1;
    book.expected_loss += expected;
    for (BookBand& band : book.bands) {
      if (band.band == loan->band) {
        band.loans += 1;
        band.outstanding += exposure;
        band.expected_loss += expected;
      }
    }
    std::string_view bucket = DelinquencyBucket(loan->DaysPastDue(now_ms));
    for (auto& [name, amount] : book.delinquency) {
      if (name == bucket) amount += exposure;
    }
  }
  return book;
}

Result<std::optional<LoanView>> CreditService::Find(store::Connection& connection,
                                                    int64_t loan_id) const {
  const Loan* loan = loans_.Find(loan_id);
  if (!loan) return std::optional<LoanView>();
  store::Query query(connection,
                     "SELECT points, model_version, inputs, reasons FROM loans WHERE id = ?");
  query.Bind(loan_id);
  if (!query.Next()) return query.ok() ? Internal("loan row missing") : query.error();
  LoanView view;
  view.loan = *loan;
  view.band = loan->band;
  view.pd_ppm = loan->pd_ppm;
  view.limit = loan->limit;
  view.points = query.Int(0);
  view.model_version = query.Text(1);
  view.inputs_json = query.Text(2);
  view.reasons_json = query.Text(3);
  view.days_past_due = loan->DaysPastDue(clock_.NowMs());
  return std::optional<LoanView>(std::move(view));
}

Status CreditService::CheckBooks(store::Connection& connection) const {
  FeatureBook features;
  SHRIMP_RETURN_IF_ERROR(features.Load(connection));
  SHRIMP_RETURN_IF_ERROR(features_.CompareWith(features));
  LoanBook loans;
  SHRIMP_RETURN_IF_ERROR(loans.Load(connection));
  return loans_.CompareWith(loans);
}

}  // namespace shrimp::credit
