#include "api/schemas.h"

#include <rapidjson/document.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>

#include "http/json_schema.h"

namespace shrimp::api {

namespace schema {

Schema Str() { return R"({"type":"string"})"; }
Schema Int() { return R"({"type":"integer"})"; }
Schema Num() { return R"({"type":"number"})"; }
Schema Bool() { return R"({"type":"boolean"})"; }
Schema Time() { return R"({"type":"string","format":"date-time"})"; }
Schema Money() { return Object({{"amount", Int()}, {"currency", Str()}}); }
Schema Any() { return "{}"; }
Schema AnyObject() { return R"({"type":"object"})"; }

Schema Enum(std::initializer_list<std::string_view> values) {
  std::string out = R"({"type":"string","enum":[)";
  bool first = true;
  for (std::string_view value : values) {
    if (!first) out += ",";
    first = false;
    out += "\"" + std::string(value) + "\"";
  }
  return out + "]}";
}

Schema Array(const Schema& items) { return R"({"type":"array","items":)" + items + "}"; }

Schema Nullable(const Schema& schema) {
  if (schema == "{}") return schema;
  return R"({"nullable":true,)" + schema.substr(1);
}

Schema Object(std::initializer_list<std::pair<std::string_view, Schema>> fields) {
  std::string properties;
  std::string required;
  for (const auto& [raw_name, field] : fields) {
    bool optional = !raw_name.empty() && raw_name.back() == '?';
    std::string name(optional ? raw_name.substr(0, raw_name.size() - 1) : raw_name);
    if (!properties.empty()) properties += ",";
    properties += "\"" + name + "\":" + field;
    if (!optional) {
      if (!required.empty()) required += ",";
      required += "\"" + name + "\"";
    }
  }
  std::string out = R"({"type":"object","properties":{)" + properties + "}";
  if (!required.empty()) out += R"(,"required":[)" + required + "]";
  return out + R"(,"additionalProperties":false})";
}

Schema Map(const Schema& values) {
  return R"({"type":"object","additionalProperties":)" + values + "}";
}

Schema Page(const Schema& item) {
  return Object({{"items", Array(item)}, {"next_after", Nullable(Int())}});
}

Schema OneOf(std::initializer_list<Schema> options) {
  std::string out = R"({"oneOf":[)";
  bool first = true;
  for (const Schema& option : options) {
    if (!first) out += ",";
    first = false;
    out += option;
  }
  return out + "]}";
}

}  // namespace schema

std::string ErrorSchema() {
  using namespace schema;
  return Object(
      {{"error", Object({{"code", Str()}, {"message", Str()}, {"details", Map(Any())}})}});
}

namespace {

const RouteSchema* FindIn(const std::vector<RouteSchema>& table, std::string_view method,
                          std::string_view pattern) {
  for (const RouteSchema& entry : table) {
    if (entry.method == method && entry.pattern == pattern) return &entry;
  }
  return nullptr;
}

}  // namespace

const RouteSchema* FindRouteSchema(std::string_view method, std::string_view pattern) {
  return FindIn(RouteSchemas(), method, pattern);
}

namespace {

struct ParsedSchemas {
  rapidjson::Document request;
  rapidjson::Document response;
  rapidjson::Document error;
  bool has_request = false;
  bool has_response = false;
  bool json = false;
  std::string alternate_type;
  std::string route;
  std::string dump_file;  // empty: no dump
};

std::mutex dump_mutex;

std::string DumpFileFor(const std::string& directory, const http::Route& route) {
  std::string name = route.method + route.pattern;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return directory + "/" + name + ".jsonl";
}

void Dump(const ParsedSchemas& schemas, const std::string& request_body,
          const http::Response& response) {
  std::lock_guard lock(dump_mutex);
  std::ofstream out(schemas.dump_file, std::ios::app);
  rapidjson::Document request;
  request.Parse(request_body.data(), request_body.size());
  bool json = response.content_type.rfind("application/json", 0) == 0;
  out << "{\"route\":\"" << schemas.route << "\",\"status\":" << response.status << ",\"type\":\""
      << response.content_type << "\""
      << ",\"request\":"
      << (request_body.empty() || request.HasParseError() ? "null" : request_body)
      << ",\"response\":" << (json ? response.body : "null") << "}\n";
}

std::optional<std::string> Violation(const ParsedSchemas& schemas, const std::string& request_body,
                                     const http::Response& response) {
  if (response.status == 204) return std::nullopt;  // no content
  if (response.content_type.rfind("application/json", 0) != 0) {
    bool alternate = !schemas.alternate_type.empty() &&
                     response.content_type.rfind(schemas.alternate_type, 0) == 0;
    if (schemas.json && response.status < 300 && !alternate) {
      return "content type " + response.content_type + " where the schema says JSON";
    }
    return std::nullopt;
  }
  rapidjson::Document body;
  body.Parse(response.body.data(), response.body.size());
  if (body.HasParseError()) return "the response is not valid JSON";
  if (response.status >= 400) {
    if (auto error = http::ValidateJson(schemas.error, body)) return "error body " + *error;
    return std::nullopt;
  }
  if (schemas.has_response) {
    if (auto error = http::ValidateJson(schemas.response, body)) return "response " + *error;
  }
  if (schemas.has_request && !request_body.empty()) {
    rapidjson::Document request;
    request.Parse(request_body.data(), request_body.size());
    if (request.HasParseError()) return "an invalid JSON request body was accepted";
    if (auto error = http::ValidateJson(schemas.request, request)) {
      return "accepted request " + *error;
    }
  }
  return std::nullopt;
}

}  // namespace

void CheckRoutesAgainstSchemas(http::Router& router, const std::vector<RouteSchema>& table) {
  const char* dump_directory = std::getenv("SHRIMP_SCHEMA_DUMP");
  std::string error_schema = ErrorSchema();
  router.WrapHandlers([&](const http::Route& route, http::Handler inner) -> http::Handler {
    auto schemas = std::make_shared<ParsedSchemas>();
    schemas->route = route.method + " " + route.pattern;
    schemas->error.Parse(error_schema.c_str());
    if (const RouteSchema* entry = FindIn(table, route.method, route.pattern)) {
      schemas->json = entry->content_type == "application/json";
      schemas->alternate_type = entry->alternate_content_type;
      if (!entry->request.empty()) {
        schemas->request.Parse(entry->request.c_str());
        schemas->has_request = !schemas->request.HasParseError();
      }
      if (!entry->response.empty()) {
        schemas->response.Parse(entry->response.c_str());
        schemas->has_response = !schemas->response.HasParseError();
      }
    } else if (dump_directory != nullptr && *dump_directory != '\0') {
      schemas->dump_file = DumpFileFor(dump_directory, route);
    }
    return [inner = std::move(inner), schemas](http::RequestPtr request, http::Reply reply) {
      std::string request_body = request->body;
      inner(std::move(request), [reply = std::move(reply), schemas,
                                 request_body = std::move(request_body)](http::Response response) {
        if (!schemas->dump_file.empty()) Dump(*schemas, request_body, response);
        if (auto violation = Violation(*schemas, request_body, response)) {
          spdlog::error("schema violation on {}: {}; body: {}", schemas->route, *violation,
                        response.body.substr(0, 2000));
          response = http::ErrorResponse(500, "response_schema_violation",
                                         schemas->route + ": " + *violation);
        }
        reply(std::move(response));
      });
    };
  });
}

}  // namespace shrimp::api
