// /api/v1/wallet, top-ups, the provider webhook, shop balances and payouts.
#include "api/app.h"
#include "api/auth.h"
#include "api/ledger_key.h"
#include "api/respond.h"
#include "api/write_path.h"
#include "api/events.h"
#include "catalog/catalog_lookup.h"
#include "payments/webhook_signature.h"

namespace shrimp::api {

void WritePayout(http::JsonWriter& json, const payments::Payout& payout) {
  json.StartObject();
  json.Field("id", payout.id);
  json.Field("shop_id", payout.shop_id);
  json.Field("amount", payout.amount);
  json.Field("status", payout.status);
  json.TimeField("created_at", payout.created_at_ms);
  json.Key("settled_at");
  if (payout.settled_at_ms > 0)
    json.Time(payout.settled_at_ms);
  else
    json.Null();
  json.EndObject();
}

namespace {

using payments::Payout;
using payments::TopUp;

void WriteTopUp(http::JsonWriter& json, const TopUp& top_up) {
  json.StartObject();
  json.Field("id", top_up.id);
  json.Field("status", top_up.status);
  json.Field("amount", top_up.amount);
  json.Field("provider", top_up.provider);
  json.Field("test_mode", top_up.test_mode());
  if (top_up.provider == "external" && top_up.status == "pending") {
    // The provider's hosted page takes the card; shrimp never sees it.
    json.Field("payment_url", "/provider/checkout?top_up_id=" + std::to_string(top_up.id));
  }
  json.TimeField("created_at", top_up.created_at_ms);
  json.EndObject();
}

http::Response PayoutReply(int status, const Payout& payout) {
  http::JsonWriter json;
  WritePayout(json, payout);
  return JsonReply(status, json.Take());
}

http::Response GetWallet(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  http::JsonWriter json;
  json.StartObject();
  json.Key("balances");
  json.StartArray();
  for (const auto& balance : app.wallets().Balances(principal->user_id)) {
    json.StartObject();
    json.Field("currency", balance.available.currency.code());
    json.Field("available", balance.available);
    json.Field("pending", Money{balance.pending, balance.available.currency});
    json.EndObject();
  }
  json.EndArray();
  // Sandbox money is test money: say so only where the sandbox exists.
  json.Field("test_mode", app.options().sandbox_provider);
  json.EndObject();
  return JsonReply(200, json.Take());
}

http::Response GetWalletTransactions(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  auto page = ParsePage(request);
  if (!page.ok()) return ErrorReply(page.error());
  auto entries = app.db().Read([&](store::Connection& connection) {
    return app.wallets().History(connection, principal->user_id, page->after,
                                 static_cast<int>(page->limit));
  });
  if (!entries.ok()) return ErrorReply(entries.error());
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const auto& entry : *entries) {
    json.StartObject();
    json.Field("id", entry.transfer_id);
    json.Field("kind", entry.kind);
    json.Field("amount", entry.amount);
    json.Field("direction", entry.incoming ? "in" : "out");
    json.Field("pending", entry.pending);
    json.Field("reference", entry.reference);
    json.TimeField("created_at", entry.created_at_ms);
    json.EndObject();
  }
  json.EndArray();
  json.Key("next_after");
  if (static_cast<int64_t>(entries->size()) == page->limit)
    json.Int(entries->back().transfer_id);
  else
    json.Null();
  json.EndObject();
  return JsonReply(200, json.Take());
}

void CreateTopUp(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto amount = body->Money("amount");
  if (!amount.ok()) return reply(ErrorReply(amount.error()));
  auto provider = body->OptionalString("provider", 1, 20);
  if (!provider.ok()) return reply(ErrorReply(provider.error()));
  if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
  int64_t user_id = principal->user_id;
  std::string provider_name = provider->value_or("sandbox");
  Money money = *amount;
  SubmitWrite<TopUp>(
      app, request, std::move(reply), IdempotencyScope(*principal),
      [&app, user_id, money, provider_name](store::Connection& connection) {
        return app.wallets().CreateTopUp(connection, user_id, money, provider_name);
      },
      [](const TopUp& top_up) {
        http::JsonWriter json;
        WriteTopUp(json, top_up);
        return JsonReply(201, json.Take());
      });
}

// The payment provider's confirmation, HMAC-signed; applied once per event id.
void ProviderWebhook(App& app, http::RequestPtr request, http::Reply reply) {
  if (app.options().provider_webhook_secret.empty()) {
    // No secret, no provider: nothing could be verified, so nothing is read.
    Error error{.kind = ErrorKind::kUnavailable,
                .code = "provider_not_configured",
                .message =
                    "the external payment provider is not configured on this server "
                    "(set SHRIMP_WEBHOOK_SECRET)"};
    return reply(ErrorReply(error));
  }
  int64_t now_s = app.clock().NowMs() / 1000;
  auto verified =
      payments::VerifyWebhook(app.options().provider_webhook_secret,
                              request->Header("shrimp-signature"), request->body, now_s);
  if (!verified.ok()) return reply(ErrorReply(verified.error()));
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  payments::ProviderEvent event;
  auto id = body->String("id", 1, payments::kProviderEventIdLengthMax);
  auto type = body->String("type", 1, 64);
  auto data = body->Object("data", true);
  if (!id.ok()) return reply(ErrorReply(id.error()));
  if (!type.ok()) return reply(ErrorReply(type.error()));
  if (!data.ok()) return reply(ErrorReply(data.error()));
  http::JsonObject data_object(*data, "data.");
  auto top_up_id = data_object.Int("top_up_id", 1, INT64_MAX);
  if (!top_up_id.ok()) return reply(ErrorReply(top_up_id.error()));
  auto amount = data_object.Money("amount");
  if (!amount.ok()) return reply(ErrorReply(amount.error()));
  if (auto finished = data_object.Finish(); !finished.ok())
    return reply(ErrorReply(finished.error()));
  if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
  event.id = *id;
  event.type = *type;
  event.top_up_id = *top_up_id;
  event.amount = *amount;
  SubmitWrite<std::pair<TopUp, bool>>(
      app, request, std::move(reply), "provider",
      [&app, event](store::Connection& connection) {
        return app.wallets().ApplyProviderEvent(connection, event);
      },
      [](const std::pair<TopUp, bool>& applied) {
        http::JsonWriter json;
        json.StartObject();
        json.Field("applied", applied.second);
        json.Key("top_up");
        WriteTopUp(json, applied.first);
        json.EndObject();
        return JsonReply(200, json.Take());
      });
}

// Resolves the shop and checks the principal owns it (operators may read).
Result<catalog::ShopSummary> OwnedShop(store::Connection& connection, int64_t shop_id,
                                       const accounts::Principal& principal, bool operator_ok) {
  SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, shop_id));
  if (!shop) return NotFound("shop_not_found", "no such shop");
  if (shop->owner_id != principal.user_id && !(operator_ok && principal.is_operator())) {
    return Forbidden("not_shop_owner", "only the shop's merchant may do this");
  }
  return *shop;
}

