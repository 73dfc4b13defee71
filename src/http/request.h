// Request and Response: the HTTP exchange as api/ handlers see it, free of
// Beast types so handlers stay small and testable.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shrimp::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;        // "GET", "POST", ...
  std::string path;          // "/api/v1/shops/7", percent-decoded
  std::string query_string;  // raw, without '?'
  HeaderList headers;        // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;
  std::string route;  // the matched pattern, "/api/v1/shops/{id}", set by the router
  std::vector<std::pair<std::string, std::string>> path_params;
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order

  // Case-insensitive header lookup; empty when absent.
  std::string_view Header(std::string_view name) const;
  // First query value for `name`, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
  // Path parameter from the route pattern; empty when absent.
  std::string_view Param(std::string_view name) const;
};

using RequestPtr = std::shared_ptr<const Request>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  HeaderList headers;
};

// Sends the response. Call exactly once, from any thread.
using Reply = std::function<void(Response)>;
// An asynchronous handler: may call `reply` later from another thread.
using Handler = std::function<void(RequestPtr, Reply)>;

// Builds {"error":{"code","message","details"}} with the given status.
Response ErrorResponse(int status, std::string_view code, std::string_view message,
                       const std::vector<std::pair<std::string, std::string>>& details = {});

// Splits and percent-decodes "a=1&b=x%20y". Returns false on malformed escapes.
bool ParseQueryString(std::string_view raw, std::vector<std::pair<std::string, std::string>>* out);
// Percent-decodes; returns false on a malformed escape.
bool PercentDecode(std::string_view in, std::string* out, bool plus_is_space);

}  // namespace shrimp::http
