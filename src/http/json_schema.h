// A validator for the subset of JSON Schema (OpenAPI 3.0 flavour) that
// /openapi.json uses: type (object, array, string, integer, number, boolean),
// nullable, properties, required, additionalProperties (false or a schema),
// items, enum (of strings) and oneOf. An object schema with "properties" and
// no "additionalProperties" is closed: a field it does not list is an error,
// so a writer that grows a field its schema does not document is caught.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace shrimp::http {

// Nested values deeper than this are refused rather than recursed into.
inline constexpr int kSchemaDepthMax = 64;

// nullopt if `value` conforms to `schema`; else where and why it does not
// ("$.items[2].status: expected string").
std::optional<std::string> ValidateJson(const rapidjson::Value& schema,
                                        const rapidjson::Value& value);

// The same on serialised JSON; a parse error of either is reported.
std::optional<std::string> ValidateJsonText(std::string_view schema, std::string_view value);

}  // namespace shrimp::http
