// Authentication for handlers: reads "Authorization: Bearer <token>".
#pragma once

#include "accounts/accounts.h"
#include "api/app.h"
#include "api/respond.h"
#include "http/request.h"

namespace shrimp::api {

// Errors: unauthenticated (missing, malformed, unknown or expired token).
// A partner's API key is not a user: it gets unauthenticated here.
Result<accounts::Principal> RequireUser(App& app, const http::Request& request);

// Errors: those of RequireUser, then not_operator (403).
Result<accounts::Principal> RequireOperator(App& app, const http::Request& request);

// The partner holding the request's API key (accounts/api_keys.h), which
// must carry `scope`. Errors: unauthenticated (no key, a session token, an
// unknown or revoked key), missing_scope (403, details "scope").
// A route that calls it declares the same scope in its RouteDoc.
Result<accounts::KeyPrincipal> RequireScope(App& app, const http::Request& request,
                                            std::string_view scope);

// The viewer of a public page: nullopt without an Authorization header.
// Errors: unauthenticated when a token is sent but is not valid.
Result<std::optional<accounts::Principal>> OptionalUser(App& app, const http::Request& request);

// The namespace of a caller's Idempotency-Keys: two users may pick the same key.
std::string IdempotencyScope(const accounts::Principal& principal);

// Authenticates, then runs `body(principal)`; replies 401 on failure.
template <class F>
void WithUser(App& app, const http::RequestPtr& request, http::Reply& reply, F&& body) {
  auto principal = RequireUser(app, *request);
  if (!principal.ok()) return reply(ErrorReply(principal.error()));
  body(*principal);
}

// The raw bearer token, or empty.
std::string_view BearerToken(const http::Request& request);

}  // namespace shrimp::api
