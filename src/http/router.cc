#include "http/router.h"

#include <algorithm>

#include <cassert>

#include "http/request_checks.h"

namespace shrimp::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;  // skip the leading '/'
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The one place Idempotency-Key is required (see RouteDoc).
Handler RequiringIdempotencyKey(Handler handler, bool needs_auth) {
  return [handler = std::move(handler), needs_auth](RequestPtr request, Reply reply) {
    bool anonymous = needs_auth && request->Header("authorization").empty();
    if (request->Header("idempotency-key").empty() && !anonymous) {
      reply(ErrorResponse(400, "idempotency_key_required",
                          "this request creates an order or moves money: send an Idempotency-Key "
                          "header (a unique value per operation, reused only to retry it)"));
      return;
    }
    handler(std::move(request), std::move(reply));
  };
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteDoc doc) {
  assert(!pattern.empty() && pattern[0] == '/');
  Route route;
  for (std::string_view part : Split(pattern)) route.segments.emplace_back(part);
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.doc = std::move(doc);
  route.handler = route.doc.idempotency_key_required
                      ? RequiringIdempotencyKey(std::move(handler), route.doc.auth)
                      : std::move(handler);
  if (route.doc.idempotency_key_required) route.doc.idempotent_key = true;
  body_bytes_max_ = std::max(body_bytes_max_, route.doc.body_bytes_max);
  routes_.push_back(std::move(route));
}

void Router::AddSync(std::string method, std::string pattern,
                     std::function<Response(const Request&)> handler, RouteDoc doc) {
  Add(
      std::move(method), std::move(pattern),
      [handler = std::move(handler)](RequestPtr request, Reply reply) { reply(handler(*request)); },
      std::move(doc));
}

void Router::SetGetFallback(std::function<bool(std::string_view path)> accepts,
                            std::function<Response(const Request&)> handler) {
  assert(!fallback_.has_value());
  Route route;
  route.method = "GET";
  route.pattern = std::string(kFallbackPattern);
  route.handler = [handler = std::move(handler)](RequestPtr request, Reply reply) {
    reply(handler(*request));
  };
  fallback_accepts_ = std::move(accepts);
  fallback_ = std::move(route);
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  auto segments = DecodePath(path);
  if (!segments.ok()) return Match{};
  return Find(method, *segments);
}

Router::Match Router::Find(std::string_view method,
                           const std::vector<std::string>& segments) const {
  Match match;
  if (segments.empty()) return match;
  for (const std::string& segment : segments) {
    if (segment.find('/') != std::string::npos) return match;
  }
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool matched = true;
    for (size_t index = 0; index < segments.size(); ++index) {
      const std::string& segment = route.segments[index];
      if (IsParam(segment)) {
        if (segments[index].empty()) {
          matched = false;
          break;
        }
        params.emplace_back(segment.substr(1, segment.size() - 2), segments[index]);
      } else if (segment != segments[index]) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      match.result = MatchResult::kFound;
      match.route = &route;
      match.params = std::move(params);
      return match;
    }
    match.result = MatchResult::kMethodNotAllowed;
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += route.method;
  }
  if (match.result == MatchResult::kNotFound && fallback_.has_value() &&
      (method == "GET" || method == "HEAD") && fallback_accepts_(JoinPath(segments))) {
    match.result = MatchResult::kFound;
    match.route = &*fallback_;
  }
  return match;
}

}  // namespace shrimp::http
