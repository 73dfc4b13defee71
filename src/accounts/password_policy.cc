#include "accounts/password_policy.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "accounts/common_passwords.h"

namespace shrimp::accounts {
namespace {

// Decodes `text` into code points; nullopt on invalid UTF-8.
std::optional<std::vector<uint32_t>> DecodeUtf8(std::string_view text) {
  std::vector<uint32_t> code_points;
  code_points.reserve(text.size());
  size_t at = 0;
  while (at < text.size()) {
    auto lead = static_cast<unsigned char>(text[at]);
    size_t length = 0;
    uint32_t value = 0;
    uint32_t smallest = 0;  // the least value this length may encode (no overlong forms)
    if (lead < 0x80) {
      length = 1, value = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, value = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, value = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, value = lead & 0x07, smallest = 0x10000;
    } else {
      return std::nullopt;
    }
    if (at + length > text.size()) return std::nullopt;
    for (size_t i = 1; i < length; ++i) {
      auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      value = (value << 6) | (next & 0x3F);
    }
    if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      return std::nullopt;
    }
    code_points.push_back(value);
    at += length;
  }
  return code_points;
}

bool IsWhitespace(uint32_t code_point) {
  // ASCII and Latin-1 spaces, the Unicode space separators, line and
  // paragraph separators, and the ideographic space a CJK keyboard types.
  return code_point == ' ' || (code_point >= 0x09 && code_point <= 0x0D) || code_point == 0x85 ||
         code_point == 0xA0 || code_point == 0x1680 ||
         (code_point >= 0x2000 && code_point <= 0x200A) || code_point == 0x2028 ||
         code_point == 0x2029 || code_point == 0x202F || code_point == 0x205F ||
         code_point == 0x3000;
}

bool IsControl(uint32_t code_point) {
  // Whitespace controls (tab, newline) are allowed; they are only typed on purpose.
  if (IsWhitespace(code_point)) return false;
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

// "abababab", "123123123": the whole password is one chunk of at most
// kPasswordRepeatedChunkMax code points, repeated.
bool IsRepeatedChunk(const std::vector<uint32_t>& code_points) {
  for (size_t chunk = 1; chunk <= kPasswordRepeatedChunkMax && chunk < code_points.size();
       ++chunk) {
    bool repeats = true;
    for (size_t i = chunk; i < code_points.size() && repeats; ++i) {
      repeats = code_points[i] == code_points[i - chunk];
    }
    if (repeats) return true;
  }
  return false;
}

// "abcdefghij", "9876543210", "0123456789": each code point one more (or one
// less) than the one before, where 0 may follow 9 as on a keyboard's top row.
bool IsRun(const std::vector<uint32_t>& code_points) {
  auto steps_by = [&](int step) {
    for (size_t i = 1; i < code_points.size(); ++i) {
      int64_t previous = code_points[i - 1], current = code_points[i];
      bool digit_wrap = (step == 1 && previous == '9' && current == '0') ||
                        (step == -1 && previous == '0' && current == '9');
      if (current - previous != step && !digit_wrap) return false;
    }
    return true;
  };
  return code_points.size() > 1 && (steps_by(1) || steps_by(-1));
}

Error Refuse(std::string code, std::string message) {
  return InvalidArgument(std::move(code), std::move(message)).With("field", "password");
}

}  // namespace

std::optional<size_t> CountCodePoints(std::string_view text) {
  auto code_points = DecodeUtf8(text);
  if (!code_points) return std::nullopt;
  return code_points->size();
}

bool IsCommonPassword(std::string_view password) {
  std::string lowered(password);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  auto common = CommonPasswords();
  // A linear scan: the list is a few hundred entries and this runs once per
  // sign-up, next to an argon2id hash that costs a thousand times more.
  return std::find(common.begin(), common.end(), lowered) != common.end();
}

Status CheckPassword(std::string_view password) {
  auto code_points = DecodeUtf8(password);
  if (!code_points || std::any_of(code_points->begin(), code_points->end(), IsControl)) {
    return Refuse("password_invalid", "password must be UTF-8 text without control characters");
  }
  if (code_points->size() < kPasswordCodePointsMin) {
    return Refuse("password_too_short", "password must be at least " +
                                            std::to_string(kPasswordCodePointsMin) +
                                            " characters long");
  }
  if (code_points->size() > kPasswordCodePointsMax) {
    return Refuse("password_too_long", "password must be at most " +
                                           std::to_string(kPasswordCodePointsMax) +
                                           " characters long");
  }
  if (std::all_of(code_points->begin(), code_points->end(), IsWhitespace) ||
      IsRepeatedChunk(*code_points) || IsRun(*code_points) || IsCommonPassword(password)) {
    return Refuse("password_too_common",
                  "password is too easy to guess; a few unrelated words make a good one");
  }
  return OkStatus();
}

}  // namespace shrimp::accounts
