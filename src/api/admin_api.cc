// /api/v1/admin: the operator's view of the marketplace — counts, GMV, open
// disputes and payouts, and the invariant check of the store.
#include "api/app.h"
#include "api/auth.h"
#include "api/respond.h"
#include "api/write_path.h"
#include "catalog/category.h"
#include "ledger/account.h"

namespace shrimp::api {
namespace {

// Statuses whose money reached (or is held for) the merchant: GMV counts them.
constexpr const char* kGmvStatuses =
    "('paid', 'shipped', 'delivered', 'completed', 'refund_requested', 'disputed', 'resolved')";

http::Response Overview(App& app, const http::Request& request) {
  auto principal = RequireOperator(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  http::JsonWriter json;
  auto written = app.db().Read([&](store::Connection& connection) -> Status {
    json.StartObject();
    for (auto [key, sql] :
         {std::pair{"users", "SELECT count(*) FROM users"},
          std::pair{"shops", "SELECT count(*) FROM shops"},
          std::pair{"products", "SELECT count(*) FROM products WHERE status = 'published'"},
          std::pair{"orders", "SELECT count(*) FROM orders"},
          std::pair{"payouts_requested",
                    "SELECT count(*) FROM payouts WHERE status = 'requested'"}}) {
      store::Query count(connection, sql);
      SHRIMP_ASSIGN_OR_RETURN(auto value, count.ScalarInt());
      json.Field(key, value.value_or(0));
    }
    // An order's status is its latest event's.
    constexpr const char* kLatest =
        "FROM orders o JOIN order_events e ON e.id = (SELECT max(id) FROM order_events"
        " WHERE order_id = o.id)";
    store::Query statuses(connection, std::string("SELECT e.status, count(*) ") + kLatest +
                                          " GROUP BY e.status ORDER BY e.status");
    json.Key("orders_by_status");
    json.StartObject();
    int64_t disputes_open = 0;
    while (statuses.Next()) {
      std::string status = statuses.Text(0);
      if (status == "disputed") disputes_open = statuses.Int(1);
      json.Field(status, statuses.Int(1));
    }
    SHRIMP_RETURN_IF_ERROR(statuses.status());
    json.EndObject();
    json.Field("disputes_open", disputes_open);
    // GMV counts the goods: not the shipping fees and import taxes collected.
    store::Query gmv(connection,
                     std::string("SELECT o.currency, sum(o.total - o.shipping_fee - o.shipping_duty"
                                 " - o.shipping_import_vat) ") +
                         kLatest + " WHERE e.status IN " + kGmvStatuses +
                         " GROUP BY o.currency ORDER BY o.currency");
    json.Key("gmv");
    json.StartArray();
    while (gmv.Next()) {
      SHRIMP_ASSIGN_OR_RETURN(Currency currency, Currency::Parse(gmv.Text(0)));
      json.Money(Money{gmv.Int(1), currency});
    }
    SHRIMP_RETURN_IF_ERROR(gmv.status());
    json.EndArray();
    // What the marketplace holds for others: carriers and customs.
    json.Key("payables");
    json.StartArray();
    store::Query payables(connection,
                          "SELECT id, kind, currency FROM ledger_accounts WHERE owner_id = 0 AND"
                          " kind IN (?, ?) ORDER BY kind, currency");
    payables.Bind(static_cast<int64_t>(ledger::AccountKind::kShippingPayable),
                  static_cast<int64_t>(ledger::AccountKind::kTaxPayable));
    while (payables.Next()) {
      SHRIMP_ASSIGN_OR_RETURN(Currency currency, Currency::Parse(payables.Text(2)));
      SHRIMP_ASSIGN_OR_RETURN(auto balance, app.ledger().Balance(payables.Int(0)));
      json.StartObject();
      json.Field("account",
                 ledger::AccountKindName(static_cast<ledger::AccountKind>(payables.Int(1))));
      json.Field("balance", Money{balance.posted(), currency});
      json.EndObject();
    }
    SHRIMP_RETURN_IF_ERROR(payables.status());
    json.EndArray();
    json.EndObject();
    return OkStatus();
  });
  if (!written.ok()) return ErrorReply(written.error());
  return JsonReply(200, json.Take());
}

// The scan of history takes a while on a large store: it runs on the App's
// checker thread, one at a time, never on an io thread.
void LedgerCheck(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto render = [reply](Result<std::vector<std::string>> problems) {
    if (!problems.ok()) return reply(ErrorReply(problems.error()));
    http::JsonWriter json;
    json.StartObject();
    json.Field("ok", problems->empty());
    json.Key("problems");
    json.StartArray();
    for (const std::string& problem : *problems) json.String(problem);
    json.EndArray();
    json.EndObject();
    reply(JsonReply(200, json.Take()));
  };
  if (!app.StartInvariantCheck(render)) {
    http::Response busy = ErrorReply(Error{ErrorKind::kRateLimited,
                                           "check_in_progress",
                                           "a check is already running; retry shortly",
                                           {}});
    busy.headers.emplace_back("Retry-After", "1");
    reply(std::move(busy));
  }
}

// PUT /api/v1/admin/commission-rates/{category} {"bps": 300}: the rate for
// orders placed from now on; existing order lines keep the rate they got.
void SetCommissionRate(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto bps = body->Int("bps", 0, orders::kBasisPointsMax);
  if (!bps.ok()) return reply(ErrorReply(bps.error()));
  if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
  std::string slug(request->Param("category"));
  int64_t rate = *bps;
  SubmitWrite<int64_t>(
      app, request, std::move(reply), IdempotencyScope(*principal),
      [&app, slug, rate](store::Connection& connection) -> Result<int64_t> {
        SHRIMP_ASSIGN_OR_RETURN(auto category,
                                catalog::CategoryService::FindBySlug(connection, slug));
        if (!category) return NotFound("unknown_category", "no category has this slug");
        SHRIMP_RETURN_IF_ERROR(
            app.commission().Set(connection, category->id, rate, app.clock().NowMs()));
        return category->id;
      },
      [slug, rate](const int64_t& category_id) {
        http::JsonWriter json;
        json.StartObject();
        json.Field("category", slug);
        json.Field("category_id", category_id);
        json.Field("bps", rate);
        json.EndObject();
        return JsonReply(200, json.Take());
      });
}

// PUT /api/v1/admin/fx-rates {"base":"EUR","quote":"CNY","rate_ppm":7812500}:
// appends a rate; conversions use the newest one for each direction.
void SetFxRate(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto body = http::JsonObject::Parse(request->body);
  if (!body.ok()) return reply(ErrorReply(body.error()));
  auto base = body->String("base", 3, 3);
  if (!base.ok()) return reply(ErrorReply(base.error()));
  auto quote = body->String("quote", 3, 3);
  if (!quote.ok()) return reply(ErrorReply(quote.error()));
  auto rate = body->Int("rate_ppm", 1, ledger::kRatePpmMax);
  if (!rate.ok()) return reply(ErrorReply(rate.error()));
  if (auto finished = body->Finish(); !finished.ok()) return reply(ErrorReply(finished.error()));
  auto base_currency = Currency::Parse(*base);
  auto quote_currency = Currency::Parse(*quote);
  if (!base_currency.ok() || !quote_currency.ok()) {
    return reply(ErrorReply(
        InvalidArgument("invalid_currency", "base and quote must be supported currencies")
            .With("field", base_currency.ok() ? "quote" : "base")));
  }
  Currency from = *base_currency, to = *quote_currency;
  int64_t rate_ppm = *rate;
  SubmitWrite<int64_t>(
      app, request, std::move(reply), IdempotencyScope(*principal),
      [&app, from, to, rate_ppm](store::Connection& connection) -> Result<int64_t> {
        SHRIMP_RETURN_IF_ERROR(app.ledger().SetFxRate(connection, from, to, rate_ppm));
        return rate_ppm;
      },
      [from, to](const int64_t& stored) {
        http::JsonWriter json;
        json.StartObject();
        json.Field("base", from.code());
        json.Field("quote", to.code());
        json.Field("rate_ppm", stored);
        json.EndObject();
        return JsonReply(200, json.Take());
      });
}

}  // namespace

void RegisterAdminRoutes(App& app) {
  app.router().Add("PUT", "/api/v1/admin/fx-rates",
                   [&app](http::RequestPtr r, http::Reply reply) {
                     SetFxRate(app, r, std::move(reply));
                   },
                   {.summary =
                        "Operator: set the exchange rate base->quote (each direction separately)",
                    .tag = "admin",
                    .auth = true,
                    .request_example = R"({"base":"EUR","quote":"CNY","rate_ppm":7812500})"});
  app.router().Add("PUT", "/api/v1/admin/commission-rates/{category}",
                   [&app](http::RequestPtr r, http::Reply reply) {
                     SetCommissionRate(app, r, std::move(reply));
                   },
                   {.summary = "Operator: commission in basis points for a category's new orders "
                               "(default 500 = 5 %)",
                    .tag = "admin",
                    .auth = true,
                    .request_example = R"({"bps":300})"});
  app.router().AddSync("GET", "/api/v1/admin/overview",
                       [&app](const http::Request& r) { return Overview(app, r); },
                       {.summary =
                            "Operator: users, shops, products, orders by status, GMV (goods) per "
                            "currency, and the payables held for carriers and customs",
                        .tag = "admin",
                        .auth = true});
  app.router().Add("GET", "/api/v1/admin/ledger-check",
                   [&app](http::RequestPtr r, http::Reply reply) {
                     LedgerCheck(app, std::move(r), std::move(reply));
                   },
                   {.summary = "Operator: run every invariant check now (ledger, escrow, stock)",
                    .tag = "admin",
                    .auth = true});
}

}  // namespace shrimp::api
