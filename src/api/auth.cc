#include "api/auth.h"

#include <strings.h>

namespace shrimp::api {

std::string_view BearerToken(const http::Request& request) {
  std::string_view header = request.Header("authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() ||
      strncasecmp(header.data(), kPrefix.data(), kPrefix.size()) != 0) {
    return {};
  }
  return header.substr(kPrefix.size());
}

Result<accounts::Principal> RequireUser(App& app, const http::Request& request) {
  return app.accounts().Authenticate(BearerToken(request));
}

Result<accounts::Principal> RequireOperator(App& app, const http::Request& request) {
  SHRIMP_ASSIGN_OR_RETURN(auto principal, RequireUser(app, request));
  if (!principal.is_operator()) return Forbidden("not_operator", "only operators see this");
  return principal;
}

Result<accounts::KeyPrincipal> RequireScope(App& app, const http::Request& request,
                                            std::string_view scope) {
  SHRIMP_ASSIGN_OR_RETURN(auto principal, app.api_keys().Authenticate(BearerToken(request)));
  if (!principal.HasScope(scope)) {
    return Forbidden("missing_scope", "this API key does not carry the scope this route needs")
        .With("scope", std::string(scope));
  }
  return principal;
}

Result<std::optional<accounts::Principal>> OptionalUser(App& app, const http::Request& request) {
  if (request.Header("authorization").empty()) return std::optional<accounts::Principal>();
  SHRIMP_ASSIGN_OR_RETURN(auto principal, RequireUser(app, request));
  return std::optional<accounts::Principal>(principal);
}

std::string IdempotencyScope(const accounts::Principal& principal) {
  return "user:" + std::to_string(principal.user_id);
}

}  // namespace shrimp::api
