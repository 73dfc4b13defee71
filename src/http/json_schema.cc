#include "http/json_schema.h"

namespace shrimp::http {
namespace {

bool HasType(const rapidjson::Value& value, std::string_view type) {
  if (type == "object") return value.IsObject();
  if (type == "array") return value.IsArray();
  if (type == "string") return value.IsString();
  if (type == "integer") return value.IsInt64() || value.IsUint64();
  if (type == "number") return value.IsNumber();
  if (type == "boolean") return value.IsBool();
  return false;
}

std::string_view StringOf(const rapidjson::Value& value) {
  return std::string_view(value.GetString(), value.GetStringLength());
}

std::optional<std::string> Check(const rapidjson::Value& schema, const rapidjson::Value& value,
                                 const std::string& path, int depth) {
  if (depth > kSchemaDepthMax) return path + ": nested too deeply";
  if (!schema.IsObject()) return path + ": schema is not an object";
  if (value.IsNull()) {
    auto nullable = schema.FindMember("nullable");
    if (nullable != schema.MemberEnd() && nullable->value.IsBool() && nullable->value.GetBool()) {
      return std::nullopt;
    }
    if (!schema.HasMember("type") && !schema.HasMember("oneOf")) return std::nullopt;
    return path + ": null where the schema does not allow it";
  }
  if (auto one_of = schema.FindMember("oneOf"); one_of != schema.MemberEnd()) {
    std::string reasons;
    for (const auto& option : one_of->value.GetArray()) {
      auto error = Check(option, value, path, depth + 1);
      if (!error) return std::nullopt;
      reasons += (reasons.empty() ? "" : " | ") + *error;
    }
    return path + ": matches no oneOf option (" + reasons + ")";
  }
  auto type = schema.FindMember("type");
  if (type == schema.MemberEnd()) return std::nullopt;  // any value
  std::string_view type_name = StringOf(type->value);
  if (!HasType(value, type_name)) return path + ": expected " + std::string(type_name);
  if (auto values = schema.FindMember("enum"); values != schema.MemberEnd()) {
    bool found = false;
    for (const auto& allowed : values->value.GetArray()) found = found || allowed == value;
    if (!found) {
      return path + ": value not in enum" +
             (value.IsString() ? " (\"" + std::string(StringOf(value)) + "\")" : "");
    }
  }
  if (type_name == "array") {
    auto items = schema.FindMember("items");
    if (items == schema.MemberEnd()) return std::nullopt;
    size_t index = 0;
    for (const auto& item : value.GetArray()) {
      auto error = Check(items->value, item, path + "[" + std::to_string(index) + "]", depth + 1);
      if (error) return error;
      ++index;
    }
    return std::nullopt;
  }
  if (type_name != "object") return std::nullopt;
  auto properties = schema.FindMember("properties");
  auto additional = schema.FindMember("additionalProperties");
  if (auto required = schema.FindMember("required"); required != schema.MemberEnd()) {
    for (const auto& name : required->value.GetArray()) {
      if (!value.HasMember(name)) {
        return path + ": missing required field \"" + std::string(StringOf(name)) + "\"";
      }
    }
  }
  for (const auto& member : value.GetObject()) {
    std::string field_path = path + "." + std::string(StringOf(member.name));
    if (properties != schema.MemberEnd() && properties->value.IsObject()) {
      auto property = properties->value.FindMember(member.name);
      if (property != properties->value.MemberEnd()) {
        auto error = Check(property->value, member.value, field_path, depth + 1);
        if (error) return error;
        continue;
      }
    }
    if (additional != schema.MemberEnd()) {
      if (additional->value.IsObject()) {
        auto error = Check(additional->value, member.value, field_path, depth + 1);
        if (error) return error;
        continue;
      }
      if (additional->value.IsBool() && additional->value.GetBool()) continue;
    } else if (properties == schema.MemberEnd()) {
      continue;  // {"type": "object"} alone: any object
    }
    return field_path + ": field not in the schema";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ValidateJson(const rapidjson::Value& schema,
                                        const rapidjson::Value& value) {
  return Check(schema, value, "$", 0);
}

std::optional<std::string> ValidateJsonText(std::string_view schema, std::string_view value) {
  rapidjson::Document schema_document;
  schema_document.Parse(schema.data(), schema.size());
  if (schema_document.HasParseError()) return "the schema is not valid JSON";
  rapidjson::Document value_document;
  value_document.Parse(value.data(), value.size());
  if (value_document.HasParseError()) return "the value is not valid JSON";
  return ValidateJson(schema_document, value_document);
}

}  // namespace shrimp::http
