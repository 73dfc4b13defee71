#include "http/json.h"

#include <gtest/gtest.h>

namespace shrimp::http {
namespace {

TEST(JsonObject, TypedFieldsWithPreciseErrors) {
  auto body =
      JsonObject::Parse(R"({"name":"Ana","age":30,"price":{"amount":1999,"currency":"CNY"}})");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body->String("name", 1, 10), "Ana");
  EXPECT_EQ(*body->Int("age", 0, 200), 30);
  auto price = body->Money("price");
  ASSERT_TRUE(price.ok());
  EXPECT_EQ(price->amount, 1999);
  EXPECT_TRUE(body->Finish().ok());

  EXPECT_EQ(body->Int("name", 0, 1).error().code, "wrong_type");
  EXPECT_EQ(body->String("missing", 0, 1).error().code, "missing_field");
  EXPECT_EQ(body->Int("age", 0, 10).error().code, "invalid_field");
}

TEST(JsonObject, RejectsUnknownFields) {
  auto body = JsonObject::Parse(R"({"name":"Ana","id":7})");
  ASSERT_TRUE(body.ok());
  (void)body->String("name", 1, 10);
  auto finished = body->Finish();
  ASSERT_FALSE(finished.ok());
  EXPECT_EQ(finished.error().code, "unknown_field");
}

TEST(JsonObject, RejectsNonObjectsAndBadJson) {
  EXPECT_EQ(JsonObject::Parse("[]").error().code, "invalid_json");
  EXPECT_EQ(JsonObject::Parse("{").error().code, "invalid_json");
  EXPECT_EQ(JsonObject::Parse("").error().code, "invalid_json");
  EXPECT_EQ(JsonObject::Parse("{\"a\":\"\xff\"}").error().code, "invalid_json");
}

TEST(JsonObject, LengthsCountCharactersNotBytes) {
  auto body = JsonObject::Parse(R"({"title":"虾虾虾"})");
  ASSERT_TRUE(body.ok());
  EXPECT_TRUE(body->String("title", 1, 3).ok());
  EXPECT_FALSE(body->String("title", 1, 2).ok());
}

TEST(JsonObject, MoneyRejectsNegativeAndUnknownCurrency) {
  auto body = JsonObject::Parse(
      R"({"a":{"amount":-1,"currency":"CNY"},"b":{"amount":1,"currency":"ZZZ"},"c":{"amount":1.5,"currency":"CNY"}})");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->Money("a").error().code, "invalid_field");
  EXPECT_EQ(body->Money("b").error().code, "invalid_currency");
  EXPECT_EQ(body->Money("c").error().code, "wrong_type");
}

TEST(JsonWriter, WritesMoneyAndEscapes) {
  JsonWriter json;
  json.StartObject();
  json.Field("price", Money{1999, *Currency::Parse("EUR")});
  json.Field("text", "a\"b");
  json.EndObject();
  EXPECT_EQ(json.Take(), R"({"price":{"amount":1999,"currency":"EUR"},"text":"a\"b"})");
}

TEST(JsonWriter, OutputStaysValidJsonWhenStringsAreNotUtf8) {
  const std::string invalid[] = {"\xff",
                                 "/api/v1/\xc3",
                                 "\xc0\xaf",
                                 "\xed\xa0\x80",  // cut, overlong, surrogate
                                 "\xf4\x90\x80\x80",
                                 "ok\xe2\x82",
                                 "\x80\x80"
                                 "abc",
                                 std::string("a\0b", 3)};
  for (const std::string& text : invalid) {
    JsonWriter json;
    json.StartObject();
    json.Field(text, text);
    json.EndObject();
    std::string out = json.Take();
    rapidjson::Document parsed;
    parsed.Parse<rapidjson::kParseValidateEncodingFlag>(out.data(), out.size());
    EXPECT_FALSE(parsed.HasParseError()) << out;
    EXPECT_TRUE(IsValidUtf8(out)) << out;
  }
  // Valid text passes through untouched; each invalid byte becomes U+FFFD.
  EXPECT_EQ(ReplaceInvalidUtf8("虾 ok"), "虾 ok");
  EXPECT_EQ(ReplaceInvalidUtf8("a\xff"
                               "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));
}

}  // namespace
}  // namespace shrimp::http
