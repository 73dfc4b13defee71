#include "http/json.h"

#include <rapidjson/error/en.h>

#include "core/clock.h"

namespace shrimp::http {

namespace {

// The length of the well-formed UTF-8 sequence starting at `at`, or 0 if
// the bytes there do not form one (RFC 3629, Table 3-7 of Unicode).
size_t Utf8SequenceLength(std::string_view text, size_t at) {
  auto byte = [&](size_t index) { return static_cast<unsigned char>(text[index]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  size_t length;
  unsigned char second_min = 0x80, second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;  // overlong
    if (lead == 0xED) second_max = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;  // overlong
    if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() - at < length) return 0;
  if (byte(at + 1) < second_min || byte(at + 1) > second_max) return 0;
  for (size_t index = 2; index < length; ++index) {
    if ((byte(at + index) & 0xC0) != 0x80) return 0;
  }
  return length;
}

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

}  // namespace

bool IsValidUtf8(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    size_t length = Utf8SequenceLength(text, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

std::string ReplaceInvalidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t length = Utf8SequenceLength(text, at);
    if (length == 0) {
      out += kReplacementCharacter;
      at += 1;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

void JsonWriter::Key(std::string_view key) {
  if (IsValidUtf8(key)) {
    writer_.Key(key.data(), static_cast<unsigned>(key.size()));
    return;
  }
  std::string valid = ReplaceInvalidUtf8(key);
  writer_.Key(valid.data(), static_cast<unsigned>(valid.size()));
}

void JsonWriter::String(std::string_view value) {
  if (IsValidUtf8(value)) {
    writer_.String(value.data(), static_cast<unsigned>(value.size()));
    return;
  }
  std::string valid = ReplaceInvalidUtf8(value);
  writer_.String(valid.data(), static_cast<unsigned>(valid.size()));
}

void JsonWriter::Money(const shrimp::Money& money) {
  StartObject();
  Field("amount", money.amount);
  Field("currency", money.currency.code());
  EndObject();
}

void JsonWriter::Time(int64_t unix_ms) { String(FormatIso8601(unix_ms)); }

Result<JsonObject> JsonObject::Parse(std::string_view body) {
  auto document = std::make_shared<rapidjson::Document>();
  document->Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(
      body.data(), body.size());
  if (document->HasParseError()) {
    return InvalidArgument("invalid_json",
                           std::string("request body is not valid JSON: ") +
                               rapidjson::GetParseError_En(document->GetParseError()))
        .With("offset", std::to_string(document->GetErrorOffset()));
  }
  if (!document->IsObject()) {
    return InvalidArgument("invalid_json", "request body must be a JSON object");
  }
  JsonObject object(document.get(), "");
  object.document_ = std::move(document);
  return object;
}

JsonObject::JsonObject(const rapidjson::Value* value, std::string path)
    : value_(value), path_(std::move(path)) {}

bool JsonObject::Has(std::string_view key) const {
  auto it = value_->FindMember(rapidjson::StringRef(key.data(), key.size()));
  return it != value_->MemberEnd() && !it->value.IsNull();
}

const rapidjson::Value* JsonObject::Find(std::string_view key) {
  known_.emplace(key);
  auto it = value_->FindMember(rapidjson::StringRef(key.data(), key.size()));
  if (it == value_->MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

Error JsonObject::WrongType(std::string_view key, std::string_view expected) const {
  std::string field = path_ + std::string(key);
  return InvalidArgument("wrong_type", field + " must be " + std::string(expected))
      .With("field", field);
}

static Error Missing(const std::string& field) {
  return InvalidArgument("missing_field", field + " is required").With("field", field);
}

Result<std::optional<std::string>> JsonObject::OptionalString(std::string_view key,
                                                              size_t length_min,
                                                              size_t length_max) {
  const rapidjson::Value* value = Find(key);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->IsString()) return WrongType(key, "a string");
  std::string text(value->GetString(), value->GetStringLength());
  // Count code points, not bytes, so limits mean the same in Chinese and French.
  size_t code_points = 0;
  for (unsigned char c : text) code_points += (c & 0xC0) != 0x80;
  std::string field = path_ + std::string(key);
  if (code_points < length_min || code_points > length_max) {
    return InvalidArgument("invalid_field", field + " must be " + std::to_string(length_min) +
                                                " to " + std::to_string(length_max) +
                                                " characters long")
        .With("field", field);
  }
  if (text.find('\0') != std::string::npos) {
    return InvalidArgument("invalid_field", field + " must not contain NUL").With("field", field);
  }
  return std::optional<std::string>(std::move(text));
}

Result<std::string> JsonObject::String(std::string_view key, size_t length_min, size_t length_max) {
  SHRIMP_ASSIGN_OR_RETURN(auto value, OptionalString(key, length_min, length_max));
  if (!value) return Missing(path_ + std::string(key));
  return std::move(*value);
}

Result<std::optional<int64_t>> JsonObject::OptionalInt(std::string_view key, int64_t min,
                                                       int64_t max) {
  const rapidjson::Value* value = Find(key);
  if (value == nullptr) return std::optional<int64_t>();
  if (!value->IsInt64()) return WrongType(key, "an integer");
  int64_t number = value->GetInt64();
  if (number < min || number > max) {
    std::string field = path_ + std::string(key);
    return InvalidArgument("invalid_field", field + " must be between " + std::to_string(min) +
                                                " and " + std::to_string(max))
        .With("field", field);
  }
  return std::optional<int64_t>(number);
}

Result<int64_t> JsonObject::Int(std::string_view key, int64_t min, int64_t max) {
  SHRIMP_ASSIGN_OR_RETURN(auto value, OptionalInt(key, min, max));
  if (!value) return Missing(path_ + std::string(key));
  return *value;
}

Result<std::optional<bool>> JsonObject::OptionalBool(std::string_view key) {
  const rapidjson::Value* value = Find(key);
  if (value == nullptr) return std::optional<bool>();
  if (!value->IsBool()) return WrongType(key, "true or false");
  return std::optional<bool>(value->GetBool());
}

Result<std::optional<shrimp::Money>> JsonObject::OptionalMoney(std::string_view key) {
  const rapidjson::Value* value = Find(key);
  if (value == nullptr) return std::optional<shrimp::Money>();
  if (!value->IsObject()) return WrongType(key, "an object {amount, currency}");
  JsonObject money_object(value, path_ + std::string(key) + ".");
  SHRIMP_ASSIGN_OR_RETURN(int64_t amount, money_object.Int("amount", 0, kAmountMax));
  SHRIMP_ASSIGN_OR_RETURN(std::string code, money_object.String("currency", 3, 3));
  SHRIMP_RETURN_IF_ERROR(money_object.Finish());
  auto currency = Currency::Parse(code);
  if (!currency.ok()) {
    std::string field = path_ + std::string(key) + ".currency";
    Error error = std::move(currency).error();
    return error.With("field", field);
  }
  return std::optional<shrimp::Money>(shrimp::Money{amount, *currency});
}

Result<shrimp::Money> JsonObject::Money(std::string_view key) {
  SHRIMP_ASSIGN_OR_RETURN(auto value, OptionalMoney(key));
  if (!value) return Missing(path_ + std::string(key));
  return *value;
}

Result<const rapidjson::Value*> JsonObject::Object(std::string_view key, bool required) {
  const rapidjson::Value* value = Find(key);
  if (value == nullptr) {
    if (required) return Missing(path_ + std::string(key));
    return static_cast<const rapidjson::Value*>(nullptr);
  }
  if (!value->IsObject()) return WrongType(key, "an object");
  return value;
}

Result<const rapidjson::Value*> JsonObject::Array(std::string_view key, bool required,
                                                  size_t size_max) {
  const rapidjson::Value* value = Find(key);
  if (value == nullptr) {
    if (required) return Missing(path_ + std::string(key));
    return static_cast<const rapidjson::Value*>(nullptr);
  }
  if (!value->IsArray()) return WrongType(key, "an array");
  if (value->Size() > size_max) {
    std::string field = path_ + std::string(key);
    return InvalidArgument("invalid_field",
                           field + " may hold at most " + std::to_string(size_max) + " items")
        .With("field", field);
  }
  return value;
}

Status JsonObject::Finish() const {
  for (auto it = value_->MemberBegin(); it != value_->MemberEnd(); ++it) {
    std::string_view key(it->name.GetString(), it->name.GetStringLength());
    if (known_.find(key) == known_.end()) {
      std::string field = path_ + std::string(key);
      return InvalidArgument("unknown_field", field + " is not a field you can set here")
          .With("field", field);
    }
  }
  return OkStatus();
}

}  // namespace shrimp::http