http::Response GetShopBalance(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  auto shop_id = PathId(request, "id");
  if (!shop_id.ok()) return ErrorReply(shop_id.error());
  auto shop = app.db().Read([&](store::Connection& connection) {
    return OwnedShop(connection, *shop_id, *principal, true);
  });
  if (!shop.ok()) return ErrorReply(shop.error());
  payments::ShopBalance balance = app.payouts().Balance(*shop_id, shop->currency);
  http::JsonWriter json;
  json.StartObject();
  json.Field("shop_id", *shop_id);
  json.Field("available", balance.available);
  json.Field("pending", Money{balance.pending, balance.available.currency});
  json.EndObject();
  return JsonReply(200, json.Take());
}

void RequestPayout(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto parsed = ParseShopAmount(*request);
  if (!parsed.ok()) return reply(ErrorReply(parsed.error()));
  accounts::Principal who = *principal;
  int64_t shop = parsed->shop_id;
  Money money = parsed->amount;
  SubmitWrite<Payout>(
      app, request, std::move(reply), IdempotencyScope(who),
      [&app, who, shop, money](store::Connection& connection) -> Result<Payout> {
        SHRIMP_ASSIGN_OR_RETURN(auto owned, OwnedShop(connection, shop, who, false));
        if (owned.currency != money.currency) {
          return InvalidArgument("currency_mismatch", "payouts are in the shop's currency")
              .With("field", "amount.currency");
        }
        return app.payouts().Request(connection, shop, who.user_id, money);
      },
      [](const Payout& payout) { return PayoutReply(201, payout); });
}

