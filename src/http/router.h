// Router: the one list of routes. Each route has a method, a pattern with
// {named} segments, a handler, and the documentation /openapi.json is built
// from, so the document can never list a route that does not exist.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"

namespace shrimp::http {

// Bound on any JSON request body; routes that take uploads raise their own.
inline constexpr size_t kJsonBodyBytesMax = 1 << 20;

struct RouteDoc {
  std::string summary;
  std::string tag;    // "accounts", "catalog", ...
  bool auth = false;  // needs Authorization: Bearer
  // A partner's API key carrying this scope ("shipments:write"), checked by
  // the handler with api::RequireScope; implies auth.
  std::string scope;
  bool idempotent_key = false;  // honours Idempotency-Key
  // Requires Idempotency-Key (implies idempotent_key): every POST that
  // creates an order or moves money, so a client's retry after a lost answer
  // can never pay twice. The router answers 400 idempotency_key_required
  // before the handler runs, so the handler changes nothing; a request that
  // also lacks the Authorization header a route needs reaches the handler
  // and gets its 401 instead (who you are comes before how you asked).
  bool idempotency_key_required = false;
  std::string request_example;  // JSON, optional
  size_t body_bytes_max = kJsonBodyBytesMax;
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;  // pattern split on '/'
  Handler handler;
  RouteDoc doc;
};

class Router {
 public:
  // REQUIRES: called before the server starts; patterns are unique per method.
  void Add(std::string method, std::string pattern, Handler handler, RouteDoc doc);
  // The largest body any route accepts.
  size_t BodyBytesMax() const { return body_bytes_max_; }
  // For handlers that answer at once.
  void AddSync(std::string method, std::string pattern,
               std::function<Response(const Request&)> handler, RouteDoc doc);

  // The handler for GET and HEAD requests that match no route and whose path
  // `accepts` (e.g. client-side routes of the web app such as /shops/12, which
  // all answer with index.html). It is not listed in routes(), so the API
  // document stays about the API. Other methods and unmatched paths the
  // predicate rejects stay 404.
  // REQUIRES: called before the server starts, at most once.
  void SetGetFallback(std::function<bool(std::string_view path)> accepts,
                      std::function<Response(const Request&)> handler);

  enum class MatchResult { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    MatchResult result = MatchResult::kNotFound;
    const Route* route = nullptr;
    std::string allow;  // for kMethodNotAllowed: "GET, POST"
    std::vector<std::pair<std::string, std::string>> params;
  };
  // Matches decoded path segments (see DecodePath in http/request_checks.h:
  // the raw path is split on '/' before any percent-decoding, so an encoded
  // "%2F" never creates a segment). Literal segments compare with the decoded
  // ones; {param} values are the decoded segments. A segment holding a '/'
  // (an encoded slash) matches nothing, not even the GET fallback.
  // Thread-safe after start: the route list is immutable then.
  Match Find(std::string_view method, const std::vector<std::string>& segments) const;
  // Decodes the raw `path` first; a malformed path matches nothing.
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }
  // Replaces each route's handler with wrap(route, handler): a test server
  // uses it to check every response against the route's schema.
  // REQUIRES: called before the server starts.
  void WrapHandlers(const std::function<Handler(const Route&, Handler)>& wrap) {
    for (Route& route : routes_) route.handler = wrap(route, std::move(route.handler));
  }

  // The pattern reported (and used as the metrics label) for fallback matches.
  static constexpr std::string_view kFallbackPattern = "/{fallback}";

 private:
  std::vector<Route> routes_;
  size_t body_bytes_max_ = kJsonBodyBytesMax;
  std::function<bool(std::string_view)> fallback_accepts_;
  std::optional<Route> fallback_;
};

}  // namespace shrimp::http
