// /api/v1: credit offers, loans and their repayment; the operator's credit
// book and lending capital. The features and loans are writer-thread state,
// so even the reads run as (cheap) writer jobs, answered asynchronously.
#include <rapidjson/document.h>

#include "api/app.h"
#include "api/auth.h"
#include "api/events.h"
#include "api/ledger_key.h"
#include "api/respond.h"
#include "api/write_path.h"
#include "catalog/catalog_lookup.h"
#include "credit/credit_service.h"
#include "credit/model_store.h"
#include "credit/offer_store.h"

namespace shrimp::api {
namespace {

using credit::LoanView;
using credit::Offer;

// The shop, if `principal` owns it (operators may read any).
Result<catalog::ShopSummary> CreditShop(store::Connection& connection, int64_t shop_id,
                                        const accounts::Principal& principal, bool operator_ok) {
  SHRIMP_ASSIGN_OR_RETURN(auto shop, catalog::LoadShopSummary(connection, shop_id));
  if (!shop) return NotFound("shop_not_found", "no such shop");
  if (shop->owner_id != principal.user_id && !(operator_ok && principal.is_operator())) {
    return Forbidden("not_shop_owner", "only the shop's merchant may do this");
  }
  return *shop;
}

// Runs `apply` as a writer job without an idempotency key (reads of
// writer-thread state) and answers with `render` or the error.
template <class T>
void SubmitRead(App& app, http::Reply reply, std::function<Result<T>(store::Connection&)> apply,
                std::function<http::Response(const T&)> render) {
  app.writer().Submit<T>(std::move(apply),
                         [reply = std::move(reply), render = std::move(render)](Result<T> result) {
                           if (!result.ok()) return reply(ErrorReply(result.error()));
                           reply(render(*result));
                         });
}

void WriteRaw(http::JsonWriter& json, std::string_view key, const std::string& raw_json) {
  // Stored JSON (inputs, reasons) is parsed back so the answer stays one document.
  rapidjson::Document document;
  document.Parse(raw_json.c_str(), raw_json.size());
  json.Key(key);
  if (document.HasParseError()) return json.Null();
  if (document.IsArray()) {
    json.StartArray();
    for (const auto& item : document.GetArray()) {
      if (item.IsString()) json.String(item.GetString());
    }
    json.EndArray();
    return;
  }
  json.StartObject();
  for (const auto& member : document.GetObject()) {
    json.Key(member.name.GetString());
    const auto& value = member.value;
    if (value.IsNull()) {
      json.Null();
    } else if (value.IsBool()) {
      json.Bool(value.GetBool());
    } else if (value.IsInt64()) {
      json.Int(value.GetInt64());
    } else if (value.IsNumber()) {
      json.Double(value.GetDouble());
    } else {
      json.Null();
    }
  }
  json.EndObject();
}

void WriteModels(http::JsonWriter& json, const std::vector<credit::StoredModel>& models) {
  json.StartArray();
  for (const credit::StoredModel& model : models) {
    json.StartObject();
    json.Field("version", model.version);
    json.Key("auc");
    json.Double(static_cast<double>(model.auc_ppm) / 1e6);
    json.Key("ks");
    json.Double(static_cast<double>(model.ks_ppm) / 1e6);
    json.Field("examples", model.examples);
    json.Field("active", model.active);
    json.TimeField("created_at", model.created_at_ms);
    json.EndObject();
  }
  json.EndArray();
}

Result<accounts::Principal> CreditOperator(App& app, const http::Request& request) {
  SHRIMP_ASSIGN_OR_RETURN(auto principal, RequireUser(app, request));
  if (!principal.is_operator()) return Forbidden("not_operator", "only operators see this");
  return principal;
}

// `source`: "live" (scored now) or "stored" (by the last `shrimp credit
// batch`, at `computed_at_ms`).
void WriteOffer(http::JsonWriter& json, const Offer& offer, std::string_view source,
                int64_t computed_at_ms) {
  json.StartObject();
  json.Field("shop_id", offer.shop_id);
  json.Field("source", source);
  json.TimeField("computed_at", computed_at_ms);
  json.Field("decision", offer.approved ? "approved" : "declined");
  json.Field("frozen", offer.frozen);
  json.Key("band");
  if (offer.band.empty())
    json.Null();
  else
    json.String(offer.band);
  json.Field("limit", offer.limit);
  json.Field("available", offer.available);
  json.Field("outstanding", offer.outstanding);
  json.Key("active_loan_id");
  if (offer.active_loan_id > 0)
    json.Int(offer.active_loan_id);
  else
    json.Null();
  json.Field("fee_bps", offer.fee_bps);
  json.Field("repayment_share_bps", offer.share_bps);
  json.Field("term_days", offer.term_days);
  json.Key("pd");
  json.Double(static_cast<double>(offer.score.pd_ppm) / 1e6);
  json.Field("points", offer.score.points);
  json.Field("model_version", offer.model_version);
  json.Key("reasons");
  json.StartArray();
  for (const std::string& reason : offer.reasons) json.String(reason);
  json.EndArray();
  WriteRaw(json, "inputs", credit::InputsJson(offer.inputs));
  json.EndObject();
}

}  // namespace

// The loan JSON of /api/v1/loans (and of loan events).
void WriteLoan(http::JsonWriter& json, const credit::LoanView& view, int64_t now_ms) {
  const credit::Loan& loan = view.loan;
  json.StartObject();
  json.Field("id", loan.id);
  json.Field("shop_id", loan.shop_id);
  json.Field("status", credit::LoanStatusName(loan.status));
  json.Field("decision", "approved");
  json.Field("principal", Money{loan.principal, loan.currency});
  json.Field("fee", Money{loan.fee, loan.currency});
  json.Field("owed",
             Money{loan.status == credit::LoanStatus::kActive ? loan.owed() : 0, loan.currency});
  json.Field("repaid", Money{loan.principal_repaid + loan.fee_repaid, loan.currency});
  json.Field("written_off", Money{loan.written_off, loan.currency});
  json.Field("repayment_share_bps", loan.share_bps);
  json.Field("band", view.band);
  json.Key("pd");
  json.Double(static_cast<double>(view.pd_ppm) / 1e6);
  json.Field("points", view.points);
  json.Field("limit", Money{view.limit, loan.currency});
  json.Field("model_version", view.model_version);
  int64_t days = loan.DaysPastDue(now_ms);
  json.Field("days_past_due", days);
  json.Field("delinquency", credit::DelinquencyBucket(days));
  WriteRaw(json, "reasons", view.reasons_json);
  WriteRaw(json, "inputs", view.inputs_json);
  json.Key("schedule");
  json.StartArray();
  for (const credit::Instalment& instalment : loan.schedule) {
    json.StartObject();
    json.TimeField("due_at", instalment.due_ms);
    json.Field("amount", Money{instalment.amount, loan.currency});
    json.Field("paid", Money{instalment.paid, loan.currency});
    json.EndObject();
  }
  json.EndArray();
  json.TimeField("created_at", loan.created_at_ms);
  json.EndObject();
}

namespace {

// ?source=live (default): scored now by the active model, the offer a loan
// request is decided on. ?source=stored: what the last `shrimp credit batch`
// stored for the shop (404 offer_not_stored before any batch).
void GetOffer(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto shop_id = PathId(*request, "id");
  if (!shop_id.ok()) return reply(ErrorReply(shop_id.error()));
  std::string source(request->Query("source").value_or("live"));
  if (source != "live" && source != "stored") {
    return reply(ErrorReply(
        InvalidArgument("invalid_query", "source must be live or stored").With("field", "source")));
  }
  accounts::Principal who = *principal;
  int64_t shop = *shop_id;
  if (source == "stored") {
    auto stored = app.db().Read([&](store::Connection& connection) -> Result<credit::StoredOffer> {
      SHRIMP_RETURN_IF_ERROR(CreditShop(connection, shop, who, true).status());
      SHRIMP_ASSIGN_OR_RETURN(auto found, credit::LoadOffer(connection, shop));
      if (!found) {
        return NotFound("offer_not_stored",
                        "no stored offer for this shop yet: `shrimp credit batch` stores them; "
                        "?source=live scores it now");
      }
      return std::move(*found);
    });
    if (!stored.ok()) return reply(ErrorReply(stored.error()));
    http::JsonWriter json;
    WriteOffer(json, stored->offer, "stored", stored->computed_at_ms);
    return reply(JsonReply(200, json.Take()));
  }
  SubmitRead<Offer>(
      app, std::move(reply),
      [&app, who, shop](store::Connection& connection) -> Result<Offer> {
        SHRIMP_ASSIGN_OR_RETURN(auto owned, CreditShop(connection, shop, who, true));
        return app.credit().MakeOffer(shop, owned.currency);
      },
      [&app](const Offer& offer) {
        http::JsonWriter json;
        WriteOffer(json, offer, "live", app.clock().NowMs());
        return JsonReply(200, json.Take());
      });
}

// Operator: the stored offers, in shop id order, a page at a time.
http::Response ListStoredOffers(App& app, const http::Request& request) {
  auto principal = CreditOperator(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  auto page = ParsePage(request);
  if (!page.ok()) return ErrorReply(page.error());
  credit::OfferFilter filter;
  filter.after = page->after;
  filter.limit = page->limit;
  filter.decision = std::string(request.Query("decision").value_or(""));
  if (!filter.decision.empty() && filter.decision != "approved" && filter.decision != "declined") {
    return ErrorReply(InvalidArgument("invalid_query", "decision must be approved or declined")
                          .With("field", "decision"));
  }
  filter.band = std::string(request.Query("band").value_or(""));
  if (!filter.band.empty()) {
    bool known = false;
    for (const credit::RiskBand& band : credit::RiskBands()) known |= band.name == filter.band;
    if (!known) {
      return ErrorReply(
          InvalidArgument("invalid_query", "band must be one of the risk bands (A to D)")
              .With("field", "band"));
    }
  }
  auto listed = app.db().Read(
      [&](store::Connection& connection) { return credit::ListOffers(connection, filter); });
  if (!listed.ok()) return ErrorReply(listed.error());
  bool more = static_cast<int64_t>(listed->size()) > filter.limit;
  if (more) listed->pop_back();
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const credit::StoredOffer& stored : *listed) {
    WriteOffer(json, stored.offer, "stored", stored.computed_at_ms);
  }
  json.EndArray();
  json.Key("next_after");
  if (more && !listed->empty()) {
    json.Int(listed->back().offer.shop_id);
  } else {
    json.Null();
  }
  json.EndObject();
  return JsonReply(200, json.Take());
}

void CreateLoan(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto parsed = ParseShopAmount(*request);
  if (!parsed.ok()) return reply(ErrorReply(parsed.error()));
  accounts::Principal who = *principal;
  int64_t shop = parsed->shop_id;
  Money money = parsed->amount;
  SubmitWrite<LoanView>(
      app, request, std::move(reply), IdempotencyScope(who),
      [&app, who, shop, money](store::Connection& connection) -> Result<LoanView> {
        SHRIMP_ASSIGN_OR_RETURN(auto owned, CreditShop(connection, shop, who, false));
        return app.credit().Apply(connection, shop, owned.currency, who.user_id, money);
      },
      [&app](const LoanView& view) {
        http::JsonWriter json;
        WriteLoan(json, view, app.clock().NowMs());
        return JsonReply(201, json.Take());
      });
}

// The loan, if `who` owns its shop or is an operator.
Result<LoanView> OwnedLoan(App& app, store::Connection& connection, int64_t loan_id,
                           const accounts::Principal& who, bool operator_ok) {
  SHRIMP_ASSIGN_OR_RETURN(auto view, app.credit().Find(connection, loan_id));
  if (!view) return NotFound("loan_not_found", "no such loan");
  auto shop = CreditShop(connection, view->loan.shop_id, who, operator_ok);
  if (!shop.ok()) return NotFound("loan_not_found", "no such loan");
  return std::move(*view);
}

void GetLoan(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto loan_id = PathId(*request, "id");
  if (!loan_id.ok()) return reply(ErrorReply(loan_id.error()));
  accounts::Principal who = *principal;
  int64_t id = *loan_id;
  SubmitRead<LoanView>(
      app, std::move(reply),
      [&app, who, id](store::Connection& connection) {
        return OwnedLoan(app, connection, id, who, true);
      },
      [&app](const LoanView& view) {
        http::JsonWriter json;
        WriteLoan(json, view, app.clock().NowMs());
        return JsonReply(200, json.Take());
      });
}

void RepayLoan(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto loan_id = PathId(*request, "id");
  if (!loan_id.ok()) return reply(ErrorReply(loan_id.error()));
  std::optional<Money> amount;
  if (!request->body.empty()) {
    auto body = http::JsonObject::Parse(request->body);
    if (!body.ok()) return reply(ErrorReply(body.error()));
    auto parsed = body->OptionalMoney("amount");
    if (!parsed.ok()) return reply(ErrorReply(parsed.error()));
    if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
    amount = *parsed;
  }
  accounts::Principal who = *principal;
  int64_t id = *loan_id;
  SubmitWrite<LoanView>(
      app, request, std::move(reply), IdempotencyScope(who),
      [&app, who, id, amount](store::Connection& connection) -> Result<LoanView> {
        SHRIMP_ASSIGN_OR_RETURN(auto view, OwnedLoan(app, connection, id, who, false));
        if (amount && amount->currency != view.loan.currency) {
          return InvalidArgument("currency_mismatch", "repay in the loan's currency")
              .With("field", "amount.currency");
        }
        return app.credit().Repay(connection, id,
                                  amount ? std::optional<int64_t>(amount->amount) : std::nullopt);
      },
      [&app](const LoanView& view) {
        http::JsonWriter json;
        WriteLoan(json, view, app.clock().NowMs());
        return JsonReply(200, json.Take());
      });
}

void FundCapital(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = CreditOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto amount = body->Money("amount");
  if (!amount.ok()) return reply(ErrorReply(amount.error()));
  if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
  Money money = *amount;
  std::string key = LedgerKeyFor("credit-capital", IdempotencyScope(*principal), *request);
  SubmitWrite<int64_t>(
      app, request, std::move(reply), IdempotencyScope(*principal),
      [&app, money, key](store::Connection& connection) {
        return app.credit().FundCapital(connection, money, key);
      },
      [money](const int64_t& capital) {
        http::JsonWriter json;
        json.StartObject();
        json.Field("capital", Money{capital, money.currency});
        json.EndObject();
        return JsonReply(201, json.Take());
      });
}

void GetBook(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = CreditOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto currency = Currency::Parse(request->Query("currency").value_or("CNY"));
  if (!currency.ok()) {
    return reply(
        ErrorReply(InvalidArgument("invalid_query", "currency must be an ISO 4217 code we support")
                       .With("field", "currency")));
  }
  Currency code = *currency;
  using BookAndModels = std::pair<credit::BookView, std::vector<credit::StoredModel>>;
  SubmitRead<BookAndModels>(
      app, std::move(reply),
      [&app, code](store::Connection& connection) -> Result<BookAndModels> {
        SHRIMP_ASSIGN_OR_RETURN(auto models, credit::ListModels(connection));
        return BookAndModels{app.credit().Book(code), std::move(models)};
      },
      [](const BookAndModels& both) {
        const credit::BookView& book = both.first;
        http::JsonWriter json;
        json.StartObject();
        json.Field("currency", book.currency.code());
        json.Field("capital", Money{book.capital, book.currency});
        json.Field("outstanding", Money{book.outstanding, book.currency});
        json.Field("available", Money{book.available, book.currency});
        json.Field("active_loans", book.active_loans);
        json.Field("expected_loss", Money{book.expected_loss, book.currency});
        json.Field("model_version", book.model_version);
        json.Key("bands");
        json.StartArray();
        for (const credit::BookBand& band : book.bands) {
          json.StartObject();
          json.Field("band", band.band);
          json.Field("loans", band.loans);
          json.Field("outstanding", Money{band.outstanding, book.currency});
          json.Field("expected_loss", Money{band.expected_loss, book.currency});
          json.EndObject();
        }
        json.EndArray();
        json.Key("delinquency");
        json.StartArray();
        for (const auto& [bucket, amount] : book.delinquency) {
          json.StartObject();
          json.Field("bucket", bucket);
          json.Field("outstanding", Money{amount, book.currency});
          json.EndObject();
        }
        json.EndArray();
        json.Key("models");
        WriteModels(json, both.second);
        json.EndObject();
        return JsonReply(200, json.Take());
      });
}

void ActivateModel(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = CreditOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  std::string name(request->Param("version"));
  if (name.empty() || name.size() > credit::kModelVersionBytesMax) {
    return reply(ErrorReply(InvalidArgument("invalid_field", "a model version has 1 to 64 bytes")
                                .With("field", "version")));
  }
  SubmitWrite<std::string>(
      app, request, std::move(reply), IdempotencyScope(*principal),
      [&app, name](store::Connection& connection) {
        return app.credit().ActivateModel(connection, name);
      },
      [](const std::string& active) {
        http::JsonWriter json;
        json.StartObject();
        json.Field("active_model", active);
        json.EndObject();
        return JsonReply(200, json.Take());
      });
}

void GetModels(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = CreditOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  using Listed = std::pair<std::string, std::vector<credit::StoredModel>>;
  SubmitRead<Listed>(
      app, std::move(reply),
      [&app](store::Connection& connection) -> Result<Listed> {
        SHRIMP_ASSIGN_OR_RETURN(auto models, credit::ListModels(connection));
        return Listed{app.credit().model().version, std::move(models)};
      },
      [](const Listed& listed) {
        http::JsonWriter json;
        json.StartObject();
        json.Field("active_model", listed.first);
        json.Key("items");
        WriteModels(json, listed.second);
        json.EndObject();
        return JsonReply(200, json.Take());
      });
}

}  // namespace

void RegisterCreditRoutes(App& app) {
  http::Router& router = app.router();
  router.Add("GET", "/api/v1/shops/{id}/credit-offer",
             [&app](http::RequestPtr r, http::Reply reply) { GetOffer(app, r, std::move(reply)); },
             {.summary =
                  "The shop's working-capital offer: decision, limit, fee, repayment share, "
                  "reasons in words, the model's inputs (the merchant or an operator). "
                  "?source=live (default) scores it now, the offer a loan is decided on; "
                  "?source=stored returns what the last `shrimp credit batch` stored, with its "
                  "computed_at. `source` in the answer says which",
              .tag = "credit",
              .auth = true});
  router.Add("GET", "/api/v1/admin/credit/offers",
             [&app](http::RequestPtr r, http::Reply reply) { reply(ListStoredOffers(app, *r)); },
             {.summary = "Operator: the offers the last `shrimp credit batch` stored, one per "
                         "shop in shop id order (?decision=approved|declined, ?band=A..D, "
                         "?limit=, ?after=<next_after>)",
              .tag = "credit",
              .auth = true});
  router.Add("POST", "/api/v1/loans",
             [&app](http::RequestPtr r, http::Reply reply) {
               CreateLoan(app, r, std::move(reply));
             },
             {.summary = "Borrow up to the offer: decided at once, paid into the shop's available "
                         "balance, repaid from a share of its sales over 3 monthly instalments",
              .tag = "credit",
              .auth = true,
              .idempotency_key_required = true,
              .request_example = R"({"shop_id":1,"amount":{"amount":500000,"currency":"CNY"}})"});
  router.Add("GET", "/api/v1/loans/{id}",
             [&app](http::RequestPtr r, http::Reply reply) { GetLoan(app, r, std::move(reply)); },
             {.summary =
                  "A loan: what is owed, its schedule, delinquency, and the decision that made it",
              .tag = "credit",
              .auth = true});
  router.Add("POST", "/api/v1/loans/{id}/repayments",
             [&app](http::RequestPtr r, http::Reply reply) { RepayLoan(app, r, std::move(reply)); },
             {.summary = "Repay early from the shop's available balance (all that is owed when the "
                         "amount is left out)",
              .tag = "credit",
              .auth = true,
              .idempotency_key_required = true,
              .request_example = R"({"amount":{"amount":10000,"currency":"CNY"}})"});
  router.Add("POST", "/api/v1/admin/credit/capital",
             [&app](http::RequestPtr r, http::Reply reply) {
               FundCapital(app, r, std::move(reply));
             },
             {.summary =
                  "Operator: add lending capital (money from outside shrimp); loans stop when "
                  "it runs out",
              .tag = "credit",
              .auth = true,
              .idempotency_key_required = true,
              .request_example = R"({"amount":{"amount":100000000,"currency":"CNY"}})"});
  router.Add("GET", "/api/v1/admin/credit/book",
             [&app](http::RequestPtr r, http::Reply reply) { GetBook(app, r, std::move(reply)); },
             {.summary =
                  "Operator: the credit book in one currency (?currency=): capital, outstanding "
                  "by risk band, delinquency buckets, expected loss",
              .tag = "credit",
              .auth = true});
  router.Add("GET", "/api/v1/admin/credit/models",
             [&app](http::RequestPtr r, http::Reply reply) { GetModels(app, r, std::move(reply)); },
             {.summary =
                  "Operator: trained credit models with their held-out AUC and KS, and which "
                  "one decides",
              .tag = "credit",
              .auth = true});
  router.Add("POST", "/api/v1/admin/credit/models/{version}/activate",
             [&app](http::RequestPtr r, http::Reply reply) {
               ActivateModel(app, r, std::move(reply));
             },
             {.summary = "Operator: a model saved by `shrimp credit train` decides from now on",
              .tag = "credit",
              .auth = true,
              .idempotent_key = true});
}

}  // namespace shrimp::api
