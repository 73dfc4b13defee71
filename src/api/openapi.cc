// Builds the OpenAPI 3.0 document from the router's own route list, so every
// route that exists is described and nothing that does not exist is; the
// request and response schemas come from api/schemas.h, the table the API
// tests check every real response against.
#include <rapidjson/document.h>

#include "api/app.h"
#include "api/schemas.h"
#include "http/json.h"

namespace shrimp::api {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void WriteErrorResponse(http::JsonWriter& json, std::string_view status, std::string_view text) {
  json.Key(status);
  json.StartObject();
  json.Field("description", text);
  json.Key("content");
  json.StartObject();
  json.Key("application/json");
  json.StartObject();
  json.Key("schema");
  json.StartObject();
  json.Field("$ref", "#/components/schemas/Error");
  json.EndObject();
  json.EndObject();
  json.EndObject();
  json.EndObject();
}

void WriteOperation(http::JsonWriter& json, const http::Route& route) {
  json.Key(Lower(route.method));
  json.StartObject();
  json.Field("summary", route.doc.summary);
  json.Field("operationId", route.method + " " + route.pattern);
  json.Key("tags");
  json.StartArray();
  json.String(route.doc.tag);
  json.EndArray();
  json.Key("parameters");
  json.StartArray();
  for (const std::string& segment : route.segments) {
    if (segment.size() > 2 && segment.front() == '{') {
      json.StartObject();
      json.Field("name", std::string_view(segment).substr(1, segment.size() - 2));
      json.Field("in", "path");
      json.Field("required", true);
      json.Key("schema");
      json.StartObject();
      json.Field("type", "integer");
      json.EndObject();
      json.EndObject();
    }
  }
  if (route.doc.idempotent_key) {
    json.StartObject();
    json.Field("name", "Idempotency-Key");
    json.Field("in", "header");
    json.Field("required", route.doc.idempotency_key_required);
    json.Field("description",
               route.doc.idempotency_key_required
                   ? "Required (400 idempotency_key_required without it): a unique value per "
                     "operation; a replay with the same key returns the first response."
                   : "A replay with the same key returns the first response.");
    json.Key("schema");
    json.StartObject();
    json.Field("type", "string");
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
  if (!route.doc.scope.empty()) {
    json.Field("x-required-scope", route.doc.scope);
  }
  if (route.doc.auth || !route.doc.scope.empty()) {
    json.Key("security");
    json.StartArray();
    json.StartObject();
    json.Key("bearer");
    json.StartArray();
    json.EndArray();
    json.EndObject();
    json.EndArray();
  }
  const RouteSchema* schemas = FindRouteSchema(route.method, route.pattern);
  bool has_request_schema = schemas != nullptr && !schemas->request.empty();
  if (!route.doc.request_example.empty() || has_request_schema) {
    json.Key("requestBody");
    json.StartObject();
    json.Field("required", has_request_schema);
    json.Key("content");
    json.StartObject();
    json.Key("application/json");
    json.StartObject();
    if (has_request_schema) {
      json.Key("schema");
      json.Raw(schemas->request);
    }
    if (!route.doc.request_example.empty()) {
      json.Key("example");
      json.Raw(route.doc.request_example);
    }
    json.EndObject();
    json.EndObject();
    json.EndObject();
  }
  json.Key("responses");
  json.StartObject();
  json.Key("2XX");
  json.StartObject();
  json.Field("description", "Success");
  if (schemas != nullptr && !schemas->content_type.empty()) {
    json.Key("content");
    json.StartObject();
    json.Key(schemas->content_type);
    json.StartObject();
    if (!schemas->response.empty()) {
      json.Key("schema");
      json.Raw(schemas->response);
    }
    json.EndObject();
    if (!schemas->alternate_content_type.empty()) {
      json.Key(schemas->alternate_content_type);
      json.StartObject();
      json.EndObject();
    }
    json.EndObject();
  }
  json.EndObject();
  WriteErrorResponse(json, "4XX", "Bad input, authentication, permission or state error");
  json.EndObject();
  json.EndObject();
}

}  // namespace

std::string OpenApiDocument(const http::Router& router) {
  http::JsonWriter json;
  json.StartObject();
  json.Field("openapi", "3.0.3");
  json.Key("info");
  json.StartObject();
  json.Field("title", "shrimp");
  json.Field("version", "1");
  json.Field("description",
             "Commerce infrastructure for small businesses. Money is {amount, currency} in "
             "minor units; times are ISO 8601 UTC; lists paginate with ?after=&limit=.");
  json.EndObject();
  json.Key("paths");
  json.StartObject();
  // Group routes by pattern, keeping the router's order.
  std::vector<std::string> patterns;
  for (const http::Route& route : router.routes()) {
    if (std::find(patterns.begin(), patterns.end(), route.pattern) == patterns.end()) {
      patterns.push_back(route.pattern);
    }
  }
  for (const std::string& pattern : patterns) {
    json.Key(pattern);
    json.StartObject();
    for (const http::Route& route : router.routes()) {
      if (route.pattern == pattern) WriteOperation(json, route);
    }
    json.EndObject();
  }
  json.EndObject();
  json.Key("components");
  json.StartObject();
  json.Key("securitySchemes");
  json.Raw(R"({"bearer":{"type":"http","scheme":"bearer"}})");
  json.Key("schemas");
  json.StartObject();
  json.Key("Error");
  json.Raw(ErrorSchema());
  json.Key("Money");
  json.Raw(schema::Money());
  json.EndObject();
  json.EndObject();
  json.EndObject();
  return json.Take();
}

}  // namespace shrimp::api
