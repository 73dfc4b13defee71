// Partner API keys over HTTP: an operator issues, lists and revokes a
// carrier's keys; a partner reads what its own key is.
//
// Issuing a key takes no Idempotency-Key on purpose: the stored replay would
// keep the secret in the database, which must hold only its hash. A client
// that lost the answer lists the keys and revokes the one it never saw.
#include <rapidjson/document.h>

#include "accounts/api_keys.h"
#include "api/app.h"
#include "api/auth.h"
#include "api/key_auth.h"
#include "api/respond.h"

namespace shrimp::api {
namespace {

constexpr const char* kDefaultCarrierScope = "shipments:write";

void WriteOwner(http::JsonWriter& json, const accounts::KeyOwner& owner) {
  json.Key("owner");
  json.StartObject();
  json.Field("kind", accounts::KeyOwnerKindName(owner.kind));
  json.Field("id", owner.id);
  json.EndObject();
}

void WriteScopes(http::JsonWriter& json, const std::vector<std::string>& scopes) {
  json.Key("scopes");
  json.StartArray();
  for (const std::string& scope : scopes) json.String(scope);
  json.EndArray();
}

void WriteKey(http::JsonWriter& json, const accounts::ApiKey& key) {
  json.StartObject();
  json.Field("id", key.id);
  json.Field("display", key.display);
  json.Field("label", key.label);
  WriteOwner(json, key.owner);
  WriteScopes(json, key.scopes);
  json.TimeField("created_at", key.created_at_ms);
  json.Field("created_by", key.created_by_user_id);
  json.Key("last_used_at");
  if (key.last_used_at_ms)
    json.Time(*key.last_used_at_ms);
  else
    json.Null();
  json.Key("revoked_at");
  if (key.revoked_at_ms)
    json.Time(*key.revoked_at_ms);
  else
    json.Null();
  json.Field("active", !key.revoked_at_ms.has_value());
  json.EndObject();
}

accounts::KeyOwner CarrierOwner(const http::Request& request) {
  return accounts::KeyOwner{accounts::KeyOwnerKind::kCarrier,
                            std::string(request.Param("carrier_id"))};
}

// Errors: invalid_owner_id, unknown_carrier (not in the delivery network).
Status CheckCarrier(App& app, const accounts::KeyOwner& owner) {
  SHRIMP_RETURN_IF_ERROR(accounts::ValidateKeyOwner(owner));
  if (!app.network().FindCarrier(owner.id)) {
    return NotFound("unknown_carrier", "the delivery network has no carrier with this id")
        .With("field", "carrier_id");
  }
  return OkStatus();
}

Result<accounts::IssueKeyRequest> ParseIssue(App& app, const http::Request& request,
                                             int64_t operator_id) {
  accounts::IssueKeyRequest issue;
  issue.owner = CarrierOwner(request);
  issue.created_by_user_id = operator_id;
  SHRIMP_RETURN_IF_ERROR(CheckCarrier(app, issue.owner));
  if (request.body.empty()) {
    issue.scopes = {kDefaultCarrierScope};
    return issue;
  }
  SHRIMP_ASSIGN_OR_RETURN(auto body, http::JsonObject::Parse(request.body));
  SHRIMP_ASSIGN_OR_RETURN(auto label,
                          body.OptionalString("label", 0, accounts::kKeyLabelLengthMax));
  issue.label = label.value_or("");
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* scopes,
                          body.Array("scopes", false, accounts::kScopesPerKeyMax));
  if (scopes == nullptr) {
    issue.scopes = {kDefaultCarrierScope};
  } else {
    for (const auto& scope : scopes->GetArray()) {
      if (!scope.IsString()) {
        return InvalidArgument("wrong_type", "scopes must be an array of strings")
            .With("field", "scopes");
      }
      issue.scopes.emplace_back(scope.GetString(), scope.GetStringLength());
    }
  }
  SHRIMP_RETURN_IF_ERROR(body.Finish());
  return issue;
}

void IssueCarrierKey(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto issue = ParseIssue(app, *request, principal->user_id);
  if (!issue.ok()) return reply(ErrorReply(issue.error()));
  IssueKeyAndReply(app, std::move(issue).value(), std::move(reply), WriteKey);
}

http::Response ListCarrierKeys(App& app, const http::Request& request) {
  auto principal = RequireOperator(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  accounts::KeyOwner owner = CarrierOwner(request);
  if (auto valid = CheckCarrier(app, owner); !valid.ok()) return ErrorReply(valid.error());
  auto keys = app.api_keys().List(owner);
  if (!keys.ok()) return ErrorReply(keys.error());
  return KeyListReply(*keys, WriteKey);
}

void RevokeCarrierKey(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireOperator(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  accounts::KeyOwner owner = CarrierOwner(*request);
  if (auto valid = accounts::ValidateKeyOwner(owner); !valid.ok()) {
    return reply(ErrorReply(valid.error()));
  }
  auto key_id = PathId(*request, "key_id");
  if (!key_id.ok()) return reply(ErrorReply(key_id.error()));
  app.api_keys().RevokeAsync(owner, *key_id, [reply](Result<accounts::ApiKey> revoked) {
    if (!revoked.ok()) return reply(ErrorReply(revoked.error()));
    http::JsonWriter json;
    WriteKey(json, *revoked);
    reply(JsonReply(200, json.Take()));
  });
}

http::Response PartnerMe(App& app, const http::Request& request) {
  auto principal = app.api_keys().Authenticate(BearerToken(request));
  if (!principal.ok()) return ErrorReply(principal.error());
  http::JsonWriter json;
  json.StartObject();
  json.Field("key_id", principal->key_id);
  WriteOwner(json, principal->owner);
  WriteScopes(json, principal->scopes);
  json.EndObject();
  return JsonReply(200, json.Take());
}

}  // namespace

void RegisterApiKeyRoutes(App& app) {
  http::Router& router = app.router();
  router.Add("POST", "/api/v1/admin/carriers/{carrier_id}/keys",
             [&app](http::RequestPtr r, http::Reply reply) {
               IssueCarrierKey(app, std::move(r), std::move(reply));
             },
             {.summary = "Operator: issue an API key for a carrier; the key is shown only in "
                         "this answer (scopes default to [\"shipments:write\"])",
              .tag = "partners",
              .auth = true,
              .request_example = R"({"scopes":["shipments:write"],"label":"tracking feed"})"});
  router.AddSync("GET", "/api/v1/admin/carriers/{carrier_id}/keys",
                 [&app](const http::Request& r) { return ListCarrierKeys(app, r); },
                 {.summary = "Operator: a carrier's API keys, newest first, with last use and "
                             "revocation (never the secret)",
                  .tag = "partners",
                  .auth = true});
  router.Add("DELETE", "/api/v1/admin/carriers/{carrier_id}/keys/{key_id}",
             [&app](http::RequestPtr r, http::Reply reply) {
               RevokeCarrierKey(app, std::move(r), std::move(reply));
             },
             {.summary = "Operator: revoke a carrier's API key; final once answered",
              .tag = "partners",
              .auth = true});
  router.AddSync("GET", "/api/v1/partner/me",
                 [&app](const http::Request& r) { return PartnerMe(app, r); },
                 {.summary = "Partner: the owner and scopes of the API key sent as the bearer",
                  .tag = "partners",
                  .auth = true});
}

}  // namespace shrimp::api
