// Helpers every api/ handler uses to turn domain results into responses.
// This is the one place where domain error kinds become HTTP statuses.
#pragma once

#include <string>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "http/json.h"
#include "http/request.h"

namespace shrimp::api {

int StatusFor(ErrorKind kind);

// {"error": {...}} with the status for the error's kind.
http::Response ErrorReply(const Error& error);

// A JSON response with the given status.
http::Response JsonReply(int status, std::string body);

// Parses a path parameter as a positive id, or errors with invalid_id.
Result<int64_t> PathId(const http::Request& request, std::string_view name);

// Cursor pagination: ?limit= (1..kPageSizeMax, default kPageSizeDefault) and
// ?after= (an opaque cursor the previous page returned; here an id).
inline constexpr int64_t kPageSizeDefault = 20;
inline constexpr int64_t kPageSizeMax = 100;
struct Page {
  int64_t limit = kPageSizeDefault;
  int64_t after = 0;  // 0: from the start
};
Result<Page> ParsePage(const http::Request& request);

// The body {"shop_id": <id>, "amount": Money} and nothing else (payouts, loans).
struct ShopAmount {
  int64_t shop_id = 0;
  Money amount;
};
Result<ShopAmount> ParseShopAmount(const http::Request& request);

// A page of a list as {"items": [...], "next_after": <the last item's id> | null}.
// `more`: whether a next page may follow (by the caller's rule: a full page,
// or one row more than asked was read and dropped).
template <class T, class WriteItem>
http::Response PageReply(const std::vector<T>& items, bool more, WriteItem write_item) {
  http::JsonWriter json;
  json.StartObject();
  json.Key("items");
  json.StartArray();
  for (const T& item : items) write_item(json, item);
  json.EndArray();
  json.Key("next_after");
  if (more && !items.empty()) {
    json.Int(items.back().id);
  } else {
    json.Null();
  }
  json.EndObject();
  return JsonReply(200, json.Take());
}

// Parses an optional integer query parameter within [min, max].
Result<std::optional<int64_t>> QueryInt(const http::Request& request, std::string_view name,
                                        int64_t min, int64_t max);

}  // namespace shrimp::api
