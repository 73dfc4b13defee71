#include "api/respond.h"

#include <charconv>

namespace shrimp::api {

int StatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return 400;
    case ErrorKind::kUnauthenticated: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kRateLimited: return 429;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kStorageFull: return 507;
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

http::Response ErrorReply(const Error& error) {
  return http::ErrorResponse(StatusFor(error.kind), error.code, error.message, error.details);
}

http::Response JsonReply(int status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

namespace {
std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}
}  // namespace

Result<int64_t> PathId(const http::Request& request, std::string_view name) {
  auto value = ParseInt(request.Param(name));
  if (!value || *value <= 0) {
    return InvalidArgument("invalid_id", std::string(name) + " must be a positive integer")
        .With("field", std::string(name));
  }
  return *value;
}

Result<std::optional<int64_t>> QueryInt(const http::Request& request, std::string_view name,
                                        int64_t min, int64_t max) {
  auto raw = request.Query(name);
  if (!raw || raw->empty()) return std::optional<int64_t>();
  auto value = ParseInt(*raw);
  if (!value || *value < min || *value > max) {
    return InvalidArgument("invalid_query", std::string(name) + " must be an integer from " +
                                                std::to_string(min) + " to " + std::to_string(max))
        .With("field", std::string(name));
  }
  return value;
}

Result<Page> ParsePage(const http::Request& request) {
  Page page;
  SHRIMP_ASSIGN_OR_RETURN(auto limit, QueryInt(request, "limit", 1, kPageSizeMax));
  SHRIMP_ASSIGN_OR_RETURN(auto after, QueryInt(request, "after", 0, INT64_MAX));
  if (limit) page.limit = *limit;
  if (after) page.after = *after;
  return page;
}

Result<ShopAmount> ParseShopAmount(const http::Request& request) {
  SHRIMP_ASSIGN_OR_RETURN(auto body, http::JsonObject::Parse(request.body));
  ShopAmount parsed;
  SHRIMP_ASSIGN_OR_RETURN(parsed.shop_id, body.Int("shop_id", 1, INT64_MAX));
  SHRIMP_ASSIGN_OR_RETURN(parsed.amount, body.Money("amount"));
  SHRIMP_RETURN_IF_ERROR(body.Finish());
  return parsed;
}

}  // namespace shrimp::api
