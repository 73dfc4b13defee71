// The request and response schemas of every route: one table that
// /openapi.json publishes (api/openapi.cc), the web app's TypeScript types are
// generated from (scripts/gen-api-types), and a test server checks every real
// response and accepted request body against (AppOptions::check_schemas), so
// a JSON writer or request parser that drifts from its schema fails the API
// tests that call it. tests/api/openapi_test.cc fails on a route without an
// entry and on an entry without a route.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/router.h"

namespace shrimp::api {

struct RouteSchema {
  std::string method;
  std::string pattern;
  // JSON Schema of the request body; empty: the route reads no body.
  std::string request;
  // JSON Schema of the 2xx body when content_type is JSON; errors are always
  // the Error schema.
  std::string response;
  // Empty: the route answers 204 with no body.
  std::string content_type = "application/json";
  // Another type the route answers with on request ("text/csv" for
  // ?format=csv); its body is not checked.
  std::string alternate_content_type;
};

// Every route's schemas, in no particular order.
const std::vector<RouteSchema>& RouteSchemas();
// nullptr if the route has no entry.
const RouteSchema* FindRouteSchema(std::string_view method, std::string_view pattern);

// The body of every 4xx and 5xx response.
std::string ErrorSchema();

// Wraps every route's handler to check its responses and accepted request
// bodies against the table (see AppOptions::check_schemas). With the
// environment variable SHRIMP_SCHEMA_DUMP set to a directory, bodies of
// routes with no entry yet are appended there (one .jsonl per route) to
// draft an entry from.
void CheckRoutesAgainstSchemas(http::Router& router,
                               const std::vector<RouteSchema>& table = RouteSchemas());

// Builders for schema JSON, so entries read like the objects they describe.
namespace schema {
using Schema = std::string;
Schema Str();
Schema Int();
Schema Num();
Schema Bool();
Schema Time();  // ISO 8601 UTC (JsonWriter::Time)
Schema Money();
Schema Any();        // any value
Schema AnyObject();  // any object
Schema Enum(std::initializer_list<std::string_view> values);
Schema Array(const Schema& items);
Schema Nullable(const Schema& schema);
// A closed object: a field name ending in '?' is optional.
Schema Object(std::initializer_list<std::pair<std::string_view, Schema>> fields);
// An object whose values all match `values` (keys free).
Schema Map(const Schema& values);
// {"items": [item...], "next_after": int | null} (api::PageReply).
Schema Page(const Schema& item);
Schema OneOf(std::initializer_list<Schema> options);
}  // namespace schema

}  // namespace shrimp::api
