// JSON for the HTTP layer: a streaming writer (no intermediate tree) and a
// reader for request bodies that turns every malformed input into a precise
// error: invalid_json, missing_field, wrong_type, invalid_field, unknown_field.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/money.h"
#include "core/result.h"

namespace shrimp::http {

// Writes JSON straight into a string buffer. The output is always valid
// JSON: keys and strings that are not valid UTF-8 (a path or header echoed
// back from a client, say) have each invalid byte replaced by U+FFFD.
class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) {}
  void StartObject() { writer_.StartObject(); }
  void EndObject() { writer_.EndObject(); }
  void StartArray() { writer_.StartArray(); }
  void EndArray() { writer_.EndArray(); }
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value) { writer_.Int64(value); }
  void Bool(bool value) { writer_.Bool(value); }
  void Null() { writer_.Null(); }
  void Double(double value) { writer_.Double(value); }
  void Money(const shrimp::Money& money);  // {"amount":1999,"currency":"CNY"}
  void Time(int64_t unix_ms);              // ISO 8601 UTC string

  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void Field(std::string_view key, const char* value) {
    Key(key);
    String(value);
  }
  void Field(std::string_view key, int64_t value) {
    Key(key);
    Int(value);
  }
  void Field(std::string_view key, int value) {
    Key(key);
    Int(value);
  }
  void Field(std::string_view key, bool value) {
    Key(key);
    Bool(value);
  }
  void Field(std::string_view key, const shrimp::Money& value) {
    Key(key);
    Money(value);
  }
  void TimeField(std::string_view key, int64_t unix_ms) {
    Key(key);
    Time(unix_ms);
  }
  // Writes already-serialised JSON as the value (REQUIRES: `json` is valid JSON).
  void Raw(std::string_view json) {
    writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  }

  std::string Take() { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

// A parsed JSON object body with typed, validated field access. Each getter
// records the key as known; Finish() rejects keys nobody asked for, so a
// client cannot slip in server-owned fields such as "id" or "status".
// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);
// `text` with every byte that is not part of a well-formed UTF-8 sequence
// replaced by U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view text);

class JsonObject {
 public:
  // Parses `body`; the top level must be an object. Depth and size are
  // bounded by the server's body limit and RapidJSON's iterative parser.
  static Result<JsonObject> Parse(std::string_view body);
  // Wraps a nested object; `path` prefixes field names in errors ("skus[0].").
  JsonObject(const rapidjson::Value* value, std::string path);

  bool Has(std::string_view key) const;

  Result<std::string> String(std::string_view key, size_t length_min, size_t length_max);
  Result<std::optional<std::string>> OptionalString(std::string_view key, size_t length_min,
                                                    size_t length_max);
  Result<int64_t> Int(std::string_view key, int64_t min, int64_t max);
  Result<std::optional<int64_t>> OptionalInt(std::string_view key, int64_t min, int64_t max);
  Result<std::optional<bool>> OptionalBool(std::string_view key);
  // {"amount": int, "currency": "CNY"}
  Result<shrimp::Money> Money(std::string_view key);
  Result<std::optional<shrimp::Money>> OptionalMoney(std::string_view key);
  // A nested object or array; nullptr if absent. Errors on the wrong type.
  Result<const rapidjson::Value*> Object(std::string_view key, bool required);
  Result<const rapidjson::Value*> Array(std::string_view key, bool required, size_t size_max);

  // Errors with unknown_field if the body has a key no getter asked for.
  Status Finish() const;

  const std::string& path() const { return path_; }
  const rapidjson::Value& value() const { return *value_; }

 private:
  const rapidjson::Value* Find(std::string_view key);
  Error WrongType(std::string_view key, std::string_view expected) const;

  std::shared_ptr<rapidjson::Document> document_;  // owns the tree at the top level
  const rapidjson::Value* value_ = nullptr;
  std::string path_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace shrimp::http
