// Authentication for handlers: reads "Authorization: Bearer <token>".
#pragma once

#include "accounts/accounts.h"
#include "api/app.h"
#include "http/request.h"

namespace shrimp::api {

// Errors: unauthenticated (missing, malformed, unknown or expired token).
Result<accounts::Principal> RequireUser(App& app, const http::Request& request);

// The raw bearer token, or empty.
std::string_view BearerToken(const http::Request& request);

}  // namespace shrimp::api
