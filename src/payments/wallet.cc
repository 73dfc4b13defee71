#include "payments/wallet.h"

#include <algorithm>

#include "payments/accounts.h"
#include "store/writer.h"

namespace shrimp::payments {

using ledger::AccountKind;
using ledger::ReferenceKind;
using ledger::TransferCode;

namespace {

// Every currency shrimp accepts, for listing a user's wallets.
constexpr const char* kCurrencyCodes[] = {"CNY", "EUR", "USD", "GBP", "JPY", "KRW", "HKD", "SGD",
                                          "CHF", "CAD", "AUD", "THB", "VND", "INR", "BRL", "XOF"};

Result<TopUp> ReadTopUp(store::Query& query) {
  TopUp top_up;
  top_up.id = query.Int(0);
  top_up.user_id = query.Int(1);
  SHRIMP_ASSIGN_OR_RETURN(Currency currency, Currency::Parse(query.Text(3)));
  top_up.amount = Money{query.Int(2), currency};
  top_up.provider = query.Text(4);
  top_up.status = query.Text(5);
  top_up.transfer_id = query.Int(6);
  top_up.created_at_ms = query.Int(7);
  return top_up;
}

constexpr const char* kTopUpColumns =
    "id, user_id, amount, currency, provider, status, transfer_id, created_at";

}  // namespace

WalletService::WalletService(ledger::Books& ledger, const Clock& clock, WalletOptions options)
    : ledger_(ledger), clock_(clock), options_(options) {}

std::vector<store::Migration> WalletService::Migrations() {
  return {{"payments", 1, "top-ups and provider events",
           R"sql(
CREATE TABLE top_ups (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  provider TEXT NOT NULL,
  status TEXT NOT NULL,
  transfer_id INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX top_ups_user ON top_ups(user_id, id);
CREATE TABLE provider_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  top_up_id INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
)sql"}};
}

Result<TopUp> WalletService::CreateTopUp(store::Connection& connection, int64_t user_id,
                                         Money amount, const std::string& provider) {
  if (provider != "sandbox" && provider != "external") {
    return InvalidArgument("unsupported_provider", "provider must be \"sandbox\" or \"external\"")
        .With("field", "provider");
  }
  if (amount.amount < 1 || amount.amount > kTopUpAmountMax) {
    return InvalidArgument("invalid_field", "amount must be positive and at most 100,000,000")
        .With("field", "amount");
  }
  if (provider == "sandbox" && !options_.sandbox_enabled) {
    return Forbidden("provider_not_enabled",
                     "the sandbox provider is off on this server (it is enabled by "
                     "`shrimp serve --sandbox`, for demos and tests only)")
        .With("provider", provider);
  }
  if (provider == "external" && !options_.external_enabled) {
    return Forbidden("provider_not_configured",
                     "the external payment provider has no webhook secret configured")
        .With("provider", provider);
  }
  int64_t now_ms = clock_.NowMs();
  TopUp top_up;
  top_up.user_id = user_id;
  top_up.amount = amount;
  top_up.provider = provider;
  top_up.status = "pending";
  top_up.created_at_ms = now_ms;
  {
    store::Query insert(
        connection,
        "INSERT INTO top_ups (user_id, amount, currency, provider, status,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?) RETURNING id");
    insert.Bind(user_id, amount.amount, amount.currency.code(), provider, now_ms, now_ms);
    if (!insert.Next()) return insert.ok() ? Internal("insert returned no id") : insert.error();
    top_up.id = insert.Int(0);
  }
  if (provider == "external") return top_up;
  // The sandbox confirms at once, exactly as a provider's webhook would.
  ProviderEvent event{"sandbox/" + std::to_string(top_up.id), "top_up.succeeded", top_up.id,
                      amount};
  SHRIMP_ASSIGN_OR_RETURN(auto applied, ApplyProviderEvent(connection, event));
  return applied.first;
}

Result<std::pair<TopUp, bool>> WalletService::ApplyProviderEvent(store::Connection& connection,
                                                                 const ProviderEvent& event) {
  SHRIMP_ASSIGN_OR_RETURN(auto found, FindTopUp(connection, event.top_up_id));
  if (!found) return NotFound("top_up_not_found", "no such top-up");
  TopUp top_up = std::move(*found);
  {
    store::Query seen(connection, "SELECT 1 FROM provider_events WHERE id = ?");
    seen.Bind(event.id);
    SHRIMP_ASSIGN_OR_RETURN(auto exists, seen.ScalarInt());
    if (exists) return std::make_pair(top_up, false);  // applied once, answered every time
  }
  if (event.amount != top_up.amount) {
    return Conflict("amount_mismatch", "the event's amount differs from the top-up's");
  }
  if (top_up.status != "pending") {
    return Conflict("invalid_transition", "the top-up is already " + top_up.status)
        .With("status", top_up.status);
  }
  bool succeeded = event.type == "top_up.succeeded";
  if (!succeeded && event.type != "top_up.failed") {
    return InvalidArgument("unsupported_event",
                           "event type must be top_up.succeeded or top_up.failed");
  }
  int64_t now_ms = clock_.NowMs();
  // Every check is done; a failure below fails the job, and the writer
  // rolls back the ledger with it.
  if (succeeded) {
    Currency currency = top_up.amount.currency;
    auto funding = EnsureAccount(ledger_, connection, AccountKind::kProviderFunding, 0, currency);
    auto wallet = funding.ok() ? EnsureAccount(ledger_, connection, AccountKind::kWallet,
                                               top_up.user_id, currency)
                               : funding;
    if (!wallet.ok()) return wallet.error();
    ledger::TransferRequest credit;
    credit.idempotency_key = "top_up/" + std::to_string(top_up.id);
    credit.debit_account_id = *funding;
    credit.credit_account_id = *wallet;
    credit.amount = top_up.amount.amount;
    credit.currency = currency;
    credit.code = TransferCode::kTopUp;
    credit.reference_kind = ReferenceKind::kTopUp;
    credit.reference_id = top_up.id;
    auto outcome = ledger_.CreateTransfer(connection, credit);
    if (!outcome.ok()) return outcome.error();
    top_up.transfer_id = outcome->transfer_id;
  }
  top_up.status = succeeded ? "succeeded" : "failed";
  store::Query update(
      connection, "UPDATE top_ups SET status = ?, transfer_id = ?, updated_at = ? WHERE id = ?");
  update.Bind(top_up.status, top_up.transfer_id, now_ms, top_up.id);
  SHRIMP_RETURN_IF_ERROR(update.Run());
  store::Query record(
      connection,
      "INSERT INTO provider_events (id, type, top_up_id, received_at) VALUES (?, ?, ?, ?)");
  record.Bind(event.id, event.type, top_up.id, now_ms);
  SHRIMP_RETURN_IF_ERROR(record.Run());
  return std::make_pair(top_up, true);
}

Result<std::optional<TopUp>> WalletService::FindTopUp(store::Connection& connection,
                                                      int64_t top_up_id) const {
  store::Query query(connection,
                     std::string("SELECT ") + kTopUpColumns + " FROM top_ups WHERE id = ?");
  query.Bind(top_up_id);
  if (!query.Next()) {
    if (!query.ok()) return query.error();
    return std::optional<TopUp>();
  }
  SHRIMP_ASSIGN_OR_RETURN(TopUp top_up, ReadTopUp(query));
  return std::optional<TopUp>(std::move(top_up));
}

Result<Conversion> WalletService::Convert(store::Connection& connection, int64_t user_id,
                                          Money amount, Currency to, const std::string& key) {
  if (amount.currency == to) {
    return InvalidArgument("same_currency", "convert to a different currency")
        .With("field", "to_currency");
  }
  if (amount.amount < 1 || amount.amount > kTopUpAmountMax) {
    return InvalidArgument("invalid_field", "amount must be positive and at most 100,000,000 units")
        .With("field", "amount");
  }
  // Everything is checked before the first ledger change; a failure after it
  // fails the job, and the writer rolls the ledger back with it.
  SHRIMP_ASSIGN_OR_RETURN(int64_t rate_ppm, ledger_.fx().RatePpm(amount.currency, to));
  SHRIMP_ASSIGN_OR_RETURN(int64_t converted,
                          ledger::ConvertAmount(amount.amount, amount.currency, to, rate_ppm));
  if (converted < ledger::kConvertedAmountMin) {
    // Conversions round down, so a tiny amount would buy nothing.
    return InvalidArgument("amount_too_small", "the amount converts to less than one minor unit")
        .With("field", "amount")
        .With("minimum", ledger::ConvertibleAmountMin(amount.currency, to, rate_ppm));
  }
  if (AvailableBalance(ledger_, AccountKind::kWallet, user_id, amount.currency) < amount.amount) {
    return Conflict("insufficient_funds", "the wallet does not hold that much")
        .With("currency", std::string(amount.currency.code()));
  }
  // The legs' keys derive from the request's Idempotency-Key: if they moved
  // money before (a retry after the key's stored response expired), refuse
  // here rather than let the ledger meet a reused key.
  SHRIMP_ASSIGN_OR_RETURN(auto earlier, ledger::FindTransferByKey(connection, key + "/fx-in"));
  if (earlier) {
    return Conflict(
        "idempotency_key_already_used",
        "this Idempotency-Key already converted money; use a new key for a new conversion");
  }
  auto wallet_from =
      EnsureAccount(ledger_, connection, AccountKind::kWallet, user_id, amount.currency);
  if (!wallet_from.ok()) return wallet_from.error();
  auto wallet_to = EnsureAccount(ledger_, connection, AccountKind::kWallet, user_id, to);
  if (!wallet_to.ok()) return wallet_to.error();
  ledger::CrossCurrencyPayment payment;
  payment.idempotency_key = key;
  payment.payer_account_id = *wallet_from;
  payment.from = amount.currency;
  payment.amount = amount.amount;
  payment.payee_account_id = *wallet_to;
  payment.to = to;
  auto requests = ledger_.PrepareCrossCurrency(connection, payment);
  if (!requests.ok()) return requests.error();
  auto outcomes = ledger_.CreateLinkedTransfers(connection, *requests);
  if (!outcomes.ok()) return outcomes.error();
  for (const auto& outcome : *outcomes) {
    if (!outcome.ok()) return Internal("a conversion leg was refused");
  }
  Conversion conversion;
  conversion.from = amount;
  conversion.to = Money{(*requests).back().amount, to};
  conversion.rate_ppm = rate_ppm;
  conversion.transfer_id = outcomes->front().transfer_id;
  return conversion;
}

std::vector<WalletBalance> WalletService::Balances(int64_t user_id) const {
  std::vector<WalletBalance> balances;
  for (const char* code : kCurrencyCodes) {
    Currency currency = *Currency::Parse(code);
    auto account = ledger_.Lookup(AccountKind::kWallet, user_id, currency);
    if (!account) continue;
    auto balance = ledger_.Balance(*account);
    if (!balance.ok()) continue;
    balances.push_back({Money{balance->available(), currency}, balance->debits_pending});
  }
  return balances;
}

Result<std::vector<WalletEntry>> WalletService::History(store::Connection& connection,
                                                        int64_t user_id, int64_t before_id,
                                                        int limit) const {
  std::vector<WalletEntry> entries;
  for (const char* code : kCurrencyCodes) {
    Currency currency = *Currency::Parse(code);
    auto account = ledger_.Lookup(AccountKind::kWallet, user_id, currency);
    if (!account) continue;
    SHRIMP_ASSIGN_OR_RETURN(auto transfers,
                            ledger::ListAccountTransfers(connection, *account, before_id, limit));
    for (const ledger::Transfer& transfer : transfers) {
      WalletEntry entry;
      entry.transfer_id = transfer.id;
      entry.kind = std::string(ledger::TransferCodeName(transfer.code));
      entry.amount = Money{transfer.amount, transfer.currency};
      entry.incoming = transfer.credit_account_id == *account;
      entry.pending = transfer.is_pending();
      if (transfer.is_void()) {
        // A hold given back: money returns to the wallet.
        entry.kind = "hold_released";
        entry.incoming = !entry.incoming;
      } else if (transfer.is_post()) {
        entry.kind = "hold_settled";
      }
      if (transfer.reference_kind != ReferenceKind::kNone) {
        entry.reference = std::string(ledger::ReferenceKindName(transfer.reference_kind)) + ":" +
                          std::to_string(transfer.reference_id);
      }
      entry.created_at_ms = transfer.created_at_ms;
      entries.push_back(std::move(entry));
    }
  }
  std::sort(entries.begin(), entries.end(), [](const WalletEntry& a, const WalletEntry& b) {
    return a.transfer_id > b.transfer_id;
  });
  if (static_cast<int>(entries.size()) > limit) entries.resize(limit);
  return entries;
}

}  // namespace shrimp::payments
