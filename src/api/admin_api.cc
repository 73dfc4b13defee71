// /api/v1/admin/...: what the operator's dashboard needs beyond the resource
// routes. For now the invariant check: the same one `shrimp check` runs
// (ledger balanced per currency, no flagged account negative, escrow and
// stock agreeing with every order), on the live store.
#include "api/app.h"
#include "api/auth.h"
#include "api/respond.h"

namespace shrimp::api {
namespace {

http::Response LedgerCheck(App& app, const http::Request& request) {
  auto principal = RequireUser(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  if (!principal->is_operator()) {
    return ErrorReply(Forbidden("operator_only", "only an operator runs the ledger check"));
  }
  auto problems = app.CheckInvariants();
  if (!problems.ok()) return ErrorReply(problems.error());
  http::JsonWriter json;
  json.StartObject();
  json.Field("ok", problems->empty());
  json.Key("problems");
  json.StartArray();
  for (const std::string& problem : *problems) json.String(problem);
  json.EndArray();
  json.EndObject();
  return JsonReply(200, json.Take());
}

}  // namespace

void RegisterAdminRoutes(App& app) {
  app.router().AddSync("GET", "/api/v1/admin/ledger-check",
                       [&app](const http::Request& r) { return LedgerCheck(app, r); },
                       {.summary = "Operator: check the ledger, escrow and stock invariants",
                        .tag = "admin", .auth = true});
}

}  // namespace shrimp::api
