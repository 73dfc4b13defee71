// /api/v1/api-keys: a merchant (or operator) issues API keys for its own
// apps, with scopes from kMerchantKeyScopes; a key acts as its owner within
// the owner's shops (api/key_auth.h). Issuing takes a session, never a key.
#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>

#include "accounts/api_keys.h"
#include "api/app.h"
#include "api/auth.h"
#include "api/key_auth.h"
#include "api/respond.h"
#include "catalog/shops.h"

namespace shrimp::api {

Result<accounts::Principal> RequireUserOrScope(App& app, const http::Request& request,
                                               std::string_view scope) {
  std::string_view token = BearerToken(request);
  if (!accounts::ApiKeyService::LooksLikeKey(token)) return RequireUser(app, request);
  SHRIMP_ASSIGN_OR_RETURN(auto key, RequireScope(app, request, scope));
  if (key.owner.kind == accounts::KeyOwnerKind::kCarrier) {
    return Forbidden("not_allowed", "a carrier's key cannot act for a merchant");
  }
  accounts::Principal principal;
  auto [end, ec] = std::from_chars(key.owner.id.data(), key.owner.id.data() + key.owner.id.size(),
                                   principal.user_id);
  if (ec != std::errc() || principal.user_id <= 0) {
    return Unauthenticated("unauthenticated", "this key has no user owner");
  }
  principal.role = key.owner.kind == accounts::KeyOwnerKind::kOperator ? accounts::Role::kOperator
                                                                       : accounts::Role::kMerchant;
  return principal;
}

namespace {

accounts::KeyOwner OwnerOf(const accounts::Principal& principal) {
  return {principal.is_operator() ? accounts::KeyOwnerKind::kOperator
                                  : accounts::KeyOwnerKind::kMerchantUser,
          std::to_string(principal.user_id)};
}

void WriteMerchantKey(http::JsonWriter& json, const accounts::ApiKey& key) {
  json.StartObject();
  json.Field("id", key.id);
  json.Field("display", key.display);
  json.Field("label", key.label);
  json.Key("scopes");
  json.StartArray();
  for (const std::string& scope : key.scopes) json.String(scope);
  json.EndArray();
  json.TimeField("created_at", key.created_at_ms);
  json.Key("last_used_at");
  if (key.last_used_at_ms)
    json.Time(*key.last_used_at_ms);
  else
    json.Null();
  json.Field("active", !key.revoked_at_ms.has_value());
  json.EndObject();
}

// A session, not a key: keys never mint or revoke keys.
Result<accounts::Principal> RequireSession(App& app, const http::Request& request) {
  if (accounts::ApiKeyService::LooksLikeKey(BearerToken(request))) {
    return Forbidden("session_required", "API keys are managed with a logged-in session");
  }
  return RequireUser(app, request);
}

Result<accounts::IssueKeyRequest> ParseMerchantIssue(const http::Request& request,
                                                     const accounts::Principal& principal) {
  accounts::IssueKeyRequest issue;
  issue.owner = OwnerOf(principal);
  issue.created_by_user_id = principal.user_id;
  SHRIMP_ASSIGN_OR_RETURN(auto body, http::JsonObject::Parse(request.body));
  SHRIMP_ASSIGN_OR_RETURN(auto label,
                          body.OptionalString("label", 0, accounts::kKeyLabelLengthMax));
  issue.label = label.value_or("");
  SHRIMP_ASSIGN_OR_RETURN(const rapidjson::Value* scopes,
                          body.Array("scopes", true, accounts::kScopesPerKeyMax));
  for (const auto& scope : scopes->GetArray()) {
    if (!scope.IsString()) {
      return InvalidArgument("wrong_type", "scopes must be an array of strings")
          .With("field", "scopes");
    }
    std::string_view name(scope.GetString(), scope.GetStringLength());
    if (std::find(std::begin(kMerchantKeyScopes), std::end(kMerchantKeyScopes), name) ==
        std::end(kMerchantKeyScopes)) {
      return InvalidArgument("invalid_scope", "unknown scope " + std::string(name) +
                                                  "; merchant keys take events:read, "
                                                  "webhooks:read, webhooks:write, analytics:read")
          .With("field", "scopes");
    }
    issue.scopes.emplace_back(name);
  }
  SHRIMP_RETURN_IF_ERROR(body.Finish());
  return issue;
}

void IssueMerchantKey(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireSession(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  if (!principal->is_operator()) {
    auto shops = app.db().Read([&](store::Connection& connection) {
      catalog::ShopFilter filter;
      filter.owner_id = principal->user_id;
      filter.limit = 1;
      return catalog::ListShops(connection, filter);
    });
    if (!shops.ok()) return reply(ErrorReply(shops.error()));
    if (shops->empty()) {
      return reply(
          ErrorReply(Forbidden("not_a_merchant", "open a shop first: keys act within your shops")));
    }
  }
  auto issue = ParseMerchantIssue(*request, *principal);
  if (!issue.ok()) return reply(ErrorReply(issue.error()));
  IssueKeyAndReply(app, std::move(issue).value(), std::move(reply), WriteMerchantKey);
}

http::Response ListMerchantKeys(App& app, const http::Request& request) {
  auto principal = RequireSession(app, request);
  if (!principal.ok()) return ErrorReply(principal.error());
  auto keys = app.api_keys().List(OwnerOf(*principal));
  if (!keys.ok()) return ErrorReply(keys.error());
  return KeyListReply(*keys, WriteMerchantKey);
}

void RevokeMerchantKey(App& app, http::RequestPtr request, http::Reply reply) {
  auto principal = RequireSession(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  auto key_id = PathId(*request, "key_id");
  if (!key_id.ok()) return reply(ErrorReply(key_id.error()));
  app.api_keys().RevokeAsync(OwnerOf(*principal), *key_id,
                             [reply](Result<accounts::ApiKey> revoked) {
                               if (!revoked.ok()) return reply(ErrorReply(revoked.error()));
                               http::JsonWriter json;
                               WriteMerchantKey(json, *revoked);
                               reply(JsonReply(200, json.Take()));
                             });
}

}  // namespace

void RegisterMerchantKeyRoutes(App& app) {
  http::Router& router = app.router();
  router.Add("POST", "/api/v1/api-keys",
             [&app](http::RequestPtr r, http::Reply reply) {
               IssueMerchantKey(app, r, std::move(reply));
             },
             {.summary = "Issue an API key for your apps (a merchant with a shop, or an "
                         "operator); the key is in this answer only. Scopes: events:read, "
                         "webhooks:read, webhooks:write, analytics:read",
              .tag = "partners",
              .auth = true,
              .request_example = R"({"scopes":["events:read","analytics:read"],"label":"ERP"})"});
  router.AddSync("GET", "/api/v1/api-keys",
                 [&app](const http::Request& r) { return ListMerchantKeys(app, r); },
                 {.summary = "Your API keys, revoked ones included (never the secret)",
                  .tag = "partners",
                  .auth = true});
  router.Add("DELETE", "/api/v1/api-keys/{key_id}",
             [&app](http::RequestPtr r, http::Reply reply) {
               RevokeMerchantKey(app, r, std::move(reply));
             },
             {.summary = "Revoke one of your API keys; final when answered",
              .tag = "partners",
              .auth = true});
}

void IssueKeyAndReply(App& app, accounts::IssueKeyRequest issue, http::Reply reply,
                      KeyWriter write) {
  app.api_keys().IssueAsync(std::move(issue), [reply, write](Result<accounts::IssuedKey> issued) {
    if (!issued.ok()) return reply(ErrorReply(issued.error()));
    http::JsonWriter json;
    json.StartObject();
    json.Field("key", issued->secret);
    json.Key("api_key");
    write(json, issued->key);
    json.EndObject();
    reply(JsonReply(201, json.Take()));
  });
}

http::Response KeyListReply(const std::vector<accounts::ApiKey>& keys, KeyWriter write) {
  http::JsonWriter json;
  json.StartObject();
  json.Key("keys");
  json.StartArray();
  for (const accounts::ApiKey& key : keys) write(json, key);
  json.EndArray();
  json.EndObject();
  return JsonReply(200, json.Take());
}

}  // namespace shrimp::api
