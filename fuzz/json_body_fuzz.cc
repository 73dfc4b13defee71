// libFuzzer target: JSON request bodies through http::JsonObject (Parse and
// every accessor, nested objects and arrays, Finish), and arbitrary bytes
// through http::JsonWriter, whose output must always be valid JSON.
#include <rapidjson/document.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.h"

namespace {

using shrimp::http::JsonObject;
using shrimp::http::JsonWriter;

// Deep enough for any body the API takes (skus[].attrs{}), bounded so a
// deeply nested input cannot recurse without limit here.
constexpr int kDepthMax = 8;

void Require(bool condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "property violated: %s\n", what);
    abort();
  }
}

// Asks every accessor about every key the object holds, as handlers do with
// the keys they know, then recurses into nested objects and arrays.
void Exercise(JsonObject& object, int depth) {
  std::vector<std::string> keys;
  for (auto it = object.value().MemberBegin(); it != object.value().MemberEnd(); ++it) {
    keys.emplace_back(it->name.GetString(), it->name.GetStringLength());
  }
  for (const std::string& key : keys) {
    (void)object.Has(key);
    (void)object.OptionalString(key, 0, 64);
    (void)object.String(key, 1, 3);
    (void)object.OptionalInt(key, -1000, 1000);
    (void)object.Int(key, INT64_MIN, INT64_MAX);
    (void)object.OptionalBool(key);
    (void)object.OptionalMoney(key);
    (void)object.Array(key, false, 4);
    auto nested = object.Object(key, false);
    if (nested.ok() && *nested != nullptr && depth < kDepthMax) {
      JsonObject child(*nested, object.path() + key + ".");
      Exercise(child, depth + 1);
      (void)child.Finish();
    }
    auto array = object.Array(key, false, 1000);
    if (array.ok() && *array != nullptr && depth < kDepthMax) {
      for (const auto& item : (*array)->GetArray()) {
        if (!item.IsObject()) continue;
        JsonObject child(&item, object.path() + key + "[].");
        Exercise(child, depth + 1);
      }
    }
  }
  (void)object.String("missing", 0, 1);
  (void)object.Money("missing");
  Require(object.Finish().ok(), "every key was asked for, so Finish() accepts");
}

void CheckWriterOutput(std::string_view text) {
  JsonWriter writer;
  writer.StartObject();
  writer.Field(text, text);
  writer.EndObject();
  std::string json = writer.Take();
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  Require(!document.HasParseError(), "JsonWriter output is valid JSON");
  if (shrimp::http::IsValidUtf8(text)) {
    const auto& member = *document.MemberBegin();
    Require(std::string_view(member.value.GetString(), member.value.GetStringLength()) == text,
            "valid UTF-8 round-trips unchanged");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckWriterOutput(bytes);
  auto object = JsonObject::Parse(bytes);
  if (!object.ok()) return 0;
  Exercise(*object, 0);
  return 0;
}
