#include "payments/payouts.h"

#include "payments/accounts.h"
#include "store/writer.h"

namespace shrimp::payments {

using ledger::AccountKind;
using ledger::ReferenceKind;
using ledger::TransferCode;

namespace {

constexpr const char* kPayoutColumns =
    "id, shop_id, requested_by, amount, currency, status, created_at, settled_at";

Result<Payout> ReadPayout(store::Query& query) {
  Payout payout;
  payout.id = query.Int(0);
  payout.shop_id = query.Int(1);
  payout.requested_by = query.Int(2);
  SHRIMP_ASSIGN_OR_RETURN(Currency currency, Currency::Parse(query.Text(4)));
  payout.amount = Money{query.Int(3), currency};
  payout.status = query.Text(5);
  payout.created_at_ms = query.Int(6);
  payout.settled_at_ms = query.Int(7);
  return payout;
}

}  // namespace

PayoutService::PayoutService(ledger::Books& ledger, const Clock& clock)
    : ledger_(ledger), clock_(clock) {}

std::vector<store::Migration> PayoutService::Migrations() {
  return {{"payouts", 1, "merchant payouts",
           R"sql(
CREATE TABLE payouts (
  id INTEGER PRIMARY KEY,
  shop_id INTEGER NOT NULL,
  requested_by INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('requested', 'paid', 'failed')),
  created_at INTEGER NOT NULL,
  settled_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX payouts_shop ON payouts(shop_id, id);
CREATE INDEX payouts_status ON payouts(status, id);
)sql"}};
}

ShopBalance PayoutService::Balance(int64_t shop_id, Currency currency) const {
  ShopBalance balance{Money{0, currency}, 0};
  auto account = ledger_.Lookup(AccountKind::kShopRevenue, shop_id, currency);
  if (!account) return balance;
  auto totals = ledger_.Balance(*account);
  if (!totals.ok()) return balance;
  balance.available.amount = totals->available();
  balance.pending = totals->credits_pending;
  return balance;
}

Result<Payout> PayoutService::Request(store::Connection& connection, int64_t shop_id,
                                      int64_t requested_by, Money amount) {
  if (amount.amount < 1 || amount.amount > kAmountMax) {
    return InvalidArgument("invalid_field", "amount must be positive").With("field", "amount");
  }
  int64_t available =
      AvailableBalance(ledger_, AccountKind::kShopRevenue, shop_id, amount.currency);
  if (available < amount.amount) return InsufficientFunds(amount, available);
  int64_t now_ms = clock_.NowMs();
  Payout payout{0, shop_id, requested_by, amount, "requested", now_ms, 0};
  {
    store::Query insert(
        connection,
        "INSERT INTO payouts (shop_id, requested_by, amount, currency, status, created_at)"
        " VALUES (?, ?, ?, ?, 'requested', ?) RETURNING id");
    insert.Bind(shop_id, requested_by, amount.amount, amount.currency.code(), now_ms);
    if (!insert.Next()) return insert.ok() ? Internal("insert returned no id") : insert.error();
    payout.id = insert.Int(0);
  }
  auto revenue = ledger_.Lookup(AccountKind::kShopRevenue, shop_id, amount.currency);
  auto clearing =
      EnsureAccount(ledger_, connection, AccountKind::kPayoutClearing, 0, amount.currency);
  if (!clearing.ok()) return clearing.error();
  ledger::TransferRequest hold;
  hold.idempotency_key = "payout/" + std::to_string(payout.id);
  hold.debit_account_id = *revenue;
  hold.credit_account_id = *clearing;
  hold.amount = amount.amount;
  hold.currency = amount.currency;
  hold.code = TransferCode::kPayout;
  hold.reference_kind = ReferenceKind::kPayout;
  hold.reference_id = payout.id;
  auto outcome = ledger_.CreateTransfer(connection, hold);
  if (!outcome.ok()) return outcome.error();
  return payout;
}

Result<Payout> PayoutService::Settle(store::Connection& connection, int64_t payout_id, bool paid) {
  SHRIMP_ASSIGN_OR_RETURN(auto found, Find(connection, payout_id));
  if (!found) return NotFound("payout_not_found", "no such payout");
  Payout payout = std::move(*found);
  if (payout.status != "requested") {
    return Conflict("invalid_transition", "the payout is already " + payout.status)
        .With("status", payout.status);
  }
  Currency currency = payout.amount.currency;
  auto clearing = ledger_.Lookup(AccountKind::kPayoutClearing, 0, currency);
  auto target =
      paid
          ? EnsureAccount(ledger_, connection, AccountKind::kProviderFunding, 0, currency)
          : EnsureAccount(ledger_, connection, AccountKind::kShopRevenue, payout.shop_id, currency);
  if (!target.ok()) return target.error();
  if (!clearing) return Internal("payout clearing account missing");
  ledger::TransferRequest settle;
  settle.idempotency_key = "payout/" + std::to_string(payout.id) + (paid ? "/paid" : "/failed");
  settle.debit_account_id = *clearing;
  settle.credit_account_id = *target;
  settle.amount = payout.amount.amount;
  settle.currency = currency;
  settle.code = paid ? TransferCode::kPayout : TransferCode::kPayoutReturned;
  settle.reference_kind = ReferenceKind::kPayout;
  settle.reference_id = payout.id;
  auto outcome = ledger_.CreateTransfer(connection, settle);
  if (!outcome.ok()) return outcome.error();
  payout.status = paid ? "paid" : "failed";
  payout.settled_at_ms = clock_.NowMs();
  store::Query update(connection, "UPDATE payouts SET status = ?, settled_at = ? WHERE id = ?");
  update.Bind(payout.status, payout.settled_at_ms, payout.id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  return payout;
}

Result<std::optional<Payout>> PayoutService::Find(store::Connection& connection,
                                                  int64_t payout_id) const {
  store::Query query(connection,
                     std::string("SELECT ") + kPayoutColumns + " FROM payouts WHERE id = ?");
  query.Bind(payout_id);
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<Payout>();
  }
  SHRIMP_ASSIGN_OR_RETURN(Payout payout, ReadPayout(query));
  return std::optional<Payout>(std::move(payout));
}

Result<std::vector<Payout>> PayoutService::List(store::Connection& connection, int64_t shop_id,
                                                const std::string& status, int64_t before_id,
                                                int64_t limit) const {
  std::string sql = std::string("SELECT ") + kPayoutColumns + " FROM payouts WHERE id < ?";
  if (shop_id > 0) sql += " AND shop_id = ?";
  if (!status.empty()) sql += " AND status = ?";
  sql += " ORDER BY id DESC LIMIT ?";
  store::Query query(connection, sql);
  int index = 1;
  query.BindAt(index++, before_id > 0 ? before_id : INT64_MAX);
  if (shop_id > 0) query.BindAt(index++, shop_id);
  if (!status.empty()) query.BindAt(index++, status);
  query.BindAt(index++, limit);
  std::vector<Payout> payouts;
  while (query.Next()) {
    SHRIMP_ASSIGN_OR_RETURN(Payout payout, ReadPayout(query));
    payouts.push_back(std::move(payout));
  }
  SHRIMP_RETURN_IF_ERROR(query.status());
  return payouts;
}

}  // namespace shrimp::payments