http::Response ListPayouts(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  auto page = ParsePage(request);
  if (!page.ok()) return ErrorReply(page.error());
  auto shop_id = QueryInt(request, "shop_id", 1, INT64_MAX);
  if (!shop_id.ok()) return ErrorReply(shop_id.error());
  std::string status(request.Query("status").value_or(""));
  if (!status.empty() && status != "requested" && status != "paid" && status != "failed") {
    return ErrorReply(InvalidArgument("invalid_query", "status must be requested, paid or failed")
                          .With("field", "status"));
  }
  auto listed = app.db().Read([&](store::Connection& connection) -> Result<std::vector<Payout>> {
    if (*shop_id) {
      SHRIMP_RETURN_IF_ERROR(OwnedShop(connection, **shop_id, *principal, true).status());
    } else if (!principal->is_operator()) {
      return InvalidArgument("invalid_query", "shop_id is required").With("field", "shop_id");
    }
    return app.payouts().List(connection, shop_id->value_or(0), status, page->after, page->limit);
  });
  if (!listed.ok()) return ErrorReply(listed.error());
  return PageReply(*listed, static_cast<int64_t>(listed->size()) == page->limit, WritePayout);
}

void SettlePayout(App& app, http::RequestPtr request, http::Reply reply, bool paid) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  if (!principal->is_operator()) {
    return reply(ErrorReply(Forbidden("operator_only", "only an operator settles payouts")));
  }
  auto payout_id = PathId(*request, "id");
  if (!payout_id.ok()) return reply(ErrorReply(payout_id.error()));
  int64_t id = *payout_id;
  SubmitWrite<Payout>(
      app, request, std::move(reply), IdempotencyScope(*principal),
      [&app, id, paid](store::Connection& connection) {
        return app.payouts().Settle(connection, id, paid);
      },
      [](const Payout& payout) { return PayoutReply(200, payout); });
}

// POST /api/v1/wallet/conversions {"amount": Money, "to_currency": "CNY"}:
// money from one of the caller's wallets into another at the operator's rate.
void ConvertCurrency(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto amount = body->Money("amount");
  if (!amount.ok()) return reply(ErrorReply(amount.error()));
  auto to_code = body->String("to_currency", 3, 3);
  if (!to_code.ok()) return reply(ErrorReply(to_code.error()));
  if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
  auto to = Currency::Parse(*to_code);
  if (!to.ok()) {
    return reply(ErrorReply(
        InvalidArgument("invalid_currency", to.error().message).With("field", "to_currency")));
  }
  int64_t user_id = principal->user_id;
  // The ledger's keys for the two legs come from the request's own key, so a
  // retry can never convert twice even after its stored response expired.
  std::string key = LedgerKeyFor("conversion", IdempotencyScope(*principal), *request);
  Money money = *amount;
  Currency target = *to;
  SubmitWrite<payments::Conversion>(
      app, request, std::move(reply), IdempotencyScope(*principal),
      [&app, user_id, money, target, key](store::Connection& connection) {
        return app.wallets().Convert(connection, user_id, money, target, key);
      },
      [](const payments::Conversion& conversion) {
        http::JsonWriter json;
        json.StartObject();
        json.Field("from", conversion.from);
        json.Field("to", conversion.to);
        json.Field("rate_ppm", conversion.rate_ppm);
        json.Field("transfer_id", conversion.transfer_id);
        json.EndObject();
        return JsonReply(201, json.Take());
      });
}

http::Response ListFxRates(App& app, const http::Request&) {
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const auto& rate : app.ledger().fx().All()) {
    json.StartObject();
    json.Field("base", rate.base);
    json.Field("quote", rate.quote);
    json.Field("rate_ppm", rate.rate_ppm);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return JsonReply(200, json.Take());
}

}  // namespace

