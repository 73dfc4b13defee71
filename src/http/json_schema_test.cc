#include "http/json_schema.h"

#include <gtest/gtest.h>

namespace shrimp::http {
namespace {

constexpr std::string_view kOrder = R"({"type":"object",
  "properties":{"id":{"type":"integer"},"status":{"type":"string","enum":["paid","shipped"]},
    "note":{"nullable":true,"type":"string"},
    "lines":{"type":"array","items":{"type":"object","properties":{"qty":{"type":"integer"}},
      "required":["qty"],"additionalProperties":false}},
    "tags":{"type":"object","additionalProperties":{"type":"string"}},
    "extra":{"type":"object"}},
  "required":["id","status","lines"],"additionalProperties":false})";

TEST(JsonSchema, AcceptsAConformingValue) {
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"id":1,"status":"paid","lines":[{"qty":2}],"note":null,
    "tags":{"a":"b"},"extra":{"anything":[1]}})"),
            std::nullopt);
}

TEST(JsonSchema, ReportsWhereAndWhy) {
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"status":"paid","lines":[]})"),
            "$: missing required field \"id\"");
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"id":1,"status":"paid","lines":[],"new":1})"),
            "$.new: field not in the schema");
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"id":"1","status":"paid","lines":[]})"),
            "$.id: expected integer");
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"id":1.5,"status":"paid","lines":[]})"),
            "$.id: expected integer");
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"id":1,"status":"lost","lines":[]})"),
            "$.status: value not in enum (\"lost\")");
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"id":1,"status":null,"lines":[]})"),
            "$.status: null where the schema does not allow it");
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"id":1,"status":"paid","lines":[{"qty":1},{}]})"),
            "$.lines[1]: missing required field \"qty\"");
  EXPECT_EQ(ValidateJsonText(kOrder, R"({"id":1,"status":"paid","lines":[],"tags":{"a":2}})"),
            "$.tags.a: expected string");
}

TEST(JsonSchema, OneOfNeedsAMatchingOption) {
  constexpr std::string_view kEither =
      R"({"oneOf":[{"type":"integer"},{"type":"object","properties":{"a":{"type":"string"}}}]})";
  EXPECT_EQ(ValidateJsonText(kEither, "3"), std::nullopt);
  EXPECT_EQ(ValidateJsonText(kEither, R"({"a":"x"})"), std::nullopt);
  EXPECT_NE(ValidateJsonText(kEither, R"({"b":"x"})"), std::nullopt);
}

TEST(JsonSchema, DeepValuesAreRefusedNotRecursedWithoutBound) {
  std::string schema = R"({"type":"array","items":{}})";
  std::string deep(200, '[');
  deep += std::string(200, ']');
  std::string nested = "{}";
  for (int depth = 0; depth < 100; ++depth) nested = R"({"type":"array","items":)" + nested + "}";
  EXPECT_NE(ValidateJsonText(nested, deep), std::nullopt);
  EXPECT_EQ(ValidateJsonText(schema, deep), std::nullopt);
}

TEST(JsonSchema, MalformedInputIsAnErrorNotACrash) {
  EXPECT_EQ(ValidateJsonText("{", "1"), "the schema is not valid JSON");
  EXPECT_EQ(ValidateJsonText(kOrder, "{"), "the value is not valid JSON");
}

}  // namespace
}  // namespace shrimp::http
