// Merchant apps: a merchant's API key (accounts/api_keys.h) acting for the
// merchant who issued it, within that merchant's shops, on the routes that
// declare the scope it carries (RouteDoc::scope).
#pragma once

#include <string_view>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/api_keys.h"
#include "api/app.h"
#include "api/auth.h"
#include "http/request.h"

namespace shrimp::api {

// What a merchant may put on its keys.
inline constexpr std::string_view kMerchantKeyScopes[] = {"events:read", "webhooks:read",
                                                          "webhooks:write", "analytics:read"};

// A user's session, or an API key carrying `scope` owned by a merchant user
// (acting as that merchant, never as an operator) or an operator. Errors:
// those of RequireUser and RequireScope; not_allowed (403) for a carrier's
// key.
Result<accounts::Principal> RequireUserOrScope(App& app, const http::Request& request,
                                               std::string_view scope);

// Authenticates as RequireUserOrScope, then runs `body(principal)`.
template <class F>
void WithUserOrScope(App& app, const http::RequestPtr& request, http::Reply& reply,
                     std::string_view scope, F&& body) {
  auto principal = RequireUserOrScope(app, *request, scope);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  body(*principal);
}

// How a key is shown: carriers' keys and merchants' keys differ in fields.
using KeyWriter = void (*)(http::JsonWriter& json, const accounts::ApiKey& key);

// Issues the key off the io thread and answers 201 {"key": <the secret, shown
// once>, "api_key": {...}}.
void IssueKeyAndReply(App& app, accounts::IssueKeyRequest issue, http::Reply reply,
                      KeyWriter write);
// 200 {"keys": [...]}.
http::Response KeyListReply(const std::vector<accounts::ApiKey>& keys, KeyWriter write);

// POST/GET /api/v1/api-keys, DELETE /api/v1/api-keys/{key_id}
// (api/merchant_keys_api.cc); registered with the partner routes.
void RegisterMerchantKeyRoutes(App& app);

}  // namespace shrimp::api
