#include "api/api_types.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "api/schemas.h"

namespace shrimp::api {
namespace {

std::string Pascal(std::string_view word) {
  std::string out;
  bool upper = true;
  for (char c : word) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string Indent(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

std::string TypeOf(const rapidjson::Value& schema, int depth);

std::string Wrapped(const std::string& type) {
  return type.find_first_of("| ") != std::string::npos ? "(" + type + ")" : type;
}

std::string BaseTypeOf(const rapidjson::Value& schema, int depth) {
  if (!schema.IsObject()) return "unknown";
  if (auto one_of = schema.FindMember("oneOf"); one_of != schema.MemberEnd()) {
    std::string out;
    for (const auto& option : one_of->value.GetArray()) {
      out += (out.empty() ? "" : " | ") + TypeOf(option, depth);
    }
    return out;
  }
  auto type = schema.FindMember("type");
  if (type == schema.MemberEnd()) return "unknown";
  std::string_view name(type->value.GetString(), type->value.GetStringLength());
  if (name == "string") {
    auto values = schema.FindMember("enum");
    if (values == schema.MemberEnd()) return "string";
    std::string out;
    for (const auto& value : values->value.GetArray()) {
      out += (out.empty() ? "'" : " | '") + std::string(value.GetString()) + "'";
    }
    return out;
  }
  if (name == "integer" || name == "number") return "number";
  if (name == "boolean") return "boolean";
  if (name == "array") {
    auto items = schema.FindMember("items");
    return Wrapped(items == schema.MemberEnd() ? "unknown" : TypeOf(items->value, depth)) + "[]";
  }
  auto properties = schema.FindMember("properties");
  auto additional = schema.FindMember("additionalProperties");
  if (properties == schema.MemberEnd()) {
    if (additional != schema.MemberEnd() && additional->value.IsObject()) {
      return "Record<string, " + TypeOf(additional->value, depth) + ">";
    }
    return "Record<string, unknown>";
  }
  std::vector<std::string> required;
  if (auto list = schema.FindMember("required"); list != schema.MemberEnd()) {
    for (const auto& field : list->value.GetArray()) required.emplace_back(field.GetString());
  }
  std::string out = "{\n";
  for (const auto& member : properties->value.GetObject()) {
    std::string field(member.name.GetString());
    bool is_required = std::find(required.begin(), required.end(), field) != required.end();
    out += Indent(depth + 1) + field + (is_required ? ": " : "?: ") +
           TypeOf(member.value, depth + 1) + ";\n";
  }
  return out + Indent(depth) + "}";
}

std::string TypeOf(const rapidjson::Value& schema, int depth) {
  std::string type = BaseTypeOf(schema, depth);
  if (schema.IsObject()) {
    auto nullable = schema.FindMember("nullable");
    if (nullable != schema.MemberEnd() && nullable->value.IsTrue()) type += " | null";
  }
  return type;
}

std::string TypeOfText(const std::string& schema) {
  rapidjson::Document document;
  document.Parse(schema.c_str());
  if (document.HasParseError()) return "unknown";
  return TypeOf(document, 0);
}

}  // namespace

std::string TypeNameFor(const std::string& method, const std::string& pattern) {
  std::string name;
  for (char c : method) {
    name += static_cast<char>(name.empty() ? c : std::tolower(static_cast<unsigned char>(c)));
  }
  std::string_view rest(pattern);
  if (rest.starts_with("/api/v1")) rest.remove_prefix(7);
  if (rest.empty() || rest == "/") return name + "Root";
  size_t start = 0;
  while (start < rest.size()) {
    size_t end = rest.find('/', start);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view segment = rest.substr(start, end - start);
    if (segment.size() > 2 && segment.front() == '{') {
      name += "By" + Pascal(segment.substr(1, segment.size() - 2));
    } else {
      name += Pascal(segment);
    }
    start = end + 1;
  }
  return name;
}

std::string TypeScriptTypes(const http::Router& router) {
  std::string out =
      "// Generated from the server's schema table (src/api/route_schemas.cc) by\n"
      "// api::TypeScriptTypes; do not edit. Regenerate with\n"
      "//   SHRIMP_UPDATE_API_TYPES=1 build/api_tests --gtest_filter='OpenApi.*'\n"
      "/* eslint-disable */\n\n";
  std::string map = "export interface ApiRoutes {\n";
  for (const http::Route& route : router.routes()) {
    const RouteSchema* entry = FindRouteSchema(route.method, route.pattern);
    if (entry == nullptr) continue;
    std::string name = TypeNameFor(route.method, route.pattern);
    std::string request = "never";
    if (!entry->request.empty()) {
      out += "export type " + name + "Request = " + TypeOfText(entry->request) + ";\n\n";
      request = name + "Request";
    }
    std::string response = "string";
    if (!entry->response.empty()) {
      out += "export type " + name + "Response = " + TypeOfText(entry->response) + ";\n\n";
      response = name + "Response";
    }
    map += "  '" + route.method + " " + route.pattern + "': { request: " + request +
           "; response: " + response + " };\n";
  }
  return out + map + "}\n";
}

}  // namespace shrimp::api