void RegisterPaymentRoutes(App& app) {
  http::Router& router = app.router();
  router.Add("POST", "/api/v1/wallet/conversions",
             [&app](http::RequestPtr r, http::Reply reply) {
               ConvertCurrency(app, r, std::move(reply));
             },
             {.summary = "Convert wallet money into another currency at the operator's rate "
                         "(through FX accounts)",
              .tag = "payments",
              .auth = true,
              .idempotency_key_required = true,
              .request_example =
                  R"({"amount":{"amount":10000,"currency":"EUR"},"to_currency":"CNY"})"});
  router.AddSync(
      "GET", "/api/v1/fx-rates", [&app](const http::Request& r) { return ListFxRates(app, r); },
      {.summary = "Current exchange rates in parts per million (1 base = rate_ppm / 10^6 quote)",
       .tag = "payments"});
  router.AddSync("GET", "/api/v1/wallet",
                 [&app](const http::Request& r) { return GetWallet(app, r); },
                 {.summary = "Wallet balances per currency", .tag = "payments", .auth = true});
  router.AddSync("GET", "/api/v1/wallet/transactions",
                 [&app](const http::Request& r) { return GetWalletTransactions(app, r); },
                 {.summary = "Wallet movements, newest first", .tag = "payments", .auth = true});
  router.Add("POST", "/api/v1/wallet/top-ups",
             [&app](http::RequestPtr r, http::Reply reply) {
               CreateTopUp(app, r, std::move(reply));
             },
             {.summary = "Top up through a payment provider (sandbox: test mode, confirms at once)",
              .tag = "payments",
              .auth = true,
              .idempotency_key_required = true,
              .request_example =
                  R"({"amount":{"amount":10000,"currency":"CNY"},"provider":"sandbox"})"});
  router.Add(
      "POST", "/api/v1/payments/webhook",
      [&app](http::RequestPtr r, http::Reply reply) { ProviderWebhook(app, r, std::move(reply)); },
      {.summary = "Payment provider confirmations; Shrimp-Signature: t=<s>,v1=<HMAC-SHA256 hex>",
       .tag = "payments",
       .request_example =
           R"({"id":"evt_1","type":"top_up.succeeded","data":{"top_up_id":3,"amount":{"amount":10000,"currency":"CNY"}}})"});
  router.AddSync("GET", "/api/v1/shops/{id}/balance",
                 [&app](const http::Request& r) { return GetShopBalance(app, r); },
                 {.summary = "A shop's available and in-escrow revenue",
                  .tag = "payments",
                  .auth = true});
  router.Add("POST", "/api/v1/payouts",
             [&app](http::RequestPtr r, http::Reply reply) {
               RequestPayout(app, r, std::move(reply));
             },
             {.summary = "Withdraw available revenue",
              .tag = "payments",
              .auth = true,
              .idempotency_key_required = true,
              .request_example = R"({"shop_id":1,"amount":{"amount":5000,"currency":"CNY"}})"});
  router.AddSync("GET", "/api/v1/payouts",
                 [&app](const http::Request& r) { return ListPayouts(app, r); },
                 {.summary = "Payouts of a shop (?shop_id=), or all for operators; ?status=",
                  .tag = "payments",
                  .auth = true});
  router.Add("POST", "/api/v1/payouts/{id}/mark-paid",
             [&app](http::RequestPtr r, http::Reply reply) {
               SettlePayout(app, r, std::move(reply), true);
             },
             {.summary = "Operator: the payout reached the merchant",
              .tag = "payments",
              .auth = true,
              .idempotency_key_required = true});
  router.Add("POST", "/api/v1/payouts/{id}/mark-failed",
             [&app](http::RequestPtr r, http::Reply reply) {
               SettlePayout(app, r, std::move(reply), false);
             },
             {.summary = "Operator: the payout failed; money returns to the shop",
              .tag = "payments",
              .auth = true,
              .idempotency_key_required = true});
}

}  // namespace shrimp::api
